"""Reading the value of a table cell.

Real tables write numbers in many ways: ``979``, ``1,234``, full-width
``１２``, ``+1`` and ``-417`` for changes, ``246.08万``, ``20189万元``,
``96171.6``. A cell may also be blank, or say "not applicable" with ``——``,
``—``, ``-``, ``/`` or ``无``: that is not the same as blank.

Numbers are :class:`decimal.Decimal`, never floats, so sums are exact. A cell
with more than :data:`MAX_DIGITS` digits is not read as a number: no report
means such a count or amount (it is glued cells or garbage); it reads as text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

NUMBER = "number"
BLANK = "blank"
NOT_APPLICABLE = "na"
TEXT = "text"

_NA_RE = re.compile(r"^(?:[—–\-－‐―─/／\\]+|无|不适用|N/?A)$", re.IGNORECASE)
_NUMBER_RE = re.compile(
    r"^(?P<sign>[+\-])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?P<unit>万元|千元|亿元|元|万|件|条|次|个|人次|人|篇|期|项|名|场|%)?$")
_SPACE_RE = re.compile(r"\s+")
MAX_DIGITS = 20

# Money units and their factor to 万元.
MONEY_UNITS = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1),
               "万": Decimal(1), "亿元": Decimal(10000)}
UNIT_WORDS = frozenset({"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "千元", "亿元",
                        "期", "项", "份", "场", "名", "家", "户", "天", "日", "%", "万"})


@dataclass(frozen=True, slots=True)
class Value:
    kind: str                     # number | blank | na | text
    number: Decimal | None = None
    unit: str | None = None       # a unit written inside the cell, e.g. 万元 in 20189万元
    digits: int = 0               # how many digits the number is written with


def normalize_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII, all spaces removed."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.replace("−", "-").replace("，", ",").replace("．", ".")
    text = text.replace("萬", "万").replace("億", "亿")       # 20189萬元 in traditional text
    return _SPACE_RE.sub("", text)


@lru_cache(maxsize=65536)
def parse_value(text: str) -> Value:
    """What a cell holds: a number (with the unit written in it), blank, not applicable or text."""
    compact = normalize_digits(text)
    if not compact:
        return Value(BLANK)
    if _NA_RE.match(compact):
        return Value(NOT_APPLICABLE)
    match = _NUMBER_RE.match(compact)
    if not match:
        return Value(TEXT)
    digits = match["digits"].replace(",", "")
    fraction = match["fraction"] or ""
    # Fraction digits count too: 1.555… with thousands of 5s is no amount either, and the rules'
    # arithmetic (34 significant digits) would no longer be exact with it.
    written = len(digits) + max(len(fraction) - 1, 0)
    if written > MAX_DIGITS:
        return Value(TEXT)
    number = Decimal(digits + fraction)
    return Value(NUMBER, -number if match["sign"] == "-" else number, match["unit"], written)


def is_number(text: str) -> bool:
    return parse_value(text).kind == NUMBER


def is_unit(text: str) -> bool:
    return normalize_digits(text) in UNIT_WORDS
