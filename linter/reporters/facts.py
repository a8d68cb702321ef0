"""``gxlint --facts``: what was read from each table, and where.

The JSON form is::

    {"files": [{"path": ..., "templates": [...], "tables": [
        {"template": "2008|2019|2021", "section": "stats|active|apply|review",
         "line": N, "end_line": N, "facts": [
            {"key": ..., "value": number|null, "raw": ..., "line": N, "column": N,
             "status": "number|blank|na|text", "label": ..., "column_label": ...,
             "unit": ..., "end_line": N, "end_column": N}]}]}]}
"""

from __future__ import annotations

from collections.abc import Iterable

from ..binder import BoundTable, Fact
from ..findings import printable
from .jsonutil import dumps, number

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from typing import TextIO

SECTION_TITLES = {"stats": "统计表", "active": "主动公开", "apply": "依申请公开", "review": "复议诉讼"}


def fact_json(fact: Fact) -> dict:
    return {
        "key": fact.key,
        "value": number(fact.value),
        "raw": fact.raw,
        "line": fact.cell.line,
        "column": fact.cell.column,
        "end_line": fact.cell.end_line,
        "end_column": fact.cell.end_column,
        "status": fact.status,
        "label": fact.label,
        "column_label": fact.column.label,
        "unit": fact.unit,
    }


def table_json(table: BoundTable) -> dict:
    return {
        "template": table.template.id,
        "section": table.section.name,
        "line": table.line,
        "end_line": table.end_line,
        "facts": [fact_json(fact) for fact in table.facts.values()],
    }


def write_json(results: Iterable, out: TextIO) -> None:
    files = []
    for result in results:
        entry = {"path": result.path}
        if result.error:
            entry["error"] = result.error
        else:
            entry["templates"] = result.binding.templates
            entry["tables"] = [table_json(table) for table in result.binding.tables]
        files.append(entry)
    out.write(dumps({"files": files}) + "\n")


def _value_text(fact: Fact) -> str:
    if fact.value is None:
        return {"blank": "（空白）", "na": "（不适用）", "text": "（非数字）"}.get(fact.status, "")
    return str(fact.value.normalize()) if fact.value != fact.value.to_integral_value() else str(int(fact.value))


def write_text(results: Iterable, out: TextIO) -> None:
    """One fact a line: ``path:line:col: key = value`` (for grep and scripts)."""
    for result in results:
        path = printable(result.path)
        if result.error:
            out.write(f"{path}: 错误：{printable(result.error)}\n")
            continue
        for table in result.binding.tables:
            out.write(f"{path}:{table.line}: 表格 模板 {table.template.id} "
                      f"{table.section.name}（{SECTION_TITLES[table.section.name]}）\n")
            for fact in table.facts.values():
                out.write(f"{path}:{fact.cell.line}:{fact.cell.column}: {fact.key} = "
                          f"{_value_text(fact)}  [{printable(fact.label)} / {fact.column.label}] "
                          f"原文 {printable(repr(fact.raw.strip()))}\n")


def write_rich(results: Iterable, console) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    for result in results:
        console.rule(Text(printable(result.path), style="bold"))
        if result.error:
            console.print(Text(f"错误：{printable(result.error)}", style="red"))
            continue
        if not result.binding.tables:
            console.print("未识别到统计表格。")
        for table in result.binding.tables:
            title = (f"模板 {table.template.id} · {table.section.name}"
                     f"（{SECTION_TITLES[table.section.name]}）· 第 {table.line}–{table.end_line} 行")
            grid = Table(title=escape(title), title_justify="left", show_lines=False)
            for heading in ("键", "行", "列", "原文", "值", "位置"):
                grid.add_column(heading, overflow="fold")
            for fact in table.facts.values():
                grid.add_row(*(Text(printable(text)) for text in (
                    fact.key, fact.label, fact.column.label, fact.raw.strip(),
                    _value_text(fact), f"{fact.cell.line}:{fact.cell.column}")))
            console.print(grid)
