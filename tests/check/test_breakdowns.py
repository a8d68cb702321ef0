"""linter.check.checks.breakdowns: a total the prose states and the parts it lists (GX321, GX322).

The real breakdowns below were added up by hand: web-029 227 = 85 + 21 + 6 + 76 + 39,
web-044 3021 = 1027 + 459 + 1535, web-045 339 = 112 + 146 + 81, seed 002 line 56 14 = 6 + 8
(its 8 is wrong against the table, but the text adds up).
"""

import pytest

from linter.check.engine import run_rules
from linter.check.loading import load_all

from ..conftest import SEEDS, fixture_text, line_of, load_text


def found(text, rule=("GX321", "GX322")):
    return [f for f in run_rules(load_text(text), load_all().ruleset) if f.rule in rule]


@pytest.mark.parametrize("name", ["real/web-029", "real/web-044", "real/web-045"] +
                         [f"seeds/{path.name[:3]}" for path in SEEDS])
def test_real_breakdowns_add_up(name):
    assert found(fixture_text(name)) == []


def test_parts_above_their_total():
    text = fixture_text("real/web-029").replace("其他信息39条", "其他信息40条")
    (finding,) = found(text)
    assert (finding.rule, finding.severity) == ("GX321", "error")
    assert (finding.line, finding.column) == line_of(text, "227条")
    assert finding.message == "正文写总数“227条”，其后所列分项合计 228条，多于总数（“85条、21条、6条、76条、40条”）"
    assert [(r.line, r.column) for r in finding.related] == [line_of(text, figure) for figure in
                                                             ("85条", "21条", "6条", "76条", "40条")]


def test_a_total_above_its_parts_after_of_which_is_no_finding():
    # 其中 may list only some of the parts
    assert found(fixture_text("real/web-029").replace("227条", "228条")) == []
    assert [f.rule for f in found(fixture_text("real/web-044").replace("3021条", "3020条"))] == ["GX321"]


def test_the_total_is_the_figure_before_the_part_it_names():
    # 答复1453件，包括…30件。其中…: the parts are of 1453, not of the 30 carried over
    text = ("全区共完成政府信息依申请公开答复1453件，包括上年结转信息公开申请30件。其中，予以公开答复966件，占66.48%；"
            "不予公开81件，占5.57%；无法提供的182件，占12.53%；不予处理的61件，占4.20%；其他处理96件，占6.61%。\n")
    assert found(text) == []
    (finding,) = found(text.replace("966件", "1066件"))
    assert "“1453件”" in finding.message and "合计 1486件" in finding.message


@pytest.mark.parametrize("sentence", [
    # after a semicolon, a figure of something else: 办结 is no part of 受理
    "共受理申请44件，其中当面申请20件，网上申请16件；已办结40件，其中按时办结38件。",
    # channels: one item is published through several
    "主动公开政府信息610条，其中政府网站公开600条，政务微博公开500条。",
    # a new total
    "共受理申请44件，其中当面申请20件，共办结40件。",
    # approximate figures are not added up
    "共受理申请40余件，其中当面申请20件，网上申请26件。",
    # 另有: in addition, not a part
    "答复申请805件，其中予以公开258件，另有600件申请顺延到下年度答复。",
])
def test_what_is_no_part(sentence):
    assert found(sentence + "\n") == []


def test_one_total_broken_down_twice():
    # by applicant, then by channel, in one list: each run adds up to the total
    twice = "共收到政府信息公开申请100件，其中自然人申请80件，法人或其他组织申请20件，当面申请60件，网络申请40件。\n"
    assert found(twice) == []
    (wrong,) = found(twice.replace("法人或其他组织申请20件", "法人或其他组织申请30件"))
    assert "合计 210件" in wrong.message
    # a part beyond parts that already make the total is no second breakdown
    (extra,) = found("共收到申请100件，其中当面申请50件，网络申请50件，信函申请10件。\n")
    assert "合计 110件" in extra.message


@pytest.mark.parametrize("joint", ["；", "。"])
def test_a_second_of_which_after_listed_parts_has_no_known_total(joint):
    # 其中…80件，…20件；其中…: the 20 is a part of the first 其中, not the total of the second
    text = f"共收到政府信息公开申请100件，其中自然人申请80件，法人申请20件{joint}其中当面申请60件，网络申请40件。\n"
    assert found(text) == []
    (first,) = found(text.replace("法人申请20件", "法人申请30件"))
    assert first.message.startswith("正文写总数“100件”，其后所列分项合计 110件")


def test_a_of_which_opening_a_sentence_may_break_down_any_figure_of_the_sentence_before():
    # 其中 goes back to what the sentence before is about, the 15, not to the 2 written last
    text = "2021年，本机关共收到政府信息公开申请15件，上年结转2件。其中，自然人申请12件，商业企业申请3件。\n"
    assert found(text) == []
    (wrong,) = found(text.replace("商业企业申请3件", "商业企业申请5件"))
    assert wrong.message.startswith("正文写总数“15件”，其后所列分项合计 17件")


def test_parts_with_their_shares_go_on_after_a_semicolon():
    # seed 002 line 54: 其中,当面申请20件,占…;以信函形式申请8件,占…;以互联网申请16件,占… (= 44)
    text = fixture_text("seeds/002").replace("以互联网申请16件", "以互联网申请17件")
    (finding,) = found(text)
    assert finding.message == "正文写总数“44件”，其后所列分项合计 45件，多于总数（“20件、8件、17件”）"


def test_the_tables_say_what_is_a_part():
    # seed 002 (2008 table): 从事…工作人员2名,其中专职人员1名、兼职人员1名 are rows under it
    text = fixture_text("seeds/002").replace("兼职人员1名", "兼职人员2名")
    assert [f.message for f in found(text)] == ["正文写总数“2名”，其后所列分项合计 3名，多于总数（“1名、2名”）"]


def test_parts_given_as_the_whole():
    each = "全年受理政府信息公开申请12件，分别为当面申请5件、网上申请4件、信函申请3件。\n"
    assert found(each) == []
    (short,) = found(each.replace("信函申请3件", "信函申请2件"))
    assert (short.rule, short.severity) == ("GX322", "warning")
    assert short.message == "正文写“12件”分别为或包括“5件、4件、2件”，合计只有 11件"
    (above,) = found(each.replace("信函申请3件", "信函申请4件"))
    assert above.rule == "GX321"
    including = "全年受理申请包括当面申请5件、网上申请4件，共9件。\n"
    assert found(including) == []
    wrong = including.replace("共9件", "共12件")
    (short,) = found(wrong)
    assert short.rule == "GX322" and (short.line, short.column) == line_of(wrong, "12件")


def test_in_english():
    text = fixture_text("real/web-029").replace("其他信息39条", "其他信息40条")
    (finding,) = [f for f in run_rules(load_text(text), load_all().ruleset, lang="en") if f.rule == "GX321"]
    assert finding.message == "The text states a total of “227条”, but the parts it lists add up to “228条” " \
                              "(“85条、21条、6条、76条、40条”)"
