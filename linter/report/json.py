"""``--format json``: findings for programs.

::

    {"files": [{"path": ..., "templates": ["2019"], "findings": [
        {"rule": "GX201", "severity": "error", "line": N, "column": N, "end_line": N,
         "end_column": N, "message": ..., "title": ..., "related": [{"line": N, "column": N}]}]}],
     "summary": {"files": N, "findings": N, "error": N, "warning": N, "info": N, "unreadable": N}}

A file that could not be read has ``"error": message`` (and the ``line`` and
``column`` it concerns) instead of templates. For a Word, PDF or HTML file,
``line`` and ``column`` point into the text ``gxlint --text FILE`` prints, and
``location`` says where a person finds the place in the file itself (``kind``
``docx``: ``table``, ``row``, ``cell`` or ``paragraph``; ``pdf``: ``page``, ``line``;
``html``: ``line``, ``column`` in the page's source).
``fingerprint`` identifies a finding without its line (see :mod:`linter.cli.baseline`).
With ``--statistics`` a field ``"statistics": [{"rule", "severity", "count",
"title"}]`` is added, and ``"reports"``: one entry per report, by agency and year
(``agency``, ``year``, ``path``, ``templates``, ``unreadable``, ``error``, ``warning``,
``info``, ``cross_year``, ``carried_over``, ``carried_forward``, ``previous``; see
:mod:`linter.report.statistics`). A related location in another file (last year's
report, for the cross-year rules) has its ``path``.
"""

from __future__ import annotations


from .jsonutil import dumps

from typing import TextIO


def location_json(origin) -> dict | None:
    """Where a person finds the place in a Word, PDF or HTML file (None for plain text)."""
    return origin.as_dict() if origin is not None else None


def finding_json(finding) -> dict:
    data = {
        "rule": finding.rule,
        "severity": finding.severity,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "message": finding.message,
        "title": finding.title,
        "related": [_related(place) for place in finding.related],
        "fingerprint": finding.fingerprint(),
    }
    if finding.origin is not None:
        data["location"] = location_json(finding.origin)
    return data


def _related(place) -> dict:
    data = {"line": place.line, "column": place.column}
    if place.path:
        data["path"] = place.path
    if place.origin is not None:
        data["location"] = location_json(place.origin)
    return data


def summary(results) -> dict:
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return {"files": len(results), "findings": sum(counts.values()), **counts,
            "unreadable": sum(1 for result in results if result.error)}


def write(results, out: TextIO, statistics: list | None = None, reports: list | None = None) -> None:
    files = []
    for result in results:
        entry: dict = {"path": result.path}
        if result.error:
            entry["error"] = result.error
            entry["line"], entry["column"] = result.error_line, result.error_column
        else:
            entry["templates"] = list(result.templates)
        entry["findings"] = [finding_json(finding) for finding in result.findings]
        files.append(entry)
    data = {"files": files, "summary": summary(results)}
    if statistics is not None:
        data["statistics"] = statistics
    if reports is not None:
        data["reports"] = reports
    out.write(dumps(data) + "\n")
