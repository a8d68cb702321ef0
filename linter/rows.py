"""Logical rows: the rows a reader sees, whatever the layout.

Word, Markdown and row-per-line web tables already say where a row ends. Web
text with one cell a line does not, or not reliably (``|||`` marks are missing
between some rows, and a lone ``|`` is sometimes an empty cell); there the
rows are rebuilt from what the cells say: a row label of a known template
starts a row, a group label (``（三）不予公开``) joins the leaf label after it, a
number after a header row starts a row without a label, and a row takes no
more values than the template gives it columns.
"""

from __future__ import annotations


from .labels import normalize
from .model import Cell, Row, Table
from .record import ValueRecord, computed_once
from .templates import Catalog
from .values import BLANK, NUMBER, parse_value

UNIT_WORDS = frozenset({"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "千元", "亿元",
                        "期", "项", "份", "场", "名", "家", "户", "天", "日", "%", "万"})


class LogicalRow(ValueRecord):
    cells: list[Cell]
    line: int
    table: Table

    def __init__(self, cells, line, table):
        self.cells = cells
        self.line = line
        self.table = table

    @computed_once
    def numbers(self) -> bool:
        """Whether a cell holds a number (the binder asks several times per row)."""
        return has_number(self.cells)


def is_unit(text: str) -> bool:
    return normalize(text) in UNIT_WORDS or text.strip() in UNIT_WORDS


def logical_rows(table: Table, catalog: Catalog) -> list[LogicalRow]:
    if table.layout in ("stream", "lines"):
        return _regroup(table, catalog)
    return [LogicalRow(row.cells, row.line, table) for row in table.rows if row.cells]


def _kinds(text: str, catalog: Catalog) -> set[str]:
    value = parse_value(text)
    if value.kind != "text":
        return {"value"}
    if is_unit(text):
        return {"unit"}
    kinds = set()
    if catalog.caption_index.exact(text):
        kinds.add("caption")
    rows = catalog.row_index.exact(text)
    if rows:
        kinds.add("group" if all(row.group for row in rows) else "row")
    if catalog.column_index.exact(text):
        kinds.add("column")
    return kinds or {"unknown"}


def _expected_values(text: str, catalog: Catalog) -> int | None:
    counts = [len(row.columns) + (1 if row.section in catalog.unit_sections else 0)
              for row in catalog.row_index.exact(text) if not row.group]
    return max(counts) if counts else None


class _Pending(ValueRecord):
    table: Table
    labels: list[Cell]
    label_kinds: list[set[str]]
    values: list[Cell]
    expected: int | None

    def __init__(self, table, labels=None, label_kinds=None, values=None, expected=None):
        self.table = table
        self.labels = [] if labels is None else labels
        self.label_kinds = [] if label_kinds is None else label_kinds
        self.values = [] if values is None else values
        self.expected = expected

    def add_label(self, cell: Cell, kinds: set[str], catalog: Catalog) -> None:
        self.labels.append(cell)
        self.label_kinds.append(kinds)
        if kinds & {"row"}:
            self.expected = _expected_values(cell.text, catalog)

    @property
    def is_header(self) -> bool:
        kinds = set().union(*self.label_kinds) if self.label_kinds else set()
        return bool(self.labels) and "column" in kinds and not kinds & {"row", "group"}

    @property
    def ends_with_group(self) -> bool:
        return bool(self.label_kinds) and self.label_kinds[-1] & {"group", "caption"} == {"group"}

    @property
    def has_row_label(self) -> bool:
        return any(kinds & {"row", "group"} for kinds in self.label_kinds)

    def wants_value(self) -> bool:
        return self.expected is not None and len(self.values) < self.expected

    def full(self) -> bool:
        return self.expected is not None and len(self.values) >= self.expected

    def finish(self) -> LogicalRow:
        cells = self.labels + self.values
        return LogicalRow(cells, cells[0].line, self.table)


def _bar_cell(row: Row) -> Cell:
    return Cell(text="", raw="", line=row.line, column=1, end_line=row.line, end_column=1)


def _regroup(table: Table, catalog: Catalog) -> list[LogicalRow]:
    rows: list[LogicalRow] = []
    pending: _Pending | None = None

    def close() -> None:
        nonlocal pending
        if pending is not None and (pending.labels or pending.values):
            rows.append(pending.finish())
        pending = None

    for row in table.rows:
        if row.bars:
            if row.bars == 1 and pending is not None and pending.wants_value():
                pending.values.append(_bar_cell(row))
            else:
                close()
            continue
        for cell in row.cells:
            kinds = _kinds(cell.text, catalog)
            if kinds & {"value", "unit"}:
                if pending is None or pending.is_header or pending.full():
                    close()
                    pending = _Pending(table)
                pending.values.append(cell)
                continue
            if pending is not None and not pending.values and _joins(pending, kinds):
                if pending.is_header and "column" in kinds:
                    kinds = {"column"}        # 总计 in a header row is a column title, not a row
                pending.add_label(cell, kinds, catalog)
                continue
            close()
            pending = _Pending(table)
            pending.add_label(cell, kinds, catalog)
    close()
    return rows


def _joins(pending: _Pending, kinds: set[str]) -> bool:
    """Whether a label cell continues the labels of the pending row."""
    if not pending.labels:
        return True
    if pending.is_header:
        return "column" in kinds or "unknown" in kinds
    if pending.ends_with_group:
        return bool(kinds & {"row", "group"})
    if kinds & {"row", "group", "caption"}:
        return False
    if "column" in kinds and pending.has_row_label:
        return False
    return True


def value_kind(cell: Cell) -> str:
    return parse_value(cell.text).kind


def has_number(cells: list[Cell]) -> bool:
    return any(parse_value(cell.text).kind == NUMBER for cell in cells)


def is_blank(cell: Cell) -> bool:
    return parse_value(cell.text).kind == BLANK
