"""Reading a PDF report.

gxlint reads the text a PDF holds (its text layer), with pdfplumber
(pdfminer.six); it does no OCR, so a scanned report gets a message saying so.

- **Tables with ruling lines** are read by their lines: each cell is what lies
  inside its borders, its lines of text joined (a label wrapped inside its cell,
  or written one character a line, reads as one label). A cell merged across
  columns appears once; one merged down several rows appears in its first row,
  and as an empty cell in the rows below. Only lines that show count: white or
  unstroked boxes that some programs put behind every line of text do not make
  a table.
- **Tables without ruling lines** are read by position: a line whose words stand
  apart by wide gaps, or that ends in numbers, is a row of cells, each cell
  keeping its horizontal place on the page, so that a number is put under its
  column even where the cells before it are blank.
- **Page furniture** is left out: page numbers (``-3-``, ``第3页``, ``3/10``) and
  text repeated at the same place on most pages (running headers and footers).
  A table that goes on over several pages is one table, and a header row the
  next page repeats is not read twice.
- Everything else is prose, in paragraphs (a new one where a line is indented
  or after a wider gap); short numbered lines (``三、……``) are titles.

``gxlint --text FILE.pdf`` shows the text gxlint made of the PDF: one line for
each line of the page (a table row is one line, its cells joined by `` | ``),
a blank line between pages. Findings point into that text, and also name the
page and the line on it (a table row counting as one line).

A PDF that is encrypted (needs a password), damaged, has no text, or is larger
than :data:`MAX_PAGES` pages or :data:`MAX_PAGE_OBJECTS` drawn objects on a page
is not read: gxlint says why in one line and goes on with the other files.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

from .errors import ReadError
from .model import Cell, Document, Origin, Row, Table
from .text import LineRow, group_blocks

MAX_PAGES = 2000
MAX_PAGE_OBJECTS = 200_000     # characters, lines, boxes and curves on one page
MAX_RULED_EDGES = 3000         # more ruling lines than this on a page: read it without its rules

# Distances, in units of the font size of the line.
WORD_GAP = 0.2                 # beyond the line's usual spacing between characters: a space
CELL_GAP = 1.0                 # beyond the usual spacing: cells apart (a table without rules)
INDENT = 0.8                   # a line starting this far right of the page's text starts a paragraph
MARGIN_BAND = 0.15             # share of the page height, top and bottom, where furniture stands
PARAGRAPH_PITCH = 1.4          # a gap this many times the usual line pitch starts a paragraph


# --- what the PDF holds (plain data, taken from pdfplumber) -----------------------------

@dataclass(slots=True)
class _Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(slots=True)
class _Grid:
    """A ruled table as pdfplumber found it: its cells and rows (each row lists, for every
    column, the cell starting there or None)."""

    bbox: tuple[float, float, float, float]
    cells: list[tuple[float, float, float, float]]
    rows: list[list[tuple[float, float, float, float] | None]]


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    glyphs: list[_Glyph]
    grids: list[_Grid]
    images: int


def read_pdf(data: bytes, path: str) -> Document:
    """The document model of the PDF in *data*; ReadError when it cannot be read."""
    pages = _extract(data)
    _check_text(pages)
    return _Builder(path).build(pages)


@contextmanager
def _quiet():
    """pdfminer logs and warns about every oddity of a file; gxlint says what matters itself."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _extract(data: bytes) -> list[_Page]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    with _quiet():
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except PdfminerException as error:
            raise _open_error(error.args[0] if error.args else error) from None
        except Exception as error:      # pdfminer fails on damaged files in many ways
            raise _damaged(error) from None
        try:
            with pdf:
                count = len(pdf.pages)
                if count > MAX_PAGES:
                    raise ReadError(f"PDF 页数过多（{count} 页，上限 {MAX_PAGES} 页）",
                                    f"too many pages in the PDF ({count}, at most {MAX_PAGES})")
                return [_read_page(page) for page in pdf.pages]
        except ReadError:
            raise
        except PdfminerException as error:
            raise _open_error(error.args[0] if error.args else error) from None
        except Exception as error:      # a damaged page: broken stream, missing object, bad font
            raise _damaged(error) from None


def _open_error(cause: BaseException) -> ReadError:
    from pdfminer.pdfdocument import PDFEncryptionError

    if isinstance(cause, PDFEncryptionError):
        return ReadError("PDF 已加密（需要密码才能打开），gxlint 无法读取；请提供未加密的文件",
                         "the PDF is encrypted (it needs a password), so gxlint cannot read it; "
                         "supply an unencrypted copy")
    return _damaged(cause)


def _damaged(cause: BaseException) -> ReadError:
    detail = str(cause).strip().splitlines()[0][:80] if str(cause).strip() else type(cause).__name__
    return ReadError(f"PDF 文件已损坏或不完整，无法读取（{detail}）",
                     f"the PDF is damaged or incomplete and cannot be read ({detail})")


def _read_page(page) -> _Page:
    objects = len(page.chars) + len(page.rects) + len(page.lines) + len(page.curves)
    if objects > MAX_PAGE_OBJECTS:
        raise ReadError(f"PDF 第 {page.page_number} 页内容过多（{objects} 个对象，上限 {MAX_PAGE_OBJECTS} 个）",
                        f"page {page.page_number} of the PDF holds too much ({objects} objects, "
                        f"at most {MAX_PAGE_OBJECTS})")
    glyphs = [_glyph(char) for char in page.dedupe_chars().chars if _level(char)]
    ruled = page.filter(_shows)
    grids = []
    if len(ruled.edges) <= MAX_RULED_EDGES:
        settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
        grids = [_Grid(tuple(table.bbox), [tuple(cell) for cell in table.cells],
                       [[tuple(cell) if cell is not None else None for cell in row.cells] for row in table.rows])
                 for table in ruled.find_tables(settings)]
    result = _Page(page.page_number, float(page.height), glyphs, grids, len(page.images))
    page.close()
    return result


def _glyph(char: dict) -> _Glyph:
    return _Glyph(char["text"], float(char["x0"]), float(char["x1"]), float(char["top"]), float(char["bottom"]),
                  float(char.get("size") or (char["bottom"] - char["top"]) or 1.0))


def _level(char: dict) -> bool:
    """Text written level or upright, not slanted across the page (a watermark)."""
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    a, b = abs(matrix[0]), abs(matrix[1])
    return not (a > 0.1 * b and b > 0.1 * a)


def _white(color) -> bool:
    if color is None:
        return True
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(part, (int, float)) for part in color):
        return False                    # a pattern or a named colour: it shows
    if len(color) == 1:
        return color[0] >= 0.95
    if len(color) == 3:
        return min(color) >= 0.95
    if len(color) == 4:
        return max(color) <= 0.05
    return False


def _shows(obj: dict) -> bool:
    """Whether a drawn object is a visible rule: stroked in a colour, or a thin filled bar.
    Text and images pass (the filter is only meant for the ruling lines)."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True
    thin = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) < 3
    return bool(obj.get("fill")) and thin and not _white(obj.get("non_stroking_color"))


def _check_text(pages: list[_Page]) -> None:
    glyphs = [glyph for page in pages for glyph in page.glyphs if not glyph.text.isspace()]
    if not glyphs:
        raise ReadError("PDF 没有文字层（可能是扫描件），gxlint 不做文字识别；请使用带文字的 PDF 或 Word 原件",
                        "the PDF has no text layer (probably a scan), and gxlint does no OCR; "
                        "use a PDF with text or the Word original")
    unmapped = sum(1 for glyph in glyphs if glyph.text.startswith("(cid:"))
    if unmapped * 2 > len(glyphs):
        raise ReadError("PDF 的字体没有文字编码，无法提取文字；请使用 Word 原件或重新导出的 PDF",
                        "the PDF's fonts carry no text encoding, so its text cannot be extracted; "
                        "use the Word original or a PDF exported again")


# --- lines and words -----------------------------------------------------------------

@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    wide: bool = False              # far apart from the word before it


@dataclass(slots=True)
class _TextLine:
    """A line of a page outside its ruled tables."""

    words: list[_Word]
    top: float
    bottom: float
    size: float
    furniture: bool = False

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def text(self) -> str:
        return "".join(("  " if word.wide else " ") * bool(index) + word.text
                       for index, word in enumerate(self.words))


def _lines(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Glyphs grouped into lines (by how much they overlap vertically), top to bottom, each
    left to right."""
    lines: list[tuple[float, float, list[_Glyph]]] = []
    for glyph in sorted(glyphs, key=lambda item: (item.top, item.x0)):
        height = max(glyph.bottom - glyph.top, 0.1)
        for index in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            top, bottom, members = lines[index]
            overlap = min(bottom, glyph.bottom) - max(top, glyph.top)
            if overlap >= 0.5 * min(height, bottom - top):
                members.append(glyph)
                break
        else:
            lines.append((glyph.top, glyph.bottom, [glyph]))
    return [sorted(members, key=lambda item: item.x0) for _, _, members in lines]


def _words(glyphs: list[_Glyph]) -> list[_Word]:
    """A line's words: split at spaces and at gaps wider than the line's usual spacing;
    ``wide`` where the gap sets cells apart."""
    marks = [glyph for glyph in glyphs if not glyph.text.isspace()]
    if not marks:
        return []
    size = statistics.median(glyph.size for glyph in marks)
    gaps = [b.x0 - a.x1 for a, b in zip(marks, marks[1:])]
    usual = max(0.0, statistics.median(gaps)) if gaps else 0.0
    spaced_after = set()
    ordered = sorted(glyphs, key=lambda item: item.x0)
    for index, glyph in enumerate(ordered):
        if glyph.text.isspace() and index:
            spaced_after.add(id(ordered[index - 1]))
    words: list[_Word] = []
    previous = None
    for glyph in marks:
        gap = glyph.x0 - previous.x1 if previous is not None else 0.0
        if previous is None or gap > usual + WORD_GAP * size or id(previous) in spaced_after:
            words.append(_Word(glyph.text, glyph.x0, glyph.x1, previous is not None and gap > usual + CELL_GAP * size))
        else:
            words[-1].text += glyph.text
            words[-1].x1 = max(words[-1].x1, glyph.x1)
        previous = glyph
    return words


def _text_line(glyphs: list[_Glyph]) -> _TextLine | None:
    words = _words(glyphs)
    if not words:
        return None
    marks = [glyph for glyph in glyphs if not glyph.text.isspace()]
    return _TextLine(words, min(glyph.top for glyph in marks), max(glyph.bottom for glyph in marks),
                     statistics.median(glyph.size for glyph in marks))


_NUMBER = re.compile(r"^[+\-]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?[%％]?$")


def _pieces(line: _TextLine) -> list[tuple[str, float, float, int]]:
    """The cells of a line as (text, left, right, index of the first word): runs of words
    between wide gaps, and the numbers at the end of each run on their own (a label and its
    value a single space apart, as ``pdftotext -raw`` shows them)."""
    runs: list[list[int]] = []
    for index, word in enumerate(line.words):
        if word.wide or not runs:
            runs.append([])
        runs[-1].append(index)
    pieces = []
    for run in runs:
        split = len(run)
        while split > 0 and _NUMBER.match(line.words[run[split - 1]].text):
            split -= 1
        groups = ([run[:split]] if split else []) + [[index] for index in run[split:]]
        for group in groups:
            words = [line.words[index] for index in group]
            pieces.append((" ".join(word.text for word in words), words[0].x0, words[-1].x1, group[0]))
    return pieces


# --- ruled tables --------------------------------------------------------------------

@dataclass(slots=True)
class _GridCell:
    text: str
    empty: bool = False         # a blank cell, or the continuation of a cell merged downwards


def _inside(glyph: _Glyph, box: tuple[float, float, float, float]) -> bool:
    x = (glyph.x0 + glyph.x1) / 2
    y = (glyph.top + glyph.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cell_text(glyphs: list[_Glyph]) -> str:
    """A cell's lines joined: directly (Chinese wraps anywhere), with a space between two
    Latin letters or digits."""
    text = ""
    for line in _lines(glyphs):
        part = " ".join(word.text for word in _words(line))
        if text and part and text[-1].isascii() and text[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            text += " "
        text += part
    return text


def _grid_rows(grid: _Grid, glyphs: list[_Glyph]) -> list[list[_GridCell]]:
    """Every row of a ruled table with its cells, merged cells as the module says."""
    holders: dict[tuple, list[_Glyph]] = {cell: [] for cell in grid.cells}
    for glyph in glyphs:
        for cell in grid.cells:
            if _inside(glyph, cell):
                holders[cell].append(glyph)
                break
    columns = sorted({cell[0] for cell in grid.cells})
    rows = []
    for starts in grid.rows:
        top = min(cell[1] for cell in starts if cell is not None)
        cells = []
        for column, start in zip(columns, starts):
            if start is not None:
                text = _cell_text(holders[start])
                cells.append(_GridCell(text, empty=not text))
                continue
            cover = next((cell for cell in grid.cells
                          if cell[0] <= column + 0.5 < cell[2] and cell[1] <= top + 0.5 < cell[3]), None)
            if cover is None or (cover[1] < top - 0.5 and abs(cover[0] - column) < 0.5):
                cells.append(_GridCell("", empty=True))   # below a merged cell's start, or a hole
        rows.append(cells)
    return rows


def _grid_glyphs(grid: _Grid, glyphs: list[_Glyph]) -> list[_Glyph]:
    return [glyph for glyph in glyphs if _inside(glyph, grid.bbox)]


# --- page furniture ------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:[-—–－~～·•\s]*\d{1,4}[-—–－~～·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,4}\s*/\s*\d{1,4}"
                          r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$")


def _band(line: _TextLine, height: float) -> str | None:
    if line.bottom <= MARGIN_BAND * height:
        return "top"
    if line.top >= (1 - MARGIN_BAND) * height:
        return "bottom"
    return None


def _mark_furniture(pages: list[tuple[_Page, list]]) -> None:
    """Page numbers, and lines repeated at the same place on most pages (running headers and
    footers), among the first and last lines of each page."""
    seen: dict[tuple, set[int]] = {}
    edges: list[tuple[_Page, _TextLine, tuple]] = []
    for page, entries in pages:
        lines = [entry for entry in entries if isinstance(entry, _TextLine)]
        ends = [entry for entry in entries[:2] + entries[-2:] if isinstance(entry, _TextLine)]
        for line in lines:
            band = _band(line, page.height)
            if band is None or line not in ends:
                continue
            if _PAGE_NUMBER.match(line.text.strip()):
                line.furniture = True
                continue
            key = (band, re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top / 6))
            seen.setdefault(key, set()).add(page.number)
            edges.append((page, line, key))
    pages_with_text = sum(1 for _, entries in pages if entries)
    for _, line, key in edges:
        count = len(seen[key])
        if count >= 2 and 2 * count >= pages_with_text:
            line.furniture = True


# --- the document --------------------------------------------------------------------

@dataclass(slots=True)
class _GridBlock:
    grid: _Grid
    rows: list[list[_GridCell]]

    @property
    def top(self) -> float:
        return self.grid.bbox[1]


def _page_entries(page: _Page) -> list:
    """The page's ruled tables and its other lines, top to bottom."""
    grids = [grid for grid in page.grids if max((len(row) for row in grid.rows), default=0) >= 2]
    loose = [glyph for glyph in page.glyphs if not any(_inside(glyph, grid.bbox) for grid in grids)]
    entries: list = [_GridBlock(grid, _grid_rows(grid, _grid_glyphs(grid, page.glyphs))) for grid in grids]
    entries.extend(line for line in (_text_line(glyphs) for glyphs in _lines(loose)) if line is not None)
    return sorted(entries, key=lambda entry: entry.top)


@dataclass
class _Builder:
    path: str
    out: list[str] = field(default_factory=list)      # the rendering, a line each
    blocks: list = field(default_factory=list)
    run: list[LineRow] = field(default_factory=list)  # lines since the last ruled table
    open_table: tuple[Table, int, list[list[str]]] | None = None   # a ruled table that may go on

    def build(self, pages: list[_Page]) -> Document:
        laid = [(page, _page_entries(page)) for page in pages]
        _mark_furniture(laid)
        for page, entries in laid:
            if not entries:
                continue
            if self.out:
                self.out.append("")
            self._page(page, entries)
        self._flush()
        return Document(path=self.path, text="\n".join(self.out) + "\n", blocks=self.blocks, kind="pdf")

    def _page(self, page: _Page, entries: list) -> None:
        first = len(self.out) + 1
        body = [entry for entry in entries if isinstance(entry, _TextLine) and not entry.furniture]
        margin = min((line.x0 for line in body), default=0.0)
        pitches = [b.top - a.top for a, b in zip(body, body[1:]) if b.top > a.top]
        pitch = statistics.median(pitches) if pitches else 0.0
        previous = None
        for entry in entries:
            if isinstance(entry, _GridBlock):
                self._grid(page, entry, first)
                previous = None
                continue
            number = self._emit(entry.text)
            if entry.furniture:
                continue
            if previous is not None and (entry.x0 - margin >= INDENT * entry.size
                                         or (pitch and entry.top - previous.top > PARAGRAPH_PITCH * pitch)):
                self.run.append(LineRow("blank", Row([], number), "", 1))
            elif previous is None and entry.x0 - margin >= INDENT * entry.size:
                self.run.append(LineRow("blank", Row([], number), "", 1))
            self.run.append(self._line_row(entry, number, Origin("pdf", page=page.number, line=number - first + 1)))
            previous = entry

    def _emit(self, text: str) -> int:
        self.out.append(text)
        return len(self.out)

    def _line_row(self, line: _TextLine, number: int, origin: Origin) -> LineRow:
        text = line.text
        starts, position = [], 1
        for index, word in enumerate(line.words):
            if index:
                position += 2 if word.wide else 1
            starts.append(position)
            position += len(word.text)
        cells = []
        for piece, left, right, index in _pieces(line):
            column = starts[index]
            cells.append(Cell(piece, number, column, number, column + len(piece), left=left, right=right,
                              origin=origin))
        if len(cells) == 1:
            cell = cells[0]
            row = Row([Cell(cell.text, number, 1, number, 1 + len(text), origin=origin)], number)
            return LineRow("plain", row, text, 1)
        return LineRow("row", Row(cells, number, spaced=True), text, 1)

    def _flush(self) -> None:
        if any(line.kind != "blank" for line in self.run):
            self.blocks.extend(group_blocks(self.run))
            self.open_table = None
        self.run = []

    def _grid(self, page: _Page, block: _GridBlock, first: int) -> None:
        self._flush()
        rows, texts = [], []
        for cells in block.rows:
            number = len(self.out) + 1
            origin = Origin("pdf", page=page.number, line=number - first + 1)
            rendered, row = [], []
            position = 1
            for cell in cells:
                if rendered:
                    position += 3
                row.append(Cell(cell.text, number, position, number, position + len(cell.text), origin=origin))
                rendered.append(cell.text)
                position += len(cell.text)
            self._emit(" | ".join(rendered))
            rows.append(Row(row, number))
            texts.append(rendered)
        if not rows:
            return
        if self.open_table is not None and self.open_table[1] == page.number - 1:
            table, _, head = self.open_table
            rows = _without_repeated_head(rows, texts, head)
            table.rows.extend(rows)
            table.end_line = rows[-1].line if rows else table.end_line
            self.open_table = (table, page.number, head)
            return
        table = Table(rows, rows[0].line, rows[-1].line)
        self.blocks.append(table)
        self.open_table = (table, page.number, texts)


def _without_repeated_head(rows: list[Row], texts: list[list[str]], head: list[list[str]]) -> list[Row]:
    """A table going on over a page break, without the header rows it repeats at the top of
    the new page (rows of words, as at the table's start)."""
    repeated = 0
    while (repeated < len(rows) - 1 and repeated < len(head) and texts[repeated] == head[repeated]
           and any(text and not _NUMBER.match(text) for text in texts[repeated])):
        repeated += 1
    return rows[repeated:]
