"""Figures in the prose, and the table indicators they state.

A *figure* is a number the text writes with a unit (``44件``, ``1050余条``, ``18500元``,
``45.4%``). A figure *states* a template indicator when the words just before it name one
in the vocabulary of :mod:`linter.bind.vocabulary` (the template's labels and their synonyms,
``rules/vocabulary.yaml``), or, for a few indicators, the words just after it
(``72件申请…顺延到下年度``). How a figure is read:

1. The words: between the start of its sentence (or the figure before it) and the number, the
   phrases of the vocabulary with only ``fillers`` (共、数、的 …) between them and the number,
   the longest first (不同意公开 rather than 同意公开); else a phrase written with a trailing
   ``…``, up to 12 characters before the number (维持…的13件), the nearest first.
2. The unit must be one prose writes for the indicator (件 for applications, 人/名 for
   staff, 元 or 万元 for money …); where it is not, shorter or farther phrases are tried.
3. Where the words name indicators of several scopes (其他情形: 行政复议 or 行政诉讼; 制发:
   规章 or 规范性文件), the sentence decides: the last scope word before the number, over the
   sentence and those it continues (其中…, 其余…). Where it cannot decide, the figure is
   not read.
   Indicators that other work shares words with (申请, 行政复议, 工作人员, 培训 …) are read only
   where the paragraph before the figure, or the heading it stands under, speak of information
   disclosure (``contexts`` of the vocabulary: 信息公开, 依申请 …).
4. A figure is not read when a ``skip`` word stands in its clause (较上年、增长、累计 …:
   it states a change or another period), or a year other than the report's.
5. A figure is a *part* — compared as at most the table's value — when its sentence
   qualifies it (``针对…``, ``涉及…``, ``…等热点问题``), or when it follows ``其中`` after a
   figure for the same indicator (回应…58次，其中…回应…13次).

Readings are made once per report for each template its tables follow.
"""

from __future__ import annotations

import re
import time
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import regex

from ..bind.templates import Template
from ..bind.values import MONEY_UNITS, normalize_digits
from ..bind.vocabulary import (CLAUSE, INNER_GAP, TAIL_GAP, Indicator, Phrase, Vocabulary, builtin_vocabulary, clean,
                               clean_words)
from .expr import EvalError, ExprError, Key, Unknown, bind_keys, evaluate, keys_in, parse_expression

# A number never starts inside another one (that would make long digit runs quadratic), nor
# after a comma that follows a digit (1,234); after a comma between words it does (申请，44件).
NUM = (r"(?:(?P<pre>约|大约|近|将近|超过|逾)\s*)?(?<![0-9０-９.．])(?<![0-9０-９][,，])"
       r"(?P<n>[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?)\s*(?P<post>余|多)?")
SENTENCE_END = regex.compile(r"[。！？!?\n]")
LEADS = ("其中", "其余", "分别", "具体", "包括")
_COUNTS = "件条次人名位个篇项期场起宗处家份部批班"
FIGURE_RE = regex.compile(
    NUM + rf"\s*(?P<unit>[%％]|人次|万人次|万元|千元|亿元|元|万[{_COUNTS}]|[{_COUNTS}]|万(?![\u4e00-\u9fff]))?")
_CLAUSE_RE = re.compile(r"[，,；;：:]")
_ATTACHMENT = re.compile(r"附件|附表|统计表")      # the caption of the tables heads no prose
_YEAR_RE = re.compile(r"((?:19|20)\d\d)年")
LEAD_LIMIT = 60          # characters before a number searched for the words naming it
AFTER_LIMIT = 24         # characters after it, for words written after the number
WINDOW = 240             # characters of a sentence (and those it continues) searched for scope words
CONTEXT = 600            # characters of a paragraph before a figure searched for its context words
SCALES = {"万": Decimal(10000), "亿": Decimal(100_000_000)}


class FiguresTimeout(Exception):
    """Reading the figures of a report took longer than its time budget."""


# --- numbers -------------------------------------------------------------------------------------------------

def stated_number(text: str) -> Decimal | None:
    """The number as written, or None; more than 20 digits is no figure a report states."""
    digits = normalize_digits(text).replace(",", "")
    if sum(char.isdigit() for char in digits) > 20:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _step(number: Decimal) -> Decimal:
    """One unit of the last nonzero digit: 5500 -> 100, 610 -> 10, 7 -> 1."""
    if number != number.to_integral_value():
        return Decimal(1).scaleb(number.as_tuple().exponent)
    digits = str(int(abs(number)))
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(10) ** zeros if zeros else Decimal(1)


def agrees(stated: Decimal, table: Decimal, before: str | None, after: str | None) -> bool:
    """Whether a figure as written (with 约/近/超过 before it, 余/多 after it) states *table*."""
    step = _step(stated)
    if after in ("余", "多") or before in ("超过", "逾"):
        return stated <= table < stated + max(step, Decimal(10) if step == 1 else step)
    if before in ("约", "大约"):
        return abs(table - stated) <= step
    if before in ("近", "将近"):
        return stated - step <= table <= stated
    places = -stated.as_tuple().exponent if stated.as_tuple().exponent < 0 else 0
    if places:
        return table.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == stated
    return table == stated


def at_most(stated: Decimal, table: Decimal, before: str | None, after: str | None) -> bool:
    """Whether a figure for a part can be part of *table*: its least reading is not above it."""
    if before in ("约", "大约", "近", "将近"):
        stated -= _step(stated)
    return stated <= table


# --- figures -------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Figure:
    start: int                # the whole figure in its paragraph's text: 约 … 余 and the unit
    end: int
    n_start: int              # the digits
    n_end: int
    number: Decimal           # as written
    unit: str | None          # 件, 条, 万元, % … (万件 is 件 with a scale); None: a bare number
    scale: Decimal            # 10000 for 万件
    pre: str | None
    post: str | None

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    @property
    def counted(self) -> bool:
        """A figure with a unit of its own, not a share."""
        return self.unit is not None and not self.percent


_SAME_UNIT = {"宗": "件", "起": "件", "名": "人", "位": "人", "场": "次"}


def same_unit(first: str | None, second: str | None) -> bool:
    """Whether two units count the same things (件, 宗 and 起 are cases; 人, 名 and 位 people)."""
    return _SAME_UNIT.get(first, first) == _SAME_UNIT.get(second, second)


def figures_in(text: str) -> list[Figure]:
    """The numbers of *text*: figures with their units, shares, and bare numbers (unit None).
    An ordinal (第3次) and a number glued to letters (a code, an address) are none."""
    found = []
    for match in FIGURE_RE.finditer(text):
        number = stated_number(match.group("n"))
        if number is None:
            continue
        start = match.start()
        before = text[match.start("n") - 1] if match.start("n") else ""
        after = text[match.end("n")] if match.end("n") < len(text) else ""
        if before == "第" or (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            continue
        unit = match.group("unit")
        scale = Decimal(1)
        if unit in ("％", "%"):
            unit = "%"
        elif unit and unit[0] in SCALES and unit not in MONEY_UNITS and len(unit) > 1:
            scale, unit = SCALES[unit[0]], unit[1:]
        end = match.end() if unit else match.end("post") if match.group("post") else match.end("n")
        found.append(Figure(start, end, match.start("n"), match.end("n"), number, unit, scale,
                            match.group("pre"), match.group("post")))
    return found


class Sentences:
    """A paragraph's sentences: where each starts, and which it continues."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [match.end() for match in SENTENCE_END.finditer(text)]

    def start(self, offset: int) -> int:
        return self.starts[max(0, bisect_right(self.starts, offset) - 1)]

    def window(self, offset: int) -> int:
        """Where the context of *offset* starts: its sentence, and the sentences before it that a
        sentence opening with 其中, 其余, 分别 … continues (at most :data:`WINDOW` characters)."""
        index = max(0, bisect_right(self.starts, offset) - 1)
        start = self.starts[index]
        for _ in range(3):
            if index == 0 or not self.text[start:start + 8].lstrip("，,：: ").startswith(LEADS):
                break
            index -= 1
            start = self.starts[index]
        return max(start, offset - WINDOW)


# --- the vocabulary of a template, ready to match ------------------------------------------------------------

@dataclass(eq=False)
class Bound:
    """An indicator bound to one template's keys."""
    indicator: Indicator
    node: object
    also: list
    whole: object | None
    key: str                  # the first key its expression names (which rule it belongs to)


@dataclass(eq=False)
class Matcher:
    template: Template
    vocabulary: Vocabulary
    filler_words: str                  # the vocabulary's fillers as one alternation
    before: dict[str, list[tuple[Phrase, Bound]]] = field(default_factory=dict)
    after: list[tuple[Phrase, Bound, re.Pattern]] = field(default_factory=list)

    def __post_init__(self):
        self.fillers = re.compile(rf"{self.filler_words}*\|?{self.filler_words}*$")

    def bounds(self) -> list[Bound]:
        """Every indicator of the template's vocabulary, bound."""
        found = {id(bound): bound for entries in self.before.values() for _, bound in entries}
        found.update({id(bound): bound for _, bound, _ in self.after})
        return list(found.values())


_KEY_RE = re.compile(r"[a-z_]+(?:\.[a-z_*@{},$0-9]+)+")


def _bind(text: str, template: Template):
    from .rules import key_space

    return bind_keys(parse_expression(text), key_space(template), groups=template.named)


def _bound(indicator: Indicator, template: Template) -> Bound:
    try:
        node = _bind(indicator.equals, template)
        also = [_bind(text, template) for text in indicator.also]
        whole = _bind(indicator.whole, template) if indicator.whole else None
    except ExprError as error:
        raise ExprError(f"{indicator.origin}：{error}") from None
    key = _KEY_RE.search(indicator.equals)
    return Bound(indicator, node, also, whole, key.group() if key else indicator.equals)


def _fillers(vocabulary: Vocabulary) -> str:
    words = sorted(set(vocabulary.fillers), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, words)) + ")" if words else "(?!)"


def _after_pattern(phrase: Phrase, fillers: str) -> re.Pattern:
    body = rf"[^|\d]{{0,{INNER_GAP}}}?".join(map(re.escape, phrase.parts))
    gap = rf"[^|\d]{{0,{TAIL_GAP}}}?" if phrase.loose else rf"{fillers}*?"
    return re.compile(rf"^(?P<gap>{gap}){body}")


def _index_key(part: str) -> str:
    return part[-2:]


_MATCHERS: dict[int, tuple[Template, Vocabulary, Matcher]] = {}


def matcher_for(template: Template, vocabulary: Vocabulary) -> Matcher:
    """The template's vocabulary compiled (once per template); ExprError names a bad entry."""
    kept = _MATCHERS.get(id(template))
    if kept is not None and kept[0] is template and kept[1] is vocabulary:
        return kept[2]
    fillers = _fillers(vocabulary)
    matcher = Matcher(template, vocabulary, fillers)
    for indicator in vocabulary.for_template(template).indicators:
        bound = _bound(indicator, template)
        for phrase in indicator.words:
            matcher.before.setdefault(_index_key(phrase.parts[-1]), []).append((phrase, bound))
        for phrase in indicator.after:
            matcher.after.append((phrase, bound, _after_pattern(phrase, fillers)))
    if len(_MATCHERS) > 64:
        _MATCHERS.clear()
    _MATCHERS[id(template)] = (template, vocabulary, matcher)
    return matcher


# --- reading figures -----------------------------------------------------------------------------------------

@dataclass(eq=False)
class Reading:
    """What a figure states in one template: the indicator, where its naming words are, and
    whether it is a part of it (compared as at most the table's value)."""
    paragraph: int
    figure: Figure
    template_id: str
    bound: Bound
    words_start: int
    words_end: int
    part: bool = False

    @property
    def snippet_span(self) -> tuple[int, int]:
        return min(self.words_start, self.figure.start), max(self.words_end, self.figure.end)


@dataclass(eq=False)
class ParagraphFigures:
    index: int
    text: str
    figures: list[Figure]
    sentences: Sentences
    readings: dict[str, dict[int, Reading]] = field(default_factory=dict)   # template -> figure index -> reading
    heading: str = ""                 # the heading the paragraph stands under, cleaned
    _cleaned: tuple | None = None
    _mentions: dict | None = None

    def mentions(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """Whether one of *words* ends between *start* and *end*, or stands in the heading."""
        if self._mentions is None:
            self._mentions = {}
        found = self._mentions.get(words)
        if found is None:
            text, offsets = self.cleaned(0, len(self.text))
            ends = sorted(offsets[at + len(word) - 1] + 1 for word in words
                          for at in _occurrences(text, word))
            found = (ends, any(word in self.heading for word in words))
            self._mentions[words] = found
        ends, in_headings = found
        if in_headings:
            return True
        index = bisect_left(ends, start + 1)
        return index < len(ends) and ends[index] <= end

    def cleaned(self, start: int, end: int) -> tuple[str, list[int]]:
        """The text from *start* to *end* cleaned (:func:`linter.bind.vocabulary.clean`), with the
        offset each character came from: the paragraph is cleaned once, not once per figure."""
        if self._cleaned is None:
            text, offsets = clean(self.text)
            self._cleaned = (text, offsets)
        text, offsets = self._cleaned
        low, high = bisect_left(offsets, start), bisect_left(offsets, end)
        return text[low:high], offsets[low:high]


Named = tuple[Bound, int, int]           # an indicator, and where the words naming it start and end


def _occurrences(text: str, word: str):
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _unit_fits(bound: Bound, figure: Figure) -> bool:
    indicator = bound.indicator
    if indicator.money:
        return figure.unit in MONEY_UNITS and figure.scale == 1
    return figure.unit in indicator.units


class _Scopes:
    """The scope words before a figure, worked out when first asked, once per figure."""

    def __init__(self, vocabulary: Vocabulary, paragraph: ParagraphFigures, start: int, end: int):
        self.vocabulary = vocabulary
        self.span = (paragraph, start, end)
        self.text: str | None = None
        self.found: dict[str, str | None] = {}

    def in_context(self, words: tuple[str, ...]) -> bool:
        """Whether one of *words* stands before the figure in its paragraph (at most
        :data:`CONTEXT` characters before), or in the heading it stands under."""
        if not words:
            return True
        paragraph, _, end = self.span
        return paragraph.mentions(words, max(0, end - CONTEXT), end)

    def of(self, family_name: str) -> str | None:
        if family_name not in self.found:
            if self.text is None:
                paragraph, start, end = self.span
                self.text = paragraph.cleaned(start, end)[0]
            self.found[family_name] = self._pick(self.vocabulary.families[family_name])
        return self.found[family_name]

    def _pick(self, family) -> str | None:
        ends: dict[str, tuple[int, int]] = {}
        for scope, words in family.scopes.items():
            for word in words:
                at = self.text.rfind(word)
                if at >= 0:
                    ends[scope] = max(ends.get(scope, (-1, 0)), (at + len(word), len(word)))
        if not ends:
            return None
        if family.pick == "only":
            return next(iter(ends)) if len(ends) == 1 else None
        return max(ends, key=lambda scope: ends[scope])


def _choose(groups: list[list[Named]], figure: Figure, scopes: _Scopes) -> Named | None:
    """The first group of equally near phrases that names one indicator the figure fits."""
    for group in groups:
        fitting = [item for item in group if _unit_fits(item[0], figure)]
        if fitting and not any(scopes.in_context(item[0].indicator.context) for item in fitting):
            return None                # named, but of other work than information disclosure
        fitting = [item for item in fitting if scopes.in_context(item[0].indicator.context)]
        candidates = []
        for item in fitting:
            scope = item[0].indicator.scope
            if scope is None or scopes.of(scope[0]) == scope[1]:
                candidates.append(item)
        if not candidates:
            lone = [item for item in fitting if item[0].indicator.scope
                    and scopes.vocabulary.families[item[0].indicator.scope[0]].pick == "last"
                    and scopes.of(item[0].indicator.scope[0]) is None]
            if len({item[0].indicator.equals for item in fitting}) == 1 and len(lone) == len(fitting):
                candidates = lone[:1]
        if not candidates:
            if fitting:
                return None            # named, but the sentence does not say in which scope
            continue
        if len({item[0].indicator.equals for item in candidates}) > 1:
            return None
        return max(candidates, key=lambda item: item[0].whole is not None or bool(item[0].also))
    return None


def _before(matcher: Matcher, paragraph: ParagraphFigures, start: int, end: int) -> list[list[Named]]:
    """Phrases naming an indicator before *end*, in groups of equally good ones, best first: those
    with only fillers between them and the number, the longest first (不同意公开 over 同意公开,
    上年度结转 over 答复…申请 around it), then those further off (维持…), the nearest first."""
    lead, offsets = paragraph.cleaned(start, end)
    tail = _Tail(lead, matcher.fillers)
    seen = set()
    matches: dict[tuple, list[Named]] = {}
    for index in range(len(lead)):
        for key in (lead[index:index + 2], lead[index]):
            if key in seen:
                continue
            seen.add(key)
            for phrase, bound in matcher.before.get(key, ()):
                found = _phrase_before(lead, phrase, tail)
                if found is None:
                    continue
                words_start, words_end = found
                span = (offsets[words_start], offsets[words_end - 1] + 1)
                if tail.fillers_only(words_end):
                    rank = (0, -phrase.size, -words_start)
                else:
                    rank = (1, -words_end, -phrase.size)
                matches.setdefault(rank, []).append((bound, *span))
    return [matches[rank] for rank in sorted(matches)]


class _Tail:
    """What may stand between a phrase and the end of *lead* (where the number follows)."""

    def __init__(self, lead: str, fillers: re.Pattern):
        self.lead, self.pattern = lead, fillers
        self.known: dict[int, bool] = {}

    def fillers_only(self, at: int) -> bool:
        """Fillers only, and at most one cell boundary (主动公开政府信息数|610)."""
        if at not in self.known:
            self.known[at] = self.pattern.match(self.lead, at) is not None
        return self.known[at]

    def fits(self, phrase: Phrase, at: int) -> bool:
        if not phrase.loose:
            return self.fillers_only(at)
        rest = self.lead[at:]
        return len(rest) <= TAIL_GAP and not any(_breaks_gap(char) for char in rest)


def _breaks_gap(char: str) -> bool:
    return char == "|" or char.isdecimal()


def _phrase_before(lead: str, phrase: Phrase, tail: _Tail) -> tuple[int, int] | None:
    """Where the phrase's words start and end in *lead*, followed only by what :class:`_Tail`
    lets stand before the number: the first place from the left, up to :data:`INNER_GAP`
    characters (no digit, no cell boundary) between its parts, the nearest parts first."""
    parts = phrase.parts

    def fits(at: int) -> bool:
        return tail.fits(phrase, at)
    start = lead.find(parts[0])
    while start >= 0:
        end = _rest_of_phrase(lead, parts, 1, start + len(parts[0]), fits)
        if end is not None:
            return start, end
        start = lead.find(parts[0], start + 1)
    return None


def _rest_of_phrase(lead: str, parts: tuple[str, ...], index: int, at: int, fits) -> int | None:
    if index == len(parts):
        return at if fits(at) else None
    for here in range(at, min(at + INNER_GAP, len(lead)) + 1):
        if here > at and _breaks_gap(lead[here - 1]):
            break
        if lead.startswith(parts[index], here):
            end = _rest_of_phrase(lead, parts, index + 1, here + len(parts[index]), fits)
            if end is not None:
                return end
    return None


def _after(matcher: Matcher, paragraph: ParagraphFigures, start: int, end: int) -> list[list[Named]]:
    """Phrases written after a figure (72件申请…顺延到下年度), nearest first."""
    text = paragraph.text
    tail, offsets = paragraph.cleaned(start, end)
    tail = tail.split(CLAUSE, 1)[0]
    matches: dict[tuple[int, int], list[Named]] = {}
    for phrase, bound, pattern in matcher.after:
        found = pattern.search(tail)
        if found is None:
            continue
        words_end = offsets[found.end() - 1] + 1
        if text[words_end:words_end + 1] in ("及", "和", "与", "、"):
            continue                    # 新闻发布会及访谈: together with something else
        place = (found.end("gap"), -phrase.size)
        matches.setdefault(place, []).append((bound, offsets[found.end("gap")], words_end))
    return [matches[place] for place in sorted(matches)]


def _clause_start(text: str, start: int, floor: int) -> int:
    for index in range(start - 1, floor - 1, -1):
        if _CLAUSE_RE.match(text[index]):
            return index + 1
    return floor


def _outside(text: str, region: tuple[int, int], *spans: tuple[int, int]) -> str:
    """The text of *region* without *spans* (the naming words, the figure), pieces kept apart."""
    pieces, at = [], region[0]
    for start, end in sorted(spans):
        pieces.append(text[at:max(at, start)])
        at = max(at, end)
    pieces.append(text[at:max(at, region[1])])
    return "|".join(pieces)


def _skipped(vocabulary: Vocabulary, outside: str, year: int | None) -> bool:
    """A change, an average, another year: words of the clause besides the naming words say so."""
    words = clean_words(outside)
    if any(word in words for word in vocabulary.skip):
        return True
    return year is not None and any(int(found) != year for found in _YEAR_RE.findall(normalize_digits(outside)))


def _part(vocabulary: Vocabulary, outside: str) -> bool:
    return any(pattern.search(outside) for pattern in vocabulary.parts)


def read_paragraph(paragraph: ParagraphFigures, matcher: Matcher, year: int | None,
                   deadline: float | None = None) -> None:
    """The readings of the paragraph's figures in *matcher*'s template; FiguresTimeout when
    *deadline* (time.monotonic) passes."""
    text, vocabulary = paragraph.text, matcher.vocabulary
    readings: dict[int, Reading] = {}
    boundary = 0
    for index, figure in enumerate(paragraph.figures):
        if deadline is not None and index % 256 == 255 and time.monotonic() > deadline:
            raise FiguresTimeout()
        if not figure.counted:
            if figure.percent:
                boundary = figure.end
            continue
        sentence = paragraph.sentences.start(figure.start)
        lead_start = max(sentence, boundary, figure.start - LEAD_LIMIT)
        boundary = figure.end
        scopes = _Scopes(vocabulary, paragraph, paragraph.sentences.window(figure.start), figure.start)
        chosen = _choose(_before(matcher, paragraph, lead_start, figure.start), figure, scopes)
        if chosen is None:
            following = paragraph.figures[index + 1].start if index + 1 < len(paragraph.figures) else len(text)
            chosen = _choose(_after(matcher, paragraph, figure.end, min(following, figure.end + AFTER_LIMIT)),
                             figure, scopes)
        if chosen is None:
            continue
        bound, words_start, words_end = chosen
        spans = ((words_start, words_end), (figure.start, figure.end))
        low, high = min(words_start, figure.start), max(words_end, figure.end)
        clause = _clause_start(text, low, max(sentence, low - LEAD_LIMIT))
        if _skipped(vocabulary, _outside(text, (clause, high), *spans), year):
            continue
        before = _outside(text, (max(sentence, figure.start - WINDOW), high), *spans)
        readings[index] = Reading(paragraph.index, figure, matcher.template.id, bound, words_start, words_end,
                                  part=_part(vocabulary, before))
    _parts_of_same(paragraph, readings)
    paragraph.readings[matcher.template.id] = readings


def _parts_of_same(paragraph: ParagraphFigures, readings: dict[int, Reading]) -> None:
    """A figure after 其中 that names the indicator of the total before 其中 is a part of it."""
    for index, reading in readings.items():
        total = breakdown_total(paragraph, index)
        if total is not None and total in readings and \
                readings[total].bound.indicator.equals == reading.bound.indicator.equals:
            reading.part = True


# --- breakdowns: 其中 ----------------------------------------------------------------------------------------

_OF_WHICH = re.compile(r"其中")
_PART_LEAD = re.compile(r"其中|包括|包含|含|另有|另外|此外")


def is_part_figure(text: str, figures: list[Figure], index: int) -> bool:
    """Whether the words just before figure *index* make it a part (其中…, 包括…, 含…)."""
    figure = figures[index]
    start = figures[index - 1].end if index else 0
    lead = text[max(start, figure.start - 16):figure.start]
    return bool(_PART_LEAD.search(lead))


def breakdown_total(paragraph: ParagraphFigures, index: int) -> int | None:
    """The figure a 其中 before figure *index* breaks down: the last figure with the same unit
    before that 其中, in its sentence or the one before, that is no part itself."""
    figures, text = paragraph.figures, paragraph.text
    figure = figures[index]
    window = paragraph.sentences.window(figure.start)
    found = None
    for match in _OF_WHICH.finditer(text, window, figure.start):
        found = match
    if found is None:
        return None
    for before in range(index - 1, -1, -1):
        candidate = figures[before]
        if candidate.end > found.start():
            continue
        if candidate.start < window:
            return None
        if same_unit(candidate.unit, figure.unit) and candidate.counted and not is_part_figure(text, figures, before):
            return before
    return None


# --- a report ------------------------------------------------------------------------------------------------

_READ: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def paragraphs_of(report) -> list[ParagraphFigures]:
    """The figures of the report's prose paragraphs (not yet read against any template)."""
    from .prose import Prose

    prose = Prose(report.document.paragraphs)
    found, heading = [], ""
    for index, paragraph in enumerate(prose.paragraphs):
        found.append(ParagraphFigures(index, paragraph.text, figures_in(paragraph.text), Sentences(paragraph.text),
                                      heading=heading))
        if paragraph.heading and not _ATTACHMENT.search(paragraph.text):
            heading = clean_words(paragraph.text)
    return found


def read_report(report, vocabulary: Vocabulary, deadline: float | None = None) -> list[ParagraphFigures]:
    """The report's figures, each read against every template its tables follow (once per
    report); FiguresTimeout when *deadline* (time.monotonic) passes."""
    kept = _READ.get(report)
    if kept is not None and kept[0] is vocabulary:
        return kept[1]
    paragraphs = paragraphs_of(report)
    templates = list({table.template.id: table.template for table in report.binding.tables}.values())
    for template in templates:
        matcher = matcher_for(template, vocabulary)
        for paragraph in paragraphs:
            if deadline is not None and time.monotonic() > deadline:
                raise FiguresTimeout()
            read_paragraph(paragraph, matcher, report.dates.year, deadline)
    _READ[report] = (vocabulary, paragraphs)
    return paragraphs


def figures_of(report, seconds: float = 2.0) -> list[ParagraphFigures]:
    """The report's figures, read against its templates where it has tables and that takes
    less than *seconds*; otherwise the figures alone (a check on shares or breakdowns then
    works without knowing what they state)."""
    if report.binding.tables:
        try:
            return read_report(report, builtin_vocabulary(), time.monotonic() + seconds)
        except FiguresTimeout:
            pass
    return paragraphs_of(report)


def value_of(node, facts) -> tuple[Decimal | None, list]:
    """The value of a bound expression over a set of facts, and the facts it read. A sum over
    blank cells counts them as 0 (the rules decide so too); a blank cell alone has no value."""
    try:
        value = evaluate(node, facts)
        if isinstance(value, Unknown) and value.blank and not value.absent and not isinstance(node, Key):
            value = evaluate(node, facts, blank_as_zero=True)
    except EvalError:                 # out of bounds: the reading is not compared
        return None, []
    used = [facts[key] for key in keys_in(node, facts) if key in facts]
    return (value if isinstance(value, Decimal) else None), used


def in_written_unit(reading: Reading, value: Decimal) -> Decimal:
    """The table's *value* in the unit and scale the figure is written in."""
    figure = reading.figure
    if reading.bound.indicator.money and figure.unit in MONEY_UNITS:
        return value * MONEY_UNITS["万元"] / MONEY_UNITS[figure.unit]
    return value / figure.scale


def states(reading: Reading, value: Decimal) -> bool:
    """Whether the figure agrees with the table's *value* (as a part: is not above it)."""
    figure = reading.figure
    written = in_written_unit(reading, value)
    if reading.part:
        return at_most(figure.number, written, figure.pre, figure.post)
    return agrees(figure.number, written, figure.pre, figure.post)
