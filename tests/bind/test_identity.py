"""linter.bind.identity: the years and dates a report states about itself."""

from datetime import date

import pytest

from linter.bind.identity import FIRST_YEAR, LAST_YEAR, Identity, agency_key, deadline, format_date, read_dates, \
    read_identity

from ..conftest import fixture_text, line_of, load_fixture, load_text


def dates_of(name):
    return read_dates(load_fixture(name).document)


def test_seed_000():
    found = dates_of("seeds/000")
    assert (found.title.value, found.title.line, found.title.column) == (2018, 2, 7)
    assert [(p.value, p.line) for p in found.period] == [(2018, 4)]
    assert [(c.value, c.line, c.column) for c in found.captions] == [(2018, 46, 2)]
    assert (found.signed.value, found.signed.line, found.signed.column) == (date(2019, 2, 20), 40, 29)
    assert found.year == 2018


def test_seed_001_signed_before_its_year_ends():
    found = dates_of("seeds/001")
    assert found.year == 2020 and found.signed.value == date(2020, 1, 15)
    assert [p.value for p in found.period] == [2020, 2020]


def test_caption_in_a_table_cell_and_a_title_over_two_lines():
    found = dates_of("seeds/002")
    assert found.title.value == 2018 and found.title.line == 3       # 2018年政府信息公开工作 / 年度报告
    assert (2018, 67, 2) in [(c.value, c.line, c.column) for c in found.captions]   # （2018年度） in a cell
    assert found.signed is None


def test_publication_date_when_there_is_no_signature():
    found = dates_of("real/web-045")
    assert found.title.value == 2015 and found.signed.value == date(2016, 2, 14)


def test_no_year_in_title_period_or_caption():
    # seed 004's title is 东丽区卫生健康委员会信息公开工作年度报告: its year is only in the text (read_identity)
    assert dates_of("seeds/004").year is None


def test_a_sentence_is_not_a_title():
    found = read_dates(load_text("本单位2015年未收到政府信息公开申请。\n").document)
    assert found.title is None


def test_the_year_comes_from_the_title_then_the_period_then_a_caption():
    period = "统计期限从2017年1月1日到12月31日止。\n"
    caption = "政府信息公开情况统计表（2016年度）\n"
    assert read_dates(load_text(period + caption).document).year == 2017
    assert read_dates(load_text(caption).document).year == 2016
    assert read_dates(load_text("2018年政府信息公开工作年度报告\n" + period).document).year == 2018


@pytest.mark.parametrize("title", ["9999年政府信息公开工作年度报告", "0000年政府信息公开工作年度报告"])
def test_a_damaged_title_year_is_no_year(title):
    # dates built from it would not exist (no 1月31日 of year 10000)
    found = read_dates(load_text(title + "\n统计期限从2017年1月1日到12月31日止。\n").document)
    assert found.title.value in (9999, 0) and found.year == 2017
    assert FIRST_YEAR <= found.year <= LAST_YEAR


def test_places_point_at_the_year_as_written():
    text = "xx市2019年政府信息公开工作年度报告\n\n本报告统计期限从2019年1月1日到12月31日止。\n\n2020年1月20日\n"
    found = read_dates(load_text(text).document)
    assert (found.title.line, found.title.column) == line_of(text, "2019")
    assert (found.period[0].line, found.period[0].column) == line_of(text, "2019", 2)
    assert (found.signed.line, found.signed.column, found.signed.end_column) == (5, 1, 11)
    assert found.signed.value == date(2020, 1, 20)


@pytest.mark.parametrize("year, last", [(2018, date(2019, 3, 31)), (2019, date(2020, 1, 31)),
                                        (2024, date(2025, 1, 31))])
def test_deadline(year, last):
    assert deadline(year) == last


def test_format_date():
    assert format_date(date(2020, 1, 5)) == "2020年1月5日"
    assert format_date(date(2020, 1, 5), "en") == "2020-01-05"


@pytest.mark.parametrize("written", ["2019年2月30日", "2019年13月1日", "2019年0月10日", "2019年2月29日"])
def test_invalid_dates_are_ignored(written):
    text = fixture_text("seeds/000").replace("2019年2月20日", written)
    assert read_dates(load_text(text).document).signed is None


def test_a_leap_day_is_a_date():
    text = fixture_text("seeds/000").replace("2019年2月20日", "2020年2月29日")
    assert read_dates(load_text(text).document).signed.value == date(2020, 2, 29)


def test_the_last_date_line_is_the_signature():
    text = "2018年政府信息公开工作年度报告\n\n2019年1月2日\n\n正文。\n\n2019年1月20日\n"
    assert read_dates(load_text(text).document).signed.value == date(2019, 1, 20)


@pytest.mark.parametrize("written, signed", [
    ("二〇一九年二月二十日", date(2019, 2, 20)), ("二○一九年二月二十日", date(2019, 2, 20)),
    ("二零一九年十二月三十一日", date(2019, 12, 31)), ("2019-02-20", date(2019, 2, 20)),
    ("2019.2.20", date(2019, 2, 20)), ("2019/2/20", date(2019, 2, 20)),
    ("二〇一九年二月三十日", None), ("二〇一九年二月二十二十日", None), ("2019.2/20", None), ("2019-13-01", None),
])
def test_signing_dates_in_other_writings(written, signed):
    # seed 000 ends with its agency's name and 2019年2月20日
    text = fixture_text("seeds/000").replace("2019年2月20日", written)
    found = read_dates(load_text(text).document).signed
    assert (found.value if found else None) == signed


def test_a_separated_date_in_a_table_is_no_signature():
    # 2019.1.2 in a table's cells is a value of the table, unless among the report's last lines
    table = "\t日期\n\t2019.1.2\n\t数量\n\t3\n\t日期\n\t2019.1.3\n\t数量\n\t4\n"
    text = "2018年政府信息公开工作年度报告\n\n正文。\n\n" + table + "\n正文。\n\n正文。\n\n正文。\n\n某某局\n"
    assert read_dates(load_text(text).document).signed is None
    assert read_dates(load_text(text + "\n2019.1.20\n").document).signed.value == date(2019, 1, 20)


# --- identity: agency and year -------------------------------------------------------------

def identity_of(name) -> Identity:
    report = load_fixture(name)
    return read_identity(report.document, report.dates)


# Read by hand from each file (tests/fixtures/README.md and the `# note:` lines name the agency and
# year; where the text itself does not name them, nothing is read). Seed 004 is 天津市东丽区卫生健康委员会's
# report, but its text says only 东丽区卫生健康委员会; web-029 (文登区住建局, 2019) names neither in a title.
IDENTITIES = {
    "seeds/000": ("宁波市鄞州区卫生健康局", "text", 2018, "title"),    # title 区卫生健康局…; 由宁波市鄞州区卫生健康局编制
    "seeds/001": ("余姚市卫生健康局", "heading", 2020, "title"),
    "seeds/002": ("北京市朝阳区卫生和计划生育委员会", "heading", 2018, "title"),
    "seeds/003": ("贺兰县卫生和计划生育局", "title", 2017, "title"),
    "seeds/004": ("东丽区卫生健康委员会", "title", 2019, "text"),       # 现将2019年政务信息公开工作情况汇报如下
    "real/hongze-2024.layout": ("淮安市洪泽区人民政府", "heading", 2024, "title"),
    "real/hongze-2024.raw": ("淮安市洪泽区人民政府", "heading", 2024, "title"),
    "real/hongze-2024.pdf": ("淮安市洪泽区人民政府", "heading", 2024, "title"),
    "real/template-2021-blank": (None, "", None, ""),
    "real/web-002": (None, "", 2024, "period"),                     # 统计期限为2024年1月1日至2024年12月31日
    "real/web-003": (None, "", None, ""),
    "real/web-006": (None, "", 2022, "text"),                       # 现公布我局2022年政府信息公开工作年度报告
    "real/web-007": (None, "", 2021, "text"),                       # 向社會公布2021年本級政府信息公開工作年度報告
    "real/web-012": ("中村乡", "title", 2020, "title"),
    "real/web-015": ("得荣县卫生健康局", "heading", 2019, "title"),
    "real/web-022": (None, "", None, ""),
    "real/web-029": (None, "", None, ""),
    "real/web-044": ("湖里区人民政府", "title", 2018, "title"),
    "real/web-045": ("永嘉县统计局", "title", 2015, "title"),
}


@pytest.mark.parametrize("name", IDENTITIES)
def test_agency_and_year_of_the_fixtures(name):
    found = identity_of(name)
    assert (found.agency, found.agency_from, found.year, found.year_from) == IDENTITIES[name]


def test_identity_points_at_the_words_read():
    found = identity_of("seeds/000")
    text = fixture_text("seeds/000")
    assert (found.agency_at.line, found.agency_at.column) == line_of(text, "宁波市鄞州区卫生健康局")
    assert found.agency_at.end_column - found.agency_at.column == len("宁波市鄞州区卫生健康局")
    assert (found.year_at.line, found.year_at.column) == (2, 7)
    found = identity_of("seeds/004")
    assert (found.year_at.line, found.year_at.column) == line_of(fixture_text("seeds/004"), "2019年政务信息")


def identity_of_text(text: str) -> Identity:
    report = load_text(text)
    return read_identity(report.document, report.dates)


@pytest.mark.parametrize("text, agency", [
    ("东丽区卫生健康委员会信息公开工作年度报告\n", "东丽区卫生健康委员会"),
    ("湖里区人民政府2018年政府信息公开工作年度报告\n", "湖里区人民政府"),
    ("贺兰县卫生和计划生育局 2017 年政府信息公开工作年度报告\n", "贺兰县卫生和计划生育局"),
    ("某县人民政府办公室关于2019年政府信息公开工作年度报告\n", "某县人民政府办公室"),
    ("關於2019年政府信息公開工作年度報告\n", None),              # 关于… names no agency
    ("2019年政府信息公开工作年度报告\n", None),
    ("本单位2015年未收到政府信息公开申请。\n", None),             # a sentence, not a title
    ("全局2019年主动公开情况\n", None),                             # a heading of the text, not the title
])
def test_agency_from_the_title(text, agency):
    assert identity_of_text(text).agency == agency


def test_agency_from_the_signature_and_year_from_the_signing_date():
    text = "政府信息公开工作年度报告\n\n正文没有写年度。\n\n某某市统计局\n\n2020年1月20日\n"
    found = identity_of_text(text)
    assert (found.agency, found.agency_from) == ("某某市统计局", "signature")
    # signed in January 2020: the report on 2019
    assert (found.year, found.year_from, found.year_at.line) == (2019, "signature", 7)
    late = identity_of_text(text.replace("2020年1月20日", "2020年9月20日"))
    assert late.year is None                   # signed in September: no telling which year it is on


def test_a_longer_name_in_the_text_completes_the_title():
    text = "区统计局2019年政府信息公开工作年度报告\n\n本报告由杭州市西湖区统计局编制。\n"
    found = identity_of_text(text)
    assert (found.agency, found.agency_from) == ("杭州市西湖区统计局", "text")
    # a name that does not end with the title's is another body (the office that wrote it)
    text = "杭州市统计局2019年政府信息公开工作年度报告\n\n本报告由杭州市统计局办公室编制。\n"
    assert identity_of_text(text).agency == "杭州市统计局"


@pytest.mark.parametrize("line", ["# gxlint: agency=某某县卫生健康局; year=2020",
                                  "gxlint：机关：某某县卫生健康局，年度：2020",
                                  "<!-- gxlint: agency: 某某县卫生健康局, year: 2020 -->"])
def test_the_front_matter_line_sets_agency_and_year(line):
    found = identity_of_text(f"{line}\n\n某市统计局2018年政府信息公开工作年度报告\n")
    assert (found.agency, found.agency_from, found.year, found.year_from) == \
        ("某某县卫生健康局", "front matter", 2020, "front matter")
    assert found.agency_at is None and found.year_at is None


def test_front_matter_below_the_first_lines_or_out_of_range_is_ignored():
    text = "某市统计局2018年政府信息公开工作年度报告\n\n" + "正文。\n\n" * 12 + "# gxlint: year=2020\n"
    assert identity_of_text(text).year == 2018
    assert identity_of_text("# gxlint: year=12345\n\n某市统计局2018年政府信息公开工作年度报告\n").year == 2018


def test_settings_override_what_is_read():
    found = identity_of("seeds/004").with_settings("天津市东丽区卫生健康委员会", None, "config")
    assert (found.agency, found.agency_from, found.year, found.year_from) == \
        ("天津市东丽区卫生健康委员会", "config", 2019, "text")


def test_agency_keys_compare_width_spaces_and_traditional_characters():
    assert agency_key("柞水縣凤凰鎮人民政府") == agency_key("柞水县凤凰镇人民政府")     # as rules/hanzi.yaml knows them
    assert agency_key("东丽区 卫生健康委员会") == agency_key("东丽区卫生健康委员会")
    assert agency_key("东丽区卫生健康委员会") != agency_key("西青区卫生健康委员会")
