"""``--format json``: findings for programs.

::

    {"files": [{"path": ..., "templates": ["2019"], "findings": [
        {"rule": "GX201", "severity": "error", "line": N, "column": N, "end_line": N,
         "end_column": N, "message": ..., "title": ..., "related": [{"line": N, "column": N}]}]}],
     "summary": {"files": N, "findings": N, "error": N, "warning": N, "info": N, "unreadable": N}}

A file that could not be read has ``"error": message`` instead of templates.
``fingerprint`` identifies a finding without its line (see :mod:`linter.baseline`).
With ``--statistics`` a field ``"statistics": [{"rule", "severity", "count",
"title"}]`` is added (see :mod:`linter.reporters.statistics`).
"""

from __future__ import annotations


from .jsonutil import dumps

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from typing import TextIO


def finding_json(finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "message": finding.message,
        "title": finding.title,
        "related": [{"line": r.line, "column": r.column} for r in finding.related],
        "fingerprint": finding.fingerprint(),
    }


def summary(results) -> dict:
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return {"files": len(results), "findings": sum(counts.values()), **counts,
            "unreadable": sum(1 for result in results if result.error)}


def write(results, out: TextIO, statistics: list | None = None) -> None:
    files = []
    for result in results:
        entry: dict = {"path": result.path}
        if result.error:
            entry["error"] = result.error
        else:
            entry["templates"] = list(result.templates)
        entry["findings"] = [finding_json(finding) for finding in result.findings]
        files.append(entry)
    data = {"files": files, "summary": summary(results)}
    if statistics is not None:
        data["statistics"] = statistics
    out.write(dumps(data) + "\n")
