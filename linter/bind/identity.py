"""What a report says about itself: its agency, its year, its statistics period, its table captions, its date.

Read from prose and from table cells:

- the title's year: ``2018年度信息公开工作报告``, ``2018年政府信息公开工作`` (a short line
  near the top);
- the statistics period: ``统计期限从2018年1月1日到12月31日止``;
- table captions: ``（2018年度）``, ``2020年度政府信息公开工作情况统计表``;
- the signing date (落款): the last line holding nothing but a date (``2019年2月20日``,
  ``二〇一九年二月二十日``; ``2019-02-20``, ``2019.2.20`` or ``2019/2/20`` in prose, under a line
  naming an agency or among the last lines, not as a value of a table), else a
  ``发布时间：2016-02-14`` line.

The report's identity (:func:`read_identity`), by which reports of one agency are
compared year with year:

- the agency (机关): the name the title line opens with (``东丽区卫生健康委员会信息公开工作年度报告``,
  ``永嘉县统计局2015年政府信息公开工作年度报告``), else a short line naming an agency just
  above the title (``余姚市卫生健康局`` over ``2020年度政府信息公开工作年度报告``), else the
  signature above the signing date, else ``由…编制``, ``请与…联系`` or ``现公布…2015年…报告``
  in the text. Where the text elsewhere gives a longer form of the same name (the title says
  ``区卫生健康局``, the text ``由宁波市鄞州区卫生健康局编制``), the longer one is taken;
- the year: as :attr:`ReportDates.year` (title, period, caption), else what the text says of
  itself (``现将2019年政务信息公开工作情况汇报如下``, ``现公布我局2022年政府信息公开工作年度报告``,
  a paragraph opening with ``2019年，``), else the year before a signing date in January to June.

Where the text does not say, or says it wrongly, the report may say it in a line of its
own among its first lines (the front-matter line)::

    # gxlint: agency=东丽区卫生健康委员会; year=2020

(``机关``/``年度`` for ``agency``/``year``; ``:`` for ``=``; ``;``, ``；``, ``,`` or ``，``
between them; ``#``, ``//`` or ``<!-- … -->`` around it are allowed), or the configuration
(``reports:`` in ``gxlint.yaml``, :mod:`linter.cli.config`) may set them for its paths. What
the front-matter line sets wins over the configuration, and both over what is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
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
# 二〇二〇年一月二十日: the numerals of older documents
_CHINESE_DATE_LINE_RE = re.compile(r"^\s*([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月"
                                   r"\s*([一二三四五六七八九十]{1,3})\s*日\s*$")
# 2020-01-20, 2020.1.20, 2020/1/20: taken for the signing date in prose, under a line naming an
# agency, or among the report's last lines only (a table may hold such dates)
_SEPARATED_DATE_LINE_RE = re.compile(r"^\s*(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*$")
_CHINESE_DIGITS = {char: value for value, chars in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
                   for char in chars}
_PUBLISHED_RE = re.compile(r"(?:发布|成文|印发|公开)(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]"
                           r"\s*(\d{1,2})")
SIGNATURE_LINES = 4           # the agency's name, the date, and what a web page puts after them
REVISED_FROM = 2019           # reports from this year on are due by 1月31日 (条例 revised in 2019)
FIRST_YEAR, LAST_YEAR = 1990, 2999   # a report's year lies in between


@dataclass(frozen=True, slots=True)
class Stated:
    """A year or date as the report writes it, and where."""
    value: object             # int year, datetime.date, or str (an agency's name)
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


def _chinese_number(text: str) -> int:
    """一 to 三十一 (十, 十二, 二十, 二十三, …)."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CHINESE_DIGITS[text]
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def date_line(text: str, separated: bool = True) -> date | None:
    """The date a line holds and nothing else (2020年1月20日, 二〇二〇年一月二十日, and where
    *separated*, 2020-01-20, 2020.1.20, 2020/1/20), or None."""
    match = _DATE_LINE_RE.match(text)
    if match:
        return _date_of(match)
    match = _CHINESE_DATE_LINE_RE.match(text)
    if match:
        year = int("".join(str(_CHINESE_DIGITS[char]) for char in match.group(1)))
        if len(match.group(3)) == 3 and match.group(3)[1] != "十":
            return None
        try:
            return date(year, _chinese_number(match.group(2)), _chinese_number(match.group(3)))
        except (KeyError, ValueError):
            return None
    match = _SEPARATED_DATE_LINE_RE.match(text) if separated else None
    if match:
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            return None
    return None


def _below_agency(every: list[Line], index: int) -> bool:
    return index > 0 and _AGENCY_LINE_RE.match(every[index - 1].text) is not None


def _signing_date(every: list[Line], paragraphs: list[Paragraph]) -> Stated | None:
    found = None
    trusted = {(line.line, line.column) for line in every[-SIGNATURE_LINES:]}
    trusted.update((line.line, line.column) for paragraph in paragraphs for line in paragraph.lines)
    for index, line in enumerate(every):
        separated = _SEPARATED_DATE_LINE_RE.match(line.text) is not None and (
            (line.line, line.column) in trusted or _below_agency(every, index))
        signed = date_line(line.text, separated)
        if signed:
            found = Stated(signed, line.text.strip(), line.line, line.column, line.column + len(line.text.strip()))
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


# --- the report's identity: agency and year --------------------------------------------

# How agencies' names end (an office, a bureau, a government, a township …): a line or the start
# of a title that ends so names an agency; anything else (关于…, 现将…) does not.
_AGENCY_END = (r"(?:人民政府|政府|管理委员会|管委会|委员会|办事处|街道|办公室|办公厅|局|厅|委|办|部|署|院|"
               r"中心|所|站|处|乡|镇|会|队|馆|社|集团|公司)")
_NOT_AGENCY_RE = re.compile(r"^(?:关于|现将|根据|本|我|年度|政府信息|信息公开|政务公开)|[0-9，。；：:,;、《》()（）]")
_AGENCY_LINE_RE = re.compile(rf"^\s*(?P<name>\S[^。；，,:：]{{1,38}}?{_AGENCY_END})\s*$")
_TITLE_AGENCY_RES = (
    re.compile(rf"^\s*(?P<name>\S[^。；，,\d]{{1,38}}?{_AGENCY_END})\s*(?:关于)?\s*\d{{4}}\s*年\s*度?"),
    re.compile(rf"^\s*(?P<name>\S[^。；，,\d]{{1,38}}?{_AGENCY_END})\s*(?:政府|政务)?信息公[开開]"
               r"(?:工作)?(?:年度)?[报報]告"),
)
_TITLE_WORDS_RE = re.compile(r"(?:信息|政务|政務)公[开開]|[报報]告|年[报報]")
_TEXT_AGENCY_RES = (
    re.compile(rf"由(?P<name>[^。；，,、《》]{{2,38}}?{_AGENCY_END})编制"),
    re.compile(rf"请与(?P<name>[^。；，,、《》]{{2,38}}?{_AGENCY_END})(?:进行)?联系"),
    re.compile(rf"公布(?P<name>[^。；，,、《》\d]{{2,38}}?{_AGENCY_END})\s*\d{{4}}\s*年"),
)
_TEXT_YEAR_RES = (
    re.compile(r"现将\s*(\d{4})\s*年\s*度?[^。；]{0,24}?(?:情况|工作)[^。；]{0,12}?(?:报告|汇报|報告|匯報)如下"),
    re.compile(r"(?:公布|发布|公佈|發佈)[^。；，,]{0,20}?(\d{4})\s*年\s*度?[^。；，,\d]{0,10}?"
               r"(?:政府|政务|政務)?信息公[开開][^。；，,\d]{0,8}?[报報]告"),
    re.compile(r"^\s*(\d{4})\s*年\s*度?\s*[，,]"),
)
_FRONT_MATTER_RE = re.compile(r"^\s*(?:#+|//|<!--)?\s*gxlint\s*[:：]\s*(?P<body>.*?)\s*(?:-->)?\s*$", re.IGNORECASE)
_SETTING_RE = re.compile(r"\s*(?P<key>agency|year|机关|年度)\s*[=:：]\s*(?P<value>[^;；,，]*)", re.IGNORECASE)
FRONT_MATTER_LINES = 10          # the front-matter line stands among the report's first lines
SIGNED_EARLY_MONTHS = 6          # a report signed in January to June is taken to be on the year before
_SETTING_NAMES = {"agency": "agency", "机关": "agency", "year": "year", "年度": "year"}


@dataclass(frozen=True, slots=True)
class Identity:
    """Whose report it is and on which year, each with where it was found.

    ``agency_from`` and ``year_from`` say how: ``title``, ``heading`` (a line above the title),
    ``signature``, ``text``, ``period``, ``caption``, ``front matter``, ``config``; ``""``
    where the report does not say."""
    agency: str | None = None
    year: int | None = None
    agency_from: str = ""
    year_from: str = ""
    agency_at: Stated | None = None
    year_at: Stated | None = None

    @property
    def agency_key(self) -> str:
        """The agency's name as compared: width, traditional characters, spaces and punctuation
        made alike."""
        return agency_key(self.agency) if self.agency else ""

    def with_settings(self, agency: str | None, year: int | None, source: str) -> Identity:
        """This identity with what a user set (*source*: ``front matter`` or ``config``) in place."""
        changed = self
        if agency:
            changed = replace(changed, agency=agency, agency_from=source, agency_at=None)
        if year is not None:
            changed = replace(changed, year=year, year_from=source, year_at=None)
        return changed


def agency_key(name: str) -> str:
    from .labels import normalize_full

    return normalize_full(name)


def _name(holder: Line, match: re.Match) -> Stated | None:
    name = match.group("name").strip()
    if _NOT_AGENCY_RE.search(name) or len(name) < 2:
        return None
    start = match.start("name") + len(match.group("name")) - len(match.group("name").lstrip())
    column = holder.column + start
    return Stated(name, name, holder.line, column, column + len(name))


def _title_agency(every: list[Line], title_line: int | None) -> tuple[Stated | None, str]:
    """The agency the title names, or the short line naming one just above a title that does not."""
    for index, line in enumerate(every[:40]):
        if not _is_title(line.text) or not _TITLE_WORDS_RE.search(line.text):
            continue
        for pattern in _TITLE_AGENCY_RES:
            match = pattern.match(line.text)
            found = _name(line, match) if match else None
            if found:
                return found, "title"
        if title_line is not None and line.line == title_line:
            for above in reversed(every[max(0, index - 3):index]):
                match = _AGENCY_LINE_RE.match(above.text)
                found = _name(above, match) if match else None
                if found:
                    return found, "heading"
            return None, ""
    return None, ""


def _signature_agency(every: list[Line], signed: Stated | None) -> Stated | None:
    if signed is None:
        return None
    index = next((i for i, line in enumerate(every) if line.line == signed.line), None)
    if index is None:
        return None
    for above in reversed(every[max(0, index - 3):index]):
        match = _AGENCY_LINE_RE.match(above.text)
        found = _name(above, match) if match else None
        if found:
            return found
    return None


def _text_agencies(paragraphs: list[Paragraph]) -> list[Stated]:
    found = []
    for paragraph in paragraphs[:30]:
        for pattern in _TEXT_AGENCY_RES:
            for match in pattern.finditer(paragraph.text):
                name = match.group("name").strip()
                if _NOT_AGENCY_RE.search(name):
                    continue
                line, column = paragraph.locate(match.start("name"))
                found.append(Stated(name, name, line, column, column + len(name)))
    return found


def _fuller(chosen: Stated, others: list[Stated]) -> Stated:
    """The longest name elsewhere in the report that ends with *chosen* (区卫生健康局 →
    宁波市鄞州区卫生健康局)."""
    key = agency_key(chosen.value)
    longer = [other for other in others if len(agency_key(other.value)) > len(key)
              and agency_key(other.value).endswith(key)]
    return max(longer, key=lambda other: len(agency_key(other.value)), default=chosen)


def _read_agency(document: Document, every: list[Line], dates: ReportDates) -> tuple[Stated | None, str]:
    title_line = dates.title.line if dates.title else None
    found, source = _title_agency(every, title_line)
    signed = _signature_agency(every, dates.signed)
    texts = _text_agencies(document.paragraphs)
    if found is None and signed is not None:
        found, source = signed, "signature"
    if found is None and texts:
        found, source = texts[0], "text"
    if found is None:
        return None, ""
    fuller = _fuller(found, ([signed] if signed else []) + texts)
    if fuller is not found:
        source = "signature" if fuller is signed else "text"
    return fuller, source


def _text_year(paragraphs: list[Paragraph]) -> Stated | None:
    for pattern in _TEXT_YEAR_RES:
        for paragraph in paragraphs[:30]:
            match = pattern.search(paragraph.text)
            if match and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
                return _stated(paragraph, match, 1, int(match.group(1)))
    return None


def _front_matter(every: list[Line]) -> tuple[str | None, int | None]:
    agency = year = None
    for line in every[:FRONT_MATTER_LINES]:
        match = _FRONT_MATTER_RE.match(line.text)
        if not match:
            continue
        for setting in _SETTING_RE.finditer(match.group("body")):
            name, value = _SETTING_NAMES[setting.group("key").lower()], setting.group("value").strip()
            if name == "agency" and value:
                agency = value
            elif name == "year" and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
                year = int(value)
    return agency, year


def read_identity(document: Document, dates: ReportDates | None = None) -> Identity:
    """The report's agency and year (see the module's documentation)."""
    dates = dates or read_dates(document)
    every = list(lines(document))
    agency, agency_from = _read_agency(document, every, dates)
    identity = Identity(agency.value if agency else None, None, agency_from, "", agency, None)
    year_at, year_from = _dates_year(dates)
    if year_at is None:
        year_at, year_from = _text_year(document.paragraphs), "text"
    if year_at is not None:
        identity = replace(identity, year=year_at.value, year_from=year_from, year_at=year_at)
    elif dates.signed is not None and dates.signed.value.month <= SIGNED_EARLY_MONTHS:
        identity = replace(identity, year=dates.signed.value.year - 1, year_from="signature", year_at=dates.signed)
    agency_set, year_set = _front_matter(every)
    return identity.with_settings(agency_set, year_set, "front matter")


def _dates_year(dates: ReportDates) -> tuple[Stated | None, str]:
    for source, candidates in (("title", [dates.title]), ("period", dates.period), ("caption", dates.captions)):
        for stated in candidates:
            if stated is not None and FIRST_YEAR <= stated.value <= LAST_YEAR:
                return stated, source
    return None, ""
