"""Stated shares: 「占总数的45.4%」 must match its count and total.

The count is the figure just before the share; the total the last figure before
that introduced by 共/总/合计/全年 (or followed by 其中); the stated share must
equal count/total rounded (half up) to the decimals it is written with.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import ROUND_HALF_UP, Decimal

from ...bind import BoundReport
from ..findings import Finding, Location, at_cell
from ..prose import SENTENCE_END, span_cell, stated_number
from ..rules import Rule
from ..wording import say

_SHARE_RE = re.compile(r"(?:占|比例为|比例是)(?:总数|总量|全部|总体|总件数)?(?:的)?\s*"
                       r"(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]")
_COUNT_RE = re.compile(r"(?<![0-9０-９,，.．])([0-9０-９][0-9０-９,，]*)\s*(件|条|次|人次|人|个|篇|项|名)")
_TOTAL_LEAD = re.compile(r"(?:共|总|合计|累计|全年)[^。；;，,]{0,12}$")
_TOTAL_TAIL = re.compile(r"^[，,。；;\s]*其中")


def shares(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{pct}: the stated share; {count}, {total}: the figures it divides; {expected}: the right share."""
    findings = []
    for paragraph in report.document.paragraphs:
        text = paragraph.text
        if "%" not in text and "％" not in text:
            continue
        figures = _Figures(text)
        for share in _SHARE_RE.finditer(text):
            finding = _check_share(rule, severity, report, paragraph, figures, share)
            if finding is not None:
                findings.append(finding)
    return findings


class _Figures:
    """The counts (N件, N条 …) of a paragraph, and for each the last total (共N件 …) before it."""

    def __init__(self, text: str):
        self.counts = list(_COUNT_RE.finditer(text))
        self.ends = [match.end() for match in self.counts]
        self.last_total: list[re.Match | None] = []
        latest: dict[str, re.Match] = {}
        for match in self.counts:
            self.last_total.append(latest.get(match.group(2)))      # before this one, same unit
            if _is_total(text, match):
                latest[match.group(2)] = match

    def before(self, offset: int) -> int:
        """The index of the last count ending at or before *offset*, or -1."""
        return bisect_right(self.ends, offset) - 1


def _is_total(text: str, match: re.Match) -> bool:
    return bool(_TOTAL_LEAD.search(text[max(0, match.start() - 14):match.start()])
                or _TOTAL_TAIL.match(text[match.end():match.end() + 6]))


def _check_share(rule, severity, report, paragraph, figures: _Figures, share) -> Finding | None:
    text = paragraph.text
    index = figures.before(share.start())
    if index < 0:
        return None
    count = figures.counts[index]
    if SENTENCE_END.search(text[count.end():share.start()]) or share.start() - count.end() > 12:
        return None
    total = figures.last_total[index]
    if total is None:
        return None
    count_value, total_value = stated_number(count.group(1)), stated_number(total.group(1))
    stated = stated_number(share.group("pct"))
    if not total_value or count_value is None or stated is None or count_value > total_value:
        return None
    places = max(0, -stated.as_tuple().exponent)
    expected = (count_value * 100 / total_value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if expected == stated:
        return None
    unit = count.group(2)
    message = say(rule.message, pct=f"{share.group('pct')}%", count=f"{count.group(1)}{unit}",
                  total=f"{total.group(1)}{unit}", expected=f"{expected}%")
    cell = span_cell(paragraph, share.start("pct"), share.end())
    finding = at_cell(rule.id, severity, message, report.path, cell,
                      context=f"{share.group(0)}|{count.group(0)}|{total.group(0)}", title=rule.title)
    finding.related = [Location(*paragraph.locate(m.start(1))) for m in (count, total)]
    return finding
