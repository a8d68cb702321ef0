"""Baselines: accept today's findings in old drafts, report only new ones.

``gxlint --write-baseline FILE PATH...`` records every finding of the run;
``gxlint --baseline FILE PATH...`` then reports only findings that FILE does
not hold. A finding is matched by its file, its rule and its fingerprint
(:meth:`linter.check.findings.Finding.fingerprint`: what the finding is about, such
as the template, row and column of the cell, without its line number), so
inserting or deleting text elsewhere in a report does not bring a recorded
finding back, and the same problem in the same cell stays recorded when its
numbers change; a finding in another cell or under another rule is new. When
a file holds the same finding twice, the baseline absorbs as many as it
recorded.

File names are stored relative to the baseline file's folder, so the baseline
works from any working directory. The file is JSON::

    {"gxlint_baseline": 1,
     "findings": [{"path": "drafts/a.txt", "rule": "GX008", "fingerprint": "…",
                   "line": 302, "message": "…"}]}

``line`` and ``message`` are there for people reading the file; matching does
not use them.
"""

from __future__ import annotations

import json
import os
from collections import Counter

from ..datafiles import DataFileError, read_limited
from ..messages import TwoLanguageError

FORMAT_VERSION = 1
MAX_BASELINE = 64 * 1024 * 1024


class BaselineError(TwoLanguageError):
    """A baseline file that cannot be read or written: one line, in Chinese and English."""


def _key_path(path: str, folder: str) -> str:
    if path == "-":
        return path
    relative = os.path.relpath(os.path.abspath(path), folder)
    return relative.replace(os.sep, "/")


def _folder(baseline: str) -> str:
    return os.path.dirname(os.path.abspath(baseline))


def write(baseline: str, results) -> int:
    """Record every finding of *results* in *baseline*; return how many."""
    folder = _folder(baseline)
    entries = [{"path": _key_path(finding.path, folder), "rule": finding.rule,
                "fingerprint": finding.fingerprint(), "line": finding.line, "message": finding.message}
               for result in results for finding in result.findings]
    entries.sort(key=lambda entry: (entry["path"], entry["line"], entry["rule"], entry["fingerprint"]))
    text = json.dumps({"gxlint_baseline": FORMAT_VERSION, "findings": entries}, ensure_ascii=False, indent=2)
    try:
        with open(baseline, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
    except OSError as error:
        raise BaselineError(f"{baseline}：无法写入基线文件（{error.strerror or error}）",
                            f"{baseline}: cannot write the baseline ({error.strerror or error})") from None
    return len(entries)


def read(baseline: str) -> Counter:
    """The recorded findings, as a count per (path, rule, fingerprint)."""
    if not os.path.exists(baseline):
        raise BaselineError(f"{baseline}：基线文件不存在（先用 --write-baseline 生成）",
                            f"{baseline}: no such baseline (make one with --write-baseline)")
    try:
        data = json.loads(read_limited(baseline, MAX_BASELINE, "基线文件").decode("utf-8"))
    except DataFileError as error:
        raise BaselineError(f"{baseline}：{error}", f"{baseline}: {error.english}") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = "嵌套过深" if isinstance(error, RecursionError) else error
        raise BaselineError(f"{baseline}：无法读取基线文件（{reason}）", f"{baseline}: cannot read the baseline ({reason})") \
            from None
    entries = data.get("findings") if isinstance(data, dict) and data.get("gxlint_baseline") == FORMAT_VERSION else None
    if not isinstance(entries, list) or not all(
            isinstance(entry, dict) and all(isinstance(entry.get(key), str) for key in ("path", "rule", "fingerprint"))
            for entry in entries):
        raise BaselineError(f"{baseline}：不是 gxlint 基线文件", f"{baseline}: not a gxlint baseline")
    return Counter((entry["path"], entry["rule"], entry["fingerprint"]) for entry in entries)


def new_findings(results, recorded: Counter, baseline: str) -> None:
    """Drop from each result the findings *recorded* holds (in place)."""
    folder = _folder(baseline)
    remaining = Counter(recorded)
    for result in results:
        kept = []
        for finding in result.findings:
            key = (_key_path(finding.path, folder), finding.rule, finding.fingerprint())
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        result.findings = kept
