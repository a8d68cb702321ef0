"""``--format html``: one page to look at, the report's tables redrawn with the wrong cells marked.

Usage::

    gxlint --format html 年报.docx > 报告.html
    gxlint --format html 年报文件夹/ -o 报告.html        # one page for all of them
    gxlint --format html --lang en 年报.txt -o report.html

The page holds everything it needs (its style sheet inside it; no script, font or
image from anywhere), so it opens offline, from a USB stick or as a mail attachment.

For each report it shows:

- a summary: the agency, the template and reporting year read, the number of errors,
  warnings and notes, and the verdict at the ``--fail-on`` level;
- each table the report holds, redrawn as its template lays it out (the template's
  header rows and row labels, with the report's own values as written): a blank cell
  shows as （空）, a not-applicable mark as written (``——``), a value read in another
  unit with the conversion (``18500元 → 1.85万元``), a row the report left out hatched,
  a row or cell the template has no place for at the end with a tag;
- every cell a finding points at marked by its severity: ✖ error, ▲ warning, ● note,
  with a border that differs too (solid, dashed, dotted), so that the marks read
  without colour, in black-and-white print and for colour-blind readers; the cells a
  finding relates to (the parts of a sum that does not add up) outlined;
- under each table its findings, each linking to its cell, the cell's mark linking back;
- the findings about the prose, with the sentence quoted and the figure highlighted,
  and those that point at no table cell, in the summary.

Tables with nothing marked are folded (open them by clicking their title), which keeps
a page for a folder of hundreds of reports light. For more than one report the page
begins with an index (file, template, year, errors, warnings, notes), the reports
with the most errors first, each linking to its section; files that could not be read
are listed first, with the reason. It is followed by the folder at a glance
(:func:`linter.report.statistics.by_agency`): each agency's reports year by year, with
their counts, their cross-year findings (GX6xx), the applications each carries over from
last year and forward to the next, and the report of the year before it was compared with.
The page prints on A4 and reads on a phone.

The page is made by a Jinja2 template (``templates/page.html.j2``, its style sheet
``templates/page.css``) from the same results the other formats print; this module
only arranges them into rows and cells.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from .. import __version__
from ..bind.binder import BoundRow, BoundTable, Fact
from ..bind.labels import display, normalize
from ..bind.templates import ColumnDef, PartDef, RowDef, SectionDef
from ..bind.values import MONEY_UNITS
from ..check.findings import SEVERITIES, SEVERITY_RANK, Finding, Location, printable
from ..check.wording import format_number
from ..read.model import Cell, Document, Paragraph, Table
from .rich_format import MARKS, SEVERITY_NAMES

TEXTS = {
    "zh": {
        "html_lang": "zh-CN", "title": "政府信息公开工作年度报告检查结果", "index": "目录",
        "file": "文件", "template": "模板", "year": "年度", "unknown": "未识别", "no_tables": "未找到统计表",
        "severity_plural": {"error": "错误", "warning": "警告", "info": "提示"},
        "checked": "共检查 {files} 个文件：{error} 个错误，{warning} 个警告，{info} 个提示",
        "unreadable_count": "，{count} 个文件无法读取", "unreadable": "无法读取",
        "findings": "问题", "verdict": "结论", "pass": "通过：没有达到“{level}”级别的问题",
        "fail": "不通过：有 {count} 个达到“{level}”级别的问题（--fail-on {fail_on}）",
        "page_pass": "全部通过", "page_fail": "未通过：{count} 个文件有达到“{level}”级别的问题",
        "page_error": "有文件无法读取", "elsewhere": "不在表格中的问题", "in_table": "本表的问题",
        "table_findings": "{count} 个问题", "table_clean": "没有问题（点击展开）",
        "blank": "（空）", "na": "不适用", "missing_cell": "（缺）", "missing_row": "报告中没有这一行",
        "cut": "表格在此中断，以下各行报告中没有", "unknown_row": "模板中没有这一行", "no_label": "（无行标签）",
        "duplicate": "重复的一行", "extra": "多出的单元格", "written_as": "报告写作：", "item": "项目",
        "unit": "单位", "template_unit": "模板要求的单位", "go": "看单元格", "related": "相关单元格",
        "at": "第 {line} 行第 {column} 列", "line": "第 {line} 行", "other_file": "{path} 第 {line} 行",
        "back": "回到目录", "generated": "由 gxlint {version} 生成", "related_title": "相关：",
        "summary": "概况", "none": "没有发现问题。", "cell_of": "{row} · {column}", "colon": "：", "sep": "；", "comma": "、",
        "agency": "机关", "by_agency": "按机关和年度", "cross_year": "跨年度", "carried_over": "上年结转",
        "carried_forward": "结转下年度", "previous": "上一年的报告",
    },
    "en": {
        "html_lang": "en", "title": "Government information disclosure annual reports: check results",
        "index": "Index", "file": "File", "template": "Template", "year": "Year", "unknown": "not found",
        "no_tables": "no statistics table found",
        "severity_plural": {"error": "errors", "warning": "warnings", "info": "notes"},
        "checked": "Checked {files} file(s): {error} error(s), {warning} warning(s), {info} note(s)",
        "unreadable_count": ", {count} file(s) could not be read", "unreadable": "could not be read",
        "findings": "Findings", "verdict": "Verdict", "pass": "passes: nothing at the “{level}” level",
        "fail": "fails: {count} finding(s) at the “{level}” level (--fail-on {fail_on})",
        "page_pass": "all pass", "page_fail": "{count} file(s) have findings at the “{level}” level",
        "page_error": "some files could not be read", "elsewhere": "Findings outside the tables",
        "in_table": "Findings in this table", "table_findings": "{count} finding(s)",
        "table_clean": "nothing found (click to open)",
        "blank": "(blank)", "na": "not applicable", "missing_cell": "(missing)",
        "missing_row": "the report has no such row", "cut": "the table stops here: the rows below are missing",
        "unknown_row": "a row the template does not have", "no_label": "(no row label)",
        "duplicate": "a repeated row", "extra": "extra cells", "written_as": "the report writes: ",
        "item": "Item", "unit": "Unit", "template_unit": "the unit the template asks for", "go": "see the cell",
        "related": "related cells", "at": "line {line}, column {column}", "line": "line {line}",
        "other_file": "{path} line {line}", "back": "back to the index", "generated": "made by gxlint {version}",
        "related_title": "related: ", "summary": "Summary", "none": "No problems found.",
        "cell_of": "{row} · {column}", "colon": ": ", "sep": "; ", "comma": ", ",
        "agency": "Agency", "by_agency": "By agency and year", "cross_year": "Cross-year",
        "carried_over": "Carried over", "carried_forward": "Carried forward", "previous": "Last year's report",
    },
}

SENTENCE_ENDS = "。！？；!?;\n"
MAX_QUOTE = 240          # characters of a sentence quoted whole; a longer one is cut around the figure
QUOTE_MARGIN = 90
MAX_RELATED_QUOTES = 4
_FIGURE_RE = re.compile(r"[0-9０-９][0-9０-９.．,，%％]*")
_LEVELS = ((re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]"), 0),
           (re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]"), 1),
           (re.compile(r"^\s*[0-9０-９]+\s*[.．、]"), 2),
           (re.compile(r"^\s*其中"), 3))
# Characters an HTML page may not hold (its parser reports them): replaced, as printable() shows
# control characters as escapes. Astral non-characters are U+xFFFE and U+xFFFF of each plane.
_NOT_HTML = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]")


def _replace(match: re.Match) -> str:
    code = ord(match.group())
    return "\ufffd" if code < 0x10000 or (code & 0xFFFE) == 0xFFFE else match.group()


def clean(text: str) -> str:
    """Text from a report, safe to show: control characters as escapes, non-characters replaced."""
    return _NOT_HTML.sub(_replace, printable(text))


# --- what the template shows --------------------------------------------------------

@dataclass(eq=False)
class Mark:
    finding: str             # the id of the finding's entry in the page
    severity: str
    icon: str
    title: str


@dataclass(eq=False)
class CellView:
    text: str = ""
    kind: str = ""           # blank, na, txt, conv, miss, tu, xtra, lab, grp, cut
    note: str = ""
    colspan: int = 1
    rowspan: int = 1
    name: str = ""           # how the finding lists name the cell
    title: str = ""
    at: str = ""             # line:column of the report's cell in the text gxlint read
    id: str = ""
    marks: list[Mark] = field(default_factory=list)
    related: list[str] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return max((mark.severity for mark in self.marks), key=SEVERITY_RANK.__getitem__, default="")

    @property
    def classes(self) -> str:
        names = [self.kind] if self.kind else []
        if self.marks:
            names += ["m", self.severity[0]]
        if self.related:
            names.append("rel")
        return " ".join(names)


@dataclass(eq=False)
class RowView:
    cells: list[CellView]
    kind: str = ""           # grp, miss, unk, dup, cut
    level: int = 0


@dataclass(eq=False)
class GridView:
    caption: str
    head: list[list[CellView]]
    body: list[RowView]
    labelled: bool          # whether the first cell of a row is its label


@dataclass(eq=False)
class FindingView:
    id: str
    severity: str
    icon: str
    severity_name: str
    rule: str
    title: str
    message: str
    place: str
    origin: str = ""
    target: str = ""
    target_name: str = ""
    related: list[tuple[str, str]] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    quotes: list[list[tuple[str, str]]] = field(default_factory=list)


@dataclass(eq=False)
class TableView:
    title: str
    template: str
    grids: list[GridView]
    findings: list[FindingView] = field(default_factory=list)
    shown: bool = False      # something in it is marked or outlined: unfolded

    @property
    def open(self) -> bool:
        return self.shown or bool(self.findings)


@dataclass(eq=False)
class ReportView:
    id: str
    path: str
    error: str = ""
    templates: list[str] = field(default_factory=list)       # ids: 2008, 2019, 2021
    template_names: list[str] = field(default_factory=list)  # ids with their titles
    year: str = ""
    agency: str = ""
    counts: dict = field(default_factory=dict)
    verdict: str = ""
    passed: bool = True
    loose: list[FindingView] = field(default_factory=list)
    tables: list[TableView] = field(default_factory=list)


@dataclass(eq=False)
class AgencyRow:
    """One report in the folder at a glance: its cells, and the sections of the page it links to."""
    agency: str
    year: str
    path: str
    target: str                  # the id of its section
    previous: str
    previous_target: str
    counts: dict
    cross_year: int
    carried_over: str
    carried_forward: str


@dataclass(eq=False)
class PageView:
    lang: str
    reports: list[ReportView]
    totals: dict
    summary: str
    verdict: str
    verdict_class: str
    version: str
    agencies: list[AgencyRow] = field(default_factory=list)


# --- cells by where they stand ------------------------------------------------------

class _Drawing:
    """The cells drawn for one report, found by where they stand in the text gxlint read."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.places: dict[tuple[int, int], tuple[CellView, TableView | None]] = {}
        self.count = 0
        self.table: TableView | None = None

    def has(self, cell: Cell) -> bool:
        return (cell.line, cell.column) in self.places

    def put(self, cell: Cell | None, view: CellView) -> None:
        if cell is None or self.has(cell):
            return
        self.places[(cell.line, cell.column)] = (view, self.table)
        view.at = view.at or f"{cell.line}:{cell.column}"

    def find(self, line: int, column: int) -> tuple[CellView, TableView | None] | None:
        return self.places.get((line, column))

    def anchor(self, view: CellView) -> str:
        if not view.id:
            self.count += 1
            view.id = f"{self.prefix}c{self.count}"
        return view.id


# --- tables as the template lays them out ---------------------------------------------

def _level(label: str, previous: int) -> int:
    for pattern, level in _LEVELS:
        if pattern.match(label):
            return level
    return previous


def _column_head(columns: list[ColumnDef], corner: list[CellView]) -> list[list[CellView]]:
    """The header rows: columns of one group under their group's merged cell."""
    grouped = any(column.group_label for column in columns)
    if not grouped:
        return [corner + [CellView(clean(column.label)) for column in columns]]
    top: list[CellView] = [CellView(cell.text, rowspan=2) for cell in corner]
    below: list[CellView] = []
    for column in columns:
        if not column.group_label:
            top.append(CellView(clean(column.label), rowspan=2))
        elif top and top[-1].name == column.group_label and top[-1].rowspan == 1:
            top[-1].colspan += 1
            below.append(CellView(clean(column.label)))
        else:
            top.append(CellView(clean(column.group_label), name=column.group_label))
            below.append(CellView(clean(column.label)))
    return [top, below]


def _corner(section: SectionDef, texts: dict, labelled: bool) -> list[CellView]:
    if not labelled:
        return []
    titles = set(section.column_labels())
    own = [header for header in section.headers if header not in titles]
    corner = [CellView(clean(own[0]) if own else texts["item"])]
    if section.unit_column:
        corner.append(CellView(clean(own[1]) if len(own) > 1 else texts["unit"]))
    return corner


def _fact_view(fact: Fact, texts: dict) -> CellView:
    if fact.status == "blank":
        return CellView(texts["blank"], "blank")
    if fact.status == "na":
        return CellView(clean(fact.raw), "na", title=texts["na"])
    if fact.status == "text":
        return CellView(clean(fact.raw), "txt")
    expected = fact.column.unit or fact.row.unit
    if (fact.value is not None and fact.unit in MONEY_UNITS and expected in MONEY_UNITS
            and fact.unit != expected):
        written = fact.raw.strip()
        written = written if written.endswith(fact.unit) else written + fact.unit
        return CellView(clean(written), "conv", note=f"→ {format_number(fact.value)}{expected}")
    return CellView(clean(fact.raw))


class _TableDrawer:
    """One bound table, as its template lays it out, every cell of the report in it registered."""

    def __init__(self, table: BoundTable, drawing: _Drawing, texts: dict):
        self.table, self.drawing, self.texts = table, drawing, texts
        self.section = table.section
        self.bound: dict[int, list[BoundRow]] = {}
        self.unknown: dict[int | None, list[BoundRow]] = {}
        self.extras: dict[int, list[Cell]] = {}
        last: RowDef | None = None
        for row in table.rows:
            if row.row is None:
                self.unknown.setdefault(id(last) if last else None, []).append(row)
            else:
                self.bound.setdefault(id(row.row), []).append(row)
                last = row.row
        for row, cell in table.extra_cells:
            self.extras.setdefault(id(row), []).append(cell)
        self.labelled = any(not row.unlabeled for row in self.section.rows)
        self.cut = False                # past the row the table stops at: its missing rows need no note

    def view(self) -> TableView:
        section, template = self.section, self.table.template
        view = TableView(title=clean(section.title), template=template.id, grids=[])
        self.drawing.table = view
        for index, part in enumerate(section.parts):
            rows = [row for row in section.rows if row.part == index]
            view.grids.append(self._grid(part, rows, first=index == 0))
        return view

    def _grid(self, part: PartDef, rows: list[RowDef], first: bool) -> GridView:
        width = len(part.columns)
        body: list[RowView] = []
        if first:
            body += [self._other_row(row, width, "unk") for row in self.unknown.get(None, [])]
        level = 0
        for row in rows:
            drawn = self._template_row(row, width, level)
            if drawn is not None:
                level = drawn[0].level
                body += drawn
        extra = max((len(row.cells) - self._base_width(width) for row in body if row.kind != "cut"), default=0)
        for row in body:
            self._pad(row, width, extra)
        corner = _corner(self.section, self.texts, self.labelled)
        head = _column_head(part.columns, corner)
        if extra:
            head[0].append(CellView(self.texts["extra"], colspan=extra, rowspan=len(head)))
        return GridView(clean(part.caption or ""), head, body, self.labelled)

    def _base_width(self, width: int) -> int:
        return width + (1 if self.labelled else 0) + (1 if self.section.unit_column else 0)

    def _pad(self, row: RowView, width: int, extra: int) -> None:
        full = self._base_width(width) + extra
        if row.kind in ("cut", "grp"):
            row.cells[-1].colspan = full - len(row.cells) + 1
            return
        missing = full - sum(cell.colspan for cell in row.cells)
        row.cells += [CellView() for _ in range(missing)]

    def _template_row(self, row: RowDef, width: int, level: int) -> list[RowView] | None:
        bound = self.bound.get(id(row), [])
        level = _level(row.label, level)
        facts = [self.table.facts.get(self.section.fact_key(row, column)) for column in row.columns]
        if not bound and not row.group and row.optional:
            return None
        if row.group and not any(facts):
            drawn = [self._group_row(row, bound, level)]
        elif not bound and not any(facts):
            drawn = [self._missing_row(row, width, level)]
        else:
            drawn = [self._value_row(row, bound[0] if bound else None, facts, level)]
        drawn += [self._other_row(other, width, "dup") for other in bound[1:]]
        if self.table.cut_after is not None and any(other is self.table.cut_after for other in bound):
            drawn.append(RowView([CellView(self.texts["cut"], "cut")], "cut"))
            self.cut = True
        drawn += [self._other_row(other, width, "unk") for other in self.unknown.get(id(row), [])]
        return drawn

    def _label(self, row: RowDef | None, bound: BoundRow | None) -> CellView:
        label = CellView(clean(row.label) if row and row.label else "", "lab")
        if bound is not None and bound.label_cells:
            written = bound.label
            if row is None:
                label.text = clean(display(written))
            elif normalize(written) != normalize(row.label):
                label.note = self.texts["written_as"] + clean(display(written))
            for cell in bound.label_cells:
                self.drawing.put(cell, label)
        if row is None and not label.text:
            label.text = self.texts["no_label"]
        label.name = display(label.text) or self.texts["no_label"]
        return label

    def _unit(self, row: RowDef | None, bound: BoundRow | None) -> list[CellView]:
        if not self.section.unit_column:
            return []
        name = self.texts["cell_of"].format(row=display(row.label) if row else "", column=self.texts["unit"])
        if bound is not None and bound.unit_cell is not None:
            unit = CellView(clean(bound.unit_cell.text), name=name)
            self.drawing.put(bound.unit_cell, unit)
            return [unit]
        return [CellView(clean(row.unit or "") if row else "", "tu", name=name, title=self.texts["template_unit"])]

    def _cell_name(self, label: CellView, column: ColumnDef | None, columns: int) -> str:
        if column is None or columns <= 1:
            return label.name
        heading = f"{column.group_label}{column.label}" if column.group_label else column.label
        if not self.labelled:
            return heading
        return self.texts["cell_of"].format(row=label.name, column=heading)

    def _value_row(self, row: RowDef, bound: BoundRow | None, facts: list, level: int) -> RowView:
        label = self._label(row, bound)
        cells = ([label] if self.labelled else []) + self._unit(row, bound)
        for column, fact in zip(row.columns, facts):
            if fact is None:
                view = CellView(self.texts["missing_cell"] if bound else "", "miss")
            else:
                view = _fact_view(fact, self.texts)
                self.drawing.put(fact.cell, view)
            view.name = self._cell_name(label, column, len(row.columns))
            cells.append(view)
        cells += self._leftovers(bound, label)
        return RowView(cells, "", level)

    def _leftovers(self, bound: BoundRow | None, label: CellView) -> list[CellView]:
        """The row's cells the template has no place for: extra values, unplaced ones (an empty
        cell beyond the row's columns is only the layout's)."""
        if bound is None:
            return []
        left = []
        for cell in self.extras.get(id(bound), []) + [cell for cell in bound.value_cells if cell.text]:
            if not self.drawing.has(cell):
                view = CellView(clean(cell.text) or self.texts["blank"], "xtra",
                                name=self.texts["cell_of"].format(row=label.name, column=self.texts["extra"]))
                self.drawing.put(cell, view)
                left.append(view)
        return left

    def _group_row(self, row: RowDef, bound: list[BoundRow], level: int) -> RowView:
        label = self._label(row, bound[0] if bound else None)
        cells = [label] if self.labelled else [CellView()]
        return RowView(cells, "grp", level)

    def _missing_row(self, row: RowDef, width: int, level: int) -> RowView:
        label = CellView(clean(row.label), "lab", note="" if self.cut else self.texts["missing_row"])
        label.name = display(row.label)
        cells = ([label] if self.labelled else []) + [CellView(kind="miss") for _ in range(width)]
        if self.section.unit_column:
            cells.insert(1, CellView(clean(row.unit or ""), "tu miss", title=self.texts["template_unit"]))
        return RowView(cells, "miss", level)

    def _other_row(self, bound: BoundRow, width: int, kind: str) -> RowView:
        """A row the template does not have, or a second row under a label already drawn."""
        label = self._label(bound.row if kind == "dup" else None, bound)
        label.note = self.texts["duplicate" if kind == "dup" else "unknown_row"]
        cells = ([label] if self.labelled else []) + self._unit(bound.row, bound)
        values = [cell for cell in bound.value_cells if not self.drawing.has(cell)]
        values += [cell for cell in self.extras.get(id(bound), []) if not self.drawing.has(cell)
                   and all(cell is not other for other in values)]
        for index, cell in enumerate(values):
            view = CellView(clean(cell.text) or self.texts["blank"], "xtra" if index >= width else "",
                            name=self.texts["cell_of"].format(row=label.name, column=index + 1))
            self.drawing.put(cell, view)
            cells.append(view)
        return RowView(cells, kind, 0)


# --- quoting the prose ---------------------------------------------------------------

def _paragraph_at(document: Document, line: int) -> Paragraph | None:
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.line <= line <= block.end_line:
            if any(item.line == line for item in block.lines):
                return block
    return None


def _offset(paragraph: Paragraph, line: int, column: int) -> int | None:
    """Where (line, column) falls in the paragraph's joined text."""
    text, start = paragraph.text, 0
    for item in paragraph.lines:
        start = text.find(item.text, start)
        if start < 0:
            return None
        if item.line == line:
            return start + min(max(0, column - item.column), len(item.text))
        start += len(item.text)
    return None


def _figure_end(text: str, start: int) -> int:
    match = _FIGURE_RE.match(text, start)
    return match.end() if match else min(len(text), start + 1)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    begin = max(text.rfind(mark, 0, start) for mark in SENTENCE_ENDS) + 1
    stops = [found for found in (text.find(mark, end) for mark in SENTENCE_ENDS) if found >= 0]
    stop = min(stops) + 1 if stops else len(text)
    if stop - begin > MAX_QUOTE:
        begin, stop = max(begin, start - QUOTE_MARGIN), min(stop, end + QUOTE_MARGIN)
    return begin, stop


def _segments(text: str, begin: int, stop: int, ranges: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """The text from *begin* to *stop* cut where a range starts or ends, each piece with its mark."""
    cuts = sorted({begin, stop} | {min(max(point, begin), stop) for s, e, _ in ranges for point in (s, e)})
    pieces = []
    for left, right in zip(cuts, cuts[1:]):
        covering = [cls for s, e, cls in ranges if s <= left and right <= e]
        cls = next((c for c in covering if c != "rel"), covering[0] if covering else "")
        pieces.append((clean(text[left:right]).replace("\n", " "), cls))
    if begin > 0:
        pieces.insert(0, ("…", ""))
    if stop < len(text) and text[stop - 1] not in SENTENCE_ENDS:
        pieces.append(("…", ""))
    return [piece for piece in pieces if piece[0]]


def _prose_quote(document: Document, start: tuple[int, int], end: tuple[int, int] | None, cls: str,
                 related: list[Location]) -> tuple[list[tuple[str, str]] | None, list[Location]]:
    """The sentence around *start*, the range marked with *cls* and related places in it marked
    ``rel``; the related places it does not show."""
    paragraph = _paragraph_at(document, start[0])
    first = _offset(paragraph, *start) if paragraph else None
    if first is None:
        return None, related
    text = paragraph.text
    last = _offset(paragraph, *end) if end and end[0] >= start[0] else None
    last = last if last is not None and last > first else _figure_end(text, first)
    begin, stop = _sentence(text, first, last)
    ranges, rest = [(first, last, cls)], []
    for place in related:
        inside = _offset(paragraph, place.line, place.column) if place.path is None else None
        if inside is not None and begin <= inside < stop:
            close = _offset(paragraph, place.end_line, place.end_column) if place.end_column else None
            ranges.append((inside, close if close and close > inside else _figure_end(text, inside), "rel"))
        else:
            rest.append(place)
    return _segments(text, begin, stop, ranges), rest


def _row_quote(document: Document, line: int, column: int, cls: str) -> list[tuple[str, str]] | None:
    """A cell gxlint did not place in a table (a header, cells run together): its physical row."""
    for block in document.blocks:
        if isinstance(block, Table) and block.line <= line <= block.end_line:
            for row in block.rows:
                for cell in row.cells:
                    if (cell.line, cell.column) == (line, column):
                        pieces = []
                        for other in row.cells:
                            if pieces:
                                pieces.append((" │ ", ""))
                            pieces.append((clean(other.text) or "␣", cls if other is cell else ""))
                        return pieces
    return None


# --- findings onto the page ------------------------------------------------------------

class _Placer:
    """Puts each finding of a report on its cell, or in the summary with a quote."""

    def __init__(self, report, drawing: _Drawing, view: ReportView, lang: str, texts: dict):
        self.report, self.drawing, self.view = report, drawing, view
        self.lang, self.texts = lang, texts

    def place(self, number: int, finding: Finding) -> None:
        entry = FindingView(
            id=f"{self.view.id}f{number}", severity=finding.severity, icon=MARKS[finding.severity],
            severity_name=SEVERITY_NAMES[self.lang][finding.severity], rule=clean(finding.rule),
            title=clean(finding.title), message=clean(finding.message),
            place=self.texts["at"].format(line=finding.line, column=finding.column),
            origin=clean(finding.origin.describe(self.lang)) if finding.origin else "")
        found = self.drawing.find(finding.line, finding.column)
        rest = self._related(entry, finding.related)
        if found is not None:
            cell, table = found
            entry.target, entry.target_name = self.drawing.anchor(cell), cell.name
            cell.marks.append(Mark(entry.id, finding.severity, entry.icon,
                                   f"{entry.severity_name} {entry.rule}{self.texts['colon']}{entry.message}"))
            table.findings.append(entry)
        else:
            rest = self._quote(entry, finding, rest)
            self.view.loose.append(entry)
        self._quote_related(entry, rest)

    def _related(self, entry: FindingView, related: Iterable[Location]) -> list[Location]:
        """Outline the related cells drawn; the places that are not table cells, kept for quoting."""
        rest = []
        for place in related:
            found = self.drawing.find(place.line, place.column) if place.path is None else None
            if found is None:
                rest.append(place)
                continue
            cell, table = found
            if entry.id not in cell.related:
                cell.related.append(entry.id)
                cell.title = (cell.title + "\n" if cell.title else self.texts["related_title"]) + \
                    f"{entry.rule} {entry.message}"
                entry.related.append((self.drawing.anchor(cell), cell.name or cell.text))
                table.shown = True
        return rest

    def _quote(self, entry: FindingView, finding: Finding, related: list[Location]) -> list[Location]:
        document = self.report.document if self.report else None
        if document is None or (finding.line, finding.column) == (finding.end_line, finding.end_column):
            return related
        quote, rest = _prose_quote(document, (finding.line, finding.column),
                                   (finding.end_line, finding.end_column), finding.severity[0], related)
        quote = quote or _row_quote(document, finding.line, finding.column, finding.severity[0])
        if quote:
            entry.quotes.append(quote)
        return rest

    def _quote_related(self, entry: FindingView, places: list[Location]) -> None:
        document = self.report.document if self.report else None
        for place in places:
            if place.path is not None:
                entry.elsewhere.append(clean(self.texts["other_file"].format(path=place.path, line=place.line)))
                continue
            quote = None
            if document is not None and len(entry.quotes) <= MAX_RELATED_QUOTES:
                end = (place.end_line, place.end_column) if place.end_column else None
                quote, _ = _prose_quote(document, (place.line, place.column), end, "rel", [])
            if quote:
                entry.quotes.append(quote)
            else:
                entry.elsewhere.append(self.texts["at"].format(line=place.line, column=place.column))


# --- the page ---------------------------------------------------------------------------

def _counts(result) -> dict:
    counted = Counter(finding.severity for finding in result.findings)
    return {severity: counted.get(severity, 0) for severity in SEVERITIES}


def _failing(result, fail_on: str) -> int:
    threshold = SEVERITY_RANK[fail_on]
    return sum(1 for finding in result.findings if SEVERITY_RANK[finding.severity] >= threshold)


def _report_view(number: int, result, lang: str, fail_on: str) -> ReportView:
    texts = TEXTS[lang]
    view = ReportView(id=f"r{number}", path=clean(result.path), counts=_counts(result))
    level = SEVERITY_NAMES[lang][fail_on]
    if result.error:
        view.error, view.passed, view.verdict = clean(result.error), False, texts["unreadable"]
        return view
    failing = _failing(result, fail_on)
    view.passed = not failing
    view.verdict = (texts["fail"].format(count=failing, level=level, fail_on=fail_on) if failing
                    else texts["pass"].format(level=level))
    report = result.report
    view.templates = [clean(template) for template in result.templates]
    drawing = _Drawing(view.id)
    identity = result.identity
    view.agency = clean(identity.agency) if identity and identity.agency else texts["unknown"]
    if report is not None:
        year = identity.year if identity and identity.year is not None else report.dates.year
        view.year = str(year) if year else texts["unknown"]
        titles = {table.template.id: table.template.title for table in report.binding.tables}
        view.template_names = [clean(f"{tid}{texts['colon']}{titles[tid]}" if tid in titles else tid)
                               for tid in view.templates]
        view.tables = [_TableDrawer(table, drawing, texts).view() for table in report.binding.tables]
    placer = _Placer(report, drawing, view, lang, texts)
    for index, finding in enumerate(result.findings, 1):
        placer.place(index, finding)
    return view


def _order(results) -> list:
    """Unreadable files first, then by errors, warnings and notes, most first."""
    def key(result):
        counts = _counts(result)
        return (not result.error, -counts["error"], -counts["warning"], -counts["info"], result.path)
    return sorted(results, key=key)


def _agency_rows(rows: list[dict], reports: list[ReportView], texts: dict) -> list[AgencyRow]:
    targets = {report.path: report.id for report in reports}

    def shown(value) -> str:
        return "-" if value is None else clean(str(value))
    return [AgencyRow(shown(row["agency"]) if row["agency"] else texts["unknown"],
                      shown(row["year"]) if row["year"] is not None else texts["unknown"], clean(row["path"]),
                      targets.get(clean(row["path"]), ""), shown(row["previous"]),
                      targets.get(clean(row["previous"] or ""), ""),
                      {severity: row[severity] for severity in SEVERITIES}, row["cross_year"],
                      shown(row["carried_over"]), shown(row["carried_forward"])) for row in rows]


def page_view(results, lang: str = "zh", fail_on: str = "error", agencies: list[dict] | None = None) -> PageView:
    lang = lang if lang in TEXTS else "zh"
    texts = TEXTS[lang]
    reports = [_report_view(number, result, lang, fail_on) for number, result in enumerate(_order(results), 1)]
    totals = {severity: sum(report.counts[severity] for report in reports) for severity in SEVERITIES}
    unreadable = sum(1 for report in reports if report.error)
    summary = texts["checked"].format(files=len(reports), **totals)
    if unreadable:
        summary += texts["unreadable_count"].format(count=unreadable)
    failing = sum(1 for report in reports if not report.passed and not report.error)
    level = SEVERITY_NAMES[lang][fail_on]
    if unreadable:
        verdict, verdict_class = texts["page_error"], "fail"
    elif failing:
        verdict, verdict_class = texts["page_fail"].format(count=failing, level=level), "fail"
    else:
        verdict, verdict_class = texts["page_pass"], "pass"
    rows = _agency_rows(agencies, reports, texts) if agencies and len(reports) > 1 else []
    return PageView(lang, reports, totals, summary, verdict, verdict_class, __version__, rows)


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("linter.report", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(results, lang: str = "zh", fail_on: str = "error", agencies: list[dict] | None = None) -> str:
    """The page; *agencies*: the folder at a glance (:func:`linter.report.statistics.by_agency`)."""
    page = page_view(results, lang, fail_on, agencies)
    template = _environment().get_template("page.html.j2")
    return template.render(page=page, t=TEXTS[page.lang], icons=MARKS,
                           severity_names=SEVERITY_NAMES[page.lang], severities=SEVERITIES)


def write(results, out: TextIO, lang: str = "zh", fail_on: str = "error", agencies: list[dict] | None = None) -> None:
    out.write(render(results, lang, fail_on, agencies))
