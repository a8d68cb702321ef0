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
each line of the page (a table row is one line, written as for Word files:
``行政许可 | 9487 |``), a blank line between pages. Findings point into that
text, and also name the page and the line on it (a table row counting as one
line).

A PDF that is encrypted (needs a password), damaged or without text is not read,
nor one too large to read in about a minute (over :data:`MAX_PAGES` pages,
:data:`MAX_CONTENT_BYTES` bytes of drawing instructions, or
:data:`MAX_PAGE_OBJECTS` characters and lines on one page): gxlint says why in
one line and goes on with the other files.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import unicodedata
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from .errors import ReadError
from .grid import SEPARATOR, join_pieces
from .model import Cell, Document, Origin, Paragraph, Row, Table
from .text import LineRow, group_blocks

MAX_PAGES = 1000
MAX_CONTENT_BYTES = 20_000_000  # drawing instructions of all pages (about a minute's reading)
MAX_PAGE_OBJECTS = 200_000     # characters, lines, boxes and curves on one page
MAX_RULED_EDGES = 3000         # more ruling lines than this on a page: read it without its rules

# Distances, in units of the font size of the line.
WORD_GAP = 0.2                 # beyond the line's usual spacing between characters: a space
CELL_GAP = 1.0                 # beyond the usual spacing: cells apart (a table without rules)
INDENT = 0.8                   # a line starting this far right of the page's text starts a paragraph
MARGIN_BAND = 0.15             # share of the page height, top and bottom, where furniture stands
PARAGRAPH_PITCH = 1.4          # a gap this many times the usual line pitch starts a paragraph
FURNITURE_DRIFT = 5.0          # points a running header may move from page to page


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
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _extract(data: bytes) -> list[_Page]:
    """What each page holds. pdfminer fails on damaged files in many ways (its own errors,
    but also KeyError, TypeError, zlib.error…): any failure while the library reads is a
    damaged file; what gxlint does with the result is outside this guard."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    with _quiet():
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return _read_pages(pdf.pages)
        except ReadError:
            raise
        except PdfminerException as error:
            raise _open_error(error.args[0] if error.args else error) from None
        except Exception as error:
            raise _damaged(error) from None


def _read_pages(pages: list) -> list[_Page]:
    if len(pages) > MAX_PAGES:
        raise ReadError(f"PDF 页数过多（{len(pages)} 页，上限 {MAX_PAGES} 页）",
                        f"too many pages in the PDF ({len(pages)}, at most {MAX_PAGES})")
    result, content = [], 0
    for page in pages:
        content += _content_size(page)
        if content > MAX_CONTENT_BYTES:
            raise ReadError(f"PDF 内容过多（到第 {page.page_number} 页已超过 {MAX_CONTENT_BYTES} 字节的绘制指令）",
                            f"the PDF holds too much (over {MAX_CONTENT_BYTES} bytes of drawing instructions "
                            f"by page {page.page_number})")
        result.append(_read_page(page))
    return result


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


def _content_size(page) -> int:
    """The length of the page's drawing instructions, told before they are read (reading them
    is what takes long)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    streams = (resolve1(item) for item in page.page_obj.contents or [])
    return sum(len(stream.get_data() or b"") for stream in streams if isinstance(stream, PDFStream))


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
    return _Glyph(_RADICAL.sub(_ideograph, char["text"]), float(char["x0"]), float(char["x1"]),
                  float(char["top"]), float(char["bottom"]),
                  float(char.get("size") or (char["bottom"] - char["top"]) or 1.0))


# Word and WPS often map a font's characters to the look-alike Kangxi radicals and
# compatibility ideographs (⼀ ⼈ ⽣ for 一 人 生): the text reads the same but is not the same.
_RADICAL = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def _ideograph(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


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
    if not glyphs and any(page.images for page in pages):
        raise ReadError("PDF 没有文字层（可能是扫描件），gxlint 不做文字识别；请使用带文字的 PDF 或 Word 原件",
                        "the PDF has no text layer (probably a scan), and gxlint does no OCR; "
                        "use a PDF with text or the Word original")
    if not glyphs:
        raise ReadError("PDF 中没有文字（文字可能已转成图形），gxlint 不做文字识别；请使用 Word 原件或重新导出的 PDF",
                        "the PDF holds no text (it may have been turned into drawings), and gxlint does no OCR; "
                        "use the Word original or a PDF exported again")
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
    # The spacing between letters (justified or spaced-out text), from the gaps narrow enough
    # to be that: in a table row most gaps are between cells.
    narrow = [gap for gap in (b.x0 - a.x1 for a, b in zip(marks, marks[1:])) if gap < 0.5 * size]
    usual = max(0.0, statistics.median(narrow)) if narrow else 0.0
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
            wide = previous is not None and gap > usual + CELL_GAP * size
            words.append(_Word(glyph.text, glyph.x0, glyph.x1, wide))
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

def _inside(glyph: _Glyph, box: tuple[float, float, float, float]) -> bool:
    x = (glyph.x0 + glyph.x1) / 2
    y = (glyph.top + glyph.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cell_text(glyphs: list[_Glyph]) -> str:
    """A cell's lines joined as the other readers join a cell's lines (directly in Chinese, a
    space between Latin letters or digits); a literal ``|`` shown as ``｜``, as they show it."""
    return join_pieces(" ".join(word.text for word in _words(line)) for line in _lines(glyphs)).replace("|", "｜")


def _grid_rows(grid: _Grid, glyphs: list[_Glyph]) -> list[list[str]]:
    """The text of every cell, row by row, merged cells as the module says. Text in a hole of
    the grid (where no cell was drawn) is a cell of that row as well."""
    columns = sorted({cell[0] for cell in grid.cells})
    edges = columns[1:] + [grid.bbox[2]]
    tops = [min(cell[1] for cell in starts if cell is not None) for starts in grid.rows]
    bottoms = tops[1:] + [grid.bbox[3]]
    boxes: list[list[tuple]] = []
    for starts, top, bottom in zip(grid.rows, tops, bottoms):
        row = []
        for column, edge, start in zip(columns, edges, starts):
            if start is not None:
                row.append(start)
                continue
            cover = next((cell for cell in grid.cells
                          if cell[0] <= column + 0.5 < cell[2] and cell[1] <= top + 0.5 < cell[3]), None)
            if cover is None:
                row.append((column, top, edge, bottom))           # a hole
            elif cover[1] < top - 0.5 and abs(cover[0] - column) < 0.5:
                row.append(None)                                  # below a merged cell's start
        boxes.append(row)
    holders: dict[tuple, list[_Glyph]] = {box: [] for row in boxes for box in row if box is not None}
    for glyph in glyphs:
        box = next((box for box in holders if _inside(glyph, box)), None)
        if box is not None:
            holders[box].append(glyph)
    return [[_cell_text(holders[box]) if box is not None else "" for box in row] for row in boxes]


# --- page furniture ------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:[-—–－~～·•\s]*\d{1,4}[-—–－~～·•\s]*"
                          r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
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
    repeated: dict[tuple[str, str], list[tuple[int, _TextLine]]] = {}
    for page, entries in pages:
        ends = {id(entry): entry for entry in entries[:2] + entries[-2:] if isinstance(entry, _TextLine)}
        for line in ends.values():
            band = _band(line, page.height)
            if band is None:
                continue
            if _PAGE_NUMBER.match(line.text.strip()):
                line.furniture = True
                continue
            shape = re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))
            if re.search(r"[^\W\d_]", shape):       # words, not a row of figures of a table
                repeated.setdefault((band, shape), []).append((page.number, line))
    pages_with_text = sum(1 for _, entries in pages if entries)
    for places in repeated.values():
        middle = statistics.median(line.top for _, line in places)
        same = [(number, line) for number, line in places if abs(line.top - middle) <= FURNITURE_DRIFT]
        count = len({number for number, _ in same})
        if count >= 2 and 2 * count >= pages_with_text:
            for _, line in same:
                line.furniture = True


# --- the document --------------------------------------------------------------------

@dataclass(slots=True)
class _GridBlock:
    grid: _Grid
    rows: list[list[str]]

    @property
    def top(self) -> float:
        return self.grid.bbox[1]


def _widen(grid: _Grid, glyphs: list[_Glyph]) -> _Grid:
    """A table drawn without its outer side rules: the text beside it, row by row, as a column
    of its own on that side."""
    x0, top, x1, bottom = grid.bbox
    beside = [glyph for glyph in glyphs
              if top <= (glyph.top + glyph.bottom) / 2 <= bottom and not _inside(glyph, grid.bbox)]
    left = min((glyph.x0 for glyph in beside if glyph.x1 <= x0 + 1), default=None)
    right = max((glyph.x1 for glyph in beside if glyph.x0 >= x1 - 1), default=None)
    if left is None and right is None:
        return grid
    tops = [min(cell[1] for cell in row if cell is not None) for row in grid.rows]
    bottoms = tops[1:] + [bottom]
    cells, rows = list(grid.cells), []
    for row, row_top, row_bottom in zip(grid.rows, tops, bottoms):
        row = list(row)
        if left is not None:
            cells.append((left - 1, row_top, x0, row_bottom))
            row.insert(0, cells[-1])
        if right is not None:
            cells.append((x1, row_top, right + 1, row_bottom))
            row.append(cells[-1])
        rows.append(row)
    box = (left - 1 if left is not None else x0, top, right + 1 if right is not None else x1, bottom)
    return _Grid(box, cells, rows)


def _outside(glyphs: list[_Glyph], grids: list[_Grid]) -> list[_Glyph]:
    return [glyph for glyph in glyphs if not any(_inside(glyph, grid.bbox) for grid in grids)]


def _page_entries(page: _Page) -> list:
    """The page's ruled tables and its other lines, top to bottom."""
    grids = [grid for grid in page.grids if max((len(row) for row in grid.rows), default=0) >= 2]
    beside = _outside(page.glyphs, grids)
    grids = [_widen(grid, beside) for grid in grids]
    entries: list = [_GridBlock(grid, _grid_rows(grid, [glyph for glyph in page.glyphs
                                                        if _inside(glyph, grid.bbox)]))
                     for grid in grids]
    loose = _outside(page.glyphs, grids)
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
        # The page's left margin: where most lines start (wrapped prose), not the leftmost line.
        starts = Counter(round(line.x0) for line in body)
        margin = min((x for x, count in starts.items() if count == max(starts.values())), default=0)
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
            indented = entry.x0 - margin >= INDENT * entry.size
            apart = previous is not None and pitch and entry.top - previous.top > PARAGRAPH_PITCH * pitch
            if indented or apart:       # the text reader's paragraph break: a blank line
                self.run.append(LineRow("blank", Row([], number), "", 1))
            origin = Origin("pdf", page=page.number, line=number - first + 1)
            self.run.append(self._line_row(entry, number, origin))
            previous = entry

    def _emit(self, text: str) -> int:
        self.out.append(text)
        return len(self.out)

    def _line_row(self, line: _TextLine, number: int, origin: Origin) -> LineRow:
        """A line as the text reader's grouping takes it: plain text, or a row of cells that
        keep their place on the page (``left``, ``right``, in points)."""
        text = line.text
        pieces = _pieces(line)
        if len(pieces) == 1:
            return LineRow("plain", Row([Cell(text, number, 1, number, 1 + len(text), origin=origin)], number),
                           text, 1)
        starts, position = [], 1
        for index, word in enumerate(line.words):
            position += (2 if word.wide else 1) if index else 0
            starts.append(position)
            position += len(word.text)
        cells = [Cell(piece, number, starts[index], number, starts[index] + len(piece), left=left, right=right,
                      origin=origin)
                 for piece, left, right, index in pieces]
        return LineRow("row", Row(cells, number, spaced=True), text, 1)

    def _flush(self) -> None:
        if any(line.kind != "blank" for line in self.run):
            origins = {line.row.line: line.row.cells[0].origin for line in self.run if line.row.cells}
            for block in group_blocks(self.run):
                if isinstance(block, Paragraph):    # the text reader's lines know no page
                    block.lines = [replace(line, origin=origins.get(line.line)) for line in block.lines]
                self.blocks.append(block)
            self.open_table = None
        self.run = []

    def _grid(self, page: _Page, block: _GridBlock, first: int) -> None:
        self._flush()
        rows, texts = [], block.rows
        for cells in texts:
            # Written as the Word and web readers write a row: `` | `` between cells, `` |`` at
            # the end, ``| `` first where the first cell is empty (so that it stays a cell when
            # the rendering is read again as text).
            number = len(self.out) + 1
            origin = Origin("pdf", page=page.number, line=number - first + 1)
            line, row = "| " if not cells[0] else "", []
            for index, text in enumerate(cells):
                line += SEPARATOR if index else ""
                row.append(Cell(text, number, len(line) + 1, number, len(line) + 1 + len(text), origin=origin))
                line += text
            self._emit(line + " |")
            rows.append(Row(row, number))
        if not rows:
            return
        if self.open_table is not None and self.open_table[1] == page.number - 1:
            # Nothing but page furniture since the table that ended the page before: it goes on.
            table, _, head = self.open_table
            table.rows.extend(_without_repeated_head(rows, texts, head))
            table.end_line = table.rows[-1].line
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
