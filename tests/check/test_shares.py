"""linter.check.checks.shares: a stated share (占总数的45.4%) against its count and total."""

import pytest

from linter.check.engine import run_rules
from linter.check.loading import load_all

from ..conftest import fixture_text, line_of, load_fixture, load_text


def shares_in(text):
    return [f for f in run_rules(load_text(text), load_all().ruleset) if f.rule == "GX320"]


def test_seed_002_shares_use_the_stated_total():
    found = [f for f in run_rules(load_fixture("seeds/002"), load_all().ruleset) if f.rule == "GX320"]
    first, second, third = found
    # line 54: 共受理申请44件。其中,当面申请20件,占总数的45.4% (20/44 = 45.45…%, 45.5% rounded half up)
    assert first.message == "正文写占比 45.4%，按 20件 ÷ 44件 计算应为 45.5%"
    assert (first.line, first.column) == (54, 27)
    assert {(r.line, r.column) for r in first.related} == {(54, 19), (54, 8)}     # the count and the total
    # “申请信息不存在”的2件,占总数的4.6%: 2/44 = 4.545…%
    assert second.message == "正文写占比 4.6%，按 2件 ÷ 44件 计算应为 4.5%"
    assert third.message == first.message and third.column == 170
    # 8件 18.2% (18.18…), 16件 36.4% (36.36…), 1件 2.3% (2.27…) are right: not reported


def test_a_prose_only_report_is_checked_for_shares():
    text = fixture_text("real/web-045")
    assert shares_in(text) == []                 # 112/339 = 33.04%, 146/339 = 43.07%, 81/339 = 23.89%
    (finding,) = shares_in(text.replace("占33.04%", "占33.4%"))
    assert finding.message == "正文写占比 33.4%，按 112条 ÷ 339条 计算应为 33.0%"
    assert (finding.line, finding.column) == line_of(text.replace("占33.04%", "占33.4%"), "33.4%")


@pytest.mark.parametrize("sentence, expected", [
    ("全年共收到申请40件，其中当面申请10件，占总数的25%。", None),
    ("全年共收到申请40件，其中当面申请10件，占总数的26%。", "应为 25%"),
    ("全年共收到申请40件，其中当面申请10件，占比为25.0%。", None),
    ("全年共收到申请30件，其中当面申请10件，占33.3%。", None),            # 33.33… at one decimal
    ("全年共收到申请30件，其中当面申请10件，占33.4%。", "应为 33.3%"),
    ("全年共收到申请8件，其中当面申请1件，占12.5%。", None),
    ("全年共收到申请8件，其中当面申请1件，占12.6%。", "应为 12.5%"),
    ("全年共收到申请16件，其中当面申请1件，占6.3%。", None),              # 6.25 rounds half up
    ("收到申请44件，其中当面申请20件，占45%。", None),                   # 其中 after it marks the total
    ("收到申请44件，其中当面申请20件，占46%。", "应为 45%"),
    ("全年共收到申请４０件，其中当面申请１０件，占２６％。", "应为 25%"),  # full-width figures
])
def test_shares(sentence, expected):
    found = shares_in(sentence + "\n")
    if expected is None:
        assert found == []
    else:
        (finding,) = found
        assert expected in finding.message


@pytest.mark.parametrize("sentence", [
    "当面申请10件，占总数的26%。",                                       # no total stated
    "全年共发布信息40条，其中当面申请10件，占总数的26%。",                 # the total counts other things
    "全年共收到申请40件，其中当面申请10件。占总数的26%。",                 # a full stop between
    "全年共收到申请40件，其中当面申请10件，按照规定全部予以答复并在期限内办结，占总数的26%。",   # too far
    "全年共收到申请10件，其中当面申请40件，占总数的26%。",                 # a part above its total: no share
    "全年共收到申请40件，其中当面申请10件，增长26%。",                     # not a share
])
def test_what_is_not_a_stated_share(sentence):
    assert shares_in(sentence + "\n") == []


def test_a_share_finding_points_at_the_percentage():
    text = "报告正文。\n全年共收到申请40件，其中当面申请10件，占总数的26%。\n"
    (finding,) = shares_in(text)
    assert (finding.line, finding.column) == line_of(text, "26%")
    assert (finding.end_line, finding.end_column) == (finding.line, finding.column + 3)
    assert {(r.line, r.column) for r in finding.related} == {line_of(text, "10件"), line_of(text, "40件")}
