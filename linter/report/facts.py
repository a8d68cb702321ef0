"""``gxlint --facts``: what was read from each table, and where.

The JSON form is::

    {"files": [{"path": ..., "templates": [...], "agency": ..., "year": N,
                "identity": {"agency_from": ..., "year_from": ..., "agency_at": {...}, "year_at": {...}},
                "tables": [
        {"template": "2008|2019|2021", "section": "stats|active|apply|review",
         "line": N, "end_line": N, "facts": [
            {"key": ..., "value": number|null, "raw": ..., "line": N, "column": N,
             "status": "number|blank|na|text", "label": ..., "column_label": ...,
             "unit": ..., "end_line": N, "end_column": N, "location": {...}}],
         "extra_rows": [{"label": ..., "values": [...], "line": N}]}]}]}

``agency`` and ``year`` are whose report it is and the year it is about (null where
neither the report nor the configuration says; see :func:`linter.bind.identity.read_identity`);
``identity`` says where each was found: ``agency_from`` and ``year_from`` are ``title``,
``heading`` (a line above the title), ``signature``, ``text``, ``period``, ``caption``,
``front matter`` or ``config`` (``""`` when not found), ``agency_at`` and ``year_at`` the
``line``, ``column`` and ``end_column`` of the words read (null when set, not read). In the
other forms they come first: ``path:line:col: agency = “name”  [from the title]`` (``机关 = …``
in Chinese). ``location`` is
there for Word, PDF and HTML files (see :mod:`linter.report.json`). A file that
could not be read has ``"error": message`` and the ``line`` and ``column`` it
concerns instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..bind.binder import BoundTable, Fact
from ..bind.outline import outline_json, outline_lines
from ..check.findings import printable
from ..messages import fill
from .jsonutil import dumps, number

SECTION_TITLES = {"zh": {"stats": "统计表", "active": "主动公开", "apply": "依申请公开", "review": "复议诉讼"},
                  "en": {"stats": "statistics table", "active": "proactive disclosure",
                         "apply": "applications", "review": "review and litigation"}}
WORDS = {"zh": {"table": "表格 模板", "raw": "原文", "error": "错误", "none": "未识别到统计表格。",
                "headings": ("键", "行", "列", "原文", "值", "位置"), "lines": "第 {first}–{last} 行",
                "blank": "（空白）", "na": "（不适用）", "text": "（非数字）", "extra": "附加行",
                "agency": "机关", "year": "年度", "unknown": "未识别", "from": "来自{source}"},
         "en": {"table": "table, template", "raw": "written", "error": "error", "none": "No statistics table recognised.",
                "headings": ("key", "row", "column", "written", "value", "place"), "lines": "lines {first}–{last}",
                "blank": "(blank)", "na": "(not applicable)", "text": "(not a number)", "extra": "extra row",
                "agency": "agency", "year": "year", "unknown": "not found", "from": "from {source}"}}
SOURCES = {"zh": {"title": "标题", "heading": "标题上方", "signature": "落款", "text": "正文", "period": "统计期限",
                  "caption": "统计表标题", "front matter": "报告首行的 gxlint: 注明", "config": "配置 reports:"},
           "en": {"title": "the title", "heading": "the line above the title", "signature": "the signature",
                  "text": "the text", "period": "the statistics period", "caption": "a table caption",
                  "front matter": "the gxlint: line at the top", "config": "the configuration's reports:"}}


def fact_json(fact: Fact) -> dict:
    data = {
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
    if fact.cell.origin is not None:
        data["location"] = fact.cell.origin.as_dict()
    return data


def _extra_rows(table: BoundTable) -> list[dict]:
    return [{"label": row.label, "values": [cell.text for cell in row.value_cells], "line": row.line}
            for row in table.rows if row.row is None and row.label_cells and row.value_cells]


def table_json(table: BoundTable) -> dict:
    return {
        "template": table.template.id,
        "section": table.section.name,
        "line": table.line,
        "end_line": table.end_line,
        "facts": [fact_json(fact) for fact in table.facts.values()],
        "extra_rows": _extra_rows(table),
    }


def write_json(results: Iterable, out: TextIO) -> None:
    files = []
    for result in results:
        entry = {"path": result.path}
        if result.error:
            entry["error"] = result.error
            entry["line"], entry["column"] = result.error_line, result.error_column
        else:
            entry["templates"] = result.binding.templates
            entry.update(identity_json(result.identity))
            entry["tables"] = [table_json(table) for table in result.binding.tables]
            outline = result.report.outline
            entry["outline"] = outline_json(outline) if outline else None
        files.append(entry)
    out.write(dumps({"files": files}) + "\n")


def _place(stated) -> dict | None:
    return {"line": stated.line, "column": stated.column, "end_column": stated.end_column} if stated else None


def identity_json(identity) -> dict:
    if identity is None:
        return {"agency": None, "year": None}
    return {"agency": identity.agency, "year": identity.year,
            "identity": {"agency_from": identity.agency_from, "year_from": identity.year_from,
                         "agency_at": _place(identity.agency_at), "year_at": _place(identity.year_at)}}


def identity_lines(result, lang: str = "zh") -> list[tuple[str, str]]:
    """``(place, text)`` for the agency and the year: ``2:7``, ``agency = 东丽区…  [from the title]``."""
    words = WORDS[lang]
    identity = result.identity
    shown = []
    for name in ("agency", "year"):
        value = getattr(identity, name) if identity else None
        source = getattr(identity, f"{name}_from") if identity else ""
        stated = getattr(identity, f"{name}_at") if identity else None
        if value is None:
            text = f"{words[name]} = ({words['unknown']})" if lang == "en" else f"{words[name]} = （{words['unknown']}）"
        else:
            value = f"“{value}”" if lang == "en" and name == "agency" else value
            note = fill(words["from"], {"source": SOURCES[lang].get(source, source)})
            text = f"{words[name]} = {value}  [{note}]"
        shown.append((f"{stated.line}:{stated.column}" if stated else "1:1", printable(text)))
    return shown


def _value_text(fact: Fact, lang: str) -> str:
    if fact.value is None:
        return WORDS[lang].get(fact.status, "")
    return str(fact.value.normalize()) if fact.value != fact.value.to_integral_value() else str(int(fact.value))


def write_text(results: Iterable, out: TextIO, lang: str = "zh") -> None:
    """One fact a line: ``path:line:col: key = value`` (for grep and scripts)."""
    words = WORDS[lang]
    for result in results:
        path = printable(result.path)
        if result.error:
            out.write(f"{path}:{result.error_line}:{result.error_column}: {words['error']}: "
                      f"{printable(result.error)}\n")
            continue
        for place, text in identity_lines(result, lang):
            out.write(f"{path}:{place}: {text}\n")
        for table in result.binding.tables:
            out.write(f"{path}:{table.line}: {words['table']} {table.template.id} "
                      f"{table.section.name} ({SECTION_TITLES[lang][table.section.name]})\n")
            for fact in table.facts.values():
                out.write(f"{path}:{fact.cell.line}:{fact.cell.column}: {fact.key} = "
                          f"{_value_text(fact, lang)}  [{printable(fact.label)} / {fact.column.label}] "
                          f"{words['raw']} {printable(repr(fact.raw.strip()))}\n")
            for row in _extra_rows(table):
                out.write(f"{path}:{row['line']}: {words['extra']} {printable(row['label'])} = "
                          f"{printable(' '.join(row['values']))}\n")
        if result.report.outline:
            out.writelines(printable(line) + "\n" for line in outline_lines(result.report.outline, lang, path))


def write_rich(results: Iterable, console, lang: str = "zh") -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    words = WORDS[lang]
    for result in results:
        console.rule(Text(printable(result.path), style="bold"))
        if result.error:
            console.print(Text(f"{words['error']}: {printable(result.error)}", style="red"))
            continue
        console.print(Text("    ".join(text for _, text in identity_lines(result, lang))))
        if not result.binding.tables:
            console.print(words["none"])
        for table in result.binding.tables:
            title = (f"{table.template.id} · {table.section.name} ({SECTION_TITLES[lang][table.section.name]}) · "
                     + fill(words["lines"], {"first": table.line, "last": table.end_line}))
            grid = Table(title=escape(title), title_justify="left", show_lines=False)
            for heading in words["headings"]:
                grid.add_column(heading, overflow="fold")
            for fact in table.facts.values():
                grid.add_row(*(Text(printable(text)) for text in (
                    fact.key, fact.label, fact.column.label, fact.raw.strip(),
                    _value_text(fact, lang), f"{fact.cell.line}:{fact.cell.column}")))
            console.print(grid)
        if result.report.outline:
            console.print(Text("\n".join(printable(line) for line in outline_lines(result.report.outline, lang))))
