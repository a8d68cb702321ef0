"""The binder: cells against the templates, whatever the layout."""

from decimal import Decimal

from ..conftest import facts_of, findings_of, fixture_text, load_fixture, load_text

ACTIVE_2021 = """第二十条第（一）项 |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 5 | 1 | 25 |
"""

APPLY_HEAD = """三、收到和处理政府信息公开申请情况
申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
"""

# The hand-checked values of the 2024 report of 淮安市洪泽区人民政府 (tests/fixtures/real/hongze-2024.pdf,
# read off its pages): (row, [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]).
HONGZE_APPLY = {
    "new": [95, 0, 0, 0, 0, 0, 95], "carried_over": [0] * 7, "granted": [50, 0, 0, 0, 0, 0, 50],
    "partly_granted": [9, 0, 0, 0, 0, 0, 9], "refused.state_secret": [0] * 7, "refused.prohibited": [0] * 7,
    "refused.safety": [1, 0, 0, 0, 0, 0, 1], "refused.third_party": [0] * 7, "refused.internal_affairs": [0] * 7,
    "refused.process": [1, 0, 0, 0, 0, 0, 1], "refused.enforcement_files": [1, 0, 0, 0, 0, 0, 1],
    "refused.inquiry": [0] * 7, "unavailable.not_held": [31, 0, 0, 0, 0, 0, 31],
    "unavailable.needs_creation": [1, 0, 0, 0, 0, 0, 1], "unavailable.unclear": [0] * 7,
    "not_handled.petition": [1, 0, 0, 0, 0, 0, 1], "not_handled.repeated": [0] * 7,
    "not_handled.publication": [0] * 7, "not_handled.excessive": [0] * 7, "not_handled.confirmation": [0] * 7,
    "other": [0] * 7, "total": [95, 0, 0, 0, 0, 0, 95], "carried_forward": [0] * 7,
}
HONGZE_OTHER = {
    "active.regulations.issued": 0, "active.regulations.repealed": 0, "active.regulations.in_force": 0,
    "active.normative.issued": 3, "active.normative.repealed": 0, "active.normative.in_force": 8,
    "active.licensing.decisions": 9487, "active.penalty.decisions": 2776, "active.enforcement.decisions": 84,
    "active.fees.amount": 7545,
    "review.reconsideration.upheld": 1, "review.reconsideration.corrected": 1, "review.reconsideration.other": 0,
    "review.reconsideration.pending": 0, "review.reconsideration.total": 2,
    "review.litigation_direct.upheld": 1, "review.litigation_direct.corrected": 0,
    "review.litigation_direct.other": 0, "review.litigation_direct.pending": 0, "review.litigation_direct.total": 1,
    "review.litigation_after.upheld": 2, "review.litigation_after.corrected": 0, "review.litigation_after.other": 1,
    "review.litigation_after.pending": 0, "review.litigation_after.total": 3,
}
COLUMNS = ["natural_person", "business", "research", "nonprofit", "legal_services", "other_org", "total"]


def hongze_expected() -> dict:
    expected = {key: Decimal(value) for key, value in HONGZE_OTHER.items()}
    for row, values in HONGZE_APPLY.items():
        expected.update({f"apply.{row}.{column}": Decimal(value) for column, value in zip(COLUMNS, values)})
    return expected


def test_the_pdf_text_of_a_real_report_reads_to_its_hand_checked_values():
    for layout in ("layout", "raw"):
        assert facts_of(load_fixture(f"real/hongze-2024.{layout}")) == hongze_expected(), layout


def test_a_group_given_as_one_row_counts_for_its_parts():
    # （六）其他处理 in one row, as in 2019, in a 2021 report: its total is checked with it
    text = fixture_text("real/hongze-2024.raw").replace("（六）其他处理 0 0 0 0 0 0 0", "（六）其他处理 1 0 0 0 0 0 1")
    found = findings_of(load_text(text), "GX202")
    assert found and "总计" in found[0].message


def test_the_template_is_chosen_by_the_column_titles():
    assert load_text(ACTIVE_2021).binding.templates == ["2021"]
    text = ACTIVE_2021.replace("本年制发件数 | 本年废止件数 | 现行有效件数", "本年新制作数量 | 本年新公开数量 | 对外公开总数量")
    assert load_text(text).binding.templates == ["2019"]


def test_a_label_that_repeats_is_the_next_one_in_template_order():
    facts = facts_of(load_fixture("seeds/002"))
    assert facts["stats.review.corrected"] == 0 and facts["stats.litigation.corrected"] == 1


def test_a_provincial_extension_row_is_kept_and_reported():
    text = ACTIVE_2021.replace("行政规范性文件 | 5 | 1 | 25 |", "行政规范性文件 | 5 | 1 | 25 |\n其他主动公开文件 | 7 | 0 | 30 |")
    report = load_text(text)
    (table,) = report.binding.tables
    (extra,) = [row for row in table.rows if row.row is None]
    assert extra.label == "其他主动公开文件" and [cell.text for cell in extra.value_cells] == ["7", "0", "30"]
    (finding,) = findings_of(report, "GX005")
    assert "其他主动公开文件" in finding.message and "7、0、30" in finding.message
    assert facts_of(report)["active.normative.in_force"] == 25


def test_labels_changed_by_a_converter_to_traditional_characters_still_bind():
    text = ACTIVE_2021.replace("第二十条第（一）项", "第二十條第(一)項").replace("行政规范性文件", "行政規範性檔案")
    assert facts_of(load_text(text))["active.normative.issued"] == 5


def test_a_label_wrapped_over_three_lines_binds():
    text = APPLY_HEAD + ("5.要求行政机关确认或重 新出具\n已获取信息\n0 0 0 0 0 0 2\n")
    assert facts_of(load_text(text))["apply.not_handled.confirmation.total"] == 2


def test_a_near_miss_is_bound_and_reported():
    text = APPLY_HEAD + "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n" \
        "2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    report = load_text(text)
    assert facts_of(report)["apply.refused.prohibited.total"] == 0
    (finding,) = findings_of(report, "GX006")
    assert "2.其他法律行政法规禁止公开" in finding.message


def test_glued_cells_are_not_read_as_one_number():
    text = APPLY_HEAD + "一、本年新收政府信息公开申请数量 | 801000081 |\n二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    report = load_text(text)
    assert "apply.new.natural_person" not in facts_of(report)
    (finding,) = findings_of(report, "GX013")
    assert "801000081" in finding.message


def test_the_review_columns_follow_the_header_order():
    # seed 001 lists 行政复议 first, seed 004 as well but with another header shape: both read right
    for name in ("seeds/001", "seeds/004"):
        facts = facts_of(load_fixture(name))
        assert facts["review.reconsideration.total"] == sum(
            facts[f"review.reconsideration.{part}"] for part in ("upheld", "corrected", "other", "pending"))


def test_the_blank_template_binds_every_cell_as_blank():
    facts = facts_of(load_fixture("real/template-2021-blank"))
    assert len(facts) == 200 and set(facts.values()) == {"blank"}


def test_numbers_outside_any_table_are_not_bound():
    assert facts_of(load_text("全年共收到申请 5 件，办结 5 件。\n2024 5 5\n")) == {}


def test_prose_between_tables_ends_a_table():
    text = ACTIVE_2021 + "以上为主动公开情况。其余详见附件，共计二十三项说明文字。\n行政许可 | 3 |\n"
    facts = facts_of(load_text(text))
    assert "active.licensing.decisions" not in facts
