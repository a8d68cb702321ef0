"""Template binding: from tables of cells to facts with canonical keys.

For each document the binder

1. cuts its tables into *segments*, one per section (``stats``, ``active``,
   ``apply``, ``review``), from captions (``第二十条第（一）项``), header rows
   (``统计指标 单位 统计数``, ``行政复议 行政诉讼``) and row labels; one Word table
   may hold several sections and one section may span several tables;
2. chooses each segment's template (``2008``, ``2019``, ``2021``) by the
   labels it matches, and where two fit equally (an application matrix cut
   off before （六）), by the document's other tables and its year;
3. matches each row to the template's rows: exactly (after normalisation) or
   by alias, preferring the next row in template order when a label repeats
   (``（二）被依法纠错数`` under 行政复议 and under 行政诉讼), then as a near miss,
   then by position when the unmatched rows fill a gap exactly (seed 003's
   ``电视台在线访谈次数`` where the template says 政府网站);
4. turns each value cell into a :class:`Fact` named ``<section>.<row>.<column>``.

Rows that match nothing are kept as unknown rows, numbers beyond a row's
columns as extra cells, template rows never seen as missing rows: the rules
report them.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .labels import normalize, normalize_full
from .model import Cell, Document, Table
from .record import Record, ValueRecord
from .rows import LogicalRow, has_number, is_blank, is_unit, logical_rows
from .templates import Catalog, ColumnDef, RowDef, SectionDef, Template
from .values import MONEY_UNITS, NUMBER, TEXT, parse_value

NEAR_MISS = 0.8
# Near misses are sought for at most this many rows of a segment: no national table has as many,
# and a garbage table of a million unknown labels would spend minutes comparing them.
MAX_NEAR_ATTEMPTS = 1000


class Fact(Record):
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

    def __init__(self, key, value, status, raw, unit, written, cell, row, column, label):
        self.key = key
        self.value = value
        self.status = status
        self.raw = raw
        self.unit = unit
        self.written = written
        self.cell = cell
        self.row = row
        self.column = column
        self.label = label

    @property
    def line(self) -> int:
        return self.cell.line

    @property
    def column_number(self) -> int:
        return self.cell.column


class BoundRow(ValueRecord):
    cells: list[Cell]
    label_cells: list[Cell]
    unit_cell: Cell | None
    value_cells: list[Cell]
    row: RowDef | None
    match: str | None                 # exact | near | position

    def __init__(self, cells, label_cells, unit_cell, value_cells, row=None, match=None):
        self.cells = cells
        self.label_cells = label_cells
        self.unit_cell = unit_cell
        self.value_cells = value_cells
        self.row = row
        self.match = match

    @property
    def label(self) -> str:
        """The row's own label: the last label cell (after group labels such as （三）不予公开)."""
        return self.label_cells[-1].text if self.label_cells else ""

    @property
    def line(self) -> int:
        return self.cells[0].line


class BoundTable(ValueRecord):
    template: Template
    section: SectionDef
    line: int
    end_line: int
    rows: list[BoundRow]
    facts: dict[str, Fact]
    extra_cells: list[tuple[BoundRow, Cell]]
    missing_rows: list[RowDef]
    cut_after: BoundRow | None          # the table stops here, before the template ends
    header_cells: list[Cell]

    def __init__(self, template, section, line, end_line, rows=None, facts=None, extra_cells=None,
                 missing_rows=None, cut_after=None, header_cells=None):
        self.template = template
        self.section = section
        self.line = line
        self.end_line = end_line
        self.rows = [] if rows is None else rows
        self.facts = {} if facts is None else facts
        self.extra_cells = [] if extra_cells is None else extra_cells
        self.missing_rows = [] if missing_rows is None else missing_rows
        self.cut_after = cut_after
        self.header_cells = [] if header_cells is None else header_cells

    @property
    def name(self) -> str:
        return self.section.name


class Binding(ValueRecord):
    document: Document
    tables: list[BoundTable]

    def __init__(self, document, tables):
        self.document = document
        self.tables = tables

    @property
    def templates(self) -> list[str]:
        seen: list[str] = []
        for table in self.tables:
            if table.template.id not in seen:
                seen.append(table.template.id)
        return seen

    def facts(self) -> dict[str, Fact]:
        merged: dict[str, Fact] = {}
        for table in self.tables:
            for key, fact in table.facts.items():
                merged.setdefault(key, fact)
        return merged


class _Segment(ValueRecord):
    section: str
    rows: list[LogicalRow]
    data_rows: int

    def __init__(self, section, rows=None, data_rows=0):
        self.section = section
        self.rows = [] if rows is None else rows
        self.data_rows = data_rows


# --- 1. segments -------------------------------------------------------------

def _affinity(row: LogicalRow, catalog: Catalog) -> tuple[set[str], bool]:
    """The sections a row points to most, and whether it starts one (a caption or header)."""
    numbers = row.numbers
    weights: dict[str, int] = {}        # not a Counter: making one runs Python code, for every row
    starts: set[str] = set()
    for cell in row.cells:
        if not cell.text or parse_value(cell.text).kind != TEXT:
            continue
        for section, part in catalog.caption_index.exact(cell.text):
            weights[section.name] = weights.get(section.name, 0) + 3
            if not part:
                starts.add(section.name)
        for name in {entry.section for entry in catalog.row_index.exact(cell.text)}:
            weights[name] = weights.get(name, 0) + 1
        if not numbers:
            for section in catalog.column_index.exact(cell.text):
                weights[section.name] = weights.get(section.name, 0) + 1
                if section.headers and normalize(cell.text) == normalize(section.headers[0]):
                    starts.add(section.name)
    if not weights:
        return set(), False
    best = max(weights.values())
    sections = {name for name, weight in weights.items() if weight == best}
    return sections, bool(starts & sections)


def _segments(document: Document, catalog: Catalog) -> list[_Segment]:
    segments: list[_Segment] = []
    current: _Segment | None = None
    previous_index = None
    for index, block in enumerate(document.blocks):
        if not isinstance(block, Table):
            continue
        if previous_index is not None and index != previous_index + 1:
            current = None          # prose between two tables: no section carries over
        previous_index = index
        for row in logical_rows(block, catalog):
            sections, starts = _affinity(row, catalog)
            if sections and (current is None or current.section not in sections
                             or (starts and current.data_rows)):
                current = _Segment(section=sorted(sections)[0])
                segments.append(current)
            if current is None:
                continue
            current.rows.append(row)
            if row.numbers:
                current.data_rows += 1
    return segments


# --- 2. template choice --------------------------------------------------------

def _score(section: SectionDef, segment: _Segment) -> int:
    """How well a segment fits a template's section: value rows and header labels it matches."""
    matched_rows: set[int] = set()
    headers = 0
    header_labels = {normalize(label) for label in section.column_labels()}
    header_labels |= {normalize(label) for label in section.captions + section.headers}
    for row in segment.rows:
        if row.numbers:
            for cell in row.cells:
                for entry in section.row_index.exact(cell.text) if cell.text else ():
                    if entry.value_row:
                        matched_rows.add(entry.order)
        else:
            headers += sum(1 for cell in row.cells if cell.text and normalize(cell.text) in header_labels)
    return len(matched_rows) + headers


def _choose(scores: list[tuple[int, Template]], votes: Counter, year: int | None) -> Template:
    best = max(score for score, _ in scores)
    tied = [template for score, template in scores if score == best]
    if len(tied) == 1:
        return tied[0]
    voted = [template for template in tied if votes[template.id]]
    if voted:
        return max(voted, key=lambda template: votes[template.id])
    if year is not None:
        fitting = [template for template in tied if template.fits_year(year)]
        if fitting:
            return fitting[0]
    return max(tied, key=lambda template: template.years[0])


# --- 3. rows -------------------------------------------------------------------

def _split(cells: list[Cell], unit_column: bool) -> tuple[list[Cell], Cell | None, list[Cell]]:
    index = 0
    while index < len(cells) and is_blank(cells[index]):
        index += 1
    labels: list[Cell] = []
    while index < len(cells) and parse_value(cells[index].text).kind == TEXT \
            and not (unit_column and labels and is_unit(cells[index].text)):
        labels.append(cells[index])
        index += 1
    if not labels:
        return [], None, cells          # a row of values only (the review table's data row)
    unit = None
    if unit_column and index < len(cells):
        cell = cells[index]
        kind = parse_value(cell.text).kind
        if is_unit(cell.text) or (kind in ("blank", "na") and index + 1 < len(cells)):
            unit = cell
            index += 1
    return labels, unit, cells[index:]


def _by_cursor(candidates: list[RowDef], cursor: int) -> RowDef:
    ordered = sorted(candidates, key=lambda row: row.order)
    after = [row for row in ordered if row.order >= cursor]
    return after[0] if after else ordered[-1]


def _match(section: SectionDef, label_cells: list[Cell], cursor: int,
           try_near: bool = True) -> tuple[RowDef | None, str | None]:
    texts = [label_cells[-1].text, "".join(cell.text for cell in label_cells)]
    texts += [cell.text for cell in reversed(label_cells[:-1])]
    for text in texts:
        candidates = section.row_index.exact(text)
        if candidates:
            return _by_cursor(candidates, cursor), "exact"
    if not try_near:
        return None, None
    near = section.row_index.near(label_cells[-1].text, NEAR_MISS)
    if near:
        best = near[0][0]
        return _by_cursor([row for score, row in near if score == best], cursor), "near"
    return None, None


def _is_header(row: LogicalRow, section: SectionDef) -> bool:
    """A row of column titles: no numbers, and its labels are column titles rather than row labels."""
    if row.numbers:
        return False
    titles = {normalize(label) for label in list(section.column_labels()) + list(section.headers)}
    titles |= {normalize(caption) for caption in section.captions}
    texts = [cell.text for cell in row.cells if cell.text]
    as_titles = sum(1 for text in texts if normalize(text) in titles)
    as_rows = sum(1 for text in texts if section.row_index.exact(text))
    return as_titles >= 2 or (as_titles == 1 and as_rows == 0)


def _part_caption(row: LogicalRow, section: SectionDef) -> int | None:
    """The part (第二十条第（X）项) a caption row announces, if it is one."""
    if row.numbers:
        return None
    captions = {normalize_full(part.caption): index
                for index, part in enumerate(section.parts) if part.caption}
    for cell in row.cells:
        if cell.text and normalize_full(cell.text) in captions:
            return captions[normalize_full(cell.text)]
    return None


def _fill_gaps(section: SectionDef, rows: list[BoundRow]) -> None:
    """Bind unmatched rows by position where they fill a gap between matched rows exactly."""
    bound = {row.row.order for row in rows if row.row}
    anchors = [-1] + [index for index, row in enumerate(rows) if row.row] + [len(rows)]
    for start, end in zip(anchors, anchors[1:]):
        unknown = [row for row in rows[start + 1:end]
                   if row.row is None and row.label_cells and has_number(row.value_cells)]
        if not unknown:
            continue
        low = rows[start].row.order if start >= 0 else -1
        high = rows[end].row.order if end < len(rows) else len(section.rows)
        slots = [row for row in section.rows[low + 1:high]
                 if row.value_row and not row.optional and not row.unlabeled and row.order not in bound]
        if len(slots) == len(unknown) and end < len(rows):
            for bound_row, slot in zip(unknown, slots):
                bound_row.row, bound_row.match = slot, "position"


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


# --- 4. facts ------------------------------------------------------------------

def _convert(number: Decimal, written_unit: str | None, expected: str | None) -> Decimal:
    if written_unit in MONEY_UNITS and expected in MONEY_UNITS and written_unit != expected:
        return number * MONEY_UNITS[written_unit] / MONEY_UNITS[expected]
    return number


def _row_unit(bound_row: BoundRow) -> str | None:
    """The unit the row's unit cell states, if it has one."""
    cell = bound_row.unit_cell
    return cell.text.strip() if cell and is_unit(cell.text) else None


def _fact(section: SectionDef, bound_row: BoundRow, column: ColumnDef, cell: Cell, row_unit: str | None) -> Fact:
    row = bound_row.row
    parsed = parse_value(cell.text)
    unit = parsed.unit or row_unit
    expected = column.unit or row.unit
    value = _convert(parsed.number, unit, expected) if parsed.kind == NUMBER else None
    return Fact(
        key=section.fact_key(row, column), value=value, status=parsed.kind, raw=cell.raw,
        unit=unit, written=parsed.number, cell=cell, row=row, column=column,
        label=bound_row.label or row.label,
    )


def _bind(segment: _Segment, template: Template) -> BoundTable:
    section = template.sections[segment.section]
    first, last = segment.rows[0], segment.rows[-1]
    table = BoundTable(template=template, section=section, line=first.line,
                       end_line=max(cell.end_line for cell in last.cells))
    cursor = 0
    part = 0
    near_attempts = 0
    for logical in segment.rows:
        caption_part = _part_caption(logical, section)
        if caption_part is not None:
            part = caption_part
            cursor = next((row.order for row in section.rows if row.part == part), cursor)
            table.header_cells.extend(logical.cells)
            continue
        if _is_header(logical, section):
            table.header_cells.extend(logical.cells)
            continue
        labels, unit, values = _split(logical.cells, section.unit_column)
        bound = BoundRow(cells=logical.cells, label_cells=labels, unit_cell=unit, value_cells=values)
        if labels:
            bound.row, bound.match = _match(section, labels, cursor, near_attempts < MAX_NEAR_ATTEMPTS)
            near_attempts += bound.match != "exact"
        elif has_number(values) or len(values) > 1:
            unlabeled = [row for row in section.rows if row.unlabeled]
            if unlabeled:
                bound.row, bound.match = unlabeled[0], "exact"
        table.rows.append(bound)
        if bound.row:
            cursor = bound.row.order + 1
    _fill_gaps(section, table.rows)
    _make_facts(section, table)
    _find_missing(section, table)
    return table


def _make_facts(section: SectionDef, table: BoundTable) -> None:
    order = _review_columns(section, table.header_cells)
    for bound_row in table.rows:
        row = bound_row.row
        if row is None or row.group:
            table.extra_cells.extend((bound_row, cell) for cell in bound_row.value_cells
                                     if parse_value(cell.text).kind == NUMBER)
            continue
        columns = order if order and row.unlabeled else row.columns
        row_unit = _row_unit(bound_row)
        for column, cell in zip(columns, bound_row.value_cells):
            fact = _fact(section, bound_row, column, cell, row_unit)
            if fact.key in table.facts:
                table.extra_cells.append((bound_row, cell))
            else:
                table.facts[fact.key] = fact
        for cell in bound_row.value_cells[len(columns):]:
            if not is_blank(cell):
                table.extra_cells.append((bound_row, cell))


def _find_missing(section: SectionDef, table: BoundTable) -> None:
    bound = [row for row in table.rows if row.row and not row.row.group]
    seen = {row.row.order for row in bound}
    last = max(seen) if seen else -1
    for row in section.rows:
        if row.value_row and not row.optional and row.order not in seen:
            table.missing_rows.append(row)
    if bound:
        final = max(bound, key=lambda row: row.row.order)
        short = len(final.value_cells) < len(final.row.columns)
        later = any(row.order > last and row.value_row and not row.optional for row in section.rows)
        if later or short:
            table.cut_after = final


def bind(document: Document, catalog: Catalog, year: int | None = None) -> Binding:
    """Bind *document*'s tables; *year* (the report's) breaks ties between templates."""
    segments = _segments(document, catalog)
    scored = []
    votes: Counter = Counter()
    for segment in segments:
        scores = [(_score(t.sections[segment.section], segment), t)
                  for t in catalog.templates if segment.section in t.sections]
        scored.append(scores)
        best = max(score for score, _ in scores)
        winners = [t for score, t in scores if score == best]
        if len(winners) == 1 and len(scores) > 1:
            votes[winners[0].id] += 1
    tables = [_bind(segment, _choose(scores, votes, year)) for segment, scores in zip(segments, scored)]
    return Binding(document=document, tables=[table for table in tables if table.facts])
