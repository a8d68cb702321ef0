"""The report's outline: its parts, as its headings divide it.

Since the 2019 format a report has six parts in a fixed order (一、总体情况 …
六、其他需要报告的事项); the 2008-era reports have a usual outline of their own.
The expected outline of each format is data: the ``outline:`` of the templates
in ``rules/templates`` (:class:`~.templates.OutlineDef`).

:func:`outline` reads the document's headings wherever they stand: paragraphs
(a numbered title; a bold line of a Word file or an ``<h1>``–``<h6>`` or
bold-only paragraph of a web page, which the readers mark as headings), a
numbered title that leads the text of its paragraph (``一、总体情况。2019年…``),
a line that is exactly a part's name (``主动公开政府信息情况``), and the rows of a
table that hold one cell (text layouts keep short lines next to a table in the
table). Numbering comes in levels: ``一、`` ``一.`` ``第一部分`` (1), ``（一）`` (2),
``1.`` ``1、`` (3), ``（1）`` ``①`` (4); a heading without numbering is level 0.

The parts are the headings of the shallowest level that names an expected
part (usually 一、), and unnumbered headings that name one; each is matched to
an expected part by its title or an alias (the one found first in the heading
wins: ``存在问题及下一步打算`` is the problems part). A numbered title inside a
table that is one of the template's row labels (``四、行政复议数量`` of the 2008
table) is a row, not a part. A part holds what stands from its heading to the
next part's: the prose under it (sub-headings included, the signature and date
at the end of the last part left out) and the tables in it. An ``附件``/``附表``
heading ends the outline: what follows is an appendix.

The expected outline is that of the first of the given templates that has one
(:func:`outline_templates`: the format of the report's year, then those of its
tables, newest first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..read.model import Cell, Document, Origin, Paragraph, Table
from ..read.numbering import is_heading
from .identity import date_line
from .labels import normalize
from .templates import Catalog, OutlineDef, OutlinePart, builtin_catalog
from .values import BLANK, NOT_APPLICABLE, NUMBER, is_unit, parse_value

_NUMERALS = "一二三四五六七八九十"
_LEVELS = (
    (1, re.compile(rf"^\s*(?:第[{_NUMERALS}]+部分|[{_NUMERALS}]{{1,3}}\s*[、.．])[\s　]*")),
    (2, re.compile(rf"^\s*[（(]\s*[{_NUMERALS}]{{1,3}}\s*[）)]\s*[、.．]?[\s　]*")),
    (3, re.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)[\s　]*")),
    (4, re.compile(r"^\s*(?:[（(]\s*\d{1,2}\s*[）)]|[\u2460-\u2473])[\s　]*")),
)
_APPENDIX_RE = re.compile(r"^\s*附\s*[件表]")
_INLINE_END_RE = re.compile(r"[。：:；;！!？?，,\s\u3000]")
_SENTENCE_RE = re.compile(r"[。；;！？!?]")
_DATE_LINE_RE = re.compile(r"^\s*(?:(?:发布|成文|印发)(?:时间|日期)\s*[:：]\s*)?\d{4}\s*[年\-./]\s*\d{1,2}\s*[月\-./]"
                           r"\s*\d{1,2}\s*日?\s*$")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_WORD_RE = re.compile(r"[^\W_]")
_CLOSING = "。！？!?；;…”’」』）)]】.：:"
MAX_TITLE = 40          # a heading is short
MAX_INLINE_TITLE = 30   # a title leading its paragraph's text, before its first 。 or ：
SIGNATURE_LINE = 25     # an agency's name above the date that ends a report
CUT_LINE = 15           # a last line this long without a sentence's end: the text was cut


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading as the report writes it, and where."""

    text: str              # the heading (for a title leading its paragraph's text, that title only)
    title: str             # without its numbering
    numbering: str         # 一、 （一） 1. … or ''
    level: int             # 1 一、/第一部分, 2 （一）, 3 1./1、, 4 （1）/①, 0 without numbering
    line: int
    column: int
    end_line: int
    end_column: int
    origin: Origin | None = None
    in_table: bool = False     # a row of a table block that holds one cell
    marked: bool = False       # a heading paragraph (bold, a heading style or element, a numbered title)

    @property
    def span(self) -> Cell:
        return Cell(self.text, self.line, self.column, self.end_line, self.end_column, origin=self.origin)


@dataclass(eq=False)
class Part:
    """One part of the report: its heading, the expected part it is (None: a part of the report's
    own), the prose under it and how many table cells stand in it."""

    heading: Heading
    expected: OutlinePart | None
    prose: list[Cell] = field(default_factory=list)
    table_cells: int = 0
    end_line: int = 0
    last: Cell | None = None        # the last line or cell in it

    @property
    def end(self) -> Cell:
        """Where the part ends: its last line or cell, or its heading."""
        return self.last or self.heading.span

    @property
    def key(self) -> str | None:
        return self.expected.key if self.expected else None

    @property
    def line(self) -> int:
        return self.heading.line

    @property
    def text(self) -> str:
        return "\n".join(cell.text for cell in self.prose)

    @property
    def length(self) -> int:
        """How many characters the prose holds (Chinese characters, letters and digits)."""
        return sum(len(_WORD_RE.findall(cell.text)) for cell in self.prose)

    @property
    def has_table(self) -> bool:
        return self.table_cells > 0

    def name(self) -> str:
        """How a message names the part: its heading as written."""
        return " ".join(self.heading.text.split())


@dataclass(eq=False)
class Outline:
    template_id: str | None
    expected: OutlineDef | None
    parts: list[Part] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)   # every heading read, parts' and others'
    appendix: Heading | None = None
    cut_off: bool = False          # the text ends in a table, at a heading it does not finish, or mid-sentence
    end: Cell | None = None        # the last thing the outline holds

    def part(self, key: str) -> Part | None:
        return next((part for part in self.parts if part.key == key), None)

    def missing(self) -> list[OutlinePart]:
        """Required parts of the expected outline the report does not have."""
        if self.expected is None:
            return []
        found = {part.key for part in self.parts}
        return [part for part in self.expected.parts if part.required and part.key not in found]

    def misplaced(self) -> list[tuple[Part, Part, bool]]:
        """Parts out of the expected order, each with a part in place it is misplaced against and
        whether it should come before that part (True: it stands after a part it should precede;
        False: before one it should follow). The parts kept in place are the longest run in order
        (of two tied runs, the one keeping earlier parts)."""
        if self.expected is None or not self.expected.ordered:
            return []
        matched = [part for part in self.parts if part.expected]
        kept = _in_order(matched)
        result = []
        for index, part in enumerate(matched):
            if index in kept:
                continue
            order = part.expected.order
            earlier = [matched[i] for i in sorted(kept) if i < index and matched[i].expected.order > order]
            if earlier:
                result.append((part, earlier[0], True))
                continue
            later = [matched[i] for i in sorted(kept) if i > index and matched[i].expected.order < order]
            result.append((part, later[-1], False))
        return result


def outline_templates(catalog: Catalog, bound: list[str], year: int | None) -> list[str]:
    """The templates whose outline a report should follow, best first: the format of its year,
    then the formats of its tables, newest first."""
    chosen = [template.id for template in catalog.templates
              if year is not None and template.fits_year(year) and template.outline]
    tables = [catalog.get(template_id) for template_id in bound]
    chosen += [template.id for template in sorted((t for t in tables if t), key=lambda t: -t.years[0])]
    return list(dict.fromkeys(chosen))


def outline(document: Document, template_ids: list[str], catalog: Catalog | None = None) -> Outline:
    """The outline of *document*, matched to the expected outline of the first of *template_ids*
    that has one (none: the parts are read, none is expected)."""
    catalog = catalog or builtin_catalog()
    template = next((t for t in (catalog.get(i) for i in template_ids) if t is not None and t.outline), None)
    expected = template.outline if template else None
    units = _units(document)
    candidates = [found for found in (_candidate(unit, expected, catalog) for unit in units) if found]
    level = _part_level(candidates)
    result = Outline(template.id if template else None, expected)
    _divide(result, units, {id(c.unit): c for c in candidates}, level, catalog)
    return result


# --- units: the document's lines and cells in reading order ---------------------------------

@dataclass(eq=False, slots=True)
class _Unit:
    cell: Cell
    kind: str                  # line (of a paragraph) | single (a table row's one cell) | cell (of a table)
    heading: bool = False      # a line of a heading paragraph
    beside_table: bool = False # of a heading paragraph next to a table (a title split off its start or end)


def _units(document: Document) -> list[_Unit]:
    units: list[_Unit] = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            beside = block.heading and any(isinstance(other, Table) for other in blocks[max(0, index - 1):index + 2])
            for line in block.lines:
                if line.text.strip():
                    cell = Cell(line.text, line.line, line.column, line.line, line.column + len(line.text),
                                origin=line.origin)
                    units.append(_Unit(cell, "line", block.heading, beside))
        elif isinstance(block, Table):
            for row in block.rows:
                filled = [cell for cell in row.cells if cell.text.strip()]
                # One cell with text, and no empty cell before it: a line kept in the table.
                kind = "single" if len(filled) == 1 and row.cells[0] is filled[0] else "cell"
                units.extend(_Unit(cell, kind) for cell in filled)
    return units


# --- headings -------------------------------------------------------------------------------

@dataclass(eq=False, slots=True)
class _Candidate:
    unit: _Unit
    heading: Heading
    expected: OutlinePart | None
    rest: Cell | None = None        # the text after a title that leads its paragraph
    appendix: bool = False


def numbering_of(text: str) -> tuple[int, str]:
    """The level of the numbering *text* starts with and the numbering itself (0 and '' for none)."""
    for level, pattern in _LEVELS:
        found = pattern.match(text)
        if found:
            return level, found.group(0).strip()
    return 0, ""


def match_part(title: str, expected: OutlineDef | None, strict: bool = False) -> OutlinePart | None:
    """The expected part *title* names: one of its names exactly, or (unless *strict*) contained
    in it, the name found first winning, then the longest."""
    if expected is None:
        return None
    key = normalize(title)
    if not key:
        return None
    exact, names = _names(expected)
    if key in exact or strict:
        return exact.get(key)
    best = None
    for wanted, part in names:
        position = key.find(wanted)
        if position >= 0:
            rank = (position, -len(wanted), part.order)
            if best is None or rank < best[0]:
                best = (rank, part)
    return best[1] if best else None


@lru_cache(maxsize=32)
def _names(expected: OutlineDef) -> tuple[dict[str, OutlinePart], list[tuple[str, OutlinePart]]]:
    """An outline's part names, normalised: by name, and in order (the first part to give a name keeps it)."""
    names = [(wanted, part) for part in expected.parts for wanted in map(normalize, part.names) if wanted]
    exact: dict[str, OutlinePart] = {}
    for wanted, part in names:
        exact.setdefault(wanted, part)
    return exact, names


def _candidate(unit: _Unit, expected: OutlineDef | None, catalog: Catalog) -> _Candidate | None:
    if unit.kind == "cell":
        return None
    text = unit.cell.text.strip()
    level, numbering = numbering_of(text)
    if _APPENDIX_RE.match(text) and len(text) <= MAX_TITLE and not _SENTENCE_RE.search(text):
        return _Candidate(unit, _heading(unit, text, level, numbering), None, appendix=True)
    in_table = unit.kind == "single"
    if level and is_heading(text):
        part = match_part(text[len(numbering):] if numbering else text, expected)
        if (in_table and part is None) or ((in_table or unit.beside_table) and catalog.row_index.exact(text)):
            return None                                  # a row label of a table (四、行政复议数量)
        return _Candidate(unit, _heading(unit, text, level, numbering), part)
    if level and not in_table:
        return _inline(unit, text, level, numbering, expected)
    if level:
        return None
    if unit.heading and len(text) <= MAX_TITLE:
        return _Candidate(unit, _heading(unit, text, 0, ""), match_part(text, expected))
    part = match_part(text, expected, strict=True) if len(text) <= MAX_TITLE else None
    if part is not None:
        return _Candidate(unit, _heading(unit, text, 0, ""), part)
    return None


def _inline(unit: _Unit, text: str, level: int, numbering: str, expected: OutlineDef | None) -> _Candidate | None:
    """A numbered title leading the text of its paragraph (``一、总体情况。2019年…``, ``一、总体情况 2019年…``):
    a heading only where it ends with the name of an expected part (``一、主动公开方面，…`` is no title)."""
    body = text[len(numbering):]
    stop = _INLINE_END_RE.search(body.lstrip(" \u3000"))
    if stop is None:
        return None
    title = text[:len(text) - len(body.lstrip(" \u3000")) + stop.start()]
    part = match_part(title[len(numbering):], expected)
    key = normalize(title)
    if part is None or len(key) > MAX_INLINE_TITLE or not any(key.endswith(normalize(name)) for name in part.names):
        return None
    cell = unit.cell
    offset = cell.text.index(title[0])
    after = offset + len(title)
    rest_text = cell.text[after:].lstrip(" \u3000。：:；;！!？?，,").strip()
    rest = None
    if rest_text:
        start = cell.column + cell.text.index(rest_text, after)
        rest = Cell(rest_text, cell.line, start, cell.line, start + len(rest_text), origin=cell.origin)
    heading = Heading(title, title[len(numbering):].strip(), numbering, level, cell.line, cell.column + offset,
                      cell.line, cell.column + offset + len(title), cell.origin, marked=unit.heading)
    return _Candidate(unit, heading, part, rest=rest)


def _heading(unit: _Unit, text: str, level: int, numbering: str) -> Heading:
    cell = unit.cell
    offset = cell.text.index(text[0]) if text else 0
    return Heading(text, text[len(numbering):].strip(" \u3000") if numbering else text, numbering, level,
                   cell.line, cell.column + offset, cell.end_line, cell.column + offset + len(text), cell.origin,
                   in_table=unit.kind == "single", marked=unit.heading)


def _part_level(candidates: list[_Candidate]) -> int | None:
    """The numbering level of the parts: the shallowest that names an expected part, else the
    shallowest of the headings outside tables."""
    named = [c.heading.level for c in candidates if c.expected and c.heading.level]
    if named:
        return min(named)
    plain = [c.heading.level for c in candidates if c.heading.level and not c.heading.in_table and not c.appendix]
    return min(plain) if plain else None


# --- dividing the document into its parts ---------------------------------------------------

def _is_part(candidate: _Candidate, level: int | None, numbered_keys: set[str]) -> bool:
    heading = candidate.heading
    if heading.level:
        return heading.level == level
    return candidate.expected is not None and candidate.expected.key not in numbered_keys


def _divide(result: Outline, units: list[_Unit], candidates: dict[int, _Candidate], level: int | None,
            catalog: Catalog) -> None:
    numbered_keys = {c.expected.key for c in candidates.values() if c.expected and c.heading.level == level}
    current: Part | None = None
    claimed: set[str] = set()
    last: _Unit | None = None
    last_candidate: _Candidate | None = None
    for unit in units:
        candidate = candidates.get(id(unit))
        if candidate is not None and candidate.appendix and result.parts:
            result.appendix = candidate.heading
            break
        last, last_candidate = unit, candidate
        if candidate is not None and not candidate.appendix:
            result.headings.append(candidate.heading)
            if _is_part(candidate, level, numbered_keys):
                expected = candidate.expected if candidate.expected and candidate.expected.key not in claimed else None
                if expected:
                    claimed.add(expected.key)
                current = Part(candidate.heading, expected, end_line=candidate.heading.end_line)
                result.parts.append(current)
                if candidate.rest is not None:
                    current.prose.append(candidate.rest)
                continue
        if current is None:
            continue
        current.end_line = max(current.end_line, unit.cell.end_line)
        current.last = unit.cell
        if unit.kind == "line" or (unit.kind == "single" and _prose_like(unit.cell.text, catalog)):
            current.prose.append(unit.cell)
        elif unit.kind == "cell" or _of_table(unit.cell.text, catalog):
            current.table_cells += 1
    if result.parts:
        _drop_signature(result.parts[-1])
    if last is not None:
        result.end = last.cell
        result.cut_off = _cut_off(last, last_candidate, result, catalog)


def _prose_like(text: str, catalog: Catalog) -> bool:
    """A table row's one cell that is text of the report rather than of the table: words that are
    no number, unit or label of a template (（文字描述）, 无, a signature, a sentence kept next to a table)."""
    text = text.strip()
    if not _CJK_RE.search(text) or is_unit(text) or parse_value(text).kind in (NUMBER, BLANK):
        return False
    return not _vocabulary(text, catalog)


def _of_table(text: str, catalog: Catalog) -> bool:
    """A table row's one cell that shows a table: a number, a unit, a not-applicable mark, a label."""
    text = text.strip()
    return parse_value(text).kind in (NUMBER, NOT_APPLICABLE) or is_unit(text) or bool(_vocabulary(text, catalog))


def _vocabulary(text: str, catalog: Catalog) -> bool:
    return bool(catalog.row_index.exact(text) or catalog.column_index.exact(text) or catalog.caption_index.exact(text))


def _drop_signature(part: Part) -> None:
    """The agency's name and the date that end a report are no text of its last part."""
    start = len(part.prose)
    while start and (_is_date_line(part.prose[start - 1].text) or _signature(part.prose[start - 1].text)):
        start -= 1
    if any(_is_date_line(cell.text) for cell in part.prose[start:]):
        del part.prose[start:]


def _is_date_line(text: str) -> bool:
    """A line holding a date alone (发布时间：2020-01-20 too): how a report ends."""
    return bool(_DATE_LINE_RE.match(text)) or date_line(text) is not None


def _signature(text: str) -> bool:
    text = text.strip()
    return len(text) <= SIGNATURE_LINE and not re.search(r"[。；，,：:！？]", text)


def _cut_off(last: _Unit, candidate: _Candidate | None, result: Outline, catalog: Catalog) -> bool:
    """Whether the text stops short of its end: in a table (an excerpt cut inside the tables), at
    a heading that names no part (``三、收到``), or in mid-sentence."""
    if result.appendix is not None or not result.parts:
        return False
    text = last.cell.text.strip()
    if candidate is not None:
        return candidate.expected is None and candidate.heading.level > 0
    if last.kind == "cell" or (last.kind == "single" and not _prose_like(text, catalog)):
        return True
    if _is_date_line(text) or _signature(text):
        return False
    return len(text) >= CUT_LINE and text[-1] not in _CLOSING


def _in_order(parts: list[Part]) -> set[int]:
    """Indexes of the longest run of *parts* in their expected order (ties: earlier parts kept)."""
    orders = [part.expected.order for part in parts]
    best: list[tuple[int, int]] = []           # per index: (length of the run ending here, previous index)
    for index, order in enumerate(orders):
        length, previous = 1, -1
        for before in range(index):
            if orders[before] < order and best[before][0] + 1 > length:
                length, previous = best[before][0] + 1, before
        best.append((length, previous))
    if not best:
        return set()
    top = max(length for length, _ in best)
    index = next(i for i, (length, _) in enumerate(best) if length == top)
    kept = set()
    while index >= 0:
        kept.add(index)
        index = best[index][1]
    return kept


# --- for gxlint --facts -----------------------------------------------------------------

WORDS = {
    "zh": {"outline": "大纲（{template} 年格式）", "none": "大纲（未确定格式）", "part": "部分",
           "own": "（报告自设）", "chars": "正文 {count} 字", "table": "含表格", "missing": "缺少",
           "appendix": "附件起于", "empty": "未识别到大纲", "joint": "，",
           "cut": "文本似乎不完整（在表格、未写完的标题或句子中结束）"},
    "en": {"outline": "outline ({template} format)", "none": "outline (no format chosen)", "part": "part",
           "own": "(the report's own)", "chars": "{count} characters of text", "table": "holds a table",
           "missing": "missing", "appendix": "appendix from", "empty": "no outline recognised", "joint": ", ",
           "cut": "the text seems incomplete (it ends in a table, an unfinished heading or sentence)"},
}


def outline_entries(outline: Outline, lang: str = "zh") -> list[tuple[str, str]]:
    """The outline as (place, text) pairs: the format, each part (``10:3``, ``部分 “一、总体情况” =
    overview “一、总体情况”，正文 665 字``), the missing parts, the appendix, a text cut short.
    What the report wrote is quoted; the place is ``line:column``, or '' where there is none."""
    words = WORDS["en" if lang == "en" else "zh"]
    entries = [("", words["outline"].replace("{template}", outline.template_id) if outline.template_id
                else words["none"])]
    if not outline.parts:
        entries.append(("", words["empty"]))
    for part in outline.parts:
        what = f"{part.key} “{_expected_title(part.expected)}”" if part.expected else words["own"]
        details = [words["chars"].replace("{count}", str(part.length))] + ([words["table"]] if part.has_table else [])
        entries.append((f"{part.heading.line}:{part.heading.column}",
                        f"{words['part']} “{part.name()}” = {what}{words['joint']}{words['joint'].join(details)}"))
    for missing in outline.missing():
        entries.append(("", f"{words['missing']} “{_expected_title(missing)}” ({missing.key})"))
    if outline.appendix is not None:
        entries.append((f"{outline.appendix.line}:{outline.appendix.column}",
                        f"{words['appendix']} “{' '.join(outline.appendix.text.split())}”"))
    if outline.cut_off:
        entries.append(("", words["cut"]))
    return entries


def outline_lines(outline: Outline, lang: str = "zh", path: str | None = None) -> list[str]:
    """The outline as lines of text: with *path*, grep-friendly ``path:line:column: text`` lines
    (``path: text`` where there is no place), else ``line:column  text`` lines under a title line."""
    entries = outline_entries(outline, lang)
    if path is not None:
        return [f"{path}:{place}: {text}" if place else f"{path}: {text}" for place, text in entries]
    return [entries[0][1]] + [f"  {place}  {text}" if place else f"  {text}" for place, text in entries[1:]]


def _expected_title(part: OutlinePart) -> str:
    return f"{part.number}、{part.title}" if part.number else part.title


def outline_json(outline: Outline) -> dict:
    """The outline for ``--facts --format json``."""
    return {
        "template": outline.template_id,
        "parts": [{"key": part.key, "heading": part.heading.text, "numbering": part.heading.numbering,
                   "level": part.heading.level, "line": part.heading.line, "column": part.heading.column,
                   "end_line": part.end_line, "characters": part.length, "table": part.has_table,
                   **({"location": part.heading.origin.as_dict()} if part.heading.origin else {})}
                  for part in outline.parts],
        "missing": [part.key for part in outline.missing()],
        "appendix_line": outline.appendix.line if outline.appendix else None,
        "cut_off": outline.cut_off,
    }
