"""Built-in checks on the years and dates a report states (``check:`` names in rules/checks/dates.yaml).

``report_years``       the title, the statistics period and the table captions name one year
``signed_early``       the report is dated on or before the last day of its period
``signed_late``        dated after the legal deadline: 1月31日 of the next year for reports
                       from 2019 on (the 条例 as revised in 2019), 3月31日 before
``template_outdated``  a table in a format replaced before the report's year (a 2022 report in
                       the 2019 format)
``template_too_new``   a table in a format that did not exist yet in the report's year (a 2018
                       report in the 2021 format)

The report's year is the title's; without a year in the title, the period's, then a caption's.
"""

from __future__ import annotations

from .dates import Day, ReportDates, Stated, deadline, format_date
from .document import LoadedReport
from .findings import Finding, Location, at_cell
from .messages import fill
from .model import Cell
from .rules import Rule


def _cell(stated: Stated) -> Cell:
    return Cell(stated.text, stated.text, stated.line, stated.column, stated.line, stated.end_column)


def _finding(rule: Rule, severity: str, report: LoadedReport, stated: Stated, related: list[Stated],
             context: str, **values) -> Finding:
    message = fill(rule.message, {name: str(value) for name, value in values.items()})
    finding = at_cell(rule.id, severity, message, report.path, _cell(stated), context=context, title=rule.title)
    finding.related = [Location(s.line, s.column, s.line, s.end_column) for s in related if s is not stated]
    return finding


def _dates(report: LoadedReport) -> ReportDates:
    return report.dates


_WORDS = {"zh": {"period": "统计期限", "caption": "统计表标题", "title": "报告标题"},
          "en": {"period": "statistics period", "caption": "table caption", "title": "report title"}}


def report_years(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{year}: the year stated here; {where}: what states it; {expected}: the title's (or period's) year;
    {basis}: which of the two that is."""
    words = _WORDS[lang if lang in _WORDS else "zh"]
    dates = _dates(report)
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


def signed_early(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{date}: the signing date; {year}: the report's year; {end}: the period's last day."""
    dates = _dates(report)
    if dates.signed is None or dates.year is None:
        return []
    end = Day(dates.year, 12, 31)
    if dates.signed.value > end:
        return []
    related = [dates.title] if dates.title else dates.period[:1]
    return [_finding(rule, severity, report, dates.signed, related, context=f"early|{dates.signed.value}",
                     date=format_date(dates.signed.value, lang), year=dates.year, end=format_date(end, lang))]


def signed_late(report: LoadedReport, rule: Rule, severity: str, lang: str = "zh") -> list[Finding]:
    """{date}: the signing date; {year}: the report's year; {deadline}: the last day allowed."""
    dates = _dates(report)
    if dates.signed is None or dates.year is None:
        return []
    last = deadline(dates.year)
    if dates.signed.value <= last:
        return []
    return [_finding(rule, severity, report, dates.signed, [], context=f"late|{dates.signed.value}",
                     date=format_date(dates.signed.value, lang), year=dates.year,
                     deadline=format_date(last, lang))]


def _template_findings(report: LoadedReport, rule: Rule, severity: str, too_new: bool) -> list[Finding]:
    dates = _dates(report)
    year = dates.year
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
        finding = at_cell(rule.id, severity, "", report.path, first.cell,
                          context=f"{template.id}|{year}", title=rule.title)
        finding.message = fill(rule.message, {"year": str(year), "template": template.id,
                                              "from": str(template.years[0]), "to": str(template.years[1])})
        findings.append(finding)
    return findings


def template_outdated(report, rule, severity):
    """{year}: the report's year; {template}: the format used; {from}, {to}: its years."""
    return _template_findings(report, rule, severity, too_new=False)


def template_too_new(report, rule, severity):
    """{year}: the report's year; {template}: the format used; {from}: its first year."""
    return _template_findings(report, rule, severity, too_new=True)


DATE_CHECKS = {
    "report_years": report_years,
    "signed_early": signed_early,
    "signed_late": signed_late,
    "template_outdated": template_outdated,
    "template_too_new": template_too_new,
}
