"""Blank cells: the rules read them as 0, a blank cell that cannot stand for 0 is an error at that
cell, zeros left blank are one warning per table, a cell left out is GX008; a rule failing row after
row in one table gives one finding.

Every expected number is worked out by hand from the report's text (the sums are noted beside them).
"""

from decimal import Decimal

import pytest

from linter.check.engine import GROUP_OVER, run_rules
from linter.check.expr import Unknown, bind_keys, blank_need, evaluate, parse_expression
from linter.check.loading import load_all

from ..conftest import fixture_text, load_fixture, load_text, line_of

# --- evaluation ------------------------------------------------------------------------------------

KEYS = ["t.total", "t.a", "t.b", "t.c"]


class FakeFact:
    def __init__(self, value, status="number"):
        self.value = None if value is None else Decimal(value)
        self.status = status


def facts(**values):
    """``a=5``: the fact t.a holds 5; ``"blank"``, ``"na"``, ``"text"``: what the cell holds instead."""
    return {f"t.{key}": FakeFact(None, value) if value in ("blank", "na", "text") else FakeFact(value)
            for key, value in values.items()}


def node(text):
    return bind_keys(parse_expression(text), KEYS)


def test_a_blank_counts_as_0_when_the_rules_decide_and_is_unknown_otherwise():
    data = facts(total=5, a=3, b="blank", c=2)
    identity = node("t.total == sum(t.{a,b,c})")
    assert isinstance(evaluate(identity, data), Unknown)                 # three-valued by default
    assert evaluate(identity, data, blank_as_zero=True) is True          # 3 + 0 + 2 = 5
    assert evaluate(node("t.total == t.a + t.b + t.c"), data, blank_as_zero=True) is True
    assert evaluate(node("t.b <= t.total"), data, blank_as_zero=True) is True
    # what a cell holds is still what it holds
    assert evaluate(node("blank(t.b) and not filled(t.b)"), data, blank_as_zero=True) is True
    assert evaluate(node("count(t.{a,b,c}) == 2"), data, blank_as_zero=True) is True


@pytest.mark.parametrize("status", ["text", "absent"])
def test_a_cell_holding_text_or_missing_stays_unknown(status):
    data = facts(total=5, a=3, b=2)
    if status == "absent":
        del data["t.b"]
    else:
        data["t.b"] = FakeFact(None, "text")
    assert isinstance(evaluate(node("t.total == sum(t.{a,b})"), data, blank_as_zero=True), Unknown)


def test_not_applicable_is_unchanged():
    data = facts(total=3, a="na", b=3)
    assert evaluate(node("sum(t.{a,b}) == t.total"), data, blank_as_zero=True) is True
    assert isinstance(evaluate(node("t.a <= t.total"), data, blank_as_zero=True), Unknown)


@pytest.mark.parametrize("text, values, needed, amount, bound", [
    # total 5, parts 3, blank, 0: the blank must hold 2
    ("t.total == sum(t.{a,b,c})", dict(total=5, a=3, b="blank", c=0), ["t.b"], 2, "exactly"),
    # a blank total under parts 3, blank, 2: the total must hold 5 (the blank part is 0)
    ("t.total == sum(t.{a,b,c})", dict(total="blank", a=3, b="blank", c=2), ["t.total"], 5, "exactly"),
    # total 5, parts blank, blank, 1: together they must hold 4
    ("t.total == sum(t.{a,b,c})", dict(total=5, a="blank", b="blank", c=1), ["t.a", "t.b"], 4, "exactly"),
    # channel <= total with the total blank: at least the channel
    ("t.a <= t.total", dict(total="blank", a=475), ["t.total"], 475, "at_least"),
    # channels together >= total: the blank channels must make up 10 - 3
    ("sum(t.{a,b,c}) >= t.total", dict(total=10, a=3, b="blank", c="blank"), ["t.b", "t.c"], 7, "at_least"),
    ("t.a < t.total", dict(total="blank", a=4), ["t.total"], 4, "more_than"),
    # twice a blank cell: the amount is half the gap, checked by putting it in
    ("t.a * 2 == t.total", dict(total=10, a="blank"), ["t.a"], 5, "exactly"),
])
def test_which_blank_cells_cannot_stand_for_0(text, values, needed, amount, bound):
    data = facts(**values)
    assert evaluate(node(text), data, blank_as_zero=True) is False
    need = blank_need(node(text), data)
    assert [key for fact in need.facts for key, value in data.items() if value is fact] == needed
    assert (need.amount, need.bound) == (Decimal(amount), bound)


@pytest.mark.parametrize("text, values", [
    ("t.total == sum(t.{a,b,c})", dict(total=5, a=6, b="blank", c=0)),     # 6 > 5: no blank helps
    ("t.a <= t.total", dict(total=3, a=5, b="blank")),                     # no blank is read
    ("t.total == t.a * t.a", dict(total=9, a=4, b="blank")),
])
def test_no_blank_cell_helps_where_the_numbers_disagree(text, values):
    assert blank_need(node(text), facts(**values)) is None


def test_where_the_amount_cannot_be_told_it_is_not_given():
    # a * a == 9 with a blank: 1 moves it the right way, but the gap is not a count of steps
    need = blank_need(node("t.a * t.a == t.total"), facts(total=9, a="blank"))
    assert need is not None and need.amount is None


# --- a provincial report: zeros blank all over, eleven totals blank ---------------------------------

# A 2019 report of a provincial government office, in the web layout (one row a line, cells
# joined by " | "). Zeros are left blank everywhere; eleven row totals of the application table
# are blank while their parts hold numbers. The columns add up (worked out by hand):
#   自然人: results 120+30+2+5+3+4+2+60+8+4+10+5+1+3 = 257 = （七）; 258 + 6 = 257 + 7
#   商业企业: 5+2+1+3+1 = 12 = （七）; 12 + 0 = 12 + 0.  法律服务机构: 1+2 = 3.  其他: 2+1+1 = 4; 5 = 4 + 1
#   总计: 278 + 6 = 276 + 8; （七）276 = 257 + 12 + 3 + 4
PROVINCIAL = """\
某省人民政府办公厅2019年政府信息公开工作年度报告

一、总体情况
2019年，省政府办公厅认真贯彻落实《中华人民共和国政府信息公开条例》，持续加大政府信息公开力度。
二、主动公开政府信息情况
第二十条第（一）项 |
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
规章 | 5 | 5 | 120 |
规范性文件 | 12 | 12 | 340 |
第二十条第（五）项 |
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 1020 | | 9487 |
其他对外管理服务事项 | | | |
第二十条第（六）项 |
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政处罚 | 35 | -2 | 1523 |
行政强制 | | | 12 |
第二十条第（八）项 |
信息内容 | 上一年项目数量 | 本年增/减 |
行政事业性收费 | 18 | -3 |
第二十条第（九）项 |
信息内容 | 采购项目数量 | 采购总金额 |
政府集中采购 | 45 | 3210.5万元 |
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |
一、本年新收政府信息公开申请数量 | 258 | 12 | | | 3 | 5 | 278 |
二、上年结转政府信息公开申请数量 | 6 | | | | | | 6 |
三、本年度办理结果 | （一）予以公开 | 120 | 5 | | | 1 | 2 | 128 |
| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 30 | 2 | | | | | |
| （三）不予公开 | 1.属于国家秘密 | 2 | | | | | | |
| | 2.其他法律行政法规禁止公开 | | | | | | | |
| | 3.危及“三安全一稳定” | | | | | | | |
| | 4.保护第三方合法权益 | 5 | 1 | | | | | |
| | 5.属于三类内部事务信息 | 3 | | | | | | |
| | 6.属于四类过程性信息 | 4 | | | | | | |
| | 7.属于行政执法案卷 | | | | | | | |
| | 8.属于行政查询事项 | 2 | | | | | | |
| （四）无法提供 | 1.本机关不掌握相关政府信息 | 60 | 3 | | | 2 | 1 | 66 |
| | 2.没有现成信息需要另行制作 | 8 | | | | | | |
| | 3.补正后申请内容仍不明确 | 4 | | | | | | |
| （五）不予处理 | 1.信访举报投诉类申请 | 10 | | | | | 1 | 11 |
| | 2.重复申请 | 5 | | | | | | |
| | 3.要求提供公开出版物 | 1 | | | | | | |
| | 4.无正当理由大量反复申请 | | | | | | | |
| | 5.要求行政机关确认或重新出具已获取信息 | | | | | | | |
| （六）其他处理 | 3 | 1 | | | | | |
| （七）总计 | 257 | 12 | | | 3 | 4 | 276 |
四、结转下年度继续办理 | 7 | | | | | 1 | 8 |
四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼 |
3 | 1 | | 2 | 6 | 1 | | | | 1 | | | | | |
五、存在的主要问题及改进情况
个别栏目更新不够及时，下一步将加强统筹，提高信息发布的时效性和规范性。
六、其他需要报告的事项
无其他需要报告的事项。
"""

# the eleven rows whose total is blank, with what their parts add up to
BLANK_TOTALS = [("（二）部分公开", 32), ("1.属于国家秘密", 2), ("4.保护第三方合法权益", 6),
                ("5.属于三类内部事务信息", 3), ("6.属于四类过程性信息", 4), ("8.属于行政查询事项", 2),
                ("2.没有现成信息需要另行制作", 8), ("3.补正后申请内容仍不明确", 4), ("2.重复申请", 5),
                ("3.要求提供公开出版物", 1), ("（六）其他处理", 4)]


def lint(text, lang="zh"):
    report = load_text(text)
    return report, run_rules(report, load_all().ruleset, lang=lang)


def fact_at(report, finding):
    (fact,) = [fact for fact in report.binding.facts().values()
               if (fact.cell.line, fact.cell.column) == (finding.line, finding.column)]
    return fact


def test_the_provincial_report_gets_an_error_at_each_blank_total():
    report, found = lint(PROVINCIAL)
    errors = [f for f in found if f.severity == "error"]
    assert [f.rule for f in errors] == ["GX201"] * 11
    for finding, (label, parts) in zip(errors, BLANK_TOTALS):
        assert finding.message == f"“{label}”一行：总计为空，而自然人与各类法人或其他组织之和为 {parts}"
        assert finding.line == line_of(PROVINCIAL, label)[0]
        fact = fact_at(report, finding)
        assert fact.status == "blank" and fact.key.startswith("apply.") and fact.key.endswith(".total")
    # （七）总计 276 against totals adding up to 128 + 66 + 11 = 205 with the blanks as 0: the blank
    # totals are already named one by one, so GX202 does not name them again
    assert "GX202" not in {f.rule for f in found}


def test_the_provincial_reports_blank_zeros_are_one_warning_per_table():
    _, found = lint(PROVINCIAL)
    warnings = [f for f in found if f.severity == "warning"]
    assert [f.rule for f in warnings] == ["GX016"] * 3
    active, apply, review = warnings
    # 主动公开: 其他对外管理服务事项 (上一年项目数量, 处理决定数量) and 行政强制 上一年项目数量;
    # 本年增/减 may stay blank
    assert active.message.startswith("主动公开政府信息情况表有 3 个应填的单元格空着")
    assert "“其他对外管理服务事项”一行的“上一年项目数量”、“处理决定数量”" in active.message
    # 23 rows x 7 columns = 161 cells, 42 hold numbers, 11 are the blank totals: 108
    assert apply.message.startswith("收到和处理政府信息公开申请情况表有 108 个应填的单元格空着")
    assert "等 23 行" in apply.message and len(apply.related) == 107
    assert (apply.line, apply.column) == (line_of(PROVINCIAL, "一、本年新收")[0], apply.column)
    # 行政复议 其他结果; 直接起诉 结果纠正, 其他结果, 尚未审结; 复议后起诉 all five
    assert review.message.startswith("行政复议、行政诉讼情况表有 9 个应填的单元格空着") and len(review.related) == 8
    assert "GX008" not in {f.rule for f in found}


def test_a_changed_number_in_a_partly_blank_column_is_noticed():
    # 258 -> 259: 259 + 12 + 3 + 5 = 279 against the total 278; 自然人 259 + 6 = 265 against 257 + 7
    _, found = lint(PROVINCIAL.replace("| 258 |", "| 259 |"))
    row = line_of(PROVINCIAL, "一、本年新收")[0]
    new = sorted((f.rule, f.line, f.message) for f in found if f.rule in ("GX201", "GX203"))
    assert ("GX201", row, "“一、本年新收政府信息公开申请数量”一行：总计为 278，"
            "自然人与各类法人或其他组织之和为 279（空白按 0 计）") in new
    assert ("GX203", line_of(PROVINCIAL, "（七）总计")[0],
            "“自然人”一列：本年新收加上年结转为 265，（七）总计加结转下年度为 264") in new


# --- township reports: totals 0, the other cells blank ------------------------------------------------

@pytest.mark.parametrize("name, count", [
    ("real/web-007", 18),      # rows 一、二、（一）: 自然人 0, the five others and 总计 blank: 3 x 6
    ("real/web-015", 6),       # row 一: 总计 0, the six applicants blank
    ("real/web-022", 53),      # row 一: 自然人 and 总计 0, five blank; eight rows with only 总计 0: 8 x 6
])
def test_blank_cells_beside_zero_totals_are_no_error(name, count):
    report = load_fixture(name)
    found = run_rules(report, load_all().ruleset)
    assert [f for f in found if f.severity == "error"] == []
    (warning,) = [f for f in found if f.rule == "GX016"]
    assert f"收到和处理政府信息公开申请情况表有 {count} 个应填的单元格空着" in warning.message
    assert len(warning.related) == count - 1


APPLY_HEAD = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |\n"


def row_findings(row, lang="zh"):
    report, found = lint(APPLY_HEAD + row, lang)
    return report, [f for f in found if f.rule in ("GX201", "GX008", "GX016")]


def test_a_blank_part_the_others_do_not_explain_is_an_error_there():
    # total 5, parts 3, blank, 0, 0, 0, 0: the blank 商业企业 must hold 2
    report, found = row_findings("一、本年新收政府信息公开申请数量 | 3 | | 0 | 0 | 0 | 0 | 5 |\n")
    (error,) = found
    assert error.rule == "GX201" and error.severity == "error"
    assert error.message == ("“一、本年新收政府信息公开申请数量”一行：总计为 5，自然人与各类法人或其他组织之和为 3"
                             "（空白按 0 计）；“商业企业”为空，应为 2")
    assert fact_at(report, error).key == "apply.new.business"


def test_blank_parts_name_what_they_must_hold_together():
    _, found = row_findings("一、本年新收政府信息公开申请数量 | 3 | | | 0 | 0 | 0 | 5 |\n")
    (error,) = found
    assert error.message.endswith("；“商业企业”、“科研机构”为空，合计应为 2")
    assert len(error.related) >= 1


def test_a_blank_part_the_others_explain_stands_for_0():
    # total 5, parts 5, blank, 0 …: the blank is 0, a zero left blank
    _, found = row_findings("一、本年新收政府信息公开申请数量 | 5 | | 0 | 0 | 0 | 0 | 5 |\n")
    assert [(f.rule, f.severity) for f in found] == [("GX016", "warning")]


def test_parts_above_the_total_are_the_usual_mismatch():
    # 6 + 0 + … = 6 > 5: no blank cell can help, the numbers disagree
    _, found = row_findings("一、本年新收政府信息公开申请数量 | 6 | | 0 | 0 | 0 | 0 | 5 |\n")
    (error,) = [f for f in found if f.rule == "GX201"]
    assert error.message == ("“一、本年新收政府信息公开申请数量”一行：总计为 5，自然人与各类法人或其他组织之和为 6"
                             "（空白按 0 计）")


@pytest.mark.parametrize("row", [
    "一、本年新收政府信息公开申请数量 | 0 | | | | | | |\n",       # parts 0 or blank, total blank
    "一、本年新收政府信息公开申请数量 | | | | | | | 0 |\n",        # total 0, parts blank
])
def test_a_blank_total_over_zeros_is_fine(row):
    _, found = row_findings(row)
    assert [(f.rule, f.severity) for f in found] == [("GX016", "warning")]


def test_a_blank_total_over_numbers_is_an_error_there():
    report, found = row_findings("一、本年新收政府信息公开申请数量 | 3 | 1 | | | | | |\n")
    (error,) = [f for f in found if f.severity == "error"]
    assert error.message == "“一、本年新收政府信息公开申请数量”一行：总计为空，而自然人与各类法人或其他组织之和为 4"
    assert fact_at(report, error).key == "apply.new.total"


def test_the_notes_in_english():
    _, found = row_findings("一、本年新收政府信息公开申请数量 | 3 | | | 0 | 0 | 0 | 5 |\n", lang="en")
    (error,) = [f for f in found if f.rule == "GX201"]
    assert error.message == ("Row “一、本年新收政府信息公开申请数量”: the total is 5, but natural persons and the legal "
                             "persons or other organisations add up to 3 (blank cells counted as 0); “商业企业”, "
                             "“科研机构” are blank and must hold 2 together")


# --- inequalities and warnings --------------------------------------------------------------------

STATS_HEAD = "| 统计指标 | 单位 | 统计数 |\n|---|---|---|\n"
TOTAL = "| （一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） | 条 | {} |\n"
CHANNELS = ["1.政府公报公开政府信息数", "2.政府网站公开政府信息数", "3.政务微博公开政府信息数",
            "4.政务微信公开政府信息数", "5.其他方式公开政府信息数"]


def channels(total, *values):
    return STATS_HEAD + TOTAL.format(total) + "".join(
        f"| {label} | 条 | {value} |\n" for label, value in zip(CHANNELS, values))


def by_rule(found, *rules):
    return [(f.rule, f.severity, f.line, f.message) for f in found if f.rule in rules]


def test_a_blank_channel_is_0_under_a_total():
    # channel <= total holds with the blank as 0; the channels still reach the total: 979 + 180 >= 979
    _, found = lint(channels(979, 0, 979, 180, "", 0))
    assert by_rule(found, "GX112", "GX113") == []


def test_a_blank_total_over_a_channel_must_hold_at_least_the_channel():
    _, found = lint(channels("", 0, 475, 100, 0, 0))
    (error,) = by_rule(found, "GX112")
    assert error[:3] == ("GX112", "error", 3)           # at the blank total, line 3
    # the first channel above it names it; 100 <= 475 asks no more
    assert error[3].endswith("（空白按 0 计）；“（一）主动公开政府信息数”为空，至少应为 475")


def test_blank_channels_that_must_make_up_the_total():
    # 800 + 100 = 900 < 979: the blank 政府公报 and 政务微信 must hold at least 79 together
    _, found = lint(channels(979, "", 800, 100, "", 0))
    (error,) = by_rule(found, "GX113")
    assert error[:3] == ("GX113", "error", 4)           # the first blank channel
    assert error[3] == ("各渠道公开的条数之和为 900，小于主动公开政府信息数 979：每条信息至少经一个渠道公开（空白按 0 计）"
                        "；“1.政府公报公开政府信息数”、“4.政务微信公开政府信息数”为空，合计至少应为 79")


def test_a_blank_count_of_applications_under_replies_is_warned_at_the_blank():
    text = STATS_HEAD + "| （一）收到申请数 | 件 | |\n| （二）申请办结数 | 件 | 20 |\n| （三）申请答复数 | 件 | 25 |\n"
    _, found = lint(text)
    # GX114 and GX115 both need the blank (25 and 20 replies, closed): one finding for the cell
    assert by_rule(found, "GX114", "GX115") == [
        ("GX114", "warning", 3, "“（三）申请答复数”25 大于“（一）收到申请数”0：除非答复了上年结转的申请，否则有误"
                                "（空白按 0 计）；“（一）收到申请数”为空，至少应为 25")]


def test_2019_and_2021_inequalities_with_blank_cells():
    text = ("第二十条第（一）项 |\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
            "规章 | 0 | 0 | 0 |\n规范性文件 | 8 | 8 | |\n"
            "第二十条第（五）项 |\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n"
            "行政许可 | | -417 | 298 |\n其他对外管理服务事项 | 0 | | 0 |\n")
    _, found = lint(text)
    assert by_rule(found, "GX205", "GX206") == [
        ("GX206", "warning", 4, "“规范性文件”：本年新公开数量 8 大于对外公开总数量 0（空白按 0 计）"
                                "；“对外公开总数量”为空，至少应为 8"),
        # a blank 上一年项目数量 under a decrease of 417: it must have been at least 417
        ("GX205", "warning", 7, "“行政许可”：上一年项目数量 （空白） 加本年增/减 -417 为 -417，项目数量不会是负数"
                                "（空白按 0 计）；“上一年项目数量”为空，至少应为 417")]
    text = ("第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "规章 | 0 | 0 | 0 |\n行政规范性文件 | 5 | | |\n")
    _, found = lint(text)
    assert by_rule(found, "GX207") == [
        ("GX207", "warning", 4, "“行政规范性文件”：本年制发 5 件，多于现行有效与本年废止之和 0 件（空白按 0 计）"
                                "；“现行有效件数”、“本年废止件数”为空，合计至少应为 5")]
    # blank 本年增/减 and blank 现行有效 with nothing issued: nothing to say
    _, found = lint(text.replace("| 5 | | |", "| 0 | | |"))
    assert by_rule(found, "GX207") == []


# --- zeros left blank, or a cell left out ----------------------------------------------------------

def test_a_lone_blank_in_a_table_that_writes_its_zeros_is_left_out():
    # seed 000 leaves only （四）政府信息公开专项经费 blank (line 302); the table writes 0 elsewhere
    found = run_rules(load_fixture("seeds/000"), load_all().ruleset)
    assert [(f.rule, f.severity, f.line) for f in found if f.rule in ("GX008", "GX016")] == [("GX008", "error", 302)]


def test_a_blank_beside_numbers_in_a_table_of_written_zeros_is_left_out():
    # seed 004, 行政处罚 上一年项目数量 74 removed (line 63): 0 + 232 >= 0 holds, but nothing says it
    # is 0 and the table writes every other zero
    text = fixture_text("seeds/004").split("\n")
    text[62] = "\t"
    found = run_rules(load_text("\n".join(text)), load_all().ruleset)
    assert [(f.rule, f.severity, f.line) for f in found if f.rule in ("GX008", "GX016")] == [("GX008", "error", 63)]


def test_a_blank_that_the_column_totals_confirm_is_a_zero_left_blank():
    # seed 004, 2.其他法律行政法规禁止公开 自然人 (line 163) emptied: （七）总计 自然人 is 0
    text = fixture_text("seeds/004").split("\n")
    text[162] = "\t"
    found = run_rules(load_text("\n".join(text)), load_all().ruleset)
    assert [(f.rule, f.severity, f.line) for f in found if f.rule in ("GX008", "GX016")] == [("GX016", "warning", 163)]


def test_a_table_that_writes_no_zero_leaves_its_zeros_blank():
    # every number in the table is above 0: its blank cells are its zeros
    text = STATS_HEAD + "| 六、举报投诉数量 | 件 | 3 |\n| 七、依申请公开信息收取的费用 | 万元 | |\n"
    _, found = lint(text)
    assert [(f.rule, f.severity) for f in found if f.rule in ("GX008", "GX016")] == [("GX016", "warning")]
    _, found = lint(text.replace("| 3 |", "| 0 |"))
    assert [(f.rule, f.severity) for f in found if f.rule in ("GX008", "GX016")] == [("GX008", "error")]


def test_the_blank_template_with_one_number():
    # the official blank template (Word layout), 一、本年新收 总计 filled with 3 (line 92): the blank
    # （七）总计 and 四、结转 of that column must hold 3 together (3 + 0 = 0 + 0 otherwise); the
    # six blank applicants must hold 3; the rest of the table writes no 0: zeros left blank
    lines = fixture_text("real/template-2021-blank").split("\n")
    assert lines[84].startswith("\t一、本年新收") and lines[91] == "\t"
    lines[91] = "\t3"
    report, found = lint("\n".join(lines))
    rules = [(f.rule, f.severity) for f in found if f.rule not in ("GX014",) and f.rule < "GX500"]
    assert sorted(rules) == [("GX016", "warning"), ("GX201", "error"), ("GX203", "error")]
    (row,) = [f for f in found if f.rule == "GX201"]
    assert row.message.endswith("为空，合计应为 3") and fact_at(report, row).key == "apply.new.natural_person"
    (column,) = [f for f in found if f.rule == "GX203"]
    assert column.message.endswith("；“（七）总计”、“四、结转下年度继续办理”为空，合计应为 3")
    assert fact_at(report, column).key == "apply.total.total"


# --- grouping --------------------------------------------------------------------------------------

def rows_with_wrong_other_column(count):
    """*count* rows whose 其他 column is one more than the total allows: each total is one short."""
    rows = ["一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 1 | 4 |",
            "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 1 | 1 |",
            "三、本年度办理结果 | （一）予以公开 | 2 | 1 | 0 | 0 | 0 | 1 | 3 |",
            "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 1 | 1 |",
            "| （三）不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 1 | 1 |"]
    return APPLY_HEAD + "\n".join(rows[:count]) + "\n"


def test_a_rule_failing_on_many_rows_of_a_table_gives_one_finding():
    assert GROUP_OVER == 3
    text = rows_with_wrong_other_column(4)
    _, found = lint(text)
    (grouped,) = [f for f in found if f.rule == "GX201"]
    assert grouped.message == ("“一、本年新收政府信息公开申请数量”一行：总计为 4，自然人与各类法人或其他组织之和为 5"
                               "；本表另有 3 处同样的问题：“二、上年结转政府信息公开申请数量”（1 与 2）、"
                               "“（一）予以公开”（3 与 4）、“（二）部分公开”（1 与 2）（均列为相关位置）")
    places = {(r.line, r.column) for r in grouped.related}
    for label in ("二、上年结转", "（一）予以公开", "（二）部分公开"):
        line = line_of(text, label)[0]
        assert any(place[0] == line for place in places)
    # the fingerprint is the first finding's: a baseline of the findings one by one still holds it
    report = load_text(rows_with_wrong_other_column(1))
    (alone,) = [f for f in run_rules(report, load_all().ruleset) if f.rule == "GX201"]
    assert grouped.context == alone.context and grouped.fingerprint() == alone.fingerprint()


def test_three_rows_stay_three_findings():
    _, found = lint(rows_with_wrong_other_column(3))
    assert [f.line for f in found if f.rule == "GX201"] == [2, 3, 4]


def test_blank_cells_that_must_hold_numbers_are_never_grouped():
    # the provincial report: eleven blank totals in one table, eleven findings
    _, found = lint(PROVINCIAL)
    assert len([f for f in found if f.rule == "GX201"]) == 11


def test_fingerprints_of_the_seed_findings_are_unchanged():
    # recorded before blank cells counted as 0: a baseline of seed 000 still matches
    found = run_rules(load_fixture("seeds/000"), load_all().ruleset)
    assert [(f.rule, f.context) for f in found if f.rule in ("GX103", "GX008")] == [
        ("GX103", "2008||stats.apply.replied"), ("GX008", "2008|stats.organization.funds")]


def test_a_check_repeating_itself_row_after_row_is_grouped_too():
    # 约3, 约1, 约2, 约1 in four rows of 自然人: one GX009 for the table, the others related
    text = APPLY_HEAD + (
        "一、本年新收政府信息公开申请数量 | 约3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"
        "二、上年结转政府信息公开申请数量 | 约1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "三、本年度办理结果 | （一）予以公开 | 约2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
        "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 约1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
    _, found = lint(text)
    (grouped,) = [f for f in found if f.rule == "GX009"]
    assert grouped.message == ("“一、本年新收政府信息公开申请数量“自然人””应填数字，实际为“约3”；本表另有 3 处同样的问题："
                               "“二、上年结转政府信息公开申请数量”、“（一）予以公开”、“（二）部分公开”（均列为相关位置）")
    assert [place.line for place in grouped.related] == [3, 4, 5]


WHEN_RULE = """rules:
  - id: ZJ101
    title: t
    severity: warning
    templates: ["2021"]
    when: apply.new.business == 0
    assert: apply.new.total == apply.new.natural_person
    message: "{left} {right}"
"""


def test_when_is_decided_with_blank_cells_as_0_too(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(WHEN_RULE, encoding="utf-8")
    ruleset = load_all([path]).ruleset
    # 商业企业 blank: 0 == 0, so the rule is checked: 4 against 3
    report = load_text(APPLY_HEAD + "一、本年新收政府信息公开申请数量 | 3 | | 0 | 0 | 0 | 1 | 4 |\n")
    assert [f.message for f in run_rules(report, ruleset) if f.rule == "ZJ101"] == ["4 3"]
    report = load_text(APPLY_HEAD + "一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |\n")
    assert [f for f in run_rules(report, ruleset) if f.rule == "ZJ101"] == []
