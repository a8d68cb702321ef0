"""What a report says about itself: its year, its statistics period, its table captions, its date.

Read from prose and from table cells:

- the title's year: ``2018年度信息公开工作报告``, ``2018年政府信息公开工作`` (a short line
  near the top);
- the statistics period: ``统计期限从2018年1月1日到12月31日止``;
- table captions: ``（2018年度）``, ``2020年度政府信息公开工作情况统计表``;
- the signing date (落款): the last line holding nothing but a date
  (``2019年2月20日``), else a ``发布时间：2016-02-14`` line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..read.model import Document, Line, Paragraph, Table

_TITLE_RE = re.compile(r"(\d{4})\s*年\s*度?[^。；，,]{0,12}?信息公开")
_PERIOD_RE = re.compile(
    r"统计(?:期限|时限|时间|区间|周期)[^。；]{0,12}?(\d{4})\s*年\s*1\s*月\s*1\s*日[^。；\d]{0,6}?"
    r"(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")
_CAPTION_RES = (re.compile(r"[（(]\s*(\d{4})\s*年\s*度?\s*[）)]"),
                re.compile(r"(\d{4})\s*年\s*度?\s*政府信息公开[^。；，]{0,8}?统计表"))
_NOT_A_CAPTION_RE = re.compile(r"[。，,；]|统计期限|统计时限")
_DATE_LINE_RE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_PUBLISHED_RE = re.compile(r"(?:发布|成文|印发|公开)(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]"
                           r"\s*(\d{1,2})")
REVISED_FROM = 2019           # reports from this year on are due by 1月31日 (条例 revised in 2019)
FIRST_YEAR, LAST_YEAR = 1990, 2999   # a report's year lies in between


@dataclass(frozen=True, slots=True)
class Stated:
    """A year or date as the report writes it, and where."""
    value: object             # int year, or datetime.date
    text: str
    line: int
    column: int
    end_column: int

    @property
    def end_line(self) -> int:
        return self.line


@dataclass
class ReportDates:
    title: Stated | None = None
    period: list[Stated] = field(default_factory=list)
    captions: list[Stated] = field(default_factory=list)
    signed: Stated | None = None

    @property
    def year(self) -> int | None:
        """The year the report is about: as the title says, else the period, else a caption."""
        for stated in [self.title] + self.period + self.captions:
            # A damaged title (9999年, 0000年) is no year: dates built from it would not exist.
            if stated is not None and FIRST_YEAR <= stated.value <= LAST_YEAR:
                return stated.value
        return None


def _stated(holder, match: re.Match, group: int, value) -> Stated:
    if isinstance(holder, Paragraph):
        line, column = holder.locate(match.start(group))
    else:
        line, column = holder.line, holder.column + match.start(group)
    return Stated(value, match.group(0), line, column, column + len(match.group(group)))


def _is_title(text: str) -> bool:
    return len(text) <= 60 and not _NOT_A_CAPTION_RE.search(text)


def lines(document: Document):
    """Every line of prose and every table cell, in reading order."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield from block.lines
        elif isinstance(block, Table):
            for cell in block.cells:
                if cell.text:
                    yield Line(cell.line, cell.column, cell.text, cell.origin)


def read_dates(document: Document) -> ReportDates:
    dates = ReportDates()
    every = list(lines(document))
    for line in every[:40]:
        match = _TITLE_RE.search(line.text) if _is_title(line.text) else None
        if match:
            dates.title = _stated(line, match, 1, int(match.group(1)))
            break
    for paragraph in document.paragraphs:
        for match in _PERIOD_RE.finditer(paragraph.text):
            dates.period.append(_stated(paragraph, match, 1, int(match.group(1))))
            if match.group(2):
                dates.period.append(_stated(paragraph, match, 2, int(match.group(2))))
    for line in every:
        if len(line.text) > 60 or "年" not in line.text:
            continue
        for pattern in _CAPTION_RES:
            for match in pattern.finditer(line.text):
                stated = _stated(line, match, 1, int(match.group(1)))
                if stated != dates.title and all(stated.line != c.line for c in dates.captions):
                    dates.captions.append(stated)
    dates.signed = _signing_date(every, document.paragraphs)
    return dates


def _date_of(match: re.Match) -> date | None:
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _signing_date(every: list[Line], paragraphs: list[Paragraph]) -> Stated | None:
    found = None
    for line in every:
        match = _DATE_LINE_RE.match(line.text)
        if match and _date_of(match):
            found = Stated(_date_of(match), line.text.strip(), line.line, line.column, line.column + len(line.text.strip()))
    if found:
        return found
    for paragraph in paragraphs[:20]:
        match = _PUBLISHED_RE.search(paragraph.text)
        if match and _date_of(match):
            line, column = paragraph.locate(match.start(1))
            return Stated(_date_of(match), match.group(0), line, column,
                          column + len(match.group(0)) - (match.start(1) - match.start(0)))
    return None


def deadline(year: int) -> date:
    """The last day to publish the report on *year*."""
    return date(year + 1, 1, 31) if year >= REVISED_FROM else date(year + 1, 3, 31)


def format_date(value: date, lang: str = "zh") -> str:
    return value.isoformat() if lang == "en" else f"{value.year}年{value.month}月{value.day}日"
