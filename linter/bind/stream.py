"""A document's tables as one stream of cells, whatever the layout they came in.

The binder does not look at rows and columns as a layout draws them: each way
of flattening a table (Word's one cell a line, web text, aligned columns, a
PDF's raw text, a Word or HTML table) draws them differently, and a merged
cell, a wrapped label or a page break moves things around. It reads the cells
in reading order, as a clerk reading the table aloud would, and the templates
say which label starts which row and how many values the row takes.

An :class:`Item` of the stream is

``text``   a piece of a label or title (a cell's text is cut at its spaces:
           ``4.无正当理由大量反复 申请`` is two pieces, joined again by the binder);
``unit``   a unit cell (条, 件, 万元) between a label and its value;
``value``  a number or a not-applicable mark (``——``);
``blank``  an empty cell the layout shows (a lone TAB, ``| |``);
``weak``   a line holding a single pipe: an empty cell while a row still wants
           values, else the end of a row;
``mark``   a line of pipes (``||``), which web text puts between rows;
``end``    the end of a physical row, where a physical row holds one table row
           (not in layouts with one cell a line);
``title``  a heading between tables (its text follows as ``text`` items);
``prose``  a paragraph of prose: no table goes on across it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.model import Cell, Document, Paragraph, Table
from .values import NUMBER, NOT_APPLICABLE, is_unit, parse_value

# A layout where most rows hold one cell (Word's export, web text one cell a line) says nothing
# about where a table row ends; the binder then counts values against the template.
SINGLE_CELL_SHARE = 0.6
_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class Item:
    kind: str
    cell: Cell | None = None
    row: int = -1                 # the physical row it came from (its index in the stream)
    whole: Cell | None = None     # for a piece of text: the whole cell it was cut from
    spaced: bool = False          # from a row whose blank cells leave no trace
    reliable: bool = False        # from a layout whose physical rows are table rows


def items(document: Document) -> list[Item]:
    stream: list[Item] = []
    row_number = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if block.heading:
                stream.append(Item("title"))
                for line in block.lines:
                    cell = Cell(line.text, line.line, line.column, line.line, line.column + len(line.text),
                                origin=line.origin)
                    stream.extend(_pieces(cell, row_number))
                    row_number += 1
            else:
                stream.append(Item("prose"))
            continue
        reliable = _rows_are_reliable(block)
        previous = None
        for row in block.rows:
            row_number += 1
            if row.pipes:
                # A lone pipe after a bare cell is the separator that web text puts on a line of
                # its own (cell, |, cell, |); after a cell that ends in a pipe, or another pipe,
                # it stands for an empty cell.
                separator = row.pipes == 1 and previous is not None and previous.cells and previous.spaced
                if not separator:
                    mark = Cell("", row.line, row.at, row.line, row.at)
                    stream.append(Item("weak" if row.pipes == 1 else "mark", mark, row_number))
                previous = row if not separator else None
                continue
            previous = row
            stream.extend(_row_items(row.cells, row_number, row.spaced, reliable))
            if reliable:
                stream.append(Item("end", row=row_number))
    return stream


def _rows_are_reliable(table: Table) -> bool:
    filled = [row for row in table.rows if row.cells]
    single = sum(1 for row in filled if len(row.cells) == 1)
    return bool(filled) and single < SINGLE_CELL_SHARE * len(filled)


def _row_items(cells: list[Cell], row: int, spaced: bool, reliable: bool) -> list[Item]:
    result: list[Item] = []
    leading_blanks: list[Item] = []
    seen_content = False
    for cell in cells:
        kind = _kind(cell.text)
        if kind == "blank" and not seen_content:
            # Empty cells before a row's label (or unit) stand for a label column, merged or
            # written on a line above; before values only (the review table's row), they are values.
            leading_blanks.append(Item("blank", cell, row, spaced=spaced, reliable=reliable))
            continue
        if not seen_content:
            seen_content = True
            if kind == "value":
                result.extend(leading_blanks)
        if kind == "text":
            result.extend(_pieces(cell, row, spaced))
        else:
            result.append(Item(kind, cell, row, spaced=spaced, reliable=reliable))
    if not seen_content:
        result.extend(leading_blanks)
    for item in result:
        item.reliable = reliable
    return result


# Text standing where a number belongs (约232, 20余, 3（件）): a value the rules report as not a number.
_NUMBERISH = re.compile(r"^(?:约|近|超过|逾|共|合计)?[0-9０-９][0-9０-９,，.．]*\s*(?:余|多|左右|以上|以下)?"
                        r"(?:[（(]?(?:件|条|次|个|人|人次|篇|项|万元|元)[）)]?)?$")


def _kind(text: str) -> str:
    value = parse_value(text)
    if value.kind in (NUMBER, NOT_APPLICABLE) or _NUMBERISH.match(text.strip()):
        return "value"
    if value.kind == "blank":
        return "blank"
    return "unit" if is_unit(text) else "text"


def _pieces(cell: Cell, row: int, spaced: bool = False) -> list[Item]:
    """A text cell cut at its spaces, each piece located (a cell on one line) or at the cell. The
    pieces that end it and are units or values are those (``政府集中采购 10 246.08万``, ``… 条 ——``:
    raw PDF text puts a label and its cells in one line with single spaces)."""
    words = list(_WORD.finditer(cell.text))
    if len(words) <= 1 or cell.line != cell.end_line or cell.end_column - cell.column != len(cell.text):
        return [Item("text", cell, row, whole=cell, spaced=spaced)]
    items = [Item("text", Cell(word.group(), cell.line, cell.column + word.start(), cell.line,
                               cell.column + word.end(), origin=cell.origin), row, whole=cell, spaced=spaced)
             for word in words]
    for item in reversed(items[1:]):
        kind = _kind(item.cell.text)
        if kind not in ("value", "unit"):
            break
        item.kind, item.whole = kind, None
    return items
