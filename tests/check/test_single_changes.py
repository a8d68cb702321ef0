"""Every number in a table changed by one is noticed, and the unchanged reports keep their findings.

For each report — the five seeds, the real excerpts that leave cells blank, the provincial report
of test_blanks — every table cell holding a number is changed by +1 in the text (in memory) and
the report checked again: some finding (rule, line, column, message) must be new or changed. The
cells where nothing can notice it are listed below, each with its reason, checked by hand against
the report: a lone value no identity of the national format reads, or a value only bounded by an
inequality that still holds after +1 (the numbers are given). The list must be exactly the cells
that go unnoticed: a cell missing from it is a constraint the rules miss, a cell too many is one
they now catch.
"""

import re
from decimal import Decimal

import pytest

from linter.check.engine import run_rules
from linter.check.loading import load_all

from ..conftest import fixture_text, load_text
from .test_blanks import PROVINCIAL

LONE = "a lone value: no identity of the national format reads it"
LONE_2008_TRAINING = "read only by GX116, which speaks when classes are held and nobody was trained"
BOUND = "only bounded by an inequality that still holds after +1"

# 2019 format, 主动公开: 本年新制作数量 is read by no rule; 本年新公开数量 <= 对外公开总数量 (GX206) bounds
# the total from below; 上一年项目数量 + 本年增/减 >= 0 (GX205) bounds both from below; 处理决定数量
# and 政府集中采购 are read by no rule.
ACTIVE_2019_ZEROS = {
    "active.regulations.new": LONE, "active.regulations.total": BOUND,           # 0 <= 0 + 1
    "active.normative.new": LONE,
    "active.licensing.previous": BOUND, "active.licensing.decisions": LONE,
    "active.other_services.previous": BOUND, "active.other_services.decisions": LONE,
    "active.penalty.previous": BOUND, "active.penalty.decisions": LONE,
    "active.enforcement.previous": BOUND, "active.enforcement.decisions": LONE,
    "active.fees.previous": BOUND,
    "active.procurement.count": LONE, "active.procurement.amount": LONE,
}
CHANGES_2019 = {f"active.{row}.change": BOUND
                for row in ("licensing", "other_services", "penalty", "enforcement", "fees")}

# 2021 format, 主动公开: 本年制发 <= 现行有效 + 本年废止 (GX207) bounds the last two from below;
# 本年处理决定数量 and 本年收费金额 are read by no rule.
ACTIVE_2021 = {
    "active.regulations.repealed": BOUND, "active.regulations.in_force": BOUND,    # 0 <= 0 + 1
    "active.normative.repealed": BOUND, "active.normative.in_force": BOUND,
    "active.licensing.decisions": LONE, "active.penalty.decisions": LONE,
    "active.enforcement.decisions": LONE, "active.fees.amount": LONE,
}

UNCONSTRAINED = {
    "seeds/000": {
        "stats.active.total": BOUND,                  # 980 >= 979 (政府网站, GX112) and <= 1798 (the channels,
                                                      # GX113); the prose states 979条 (GX301)
        "stats.active.normative": BOUND,              # 33 + 1 <= 979 主动公开政府信息数 (GX110)
        "stats.active.normative_issued": LONE,
        "stats.active.channel.weibo": BOUND,          # 181 <= 979 (GX112); 0+979+181+639+0 >= 979 (GX113)
        "stats.active.channel.wechat": BOUND,         # 640 <= 979; the channels reach 979 anyway
        "stats.response.total": LONE,                 # 96: no identity with the ways of responding
        "stats.response.press": BOUND,                # its 其中 0 <= 1 + 1 (GX110)
        "stats.response.press.leader": BOUND,         # 0 + 1 <= 1 (GX110)
        "stats.response.interview": BOUND,            # its 其中 0 <= 0 + 1
        "stats.response.interpretation": LONE, "stats.response.weibo_wechat": LONE, "stats.response.other": LONE,
        "stats.complaints": LONE, "stats.fees": LONE,
        "stats.organization.bodies": LONE, "stats.organization.reading_points": LONE,
        "stats.training.meetings": LONE,
        "stats.training.classes": LONE_2008_TRAINING,     # 2 classes, 30 trained
        "stats.training.attendees": LONE_2008_TRAINING,   # 31 trained
    },
    "seeds/001": {
        **ACTIVE_2019_ZEROS, **CHANGES_2019,          # 行政许可 46 +1 -> 47 + 1 >= 0; 3687 and 804 are lone
        "active.normative.total": BOUND,               # 0 <= 0 + 1
        # the 2008 appendix, cut off after 4.微博微信回应事件数 and without 5.其他方式公开政府信息数:
        "stats.active.total": BOUND,                  # 629 (政府网站) <= 630 (GX112); GX113 needs the missing row
        "stats.active.channel.gazette": BOUND,        # 1 <= 629 (GX112)
        "stats.active.channel.weibo": BOUND,          # 270 <= 629
        "stats.active.channel.wechat": BOUND,         # 342 <= 629
        "stats.response.total": LONE,                 # 58; the prose says 13次 (GX302's)
        "stats.response.press": BOUND, "stats.response.interview": BOUND,     # their 其中 are 0
        "stats.response.interpretation": LONE, "stats.response.weibo_wechat": LONE,
    },
    "seeds/002": {                                    # the prose states many of these (GX3xx)
        "stats.active.normative": BOUND,              # 3 <= 610 (GX110)
        "stats.active.normative_issued": LONE,
        "stats.active.key_areas": BOUND,              # its 其中 add up to 3134 <= 3135 (GX111)
        "stats.active.channel.gazette": BOUND,        # 1 <= 610; the channels add up to 6571 >= 610
        "stats.active.channel.website": BOUND,        # 47 <= 610
        "stats.active.channel.other": BOUND,
        "stats.response.total": LONE,
        "stats.response.press": BOUND,                # its 其中 3 <= 4
        "stats.response.interview": BOUND,            # its 其中 3 <= 4
        "stats.response.interpretation": LONE, "stats.response.weibo_wechat": LONE, "stats.response.other": LONE,
        "stats.complaints": LONE, "stats.fees": LONE,
        "stats.organization.bodies": LONE, "stats.organization.reading_points": LONE,
        "stats.organization.funds": LONE,             # 18500元 -> 18501元
        "stats.training.meetings": LONE,
        "stats.training.classes": LONE_2008_TRAINING,     # 3 classes, 150 trained
        "stats.training.attendees": LONE_2008_TRAINING,
    },
    "seeds/003": {
        "stats.active.normative": BOUND,              # 1 <= 179
        "stats.active.normative_issued": LONE,
        "stats.active.channel.gazette": BOUND,        # 1 <= 179; 0+179+0+0+0 + 1 >= 179
        "stats.active.channel.weibo": BOUND, "stats.active.channel.wechat": BOUND, "stats.active.channel.other": BOUND,
        "stats.response.total": LONE,
        "stats.response.press": BOUND,                # its 其中 0 <= 1
        "stats.response.interview": BOUND,            # its 其中 3 <= 4
        "stats.response.interpretation": LONE, "stats.response.weibo_wechat": LONE, "stats.response.other": LONE,
        "stats.complaints": LONE, "stats.fees": LONE, "stats.organization.bodies": LONE,
        "stats.organization.reading_points": LONE, "stats.organization.funds": LONE,
        "stats.training.meetings": LONE,
        "stats.training.attendees": LONE_2008_TRAINING,   # 0 classes, 1 trained
    },
    "seeds/004": {
        **ACTIVE_2019_ZEROS, **CHANGES_2019,          # 行政处罚 74 + 232 (+1) >= 0; its 306 is in the prose
        "active.normative.total": BOUND,               # 91 <= 92
    },
    "real/web-007": ACTIVE_2021,
    "real/web-015": {
        **ACTIVE_2019_ZEROS,                           # every 本年增/减 is blank
        "active.normative.total": BOUND,
    },
    "real/web-022": {
        **ACTIVE_2021,
        "active.normative.issued": BOUND,             # 3 + 1 <= 101 + 0 (GX207)
    },
    "provincial": {
        "active.regulations.new": LONE,
        "active.regulations.published": BOUND,        # 6 <= 120 (GX206)
        "active.regulations.total": BOUND,            # 5 <= 121
        "active.normative.new": LONE, "active.normative.published": BOUND, "active.normative.total": BOUND,
        "active.licensing.previous": BOUND, "active.licensing.decisions": LONE,    # 1021 + blank >= 0
        "active.penalty.previous": BOUND, "active.penalty.change": BOUND,          # 35 - 2, one more: >= 0
        "active.penalty.decisions": LONE, "active.enforcement.decisions": LONE,
        "active.fees.previous": BOUND, "active.fees.change": BOUND,                # 18 - 3
        "active.procurement.count": LONE, "active.procurement.amount": LONE,
    },
}

REPORTS = list(UNCONSTRAINED)

# The findings of the table rules (GX0xx–GX2xx) before any change, recorded by hand from the reports
# (the same as before blank cells counted as 0, but for the excerpts' blank zeros: one GX016 per
# table where there was a GX008 per row). Prose, dates and outline findings are other modules'.
TABLE_FINDINGS = {
    "seeds/000": {("GX103", "error", 176, 2), ("GX008", "error", 302, 2)},
    "seeds/001": {("GX003", "warning", 429, 4), ("GX003", "warning", 449, 4), ("GX002", "warning", 481, 2)},
    "seeds/002": {("GX112", "error", 182, 2), ("GX112", "error", 187, 2),
                  ("GX007", "warning", 411, 2), ("GX007", "warning", 446, 2)},
    "seeds/003": {("GX007", "warning", 54, 20), ("GX006", "warning", 64, 3), ("GX006", "warning", 65, 3)},
    "seeds/004": set(),
    "real/web-007": {("GX016", "warning", 26, 29), ("GX002", "warning", 28, 33), ("GX004", "warning", 28, 33)},
    "real/web-015": {("GX016", "warning", 95, 1), ("GX002", "warning", 101, 1), ("GX004", "warning", 101, 1)},
    "real/web-022": {("GX016", "warning", 28, 24), ("GX002", "warning", 36, 32), ("GX004", "warning", 36, 32)},
    "provincial": {("GX016", "warning", 13, 14), ("GX016", "warning", 28, 31), ("GX016", "warning", 53, 9),
                   *{("GX201", "error", line, column) for line, column in
                     [(31, 51), (32, 38), (35, 35), (36, 34), (37, 33), (39, 32), (41, 36), (42, 35),
                      (44, 28), (45, 33), (48, 29)]}},
}

NUMBER_RE = re.compile(r"[+\-]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?")


def report_text(name: str) -> str:
    return PROVINCIAL if name == "provincial" else fixture_text(name)


def findings(text: str) -> set:
    found = run_rules(load_text(text), load_all().ruleset)
    return {(f.rule, f.line, f.column, f.message) for f in found}


def of_tables(found: set) -> set:
    """The findings of the table rules (GX0xx–GX2xx), leaving out the prose, dates and outline."""
    return {finding for finding in found if finding[0][:3] in ("GX0", "GX1", "GX2")}


def changed(text: str, fact) -> str:
    """*text* with the number of *fact*'s cell one more, as written (its unit kept)."""
    lines = text.split("\n")
    cell = fact.cell
    assert cell.end_line in (None, cell.line)
    line = lines[cell.line - 1]
    inside = line[cell.column - 1:cell.end_column - 1]
    match = NUMBER_RE.search(inside)
    bigger = format(fact.written + 1, "f")
    inside = inside[:match.start()] + bigger + inside[match.end():]
    lines[cell.line - 1] = line[:cell.column - 1] + inside + line[cell.end_column - 1:]
    return "\n".join(lines)


def numbers(text: str) -> list:
    report = load_text(text)
    assert report.document.text == text                 # the cells' places are places in this text
    return [fact for table in report.binding.tables for fact in table.facts.values() if fact.status == "number"]


@pytest.mark.parametrize("name", REPORTS)
def test_every_number_changed_by_one_is_noticed(name):
    text = report_text(name)
    before = findings(text)
    facts = numbers(text)
    keys = [fact.key for fact in facts]
    assert len(keys) == len(set(keys))
    missed, free = [], []
    for fact in facts:
        after_text = changed(text, fact)
        assert load_text(after_text).binding.facts()[fact.key].value != fact.value
        after = findings(after_text)
        if after == before:
            missed.append(fact.key)
        if of_tables(after) == of_tables(before):
            free.append(fact.key)
    # every change is noticed, but in the cells no identity constrains (the prose may state some)
    assert set(missed) <= set(UNCONSTRAINED[name])
    # and those are exactly the cells the table rules cannot notice
    assert sorted(free) == sorted(UNCONSTRAINED[name])


def test_the_changes_are_ones():
    # a signed change and money: 35 -2 becomes -1; 3210.5万元 becomes 3211.5万元
    facts = {fact.key: fact for fact in numbers(PROVINCIAL)}
    assert "行政处罚 | 35 | -1 | 1523 |" in changed(PROVINCIAL, facts["active.penalty.change"])
    assert "政府集中采购 | 45 | 3211.5万元 |" in changed(PROVINCIAL, facts["active.procurement.amount"])


@pytest.mark.parametrize("name", REPORTS)
def test_the_unchanged_reports_keep_their_findings(name):
    found = run_rules(load_text(report_text(name)), load_all().ruleset)
    table_rules = {(f.rule, f.severity, f.line, f.column) for f in found if f.rule[:3] in ("GX0", "GX1", "GX2")}
    assert table_rules == TABLE_FINDINGS[name]


def test_numbers_are_compared_exactly():
    # the money cell keeps its decimals when changed: 246.08万 -> 247.08万
    facts = {fact.key: fact for fact in numbers(fixture_text("seeds/004"))}
    text = changed(fixture_text("seeds/004"), facts["active.procurement.amount"])
    assert load_text(text).binding.facts()["active.procurement.amount"].value == Decimal("247.08")
