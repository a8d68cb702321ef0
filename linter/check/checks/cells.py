"""Checks on single cells: left blank, not a number, negative, fractional, in another unit.

Blank cells. A required cell (a column the template requires, in a row it does not mark
optional) left blank in a table that holds numbers is one of three things:

1. a cell a rule shows must hold a number — a blank total under parts that add up to 5, a
   blank part under a total the other parts do not reach: that rule's error says so, at the
   cell, with what it must hold (:mod:`linter.check.engine`); nothing here says it again;
2. a zero left blank (``blank_zeros``, one warning per table): the rules read it as 0 and
   found nothing wrong, and either an identity that reads it and holds a number confirms it
   is 0 (a row whose total is 0, a column whose （七）总计 adds up without it), or the table
   shows the habit of leaving zeros blank: another of its blank cells is so confirmed, or it
   writes no 0 anywhere. The warning gives how many cells, where the first rows are, and
   every such cell as a related location;
3. a cell left out (``blank_cells``, an error per row): nothing confirms it is 0 and the table
   writes its zeros as 0 elsewhere — a lone value such as （四）政府信息公开专项经费 left
   blank, or 上一年项目数量 left blank beside numbers in a table of written zeros.

A whole row left blank in an application table that is otherwise filled is a zero left blank
when the column totals add up without it (（七）总计 confirms each of its cells): the numbers are
complete, only the zeros are not written. Where no identity can see it, it is a cell left out.
A blank ``本年增/减`` (a column the template does not require) is neither.

The engine tells both checks which blank cells the rules confirmed and which they reported
(a :class:`BlankReading`); called without one, no cell counts as confirmed or reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...bind import BoundReport
from ...bind.binder import BoundTable, Fact
from ...bind.labels import display
from ...bind.values import MONEY_UNITS, is_unit
from ..findings import Finding, at_cell
from ..rules import Rule
from ..wording import fact_label, format_number, quoted, say, section_title

COUNT_UNITS = {"件", "条", "次", "个", "人", "人次", "篇", "期", "项", "名", "场"}
SHOWN_ROWS = 3          # rows a blank-zero warning names; every cell is a related location


@dataclass(eq=False)
class BlankReading:
    """What the ``assert`` rules made of a report's blank cells (filled in by the engine)."""
    confirmed: set = field(default_factory=set)    # facts an identity holding a number showed to be 0
    reported: set = field(default_factory=set)     # facts a rule's finding says must hold a number


def _required_blanks(table: BoundTable, reading: BlankReading) -> list[Fact]:
    return [fact for fact in table.facts.values()
            if fact.status == "blank" and fact.column.required and not fact.row.optional
            and fact not in reading.reported]


def _sorted_blanks(table: BoundTable, reading: BlankReading | None) -> tuple[list[Fact], list[Fact]]:
    """(zeros left blank, cells left out) of a table that holds numbers."""
    reading = reading or BlankReading()
    facts = table.facts.values()
    if not any(fact.status == "number" for fact in facts):
        return [], []
    blanks = _required_blanks(table, reading)
    writes_zero = any(fact.status == "number" and fact.value == 0 for fact in facts)
    if any(fact in reading.confirmed for fact in blanks) or not writes_zero:
        return blanks, []
    return [], blanks


def _by_row(blanks: list[Fact]) -> list[list[Fact]]:
    rows: dict[int, list[Fact]] = {}
    for fact in blanks:
        rows.setdefault(id(fact.row), []).append(fact)
    return list(rows.values())


def _row_cells(blanks: list[Fact], lang: str) -> str:
    """One row's blank cells as a message names them."""
    first = blanks[0]
    label = display(first.label or first.row.label)
    if len(first.row.columns) == 1:
        return f"“{label}”"
    if first.row.unlabeled:
        return quoted((f"{fact.column.group_label}{fact.column.label}" for fact in blanks), lang)
    if lang == "en":
        return f"“{label}” (" + quoted((fact.column.label for fact in blanks), lang) + ")"
    return f"“{label}”一行的" + quoted(fact.column.label for fact in blanks)


def blank_cells(report: BoundReport, rule: Rule, severity: str, lang: str,
                reading: BlankReading | None = None) -> list[Finding]:
    """Cells left out (3. above), one finding per row. {cells}: the blank cells named; {label}:
    the row; {count}: how many."""
    findings = []
    for table in report.binding.tables:
        for blanks in _by_row(_sorted_blanks(table, reading)[1]):
            first = blanks[0]
            label = display(first.label or first.row.label)
            message = say(rule.message, cells=_row_cells(blanks, lang), label=label, count=len(blanks))
            findings.append(at_cell(rule.id, severity, message, report.path, first.cell,
                                    related=[fact.cell for fact in blanks[1:]],
                                    context=f"{table.template.id}|{first.key}", title=rule.title))
    return findings


def _title(table: BoundTable, lang: str) -> str:
    try:
        return section_title(table.section.name, lang)
    except KeyError:                 # a section of a user's own template
        return table.section.title or table.section.name


def blank_zeros(report: BoundReport, rule: Rule, severity: str, lang: str,
                reading: BlankReading | None = None) -> list[Finding]:
    """Zeros left blank (2. above), one finding per table. {section}: the table; {count}: how
    many cells; {rows}: in how many rows; {cells}: the first rows' blank cells."""
    findings = []
    for table in report.binding.tables:
        blanks = _sorted_blanks(table, reading)[0]
        if not blanks:
            continue
        rows = _by_row(blanks)
        shown = ("; " if lang == "en" else "；").join(_row_cells(row, lang) for row in rows[:SHOWN_ROWS])
        if len(rows) > SHOWN_ROWS:
            shown += f" and {len(rows) - SHOWN_ROWS} more rows" if lang == "en" else f"等 {len(rows)} 行"
        message = say(rule.message, section=_title(table, lang), count=len(blanks),
                      rows=len(rows), cells=shown)
        findings.append(at_cell(rule.id, severity, message, report.path, blanks[0].cell,
                                related=[fact.cell for fact in blanks[1:]],
                                context=f"{table.template.id}|{blanks[0].key}", title=rule.title))
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
