"""Checks on table rows: labels the template does not know, or knows by another name, and
values that have no place in their row."""

from __future__ import annotations

from ...bind import BoundReport
from ...bind.binder import BoundRow
from ...bind.labels import display, normalize
from ...bind.values import is_number
from ...read.model import Cell
from ..findings import Finding, at_cell
from ..rules import Rule
from ..wording import row_label, say, section_title


def unknown_rows(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{label}: the row's label; {section}: the table; {values}: the numbers it holds. Such a row
    (a provincial extension row, a label changed beyond recognition) is kept, not dropped."""
    findings = []
    for table in report.binding.tables:
        for row in table.rows:
            if row.row is None and row.label_cells and any(is_number(cell.text) for cell in row.value_cells):
                values = "、".join(cell.text for cell in row.value_cells if cell.text)
                message = say(rule.message, label=display(row.label), values=values,
                              section=section_title(table.section.name, lang))
                findings.append(at_cell(rule.id, severity, message, report.path, row.label_cells[0],
                                        related=row.value_cells,
                                        context=f"{table.template.id}|{normalize(row.label)}", title=rule.title))
    return findings


def label_variants(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{label}: as written; {expected}: the template's label."""
    findings = []
    for table in report.binding.tables:
        for row in table.rows:
            if row.row is not None and row.match in ("near", "position") and row.label_cells:
                message = say(rule.message, label=display(row.label), expected=display(row.row.label))
                findings.append(at_cell(rule.id, severity, message, report.path, row.label_cells[0],
                                        context=f"{table.template.id}|{row.row.key}|{normalize(row.label)}",
                                        title=rule.title))
    return findings


def extra_cells(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{value}: the extra number; {row}: its row, named; {reason}: why the template has no place
    for it; {label}: the row's label; {columns}: how many columns the row has.

    The numbers of a labelled row that is not in the template are ``unknown_rows``'.
    """
    findings = []
    for table in report.binding.tables:
        for row, cell in table.extra_cells:
            if row.row is None and row.label_cells:
                continue
            columns = len(row.row.columns) if row.row else 0
            message = say(rule.message, value=cell.text, label=row_label(row), columns=columns,
                          row=_row_named(row, lang), reason=_no_place(row, cell, columns, lang))
            findings.append(at_cell(rule.id, severity, message, report.path, cell,
                                    context=f"{table.template.id}|{normalize(row_label(row))}|{cell.text}",
                                    title=rule.title))
    return findings


def unplaced_rows(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{label}: the row; {count}: the numbers it holds; {columns}: the columns the template gives it.

    Where a layout drops blank cells without a trace (``pdftotext -raw``, columns no line shows),
    a row with fewer numbers than columns cannot be read: which cells were blank is not known."""
    findings = []
    for table in report.binding.tables:
        for row in table.rows:
            if row.unplaced and row.row is not None:
                message = say(rule.message, label=row_label(row), count=len(row.value_cells),
                              columns=len(row.row.columns))
                anchor = row.label_cells[0] if row.label_cells else row.value_cells[0]
                findings.append(at_cell(rule.id, severity, message, report.path, anchor, related=row.value_cells,
                                        context=f"{table.template.id}|{row.row.key}|unplaced", title=rule.title))
    return findings


def _row_named(row: BoundRow, lang: str) -> str:
    label = row_label(row)
    if label:
        return f"the row “{label}”" if lang == "en" else f"“{label}”一行"
    line = row.cells[0].line if row.cells else 0
    return f"the unlabelled row on line {line}" if lang == "en" else f"第 {line} 行（没有行标签）"


def _no_place(row: BoundRow, cell: Cell, columns: int, lang: str) -> str:
    english = lang == "en"
    if row.row is None:
        return "it matches no row of the template" if english else "对不上模板的任何一行"
    if any(cell is placed for _, placed in row.placed):
        return "the row's data were given before" if english else "这一行的数据在表中已出现过"
    return (f"the template row has {columns} data columns" if english
            else f"模板这一行只有 {columns} 个数据列")
