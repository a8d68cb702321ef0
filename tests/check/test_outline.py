"""The outline checks (GX501–GX507) on the seeds, real reports and edited copies of them."""

from dataclasses import replace

import pytest

from linter.check.checks.outline import fee_statements, unfilled, unfilled_parts
from linter.check.loading import load_all

from ..conftest import FIXTURES, REAL, SEEDS, findings_of, fixture_path, fixture_text, load_bytes, load_fixture, \
    load_text

OUTLINE_RULES = ("GX501", "GX502", "GX503", "GX504", "GX505", "GX506", "GX507")


def outline_findings(report, lang="zh"):
    return [f for f in findings_of(report, lang=lang) if f.rule in OUTLINE_RULES]


def where(findings):
    return [(f.rule, f.line, f.column) for f in findings]


def edited(name: str, old: str, new: str, count: int = 1):
    text = fixture_text(name)
    assert text.count(old) >= 1
    return load_text(text.replace(old, new, count))


def rule(rule_id):
    return load_all().ruleset.by_id(rule_id)


# --- the fixtures as they are ---------------------------------------------------------------------

def test_the_seeds_follow_their_outlines_but_seed_004_part_5():
    found = {path.name[:3]: where(outline_findings(load_fixture(f"seeds/{path.name[:3]}"))) for path in SEEDS}
    assert found == {"000": [], "001": [], "002": [], "003": [], "004": [("GX503", 404, 1)]}
    (finding,) = outline_findings(load_fixture("seeds/004"))
    assert finding.severity == "warning"
    assert finding.message == "“五、存在的主要问题及改进情况”只写了“无问题。”（3 个字，至少应有 10 个字）"


def test_hongze_a_complete_2021_report_has_no_outline_finding():
    assert outline_findings(load_fixture("real/hongze-2024.layout")) == []
    assert outline_findings(load_fixture("real/hongze-2024.raw")) == []
    path = fixture_path("real/hongze-2024.pdf")
    assert outline_findings(load_bytes(path.read_bytes(), str(path))) == []


def test_the_blank_template_one_finding_per_unfilled_part():
    found = outline_findings(load_fixture("real/template-2021-blank"))
    assert where(found) == [("GX503", 4, 1), ("GX503", 412, 1), ("GX503", 414, 1)]
    assert found[2].message == "“六、其他需要报告的事项”仍是模板的占位文字“（文字描述，收取信息处理费情况在此处报告。）”"
    path = fixture_path("real/template-2021-blank.docx")
    word = outline_findings(load_bytes(path.read_bytes(), str(path)))
    assert [(f.rule, f.origin.paragraph) for f in word] == [("GX503", 4), ("GX503", 29), ("GX503", 31)]


def test_real_excerpts_get_no_error_and_a_warning_where_cut_short():
    for path in REAL:
        found = outline_findings(load_bytes(path.read_bytes(), str(path)))
        assert [f for f in found if f.severity == "error"] == [], path.name
    cut = outline_findings(load_fixture("real/web-002"))
    assert where(cut) == [("GX507", 36, 34)]
    assert "“三、收到和处理政府信息公开申请情况”一部分中途结束" in cut[0].message and "3 个部分" in cut[0].message


def test_an_excerpt_without_headings_is_not_told_it_lacks_all_six():
    assert outline_findings(load_fixture("real/web-003")) == []


# --- GX501 / GX502: parts missing or out of order -------------------------------------------

def test_gx501_a_missing_part_where_it_belongs():
    text = fixture_text("seeds/004").replace("六、其他需要报告的事项\n无其他需要报告的事项。", "")
    found = [f for f in outline_findings(load_text(text)) if f.rule == "GX501"]
    assert where(found) == [("GX501", 405, 1)] and found[0].severity == "error"
    assert found[0].message == ("按 2019 年格式，报告应有“六、其他需要报告的事项”一部分，但没有找到；"
                                "它应在“五、存在的主要问题及改进情况”之后")
    before = [f for f in outline_findings(edited("seeds/004", "一、总体情况\n", "")) if f.rule == "GX501"]
    assert where(before) == [("GX501", 17, 1)] and "应在“二、主动公开政府信息情况”之前" in before[0].message


def test_gx502_a_part_out_of_order():
    text = fixture_text("seeds/004").replace("五、存在的主要问题及改进情况", "@").replace(
        "六、其他需要报告的事项", "五、存在的主要问题及改进情况").replace("@", "六、其他需要报告的事项")
    found = [f for f in outline_findings(load_text(text)) if f.rule == "GX502"]
    assert where(found) == [("GX502", 406, 1)] and found[0].severity == "error"
    assert found[0].related[0].line == 404
    assert found[0].message == "“五、存在的主要问题及改进情况”的位置不对：按 2019 年格式，它应在“六、其他需要报告的事项”之前"
    (english,) = [f for f in outline_findings(load_text(text), "en") if f.rule == "GX502"]
    assert english.message == ("“五、存在的主要问题及改进情况” is out of place: the 2019 format puts it before "
                               "“六、其他需要报告的事项”")


def test_gx501_in_english():
    text = fixture_text("seeds/004").replace("六、其他需要报告的事项\n无其他需要报告的事项。", "")
    (finding,) = [f for f in outline_findings(load_text(text), "en") if f.rule == "GX501"]
    assert finding.message == ("The 2019 format requires the part “六、其他需要报告的事项”, which was not found; "
                               "it belongs after “五、存在的主要问题及改进情况”")


# --- GX503: unfilled parts -------------------------------------------------------------------

@pytest.mark.parametrize("content, reason", [
    ("无。", "只写了“无。”"),
    ("暂无", "只写了“暂无”"),
    ("（文字描述）", "仍是模板的占位文字“（文字描述）”"),
    ("", "下面没有任何内容"),
])
def test_gx503_reasons(content, reason):
    text = fixture_text("real/hongze-2024.layout").split("\n")
    text[147:163] = [content] if content else []          # lines 148–163: the text of part 五
    found = [f for f in outline_findings(load_text("\n".join(text))) if f.rule == "GX503"]
    assert where(found) == [("GX503", 147, 6)]
    assert found[0].message == f"“五、存在的主要问题及改进情况”{reason}"


def test_gx503_the_minimum_is_an_option():
    report = load_fixture("seeds/004")
    strict = replace(rule("GX503"), options={"min_length": {"default": 4, "other": 20}})
    found = unfilled_parts(report, strict, "warning", "zh")
    assert [f.line for f in found] == [404, 406]      # 无其他需要报告的事项: 10 characters
    lenient = replace(rule("GX503"), options={"min_length": {"problems": 2}})
    assert unfilled_parts(report, lenient, "warning", "zh") == []


def test_gx503_a_part_with_a_table_is_not_measured():
    report = load_fixture("seeds/004")
    review = report.outline.part("review")
    assert review.length == 0 and review.has_table and unfilled(review, rule("GX503")) is None


def test_gx503_the_last_part_of_a_text_cut_short_is_not_judged():
    # web-012 ends at “三、收到”: a heading cut short, not an empty part
    assert [f for f in outline_findings(load_fixture("real/web-012")) if f.rule == "GX503"] == []


# --- GX504: problems and measures ------------------------------------------------------------

def test_gx504_problems_without_measures():
    text = fixture_text("real/hongze-2024.layout").split("\n")
    del text[152:163]                                     # lines 153–163: 针对存在问题，2025 年我们将…
    found = [f for f in outline_findings(load_text("\n".join(text))) if f.rule == "GX504"]
    assert where(found) == [("GX504", 147, 6)] and found[0].severity == "warning"
    assert found[0].message == "“五、存在的主要问题及改进情况”没有写改进的措施"


def test_gx504_measures_without_problems_and_a_denial_is_no_problem():
    report = edited("seeds/004", "五、存在的主要问题及改进情况\n无问题。",
                    "五、存在的主要问题及改进情况\n本年度工作无问题。下一步将加强培训，改进工作。")
    found = [f for f in outline_findings(report) if f.rule == "GX504"]
    assert [f.message for f in found] == ["“五、存在的主要问题及改进情况”没有写存在的问题"]


def test_gx504_the_2008_problems_and_measures_parts_together():
    # seed 000: 五、存在的主要问题 and 六、下一步改进措施
    assert outline_findings(load_fixture("seeds/000")) == []
    report = edited("seeds/000", "六、下一步改进措施", "六、其他需要报告的事项")
    found = [f for f in outline_findings(report) if f.rule == "GX504"]
    assert where(found) == [("GX504", 20, 1)] and "没有写改进的措施" in found[0].message


def test_gx504_an_unfilled_part_is_gx503s_only():
    assert [f.rule for f in outline_findings(load_fixture("seeds/004"))] == ["GX503"]


# --- GX505 / GX506: the 信息处理费 ------------------------------------------------------------

def test_gx505_part_6_silent_on_the_fee():
    report = edited("real/hongze-2024.layout", "全年收取政府信息公开信息处理费 0 元。", "无其他需要报告的事项。")
    found = [f for f in outline_findings(report) if f.rule == "GX505"]
    assert where(found) == [("GX505", 164, 3)] and found[0].severity == "warning"


def test_gx505_only_for_the_2021_format():
    # seed 004 (2019 format): 无其他需要报告的事项。 is enough
    assert [f for f in outline_findings(load_fixture("seeds/004")) if f.rule == "GX505"] == []


@pytest.mark.parametrize("sentence, amount", [
    ("全年收取政府信息公开信息处理费 0 元。", 0), ("本年度未收取信息处理费。", 0), ("共收取信息处理费200元。", 200),
    ("收取信息处理费共计 1.5 万元。", 15000), ("本机关没有收取任何费用。", 0), ("依法收取300元信息处理费。", 300),
    ("严格落实《政府信息公开信息处理费管理办法》。", None),
    ("无其他需要报告的事项，依法收取信息处理费。", None),
])
def test_fee_statements(sentence, amount):
    from decimal import Decimal

    from linter.read.model import Cell

    cells = [Cell(sentence, 1, 1, 1, 1 + len(sentence))]
    stated = list(fee_statements(cells, ("信息处理费", "处理费", "费用"), ("未", "没有", "无", "不", "免", "零")))
    named = [value for value, _ in stated]
    assert named == ([] if amount is None and "《" in sentence else [None if amount is None else Decimal(amount)])


def test_fee_statements_read_lines_wrapped_in_mid_sentence():
    # hongze: the fee's sentence over two lines, the regulation's name cut by the wrap
    report = load_fixture("real/hongze-2024.layout")
    other = report.outline.part("other")
    ((amount, place),) = list(fee_statements(other.prose, ("信息处理费",), ("未",)))
    assert amount == 0 and (place.line, place.column, place.text) == (166, 20, "0 元")


def test_gx506_the_fee_stated_otherwise_elsewhere():
    report = edited("real/hongze-2024.layout", "均已在法定期限内予以答复。", "收取信息处理费 100 元，均已在法定期限内予以答复。")
    found = [f for f in outline_findings(report) if f.rule == "GX506"]
    assert where(found) == [("GX506", 166, 20)] and found[0].severity == "error"
    assert (found[0].related[0].line, found[0].related[0].column) == (25, 21)
    assert found[0].message == ("“六、其他需要报告的事项”写的信息处理费为 0 元，而报告第 25 行写的为 100 元"
                                "（“未收取”按 0 元计）")
    same = edited("real/hongze-2024.layout", "均已在法定期限内予以答复。", "均未收取信息处理费。")
    assert [f for f in outline_findings(same) if f.rule == "GX506"] == []


# --- GX507: cut short ----------------------------------------------------------------------------

def test_gx507_instead_of_one_error_per_part():
    text = "\n".join(fixture_text("real/hongze-2024.layout").split("\n")[:131])    # up to the end of 三's table
    found = outline_findings(load_text(text))
    assert [f.rule for f in found] == ["GX507"]
    assert "“四、政府信息公开行政复议、行政诉讼情况”、“五、存在的主要问题及改进情况”、“六、其他需要报告的事项”" in found[0].message


def test_every_fixture_lints_with_the_outline_rules():
    # no check breaks on any fixture, Word and PDF included
    for path in sorted(FIXTURES.glob("*/*")):
        if path.suffix in (".txt", ".pdf", ".docx"):
            outline_findings(load_bytes(path.read_bytes(), str(path)))


def test_gx501_a_table_part_without_its_heading_but_with_its_table_is_not_missing():
    # seed 004 without the heading 二、主动公开政府信息情况: its tables are still there
    report = edited("seeds/004", "二、主动公开政府信息情况\n", "")
    assert report.outline.part("active") is None
    assert [f for f in outline_findings(report) if f.rule == "GX501"] == []


def test_gx503_parts_left_as_wu_inside_a_table_block():
    # with 无 alone under 五 and 六, the text reader keeps those short lines in the table block before them
    text = fixture_text("seeds/004").replace("无问题。", "无").replace("无其他需要报告的事项。", "无")
    report = load_text(text)
    assert report.document.blocks[-1].end_line == 407                 # one table block to the end
    found = [f for f in outline_findings(report) if f.rule == "GX503"]
    assert [(f.line, f.message) for f in found] == [(404, "“五、存在的主要问题及改进情况”只写了“无”"),
                                                    (406, "“六、其他需要报告的事项”只写了“无”")]
