"""Reading a saved web page (``.html``, ``.htm``).

Agencies publish their reports as web pages, often pasted from Word: tables
with ``rowspan``/``colspan``, each cell's text in ``<p><span>``, ``&nbsp;`` in
empty cells, the report inside the site's navigation and footer. The page is
parsed by BeautifulSoup (``html.parser``, which keeps each element's place in
the source) and written out as plain text by :mod:`.grid`.

Encoding: a byte order mark wins; else the page is read as UTF-8 when it is
valid UTF-8 (pages saved as UTF-8 under an old ``<meta charset="gb2312">`` are
common, and Chinese text in GBK is almost never valid UTF-8); else as the
``<meta charset>`` (or ``http-equiv`` content) says, GBK and GB2312 read as
GB18030 which contains them; else as GB18030. Bytes that fit none of these
show as U+FFFD.

The report among the page: scripts, styles, ``<nav>``, ``<footer>``,
``<aside>``, elements whose class or id says navigation, menu, footer,
breadcrumb, sidebar or share, and blocks made mostly of links are left out.
Of the rest, the reader keeps the smallest element that holds every data
table and most of the text (and the title just before it, if it stands
outside). A table that only lays out the page (a cell holding a long text that
is most of the table's, or one column of cells around other tables) is read as
ordinary blocks.

Paragraph-level elements (``p``, ``div``, ``h1``–``h6``, ``li``, …) and lines
separated by ``<br>`` become paragraphs; a short one that is an ``<h1>``–``<h6>``,
or whose text is all bold (``<b>``, ``<strong>``, ``font-weight: bold``), is a
heading. A data table becomes rows of cells: a
cell spanning columns appears once, the lower parts of a cell spanning rows
appear as empty cells, a cell's several paragraphs are joined, ``&nbsp;``
counts as empty; a table inside a cell has its rows read after the row that
holds it. Each paragraph and cell knows its line and column in the page's
source (:class:`~.model.Origin`; a cell continued from the row above points
at its own row's ``<tr>``).

A page too big to be a report (more elements or table cells than any report
has) gets one line saying so. Nothing here takes time growing faster than the
page: html.parser nests elements whose end tag is missing (``<p>a<p>b``), so
deep nesting is ordinary and every walk is iterative.
"""

from __future__ import annotations

import codecs
import re

from .errors import ReadError
from .grid import GridCell, GridParagraph, GridTable, build, join_pieces, tight, title_like
from .model import Document, Origin

MAX_ELEMENTS = 300_000
MAX_CELLS = 300_000
MAX_SPAN = 1000               # a colspan beyond this is damaged markup (a rowspan ends with its table)
LAYOUT_CELL_TEXT = 300        # a table cell holding more text than this lays out the page
KEEP_TEXT = 1000              # boilerplate holds less text than this
MOST_TEXT = 0.8               # the report holds at least this share of the page's text

_DROP_TAGS = frozenset("script style noscript template head title nav footer aside iframe frame frameset object "
                       "embed svg canvas select option button input textarea map audio video xml".split())
_BLOCK_TAGS = frozenset("address article aside blockquote body center dd details dialog dir div dl dt fieldset "
                        "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav "
                        "ol p pre section summary table tbody thead tfoot tr td th caption ul".split())
_CELL_STOPS = frozenset(("table", "tr", "td", "th"))
_HEADINGS = ("h1", "h2", "h3")
_BOILERPLATE_WORDS = frozenset("nav navbar navigation menu menus submenu footer foot breadcrumb breadcrumbs crumb "
                               "crumbs sidebar copyright share toolbar topbar skip".split())
_BOILERPLATE_ENDS = ("nav", "menu", "footer", "crumb", "crumbs")
_BOILERPLATE_WHOLE = frozenset("header head top bottom banner logo".split())
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")    # shareBar: share, Bar
_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
_GB = frozenset("gb2312 gbk gb_2312-80 gb_2312 x-gbk cp936 windows-936 euc-cn gb18030 x-euc-cn csgb2312".split())
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_TAG_START = re.compile(r"<[A-Za-z]")


def read_html(data: bytes, path: str) -> Document:
    """The document model of the web page whose bytes are *data*."""
    from bs4 import BeautifulSoup

    text = decode_page(data)
    elements = len(_TAG_START.findall(text))
    if elements > MAX_ELEMENTS:
        raise ReadError(f"网页元素过多（约 {elements} 个，上限 {MAX_ELEMENTS} 个），不像一份年度报告",
                        f"too many elements in the page (about {elements}, at most {MAX_ELEMENTS}) for a report")
    soup = BeautifulSoup(text, "html.parser")
    page = _Page(soup)
    return build(path, "html", _Blocks(page).read(page.content()))


# --- bytes to text -----------------------------------------------------------------

def decode_page(data: bytes) -> str:
    """The page's text, line ends as ``\\n`` (see the module's docstring for the encodings)."""
    text = None
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    if text is None:
        declared = declared_charset(data)
        for encoding in dict.fromkeys(("utf-8", declared or "gb18030", "gb18030")):
            try:
                text = data.decode(encoding)
                break
            except (UnicodeDecodeError, LookupError):
                continue
        else:
            text = data.decode(_known(declared) or "gb18030", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def declared_charset(data: bytes) -> str | None:
    """The encoding a ``<meta>`` near the top declares, as Python names it; GBK and GB2312 as
    GB18030 (which holds them, and what browsers use for them)."""
    match = _CHARSET.search(data[:16384])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="replace").lower()
    if name in _GB:
        return "gb18030"
    if name.startswith("big5"):
        return "big5hkscs"
    return _known(name)


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# --- the report among the page ------------------------------------------------------

class _Stats:
    __slots__ = ("text", "links", "link_text", "tables")

    def __init__(self):
        self.text = self.links = self.link_text = self.tables = 0

    @property
    def own_text(self) -> int:
        return self.text - self.link_text


class _Page:
    """The parsed page: how much text each element holds, which tables hold data, what is
    boilerplate."""

    def __init__(self, soup):
        self.soup = soup
        self.dropped: set[int] = set()
        self.tags = soup.find_all(True)
        self.rows, self.cells, self.outer = _structure(self.tags)
        self._drop_tags()
        self._count_text()
        tables = [tag for tag in self.tags if tag.name == "table"]
        self.layout = {id(tag) for tag in tables if self._is_layout(tag)}
        live = self._live()
        self.data_tables = {id(tag) for tag in tables if len(self.rows.get(id(tag), ())) >= 2
                            and id(tag) not in self.layout and id(tag) in live}
        self._count_tables()
        self._drop_boilerplate()
        self._count_text()                    # again, without the boilerplate
        self._count_tables()
        self.live = self._live()

    def _drop_tags(self) -> None:
        article = set()                       # elements inside an <article> or <main>
        for tag in self.tags:
            if tag.parent is not None and (tag.parent.name in ("article", "main") or id(tag.parent) in article):
                article.add(id(tag))
            if tag.name in _DROP_TAGS or (tag.name == "header" and id(tag) not in article):
                self.dropped.add(id(tag))

    def _live(self) -> set[int]:
        """The elements neither dropped nor inside a dropped one."""
        live = {id(self.soup)}
        for tag in self.tags:
            if id(tag.parent) in live and id(tag) not in self.dropped:
                live.add(id(tag))
        return live

    def _count_text(self) -> None:
        from bs4 import NavigableString

        self.stats = {id(tag): _Stats() for tag in self.tags}
        self.stats[id(self.soup)] = _Stats()
        for string in self.soup.find_all(string=True):
            if type(string) is NavigableString and string.parent is not None:
                self.stats[id(string.parent)].text += len(string.strip())
        for tag in reversed(self.tags):       # children before their parents
            stats = self.stats[id(tag)]
            if id(tag) in self.dropped:
                stats.text = stats.links = stats.link_text = 0
            elif tag.name == "a":
                stats.links += 1
                stats.link_text = stats.text
            self._add_to_parent(tag, stats, ("text", "links", "link_text"))

    def _add_to_parent(self, tag, stats: _Stats, fields) -> None:
        parent = self.stats.get(id(tag.parent)) if tag.parent is not None else None
        if parent is not None:
            for name in fields:
                setattr(parent, name, getattr(parent, name) + getattr(stats, name))

    def _count_tables(self) -> None:
        for tag in reversed(self.tags):
            stats = self.stats[id(tag)]
            stats.tables += id(tag) in self.data_tables
            self._add_to_parent(tag, stats, ("tables",))

    def _drop_boilerplate(self) -> None:
        stack = [self.soup]
        while stack:
            tag = stack.pop()
            if id(tag) in self.dropped:
                continue
            if tag is not self.soup and self._is_boilerplate(tag):
                self.dropped.add(id(tag))
                continue
            stack.extend(_children(tag))

    def _is_layout(self, table) -> bool:
        """A table that lays out the page rather than holding data: a cell holding a long text and
        most of the table's (a long note under a data table holds little of it), or cells holding
        tables in a single column."""
        cells = [self.cells.get(id(row), []) for row in self.rows.get(id(table), [])]
        total = self.stats[id(table)].text
        if any(LAYOUT_CELL_TEXT < self.stats[id(cell)].text >= total / 2 for row in cells for cell in row):
            return True
        return id(table) in self.outer and all(len(row) <= 1 for row in cells)

    def _is_boilerplate(self, tag) -> bool:
        stats = self.stats[id(tag)]
        if stats.tables or stats.own_text >= KEEP_TEXT or tag.name not in _BLOCK_TAGS:
            return False
        if _named_boilerplate(tag):
            return True
        return stats.links >= 2 and stats.link_text >= 0.6 * stats.text and stats.own_text < 200

    def content(self) -> list:
        """The report's elements: the title just before it (if outside), then its root."""
        root = self.soup.body or self.soup
        total = max(self.stats[id(root)].own_text, 1)
        tables = self.stats[id(root)].tables
        while True:
            inner = next((child for child in _children(root)
                          if id(child) not in self.dropped and self._holds_report(child, tables, total)), None)
            if inner is None:
                break
            root = inner
        title = self._title_before(root)
        return [title, root] if title is not None else [root]

    def _holds_report(self, tag, tables: int, total: int) -> bool:
        stats = self.stats[id(tag)]
        return stats.tables == tables and stats.own_text >= MOST_TEXT * total

    def _title_before(self, root):
        """The nearest title above the report's root, of the highest level there is."""
        if root is self.soup or root is self.soup.body:
            return None
        for level in _HEADINGS:
            for heading in root.find_all_previous(level):
                if id(heading) in self.live and heading.get_text(strip=True):
                    return heading
        return None


def _named_boilerplate(tag) -> bool:
    names = " ".join([*tag.get("class", []), tag.get("id", "") or ""])
    if names.strip().lower() in _BOILERPLATE_WHOLE:
        return True
    tokens = [token.lower() for token in _TOKEN.findall(names)]
    return any(token in _BOILERPLATE_WORDS or token.endswith(_BOILERPLATE_ENDS) or token.startswith("nav")
               for token in tokens)


def _children(tag) -> list:
    from bs4 import Tag
    return [child for child in tag.contents if isinstance(child, Tag)]


def _structure(tags: list) -> tuple[dict, dict, set]:
    """Each table's own rows, each row's own cells (not those of a table inside) and the tables
    that hold another, in one pass over the elements in document order. A cell left inside
    another by a missing ``</td>`` still belongs to its row."""
    table_of, row_of = {}, {}
    rows: dict[int, list] = {}
    cells: dict[int, list] = {}
    outer: set[int] = set()
    for tag in tags:
        parent = tag.parent
        table_of[id(tag)] = parent if parent is not None and parent.name == "table" else table_of.get(id(parent))
        row_of[id(tag)] = parent if parent is not None and parent.name == "tr" else row_of.get(id(parent))
        owner = table_of.get(id(tag))
        if tag.name == "table":
            row_of[id(tag)] = None           # rows inside a table are that table's
            if owner is not None:
                outer.add(id(owner))
        if tag.name == "tr" and owner is not None:
            rows.setdefault(id(owner), []).append(tag)
        elif tag.name in ("td", "th") and row_of.get(id(tag)) is not None:
            cells.setdefault(id(row_of[id(tag)]), []).append(tag)
    return rows, cells, outer


# --- blocks --------------------------------------------------------------------------

class _End:
    __slots__ = ("tag",)

    def __init__(self, tag):
        self.tag = tag


class _Unbold:
    """Where a bold element ends."""
    __slots__ = ()


_UNBOLD = _Unbold()
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _is_bold(tag) -> bool:
    return tag.name in ("b", "strong") or bool(_BOLD_STYLE.search(str(tag.get("style") or "")))


class _Blocks:
    """Walks the report's elements in order, making paragraphs and tables."""

    def __init__(self, page: _Page):
        self.page = page
        self.dropped = page.dropped
        self.blocks: list = []
        self.pieces: list[str] = []
        self.origin: Origin | None = None
        self.opener = None           # the element a new paragraph starts at
        self.cells = 0
        self.bold = 0                # bold elements the walk is inside
        self.heading = False         # the paragraph is an <h1>…<h6>
        self.plain = False           # the paragraph holds text that is not bold

    def read(self, roots: list) -> list:
        for root in roots:
            self._walk(root)
        self._flush()
        return self.blocks

    def _walk(self, root) -> None:
        from bs4 import NavigableString, Tag

        stack = [root]
        while stack:
            item = stack.pop()
            if isinstance(item, _End):
                self._flush()
                continue
            if item is _UNBOLD:
                self.bold -= 1
                continue
            if isinstance(item, Tag):
                self._enter(item, stack)
            elif type(item) is NavigableString:
                self._text(item)

    def _enter(self, tag, stack: list) -> None:
        if id(tag) in self.dropped:
            return
        if tag.name == "br":
            self._flush()
            self.opener = tag
            return
        if tag.name == "table" and id(tag) not in self.page.layout:
            self._flush()
            self.blocks.append(self._table(tag))
            return
        if tag.name in _BLOCK_TAGS:
            self._flush()
            self.opener = tag
            stack.append(_End(tag))
        if _is_bold(tag):
            self.bold += 1
            stack.append(_UNBOLD)
        stack.extend(reversed(tag.contents))

    def _text(self, string) -> None:
        if not self.pieces and not string.strip():
            return
        if self.origin is None:
            self.origin = _origin(self.opener if self.opener is not None else string.parent)
            self.heading = self.opener is not None and self.opener.name in _HEADING_TAGS
        if string.strip() and not self.bold:
            self.plain = True
        self.pieces.append(str(string))

    def _flush(self) -> None:
        text = collapse("".join(self.pieces))
        if text.strip():
            marked = self.heading or not self.plain
            self.blocks.append(GridParagraph(text, self.origin, marked=marked and title_like(text)))
        self.pieces, self.origin, self.opener, self.plain, self.heading = [], None, None, False, False

    # --- tables -----------------------------------------------------------------------

    def _table(self, table) -> GridTable:
        """The table's rows, each followed by the rows of the tables inside it (depth first,
        without recursion: tables may nest deep in bad markup)."""
        result = GridTable()
        stack = [self._rows(table)]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                continue
            cells, nested = step
            result.rows.append(cells)
            stack.extend(self._rows(inner) for inner in reversed(nested) if id(inner) not in self.dropped)
        return result

    def _rows(self, table):
        rows = self.page.rows.get(id(table), [])
        below: dict[int, list] = {}          # grid column -> [rows it still reaches, its width]
        for index, row in enumerate(rows):
            yield self._row(row, below, len(rows) - index)

    def _row(self, row, below: dict, remaining: int) -> tuple[list[GridCell], list]:
        cells: list[GridCell] = []
        nested: list = []
        reached = dict(below)                # cells from rows above that reach into this row
        below.clear()
        column = self._continued(row, reached, below, 0, cells)
        for cell in self.page.cells.get(id(row), []):
            rowspan = _span(cell.get("rowspan"), remaining)
            colspan = _span(cell.get("colspan"), MAX_SPAN)
            cells.append(GridCell(self._cell_text(cell, nested), _origin(cell)))
            self._count()
            if rowspan > 1:
                below[column] = [rowspan - 1, colspan]
            column = self._continued(row, reached, below, column + colspan, cells)
        for start in sorted(reached):        # beyond the row's last cell
            self._continued(row, reached, below, start, cells)
        for start, (rows, width) in reached.items():  # overlapped by a cell of this row (bad markup)
            if rows > 1:
                below.setdefault(start, [rows - 1, width])
        return cells, nested

    def _continued(self, row, reached: dict, below: dict, column: int, cells: list) -> int:
        """Empty cells where cells of the rows above reach down into this row, at *column* on;
        the column after them."""
        while column in reached:
            rows, width = reached.pop(column)
            cells.append(GridCell("", _origin(row)))
            self._count()
            if rows > 1:
                below[column] = [rows - 1, width]
            column += width
        return column

    def _cell_text(self, cell, nested: list) -> str:
        from bs4 import NavigableString, Tag

        pieces, current = [], []
        stack = list(reversed(cell.contents))
        while stack:
            item = stack.pop()
            if isinstance(item, _End) or (isinstance(item, Tag) and item.name == "br"):
                pieces.append(collapse("".join(current)))
                current = []
            elif isinstance(item, Tag):
                if id(item) in self.dropped or item.name in _CELL_STOPS:
                    if item.name == "table":
                        nested.append(item)
                    continue
                if item.name in _BLOCK_TAGS:
                    stack.append(_End(item))
                    pieces.append(collapse("".join(current)))
                    current = []
                stack.extend(reversed(item.contents))
            elif type(item) is NavigableString:
                current.append(str(item))
        pieces.append(collapse("".join(current)))
        return join_pieces(pieces)

    def _count(self) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise ReadError(f"表格单元格过多（超过 {MAX_CELLS} 个），不像一份年度报告",
                            f"too many table cells (over {MAX_CELLS}) for an annual report")


def _span(value, most: int) -> int:
    """A ``rowspan``/``colspan`` value: its leading digits, from 1 to *most* (0 and garbage: 1)."""
    match = re.match(r"\s*(\d+)", str(value)) if value is not None else None
    return max(1, min(int(match.group(1)) if match else 1, most))


def _origin(tag) -> Origin | None:
    line, column = getattr(tag, "sourceline", None), getattr(tag, "sourcepos", None)
    if line is None or column is None:
        return None
    return Origin("html", line=line, column=column + 1)


def collapse(text: str) -> str:
    """White space as a browser shows it: a run of spaces and line ends is one space, and a line
    end between two Chinese characters is nothing (``&nbsp;`` stays)."""
    def joint(match: re.Match) -> str:
        start, end = match.start(), match.end()
        if "\n" in match.group() and 0 < start and end < len(text) and tight(text[start - 1], text[end]):
            return ""
        return " "

    return _SPACE_RUN.sub(joint, text)
