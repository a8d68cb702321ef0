"""Breakdowns the prose states: a total and the parts it is made of.

``共主动公开政府信息227条，其中工作动态85条，公告公示21条…`` states a total and, after
其中, parts of it: the parts (the figures after 其中 in the same unit, up to the end of the
sentence) must not add up to more than the total (``parts_exceed``). ``…分别为…`` after a
total, and ``包括A x件、B y件，共N件``, claim the parts are all of it: they must not add up
to less either (``parts_short``).

The total of a 其中 is the figure written just before it (only punctuation between), unless
that figure is a part itself (``包括上年结转申请30件。其中…``: the 其中 goes back to the figure
before; ``其中自然人80件，法人20件；其中当面申请…``: the 20 is a part of the first 其中, and
which total the second one breaks down is not told, so it is not checked). A 其中 that opens a
sentence may break down any figure of the sentence before (``共收到申请15件，上年结转2件。其中…``):
the largest of those counting the same things is taken. The parts end at the sentence's end,
at a second 其中 (a breakdown of a part), at 另有/此外/同时…, at a figure that opens a total
of its own (共/合计…), and at a semicolon unless the parts on both sides come with their
shares (…20件，占45.5%；…8件，占18.2%).
Where the tables say what the figures are, a figure for an indicator that is no part of the
total's (办结 after 收到申请…其中) ends the parts too. Figures per channel (政府网站…，政务微博…:
``overlapping`` in ``rules/vocabulary.yaml``) are no parts: one item goes through several
channels. Approximate figures (约, 余 …) are not added up. Parts that fall, in order, into runs
each adding up to the total exactly break the same total down twice (by applicant, then by
channel) and are not added up together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ...bind import BoundReport
from ...bind.vocabulary import builtin_vocabulary, clean_words
from ..figures import SENTENCE_END, Figure, ParagraphFigures, Reading, figures_of, is_part_figure, same_unit
from ..findings import Finding, Location, at_cell
from ..prose import Prose, span_cell
from ..rules import Rule
from ..wording import format_number, say

_OF_WHICH = re.compile(r"其中")
_EACH = re.compile(r"分别为|分别是")
_INCLUDING = re.compile(r"包括|包含")
_TOTAL_AFTER = re.compile(r"(?:共计|合计|总计|共)[^0-9０-９。；;，,]{0,6}$")
_STOP = re.compile(r"另有|另外|此外|同时|以上|上述|均|全部|其中")
_NEW_TOTAL = re.compile(r"(?<!公)共(?![同享建性产识])|合计|总计|累计")
_SEMICOLON = re.compile(r"[；;]")
_SHARE_AFTER = re.compile(r"^[^。；;]{0,4}占[^。；;]{0,12}?[0-9０-９.．]+\s*[%％]")
_JOIN = re.compile(r"^[\s，,。：:；;、）)]{0,3}$")


@dataclass(eq=False)
class Breakdown:
    total: Figure
    parts: list[Figure]
    complete: bool
    marker: tuple[int, int]


def parts_exceed(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{total}: the total as written; {sum}: what the parts add up to; {unit}; {parts}: the parts as written."""
    return _findings(report, rule, severity, lambda found, breakdown: found > breakdown.total.number
                     and not _broken_down_again(breakdown))


def parts_short(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{total}, {sum}, {unit}, {parts}: as for parts_exceed, of a breakdown said to be complete."""
    return _findings(report, rule, severity, lambda found, breakdown: found < breakdown.total.number,
                     complete_only=True)


def _findings(report: BoundReport, rule: Rule, severity: str, wrong, complete_only: bool = False) -> list[Finding]:
    prose = Prose(report.document.paragraphs)
    paragraphs = figures_of(report)
    findings = []
    for figures in paragraphs:
        paragraph = prose.paragraphs[figures.index]
        for breakdown in breakdowns_in(figures):
            if complete_only and not breakdown.complete:
                continue
            found = sum((part.number for part in breakdown.parts), Decimal(0))
            if wrong(found, breakdown):
                findings.append(_finding(rule, severity, report, paragraph, breakdown, found))
    return findings


def _broken_down_again(breakdown: Breakdown) -> bool:
    """Whether the parts fall, in order, into runs that each add up to the total exactly: one
    total broken down twice (其中自然人申请80件，法人申请20件，当面申请60件，网络申请40件)."""
    total, run, runs = breakdown.total.number, Decimal(0), 0
    for part in breakdown.parts:
        run += part.number
        if run == total:
            run, runs = Decimal(0), runs + 1
        elif run > total:
            return False
    return run == 0 and runs >= 2


def breakdowns_in(figures: ParagraphFigures) -> list[Breakdown]:
    text, found = figures.text, []
    for marker in _OF_WHICH.finditer(text):
        total = _total_before(figures, marker.start())
        if total is not None:
            total = _largest_of_sentence(figures, total, marker.start())
            found.append(Breakdown(figures.figures[total], _parts(figures, total, marker.end()), False, marker.span()))
    for marker in _EACH.finditer(text):
        total = _total_before(figures, marker.start())
        if total is not None:
            found.append(Breakdown(figures.figures[total], _parts(figures, total, marker.end()), True, marker.span()))
    for marker in _INCLUDING.finditer(text):
        breakdown = _including(figures, marker)
        if breakdown is not None:
            found.append(breakdown)
    return [breakdown for breakdown in found
            if breakdown.parts and not _approximate(breakdown) and not _per_channel(figures, breakdown)]


def _per_channel(figures: ParagraphFigures, breakdown: Breakdown) -> bool:
    """Parts named by channels (政府网站…，政务微博…): one item may be counted under several."""
    channels = builtin_vocabulary().overlapping
    named = 0
    for part in breakdown.parts:
        before = max((figure.end for figure in figures.figures if figure.end <= part.start), default=0)
        words = clean_words(figures.text[max(before, part.start - 24):part.start])
        named += any(channel in words for channel in channels)
    return named >= 2


def _approximate(breakdown: Breakdown) -> bool:
    return any(figure.pre or figure.post for figure in (breakdown.total, *breakdown.parts))


def _total_before(figures: ParagraphFigures, at: int) -> int | None:
    """The figure written just before *at* (only punctuation between), or the one before it
    where that one is a part itself."""
    text = figures.text
    for index in range(len(figures.figures) - 1, -1, -1):
        figure = figures.figures[index]
        if figure.end > at:
            continue
        if not figure.counted:
            return None
        if figure.end == at or _JOIN.match(text[figure.end:at]):
            if not is_part_figure(text, figures.figures, index) and not _listed_after_of_which(figures, index, at):
                return index
            at = _part_start(figures, index)
            continue
        return None
    return None


def _largest_of_sentence(figures: ParagraphFigures, total: int, at: int) -> int:
    """The total of a 其中 that opens a sentence: any figure of the sentence before that counts
    what the last one counts may be what it breaks down (共收到申请15件，上年结转2件。其中，
    自然人申请12件…: the 15). The largest is taken: parts are wrong only when they exceed them all."""
    text, listed = figures.text, figures.figures
    last = listed[total]
    if not SENTENCE_END.search(text, last.end, at):
        return total
    start = figures.sentences.start(last.start)
    candidates = [index for index, figure in enumerate(listed)
                  if start <= figure.start and figure.end <= last.end and figure.counted
                  and same_unit(figure.unit, last.unit) and figure.scale == last.scale
                  and not is_part_figure(text, listed, index) and not _listed_after_of_which(figures, index, at)]
    return max(candidates, key=lambda index: listed[index].number, default=total)


def _listed_after_of_which(figures: ParagraphFigures, index: int, at: int) -> bool:
    """Whether figure *index* is listed after an earlier 其中 of the sentence *at* stands in (or of
    the sentences that one continues): one of that breakdown's parts, not the total of the next
    (…其中自然人申请80件，法人申请20件；其中当面申请60件…)."""
    return _OF_WHICH.search(figures.text, figures.sentences.window(at), figures.figures[index].start) is not None


def _part_start(figures: ParagraphFigures, index: int) -> int:
    """Where the clause of a part figure starts (包括上年结转申请30件 -> at 包括), so that the
    figure before it can be the total."""
    text = figures.text
    start = figures.figures[index - 1].end if index else 0
    for word in ("其中", "包括", "包含", "（含", "(含", "含", "另有"):
        found = text.rfind(word, start, figures.figures[index].start)
        if found >= 0:
            return found
    return figures.figures[index].start


def _parts(figures: ParagraphFigures, total: int, start: int) -> list[Figure]:
    """The figures after *start* in the total's unit, to the end of the breakdown. A part after
    a semicolon belongs to it where the tables say so, or where the parts on both sides come
    with their shares (…20件，占45.5%；…8件，占18.2%)."""
    text, first = figures.text, figures.figures[total]
    end = SENTENCE_END.search(text, start)
    end = end.start() if end else len(text)
    stop = _STOP.search(text, start, end)
    end = stop.start() if stop else end
    parts: list[Figure] = []
    previous = start
    for index, figure in enumerate(figures.figures):
        if figure.start < start or not figure.counted:
            continue
        if figure.start >= end:
            break
        if _NEW_TOTAL.search(text, previous, figure.start) or _unrelated(figures, total, index):
            break
        if parts and _SEMICOLON.search(text, previous, figure.start) and not (
                _related(figures, total, index) or (_with_share(text, parts[-1]) and _with_share(text, figure))):
            break
        previous = figure.end
        if same_unit(figure.unit, first.unit) and figure.scale == first.scale:
            parts.append(figure)
    return parts


def _with_share(text: str, figure: Figure) -> bool:
    return bool(_SHARE_AFTER.match(text[figure.end:figure.end + 24]))


def _under(part: Reading, total: Reading) -> bool:
    whole, key = total.bound.indicator.equals, total.bound.key
    # a column total of the 2019/2021 tables (review.reconsideration.total) has its row's other
    # columns as parts; a row of the 2008 table (stats.active.total) has only the rows under it
    stem = key[:-len(".total")] if key.endswith(".total") and not key.startswith("stats.") else key
    return (part.bound.key.startswith(key + ".") or part.bound.key.startswith(stem + ".")
            or part.bound.indicator.whole == whole or part.bound.indicator.equals == whole)


def _pairs(figures: ParagraphFigures, total: int, index: int) -> list[tuple[Reading, Reading]]:
    return [(readings[total], readings[index]) for readings in figures.readings.values()
            if total in readings and index in readings]


def _unrelated(figures: ParagraphFigures, total: int, index: int) -> bool:
    """Whether the tables say the figure names an indicator that is no part of the total's."""
    pairs = _pairs(figures, total, index)
    return bool(pairs) and not any(_under(part, whole) for whole, part in pairs)


def _related(figures: ParagraphFigures, total: int, index: int) -> bool:
    return any(_under(part, whole) for whole, part in _pairs(figures, total, index))


def _including(figures: ParagraphFigures, marker: re.Match) -> Breakdown | None:
    """包括A x件、B y件，共N件: the parts, then the total they claim to make."""
    text = figures.text
    end = SENTENCE_END.search(text, marker.end())
    end = end.start() if end else len(text)
    between = [figure for figure in figures.figures if marker.end() <= figure.start < end and figure.counted]
    for position, figure in enumerate(between):
        if position and _TOTAL_AFTER.search(text[between[position - 1].end:figure.start]):
            parts = [part for part in between[:position]
                     if same_unit(part.unit, figure.unit) and part.scale == figure.scale]
            return Breakdown(figure, parts, True, marker.span())
    return None


def _finding(rule: Rule, severity: str, report: BoundReport, paragraph, breakdown: Breakdown,
             found: Decimal) -> Finding:
    text, total = paragraph.text, breakdown.total
    written = text[total.n_start:total.end]
    parts = "、".join(text[part.n_start:part.end] for part in breakdown.parts)
    message = say(rule.message, total=written, sum=format_number(found), unit=total.unit or "", parts=parts)
    cell = span_cell(paragraph, total.n_start, total.n_end)
    finding = at_cell(rule.id, severity, message, report.path, cell, context=f"{written}|{parts}", title=rule.title)
    finding.related = [Location(*paragraph.locate(part.n_start)) for part in breakdown.parts]
    return finding
