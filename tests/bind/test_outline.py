"""linter.bind.outline: the report's parts, read from its headings wherever they stand.

The expected outlines below were read off the fixtures by eye (the heading lines with
``grep -n`` on the files); the blank template's from the official Word file with python-docx.
"""

import pytest

from linter.bind.outline import (Outline, match_part, numbering_of, outline, outline_json, outline_lines,
                                 outline_templates)
from linter.bind.templates import TemplateError, builtin_catalog, parse_outline
from linter.read import read_document

from ..conftest import fixture_path, load_bytes, load_fixture, load_text

SIX = ["overview", "active", "apply", "review", "problems", "other"]


def parts_of(found: Outline) -> list[tuple[int, str | None]]:
    return [(part.heading.line, part.key) for part in found.parts]


def report(*lines: str):
    return load_text("\n".join(lines) + "\n")


# --- the seeds and real reports ------------------------------------------------------------

def test_seed_004_the_six_parts_of_the_2019_format():
    found = load_fixture("seeds/004").outline
    assert found.template_id == "2019"
    assert parts_of(found) == list(zip([3, 18, 93, 358, 404, 406], SIX))
    assert [part.heading.text for part in found.parts][3] == "四、政府信息公开行政复议、行政诉讼情况"
    problems, other = found.part("problems"), found.part("other")
    assert problems.text == "无问题。" and problems.length == 3 and not problems.has_table
    assert other.text == "无其他需要报告的事项。"
    assert all(found.part(key).has_table for key in ("active", "apply", "review"))
    assert found.missing() == [] and found.misplaced() == [] and not found.cut_off


def test_seed_004_heading_inside_a_table_block_is_found_and_row_labels_are_not():
    # 三、收到和处理政府信息公开申请情况 stands in the table block of the Word-extracted text; the
    # matrix's own 一、本年新收… and 四、结转下年度继续办理 are rows, not parts
    found = load_fixture("seeds/004").outline
    apply = found.part("apply")
    assert apply.heading.in_table and apply.heading.level == 1 and apply.heading.numbering == "三、"
    texts = [heading.text for heading in found.headings]
    assert "四、结转下年度继续办理" not in texts and "一、本年新收政府信息公开申请数量" not in texts


def test_seed_001_a_mixed_outline_is_the_2019_one_by_names():
    # 2020 report: 一、概述, two parts headed without numbers, 五、因…复议 for part 四, 六 and 七 for 五 and 六
    found = load_fixture("seeds/001").outline
    assert found.template_id == "2019"
    assert parts_of(found) == list(zip([6, 20, 94, 360, 402, 406], SIX))
    assert [part.heading.level for part in found.parts] == [1, 0, 0, 1, 1, 1]
    assert found.part("other").text == "本年度无其他需要报告的事项。"   # date and agency below left out
    assert found.appendix.line == 414 and found.appendix.text == "附件"
    assert "（一）主动公开政府信息数" not in [heading.text for heading in found.headings]   # in the appendix


def test_seed_000_a_2008_report_with_headings_of_its_own():
    found = load_fixture("seeds/000").outline
    assert found.template_id == "2008" and not found.expected.ordered
    assert parts_of(found) == [(6, None), (9, None), (13, None), (17, None), (20, "problems"), (28, "measures")]
    assert found.appendix.text == "附件2" and found.missing() == []
    # the stats table's 四、行政复议数量 (after the appendix anyway) is no part
    assert all(part.line < 42 for part in found.parts)


def test_seed_003_problems_named_first_in_the_heading_win():
    found = load_fixture("seeds/003").outline
    assert parts_of(found) == [(7, None), (11, None), (15, None), (25, "problems")]
    assert found.appendix.text == "附件：政府信息公开情况统计表"


def test_hongze_pdf_text_and_pdf_read_the_same_parts():
    layout = load_fixture("real/hongze-2024.layout").outline
    assert parts_of(layout) == list(zip([10, 41, 83, 132, 147, 164], SIX))
    assert "信息处理费 0 元" in layout.part("other").text
    assert layout.part("overview").heading.column == 3
    path = fixture_path("real/hongze-2024.pdf")
    pdf = load_bytes(path.read_bytes(), str(path)).outline
    assert [part.key for part in pdf.parts] == SIX
    assert pdf.part("other").heading.origin.kind == "pdf" and pdf.part("other").heading.origin.page == 5


def test_blank_template_text_and_word_file():
    text = load_fixture("real/template-2021-blank").outline
    assert parts_of(text) == list(zip([4, 7, 63, 353, 412, 414], SIX))
    assert [text.part(key).text for key in ("overview", "problems", "other")] == \
        ["（文字描述）", "（文字描述）", "（文字描述，收取信息处理费情况在此处报告。）"]
    path = fixture_path("real/template-2021-blank.docx")
    word = load_bytes(path.read_bytes(), str(path)).outline
    assert [part.key for part in word.parts] == SIX
    assert [part.heading.origin.paragraph for part in word.parts] == [4, 7, 19, 24, 29, 31]
    assert word.part("overview").text == "（文字描述）" and word.part("active").has_table


@pytest.mark.parametrize("name, last", [("real/web-002", "apply"), ("real/web-012", None), ("real/web-029", "apply")])
def test_excerpts_cut_inside_the_tables(name, last):
    found = load_fixture(name).outline
    assert found.cut_off and found.parts[-1].key == last
    assert [missing.key for missing in found.missing()][-3:] == ["review", "problems", "other"]


def test_a_complete_report_is_not_cut_off():
    assert not load_fixture("real/hongze-2024.layout").outline.cut_off
    assert not load_fixture("seeds/004").outline.cut_off


# --- headings in their variants -------------------------------------------------------------------

@pytest.mark.parametrize("text, level, numbering", [
    ("一、总体情况", 1, "一、"), ("一.总体情况", 1, "一."), ("第一部分 总体情况", 1, "第一部分"),
    ("（一）主动公开情况", 2, "（一）"), ("(二)依申请公开", 2, "(二)"), ("1.加强领导", 3, "1."),
    ("2、严把关口", 3, "2、"), ("（1）制度", 4, "（1）"), ("①制度", 4, "①"), ("总体情况", 0, ""),
    ("2024 年，全区", 0, ""),
])
def test_numbering_levels(text, level, numbering):
    assert numbering_of(text) == (level, numbering)


def test_matching_a_heading_to_a_part():
    t2019, t2008 = builtin_catalog().get("2019").outline, builtin_catalog().get("2008").outline
    assert match_part("概述", t2019).key == "overview"
    assert match_part("政府信息公开存在的主要问题及改进情况", t2019).key == "problems"
    assert match_part("因政府信息公开申请行政复议、提起行政诉讼情况", t2019).key == "review"   # not apply
    assert match_part("存在问题及下一步打算", t2008).key == "problems"        # found first
    assert match_part("下一步改进措施", t2008).key == "measures"
    assert match_part("總體情況", t2019).key == "overview"                      # traditional characters
    assert match_part("持续健全组织领导体系", t2019) is None
    assert match_part("主动公开政府信息情况", t2019, strict=True).key == "active"
    assert match_part("本年度主动公开政府信息情况良好", t2019, strict=True) is None


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("title, key", [
    ("总体工作情况", "overview"), ("政府信息公开工作总体情况", "overview"),
    ("工作中存在的不足及改进措施", "problems"), ("存在的不足和改进措施", "problems"),
    ("主要问题和改进措施", "problems"), ("其他需要报告事项", "other"), ("其他需报告的事项", "other"),
    ("其他需要说明的事项", "other"), ("收到和处理政府信息公开申请的情况", "apply"),
    ("政府信息公开复议、诉讼情况", "review"),
])
def test_the_parts_as_reports_title_them(template, title, key):
    # headings written otherwise than the format's, as reports write them
    assert match_part(title, builtin_catalog().get(template).outline).key == key


def test_parts_are_the_shallowest_numbered_level_that_names_parts():
    found = report("某局2022年政府信息公开工作年度报告",
                   "一、总体情况", "本年度我局全面推进政务公开工作，成效明显。",
                   "（一）主动公开政府信息情况", "本年度主动公开政府信息20条。",
                   "二、主动公开政府信息情况", "详见下表。").outline
    assert parts_of(found) == [(2, "overview"), (6, "active")]
    assert "主动公开政府信息20条" in found.part("overview").text      # the sub-heading's text stays in part 一


def test_parts_numbered_with_brackets_only():
    found = report("某局2022年政府信息公开工作年度报告",
                   "（一）总体情况", "本年度我局全面推进政务公开工作，成效明显。",
                   "（二）存在的主要问题及改进情况", "主要问题是公开不够及时，下一步将加强培训。").outline
    assert parts_of(found) == [(2, "overview"), (4, "problems")]
    assert found.parts[0].heading.level == 2


def test_a_title_leading_its_paragraph():
    found = report("某局2022年政府信息公开工作年度报告",
                   "一、总体情况。2022年，我局全面推进政务公开工作。",
                   "二、主动公开政府信息情况：详见下表。").outline
    overview, active = found.parts
    assert (overview.key, overview.heading.text, overview.heading.end_column) == ("overview", "一、总体情况", 7)
    assert overview.text == "2022年，我局全面推进政务公开工作。" and overview.prose[0].column == 8
    assert active.key == "active" and active.text == "详见下表。"


def test_a_numbered_sentence_naming_no_part_is_no_heading():
    found = report("某局2022年政府信息公开工作年度报告",
                   "一、总体情况", "1、加强领导。我局成立了领导小组，负责推进政务公开工作。",
                   "（一）领导重视，落实有效。区卫健委领导高度重视政务公开工作。").outline
    assert parts_of(found) == [(2, "overview")]
    assert found.part("overview").length > 30


def test_a_repeated_part_keeps_its_first_heading():
    found = report("某局2022年政府信息公开工作年度报告", "一、总体情况", "本年度工作情况良好，全面推进。",
                   "二、总体情况", "重复的标题。").outline
    assert [part.key for part in found.parts] == ["overview", None]


def test_the_signature_and_date_end_the_last_part_only_together():
    found = report("某局2022年政府信息公开工作年度报告", "六、其他需要报告的事项", "无。", "",
                   "某某市某某局", "2023年1月20日").outline
    assert found.part("other").text == "无。"
    kept = report("某局2022年政府信息公开工作年度报告", "六、其他需要报告的事项", "无其他需要报告的事项",
                  "某某市某某局").outline
    assert kept.part("other").text == "无其他需要报告的事项\n某某市某某局"


def test_the_appendix_ends_the_outline_but_not_before_the_first_part():
    found = report("附件", "某局2022年政府信息公开工作年度报告", "一、总体情况", "本年度全面推进政务公开工作。",
                   "附件1", "二、主动公开政府信息情况").outline
    assert parts_of(found) == [(3, "overview")] and found.appendix.line == 5


def test_parts_out_of_order_and_missing():
    found = report("某局2022年政府信息公开工作年度报告", "一、总体情况", "本年度全面推进政务公开工作。",
                   "六、其他需要报告的事项", "未收取信息处理费。", "五、存在的主要问题及改进情况",
                   "问题是公开不够及时，下一步将加强培训。").outline
    assert found.template_id == "2021"
    assert [(part.key, other.key, before) for part, other, before in found.misplaced()] == \
        [("problems", "other", True)]
    assert [part.key for part in found.missing()] == ["active", "apply", "review"]


def test_the_longest_run_in_order_stays():
    # 一 三 四 二 五: only 二 is out of place
    found = report("某局2022年政府信息公开工作年度报告", "一、总体情况", "正文正文正文。", "三、收到和处理政府信息公开申请情况",
                   "正文正文正文。", "四、政府信息公开行政复议、行政诉讼情况", "正文正文正文。", "二、主动公开政府信息情况",
                   "正文正文正文。", "五、存在的主要问题及改进情况", "正文正文正文。").outline
    assert [(part.key, other.key, before) for part, other, before in found.misplaced()] == \
        [("active", "apply", True)]


def test_a_part_too_early_is_told_the_part_it_should_follow():
    # 一 五 二 三 四: 五 stands before the parts it should follow
    found = report("某局2022年政府信息公开工作年度报告", "一、总体情况", "正文正文正文。", "五、存在的主要问题及改进情况",
                   "正文正文正文。", "二、主动公开政府信息情况", "正文正文正文。", "三、收到和处理政府信息公开申请情况",
                   "正文正文正文。", "四、政府信息公开行政复议、行政诉讼情况", "正文正文正文。").outline
    assert [(part.key, other.key, before) for part, other, before in found.misplaced()] == \
        [("problems", "review", False)]


def test_the_2008_outline_has_no_order_and_no_required_part():
    found = report("某局2015年政府信息公开工作年度报告", "一、存在的主要问题", "问题是公开不够及时。", "二、概述",
                   "本年度全面推进政务公开工作。").outline
    assert found.template_id == "2008" and found.misplaced() == [] and found.missing() == []


def test_a_report_without_headings_has_no_parts():
    found = report("某局2022年政府信息公开工作年度报告", "本年度我局全面推进政务公开工作。").outline
    assert found.parts == [] and not found.cut_off and len(found.missing()) == 6


# --- headings marked by the reader: bold Word paragraphs, web headings --------------------------

def _word(*paragraphs):
    import io

    import docx

    document = docx.Document()
    for text, bold in paragraphs:
        document.add_paragraph().add_run(text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_bold_word_paragraphs_without_numbers_are_parts():
    data = _word(("某局2022年政府信息公开工作年度报告", True), ("总体情况", True), ("本年度全面推进政务公开工作。", False),
                 ("存在的主要问题及改进情况", True), ("问题是公开不够及时，下一步将加强培训。", False),
                 ("其他需要报告的事项", False), ("本年度未收取信息处理费。", False))
    found = load_bytes(data, "report.docx").outline
    # an unbold line naming a part exactly is one too
    assert [(part.key, part.heading.level, part.heading.marked) for part in found.parts] == \
        [("overview", 0, True), ("problems", 0, True), ("other", 0, False)]
    assert [part.heading.origin.paragraph for part in found.parts] == [2, 4, 6]


def test_web_headings_and_bold_paragraphs_are_parts():
    page = ("<html><body><article><h1>某局2022年政府信息公开工作年度报告</h1><h2>一、总体情况</h2>"
            "<p>本年度全面推进政务公开工作。</p><p><strong>主动公开政府信息情况</strong></p><p>详见下表。</p>"
            "<h3>存在问题</h3><p>问题是公开不够及时，下一步将加强培训。</p></article></body></html>")
    found = load_bytes(page.encode("utf-8"), "report.html").outline
    assert [(part.key, part.heading.level) for part in found.parts] == [("overview", 1), ("active", 0), ("problems", 0)]
    assert found.part("active").heading.origin.kind == "html"


# --- choosing the expected outline -------------------------------------------------------------

def test_outline_templates_the_year_first_then_the_tables_newest_first():
    catalog = builtin_catalog()
    assert outline_templates(catalog, ["2019", "2008"], 2020) == ["2019", "2008"]
    assert outline_templates(catalog, ["2008", "2019"], None) == ["2019", "2008"]
    assert outline_templates(catalog, ["2019"], 2022) == ["2021", "2019"]
    assert outline_templates(catalog, [], None) == []


def test_outline_without_an_expected_outline_reads_parts_only():
    document = read_document("r.txt", "一、总体情况\n本年度全面推进政务公开工作。\n".encode("utf-8"))
    found = outline(document, [])
    assert found.template_id is None and [part.key for part in found.parts] == [None]
    assert found.missing() == [] and found.misplaced() == []


# --- the outline as data ------------------------------------------------------------------------

def test_builtin_outlines():
    catalog = builtin_catalog()
    for template_id in ("2019", "2021"):
        expected = catalog.get(template_id).outline
        assert [part.key for part in expected.parts] == SIX and expected.ordered
        assert all(part.required for part in expected.parts)
        assert [part.section for part in expected.parts][1:4] == ["active", "apply", "review"]
    assert [part.key for part in catalog.get("2021").outline.parts if part.fee] == ["other"]
    assert not any(part.fee for part in catalog.get("2019").outline.parts)
    old = catalog.get("2008").outline
    assert not old.ordered and not any(part.required for part in old.parts)


@pytest.mark.parametrize("data, message", [
    ({"parts": []}, "parts：应为非空列表"),
    ({"parts": [{"key": "a"}]}, "key 和 title"),
    ({"parts": [{"key": "a", "title": "甲"}, {"key": "a", "title": "乙"}]}, "部分 key 重复：a"),
    ({"parts": [{"key": "a", "title": "甲", "section": "nowhere"}]}, "未知的表格 nowhere"),
    ({"parts": [{"key": "a", "title": "甲", "required": "yes"}]}, "required：应为 true 或 false"),
    ({"parts": [{"key": "a", "title": "甲", "colour": "red"}]}, "未知的键 colour"),
    ({"ordered": 1, "parts": [{"key": "a", "title": "甲"}]}, "ordered：应为 true 或 false"),
    ([1, 2], "应为映射"),
])
def test_a_broken_outline_is_named(data, message):
    with pytest.raises(TemplateError) as caught:
        parse_outline(data, "t.yaml.outline")
    assert message in str(caught.value) and "t.yaml.outline" in str(caught.value)


# --- for --facts ------------------------------------------------------------------------------------

def test_outline_lines_in_both_languages():
    found = report("某局2022年政府信息公开工作年度报告", "一、总体情况", "本年度全面推进政务公开。", "附件",
                   "五、存在的主要问题及改进情况").outline
    # 本年度全面推进政务公开: 11 characters; 五 after the appendix is not read
    assert outline_lines(found, "zh", "r.txt") == [
        "r.txt: 大纲（2021 年格式）",
        "r.txt:2:1: 部分 “一、总体情况” = overview “一、总体情况”，正文 11 字",
        "r.txt: 缺少 “二、主动公开政府信息情况” (active)",
        "r.txt: 缺少 “三、收到和处理政府信息公开申请情况” (apply)",
        "r.txt: 缺少 “四、政府信息公开行政复议、行政诉讼情况” (review)",
        "r.txt: 缺少 “五、存在的主要问题及改进情况” (problems)",
        "r.txt: 缺少 “六、其他需要报告的事项” (other)",
        "r.txt:4:1: 附件起于 “附件”"]
    en = outline_lines(found, "en")
    assert en[:2] == ["outline (2021 format)", "  2:1  part “一、总体情况” = overview “一、总体情况”, 11 characters of text"]
    assert outline_lines(load_fixture("seeds/004").outline, "zh")[2].endswith("，含表格")
    cut = outline_lines(load_fixture("real/web-002").outline, "en", "w.txt")
    assert "w.txt: missing “六、其他需要报告的事项” (other)" in cut and cut[-1].startswith("w.txt: the text seems incomplete")
    own = outline_lines(load_fixture("seeds/000").outline, "en")
    assert own[1].startswith("  6:1  part “一、持续健全组织领导体系” = (the report's own), ")


def test_outline_json():
    data = outline_json(load_fixture("seeds/001").outline)
    assert data["template"] == "2019" and data["missing"] == [] and data["appendix_line"] == 414
    active = data["parts"][1]
    assert {key: active[key] for key in ("key", "heading", "numbering", "level", "line", "column", "table")} == \
        {"key": "active", "heading": "主动公开政府信息情况", "numbering": "", "level": 0, "line": 20, "column": 1,
         "table": True}
    assert data["parts"][0]["numbering"] == "一、" and active["end_line"] < 94


def test_a_title_leading_its_text_after_a_space_and_a_title_with_more_words():
    found = report("某局2022年政府信息公开工作年度报告",
                   "一、总体情况 2022年，我局全面推进政务公开工作。",
                   "二、2022年主动公开政府信息情况：详见下表。",
                   "三、主动公开方面，我局做了大量工作。").outline
    assert [(part.key, part.heading.text) for part in found.parts] == \
        [("overview", "一、总体情况"), ("active", "二、2022年主动公开政府信息情况")]
    assert found.part("overview").text == "2022年，我局全面推进政务公开工作。"
    # 三、主动公开方面 is no title of a part: the sentence stays in part 二
    assert "主动公开方面" in found.part("active").text
