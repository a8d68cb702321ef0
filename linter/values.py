"""Reading the value of a table cell.

Real tables write numbers in many ways: ``979``, ``1,234``, full-width
``１２``, ``+1`` and ``-417`` for changes, ``246.08万``, ``20189万元``,
``96171.6``. A cell may also be blank, or say "not applicable" with ``——``,
``—``, ``-``, ``/`` or ``无``: that is not the same as blank.

Numbers are :class:`decimal.Decimal`, never floats, so sums are exact. A
cell with more than :data:`MAX_DIGITS` digits is not read as a number: no
report means such a count or amount (it is glued cells or garbage), and the
rules' arithmetic (34 significant digits, see :mod:`linter.expr`) could no
longer be exact with it; it reads as text, which the rules report as such.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from . import regex_cache
from .record import FrozenRecord

NUMBER = "number"
BLANK = "blank"
NOT_APPLICABLE = "na"
TEXT = "text"

_NA_RE = regex_cache.compile(r"^(?:[—–\-－‐―─/／\\、]+|无|不适用|N/?A)$", re.IGNORECASE)
_NUMBER_RE = regex_cache.compile(
    r"^(?P<sign>[+\-])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?P<unit>万元|千元|亿元|元|万|件|条|次|个|人次|人|篇|期|项|名|场|%)?$"
)
_SPACE_RE = regex_cache.compile(r"\s+")
# Enough for any count or amount a report states (1234567890123.45 元 has 15);
# a sum of a million such numbers still fits the rules' 34 digits exactly.
MAX_DIGITS = 20

# Money units and their factor to 万元.
MONEY_UNITS = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1),
               "万": Decimal(1), "亿元": Decimal(10000)}


class Value(FrozenRecord):
    kind: str                     # number | blank | na | text
    number: Decimal | None
    unit: str | None              # a unit written inside the cell, e.g. 万元 in 20189万元

    def __init__(self, kind, number=None, unit=None):
        self.kind = kind
        self.number = number
        self.unit = unit


def normalize_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII, all spaces removed."""
    if not unicodedata.is_normalized("NFKC", text):        # a quick check: most text already is
        text = unicodedata.normalize("NFKC", text)
    text = text.replace("−", "-").replace("，", ",").replace("．", ".")
    text = text.replace("萬", "万").replace("億", "亿")       # 20189萬元 in traditional text
    return _SPACE_RE.sub("", text)


def parse_value(text: str) -> Value:
    """What a cell holds: a number (with the unit written in it), blank, not applicable or text."""
    # The binder asks about the same cell text many times (has_number, _split,
    # _affinity), and texts repeat across a report ("0", "——"): short ones are
    # cached. Long ones are not, so a cache never holds megabytes of one file.
    return _parse_short(text) if len(text) <= _CACHED_LENGTH else _parse(text)


_CACHED_LENGTH = 64


@lru_cache(maxsize=65536)
def _parse_short(text: str) -> Value:
    return _parse(text)


def _parse(text: str) -> Value:
    compact = normalize_digits(text)
    if not compact:
        return Value(BLANK)
    if _NA_RE.match(compact):
        return Value(NOT_APPLICABLE)
    match = _NUMBER_RE.match(compact)
    if not match:
        return Value(TEXT)
    digits = match["digits"].replace(",", "") + (match["fraction"] or "")
    if len(digits) - (1 if match["fraction"] else 0) > MAX_DIGITS:
        return Value(TEXT)
    try:
        number = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return Value(TEXT)
    if match["sign"] == "-":
        number = -number
    return Value(NUMBER, number, match["unit"])


def is_number(text: str) -> bool:
    return parse_value(text).kind == NUMBER
