"""linter.dates: the years and dates a report states about itself."""

import pytest

from linter.dates import Day, deadline, read_dates

from .conftest import fixture_text, load_fixture, load_text


def dates_of(name):
    return read_dates(load_fixture(name).document)


def test_seed_000():
    found = dates_of("seeds/000")
    assert (found.title.value, found.title.line, found.title.column) == (2018, 2, 7)
    assert [(p.value, p.line) for p in found.period] == [(2018, 4)]
    assert [(c.value, c.line, c.column) for c in found.captions] == [(2018, 46, 2)]
    assert (found.signed.value, found.signed.line, found.signed.column) == (Day(2019, 2, 20), 40, 29)


def test_seed_001_signed_before_its_year_ends():
    found = dates_of("seeds/001")
    assert found.year == 2020 and found.signed.value == Day(2020, 1, 15)
    assert [p.value for p in found.period] == [2020, 2020]


def test_caption_in_a_table_cell_and_a_title_over_two_lines():
    found = dates_of("seeds/002")
    assert found.title.value == 2018 and found.title.line == 3       # 2018年政府信息公开工作 / 年度报告
    assert (2018, 67, 2) in [(c.value, c.line, c.column) for c in found.captions]   # （2018年度） in a cell
    assert found.signed is None


def test_publication_date_when_there_is_no_signature():
    found = dates_of("real/web-045")
    assert found.title.value == 2015 and found.signed.value == Day(2016, 2, 14)


def test_no_year_at_all():
    assert dates_of("seeds/004").year is None


def test_a_sentence_is_not_a_title():
    found = read_dates(load_text("本单位2015年未收到政府信息公开申请。\n").document)
    assert found.title is None


@pytest.mark.parametrize("year, last", [(2018, Day(2019, 3, 31)), (2019, Day(2020, 1, 31)),
                                        (2024, Day(2025, 1, 31))])
def test_deadline(year, last):
    assert deadline(year) == last


def test_invalid_dates_are_ignored():
    text = fixture_text("seeds/000").replace("2019年2月20日", "2019年2月30日")
    assert read_dates(load_text(text).document).signed is None


@pytest.mark.parametrize("year, month, day, valid", [
    (2020, 2, 29, True), (2019, 2, 29, False), (2000, 2, 29, True), (1900, 2, 29, False),
    (2021, 4, 30, True), (2021, 4, 31, False), (2021, 12, 31, True), (2021, 13, 1, False),
    (2021, 0, 1, False), (2021, 1, 0, False), (0, 1, 1, False), (9999, 12, 31, True), (10000, 1, 1, False)])
def test_day_takes_only_days_of_the_calendar(year, month, day, valid):
    if valid:
        assert str(Day(year, month, day)) == f"{year:04d}-{month:02d}-{day:02d}"
    else:
        with pytest.raises(ValueError):
            Day(year, month, day)


def test_days_are_ordered_by_year_month_day():
    days = [Day(2020, 1, 15), Day(2019, 12, 31), Day(2020, 1, 2), Day(2019, 2, 1)]
    assert [str(day) for day in sorted(days)] == ["2019-02-01", "2019-12-31", "2020-01-02", "2020-01-15"]
    assert Day(2020, 1, 15) == Day(2020, 1, 15) and Day(2020, 1, 15) <= Day(2020, 1, 15) < Day(2020, 1, 16)
    assert Day(2021, 1, 1) > Day(2020, 12, 31) >= Day(2020, 12, 31)
    assert len({Day(2020, 1, 15), Day(2020, 1, 15)}) == 1
