"""``--list-rules`` and ``--explain``: the rules' own documentation, in Chinese or English."""

from __future__ import annotations

from typing import TextIO


SEVERITY_NAMES = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
WORDS = {
    "zh": {"all": "全部", "level": "级别", "templates": "适用模板", "file": "规则文件", "assert": "检查条件（assert）",
           "check": "内置检查", "message": "提示信息", "pass": "通过的示例", "fail": "报错的示例", "colon": "：", "heading": "：",
           "previous": "上一年的报告（示例用）", "across": "跨年度规则：只在同时检查同一机关相邻两年的报告时检查"},
    "en": {"all": "all", "level": "Severity", "templates": "Templates", "file": "Rule file", "assert": "Condition (assert)",
           "check": "Built-in check", "message": "Message", "pass": "Passing example", "fail": "Failing example",
           "colon": ": ", "heading": ":", "previous": "Last year's report (for the examples)",
           "across": "Cross-year rule: checked only when reports of one agency and consecutive years are "
                     "checked together"},
}


SECTION_NAMES = {"stats": "statistics table", "active": "proactive disclosure", "apply": "applications",
                 "review": "review and litigation"}


def list_rules(rules, out: TextIO, lang: str = "zh") -> None:
    for rule in sorted(rules, key=lambda rule: rule.id):
        templates = ",".join(rule.templates) if rule.templates else WORDS[lang]["all"]
        out.write(f"{rule.id}  {rule.severity:<7}  [{templates}]  {rule.text('title', lang)}\n")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))


def explain(rule, out: TextIO, lang: str = "zh") -> None:
    words = WORDS[lang]
    colon = words["colon"]
    templates = ", ".join(rule.templates) if rule.templates else words["all"]
    out.write(f"{rule.id}{colon}{rule.text('title', lang)}\n")
    severity = SEVERITY_NAMES[lang][rule.severity]
    out.write(f"{words['level']}{colon}{severity}" + (f"（{rule.severity}）" if lang == "zh" else ""))
    out.write(f"    {words['templates']}{colon}{templates}\n")
    out.write(f"{words['file']}{colon}{rule.source}\n\n")
    if rule.across:
        out.write(words["across"] + "\n\n")
    description = rule.text("description", lang)
    if description:
        out.write(description.rstrip("\n") + "\n\n")
    if rule.assertion_text:
        out.write(f"{words['assert']}{words['heading']}\n" + _indent(rule.assertion_text) + "\n\n")
    elif rule.check:
        out.write(f"{words['check']}{colon}{rule.check}\n\n")
    out.write(f"{words['message']}{words['heading']}\n" + _indent(rule.text("message", lang)) + "\n")
    for kind in ("previous", "pass", "fail"):
        if kind in rule.examples:
            out.write(f"\n{words[kind]}{words['heading']}\n" + _indent(rule.examples[kind]) + "\n")


def list_keys(templates, out: TextIO, lang: str = "zh") -> None:
    """``--list-keys``: every fact key of each template, with its table, row, column and unit, as a
    rule file writes them (``stats.apply.received``, ``apply.new.total``).

    The titles and labels are the template's own, in Chinese, since rules and reports use them so;
    in English they are quoted (“规章”), as English messages quote what a report says.
    """
    english = lang == "en"
    shown = (lambda text: f"“{text}”") if english else (lambda text: text)
    for template in templates:
        title = f"Template {template.id}: {shown(template.title)}" if english else f"模板 {template.id}：{template.title}"
        out.write(title + "\n")
        for section in template.sections.values():
            heading = f"{SECTION_NAMES[section.name]} ({shown(section.title)})" \
                if english and section.name in SECTION_NAMES else shown(section.title)
            out.write(f"  {section.name}  {heading}\n")
            for row in section.rows:
                for column in row.columns:
                    out.write(f"    {section.fact_key(row, column):<48} "
                              + "  ".join(_key_parts(row, column, section, shown, english)) + "\n")


def _key_parts(row, column, section, shown, english: bool) -> list[str]:
    column_label = "" if section.single_column else (
        f"{column.group_label} / {column.label}" if row.unlabeled and column.group_label else column.label)
    parts = [shown(part) for part in (row.label or "", column_label, column.unit or row.unit or "") if part]
    if row.group:
        parts.append("(group row: the sum of its parts)" if english else "（分组行：各分项之和）")
    return parts
