"""Template binding: from the cells of a document to facts with canonical keys.

The binder reads the document's tables as one stream of cells
(:mod:`linter.bind.stream`) and walks it with each template in hand:

1. a caption (``第二十条第（一）项``), a header (``统计指标``) or a row label of
   another section switches the section; prose between tables ends it;
2. the text pieces since the last value name the next row: a template row's
   label or alias written exactly (after normalisation, pieces of a wrapped
   label joined), then a label the pieces begin, then a near miss; the row
   nearest after the last one bound wins where a label repeats
   (``（二）被依法纠错数`` under 行政复议 and under 行政诉讼);
3. the values after it fill the row's columns, as many as the template gives
   it: a row ends when it is full, at the next label, or at the end of a
   physical row where the layout has one table row a line;
4. where blank cells leave no trace (aligned columns), a row with fewer values
   than columns has them placed under their columns by their positions;
5. each value becomes a :class:`Fact` named ``<section>.<row>.<column>``.

Each template is walked over the whole document; for each section the template
that reads it best is kept (ties: the one the other sections chose, then the
one meant for the report's year). Rows whose labels match nothing are kept
(provincial extension rows, a label changed beyond recognition), values beyond
a row's columns as extra cells, template rows never seen as missing rows, and
cells glued together (``801000081``) as unreadable: the rules report them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ..read.model import Cell, Document
from .labels import LabelIndex, normalize, numbering
from .stream import Item, items
from .templates import Catalog, ColumnDef, RowDef, SectionDef, Template
from .values import MONEY_UNITS, NUMBER, is_unit, parse_value

NEAR_MISS = 0.8
MAX_JOIN = 5               # a wrapped label comes in at most this many pieces
MAX_BUFFER = 24            # pieces of text kept while waiting for a row's values
MAX_NEAR_ATTEMPTS = 1000   # near misses sought per walk: a garbage table of a million labels stays quick


@dataclass(eq=False, slots=True)
class Fact:
    key: str
    value: Decimal | None      # in the template's unit; None when blank, not applicable or not a number
    status: str                # number | blank | na | text
    raw: str
    unit: str | None           # the unit the report wrote (unit cell or inside the value)
    written: Decimal | None    # the number as written, before any unit conversion
    cell: Cell
    row: RowDef
    column: ColumnDef
    label: str                 # the row's label as the report writes it

    @property
    def line(self) -> int:
        return self.cell.line


@dataclass(eq=False)
class BoundRow:
    label_cells: list[Cell]
    value_cells: list[Cell]
    row: RowDef | None = None
    match: str | None = None           # exact | start | near | position
    unit_cell: Cell | None = None
    spaced: bool = False               # its values from rows whose blank cells leave no trace
    placed: list[tuple[ColumnDef, Cell]] = field(default_factory=list)
    unplaced: bool = False             # fewer values than columns, and no way to tell which are blank

    @property
    def cells(self) -> list[Cell]:
        unit = [self.unit_cell] if self.unit_cell else []
        return self.label_cells + unit + self.value_cells

    @property
    def label(self) -> str:
        return "".join(cell.text for cell in self.label_cells)

    @property
    def line(self) -> int:
        return self.cells[0].line if self.cells else 0


@dataclass(eq=False)
class BoundTable:
    template: Template
    section: SectionDef
    rows: list[BoundRow] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    extra_cells: list[tuple[BoundRow, Cell]] = field(default_factory=list)
    missing_rows: list[RowDef] = field(default_factory=list)
    cut_after: BoundRow | None = None
    header_cells: list[Cell] = field(default_factory=list)     # text above and between its rows
    titles: list[Cell] = field(default_factory=list)           # its captions and column titles
    glued: list[tuple[BoundRow, Cell]] = field(default_factory=list)
    headers_matched: int = 0

    @property
    def name(self) -> str:
        return self.section.name

    @property
    def cells(self) -> list[Cell]:
        return self.titles + [cell for row in self.rows for cell in row.cells]

    @property
    def line(self) -> int:
        """Where the table starts: its caption or first column title, else its first row (text
        standing before it, such as a signature above an appendix, is not the table's)."""
        return min((cell.line for cell in self.cells), default=0)

    @property
    def end_line(self) -> int:
        return max((cell.end_line for cell in self.cells), default=0)


@dataclass(eq=False)
class Binding:
    document: Document
    tables: list[BoundTable]
    glued: list[tuple[BoundTable, Cell]] = field(default_factory=list)

    @property
    def templates(self) -> list[str]:
        return list(dict.fromkeys(table.template.id for table in self.tables))

    def facts(self) -> dict[str, Fact]:
        merged: dict[str, Fact] = {}
        for table in self.tables:
            for key, fact in table.facts.items():
                merged.setdefault(key, fact)
        return merged


# --- what a template recognises ---------------------------------------------------

@dataclass(eq=False)
class _Vocabulary:
    rows: LabelIndex
    captions: LabelIndex            # entries: (section, part index or None)
    headers: LabelIndex             # entries: section
    titles: dict[str, set[str]]     # section -> its column titles, normalised


@lru_cache(maxsize=64)
def _vocabulary(template: Template) -> _Vocabulary:
    rows, captions, headers = LabelIndex(), LabelIndex(), LabelIndex()
    titles = {name: {normalize(label) for label in section.column_labels()}
              for name, section in template.sections.items()}
    for section in template.sections.values():
        for row in section.rows:
            if row.labels:
                rows.add(row.labels, row)
        captions.add(section.captions, (section, None))
        for index, part in enumerate(section.parts):
            if part.caption:
                captions.add([part.caption], (section, index))
        headers.add(list(section.column_labels()) + list(section.headers), section)
    return _Vocabulary(rows, captions, headers, titles)


# --- walking the stream with one template ---------------------------------------------

@dataclass(eq=False)
class _Open:
    """The row being filled."""

    row: RowDef | None
    label_items: list[Item]
    match: str | None
    width: int                      # how many values it takes
    unit: Item | None = None
    values: list[Item] = field(default_factory=list)


class _Walk:
    def __init__(self, template: Template):
        self.template = template
        self.words = _vocabulary(template)
        self.tables: list[BoundTable] = []
        self.current: dict[str, BoundTable] = {}
        self.section: SectionDef | None = None
        self.part = 0
        self.cursor = 0
        self.buffer: list[Item] = []
        self.open: _Open | None = None
        self.unit: Item | None = None
        self.near_attempts = 0
        # A row label that ended a line with no value after it, where a blank leaves no trace
        # (aligned columns, raw PDF text): (row, where its label starts and ends in the buffer).
        # It is a row of blanks once the next label begins; values arriving first are its own.
        self.pending: tuple[RowDef, int, int] | None = None

    # -- sections

    def _table(self) -> BoundTable:
        table = self.current.get(self.section.name)
        if table is None:
            table = BoundTable(self.template, self.section)
            self.current[self.section.name] = table
            self.tables.append(table)
        return table

    def _enter(self, section: SectionDef, part: int | None, fresh: bool) -> None:
        """Switch to *section* (and *part*); *fresh*: a caption or header that starts a table,
        so a table of that section already holding rows is not continued."""
        table = self.current.get(section.name)
        if fresh and table is not None and any(row.row for row in table.rows):
            del self.current[section.name]
        if section is not self.section:
            self.cursor = 0
            self.part = 0
        self.section = section
        if part is not None:
            self.part = part
            self.cursor = next((row.order for row in section.rows if row.part == part), self.cursor)
        self._table()

    def _leave(self) -> None:
        self._close()
        self.section = None
        self.buffer.clear()
        self.current.clear()

    # -- text

    def text(self, item: Item) -> None:
        if self.pending is not None and self._begins_label(item.cell.text):
            self._blank_row()
        if self.open is not None and self.open.row is not None and self.open.row.unlabeled \
                and len(self.open.values) < self.open.width \
                and all(value.kind == "blank" for value in self.open.values):
            self.open = None        # empty cells under a merged header cell, not the row of values
        if self.open is not None and self.open.values:
            self._close()
        self.buffer.append(item)
        if len(self.buffer) > MAX_BUFFER:
            self._to_header(self.buffer.pop(0))
        self._caption_or_header()

    def _caption_or_header(self) -> None:
        for length in range(1, min(MAX_JOIN, len(self.buffer)) + 1):
            joined = "".join(item.cell.text for item in self.buffer[-length:])
            captions = self.words.captions.exact(joined)
            if captions:
                section, part = _prefer(captions, self.section)
                # A section's caption, or its first part's, starts a table: one already read
                # (a second copy, or rows taken for this section from elsewhere) is not continued.
                self._enter(section, part, fresh=part is None or part == 0)
                self._table().headers_matched += 1
                self._consume(length, header=True)
                return
            if numbering(joined):
                continue                # 一、… （七）总计: a row label, not a column title
            headers = self.words.headers.exact(joined)
            if headers:
                self._header(headers, joined)
                self._consume(length, header=True)
                return

    def _header(self, sections: list[SectionDef], text: str) -> None:
        """A column title: it counts for the table it heads; it starts a table where it is the
        section's first title (统计指标, 行政复议) or no table is being read."""
        section = self.section if self.section in sections else sections[0]
        starts = bool(section.headers) and normalize(text) == normalize(section.headers[0])
        if self.section is None or starts:
            self._enter(section, None, fresh=starts)
        if section is self.section:
            self._table().headers_matched += 1

    def _consume(self, length: int, header: bool) -> None:
        taken = self.buffer[len(self.buffer) - length:]
        del self.buffer[len(self.buffer) - length:]
        for item in self.buffer:
            self._to_header(item)
        self.buffer.clear()
        if header:
            for item in taken:
                self._to_header(item)
            if self.section is not None:
                self._table().titles.extend(item.cell for item in taken)

    def _to_header(self, item: Item) -> None:
        if self.section is not None:
            table = self._table()
            whole = item.whole or item.cell
            if not table.header_cells or table.header_cells[-1] is not whole:
                table.header_cells.append(whole)

    # -- values

    def unit_item(self, item: Item) -> None:
        if self.open is not None and self.open.values:
            self._close()
        self.unit = item

    def value(self, item: Item) -> None:
        self.pending = None                 # its values came after all (a wrapped label)
        open_row = self.open
        if open_row is not None and open_row.values:
            full = len(open_row.values) >= open_row.width
            if not full or (not self.buffer and (not item.reliable or item.row == open_row.values[-1].row)):
                open_row.values.append(item)        # beyond its width: extra cells of the row
                return
        if item.kind == "blank" and not self.buffer and not self._wants_unlabeled():
            return                  # an empty cell outside any row (beside a caption, after a full row)
        self._close()
        self._start_row(item)

    def _wants_unlabeled(self) -> bool:
        """Whether the section's row without a label (the review table's) is still to come."""
        if self.section is None or self.open is not None:
            return False
        unlabeled = next((row for row in self.section.rows if row.unlabeled), None)
        return unlabeled is not None and not any(bound.row is unlabeled for bound in self._table().rows)

    def weak(self, item: Item) -> None:
        """A lone pipe: an empty cell where a row (or the label before it) still wants values."""
        if self.open is not None and len(self.open.values) < self.open.width:
            self.open.values.append(Item("blank", item.cell, item.row))
        elif self.open is None and self.buffer and self._match() is not None:
            self.value(Item("blank", item.cell, item.row))
        else:
            self.end()

    def end(self) -> None:
        if self.open is not None and self.open.values:
            self._close()
        elif self.open is None and self.pending is None and self.buffer and self.buffer[-1].spaced:
            found = self._best(self.buffer, "exact", 3.0)
            if found is not None and found[0].value_row:
                self.pending = (found[0], len(self.buffer) - found[2], len(self.buffer))

    def _begins_label(self, text: str) -> bool:
        """Whether *text* starts another row's label or a caption (rather than continuing one)."""
        return bool(self.words.rows.exact(text) or self.words.captions.exact(text)
                    or (len(normalize(text)) >= 4 and self.words.rows.starting(text)))

    def _blank_row(self) -> None:
        """The pending row, with every value cell blank (where its numbers would stand)."""
        row, start, end = self.pending
        self.pending = None
        labels = self.buffer[start:end]
        for item in self.buffer[:start]:
            self._to_header(item)
        rest = self.buffer[end:]
        self.buffer[:] = labels
        if self.section is None or row.section != self.section.name:
            self._enter(self.template.sections[row.section], None, fresh=False)
        last = labels[-1].cell
        blank = Cell("", last.end_line, last.end_column, last.end_line, last.end_column, origin=last.origin)
        self._close()
        self._start_row(Item("blank", blank, labels[-1].row, spaced=True))
        for _ in range(len(row.columns) - 1):
            self.open.values.append(Item("blank", blank, labels[-1].row, spaced=True))
        self._close()
        self.buffer[:] = rest

    def _start_row(self, item: Item) -> None:
        found = self._match() if self.buffer else None
        if found is None and self.buffer and item.kind == "blank":
            self._consume(0, header=False)
            return
        if found is not None:
            row, match, length = found
            if self.section is None or row.section != self.section.name:
                self._enter(self.template.sections[row.section], None, fresh=False)
            table = self._table()
            if row.value_row and any(bound.row is row for bound in table.rows):
                del self.current[row.section]       # the same row again: a second copy of the table
                table = self._table()
                self.cursor = 0
            labels = self.buffer[-length:]
            del self.buffer[-length:]
            for leftover in self.buffer:
                self._to_header(leftover)
            self.buffer.clear()
            self.open = _Open(row, labels, match, len(row.columns), self.unit)
        elif self.section is None:
            self.buffer.clear()
            return                  # a number outside any table
        else:
            unlabeled = next((row for row in self.section.rows if row.unlabeled), None)
            if unlabeled is not None and self._wants_unlabeled():
                self._consume(0, header=False)      # what stands before is its header
                self.open = _Open(unlabeled, [], "exact", len(unlabeled.columns))
            else:
                labels = list(self.buffer)
                self.buffer.clear()
                width = len(self.section.parts[min(self.part, len(self.section.parts) - 1)].columns)
                self.open = _Open(None, labels, None, width, self.unit)
        self.unit = None
        self.open.values.append(item)

    def _match(self) -> tuple[RowDef, str, int] | None:
        """The template row the buffered pieces name, how, and how many pieces name it: a label
        written exactly, begun, or nearly, by the last pieces; else exactly, by pieces before
        some that name nothing (a page number, a running head)."""
        pieces = self.buffer
        found = self._best(pieces, "exact", 3.0) or self._best(pieces, "start", 2.0)
        # A near miss is a variant of a row of the table being read, not a way into another table.
        if found is None and self.section is not None and self.near_attempts < MAX_NEAR_ATTEMPTS:
            self.near_attempts += 1
            found = self._best(pieces, "near", 1.0)
        for end in range(len(pieces) - 1, 0, -1):
            if found is not None:
                break
            found = self._best(pieces[:end], "exact", 3.0)
            if found is not None:
                found = (found[0], found[1], found[2] + len(pieces) - end)
        return found

    def _best(self, pieces: list[Item], how: str, base: float) -> tuple[RowDef, str, int] | None:
        best, best_score = None, None
        for length in range(1, min(MAX_JOIN, len(pieces)) + 1):
            joined = "".join(item.cell.text for item in pieces[-length:])
            if how == "exact":
                candidates = [(0.0, row) for row in self.words.rows.exact(joined)]
            elif how == "start":
                candidates = [(0.0, row) for row in self.words.rows.starting(joined)] \
                    if len(normalize(joined)) >= 4 else []
            else:
                candidates = self.section.row_index.near(joined, NEAR_MISS)
            for ratio, row in candidates:
                if not self._may_switch(row, joined):
                    continue
                score = self._score(row, base + ratio)
                if best_score is None or score > best_score:
                    best, best_score = (row, how, length), score
        return best

    def _may_switch(self, row: RowDef, text: str) -> bool:
        """A label of another section switches to it, unless the current section reads it as a
        column title (总计)."""
        if self.section is None or row.section == self.section.name:
            return True
        return not self.section.row_index.exact(text) and \
            normalize(text) not in self.words.titles[self.section.name]

    def _score(self, row: RowDef, base: float) -> float:
        score = base
        if row.group:
            score -= 1.0
        if self.section is not None and row.section == self.section.name:
            score += 1.0
            distance = row.order - self.cursor
            score += 0.5 / (1 + distance) if distance >= 0 else -0.25
        return score

    # -- closing a row

    def _close(self) -> None:
        open_row, self.open = self.open, None
        if open_row is None or self.section is None:
            return
        table = self._table()
        bound = BoundRow(label_cells=label_cells(open_row.label_items),
                         value_cells=[item.cell for item in open_row.values], row=open_row.row,
                         match=open_row.match if open_row.row else None,
                         unit_cell=open_row.unit.cell if open_row.unit else None,
                         spaced=all(item.spaced for item in open_row.values))
        table.rows.append(bound)
        if open_row.row is not None:
            self.cursor = open_row.row.order + 1
            self.part = open_row.row.part

    def run(self, stream: list[Item]) -> list[BoundTable]:
        for item in stream:
            kind = item.kind
            if kind == "text":
                self.text(item)
            elif kind in ("value", "blank"):
                self.value(item)
            elif kind == "unit":
                self.unit_item(item)
            elif kind == "weak":
                self.weak(item)
            elif kind == "end":
                self.end()
            elif kind in ("mark", "title", "prose"):
                self.end()
                if self.pending is not None:
                    self._blank_row()
                if kind == "prose":
                    self._leave()
        self._close()       # a label pending at the very end is a table cut off, not a row of blanks
        return [table for table in self.tables if table.rows]


NUMBERING_PIECE = 6          # a piece this short before a label, in its cell, is its numbering (1. 其中：)


def label_cells(items: list[Item]) -> list[Cell]:
    """The cells a row's label was read from: pieces of one cell joined again (with the short
    pieces before them in that cell: ``1.`` of ``1. 政府公报公开政府信息数``)."""
    cells: list[Cell] = []
    groups: list[list[Item]] = []
    for item in items:
        if groups and groups[-1][-1].whole is item.whole:
            groups[-1].append(item)
        else:
            groups.append([item])
    for group in groups:
        whole = group[0].whole or group[0].cell
        first, last = group[0].cell, group[-1].cell
        if whole.line == whole.end_line and first.line == whole.line and first is not whole:
            before = whole.text[:first.column - whole.column].strip()
            if before and len(before) <= NUMBERING_PIECE and " " not in before:
                first = whole
        if first is last or first.line != last.line:
            cells.append(first if first is last else whole)
            continue
        start, end = first.column - whole.column, last.end_column - whole.column
        cells.append(Cell(whole.text[start:end], first.line, first.column, last.end_line, last.end_column,
                          first.left, last.right, first.origin))
    return cells


def _prefer(captions: list, section: SectionDef | None):
    for entry in captions:
        if entry[0] is section:
            return entry
    return captions[0]


# --- after the walk: rows into facts ------------------------------------------------------

def _fill_gaps(section: SectionDef, rows: list[BoundRow]) -> None:
    """Bind unmatched rows by position where they fill a gap between matched rows exactly."""
    bound = {row.row.order for row in rows if row.row}
    anchors = [-1] + [index for index, row in enumerate(rows) if row.row] + [len(rows)]
    for start, end in zip(anchors, anchors[1:]):
        unknown = [row for row in rows[start + 1:end]
                   if row.row is None and row.label_cells and _has_number(row.value_cells)]
        if not unknown or end >= len(rows):
            continue
        low = rows[start].row.order if start >= 0 else -1
        high = rows[end].row.order
        slots = [row for row in section.rows[low + 1:high]
                 if row.value_row and not row.optional and not row.unlabeled and row.order not in bound]
        if len(slots) == len(unknown):
            for bound_row, slot in zip(unknown, slots):
                bound_row.row, bound_row.match = slot, "position"


def _has_number(cells: list[Cell]) -> bool:
    return any(parse_value(cell.text).kind == NUMBER for cell in cells)


def _review_columns(section: SectionDef, header_cells: list[Cell]) -> list[ColumnDef] | None:
    """Column order read from the header: group labels in order, leaf labels in order."""
    if not section.column_groups:
        return None
    group_by_label = {normalize(g.label): g for g in section.column_groups}
    leaf_by_label = {normalize(c.label): c for c in section.group_columns}
    groups: list[ColumnDef] = []
    leaves: list[ColumnDef] = []
    for cell in header_cells:
        key = normalize(cell.text)
        if key in group_by_label and group_by_label[key] not in groups:
            groups.append(group_by_label[key])
        elif key in leaf_by_label:
            leaves.append(leaf_by_label[key])
    size = len(section.group_columns)
    if len(groups) != len(section.column_groups) or len(leaves) != len(groups) * size:
        return None
    by_key = {column.key: column for column in section.parts[0].columns}
    return [by_key[f"{groups[index // size].key}.{leaf.key}"] for index, leaf in enumerate(leaves)]


def _place(table: BoundTable) -> None:
    """Put each row's values under its columns (see the module's docstring, step 4)."""
    order = _review_columns(table.section, table.header_cells)
    for index, bound in enumerate(table.rows):
        row = bound.row
        if row is None:
            continue
        columns = order if order and row.unlabeled else row.columns
        values = bound.value_cells
        while len(values) > len(columns) and not values[0].text and row.labels and values[0].line == values[1].line:
            values = values[1:]             # an empty cell under a label written on a line above
        if _glued(values, columns):
            table.glued.append((bound, values[0]))
            continue
        if len(values) < len(columns) and bound.spaced:
            placed = _by_position(table, index, columns, values)
            if placed is None:
                bound.unplaced = True       # which of its cells the blanks were cannot be told
                continue
            bound.placed = placed
            continue
        bound.placed = list(zip(columns, values))


def _glued(values: list[Cell], columns: list[ColumnDef]) -> bool:
    """One long run of digits where the row has three or more columns: cells glued together."""
    if len(columns) < 3 or len(values) != 1:
        return False
    return values[0].text.isdigit() and len(values[0].text) >= len(columns)


def _anchors(table: BoundTable, index: int, columns: list[ColumnDef]) -> list[tuple[float, float]] | None:
    """Where each column stands on the line: as the nearest full row of the same width shows it, else
    as the column titles show it. None where neither does."""
    width = len(columns)
    for distance in range(1, len(table.rows)):
        for other in (index - distance, index + distance):
            if 0 <= other < len(table.rows):
                cells = table.rows[other].value_cells
                if len(cells) == width and all(cell.left is not None for cell in cells):
                    return [(cell.left, cell.right) for cell in cells]
    titles: dict[str, tuple[float, float]] = {}
    for cell in table.header_cells:
        if cell.left is not None:
            titles.setdefault(normalize(cell.text), (cell.left, cell.right))
    found = [next((titles[normalize(label)] for label in column.labels if normalize(label) in titles), None)
             for column in columns]
    return found if all(found) and all(a[0] < b[0] for a, b in zip(found, found[1:])) else None


def _by_position(table: BoundTable, index: int, columns: list[ColumnDef],
                 values: list[Cell]) -> list[tuple[ColumnDef, Cell]] | None:
    """The row's values under the columns whose places they stand at; blanks where a column has
    none. None if the places are not known or the values do not line up with them."""
    anchors = _anchors(table, index, columns)
    if anchors is None or any(cell.left is None for cell in values):
        return None
    centers = [(left + right) / 2 for left, right in anchors]
    spacing = min((b - a for a, b in zip(centers, centers[1:])), default=10.0)
    chosen: list[int] = []
    for cell in values:
        center = (cell.left + cell.right) / 2
        column = min(range(len(columns)), key=lambda number: _distance(anchors[number], cell))
        if abs(centers[column] - center) > max(spacing * 0.75, 2.0) or (chosen and column <= chosen[-1]):
            return None
        chosen.append(column)
    placed = dict(zip(chosen, values))
    before = table.rows[index].label_cells[-1:]          # where the row's text stands so far
    result = []
    for number, column in enumerate(columns):
        cell = placed.get(number)
        if cell is None:
            # A blank leaves nothing to point at: the place just after what stands before it.
            line, at, origin = (before[-1].end_line, before[-1].end_column, before[-1].origin) if before \
                else (values[0].line, values[0].column, values[0].origin)
            cell = Cell("", line, at, line, at, origin=origin)
        before = [cell]
        result.append((column, cell))
    return result


def _distance(anchor: tuple[float, float], cell: Cell) -> float:
    """0 where the cell overlaps the column's extent, else the gap between them."""
    left, right = anchor
    return max(0.0, left - cell.right, cell.left - right)


def _convert(number: Decimal, written_unit: str | None, expected: str | None) -> Decimal:
    if written_unit in MONEY_UNITS and expected in MONEY_UNITS and written_unit != expected:
        return number * MONEY_UNITS[written_unit] / MONEY_UNITS[expected]
    return number


def _facts(table: BoundTable) -> None:
    section = table.section
    for bound in table.rows:
        row = bound.row
        if row is None or (row.group and not _has_number(bound.value_cells)):
            if row is None and not bound.label_cells:
                table.extra_cells.extend((bound, cell) for cell in bound.value_cells
                                         if parse_value(cell.text).kind == NUMBER)
            continue
        row_unit = bound.unit_cell.text.strip() if bound.unit_cell and is_unit(bound.unit_cell.text) else None
        placed_cells = {id(cell) for _, cell in bound.placed}
        for column, cell in bound.placed:
            parsed = parse_value(cell.text)
            unit = parsed.unit or row_unit
            expected = column.unit or row.unit
            value = _convert(parsed.number, unit, expected) if parsed.kind == NUMBER else None
            fact = Fact(key=section.fact_key(row, column), value=value, status=parsed.kind, raw=cell.text,
                        unit=unit, written=parsed.number, cell=cell, row=row, column=column,
                        label=bound.label or row.label)
            if fact.key in table.facts:
                table.extra_cells.append((bound, cell))
            else:
                table.facts[fact.key] = fact
        if bound.unplaced or any(bound is glued for glued, _ in table.glued):
            continue
        for cell in bound.value_cells:
            if id(cell) not in placed_cells and parse_value(cell.text).kind == NUMBER:
                table.extra_cells.append((bound, cell))


def _find_missing(table: BoundTable) -> None:
    section = table.section
    bound = [row for row in table.rows if row.row and not row.row.group]
    seen = {row.row.order for row in bound}
    last = max(seen) if seen else -1
    for row in section.rows:
        if row.value_row and not row.optional and row.order not in seen:
            table.missing_rows.append(row)
    if bound:
        final = max(bound, key=lambda row: row.row.order)
        short = not final.unplaced and len(final.placed) < len(final.row.columns)
        later = any(row.order > last and row.value_row and not row.optional for row in section.rows)
        if later or short:
            table.cut_after = final


def _placed(table: BoundTable) -> BoundTable:
    _fill_gaps(table.section, table.rows)
    _place(table)
    return table


def _finish(table: BoundTable) -> BoundTable:
    """The facts of a table read with the template chosen for it (only its cells' places decide
    the choice)."""
    _facts(table)
    _find_missing(table)
    return table


# --- choosing a template -------------------------------------------------------------------

def _score(table: BoundTable) -> float:
    """How well a table reads with its template: rows named, values that fill them exactly,
    header labels recognised."""
    score = 0.0
    for bound in table.rows:
        if bound.row is None:
            score -= 0.5
            continue
        score += {"exact": 2.0, "start": 1.5, "near": 1.0, "position": 0.5}.get(bound.match or "", 0.0)
        if bound.row.value_row and len(bound.value_cells) == len(bound.row.columns):
            score += 1.0
        elif bound.row.value_row:
            score -= 0.5
    return score + table.headers_matched


def _readable(table: BoundTable) -> bool:
    """Whether a table was really read with this template: two of its rows named, or one with
    two values or more or under a caption or column titles (a table cut off after its first row)."""
    named = [row for row in table.rows if row.row is not None and row.row.value_row]
    return len(named) >= 2 or bool(table.glued) or \
        (len(named) == 1 and (len(named[0].placed) >= 2 or table.headers_matched > 0))


CLOSE_SCORES = 3.0          # sections read about as well with two templates: the report's whole reading decides


def bind(document: Document, catalog: Catalog, year: int | None = None) -> Binding:
    """Bind *document*'s tables; *year* (the report's) breaks ties between templates."""
    stream = items(document)
    walked = {template.id: [table for table in (_placed(table) for table in _Walk(template).run(stream))
                            if _readable(table)]
              for template in catalog.templates}
    totals = {template.id: sum(_score(table) for table in walked[template.id]) for template in catalog.templates}
    by_section: dict[str, list[tuple[float, Template]]] = {}
    for template in catalog.templates:
        for name in template.sections:
            tables = [table for table in walked[template.id] if table.section.name == name]
            if tables:
                by_section.setdefault(name, []).append((sum(_score(t) for t in tables), template))
    chosen = {name: _choose(scores, totals, year) for name, scores in by_section.items()}
    tables = [_finish(table) for template in catalog.templates for table in walked[template.id]
              if chosen.get(table.section.name) is template]
    tables.sort(key=lambda table: (table.line, table.section.name))
    glued = [(table, cell) for table in tables for _, cell in table.glued]
    return Binding(document=document, tables=[table for table in tables if table.facts], glued=glued)


def _choose(scores: list[tuple[float, Template]], totals: dict[str, float], year: int | None) -> Template:
    best = max(score for score, _ in scores)
    close = [template for score, template in scores if score >= best - CLOSE_SCORES]
    if len(close) == 1:
        return close[0]
    top = max(totals[template.id] for template in close)
    tied = [template for template in close if totals[template.id] == top]
    if year is not None:
        fitting = [template for template in tied if template.fits_year(year)]
        if fitting:
            return fitting[0]
    return max(tied, key=lambda template: template.years[0])
