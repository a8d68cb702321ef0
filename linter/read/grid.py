"""Documents whose tables are real grids (Word, web pages), as plain text.

A Word file or a web page holds its tables as rows of cells, not as text. The
readers of those files (:mod:`.docx`, :mod:`.html`) hand their content here in
reading order, and this module writes the plain-text rendering that
``gxlint --text FILE`` prints and that every location points into:

- a paragraph is one line; it is a heading where it is a short numbered title,
  or where its reader marks it as one (a bold or heading-styled Word paragraph,
  an ``<h1>``–``<h6>`` or bold-only web paragraph) and it reads as a title: short,
  no sentence in it;
- a table row is one line, its cells joined by `` | `` with a trailing `` |``,
  as web text writes them (``行政规范性文件 | 5 | 1 | 25 |``); a row that begins
  with an empty cell begins with ``| `` too, so that the empty cell is still
  there when the rendering is read again as text;
- a blank line stands before and after each table.

Every cell is explicit: an empty cell has an empty range where its text would
stand. A table without any text is left out. A cell's several paragraphs (or lines) are joined into one line; a
literal ``|`` in a cell is shown as ``｜`` and a TAB as a space, so that the
rendering splits into the same cells when it is read again. Each cell and line
keeps its :class:`~.model.Origin`: where a person finds it in the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Cell, Document, Line, Origin, Paragraph, Row, Table
from .numbering import is_heading

SEPARATOR = " | "
MAX_TITLE = 40
_SENTENCE_END = re.compile(r"[。；;！？!?]")
# Control characters and the Unicode line separators: a space, so that a cell stays on its line.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Characters that sit close to their neighbours without a space (Chinese text,
# full-width punctuation); between two others, a joint keeps one space.
_CLOSE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2010-\u206f]")


@dataclass(slots=True)
class GridParagraph:
    text: str
    origin: Origin | None = None
    marked: bool = False          # set apart as a heading (bold, a heading style or element)


@dataclass(slots=True)
class GridCell:
    text: str
    origin: Origin | None = None


@dataclass(slots=True)
class GridTable:
    rows: list[list[GridCell]] = field(default_factory=list)


def join_pieces(pieces) -> str:
    """Several paragraphs or lines of one cell as one line of text. Chinese needs no space at a
    joint (``本年新`` + ``制作数量``); between two Latin letters or digits one space stays, so that
    ``12`` and ``34`` do not read as ``1234``."""
    result = ""
    for piece in pieces:
        piece = clean(piece)
        if not piece:
            continue
        if result and not tight(result[-1], piece[0]):
            result += " "
        result += piece
    return result


def tight(before: str, after: str) -> bool:
    """Whether two characters stand together without a space between them: where either is
    Chinese or full-width."""
    return bool(_CLOSE.match(before) or _CLOSE.match(after))


def clean(text: str) -> str:
    """*text* on one line, outer spaces stripped (non-breaking and full-width ones too)."""
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n"))
    return join_pieces(text.split("\n")) if "\n" in text else text.strip()


def build(path: str, kind: str, blocks: list) -> Document:
    """The :class:`~.model.Document` of *blocks* (GridParagraph and GridTable, in reading order)."""
    writer = _Writer()
    for block in blocks:
        if isinstance(block, GridTable):
            writer.table(block)
        else:
            writer.paragraph(block)
    return Document(path=path, text=writer.text(), blocks=writer.blocks, kind=kind)


class _Writer:
    def __init__(self):
        self.lines: list[str] = []
        self.blocks: list = []

    def text(self) -> str:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n" if self.lines else ""

    def paragraph(self, block: GridParagraph) -> None:
        text = clean(block.text)
        if not text:
            return
        self.lines.append(text)
        line = Line(len(self.lines), 1, text, block.origin)
        self.blocks.append(Paragraph([line], heading=is_heading(text) or (block.marked and title_like(text))))

    def table(self, block: GridTable) -> None:
        rows = [row for row in block.rows if row]
        if not any(_cell_text(cell.text) for row in rows for cell in row):
            return                    # a table without text (a spacer on a web page) says nothing
        if self.lines and self.lines[-1]:
            self.lines.append("")
        built = [self._row(row) for row in rows]
        self.blocks.append(Table(built, built[0].line, built[-1].line))
        self.lines.append("")

    def _row(self, cells: list[GridCell]) -> Row:
        number = len(self.lines) + 1
        texts = [_cell_text(cell.text) for cell in cells]
        out = "| " if not texts[0] else ""
        located = []
        for index, (cell, text) in enumerate(zip(cells, texts)):
            if index:
                out += SEPARATOR
            column = len(out) + 1
            out += text
            located.append(Cell(text, number, column, number, column + len(text), origin=cell.origin))
        self.lines.append(out + " |")
        return Row(located, number)


def title_like(text: str) -> bool:
    """Whether *text* reads as a title: short, and no sentence in it."""
    return len(text.strip()) <= MAX_TITLE and not _SENTENCE_END.search(text)


def _cell_text(text: str) -> str:
    return clean(text).replace("|", "｜").replace("\t", " ")
