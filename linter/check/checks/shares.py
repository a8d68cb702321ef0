"""Stated shares: 「占总数的45.4%」 must match its count and the total it is a share of.

The count is the figure just before the share (``当面申请20件，占总数的45.4%``; a bare
number too: ``部分公开67，占4.61%``). The total — the *base* — is worked out for each
group of shares, the shares after one total-like figure of a paragraph (a figure after
共/合计/总计/累计, or before 其中/（含/包括/分别): of the figures stated before them in the
paragraph (same unit, not below the count) and the table's total of what the counts are
parts of (``收到申请数`` for ``当面申请``), the base is the one that explains the most shares
of the group (exactly, or but for their last digit); where none explains any, the figure
that opened the group; where there is none, the shares are not checked. So
``答复…805件（含…18件，另有72件…）。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；
…无法提供265件，占32.9%；不予处理158件，占19.6%`` is read against 805, not against the 859
applications stated before it.

A share must equal count ÷ base rounded half up to the decimals it is written with. One
off only in its last written digit — truncated (45.4% for 20 ÷ 44 = 45.45…%), rounded twice
(4.6% for 2 ÷ 44 = 4.545…%) or nudged so that the shares add up to 100% — is reported with
the severity ``options.last_digit`` (default ``warning``, never above the rule's own); one
further off with the rule's severity. Messages name the base used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ...bind import BoundReport
from ...bind.labels import display
from ..figures import SENTENCE_END, Figure, ParagraphFigures, figures_of, same_unit, stated_number, value_of
from ..findings import SEVERITY_RANK, Finding, Location, at_cell
from ..prose import Prose, span_cell
from ..rules import Rule
from ..wording import fact_label, format_number, say

_SHARE_RE = re.compile(r"(?:占(?:比(?:为|达|是)?)?[^0-9０-９，。；,;%％]{0,10}?|比例为|比例是|比重为)\s*"
                       r"(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]")
_TOTAL_LEAD = re.compile(r"(?:共|合计|总计|累计|全年|总数)[^。；;，,]{0,8}$")
_TOTAL_TAIL = re.compile(r"^[^。；;，,]{0,4}?(?:中[，,]|[，,。]?其中|[（(，,]?含|[，,]?包括|[，,]?分别)")
MAX_GAP = 12             # characters between a count and its share
EARLIER = 2              # paragraphs before a share's own whose figures may be its base
_DATE_AFTER = ("年", "月", "日", "号", "时", "%", "％")

NOTES = {"zh": "（仅末位不同：截尾或凑整所致）",
         "en": " (only the last digit differs: truncated or adjusted rather than rounded)"}


@dataclass(eq=False)
class Share:
    match: re.Match
    count: Figure
    stated: Decimal

    @property
    def places(self) -> int:
        return max(0, -self.stated.as_tuple().exponent)

    def expected(self, base: Decimal) -> Decimal:
        return (self.count.number * 100 / base).quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)

    def fits(self, base: Decimal, unit: str | None) -> bool:
        count_unit = self.count.unit
        return base > 0 and self.count.number <= base and (count_unit is None or unit is None
                                                          or same_unit(count_unit, unit))

    def score(self, base: Decimal, unit: str | None) -> int:
        """2 when the share is count ÷ base exactly, 1 when but for its last digit, else 0."""
        if not self.fits(base, unit):
            return 0
        off = abs(self.expected(base) - self.stated)
        return 2 if off == 0 else 1 if off == Decimal(1).scaleb(-self.places) else 0


@dataclass(eq=False)
class Base:
    value: Decimal
    unit: str | None
    text: str                        # as the message names it
    written: str                     # as the report writes it (for the finding's fingerprint)
    location: Location
    position: int                    # where it stands (stated bases), -1 for the table's
    opens_group: bool = False


def shares(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{pct}: the stated share; {count}, {total}: the figures it divides (the total names the base
    used); {expected}: the right share; {note}: what a share off in its last digit only is."""
    slip = rule.options.get("last_digit", "warning")
    slip_severity = min(severity, slip if slip in SEVERITY_RANK else "warning", key=SEVERITY_RANK.__getitem__)
    prose = Prose(report.document.paragraphs)
    paragraphs = figures_of(report)
    findings = []
    for position, figures in enumerate(paragraphs):
        if "%" not in figures.text and "％" not in figures.text:
            continue
        paragraph = prose.paragraphs[figures.index]
        before = [(prose.paragraphs[other.index], other) for other in paragraphs[max(0, position - EARLIER):position]]
        for group, opener in _groups(figures):
            base = _base(report, figures, paragraph, group, opener, lang, before)
            if base is None:
                continue
            for share in group:
                finding = _check(rule, severity, slip_severity, report, paragraph, share, base, lang)
                if finding is not None:
                    findings.append(finding)
    return findings


def _shares_of(figures: ParagraphFigures) -> list[Share]:
    text, found = figures.text, []
    for match in _SHARE_RE.finditer(text):
        count = next((figure for figure in reversed(figures.figures)
                      if figure.end <= match.start() and not figure.percent), None)
        if count is None or match.start() - count.end > MAX_GAP or SENTENCE_END.search(text, count.end, match.start()):
            continue
        if count.unit is None and text[count.n_end:count.n_end + 1] in ("年", "月", "日", "号", "时"):
            continue
        stated = stated_number(match.group("pct"))
        if stated is not None:
            found.append(Share(match, count, stated))
    return found


def _stated(text: str, figure: Figure) -> bool:
    """A figure that may be a base: one with a unit, or a bare number that is no date or share
    (完成答复件502，其中…)."""
    return figure.counted or (figure.unit is None and text[figure.n_end:figure.n_end + 1] not in _DATE_AFTER
                              and not figure.pre and not figure.post)


def _opens_group(text: str, figure: Figure) -> bool:
    return _stated(text, figure) and bool(_TOTAL_LEAD.search(text[max(0, figure.start - 10):figure.start])
                or _TOTAL_TAIL.match(text[figure.end:figure.end + 8]))


def _groups(figures: ParagraphFigures) -> list[tuple[list[Share], Figure | None]]:
    """The shares of a paragraph, grouped by the total-like figure before their counts."""
    openers = [figure for figure in figures.figures if _opens_group(figures.text, figure)]
    groups: dict[int, tuple[list[Share], Figure | None]] = {}
    for share in _shares_of(figures):
        opener = next((figure for figure in reversed(openers) if figure.end <= share.count.start), None)
        groups.setdefault(opener.start if opener else -1, ([], opener))[0].append(share)
    return list(groups.values())


def _base(report, figures: ParagraphFigures, paragraph, group: list[Share], opener: Figure | None,
          lang: str, before: list) -> Base | None:
    """The base of a group of shares: of the figures stated before them (in their paragraph, then
    in the two before it), the sum of their counts, and the table's totals, the one explaining
    most of them; ties go to the figure opening the group, then to the nearest."""
    counts = {id(share.count) for share in group}
    last = max(share.match.start() for share in group)
    candidates = [_stated_base(figures.text, paragraph, figure, figure is opener)
                  for figure in figures.figures
                  if _stated(figures.text, figure) and figure.end <= last and id(figure) not in counts]
    for distance, (other_paragraph, other) in enumerate(reversed(before), start=1):
        candidates += [_stated_base(other.text, other_paragraph, figure, False, -distance * _FAR)
                       for figure in other.figures if figure.counted]
    candidates.append(_sum_base(figures, paragraph, group))
    candidates += _table_bases(report, figures, group, lang)

    def rank(base: Base):
        return (sum(share.score(base.value, base.unit) for share in group), base.opens_group, base.position)

    best = max(candidates, key=rank, default=None)
    if best is not None and rank(best)[0] > 0:
        return best
    return _stated_base(figures.text, paragraph, opener, True) if opener is not None else None


_FAR = 10 ** 7          # ranks a figure of an earlier paragraph behind any of the share's own


def _stated_base(text: str, paragraph, figure: Figure, opens: bool, shift: int = 0) -> Base:
    written = text[figure.n_start:figure.end]
    return Base(figure.number * figure.scale, figure.unit, written, written,
                Location(*paragraph.locate(figure.n_start)), figure.start + shift, opens)


def _sum_base(figures: ParagraphFigures, paragraph, group: list[Share]) -> Base:
    """The counts of the group added up: the base of shares that together make a whole."""
    total = sum((share.count.number * share.count.scale for share in group), Decimal(0))
    unit = next((share.count.unit for share in group if share.count.unit), None)
    first = group[0].count
    text = figures.text
    written = "+".join(text[share.count.n_start:share.count.end] for share in group)
    return Base(total, unit, f"{format_number(total)}{unit or ''}", written,
                Location(*paragraph.locate(first.n_start)), -3 * _FAR)


def _table_bases(report, figures: ParagraphFigures, group: list[Share], lang: str) -> list[Base]:
    """The table's totals of what the counts are parts of (收到申请数 for 当面申请 …)."""
    from ..engine import scopes

    sets = scopes(report.binding.tables)
    index_of = {id(figure): index for index, figure in enumerate(figures.figures)}
    bases = []
    for share in group:
        for template_id, readings in figures.readings.items():
            reading = readings.get(index_of.get(id(share.count), -1))
            if reading is None or reading.bound.whole is None:
                continue
            facts = next((facts for tid, facts in sets if tid == template_id), {})
            value, used = value_of(reading.bound.whole, facts)
            if value is None or not used:
                continue
            unit = share.count.unit
            label = fact_label(used[0]) if len(used) == 1 else display(used[0].row.label)
            text = (f"{format_number(value)}{unit or ''} (table “{label}”)" if lang == "en"
                    else f"{format_number(value)}{unit or ''}（表中“{label}”）")
            cell = used[0].cell
            bases.append(Base(value, unit, text, f"{format_number(value)}{unit or ''}",
                              Location(cell.line, cell.column, cell.end_line, cell.end_column,
                                       getattr(cell, "origin", None)), -1))
    return bases


def _check(rule: Rule, severity: str, slip_severity: str, report, paragraph, share: Share, base: Base,
           lang: str) -> Finding | None:
    if not share.fits(base.value, base.unit):
        return None
    expected = share.expected(base.value)
    if expected == share.stated:
        return None
    slip = abs(expected - share.stated) == Decimal(1).scaleb(-share.places)
    text = paragraph.text
    count = share.count
    count_text = text[count.n_start:count.end] if count.unit else text[count.n_start:count.n_end]
    message = say(rule.message, pct=f"{share.match.group('pct')}%", count=count_text, total=base.text,
                  expected=f"{expected}%", note=NOTES.get(lang, NOTES["zh"]) if slip else "")
    cell = span_cell(paragraph, share.match.start("pct"), share.match.end())
    finding = at_cell(rule.id, slip_severity if slip else severity, message, report.path, cell,
                      context=f"{share.match.group(0)}|{text[count.n_start:count.end]}|{base.written}",
                      title=rule.title)
    finding.related = [Location(*paragraph.locate(count.n_start)), base.location]
    return finding
