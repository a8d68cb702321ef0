"""Checks on single cells: left blank, not a number, negative, fractional, in another unit."""

from __future__ import annotations

from collections.abc import Callable

from ...bind import BoundReport
from ...bind.binder import Fact
from ...bind.labels import display
from ...bind.values import MONEY_UNITS, is_unit
from ..findings import Finding, at_cell
from ..rules import Rule
from ..wording import fact_label, format_number, quoted, say

COUNT_UNITS = {"件", "条", "次", "个", "人", "人次", "篇", "期", "项", "名", "场"}


def blank_cells(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
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
                cells = quoted((f"{fact.column.group_label}{fact.column.label}" for fact in blanks), lang)
            elif lang == "en":
                cells = f"“{label}” (" + quoted((fact.column.label for fact in blanks), lang) + ")"
            else:
                cells = f"“{label}”一行的" + quoted(fact.column.label for fact in blanks)
            message = say(rule.message, cells=cells, label=label, count=len(blanks))
            findings.append(at_cell(rule.id, severity, message, report.path, first.cell,
                                    related=[fact.cell for fact in blanks[1:]],
                                    context=f"{table.template.id}|{first.key}", title=rule.title))
    return findings


def _fact_findings(report: BoundReport, rule: Rule, severity: str, test: Callable[[Fact], bool]) -> list[Finding]:
    findings = []
    for table in report.binding.tables:
        for fact in table.facts.values():
            if test(fact):
                message = say(rule.message, label=fact_label(fact), raw=fact.raw.strip(),
                              value=format_number(fact.value) if fact.value is not None else fact.raw.strip())
                findings.append(at_cell(rule.id, severity, message, report.path, fact.cell,
                                        context=f"{table.template.id}|{fact.key}", title=rule.title))
    return findings


def invalid_values(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{label}: the cell; {raw}: what it holds."""
    return _fact_findings(report, rule, severity, lambda fact: fact.status == "text")


def negative_counts(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{label}: the cell; {value}: the number."""
    return _fact_findings(report, rule, severity,
                          lambda fact: fact.value is not None and fact.value < 0 and not fact.column.signed)


def _is_count(fact: Fact) -> bool:
    unit = fact.column.unit or fact.row.unit
    return not (fact.column.money or (unit and unit not in COUNT_UNITS) or (fact.unit and fact.unit not in COUNT_UNITS))


def fractional_counts(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{label}: the cell; {value}: the number."""
    return _fact_findings(report, rule, severity,
                          lambda fact: fact.value is not None and _is_count(fact) and fact.written is not None
                          and fact.written != fact.written.to_integral_value())


def _same_unit(written: str, expected: str) -> bool:
    money = {"万": "万元"}
    return money.get(written, written) == money.get(expected, expected)


def unit_mismatch(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{label}: the row; {unit}: as written; {expected}: the template's unit; {value}: converted value."""
    findings = []
    for table in report.binding.tables:
        for row in table.rows:
            if row.row is None:
                continue
            for column, cell in row.placed:
                fact = table.facts.get(table.section.fact_key(row.row, column))
                if fact is None or fact.cell is not cell:
                    continue
                expected = fact.column.unit or fact.row.unit
                if not expected or not fact.unit or _same_unit(fact.unit, expected):
                    continue
                converted = ""
                if fact.unit in MONEY_UNITS and expected in MONEY_UNITS and fact.value is not None:
                    converted = f"{format_number(fact.value)}{expected}"
                where = row.unit_cell if row.unit_cell is not None and is_unit(row.unit_cell.text) else fact.cell
                message = say(rule.message, label=fact_label(fact), unit=fact.unit, expected=expected, value=converted)
                findings.append(at_cell(rule.id, severity, message, report.path, where,
                                        context=f"{table.template.id}|{fact.key}|{fact.unit}", title=rule.title))
                break
    return findings
