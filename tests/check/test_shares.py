"""linter.check.checks.shares: a stated share (占总数的45.4%) against its count and total."""

import pytest

from linter.check.engine import run_rules
from linter.check.loading import load_all

from ..conftest import fixture_text, line_of, load_fixture, load_text


def shares_in(text):
    return [f for f in run_rules(load_text(text), load_all().ruleset) if f.rule == "GX320"]


SLIP = "（仅末位不同：截尾或凑整所致）"


def test_seed_002_shares_use_the_stated_total():
    text = fixture_text("seeds/002")
    found = [f for f in run_rules(load_fixture("seeds/002"), load_all().ruleset) if f.rule == "GX320"]
    first, second, third = found
    # line 54: 共受理申请44件。其中,当面申请20件,占总数的45.4% (20/44 = 45.45…%, 45.5% rounded half up):
    # truncated, not rounded, so off in its last digit only: a warning
    assert first.message == "正文写占比 45.4%，按 20件 ÷ 44件 计算应为 45.5%" + SLIP
    assert (first.line, first.column, first.severity) == (54, 27, "warning")
    assert [(r.line, r.column) for r in first.related] == [(54, 19), (54, 8)]     # the count, then the total
    # “申请信息不存在”的2件,占总数的4.6%: 2/44 = 4.545…%, rounded twice (4.55, then 4.6): the last digit again
    assert second.message == "正文写占比 4.6%，按 2件 ÷ 44件 计算应为 4.5%" + SLIP and second.severity == "warning"
    # the second group of shares (在…受理的44件申请中: 同意公开 20件 45.4%) is of the 44 stated there
    assert third.message == first.message and third.column == 170
    assert [(r.line, r.column) for r in third.related] == [line_of(text, "20件,占总数的45.4%", 2), line_of(text, "44件申请中")]
    # 8件 18.2% (18.18…), 16件 36.4% (36.36…), 1件 2.3% (2.27…) are right: not reported


# The provincial report of the issue: shares of the 805 applications answered, stated after the 859
# received. 258/805 = 32.05…% (33.9% is wrong), 35/805 = 4.347…% (4.34% truncated), 265/805 = 32.91…%
# and 158/805 = 19.62…% are right; 258/859 = 30.0…%, so 859 explains none of them.
PROVINCIAL = ("市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件"
              "（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。"
              "予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；"
              "不予处理158件，占19.6%；其他处理0件。\n")


def test_the_base_is_the_total_that_explains_the_shares():
    found = shares_in(PROVINCIAL)
    assert [(f.severity, f.message) for f in found] == [
        ("error", "正文写占比 33.9%，按 258件 ÷ 805件 计算应为 32.0%"),
        ("warning", "正文写占比 4.34%，按 35件 ÷ 805件 计算应为 4.35%" + SLIP),
    ]
    assert [(f.line, f.column) for f in found] == [line_of(PROVINCIAL, "33.9%"), line_of(PROVINCIAL, "4.34%")]
    assert found[0].related[1].column == line_of(PROVINCIAL, "805件")[1]


def test_the_messages_in_english():
    found = [f for f in run_rules(load_text(PROVINCIAL), load_all().ruleset, lang="en") if f.rule == "GX320"]
    assert [f.message for f in found] == [
        "The text states a share of 33.9%; 258件 ÷ 805件 gives 32.0%",
        "The text states a share of 4.34%; 35件 ÷ 805件 gives 4.35%"
        " (only the last digit differs: truncated or adjusted rather than rounded)",
    ]


def test_a_bare_count_and_a_part_total_before_the_shares():
    # 1453 answered, 包括 30 carried over; the shares (部分公开67 has no unit) are of 1453
    text = ("全区共完成政府信息依申请公开答复1453件，包括上年结转信息公开申请30件。其中，予以公开答复966件，占66.48%；"
            "部分公开67，占4.61%；不予公开81件，占5.57%；无法提供的182件，占12.53%；不予处理的61件，占4.20%；"
            "其他处理96件，占6.61%。\n")
    assert shares_in(text) == []
    (finding,) = shares_in(text.replace("占4.61%", "占4.71%"))
    assert finding.message == "正文写占比 4.71%，按 67 ÷ 1453件 计算应为 4.61%" and finding.severity == "error"


def test_the_table_gives_the_base_the_text_leaves_out():
    # seed 002 without its sentence 我委共受理申请44件: the shares of 当面申请 … are of the table's 收到申请数 44
    text = fixture_text("seeds/002").replace("我委共受理申请44件。其中,", "")
    first = next(f for f in shares_in(text) if "20件" in f.message)
    assert first.message == "正文写占比 45.4%，按 20件 ÷ 44件（表中“（一）收到申请数”） 计算应为 45.5%" + SLIP
    assert (first.related[1].line, first.related[1].column) == (252, 2)


def test_a_prose_only_report_is_checked_for_shares():
    text = fixture_text("real/web-045")
    assert shares_in(text) == []                 # 112/339 = 33.04%, 146/339 = 43.07%, 81/339 = 23.89%
    (finding,) = shares_in(text.replace("占33.04%", "占33.4%"))
    assert finding.message == "正文写占比 33.4%，按 112条 ÷ 339条 计算应为 33.0%"
    assert (finding.line, finding.column) == line_of(text.replace("占33.04%", "占33.4%"), "33.4%")


@pytest.mark.parametrize("sentence, expected, severity", [
    ("全年共收到申请40件，其中当面申请10件，占总数的25%。", None, None),
    ("全年共收到申请40件，其中当面申请10件，占总数的26%。", "应为 25%", "warning"),      # the last digit only
    ("全年共收到申请40件，其中当面申请10件，占总数的27%。", "应为 25%", "error"),
    ("全年共收到申请40件，其中当面申请10件，占比为25.0%。", None, None),
    ("全年共收到申请30件，其中当面申请10件，占33.3%。", None, None),            # 33.33… at one decimal
    ("全年共收到申请30件，其中当面申请10件，占33.4%。", "应为 33.3%", "warning"),
    ("全年共收到申请30件，其中当面申请10件，占34.3%。", "应为 33.3%", "error"),
    ("全年共收到申请8件，其中当面申请1件，占12.5%。", None, None),
    ("全年共收到申请8件，其中当面申请1件，占12.6%。", "应为 12.5%", "warning"),
    ("全年共收到申请16件，其中当面申请1件，占6.3%。", None, None),              # 6.25 rounds half up
    ("全年共收到申请16件，其中当面申请1件，占6.2%。", "应为 6.3%", "warning"),  # truncated
    ("收到申请44件，其中当面申请20件，占45%。", None, None),                   # 其中 after it marks the total
    ("收到申请44件，其中当面申请20件，占46%。", "应为 45%", "warning"),
    ("全年共收到申请４０件，其中当面申请１０件，占２６％。", "应为 25%", "warning"),  # full-width figures
    ("全年共收到申请40件，其中当面申请10件，占全部申请的25%。", None, None),
    ("全年共收到申请40件，其中当面申请10件，占全部申请的35%。", "应为 25%", "error"),
])
def test_shares(sentence, expected, severity):
    found = shares_in(sentence + "\n")
    if expected is None:
        assert found == []
    else:
        (finding,) = found
        assert expected in finding.message and finding.severity == severity


def test_the_last_digit_severity_is_never_above_the_rules(tmp_path):
    from linter.check.checks.shares import shares as check

    report = load_text("全年共收到申请40件，其中当面申请10件，占总数的26%；网上申请30件，占总数的85%。\n")
    rule = load_all().ruleset.by_id("GX320")
    assert [f.severity for f in check(report, rule, "error", "zh")] == ["warning", "error"]
    assert [f.severity for f in check(report, rule, "info", "zh")] == ["info", "info"]


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


def test_a_base_written_without_its_unit_after_it():
    # 完成答复件502: 368/502 = 73.3%, 22/502 = 4.4%, 112/502 = 22.3% (of the 534 received: 68.9%, 4.1%, 21.0%)
    text = ("收到政府信息公开申请534件，在本月内完成答复件502，其中“同意公开”的为368件，占73%；“同意部分公开”的为"
            "22件，占4%；否决公开的为112件，占22%。\n")
    assert shares_in(text) == []
    (finding,) = shares_in(text.replace("占73%", "占75%"))
    assert finding.message == "正文写占比 75%，按 368件 ÷ 502 计算应为 73%"


def test_a_base_stated_in_the_paragraph_before():
    # 7 of the 10 received is 70%; of the 9 answered it would be 78%: the report means the 10
    text = ("本局2017年共受理信息公开申请10件，其中当面申请1宗，占10%；网上申请9宗，占90%。\n\n"
            "在已经答复的9件申请中，“同意公开”的7件，占总数的70%，主要涉及文物保护等信息。\n")
    assert shares_in(text) == []
    (finding,) = shares_in(text.replace("占总数的70%", "占总数的60%"))
    assert finding.message == "正文写占比 60%，按 7件 ÷ 9件 计算应为 78%"       # none explains it: its own paragraph's


def test_shares_that_make_a_whole_without_a_stated_total():
    # 44 + 28 + 22 + 12 + 6 = 112: 39.3%, 25.0%, 19.6%, 10.7%, 5.4%
    text = ("在否决公开的答复中，以“信息不存在”为由的44件，占39%，“非本部门掌握”有28件，占25%，“申请内容不明确”22件，"
            "占20%，“免予公开范围”12件，占11%，其它原因的有6件，占5%。\n")
    assert shares_in(text) == []
