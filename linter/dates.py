"""Years and dates a report states about itself, and the checks on them.

What is read (from prose, and from table cells for captions):

- the title's year: ``2018年度信息公开工作报告``, ``2018年政府信息公开工作`` (a short line
  near the top);
- the statistics period: ``统计期限从2018年1月1日到12月31日止``;
- table captions: ``（2018年度）``, ``2020年度政府信息公开工作情况统计表``;
- the signing date (落款): the last line holding nothing but a date
  (``2019年2月20日``), else a ``发布时间：2016-02-14`` line.

The checks on them are in :mod:`linter.date_checks`.
"""

from __future__ import annotations

import re
from functools import total_ordering

from . import regex_cache
from .model import Document, Paragraph, Table
from .record import FrozenRecord, ValueRecord

_TITLE_RE = regex_cache.compile(r"(\d{4})\s*年\s*度?[^。；，,]{0,12}?信息公开")
_PERIOD_RE = regex_cache.compile(
    r"统计(?:期限|时限|时间|区间|周期)[^。；]{0,12}?(\d{4})\s*年\s*1\s*月\s*1\s*日[^。；\d]{0,6}?"
    r"(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")
_CAPTION_RES = (regex_cache.compile(r"[（(]\s*(\d{4})\s*年\s*度?\s*[）)]"),
                regex_cache.compile(r"(\d{4})\s*年\s*度?\s*政府信息公开[^。；，]{0,8}?统计表"))
_NOT_A_CAPTION_RE = regex_cache.compile(r"[。，,；]|统计期限|统计时限")
_DATE_LINE_RE = regex_cache.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_PUBLISHED_RE = regex_cache.compile(r"(?:发布|成文|印发|公开)(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")
_REVISED_FROM = 2019          # reports from this year on are due by 1月31日 (条例 revised in 2019)
_FIRST_YEAR, _LAST_YEAR = 1990, 2999   # a report's year lies in between (a Day takes 1 to 9999)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@total_ordering
class Day(FrozenRecord):
    """A day of the Gregorian calendar; ordered, shown as ``2020-01-15``.

    Not ``datetime.date``: importing datetime cost a run about two milliseconds, for
    no more than this.
    """

    year: int
    month: int
    day: int

    def __init__(self, year, month, day):
        if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= _days_in(year, month)):
            raise ValueError(f"no such day: {year}-{month}-{day}")
        self.year = year
        self.month = month
        self.day = day

    def __lt__(self, other: Day) -> bool:
        return self.field_values() < other.field_values()

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    __str__ = isoformat


def _days_in(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]


class Stated(FrozenRecord):
    """A year or date as the report writes it, and where."""
    value: object             # int year, or Day
    text: str
    line: int
    column: int
    end_column: int

    def __init__(self, value, text, line, column, end_column):
        self.value = value
        self.text = text
        self.line = line
        self.column = column
        self.end_column = end_column


class ReportDates(ValueRecord):
    title: Stated | None
    period: list[Stated]
    captions: list[Stated]
    signed: Stated | None

    def __init__(self, title=None, period=None, captions=None, signed=None):
        self.title = title
        self.period = [] if period is None else period
        self.captions = [] if captions is None else captions
        self.signed = signed

    @property
    def year(self) -> int | None:
        """The year the report is about: as the title says, else the period, else a caption."""
        for stated in [self.title] + self.period + self.captions:
            # A damaged title (9999年, 0000年) is no year: dates built from it would not exist.
            if stated is not None and _FIRST_YEAR <= stated.value <= _LAST_YEAR:
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


class _Line(FrozenRecord):
    """One physical line of text and where its first character is."""
    line: int
    column: int
    text: str

    def __init__(self, line, column, text):
        self.line = line
        self.column = column
        self.text = text


def _lines(document: Document):
    """Every line of prose and of table cells, in file order."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            for line, column, text in block.lines:
                yield _Line(line, column, text)
        elif isinstance(block, Table):
            for cell in block.cells:
                if "年" not in cell.text:         # every caption year is written with 年
                    continue
                raw_lines = cell.raw.split("\n")
                first = raw_lines[0]
                start = cell.end_line - len(raw_lines) + 1
                base = cell.column - (len(first) - len(first.lstrip())) if first.strip() else 1
                for index, text in enumerate(raw_lines):
                    yield _Line(start + index, base if index == 0 else 1, text)


def read_dates(document: Document) -> ReportDates:
    dates = ReportDates()
    paragraphs = document.paragraphs
    head = [_Line(*line) for paragraph in paragraphs[:15] for line in paragraph.lines]
    for line in head:
        match = _TITLE_RE.search(line.text) if _is_title(line.text) else None
        if match:
            dates.title = _stated(line, match, 1, int(match.group(1)))
            break
    for paragraph in paragraphs:
        for match in _PERIOD_RE.finditer(paragraph.text):
            dates.period.append(_stated(paragraph, match, 1, int(match.group(1))))
            if match.group(2):
                dates.period.append(_stated(paragraph, match, 2, int(match.group(2))))
    for line in _lines(document):
        if len(line.text) > 60:
            continue
        for pattern in _CAPTION_RES:
            for match in pattern.finditer(line.text):
                stated = _stated(line, match, 1, int(match.group(1)))
                if stated != dates.title and all(stated.line != c.line for c in dates.captions):
                    dates.captions.append(stated)
    dates.signed = _signing_date(paragraphs)
    return dates


def _date_of(match: re.Match) -> Day | None:
    try:
        return Day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _signing_date(paragraphs: list[Paragraph]) -> Stated | None:
    found = None
    for paragraph in paragraphs:
        for line, column, text in paragraph.lines:
            match = _DATE_LINE_RE.match(text)
            if match and _date_of(match):
                found = Stated(_date_of(match), text.strip(), line, column, column + len(text.strip()))
    if found:
        return found
    for paragraph in paragraphs[:20]:
        match = _PUBLISHED_RE.search(paragraph.text)
        if match and _date_of(match):
            line, column = paragraph.locate(match.start(1))
            return Stated(_date_of(match), match.group(0), line, column, column + len(match.group(0)) - (
                match.start(1) - match.start(0)))
    return None


def deadline(year: int) -> Day:
    """The last day to publish the report on *year*."""
    return Day(year + 1, 1, 31) if year >= _REVISED_FROM else Day(year + 1, 3, 31)


def format_date(value: Day, lang: str = "zh") -> str:
    return value.isoformat() if lang == "en" else f"{value.year}年{value.month}月{value.day}日"
