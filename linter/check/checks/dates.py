"""Checks on the years and dates a report states.

``report_years``       the title, the statistics period and the table captions name one year
``signed_early``       the report is dated on or before the last day of its period
``signed_late``        dated after the legal deadline: 1月31日 of the next year for reports
                       from 2019 on (the 条例 as revised in 2019), 3月31日 before
``template_outdated``  a table in a format replaced before the report's year
``template_too_new``   a table in a format that did not exist yet in the report's year

The report's year is the title's; without a year in the title, the period's, then a caption's.
"""

from __future__ import annotations

from datetime import date

from ...bind import BoundReport
from ...bind.identity import Stated, deadline, format_date
from ..findings import Finding, Location, at_cell
from ..rules import Rule
from ..wording import say

_WORDS = {"zh": {"period": "统计期限", "caption": "统计表标题", "title": "报告标题"},
          "en": {"period": "statistics period", "caption": "table caption", "title": "report title"}}


def _finding(rule: Rule, severity: str, report: BoundReport, stated: Stated, related: list[Stated],
             context: str, **values) -> Finding:
    finding = at_cell(rule.id, severity, say(rule.message, **values), report.path, stated, context=context,
                      title=rule.title)
    finding.related = [Location(s.line, s.column, s.line, s.end_column) for s in related if s is not stated]
    return finding


def report_years(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{year}: the year stated here; {where}: what states it; {expected}: the title's (or period's) year;
    {basis}: which of the two that is."""
    words = _WORDS["en" if lang == "en" else "zh"]
    dates = report.dates
    reference = dates.title or (dates.period[0] if dates.period else None)
    if reference is None:
        return []
    kinds = [(words["period"], stated) for stated in dates.period] + \
        [(words["caption"], stated) for stated in dates.captions]
    findings = []
    for where, stated in kinds:
        if stated is reference or stated.value == reference.value:
            continue
        basis = words["title"] if reference is dates.title else words["period"]
        findings.append(_finding(rule, severity, report, stated, [reference],
                                 context=f"{where}|{stated.value}|{reference.value}",
                                 year=stated.value, where=where, expected=reference.value, basis=basis))
    return findings


def signed_early(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{date}: the signing date; {year}: the report's year; {end}: the period's last day."""
    dates = report.dates
    if dates.signed is None or dates.year is None:
        return []
    end = date(dates.year, 12, 31)
    if dates.signed.value > end:
        return []
    related = [dates.title] if dates.title else dates.period[:1]
    return [_finding(rule, severity, report, dates.signed, related, context=f"early|{dates.signed.value}",
                     date=format_date(dates.signed.value, lang), year=dates.year, end=format_date(end, lang))]


def signed_late(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{date}: the signing date; {year}: the report's year; {deadline}: the last day allowed."""
    dates = report.dates
    if dates.signed is None or dates.year is None:
        return []
    last = deadline(dates.year)
    if dates.signed.value <= last:
        return []
    return [_finding(rule, severity, report, dates.signed, [], context=f"late|{dates.signed.value}",
                     date=format_date(dates.signed.value, lang), year=dates.year, deadline=format_date(last, lang))]


def _template_findings(report: BoundReport, rule: Rule, severity: str, too_new: bool) -> list[Finding]:
    year = report.dates.year
    if year is None:
        return []
    findings = []
    seen = set()
    for table in report.binding.tables:
        template = table.template
        wrong = template.years[0] > year if too_new else template.years[1] < year
        if not wrong or template.id in seen:
            continue
        seen.add(template.id)
        first = next(iter(table.facts.values()))
        message = say(rule.message, year=year, template=template.id, **{"from": template.years[0]},
                      to=template.years[1])
        findings.append(at_cell(rule.id, severity, message, report.path, first.cell,
                                context=f"{template.id}|{year}", title=rule.title))
    return findings


def template_outdated(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{year}: the report's year; {template}: the format used; {from}, {to}: its years."""
    return _template_findings(report, rule, severity, too_new=False)


def template_too_new(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{year}: the report's year; {template}: the format used; {from}: its first year."""
    return _template_findings(report, rule, severity, too_new=True)
