"""``--statistics``: how many findings each rule made, most first (like ``ruff --statistics``).

In the rich and concise formats the table replaces the list of findings; in
JSON it is the ``statistics`` field. A file that could not be read counts
under ``GX000``.
"""

from __future__ import annotations

from collections import Counter

from typing import TextIO

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


def write_text(rows: list[dict], out: TextIO) -> None:
    for row in rows:
        out.write(f"{row['count']:>6}  {row['rule']:<6}  {row['severity']:<7}  {row['title']}\n")


def write_rich(rows: list[dict], console, lang: str = "zh") -> None:
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
