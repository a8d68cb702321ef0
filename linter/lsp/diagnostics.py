"""Findings as the protocol's diagnostics.

Each diagnostic carries the rule's code with a link to the rule's documentation
(``codeDescription``: the address the editor configured, or the rule file that
defines and explains the rule), the cells the rule compared as
``relatedInformation``, and ``gxlint`` as its source.

Where a diagnostic goes depends on what the editor holds:

- plain text and Markdown: the finding's own range, in the editor's code units;
- a saved web page (``.html``): the place of the cell in the page's source;
- Word and PDF files, read from disk: the start of the file, the message saying
  where (``第 2 个表格第 5 行第 3 格``), since the editor shows no text to point into.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from lsprotocol import types

from ..check.findings import Finding, Location
from ..check.wording import fact_label, format_number
from .analysis import Analysis
from .positions import LineIndex

SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
              "info": types.DiagnosticSeverity.Information}
SOURCE = "gxlint"
RELATED = {"zh": "相关位置", "en": "related place"}
FIGURE_RE = re.compile(r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?[%％]?")


class Placer:
    """Ranges in the editor's text for places in the report's plain-text rendering."""

    def __init__(self, analysis: Analysis, encoding: str, disk: bool):
        self.analysis = analysis
        self.disk = disk
        document = analysis.document
        self.kind = document.kind if document is not None else "text"
        self.text_index = LineIndex(document.text if document is not None else analysis.source or "", encoding)
        self.source_index = LineIndex(analysis.source or "", encoding)

    def range(self, line: int, column: int, end_line: int | None, end_column: int | None,
              origin=None) -> types.Range:
        if self.disk:
            return types.Range(types.Position(0, 0), types.Position(0, 0))
        if self.kind == "html":
            return self._in_source(line, column, end_line, end_column, origin)
        return self.text_index.range(line, column, end_line, end_column)

    def _in_source(self, line, column, end_line, end_column, origin) -> types.Range:
        """A cell of a web page: its text in the page's source, when the source holds it as shown
        inside the element the origin points at (``<td>5475</td>``); else the element's start."""
        if origin is None or origin.line is None:
            start = types.Position(0, 0)
            return types.Range(start, start)
        shown = self.text_index.line_text(line)[column - 1:end_column - 1] if end_line == line and end_column else ""
        at = origin.column or 1
        written = self.source_index.line_text(origin.line)
        found = written.find(shown, at - 1) if shown else -1
        if found < 0 or "</" in written[at - 1:found]:
            return self.source_index.range(origin.line, at)
        return self.source_index.range(origin.line, found + 1, origin.line, found + 1 + len(shown))


def diagnostics(analysis: Analysis, uri: str, encoding: str, lang: str, disk: bool,
                rule_docs: str | None = None) -> list[types.Diagnostic]:
    if analysis.excluded:
        return []
    if analysis.problem is not None:
        return [_problem(analysis, encoding, disk)]
    placer = Placer(analysis, encoding, disk)
    return [_diagnostic(finding, analysis, placer, uri, lang, rule_docs) for finding in analysis.findings]


def _problem(analysis: Analysis, encoding: str, disk: bool) -> types.Diagnostic:
    problem = analysis.problem
    index = LineIndex(analysis.source or "", encoding)
    where = types.Range(types.Position(0, 0), types.Position(0, 0)) if disk else \
        index.range(problem.line, problem.column)
    return types.Diagnostic(range=where, message=problem.message, severity=types.DiagnosticSeverity.Error,
                            source=SOURCE)


def _diagnostic(finding: Finding, analysis: Analysis, placer: Placer, uri: str, lang: str,
                rule_docs: str | None) -> types.Diagnostic:
    message = finding.message
    if placer.disk and finding.origin is not None:
        message = f"{finding.origin.describe(lang)}{': ' if lang == 'en' else '：'}{message}"
    rule = analysis.loaded.ruleset.by_id(finding.rule) if analysis.loaded else None
    link = rule_link(rule, rule_docs) if rule is not None else None
    return types.Diagnostic(
        range=placer.range(finding.line, finding.column, finding.end_line, finding.end_column, finding.origin),
        message=message,
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        related_information=[_related(location, analysis, placer, uri, lang) for location in finding.related] or None,
    )


def _related(location: Location, analysis: Analysis, placer: Placer, uri: str,
             lang: str) -> types.DiagnosticRelatedInformation:
    if location.path:        # another file (last year's report): its own positions, as written
        other = Path(os.path.abspath(location.path)).as_uri()
        start = types.Position(max(0, location.line - 1), max(0, location.column - 1))
        return types.DiagnosticRelatedInformation(types.Location(other, types.Range(start, start)), RELATED[lang])
    where = placer.range(location.line, location.column, location.end_line, location.end_column, location.origin)
    fact = analysis.fact_starting(location.line, location.column)
    colon = ": " if lang == "en" else "："
    message = RELATED[lang]
    if fact is not None:
        shown = format_number(fact.value, lang) if fact.status == "number" else (fact.raw or "—")
        message = f"{fact_label(fact)}{colon}{shown}"
    elif not placer.disk:        # a figure in the prose
        figure = FIGURE_RE.match(placer.text_index.line_text(location.line), max(0, location.column - 1))
        if figure is not None:
            message = f"{message}{colon}{figure.group()}"
    if placer.disk and location.origin is not None:
        message = f"{location.origin.describe(lang)} {message}"
    return types.DiagnosticRelatedInformation(types.Location(uri, where), message)


def rule_link(rule, rule_docs: str | None) -> str | None:
    """The address of a rule's documentation: *rule_docs* with ``{code}`` filled in, else the rule
    file that defines it (its title, description and examples), at the rule's line."""
    if rule_docs:
        return rule_docs.replace("{code}", rule.id)
    if not rule.source or not os.path.isfile(rule.source):
        return None
    line = _rule_line(rule.source, rule.id, os.stat(rule.source).st_mtime)
    uri = Path(os.path.abspath(rule.source)).as_uri()
    return f"{uri}#L{line}" if line else uri


@lru_cache(maxsize=512)
def _rule_line(path: str, rule_id: str, _mtime: float) -> int:
    try:
        with open(path, encoding="utf-8") as stream:
            for number, text in enumerate(stream, start=1):
                if text.strip().lstrip("- ").replace('"', "").replace("'", "") == f"id: {rule_id}":
                    return number
    except (OSError, UnicodeDecodeError):
        pass
    return 0
