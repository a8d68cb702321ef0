"""Quick fixes of the report's text: offered where the right text is certain, and only there.

The expected values are worked out by hand in each test (the sums and shares are small).
"""

from __future__ import annotations

from linter.lsp.analysis import Settings, analyse
from linter.lsp.fixes import Edit, apply, fixes_for
from tests.conftest import fixture_text

SETTINGS = Settings()

REPLIES_BLANK = """\
| 统计指标 | 单位 | 统计数 |
|---|---|---|
| （三）申请答复数 | 件 | |
| 1.属于已主动公开范围数 | 件 | 0 |
| 2.同意公开答复数 | 件 | 2 |
| 3.同意部分公开答复数 | 件 | 1 |
| 4.不同意公开答复数 | 件 | 0 |
| 5.不属于本行政机关公开数 | 件 | 0 |
| 6.申请信息不存在数 | 件 | 0 |
| 7.告知作出更改补充数 | 件 | 0 |
| 8.告知通过其他途径办理数 | 件 | 0 |
"""


def check(tmp_path, text: str, name: str = "report.md"):
    return analyse(str(tmp_path / name), text, SETTINGS)


def only(analysis, rule: str):
    (finding,) = [finding for finding in analysis.findings if finding.rule == rule]
    return finding


def fixed(tmp_path, text: str, rule: str):
    """The one fix of the one *rule* finding, and the report checked after it."""
    analysis = check(tmp_path, text)
    (fix,) = fixes_for(analysis, only(analysis, rule), SETTINGS)
    return fix, apply(text, fix.edit)


def test_blank_total_becomes_the_sum_of_its_parts(tmp_path):
    fix, text = fixed(tmp_path, REPLIES_BLANK, "GX103")
    assert fix.edit.text == "3" and "3" in fix.title                 # 0 + 2 + 1 + 0 + … = 3
    assert "| （三）申请答复数 | 件 | 3|" in text
    assert not [f for f in check(tmp_path, text).findings if f.rule == "GX103"]


def test_blank_row_total_of_the_2021_table(tmp_path):
    row = "一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | |\n"
    fix, text = fixed(tmp_path, row, "GX201")
    assert fix.edit.text == "4"                                     # 3 + 1
    assert text == "一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4|\n"


def test_a_total_that_disagrees_is_not_changed(tmp_path):
    # 5 against parts adding up to 4: the total or a part may be wrong, so no fix.
    analysis = check(tmp_path, "一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 5 |\n")
    assert fixes_for(analysis, only(analysis, "GX201"), SETTINGS) == []


def test_no_fix_when_the_sum_breaks_another_rule(tmp_path):
    # 3 replies to 1 application received: filling in 3 would trade GX103 for GX114.
    text = REPLIES_BLANK.replace("|---|---|---|\n", "|---|---|---|\n| （一）收到申请数 | 件 | 1 |\n")
    analysis = check(tmp_path, text)
    assert "GX114" not in [f.rule for f in analysis.findings]
    finding = only(analysis, "GX103")
    assert fixes_for(analysis, finding, SETTINGS) == []
    after = check(tmp_path, apply(text, Edit(finding.line, finding.column, finding.line, finding.column, "3")))
    assert "GX114" in [f.rule for f in after.findings]       # why it was refused


def test_share_is_recomputed(tmp_path):
    text = "我委共受理申请44件。其中，当面申请20件，占总数的45.4%；以信函形式申请8件，占总数的18.2%。\n"
    fix, after = fixed(tmp_path, text, "GX320")
    assert fix.edit.text == "45.5" and "45.5%" in fix.title       # 20 / 44 = 45.45…%
    assert "占总数的45.5%；" in after and "18.2%" in after         # 8 / 44 = 18.18…% was right


def test_share_keeps_full_width_digits(tmp_path):
    text = "我委共受理申请44件。其中，当面申请20件，占总数的４５．４％。\n"
    fix, after = fixed(tmp_path, text, "GX320")
    assert "占总数的４５．５％。" in after


def test_share_with_whole_percent(tmp_path):
    text = "全年共收到申请8件，其中当面申请3件，占总数的37%。\n"
    fix, after = fixed(tmp_path, text, "GX320")
    assert "占总数的38%。" in after                                  # 3 / 8 = 37.5% → 38% (half up)


def test_label_becomes_the_templates(tmp_path):
    text = """\
| 统计指标 | 单位 | 统计数 |
|---|---|---|
| 1.参加或举办新闻发布会总次数 | 次 | 0 |
| 其中：主要负责同志参加新闻发布会次数 | 次 | 0 |
| 2.电视台在线访谈次数 | 次 | 3 |
| 其中：主要负责同志参加政府网站在线访谈次数 | 次 | 3 |
| 3.政策解读稿件发布数 | 篇 | 0 |
"""
    fix, after = fixed(tmp_path, text, "GX006")
    assert fix.edit.text == "2.政府网站在线访谈次数"
    assert "| 2.政府网站在线访谈次数 | 次 | 3 |" in after
    assert "GX006" not in [f.rule for f in check(tmp_path, after).findings]


def test_other_findings_get_no_text_fix(tmp_path):
    analysis = check(tmp_path, "一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |\n")
    assert analysis.findings
    for finding in analysis.findings:
        assert fixes_for(analysis, finding, SETTINGS) == [], finding.rule


def test_blank_total_in_a_real_report(tmp_path):
    # Seed 000 leaves （三）申请答复数 blank; its replies are 0, 2, 0, 0, 0, 0, 0, 0 (Word's layout:
    # one cell a line, each after a tab).
    text = fixture_text("seeds/000")
    assert text.split("\n")[175] == "\t"
    fix, after = fixed(tmp_path, text, "GX103")
    assert (fix.edit.line, fix.edit.column, fix.edit.text) == (176, 2, "2")
    assert after.split("\n")[175] == "\t2"
    assert "GX103" not in [f.rule for f in check(tmp_path, after).findings]
