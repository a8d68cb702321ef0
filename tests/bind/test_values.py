"""linter.bind.values: cell values in the forms real tables write them."""

import time
from decimal import Decimal

import pytest

from linter.bind.values import (BLANK, MAX_DIGITS, MONEY_UNITS, NOT_APPLICABLE, NUMBER, TEXT, is_number, is_unit,
                                normalize_digits, parse_value)


@pytest.mark.parametrize("text, number, unit", [
    ("979", "979", None),
    ("　　0", "0", None),                 # seed 004 pads with U+3000
    ("0 ", "0", None),
    ("1,234", "1234", None),
    ("１２", "12", None),                 # full-width digits
    ("+1", "1", None),                    # seed 001: 本年增/减
    ("-417", "-417", None),               # web-029
    ("−3", "-3", None),                   # U+2212 minus
    ("246.08万", "246.08", "万"),         # seed 004
    ("20189万元", "20189", "万元"),       # seed 001
    ("20189萬元", "20189", "万元"),       # the same in traditional characters
    ("96171.6", "96171.6", None),
    ("18500元", "18500", "元"),
    ("１，２３４．５", "1234.5", None),
    ("45.4%", "45.4", "%"),
    ("12 件", "12", "件"),
    ("1 234", "1234", None),              # spaces are dropped, as a reader does
])
def test_numbers(text, number, unit):
    value = parse_value(text)
    assert value.kind == NUMBER
    assert value.number == Decimal(number)
    assert value.unit == unit
    assert is_number(text)


def test_numbers_are_exact_decimals():
    assert parse_value("0.1").number + parse_value("0.2").number == Decimal("0.3")
    assert isinstance(parse_value("96171.6").number, Decimal)


def test_digits_written():
    assert parse_value("1,234.5").digits == 5
    assert parse_value("０").digits == 1


@pytest.mark.parametrize("text", ["——", "—", "-", "/", "／", "无", "－", "--", "不适用", "N/A", "na"])
def test_not_applicable_is_not_blank(text):
    assert parse_value(text).kind == NOT_APPLICABLE


@pytest.mark.parametrize("text", ["", " ", "\u3000\u3000", "\t", "\xa0"])
def test_blank(text):
    assert parse_value(text).kind == BLANK


@pytest.mark.parametrize("text", ["条", "行政许可", "1.2.3", "12a", "约20", "1,23", "+-1", "12万吨", "1e5"])
def test_text(text):
    assert parse_value(text).kind == TEXT
    assert not is_number(text)


@pytest.mark.parametrize("text, kind", [
    ("9" * 20, NUMBER),                       # the most digits a cell may hold
    ("1" + ",000" * 6, NUMBER),               # 19 digits with separators
    ("1234567890123.45元", NUMBER),
    ("9" * 21, TEXT),                         # one more is not a count anyone means
    ("1" + ",000" * 7, TEXT),
    ("1." + "5" * 19, NUMBER),                # fraction digits count too
    ("1." + "5" * 20, TEXT),
    ("1." + "5" * 5000, TEXT),
    ("-" + "9" * 5000, TEXT),                 # Python cannot even print an int this long by default
    ("9" * 100_000, TEXT),
])
def test_digit_limit(text, kind):
    value = parse_value(text)
    assert value.kind == kind
    if kind == NUMBER:
        assert value.number == Decimal(text.replace(",", "").replace("元", ""))
        assert value.digits <= MAX_DIGITS


def test_long_cells_are_read_alike_and_quickly():
    start = time.monotonic()
    for text in ("1" * 1_000_000, "1," * 500_000 + "1", "—" * 1_000_000, "约" + "1" * 1_000_000):
        assert parse_value(text).kind == (NOT_APPLICABLE if text[0] == "—" else TEXT)
    assert time.monotonic() - start < 5


def test_normalize_digits():
    assert normalize_digits("１，２３４．５ 万") == "1,234.5万"
    assert normalize_digits("−３") == "-3"


@pytest.mark.parametrize("text, unit", [("条", True), ("万元", True), ("　人次　", True), ("％", True),
                                        ("条数", False), ("12", False), ("", False)])
def test_units(text, unit):
    assert is_unit(text) is unit


def test_money_units_convert_to_wan_yuan():
    assert Decimal(18500) * MONEY_UNITS["元"] == Decimal("1.85")
    assert Decimal(2) * MONEY_UNITS["亿元"] == Decimal(20000)
    assert MONEY_UNITS["万"] == MONEY_UNITS["万元"] == 1
