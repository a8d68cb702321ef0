"""JSON helpers shared by the machine formats."""

from __future__ import annotations

import json
from decimal import Decimal

from typing import Any


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an integer when it is one, else its shortest decimal."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
