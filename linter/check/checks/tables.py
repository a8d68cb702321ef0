"""Checks on whole tables: found or not, read or not, complete or not."""

from __future__ import annotations

import re

from ...bind import BoundReport
from ...bind.binder import BoundTable
from ...bind.labels import display
from ...read.model import Cell, Paragraph, Table
from ..findings import Finding, at_cell
from ..rules import Rule
from ..wording import quoted, row_label, say, section_title

# What shows that a report holds a statistics table of a section, in its table-like lines.
_SIGNS = {
    "active": re.compile(r"第二十[条條]第[（(][一五六八九][）)]项|第二十[条條]第[（(][一五六八九][）)]項"),
    "apply": re.compile(r"申请人情[况況]|申請人情況|本年新收[政府信息公开申请]*数量|本年新收.{0,8}申[请請]"),
    "review": re.compile(r"未经复议直接起诉|未經復議直接起訴|复议后起诉|復議後起訴"),
    "stats": re.compile(r"统\s*计\s*指\s*标|統\s*計\s*指\s*標|政府信息公开(?:工作)?情况统计表"),
}
_DIGIT = re.compile(r"\d")
NEARBY_LINES = 60


def signs_of_tables(report: BoundReport) -> dict[str, Cell]:
    """For each section whose table the report seems to hold (its caption or header words in a
    line that is not prose, with numbers in the lines after), where the first sign stands."""
    found: dict[str, Cell] = {}
    blocks = report.document.blocks
    lines = [(cell, block) for block in blocks if isinstance(block, Table) for cell in block.cells]
    lines += [(_line_cell(line), block) for block in blocks if isinstance(block, Paragraph) and block.heading
              for line in block.lines]
    lines.sort(key=lambda item: (item[0].line, item[0].column))
    numbers = sorted(cell.line for block in blocks if isinstance(block, Table) for cell in block.cells
                     if _DIGIT.search(cell.text))
    for cell, _ in lines:
        for section, sign in _SIGNS.items():
            if section in found or not sign.search(cell.text):
                continue
            if any(cell.line <= line <= cell.line + NEARBY_LINES for line in numbers):
                found[section] = cell
    return found


def _line_cell(line) -> Cell:
    return Cell(line.text, line.line, line.column, line.line, line.column + len(line.text), origin=line.origin)


def no_tables(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """No placeholders. Only where nothing suggests a table either (see ``unread_tables``)."""
    if report.binding.tables or report.binding.glued or signs_of_tables(report):
        return []
    first = Cell("", 1, 1, 1, 1)
    return [at_cell(rule.id, severity, say(rule.message), report.path, first, context="no-tables", title=rule.title)]


def unread_tables(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{section}: the table; {reason}: why it could not be read."""
    english = lang == "en"
    findings = []
    bound = {table.section.name for table in report.binding.tables}
    glued: dict[str, Cell] = {}
    for table, cell in report.binding.glued:
        glued.setdefault(table.section.name, cell)
    for name, cell in sorted(signs_of_tables(report).items(), key=lambda item: item[1].line):
        if name in bound and name not in glued:
            continue
        if name in glued:
            cell = glued[name]
            reason = (f"its cells are glued together (“{cell.text}”), so the numbers cannot be told apart"
                      if english else f"单元格的数字连在了一起（“{cell.text}”），无法分清各个数")
        else:
            reason = ("no row of it matched the template's row labels" if english
                      else "没有一行能对上模板的行标签")
        message = say(rule.message, section=section_title(name, lang), reason=reason)
        findings.append(at_cell(rule.id, severity, message, report.path, cell, context=f"unread|{name}",
                                title=rule.title))
    return findings


def empty_tables(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{section}: the table; {count}: how many cells it has, all empty."""
    findings = []
    for table in report.binding.tables:
        facts = list(table.facts.values())
        if facts and all(fact.status == "blank" for fact in facts):
            message = say(rule.message, section=section_title(table.section.name, lang), count=len(facts))
            findings.append(at_cell(rule.id, severity, message, report.path, facts[0].cell,
                                    related=[fact.cell for fact in facts[1:40]],
                                    context=f"{table.template.id}|{table.section.name}|empty", title=rule.title))
    return findings


def cut_off(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{label}: the last row present; {count}: rows missing after it; {next}: the first of them;
    {section}: the table."""
    findings = []
    for table in report.binding.tables:
        last = table.cut_after
        if last is None:
            continue
        after = [row for row in table.missing_rows if row.order > last.row.order]
        short = len(last.placed) < len(last.row.columns)
        cell = (last.value_cells or last.label_cells or last.cells)[-1]
        next_label = display(after[0].label if after else last.row.label)
        message = say(rule.message, label=row_label(last), count=len(after) + (1 if short else 0),
                      next=next_label, section=section_title(table.section.name, lang))
        findings.append(at_cell(rule.id, severity, message, report.path, cell,
                                context=f"{table.template.id}|{table.section.name}|{last.row.key}",
                                title=rule.title))
    return findings


def missing_rows(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{labels}: the missing rows; {count}: how many; {before}: the row they should precede."""
    findings = []
    for table in report.binding.tables:
        limit = table.cut_after.row.order if table.cut_after else len(table.section.rows)
        missing = [row for row in table.missing_rows if row.order < limit]
        bound = sorted((row for row in table.rows if row.row), key=lambda row: row.row.order)
        for gap in _runs(missing):
            following = next((row for row in bound if row.row.order > gap[-1].order), None)
            anchor = following.label_cells[0] if following and following.label_cells else \
                (following.cells[0] if following else table_end(table))
            message = say(rule.message, labels=quoted((display(row.label) for row in gap), lang), count=len(gap),
                          before=row_label(following) if following else "")
            findings.append(at_cell(rule.id, severity, message, report.path, anchor,
                                    context=f"{table.template.id}|{gap[0].key}", title=rule.title))
    return findings


def _runs(rows):
    """Consecutive template rows, grouped."""
    run = []
    for row in rows:
        if run and row.order != run[-1].order + 1:
            yield run
            run = []
        run.append(row)
    if run:
        yield run


def table_end(table: BoundTable) -> Cell:
    cells = [cell for row in table.rows for cell in row.cells]
    return max(cells, key=lambda cell: (cell.line, cell.column)) if cells else Cell("", table.line, 1, table.line, 1)


def missing_sections(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{section}: the missing table's title; {template}: the template id. A table the report
    seems to hold but that could not be read is ``unread_tables``', not this check's."""
    findings = []
    tables = report.binding.tables
    seen = signs_of_tables(report)
    for template_id in dict.fromkeys(table.template.id for table in tables):
        own = [table for table in tables if table.template.id == template_id]
        template = own[0].template
        present = {table.section.name for table in own}
        for name, section in template.sections.items():
            if name in present or name in seen:
                continue
            title = section_title(name, lang) if lang == "en" else section.title
            message = say(rule.message, section=title, template=template_id)
            findings.append(at_cell(rule.id, severity, message, report.path, table_end(own[-1]),
                                    context=f"{template_id}|{name}", title=rule.title))
    return findings
