"""linter.check.years: one agency's report against its report of the year before.

The reports are the series of tests/check/series.py: seed 004 (2019, as published) and the
2020, 2021 and 2022 reports written from it and from the official 2021 template, each agreeing
with the year before. Every expected number below is read from those texts by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from linter.bind.identity import Identity, read_identity
from linter.check.expr import Compare, ExprError, Key, parse_expression
from linter.check.loading import load_all
from linter.check.rules import RuleError, load_rule_files, parse_rule, year_rules
from linter.check.years import (GROUP_OVER, Known, YearFacts, YearRules, bind_across, check_pair, pair_reports,
                                validate, year_facts)

from ..conftest import findings_of, fixture_text, line_of, load_text
from . import series
from .series import apply_row

LOADED = load_all()
RULES = YearRules(year_rules(LOADED.ruleset.rules), LOADED.catalog)


def summary(text: str, path: str) -> YearFacts:
    report = load_text(text, path)
    return year_facts(report, read_identity(report.document, report.dates), LOADED.ruleset.rules)


def findings(this_text: str, last_text: str, lang: str = "zh", this_year: int = 0, last_year: int = 0):
    this = summary(this_text, f"{this_year or 'this'}.txt")
    last = summary(last_text, f"{last_year or 'last'}.txt")
    return check_pair(this, last, RULES, lang=lang)


def cell(text: str, label: str, index: int = 1) -> tuple[int, int]:
    """Where the *index*-th cell after the row label *label* stands (Word layout: a cell a line)."""
    line, _ = line_of(text, f"\t{label}\n")
    return line + index, 2


def places(found) -> list[tuple[str, int, int]]:
    return [(finding.rule, finding.line, finding.column) for finding in found]


# --- the series agrees with itself ----------------------------------------------------------

SERIES = {2019: series.report_2019, 2020: series.report_2020, 2021: series.report_2021, 2022: series.report_2022}


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_consecutive_reports_that_agree_give_no_finding(year):
    assert findings(SERIES[year](), SERIES[year - 1](), this_year=year, last_year=year - 1) == []


def test_the_series_is_read_as_written():
    found = {year: summary(make(), f"{year}.txt") for year, make in SERIES.items()}
    assert {year: (s.identity.agency, s.identity.year, s.templates) for year, s in found.items()} == {
        2019: ("东丽区卫生健康委员会", 2019, ("2019",)), 2020: ("东丽区卫生健康委员会", 2020, ("2019",)),
        2021: ("东丽区卫生健康委员会", 2021, ("2021",)), 2022: ("东丽区卫生健康委员会", 2022, ("2021",))}
    carried = {year: (s.value("apply.carried_over.total"), s.value("apply.carried_forward.total"))
               for year, s in found.items()}
    assert carried == {2019: (0, 0), 2020: (0, 2), 2021: (2, 0), 2022: (0, 0)}


# --- carry-over (GX601): change one side by 1 -------------------------------------------------

def test_2019_format_this_year_carries_over_one_more():
    text = series.report_2020(rows={"二、上年结转政府信息公开申请数量": apply_row(1)})
    last = series.report_2019()
    found = findings(text, last, this_year=2020, last_year=2019)
    # 自然人 (first cell) and 总计 (seventh) of 二、上年结转 against 四、结转下年度继续办理 of 2019 (all 0)
    label = "二、上年结转政府信息公开申请数量"
    assert places(found) == [("GX601", *cell(text, label, 1)), ("GX601", *cell(text, label, 7))]
    assert found[0].message == "“自然人”一列：“二、上年结转政府信息公开申请数量”为 1，而上一年的报告（2019.txt）" \
                               "“四、结转下年度继续办理”为 0"
    assert found[0].severity == "error" and found[0].path == "2020.txt"
    (related,) = found[0].related
    assert (related.path, related.line, related.column) == ("2019.txt", *cell(last, "四、结转下年度继续办理", 1))


def test_2019_format_last_year_carries_forward_one_more():
    last = series.report_2019(rows={"四、结转下年度继续办理": apply_row(1)})
    found = findings(series.report_2020(), last, this_year=2020, last_year=2019)
    assert [finding.message.split("：")[0] for finding in found] == ["“自然人”一列", "“总计”一列"]
    assert all("为 0，而上一年的报告（2019.txt）“四、结转下年度继续办理”为 1" in finding.message for finding in found)


def test_across_the_change_of_format_2020_to_2021():
    text = series.report_2021(rows={"二、上年结转政府信息公开申请数量": apply_row(3)})
    found = findings(text, series.report_2020(), this_year=2021, last_year=2020)
    label = "二、上年结转政府信息公开申请数量"
    assert places(found) == [("GX601", *cell(text, label, 1)), ("GX601", *cell(text, label, 7))]
    assert "为 3，而上一年的报告（2020.txt）“四、结转下年度继续办理”为 2" in found[0].message
    last = series.report_2020(rows={"四、结转下年度继续办理": apply_row(1, 1)})
    assert places(findings(series.report_2021(), last, this_year=2021, last_year=2020)) == \
        [("GX601", *cell(series.report_2021(), label, 1)), ("GX601", *cell(series.report_2021(), label, 7))]


def test_2021_format_one_other_applicant_column():
    text = series.report_2022(rows={"二、上年结转政府信息公开申请数量": [0, 0, 0, 1, 0, 0, 1]})
    found = findings(text, series.report_2021(), this_year=2022, last_year=2021)
    assert [finding.message.split("：")[0] for finding in found] == ["“社会公益组织”一列", "“总计”一列"]


def test_a_blank_carry_over_counts_as_0_and_says_so():
    text = series.report_2021(rows={"二、上年结转政府信息公开申请数量": [""] * 7})
    found = findings(text, series.report_2020(), this_year=2021, last_year=2020)
    assert [finding.message for finding in found] == [
        "“自然人”一列：“二、上年结转政府信息公开申请数量”为 0，而上一年的报告（2020.txt）“四、结转下年度继续办理”为 2"
        "（空白按 0 计）",
        "“总计”一列：“二、上年结转政府信息公开申请数量”为 0，而上一年的报告（2020.txt）“四、结转下年度继续办理”为 2"
        "（空白按 0 计）"]


def test_a_cut_off_table_says_nothing():
    last = series.report_2020()
    cut = last[:last.index("\t四、结转下年度继续办理")]
    assert findings(series.report_2021(rows={"二、上年结转政府信息公开申请数量": apply_row(3)}), cut) == []


def test_more_than_a_few_columns_become_one_finding():
    text = series.report_2022(rows={"二、上年结转政府信息公开申请数量": [1, 1, 1, 1, 1, 1, 6]})
    (found,) = findings(text, series.report_2021(), this_year=2022, last_year=2021)
    assert GROUP_OVER < 7
    assert found.message.startswith("“自然人”一列：“二、上年结转政府信息公开申请数量”为 1，而上一年的报告（2021.txt）")
    assert "；另有 6 处同样的问题：“商业企业”（1 与 0）、“科研机构”（1 与 0）" in found.message
    assert "等（均列为相关位置）" in found.message
    assert len({(place.path, place.line) for place in found.related}) == 6 + 7


def test_without_last_years_report_nothing_is_said():
    text = series.report_2020(rows={"二、上年结转政府信息公开申请数量": apply_row(1)})
    assert [finding for finding in findings_of(load_text(text)) if finding.rule.startswith("GX6")] == []


def test_english():
    text = series.report_2020(rows={"二、上年结转政府信息公开申请数量": apply_row(1)})
    found = findings(text, series.report_2019(), "en", this_year=2020, last_year=2019)
    assert found[0].message == ("Column “自然人”: “二、上年结转政府信息公开申请数量” is 1, but last year's report "
                                "(2019.txt) has 0 in “四、结转下年度继续办理”")
    assert found[0].title == "Applications carried over equal those last year's report carried forward"


# --- items of the 2019 format (GX602), documents in force (GX603) -----------------------------

def test_2019_format_last_years_items_plus_the_change():
    # seed 004: 行政处罚 74 + 232; the 2020 report says 306 (agrees), here 305
    text = series.report_2020(rows={"行政处罚": [305, 11, 316]})
    (found,) = findings(text, series.report_2019(), this_year=2020, last_year=2019)
    assert (found.rule, found.severity, found.line, found.column) == ("GX602", "warning", *cell(text, "行政处罚", 1))
    assert found.message == "“行政处罚”的“上一年项目数量”为 305，而上一年的报告（2019.txt）上一年项目数量加本年增/减为 306"
    assert [(place.path, place.line) for place in found.related] == \
        [("2019.txt", cell(series.report_2019(), "行政处罚", 1)[0]), ("2019.txt", cell(series.report_2019(), "行政处罚", 2)[0])]


def test_2019_items_are_not_compared_with_a_2021_report():
    # the 2021 format has no 上一年项目数量: nothing to compare, whatever the numbers
    assert findings(series.report_2021(), series.report_2020(rows={"行政处罚": [1, 1, 316]})) == []


def test_documents_in_force():
    text = series.report_2022(rows={"行政规范性文件": [1, 1, 11]})
    (found,) = findings(text, series.report_2021(), this_year=2022, last_year=2021)
    assert (found.rule, found.severity, found.line, found.column) == \
        ("GX603", "warning", *cell(text, "行政规范性文件", 3))
    assert found.message == "“行政规范性文件”现行有效件数为 11，而上一年的报告（2021.txt）现行有效件数加本年制发、减本年废止为 10"
    # last year's 现行有效件数 in the other file, this year's 制发 and 废止 in this one
    assert [(place.path, place.line) for place in found.related] == [
        ("2021.txt", cell(series.report_2021(), "行政规范性文件", 3)[0]),
        (None, cell(text, "行政规范性文件", 1)[0]), (None, cell(text, "行政规范性文件", 2)[0])]
    repealed = series.report_2022(rows={"行政规范性文件": [1, 2, 9]})
    assert findings(repealed, series.report_2021()) == []


def test_documents_in_force_left_blank_are_not_compared():
    text = series.report_2022(rows={"行政规范性文件": [1, 1, ""]})
    assert findings(text, series.report_2021()) == []


# --- prose changes (GX610) ------------------------------------------------------------------------

# the 2020 report writes 行政处罚316条，<change>; the 2019 report's 行政处罚 处理决定数量 is 306
@pytest.mark.parametrize("change, holds", [
    ("比上年增加10条", True), ("比上年增加9条", False), ("比上年减少10条", False),
    ("同比增长3.3%", True),            # 10 / 306 = 3.268…%: rounded
    ("同比增长3.2%", True),            # … or cut
    ("同比增长3.5%", False), ("同比增长3%", True), ("同比增长4%", False), ("较上年下降3.3%", False),
    ("同比上升", True), ("同比下降", False), ("较上年有所增加", True), ("与上年持平", False),
    ("较2019年增加10条", True), ("较2019年增加9条", False),
    ("较2018年增加9条", True),         # not last year: not compared
    ("较上年增长3.3个百分点", True),    # a change of a rate: not compared
    ("与上年基本持平", True),           # roughly: no figure decides
    ("比上年增加10条，增长3.3%", True), ("比上年增加10条，增长4%", False),    # the percentage after the amount
])
def test_changes_the_prose_states(change, holds):
    found = findings(series.report_2020(prose=change), series.report_2019(), this_year=2020, last_year=2019)
    assert [finding.rule for finding in found] == ([] if holds else ["GX610"])


def test_a_wrong_change_is_told_with_the_change_as_it_is():
    text = series.report_2020(prose="同比增长3.5%")
    (found,) = findings(text, series.report_2019(), this_year=2020, last_year=2019)
    assert found.message == ("正文写“行政处罚316条，同比增长3.5%”，而上一年的报告（2019.txt）中“行政处罚“处理决定数量””为 306，"
                             "本年为 316，实际为增长 3.27%")
    assert (found.line, found.column) == line_of(text, "3.5%") and found.end_column == found.column + 4
    (related,) = found.related
    # seed 004 writes "\t\u3000306": the cell's text starts after the full-width space
    assert (related.path, related.line, related.column) == ("2019.txt", cell(series.report_2019(), "行政处罚", 3)[0], 3)
    (english,) = findings(text, series.report_2019(), "en", this_year=2020, last_year=2019)
    assert english.message.endswith("and this year's is 316: a rise of 3.27%")


def test_a_change_without_last_years_value_is_not_checked():
    # last year's table has no 行政处罚 row: nothing to compare the change with
    last = series.report_2019()
    start, end = last.index("\t行政处罚\n"), last.index("\t行政强制\n")
    assert findings(series.report_2020(prose="比上年增加9条"), last[:start] + last[end:]) == []


def test_changes_in_a_2008_format_report():
    # seed 002 (2008 table): 我委共受理申请44件; last year's table says 40 (its 收到申请数 cell, line 252)
    text = fixture_text("seeds/002")
    lines = text.split("\n")
    assert lines[251] == "\t44"
    last = "\n".join(lines[:251] + ["\t40"] + lines[252:])
    holds = text.replace("我委共受理申请44件。", "我委共受理申请44件，较上年增加4件。")
    assert findings(holds, last) == []
    wrong = text.replace("我委共受理申请44件。", "我委共受理申请44件，较上年增长12%。")
    (found,) = findings(wrong, last)
    assert found.message == "正文写“受理申请44件，较上年增长12%”，而上一年的报告（last.txt）中“（一）收到申请数”为 40，" \
                            "本年为 44，实际为增长 10%"
    assert (found.related[0].path, found.related[0].line) == ("last.txt", 252)
    # the 2008 table has no carry-over: nothing else is compared
    assert findings(text, last) == []


# --- binding last year's keys ---------------------------------------------------------------------

def test_previous_keys_bind_to_last_years_template():
    catalog = LOADED.catalog
    node = parse_expression("apply.carried_over.$col == previous.apply.carried_forward.$col")
    bound = bind_across(node, {"col": "total"}, catalog.get("2021"), catalog.get("2019"))
    assert bound == Compare("==", Key("apply.carried_over.total"), Key("previous.apply.carried_forward.total"))
    in_force = parse_expression("active.normative.in_force == previous.active.normative.in_force")
    with pytest.raises(ExprError):            # the 2019 format has no 现行有效件数
        bind_across(in_force, {}, catalog.get("2021"), catalog.get("2019"))
    with pytest.raises(ExprError):            # the 2008 table has no carry-over
        bind_across(node, {"col": "total"}, catalog.get("2021"), catalog.get("2008"))


def test_a_rule_of_ones_own(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("""rules:
  - id: XY601
    across: years
    title: 受理数不少于上年的一半
    severity: info
    templates: ["2019", "2021"]
    assert: apply.new.total * 2 >= previous.apply.new.total
    message: 本年新收 {left}，上年（{previous_year}年）{previous.apply.new.total} 件
""", encoding="utf-8")
    (rule,) = load_rule_files([str(rules)], ())
    assert rule.kind == "years" and rule.across == "years"
    validate(rule, LOADED.catalog)
    this = summary(series.report_2021(rows={"一、本年新收政府信息公开申请数量": apply_row(1)}), "2021.txt")
    last = summary(series.report_2020(), "2020.txt")
    (found,) = check_pair(this, last, YearRules([rule], LOADED.catalog))
    # 1 × 2 < 3 (2020: 一、本年新收 3)
    assert (found.rule, found.severity, found.message) == ("XY601", "info", "本年新收 2，上年（2020年）3 件")


@pytest.mark.parametrize("data, words", [
    ({"across": "decades"}, "across 只能为 years"),
    ({"mention": {"pattern": "NUM件", "equals": "apply.new.total"}}, "应有且只有"),
])
def test_cross_year_rules_are_checked_when_read(data, words):
    base = {"id": "XY1", "title": "t", "severity": "error", "message": "m", "across": "years",
            "assert": "apply.new.total == previous.apply.new.total"}
    with pytest.raises(RuleError, match=words):
        parse_rule({**base, **data}, "x.yaml", ())


def test_only_cross_year_rules_document_last_years_report():
    base = {"id": "XY1", "title": "t", "severity": "error", "message": "m", "assert": "apply.new.total >= 0",
            "examples": {"pass": "a", "fail": "b", "previous": "c"}}
    with pytest.raises(RuleError, match="examples"):
        parse_rule(base, "x.yaml", ())
    assert parse_rule({**base, "across": "years"}, "x.yaml", ()).examples["previous"] == "c"


def test_a_rule_fitting_no_pair_of_templates_is_refused():
    rule = parse_rule({"id": "XY1", "title": "t", "severity": "error", "message": "m", "across": "years",
                       "assert": "apply.new.total == previous.apply.nothing"}, "x.yaml", ())
    with pytest.raises(ExprError, match="previous|nothing|apply"):
        validate(rule, LOADED.catalog)


def test_cross_year_rules_are_not_run_on_one_report():
    ruleset = LOADED.ruleset
    rule = ruleset.by_id("GX601")
    assert rule.kind == "years" and ruleset.instances(rule, "2021") == []


# --- pairing -------------------------------------------------------------------------------------

def facts_of(path: str, agency: str | None, year: int | None, carried: int = 0) -> YearFacts:
    known = Known("apply.carried_forward.total", Decimal(carried), "number", 1, 1, 1, 2, None, "四", "carried_forward",
                  "四", "total", "总计", "")
    return YearFacts(path, Identity(agency, year, "title" if agency else "", "title" if year else ""),
                     ("2021",), {"2021": {known.key: known}})


def pairs_of(pairing) -> list[tuple[str, str]]:
    return [(this.path, last.path) for this, last in pairing.pairs]


def test_pairs_are_one_agency_on_consecutive_years():
    reports = [facts_of("a2020", "东丽区卫生健康委员会", 2020), facts_of("a2021", "东丽区卫生健康委员会", 2021),
               facts_of("a2023", "东丽区卫生健康委员会", 2023), facts_of("b2020", "西青区卫生健康委员会", 2020),
               facts_of("b2021", "西青区卫生健康委员会", 2021), facts_of("c", None, 2021), facts_of("d", "某局", None)]
    pairing = pair_reports(reports)
    assert pairs_of(pairing) == [("a2021", "a2020"), ("b2021", "b2020")]       # 2022 is missing: 2023 stands alone
    assert [report.path for report in pairing.unidentified] == ["c", "d"]


def test_a_name_ending_another_is_that_agency_unless_it_ends_several():
    pairing = pair_reports([facts_of("full", "宁波市鄞州区卫生健康局", 2018), facts_of("short", "鄞州区卫生健康局", 2019)])
    assert pairs_of(pairing) == [("short", "full")]
    pairing = pair_reports([facts_of("x", "宁波市鄞州区卫生健康局", 2018), facts_of("y", "杭州市西湖区卫生健康局", 2018),
                            facts_of("short", "区卫生健康局", 2019)])
    assert pairs_of(pairing) == []


def test_one_report_in_two_files_is_one_report():
    same = [facts_of("2020.docx", "某局", 2020, 2), facts_of("2020.pdf", "某局", 2020, 2)]
    pairing = pair_reports(same + [facts_of("2021.txt", "某局", 2021)])
    assert pairs_of(pairing) == [("2021.txt", "2020.docx")] and pairing.duplicates == []
    differing = [facts_of("2020.docx", "某局", 2020, 2), facts_of("2020.pdf", "某局", 2020, 3)]
    pairing = pair_reports(differing + [facts_of("2021.txt", "某局", 2021)])
    assert pairs_of(pairing) == [] and pairing.duplicates == [("某局", 2020, ["2020.docx", "2020.pdf"])]
    # each of the two is still compared with its own last year
    pairing = pair_reports(differing + [facts_of("2019.txt", "某局", 2019)])
    assert pairs_of(pairing) == [("2020.docx", "2019.txt"), ("2020.pdf", "2019.txt")]


def test_previous_is_last_year_for_the_reports_checked():
    previous = facts_of("last.txt", "某局", 2020)
    pairing = pair_reports([facts_of("this.txt", "某局", 2021), facts_of("unknown.txt", None, None)], previous)
    assert pairs_of(pairing) == [("this.txt", "last.txt"), ("unknown.txt", "last.txt")]
    pairing = pair_reports([facts_of("later.txt", "某局", 2022), facts_of("other.txt", "另一局", 2021)], previous)
    assert pairs_of(pairing) == []
    assert pairing.refused == [("later.txt", "last.txt", "years|2020|2022"),
                               ("other.txt", "last.txt", "agencies|某局|另一局")]
