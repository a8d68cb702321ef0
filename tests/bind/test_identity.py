"""linter.bind.identity: the years and dates a report states about itself."""

from datetime import date

import pytest

from linter.bind.identity import FIRST_YEAR, LAST_YEAR, deadline, format_date, read_dates

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


def test_no_year_at_all():
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
