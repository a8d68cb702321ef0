"""Quick fixes that change the report, offered only where the right text is certain.

- A blank total whose parts are all numbers (``message_blank`` of a rule such as
  GX103 or GX201): the sum of its parts, computed by the rule's own identity
  (``total == sum(parts)``) over the facts read.
- A stated share that does not match its count and total (GX320): the share
  recomputed from the two figures the finding names, rounded half up to the
  decimals written.
- A row label that differs from the template (GX006): the template's label.

A fix is offered only when checking the report with the fix applied gives the
fixed finding no more and no finding that was not there before; otherwise the
editor gets no fix for it (the change is the author's to make).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..check.engine import scopes
from ..check.expr import Compare, EvalError, Key, evaluate, keys_in
from ..check.findings import Finding
from ..check.prose import stated_number
from .analysis import Analysis, Settings, analyse

SHARE_RULE, LABEL_RULE = "GX320", "GX006"
FIGURE_RE = re.compile(r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

TITLES = {
    "zh": {"total": "填入各分项之和 {value}", "share": "改为 {value}", "label": "改为模板的标签“{value}”"},
    "en": {"total": "Fill in the sum of the parts, {value}", "share": "Change to {value}",
           "label": "Use the template's label “{value}”"},
}


@dataclass(frozen=True)
class Edit:
    """Replace (line, column)–(end_line, end_column) of the report's text (gxlint's places) by *text*."""
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Fix:
    title: str
    finding: Finding
    edit: Edit


def fixes_for(analysis: Analysis, finding: Finding, settings: Settings) -> list[Fix]:
    """The certain fixes of *finding* (at most one)."""
    if analysis.report is None or analysis.document.kind != "text":
        return []
    fix = _candidate(analysis, finding, settings.lang)
    if fix is None or not _holds(analysis, fix, settings):
        return []
    return [fix]


def _candidate(analysis: Analysis, finding: Finding, lang: str) -> Fix | None:
    if finding.rule == SHARE_RULE:
        return _share(analysis, finding, lang)
    if finding.rule == LABEL_RULE:
        return _label(analysis, finding, lang)
    return _blank_total(analysis, finding, lang)


def _blank_total(analysis: Analysis, finding: Finding, lang: str) -> Fix | None:
    rule = analysis.loaded.ruleset.by_id(finding.rule)
    if rule is None or rule.kind != "assert" or not rule.message_blank:
        return None
    for template_id, facts in scopes(analysis.report.binding.tables):
        for instance in analysis.loaded.ruleset.instances(rule, template_id):
            total = _sum_for(instance.assertion, facts, finding)
            if total is not None:
                fact, value = total
                text = format(value, "f")
                return Fix(TITLES[lang]["total"].format(value=text), finding,
                           Edit(fact.cell.line, fact.cell.column, fact.cell.line, fact.cell.column, text))
    return None


def _sum_for(node, facts: dict, finding: Finding):
    """(the blank total, the value of its parts) when *node* is ``total == parts`` with that total
    blank at the finding's place and every part a number in the template's own unit."""
    if not (isinstance(node, Compare) and node.op == "==" and isinstance(node.left, Key)):
        return None
    total = facts.get(node.left.key)
    if total is None or total.status != "blank" or (total.cell.line, total.cell.column) != (finding.line, finding.column):
        return None
    parts = [facts.get(key) for key in keys_in(node.right, facts)]
    if not parts or any(part is None or part.status != "number" or part.written != part.value for part in parts):
        return None
    if total.unit and total.unit != (total.column.unit or total.row.unit):
        return None
    try:
        value = evaluate(node.right, facts)
    except EvalError:
        return None
    return (total, value) if isinstance(value, Decimal) else None


def _share(analysis: Analysis, finding: Finding, lang: str) -> Fix | None:
    """The stated percentage's digits replaced by count ÷ total, at the decimals written."""
    if len(finding.related) != 2 or finding.line != finding.end_line:
        return None
    text = analysis.document.text.split("\n")
    stated_text = text[finding.line - 1][finding.column - 1:finding.end_column - 1]
    figures = [_figure_at(text, location.line, location.column) for location in finding.related]
    stated_match = FIGURE_RE.match(stated_text)
    if stated_match is None or None in figures:
        return None
    count, total = figures
    stated = stated_number(stated_match.group())
    if stated is None or not total:
        return None
    places = max(0, -stated.as_tuple().exponent)
    value = (count * 100 / total).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    written = format(value, "f")                        # written as the report wrote the share
    if any("０" <= char <= "９" for char in stated_match.group()):
        written = written.translate(_FULL_WIDTH)
    if "．" in stated_match.group():
        written = written.replace(".", "．")
    shown = written + stated_text[stated_match.end():]
    edit = Edit(finding.line, finding.column, finding.line, finding.column + stated_match.end(), written)
    return Fix(TITLES[lang]["share"].format(value=shown), finding, edit)


def _figure_at(lines: list[str], line: int, column: int) -> Decimal | None:
    if not 1 <= line <= len(lines):
        return None
    match = FIGURE_RE.match(lines[line - 1], column - 1)
    return stated_number(match.group()) if match else None


def _label(analysis: Analysis, finding: Finding, lang: str) -> Fix | None:
    """The label cell replaced by the template's label, where the row's label is that one cell."""
    for table in analysis.report.binding.tables:
        for row in table.rows:
            if row.row is None or len(row.label_cells) != 1:
                continue
            cell = row.label_cells[0]
            if (cell.line, cell.column) != (finding.line, finding.column) or cell.end_line not in (None, cell.line):
                continue
            if not row.row.label or cell.text == row.row.label:
                return None
            return Fix(TITLES[lang]["label"].format(value=row.row.label), finding,
                       Edit(cell.line, cell.column, cell.line, cell.end_column, row.row.label))
    return None


def apply(text: str, edit: Edit) -> str:
    """*text* with *edit* made (places as in gxlint: lines and columns from 1, in characters)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:edit.line - 1]) + edit.column - 1
    end = sum(len(line) + 1 for line in lines[:edit.end_line - 1]) + edit.end_column - 1
    return text[:start] + edit.text + text[end:]


def _holds(analysis: Analysis, fix: Fix, settings: Settings) -> bool:
    """Checking the fixed text: the finding is gone, and nothing new is found."""
    after = analyse(analysis.path, apply(analysis.document.text, fix.edit), settings)
    if after.problem is not None or after.report is None:
        return False
    before = Counter(finding.fingerprint() for finding in analysis.findings)
    found = Counter(finding.fingerprint() for finding in after.findings)
    target = fix.finding.fingerprint()
    return found[target] < before[target] and all(found[key] <= before[key] for key in found)
