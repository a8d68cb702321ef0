"""Hovers: what gxlint read from a table cell, and what a rule code means.

On a cell of a bound table: its fact key (the name rules use), the template's
row and column labels, the value read (in the template's unit) and the rules
that use it. On a rule code (``GX112``), in a report, a ``gxlint.yaml`` or a rule
file: the rule's explanation, as ``gxlint --explain GX112`` prints it.
"""

from __future__ import annotations

import io
import re

from ..bind.binder import Fact
from ..check.loading import Loaded
from ..check.wording import format_number
from ..report.rules_doc import explain
from .analysis import Analysis, rules_using

CODE_RE = re.compile(r"\b[A-Z]{2,6}[0-9]{3,5}\b")

WORDS = {
    "zh": {"key": "数据键", "template": "模板", "row": "行", "column": "列", "value": "读到的值",
           "unit": "单位", "rules": "使用它的规则", "none": "（无）", "blank": "空白",
           "na": "不适用（——）", "text": "文字", "written": "报告写作", "colon": "："},
    "en": {"key": "Fact key", "template": "Template", "row": "Row", "column": "Column", "value": "Value read",
           "unit": "unit", "rules": "Rules that use it", "none": "(none)", "blank": "blank",
           "na": "not applicable (——)", "text": "text", "written": "the report writes", "colon": ": "},
}


def code_at(line_text: str, column: int) -> str | None:
    """The rule code under (1-based) *column* of *line_text*, if any."""
    for match in CODE_RE.finditer(line_text):
        if match.start() < column <= match.end() + 1:
            return match.group()
    return None


def rule_hover(loaded: Loaded, code: str, lang: str, markdown: bool) -> str | None:
    rule = loaded.ruleset.by_id(code)
    if rule is None:
        return None
    out = io.StringIO()
    explain(rule, out, lang)
    text = out.getvalue().rstrip("\n")
    if not markdown:
        return text
    # The explanation is plain text with tables and symbols that Markdown would reflow.
    return f"**{rule.id}** {_escape(rule.text('title', lang))}\n\n```text\n{text}\n```"


def fact_hover(analysis: Analysis, fact: Fact, template_id: str, lang: str, markdown: bool) -> str:
    words = WORDS[lang]
    colon = words["colon"]
    text = _escape if markdown else (lambda plain: plain)
    code = (lambda name: f"`{name}`") if markdown else (lambda name: name)
    rules = rules_using(analysis.loaded, template_id, fact.key) if analysis.loaded else []
    lines = [
        f"{_bold(words['key'], markdown)}{colon}{code(fact.key)}　{words['template']} {template_id}",
        f"{words['row']}{colon}{text(fact.row.label)}",
        f"{words['column']}{colon}{text(fact.column.label)}",
        f"{words['value']}{colon}{text(_value(fact, words, lang))}",
    ]
    if fact.status == "number" and fact.written is not None and fact.written != fact.value:
        lines.append(f"{words['written']}{colon}{text(fact.raw)}" + (f" {fact.unit}" if fact.unit else ""))
    lines.append(f"{words['rules']}{colon}" + ("" if rules else words["none"]))
    items = [f"- {code(rule.id)} {text(rule.text('title', lang))}" for rule in rules]
    # Two spaces end a Markdown line without starting a paragraph; a list may follow a line directly.
    return ("  \n" if markdown else "\n").join(lines) + "".join("\n" + item for item in items)


def template_of(analysis: Analysis, fact: Fact) -> str:
    for table in analysis.report.binding.tables:
        if fact in table.facts.values():
            return table.template.id
    return fact.row.template_id


def _value(fact: Fact, words: dict, lang: str) -> str:
    """The value read, in the template's unit."""
    if fact.status == "number":
        unit = fact.column.unit or fact.row.unit
        number = format_number(fact.value, lang)
        return number + ((f" ({unit})" if lang == "en" else f"（{unit}）") if unit else "")
    if fact.status == "blank":
        return words["blank"]
    if fact.status == "na":
        return words["na"]
    return f"{words['text']}“{fact.raw}”"


def _bold(text: str, markdown: bool) -> str:
    return f"**{text}**" if markdown else text


# Inside a line only these change what Markdown shows (labels start with numbering, never at a line's start).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
