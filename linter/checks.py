"""Built-in checks on table structure, named by the ``check:`` key of a rule.

=====================  ===========================================================
``blank_cells``        cells left blank in a table that holds numbers (one finding
                       a row); ``——`` is "not applicable" and is not blank
``unknown_rows``       rows with numbers whose label matches no template row
``label_variants``     rows bound by a near-miss label or by position
``unit_mismatch``      a unit other than the template's (期 for 条, 元 for 万元)
``cut_off``            a table that stops before the template ends
``missing_rows``       template rows absent in the middle of a table
``missing_sections``   a 2019/2021 report without one of its three tables
``extra_cells``        numbers beyond a row's columns, or on a heading row
``invalid_values``     text where a number belongs
``negative_counts``    a negative number where only a change may be negative
``fractional_counts``  a fraction where a count belongs
``no_tables``          no statistics table recognised at all
=====================  ===========================================================

Placeholders the messages may use are listed with each function.

The engine hands each check its rule with ``title`` and ``message`` already in
the chosen language (:func:`linter.engine.call_check`); checks that put words of
their own into a placeholder (a list joined with 、, a table's name) also take
``lang``.
"""

from __future__ import annotations

from collections.abc import Callable

from .binder import BoundRow, BoundTable, Fact
from .document import LoadedReport
from .engine import fact_label, format_number
from .findings import Finding, at_cell
from .labels import display, normalize
from .messages import fill
from .model import Cell
from .rows import is_unit
from .rules import Rule
from .values import MONEY_UNITS, NUMBER, parse_value

COUNT_UNITS = {"件", "条", "次", "个", "人", "人次", "篇", "期", "项", "名", "场"}
SECTION_TITLES = {"stats": "政府信息公开情况统计表", "active": "主动公开政府信息情况表",
                  "apply": "收到和处理政府信息公开申请情况表", "review": "行政复议、行政诉讼情况表"}
SECTION_TITLES_EN = {"stats": "the statistics table", "active": "the proactive disclosure table",
                     "apply": "the table of applications", "review": "the review and litigation table"}


def _section_title(name: str, lang: str) -> str:
    return (SECTION_TITLES_EN if lang == "en" else SECTION_TITLES)[name]


def _say(rule: Rule, **values) -> str:
    return fill(rule.message, {name: str(value) for name, value in values.items()})


def _quoted(labels, lang: str = "zh") -> str:
    return (", " if lang == "en" else "、").join(f"“{label}”" for label in labels)


def _row_label(row: BoundRow) -> str:
    return display(row.label or (row.row.label if row.row else ""))


def blank_cells(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{cells}: the blank cells named; {label}: the row; {count}: how many."""
    findings = []
    for table in report.binding.tables:
        facts = list(table.facts.values())
        if not any(fact.status == "number" for fact in facts):
            continue
        by_row: dict[int, list[Fact]] = {}
        for fact in facts:
            if fact.status == "blank" and fact.column.required and not fact.row.optional:
                by_row.setdefault(id(fact.row), []).append(fact)
        for blanks in by_row.values():
            first = blanks[0]
            label = display(first.label or first.row.label)
            if len(first.row.columns) == 1:
                cells = f"“{label}”"
            elif first.row.unlabeled:
                cells = _quoted((f"{fact.column.group_label}{fact.column.label}" for fact in blanks), lang)
            elif lang == "en":
                cells = f"“{label}” (" + _quoted((fact.column.label for fact in blanks), lang) + ")"
            else:
                cells = f"“{label}”一行的" + _quoted(fact.column.label for fact in blanks)
            message = _say(rule, cells=cells, label=label, count=len(blanks))
            findings.append(at_cell(rule.id, severity, message, report.path, first.cell,
                                    related=[fact.cell for fact in blanks[1:]],
                                    context=f"{table.template.id}|{first.key}", title=rule.title))
    return findings


def unknown_rows(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{label}: the row's label; {section}: the table."""
    findings = []
    for table in report.binding.tables:
        for row in table.rows:
            if row.row is None and row.label_cells and any(_is_number(cell) for cell in row.value_cells):
                message = _say(rule, label=display(row.label), section=_section_title(table.section.name, lang))
                findings.append(at_cell(rule.id, severity, message, report.path, row.label_cells[-1],
                                        context=f"{table.template.id}|{normalize(row.label)}", title=rule.title))
    return findings


def _is_number(cell: Cell) -> bool:
    return parse_value(cell.text).kind == NUMBER


def label_variants(report: LoadedReport, rule: Rule, severity: str) -> list[Finding]:
    """{label}: as written; {expected}: the template's label."""
    findings = []
    for table in report.binding.tables:
        for row in table.rows:
            if row.row is not None and row.match in ("near", "position") and row.label_cells:
                message = _say(rule, label=display(row.label), expected=display(row.row.label))
                findings.append(at_cell(rule.id, severity, message, report.path, row.label_cells[-1],
                                        context=f"{table.template.id}|{row.row.key}|{normalize(row.label)}",
                                        title=rule.title))
    return findings


def _same_unit(written: str, expected: str) -> bool:
    if written == expected:
        return True
    money = {"万": "万元"}
    return money.get(written, written) == money.get(expected, expected)


def unit_mismatch(report: LoadedReport, rule: Rule, severity: str) -> list[Finding]:
    """{label}: the row; {unit}: as written; {expected}: the template's unit; {value}: converted value."""
    findings = []
    for table in report.binding.tables:
        for row in table.rows:
            if row.row is None or row.row.group:
                continue
            facts = [fact for fact in table.facts.values() if fact.row is row.row]
            for fact in facts:
                expected = fact.column.unit or fact.row.unit
                if not expected or not fact.unit or _same_unit(fact.unit, expected):
                    continue
                converted = ""
                if fact.unit in MONEY_UNITS and expected in MONEY_UNITS and fact.value is not None:
                    converted = f"{format_number(fact.value)}{expected}"
                cell = row.unit_cell if row.unit_cell is not None and is_unit(row.unit_cell.text) else fact.cell
                message = _say(rule, label=fact_label(fact), unit=fact.unit, expected=expected, value=converted)
                findings.append(at_cell(rule.id, severity, message, report.path, cell,
                                        context=f"{table.template.id}|{fact.key}|{fact.unit}", title=rule.title))
                break
    return findings


def cut_off(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{label}: the last row present; {count}: rows missing after it; {next}: the first of them."""
    findings = []
    for table in report.binding.tables:
        last = table.cut_after
        if last is None:
            continue
        after = [row for row in table.missing_rows if row.order > last.row.order]
        short = len(last.value_cells) < len(last.row.columns)
        cell = (last.value_cells or last.label_cells or last.cells)[-1]
        next_label = display(after[0].label if after else last.row.label)
        message = _say(rule, label=_row_label(last), count=len(after) + (1 if short else 0),
                       next=next_label, section=_section_title(table.section.name, lang))
        findings.append(at_cell(rule.id, severity, message, report.path, cell,
                                context=f"{table.template.id}|{table.section.name}|{last.row.key}",
                                title=rule.title))
    return findings


def missing_rows(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{labels}: the missing rows; {count}: how many; {before}: the row they should precede."""
    findings = []
    for table in report.binding.tables:
        limit = table.cut_after.row.order if table.cut_after else len(table.section.rows)
        missing = [row for row in table.missing_rows if row.order < limit]
        bound = sorted((row for row in table.rows if row.row), key=lambda row: row.row.order)
        for gap in _runs(missing):
            following = next((row for row in bound if row.row.order > gap[-1].order), None)
            anchor = following.label_cells[-1] if following and following.label_cells else \
                (following.cells[0] if following else table_end(table))
            message = _say(rule, labels=_quoted((display(row.label) for row in gap), lang), count=len(gap),
                           before=_row_label(following) if following else "")
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
    last = table.rows[-1] if table.rows else None
    return last.cells[-1] if last and last.cells else Cell("", "", table.line, 1, table.line, 1)


def missing_sections(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{section}: the missing table's title; {template}: the template id."""
    findings = []
    tables = report.binding.tables
    for template_id in dict.fromkeys(table.template.id for table in tables):
        own = [table for table in tables if table.template.id == template_id]
        template = own[0].template
        present = {table.section.name for table in own}
        for name, section in template.sections.items():
            if name in present:
                continue
            anchor = table_end(own[-1])
            title = _section_title(name, lang) if lang == "en" else section.title
            message = _say(rule, section=title, template=template_id)
            findings.append(at_cell(rule.id, severity, message, report.path, anchor,
                                    context=f"{template_id}|{name}", title=rule.title))
    return findings


def extra_cells(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{value}: the extra number; {row}: its row, named; {reason}: why the template has no place
    for it; {label}: the row's label; {columns}: how many columns the row has.

    The numbers of a labelled row that is not in the template are ``unknown_rows``' (GX005).
    """
    findings = []
    for table in report.binding.tables:
        for row, cell in table.extra_cells:
            if row.row is None and row.label_cells:
                continue
            columns = len(row.row.columns) if row.row and not row.row.group else 0
            message = _say(rule, value=cell.text, label=_row_label(row), columns=columns,
                           row=_row_named(row, lang), reason=_no_place(row, cell, columns, lang))
            findings.append(at_cell(rule.id, severity, message, report.path, cell,
                                    context=f"{table.template.id}|{normalize(_row_label(row))}|{cell.text}",
                                    title=rule.title))
    return findings


def _row_named(row: BoundRow, lang: str) -> str:
    label = _row_label(row)
    if label:
        return f"the row “{label}”" if lang == "en" else f"“{label}”一行"
    line = row.cells[0].line
    return f"the unlabelled row on line {line}" if lang == "en" else f"第 {line} 行（没有行标签）"


def _no_place(row: BoundRow, cell: Cell, columns: int, lang: str) -> str:
    english = lang == "en"
    if row.row is None:
        return "it matches no row of the template" if english else "对不上模板的任何一行"
    if row.row.group:
        return "a heading row, without data columns" if english else "这是分组标题行，模板在这里没有数据列"
    if any(cell is placed for placed in row.value_cells[:columns]):
        return "the row's data were given before" if english else "这一行的数据在表中已出现过"
    return (f"the template row has {columns} data columns" if english
            else f"模板这一行只有 {columns} 个数据列")


def _fact_findings(report: LoadedReport, rule: Rule, severity: str,
                   test: Callable[[Fact], bool]) -> list[Finding]:
    findings = []
    for table in report.binding.tables:
        for fact in table.facts.values():
            if test(fact):
                message = _say(rule, label=fact_label(fact), raw=fact.raw.strip(),
                               value=format_number(fact.value) if fact.value is not None else fact.raw.strip())
                findings.append(at_cell(rule.id, severity, message, report.path, fact.cell,
                                        context=f"{table.template.id}|{fact.key}", title=rule.title))
    return findings


def invalid_values(report, rule, severity):
    """{label}: the cell; {raw}: what it holds."""
    return _fact_findings(report, rule, severity, lambda fact: fact.status == "text")


def negative_counts(report, rule, severity):
    """{label}: the cell; {value}: the number."""
    return _fact_findings(report, rule, severity,
                          lambda fact: fact.value is not None and fact.value < 0 and not fact.column.signed)


def _is_count(fact: Fact) -> bool:
    unit = fact.column.unit or fact.row.unit
    if fact.column.money or (unit and unit not in COUNT_UNITS) or (fact.unit and fact.unit not in COUNT_UNITS):
        return False
    return True


def fractional_counts(report, rule, severity):
    """{label}: the cell; {value}: the number."""
    return _fact_findings(report, rule, severity,
                          lambda fact: fact.value is not None and _is_count(fact)
                          and fact.written is not None and fact.written != fact.written.to_integral_value())


def no_tables(report: LoadedReport, rule: Rule, severity: str) -> list[Finding]:
    """No placeholders."""
    if report.binding.tables:
        return []
    first = Cell("", "", 1, 1, 1, 1)
    return [at_cell(rule.id, severity, _say(rule), report.path, first, context="no-tables", title=rule.title)]


CHECKS: dict[str, Callable[[LoadedReport, Rule, str], list[Finding]]] = {
    "blank_cells": blank_cells,
    "unknown_rows": unknown_rows,
    "label_variants": label_variants,
    "unit_mismatch": unit_mismatch,
    "cut_off": cut_off,
    "missing_rows": missing_rows,
    "missing_sections": missing_sections,
    "extra_cells": extra_cells,
    "invalid_values": invalid_values,
    "negative_counts": negative_counts,
    "fractional_counts": fractional_counts,
    "no_tables": no_tables,
}


def _add_prose_and_date_checks() -> None:
    # Imported here: those modules build on this one's neighbours (engine, rules).
    from .date_checks import DATE_CHECKS
    from .mentions import check_mentions, shares

    CHECKS.update(DATE_CHECKS)
    CHECKS["shares"] = shares
    CHECKS["mention"] = check_mentions       # run once for all mention rules, not by `check:`


_add_prose_and_date_checks()
