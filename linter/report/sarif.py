"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning and other viewers read it.

One run. ``tool.driver`` names gxlint and its version (and ``informationUri``
when the installed package declares a home page), and lists every loaded rule (``id``, ``name``,
``shortDescription`` from its title, ``fullDescription`` and ``help`` from its
description and examples, ``defaultConfiguration.level``); each result has its
``ruleId`` and ``ruleIndex``, ``level`` (``error``, ``warning``, ``note`` for
info, after configured severities), ``message.text``, one location with the
path relative to the working directory (``uriBaseId`` ``%SRCROOT%``) and a
region (``startLine``, ``startColumn``, ``endLine``, ``endColumn``, the end
column one past the last character; an empty cell's region is empty), the other cells it read as
``relatedLocations`` (a cross-year rule's cells of last year's report with that file's own
``artifactLocation``), and ``partialFingerprints``.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as in
every gxlint format. ``partialFingerprints`` holds gxlint's own fingerprint
(``gxlint/v1``), which leaves out the line number, and the same value with an
occurrence count as ``primaryLocationLineHash``, the key code scanning matches
alerts by, so that an alert survives text inserted above it whether the file is
uploaded by ``github/codeql-action/upload-sarif`` or through the API.

Files that could not be read are reported as tool execution notifications,
and ``executionSuccessful`` is then false.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .jsonutil import dumps

from typing import TextIO

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
MAX_DESCRIPTION = 1024
MAX_NAME = 255


def one_line(text: str) -> str:
    """Wrapped lines joined: with a space between words, without one between Chinese characters."""
    joined = ""
    for line in (line.strip() for line in text.strip().splitlines()):
        if joined and line and (joined[-1].isascii() and line[0].isascii()):
            joined += " "
        joined += line
    return joined


def _clip(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _help(rule, lang: str) -> tuple[str, str]:
    description = (rule.text("description", lang) or rule.text("title", lang)).strip()
    headings = {"pass": "Passing example:" if lang == "en" else "通过的示例：",
                "fail": "Failing example:" if lang == "en" else "报错的示例：",
                "previous": "Last year's report, for the examples:" if lang == "en" else "上一年的报告（示例用）："}
    text, markdown = [description], [description]
    for kind in ("previous", "pass", "fail"):
        if kind in rule.examples:
            example = rule.examples[kind].rstrip("\n")
            text.append(f"{headings[kind]}\n{example}")
            markdown.append(f"**{headings[kind]}**\n\n```text\n{example}\n```")
    return "\n\n".join(text), "\n\n".join(markdown)


def information_uri() -> str | None:
    """The project's address from the installed package's metadata, when it declares one."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata
        meta = metadata("gxlint")
    except (ImportError, PackageNotFoundError):
        return None
    urls = [meta.get("Home-page")] + [entry.split(",", 1)[-1].strip() for entry in meta.get_all("Project-URL") or []]
    return next((url for url in urls if url and url.startswith(("https://", "http://"))), None)


def rule_descriptor(rule, lang: str = "zh") -> dict:
    title = rule.text("title", lang)
    text, markdown = _help(rule, lang)
    return {
        "id": rule.id,
        "name": _clip(title, MAX_NAME),
        "shortDescription": {"text": _clip(title, MAX_DESCRIPTION)},
        "fullDescription": {"text": _clip(rule.text("description", lang) or title, MAX_DESCRIPTION)},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["gxlint", rule.kind]},
    }


def artifact_uri(path: str, cwd: str) -> dict:
    """A relative URI under %SRCROOT% when *path* is inside the working directory, else a file URI."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, cwd)
    if relative.startswith(os.pardir) or os.path.isabs(relative):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(relative.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def _region(line: int, column: int, end_line: int | None, end_column: int | None) -> dict:
    # An empty cell gives an empty region (end == start), as in every other format.
    if not end_line or not end_column or (end_line, end_column) < (line, column):
        end_line, end_column = line, column
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _location(artifact: dict, region: dict, origin=None) -> dict:
    location = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
    if origin is not None:      # where a person finds it in the Word, PDF or HTML file itself
        location["properties"] = {"gxlint/location": origin.as_dict()}
    return location


def _result(finding, artifact: dict, index: dict, occurrence: int, cwd: str) -> dict:
    fingerprint = finding.fingerprint()
    result = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result.update({
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(artifact, _region(finding.line, finding.column, finding.end_line, finding.end_column),
                                finding.origin)],
        "partialFingerprints": {"gxlint/v1": fingerprint, "primaryLocationLineHash": f"{fingerprint}:{occurrence}"},
    })
    if finding.related:
        result["relatedLocations"] = [
            {"id": number, **_location(artifact_uri(place.path, cwd) if place.path else artifact,
                                       _region(place.line, place.column, place.end_line, place.end_column),
                                       place.origin)}
            for number, place in enumerate(finding.related, start=1)]
    return result


def _notification(result, artifact: dict) -> dict:
    return {"level": "error", "message": {"text": result.error},
            "locations": [{"physicalLocation": {"artifactLocation": artifact}}]}


def sarif_log(results, rules, lang: str = "zh", cwd: str | None = None) -> dict:
    cwd = os.path.abspath(cwd or os.getcwd())
    rules = sorted(rules, key=lambda rule: rule.id)
    index = {rule.id: number for number, rule in enumerate(rules)}
    seen: Counter = Counter()
    findings, notifications = [], []
    for result in results:
        artifact = artifact_uri(result.path, cwd)
        if result.error:
            notifications.append(_notification(result, artifact))
        for finding in result.findings:
            seen[(result.path, finding.fingerprint())] += 1
            findings.append(_result(finding, artifact, index, seen[(result.path, finding.fingerprint())], cwd))
    driver = {"name": "gxlint", "version": __version__, "semanticVersion": __version__}
    homepage = information_uri()
    if homepage:
        driver["informationUri"] = homepage
    driver["rules"] = [rule_descriptor(rule, lang) for rule in rules]
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"uri": Path(cwd).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "results": findings,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write(results, out: TextIO, rules, lang: str = "zh") -> None:
    out.write(dumps(sarif_log(results, rules, lang)) + "\n")
