"""Reading a report's text into the document model.

The text is parsed by ``grammars/report.lark`` (Lark, LALR): every line
becomes its cells, each with its place. Separators say how cells are split:

- a TAB starts a cell (Word's export puts one before every cell; a lone TAB is
  an empty cell; two TABs in a row leave an empty cell between them);
- a pipe separates cells (``| a | | b |``: an empty cell between a and b); a
  line of nothing but pipes (``|||``) marks a row in web text;
- two or more spaces separate cells (``pdftotext -layout``): such a row keeps
  each cell's horizontal place, so that the binder can put a number under its
  column, since a blank cell leaves nothing but space;
- single spaces separate a run of numbers that ends the line (``pdftotext
  -raw``: ``规章 0 0 0``); their places tell nothing, and a blank cell there
  leaves no trace at all.

Whitespace the grammar does not name (form feeds, thin spaces) counts as a
space.

Lines are then grouped into blocks: a run of lines holding table cells (with
the short label lines, blank lines and page numbers among them) is a
:class:`~linter.read.model.Table`; the rest is prose, in paragraphs. Which
table row a cell belongs to is not decided here: the binder does that with the
templates, so that any flattening of a table reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..parsers import Parser, build_parser
from .errors import ReadError
from .model import Cell, Document, Line, Paragraph, Row, Table
from .numbering import is_heading, is_part_title

# Parsing cost grows with lines and cells; a file of nothing but short lines or
# pipes would keep gxlint busy for minutes. Real reports run 24-27 bytes a line.
MAX_LINES = 3_000_000
MAX_PIPES = 3_000_000


@dataclass(slots=True)
class _Piece:
    """A cell's worth of text on a line, or a separator, as the grammar found it."""

    kind: str            # text | numbers | TAB | PIPE | GAP
    text: str
    column: int          # 1-based, of the first character
    end_column: int


class _Build:
    """What each rule of the grammar makes (run by the parser as it reduces)."""

    def plain(self, tokens):
        return ("plain", [_separator(token) for token in tokens])

    def marks(self, tokens):
        return ("marks", [_separator(token) for token in tokens])

    def row(self, tokens):
        return ("row", [_separator(token) for token in tokens])

    def line(self, children):
        return children[0] if children and children[0] is not None else ("blank", [])

    def start(self, lines):
        return lines


_KINDS = {"TEXT": "text", "NUMBERS": "numbers"}


def _separator(token) -> _Piece:
    """A token as a piece of the line: a cell's text, a run of numbers, or a separator."""
    return _Piece(_KINDS.get(token.type, token.type), str(token), token.column, token.end_column)


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return build_parser("report", _Build)


# Whitespace the grammar does not name (form feeds, thin and narrow spaces of web pages, line
# separators, control characters Python counts as space) is read as a plain space: one character
# for one, so that every place stays where it was.
_OTHER_SPACE = re.compile(r"[^\S\n\t \u3000\xa0]")


def parse_lines(text: str) -> list[tuple[str, list[_Piece]]]:
    """(kind, pieces) of every line of *text*: blank, plain, marks or row."""
    text = _OTHER_SPACE.sub(" ", text)
    if not text.endswith("\n"):
        text += "\n"
    parser = _parser()
    try:
        return parser.parse(text)
    except parser.error as error:      # the grammar takes any text; this would be a bug in it
        line = getattr(error, "line", 1)
        raise ReadError(f"无法解析第 {line} 行", f"cannot parse line {line}", line if isinstance(line, int) else 1) \
            from None


def check_size(text: str) -> None:
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise ReadError(f"行数过多（{lines} 行，上限 {MAX_LINES} 行）", f"too many lines ({lines}, at most {MAX_LINES})")
    pipes = text.count("|")
    if pipes > MAX_PIPES:
        raise ReadError(f"表格分隔符“|”过多（{pipes} 个，上限 {MAX_PIPES} 个）",
                        f"too many “|” separators ({pipes}, at most {MAX_PIPES})")


def read_text(text: str, path: str = "<text>") -> Document:
    """The document model of *text* (decoded, line ends normalised)."""
    check_size(text)
    parsed = parse_lines(text) if text else []
    raw_lines = (text if text.endswith("\n") else text + "\n").split("\n")
    rows = [_row(number, kind, pieces, raw_lines[number - 1])
            for number, (kind, pieces) in enumerate(parsed, start=1)]
    return Document(path=path, text=text, blocks=group_blocks(rows), kind="text")


# --- cells of a line ----------------------------------------------------------------

@dataclass(slots=True)
class LineRow:
    """One line as the grammar split it: its cells, and what kind of line it is."""

    kind: str            # blank | plain | marks | row
    row: Row
    text: str            # the line as written, outer spaces stripped (for prose)
    column: int          # where that text starts
    hard: bool = False   # cells separated by TABs or pipes


_SPACES = " \t\u3000\xa0\f"


def _row(number: int, kind: str, pieces: list[_Piece], raw: str) -> LineRow:
    stripped = raw.strip(_SPACES)
    column = len(raw) - len(raw.lstrip(_SPACES)) + 1
    if kind == "blank":
        return LineRow("blank", Row([], number), "", 1)
    if kind == "marks":
        cells = [_empty(number, piece) for piece in pieces if piece.kind == "TAB"]
        pipes = 0 if cells else sum(1 for piece in pieces if piece.kind == "PIPE")
        return LineRow(kind, Row(cells, number, pipes=pipes, at=column), stripped, column, True)
    hard = any(piece.kind in ("TAB", "PIPE") for piece in pieces)
    spaced = not hard               # only TABs and pipes show where an empty cell stands
    # Runs of spaces align a line's cells with the lines around it (pdftotext -layout): there a
    # cell's place tells its column. Single spaces (pdftotext -raw) tell nothing.
    aligned = spaced and any(piece.kind == "GAP" for piece in pieces)
    cells: list[Cell] = []
    last = None                       # the separator before, or "cell"
    for piece in pieces:
        if piece.kind in ("text", "numbers"):
            cells.extend(_split(number, piece, aligned))
            last = "cell"
        elif piece.kind in ("TAB", "PIPE"):
            if last == piece.kind:    # two in a row: an empty cell between them
                cells.append(_empty(number, piece))
            last = piece.kind
        else:
            last = "GAP"
    if last == "TAB":                 # a TAB starts a cell: one at the end starts an empty one
        cells.append(_empty(number, pieces[-1]))
    if hard and all(_RULE.match(cell.text) or not cell.text for cell in cells):
        # Markdown's |---|---| under a header: the end of a row, no cells
        return LineRow("marks", Row([], number, pipes=2, at=column), stripped, column, True)
    return LineRow(kind, Row(cells, number, spaced=spaced), stripped, column, hard)


_RULE = re.compile(r"^:?-{2,}:?$")


def _empty(line: int, separator: _Piece) -> Cell:
    """An empty cell at a separator: after a TAB (which starts a cell), or at the second of two
    pipes. Its range is empty."""
    mark = "\t" if separator.kind == "TAB" else "|"
    column = separator.column + separator.text.index(mark) + (1 if mark == "\t" else 0)
    return Cell("", line, column, line, column)


def _cell(line: int, column: int, text: str, aligned: bool) -> Cell:
    end = column + len(text)
    if aligned:
        return Cell(text, line, column, line, end, left=column - 1, right=end - 1)
    return Cell(text, line, column, line, end)


def _split(line: int, piece: _Piece, aligned: bool) -> list[Cell]:
    if piece.kind == "text":
        return [_cell(line, piece.column, piece.text, aligned)]
    cells = []
    offset = 0
    for number in piece.text.split(" "):
        if number:
            cells.append(_cell(line, piece.column + offset, number, aligned))
        offset += len(number) + 1
    return cells


# --- blocks ---------------------------------------------------------------------------

_BRACKETED = re.compile(r"[（(][^（()）]*(?:[）)]|$)")
_OPEN_TAIL = re.compile(r"^[^（(]*[）)]")
_SENTENCE = re.compile(r"[。；;！!？?]")
_COMMA = re.compile(r"[，,]")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/共]\s*共?\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4})$")
MIN_TABLE_ROWS = 2


def _without_notes(text: str) -> str:
    """*text* without what brackets hold (a bracket left open at the end, or closed at the
    start, counts as well: a label wrapped onto the next line)."""
    text = _OPEN_TAIL.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _BRACKETED.sub("", text)
    return text


_LABEL_END = re.compile(r"(?:数|数量|件数|总数|金额|情况)(?:\s*(?:条|件|次|个|人|人次|篇|项|期|万元|元))?$")


def is_prose(text: str) -> bool:
    """Whether a line of text reads as a sentence rather than as a table label or title: it ends a
    sentence, or runs long, or holds a comma without ending like a label (…信息数)."""
    bare = _without_notes(text).strip()
    if _SENTENCE.search(bare) or len(bare) > 60:
        return True
    return len(bare) > 20 and bool(_COMMA.search(bare)) and not _LABEL_END.search(bare)


def _kind(line: LineRow) -> str:
    """``prose``, ``cells`` (a line of table cells), ``label`` (a short line a table may hold),
    ``page`` (a page number) or ``blank``."""
    if line.kind == "blank":
        return "blank"
    if line.kind == "marks":
        return "cells" if line.row.cells or line.row.pipes else "blank"
    if _PAGE_NUMBER.match(line.text.strip()):
        return "page"
    if line.kind == "plain":
        return "prose" if is_prose(line.text) else "label"
    texts = [cell.text for cell in line.row.cells if cell.text and not _is_figure(cell.text)]
    if not line.hard and len(texts) == 1 and len(line.row.cells) <= 2 and is_prose(texts[0]):
        return "prose"            # a wrapped sentence that happens to end in a number
    return "cells"


_FIGURE = re.compile(r"^[+\-−]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:万元|万|元|%|％)?$")


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text))


def group_blocks(lines: list[LineRow]) -> list:
    """Paragraphs and tables, in order (see the module's docstring)."""
    kinds = [_kind(line) for line in lines]
    in_table = [False] * len(lines)
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and kinds[end] != "prose":
            end += 1
        if _holds_table(lines[index:end], kinds[index:end]):
            in_table[index:end] = [True] * (end - index)
        index = max(end, index + 1)
    blocks: list = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and in_table[end] == in_table[index]:
            end += 1
        if in_table[index]:
            blocks.extend(_table(lines[index:end], kinds[index:end]))
        else:
            blocks.extend(_paragraphs([line for line, kind in zip(lines[index:end], kinds[index:end])
                                       if kind != "page"]))
        index = end
    return blocks


def _holds_table(lines: list[LineRow], kinds: list[str]) -> bool:
    """Two lines of cells, or one of cells separated by TABs or pipes (a table of one row)."""
    rows = [line for line, kind in zip(lines, kinds) if kind == "cells"]
    return len(rows) >= MIN_TABLE_ROWS or any(line.hard and len(line.row.cells) >= 2 for line in rows)


def _table(lines: list[LineRow], kinds: list[str]) -> list:
    kept = [line for line, kind in zip(lines, kinds)
            if kind in ("cells", "label") and (line.row.cells or line.row.pipes)]
    # A title above the table (三、收到和处理政府信息公开申请情况) stays a title.
    head = []
    while kept and kept[0].kind == "plain" and is_part_title(kept[0].text):
        head.append(kept.pop(0))
    tail = []
    while kept and kept[-1].kind == "plain" and is_part_title(kept[-1].text):
        tail.insert(0, kept.pop())
    blocks: list = [Paragraph([_line_of(line)], heading=True) for line in head]
    if kept:
        blocks.append(Table([line.row for line in kept], kept[0].row.line, kept[-1].row.line))
    return blocks + [Paragraph([_line_of(line)], heading=True) for line in tail]


def _line_of(line: LineRow) -> Line:
    return Line(line.row.line, line.column, line.text)


def _paragraphs(lines: list[LineRow]) -> list[Paragraph]:
    """Non-blank lines run together into paragraphs; a blank line or a title starts a new one."""
    paragraphs: list[Paragraph] = []
    current: list[Line] = []

    def close():
        if current:
            paragraphs.append(Paragraph(list(current), heading=len(current) == 1 and is_heading(current[0].text)))
            current.clear()

    for line in lines:
        if not line.text:
            close()
            continue
        item = _line_of(line)
        if is_heading(line.text) and current:
            close()
        current.append(item)
        if is_heading(line.text):
            close()
    close()
    return paragraphs
