"""The document model: what the parser found, where it found it.

A :class:`Document` is a list of blocks in file order: :class:`Paragraph`
(prose and headings) and :class:`Table`. A table holds :class:`Row` objects of
:class:`Cell` objects. Every cell knows the 1-based line and column of its
first character in the original file (for an empty cell: where its content
would start), and keeps its raw text.

The model says nothing about templates: which table is the application matrix,
which row is 收到申请数, is the binder's business.
"""

from __future__ import annotations

from bisect import bisect_left

from .record import FrozenRecord, ValueRecord, computed_once


class Cell(FrozenRecord):
    text: str          # the cell's text, continuation lines joined, outer spaces stripped
    raw: str           # the text exactly as in the file, its lines ending at end_line (continuation
                       # lines, and blank lines between them, joined with \n)
    line: int
    column: int
    end_line: int
    end_column: int    # one past the last character

    def __init__(self, text, raw, line, column, end_line, end_column):
        self.text = text
        self.raw = raw
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column


class Row(ValueRecord):
    cells: list[Cell]
    line: int
    bars: int          # for a row made only of pipes (``|||``): how many; these mark rows in web text

    def __init__(self, cells, line, bars=0):
        self.cells = cells
        self.line = line
        self.bars = bars


class Table(ValueRecord):
    # tab: Word-extracted; markdown: pipe table with a |--| separator;
    # pipe: web text, one row a line; stream: web text, one cell a line;
    # lines: one cell a line with no marks at all; tsv: one row a line, cells separated by TABs.
    layout: str
    rows: list[Row]
    line: int
    end_line: int

    def __init__(self, layout, rows, line, end_line):
        self.layout = layout
        self.rows = rows
        self.line = line
        self.end_line = end_line

    @property
    def cells(self):
        for row in self.rows:
            yield from row.cells


class Paragraph(ValueRecord):
    """Consecutive lines of prose; ``heading`` when it looks like a section title."""

    lines: list[tuple[int, int, str]]   # (line, column, text) of each physical line
    heading: bool

    def __init__(self, lines, heading=False):
        self.lines = lines
        self.heading = heading

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def end_line(self) -> int:
        return self.lines[-1][0]

    # The parser never changes a paragraph's lines once it is built, so what is derived from
    # them is computed once: a long paragraph is searched many times (every number stated).

    @computed_once
    def text(self) -> str:
        return "\n".join(text for _, _, text in self.lines)

    @computed_once
    def _line_ends(self) -> list[int]:
        """Offset in :attr:`text` just past each line (where its line break is)."""
        ends, start = [], 0
        for _, _, text in self.lines:
            ends.append(start + len(text))
            start += len(text) + 1
        return ends

    def locate(self, offset: int) -> tuple[int, int]:
        """Line and column of the character at *offset* in :attr:`text` (an offset at a line
        break is the end of that line; past the end, the end of the last line)."""
        index = bisect_left(self._line_ends, offset)
        if index == len(self.lines):
            line, column, text = self.lines[-1]
            return line, column + len(text)
        line, column, _ = self.lines[index]
        start = self._line_ends[index - 1] + 1 if index else 0
        return line, column + offset - start


Block = (Paragraph, Table)      # what annotations call a Block


class Document(ValueRecord):
    path: str
    text: str
    blocks: list[Block]

    def __init__(self, path, text, blocks=None):
        self.path = path
        self.text = text
        self.blocks = [] if blocks is None else blocks

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]
