"""The document model: what was read, and where it stands.

Every reader (plain text, Word, PDF, web page) makes the same model, so that no
later stage knows which kind of file a report came from:

- a :class:`Document` is its blocks in reading order, :class:`Paragraph` (prose
  and headings) and :class:`Table`;
- a table holds :class:`Row` objects (a physical row: one line of text, one
  ``<tr>``, one Word row, one line of a PDF page) of :class:`Cell` objects;
- every cell and every line knows its 1-based line and column in
  ``Document.text``, the plain-text rendering of the report (for a text file,
  the file itself; ``gxlint --text FILE`` prints it for the others), and for a
  Word, PDF or HTML file also where a person finds it there (:class:`Origin`).

The model says nothing about templates: which table is the application matrix
and which row is 收到申请数 is the binder's business.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from .numbering import starts_numbered


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a person finds a place in the original document.

    ``kind`` is ``docx``, ``pdf`` or ``html``; the numbers count from 1 the way
    the document's own program does: Word's table, row and cell (or paragraph),
    a PDF's page and line on it, an HTML file's line and column in its source.
    """

    kind: str
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    paragraph: int | None = None
    page: int | None = None
    line: int | None = None
    column: int | None = None

    def describe(self, lang: str = "zh") -> str:
        english = lang == "en"
        if self.kind == "pdf":
            return f"page {self.page}, line {self.line}" if english else f"第 {self.page} 页第 {self.line} 行"
        if self.kind == "html":
            return f"source line {self.line}, column {self.column}" if english else \
                f"源代码第 {self.line} 行第 {self.column} 列"
        if self.table is not None:
            return (f"table {self.table}, row {self.row}, cell {self.cell}" if english
                    else f"第 {self.table} 个表格第 {self.row} 行第 {self.cell} 格")
        return f"paragraph {self.paragraph}" if english else f"第 {self.paragraph} 段"

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__ if getattr(self, name) is not None}


@dataclass(frozen=True, slots=True)
class Span:
    """A range of ``Document.text``: from (line, column) up to (end_line, end_column), exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    text: str                  # the cell's text, outer spaces stripped
    line: int
    column: int
    end_line: int
    end_column: int            # one past the last character
    left: float | None = None  # horizontal extent on the page or line (characters or points),
    right: float | None = None # where the cells of a row are separated by space only
    origin: Origin | None = None

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column, self.origin)


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    line: int
    spaced: bool = False       # cells separated by spaces only: a blank cell leaves no trace
    pipes: int = 0             # a row of nothing but pipes (``|||``): how many
    at: int = 1                # the column its first character stands at


@dataclass(slots=True)
class Table:
    rows: list[Row]
    line: int
    end_line: int

    @property
    def cells(self):
        for row in self.rows:
            yield from row.cells


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line of prose: where its first character stands, and its text."""

    line: int
    column: int
    text: str
    origin: Origin | None = None


@dataclass(slots=True)
class Paragraph:
    """Consecutive lines of prose; ``heading`` when it is a section title."""

    lines: list[Line]
    heading: bool = False
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def line(self) -> int:
        return self.lines[0].line

    @property
    def end_line(self) -> int:
        return self.lines[-1].line

    @property
    def text(self) -> str:
        """The lines joined: directly where a line was wrapped in mid-sentence (Chinese has no
        spaces between words), with a line break where a line ends a sentence or a title."""
        if self._text is None:
            pieces, starts, length = [], [], 0
            widest = max(_width(line.text) for line in self.lines)
            for index, line in enumerate(self.lines):
                if index:
                    joint = "" if _wrapped(self.lines[index - 1].text, line.text, widest) else "\n"
                    pieces.append(joint)
                    length += len(joint)
                starts.append(length)
                pieces.append(line.text)
                length += len(line.text)
            self._text, self._starts = "".join(pieces), starts
        return self._text

    def locate(self, offset: int) -> tuple[int, int]:
        """Line and column of the character at *offset* in :attr:`text` (a line break joining two
        lines is the end of the first; past the text's end, the end of the last line)."""
        self.text
        index = max(0, bisect_right(self._starts, offset) - 1)
        line = self.lines[index]
        within = min(max(0, offset - self._starts[index]), len(line.text))
        return line.line, line.column + within

    def origin_at(self, line: int) -> Origin | None:
        return next((item.origin for item in self.lines if item.line == line), None)


_CLOSING = "。；;！!？?：:"


def _wrapped(previous: str, following: str, widest: int) -> bool:
    """Whether *following* continues the sentence of *previous*: a line wrapped by a PDF or a web
    page (as long as the paragraph's longest lines, and not ending a sentence), rather than a
    title or an item of its own."""
    return _width(previous) >= 0.75 * widest and previous[-1] not in _CLOSING and not starts_numbered(following)


def _width(text: str) -> int:
    """How wide a line is printed: a Chinese character takes two places, a digit or letter one."""
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in text)


@dataclass
class Document:
    path: str
    text: str                      # the plain-text rendering every location points into
    blocks: list = field(default_factory=list)
    kind: str = "text"             # text | docx | pdf | html

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")
