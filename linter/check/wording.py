"""How findings name things: numbers, cells, tables, lists."""

from __future__ import annotations

from decimal import Decimal

from ..bind.binder import BoundRow, Fact
from ..bind.labels import display
from ..messages import fill

SECTION_TITLES = {"stats": "政府信息公开情况统计表", "active": "主动公开政府信息情况表",
                  "apply": "收到和处理政府信息公开申请情况表", "review": "行政复议、行政诉讼情况表"}
SECTION_TITLES_EN = {"stats": "the statistics table", "active": "the proactive disclosure table",
                     "apply": "the table of applications", "review": "the review and litigation table"}


def section_title(name: str, lang: str = "zh") -> str:
    return (SECTION_TITLES_EN if lang == "en" else SECTION_TITLES)[name]


def format_number(value, lang: str = "zh") -> str:
    from .expr import Unknown

    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if isinstance(value, Unknown):
        if lang == "en":
            return "(blank)" if value.blank else "(no data)"
        return "（空白）" if value.blank else "（无数据）"
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return str(value)


def fact_label(fact: Fact) -> str:
    """How a message names a cell: the row as the report labels it, and the column."""
    label = display(fact.label) or display(fact.row.label)
    if fact.column.label and len(fact.row.columns) > 1:
        group = f"{fact.column.group_label}" if fact.row.unlabeled and fact.column.group_label else ""
        return f"{label}{group}“{fact.column.label}”" if label else f"{group}“{fact.column.label}”"
    return label


def row_label(row: BoundRow) -> str:
    return display(row.label or (row.row.label if row.row else ""))


def quoted(labels, lang: str = "zh") -> str:
    return (", " if lang == "en" else "、").join(f"“{label}”" for label in labels)


def say(message: str, /, **values) -> str:
    """*message* with its placeholders filled from *values*."""
    return fill(message, {name: str(value) for name, value in values.items()})
