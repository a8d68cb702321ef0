"""``--statistics``: how many findings each rule made, most first (like ``ruff --statistics``),
and the folder at a glance: each agency's reports year by year.

In the rich and concise formats the tables replace the list of findings; in
JSON they are the ``statistics`` and ``reports`` fields. A file that could not be
read counts under ``GX000``.

The second table (``reports`` in JSON, :func:`by_agency`) has one row per report,
grouped by agency and in the order of the years: the agency and year read (or set,
see :func:`linter.bind.identity.read_identity`), its errors, warnings and notes, how
many of them are cross-year findings (GX6xx, :mod:`linter.check.years`), the
applications it carries over from last year (二、上年结转, total) and forward to next
year (四、结转下年度继续办理, total), and the report of the year before it was compared
with, so that an evaluator sees who carries what over, and where the chain breaks.
Reports whose agency or year could not be told come last. Concise, one line a report::

    机关  年度  错误  警告  提示  跨年度  上年结转  结转下年度  上一年的报告  文件
    东丽区卫生健康委员会  2020  0  1  0  1  0  2  2019.txt  2020.txt

(``-`` where there is nothing to show; in English the agency is quoted.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from typing import TextIO

from ..bind.identity import agency_key
from ..check.findings import printable
from .jsonutil import number
from .rich_format import SEVERITY_NAMES

UNREADABLE = "GX000"
UNREADABLE_TITLE = {"zh": "文件无法读取", "en": "file could not be read"}


def count(results, lang: str = "zh") -> list[dict]:
    """``[{"rule", "severity", "count", "title"}]``, most frequent first, then by rule."""
    counts: Counter = Counter()
    titles: dict[tuple[str, str], str] = {}
    for result in results:
        if result.error:
            counts[(UNREADABLE, "error")] += 1
            titles[(UNREADABLE, "error")] = UNREADABLE_TITLE[lang]
        for finding in result.findings:
            counts[(finding.rule, finding.severity)] += 1
            titles.setdefault((finding.rule, finding.severity), finding.title)
    rows = [{"rule": rule, "severity": severity, "count": number, "title": titles[(rule, severity)]}
            for (rule, severity), number in counts.items()]
    rows.sort(key=lambda row: (-row["count"], row["rule"], row["severity"]))
    return rows


def write_text(rows: list[dict], out: TextIO, reports: list[dict] | None = None, lang: str = "zh") -> None:
    for row in rows:
        out.write(f"{row['count']:>6}  {row['rule']:<6}  {row['severity']:<7}  {row['title']}\n")
    if reports:
        out.write("\n" + "  ".join(REPORT_HEADINGS[lang]) + "\n")
        for report in reports:
            out.write("  ".join(_report_cells(report, lang)) + "\n")


CARRIED_OVER, CARRIED_FORWARD = "apply.carried_over.total", "apply.carried_forward.total"
REPORT_HEADINGS = {"zh": ("机关", "年度", "错误", "警告", "提示", "跨年度", "上年结转", "结转下年度", "上一年的报告", "文件"),
                   "en": ("agency", "year", "errors", "warnings", "notes", "cross-year", "carried-over",
                          "carried-forward", "last-year", "file")}
REPORTS_TITLE = {"zh": "按机关和年度", "en": "By agency and year"}


def by_agency(results, pairing=None, cross_rules: Iterable[str] = ()) -> list[dict]:
    """One row per report (see the module's documentation), grouped by agency, years in order."""
    cross_rules = set(cross_rules)
    previous = {this.path: last.path for this, last in pairing.pairs} if pairing is not None else {}
    groups = pairing.groups if pairing is not None else {}
    rows = []
    for result in results:
        identity = result.identity
        counts = Counter(finding.severity for finding in result.findings)
        summary = result.years
        rows.append({
            "agency": identity.agency if identity else None, "year": identity.year if identity else None,
            "path": result.path, "templates": list(result.templates), "unreadable": bool(result.error),
            "error": counts["error"] + (1 if result.error else 0), "warning": counts["warning"], "info": counts["info"],
            "cross_year": sum(1 for finding in result.findings if finding.rule in cross_rules),
            "carried_over": number(summary.value(CARRIED_OVER)) if summary else None,
            "carried_forward": number(summary.value(CARRIED_FORWARD)) if summary else None,
            "previous": previous.get(result.path)})

    def order(row):
        unknown = row["agency"] is None or row["year"] is None
        return (unknown, groups.get(row["path"]) or agency_key(row["agency"] or ""), row["year"] or 0, row["path"])
    rows.sort(key=order)
    return rows


def _report_cells(row: dict, lang: str) -> list[str]:
    def shown(value) -> str:
        return "-" if value is None or value == "" else str(value)
    agency = printable(row["agency"]) if row["agency"] else None
    if agency and lang == "en":
        agency = f"“{agency}”"
    last = printable(row["previous"]) if row["previous"] else None
    return [shown(agency), shown(row["year"]), *(str(row[name]) for name in ("error", "warning", "info", "cross_year")),
            shown(row["carried_over"]), shown(row["carried_forward"]), shown(last), printable(row["path"])]


def write_rich(rows: list[dict], console, lang: str = "zh", reports: list[dict] | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    _write_rule_counts(rows, console, lang)
    if reports:
        table = Table(title=REPORTS_TITLE[lang], title_justify="left", show_edge=False, box=None, pad_edge=False)
        for index, heading in enumerate(REPORT_HEADINGS[lang]):
            table.add_column(heading, justify="right" if 2 <= index <= 7 else "left", overflow="fold")
        for report in reports:
            table.add_row(*(Text(cell) for cell in _report_cells(report, lang)))
        console.print()
        console.print(table)


def _write_rule_counts(rows: list[dict], console, lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    headings = ("count", "rule", "severity", "title") if lang == "en" else ("次数", "规则", "级别", "标题")
    table = Table(show_edge=False, box=None, pad_edge=False)
    for index, heading in enumerate(headings):
        table.add_column(heading, justify="right" if index == 0 else "left")
    for row in rows:
        table.add_row(str(row["count"]), Text(row["rule"], style="bold"), SEVERITY_NAMES[lang][row["severity"]],
                      Text(row["title"]))
    if not rows:
        console.print("No findings." if lang == "en" else "没有发现问题。", style="green")
        return
    console.print(table)
