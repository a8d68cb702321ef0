"""``--list-rules`` and ``--explain``: the rules' own documentation."""

from __future__ import annotations

from typing import TextIO

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def list_rules(rules, out: TextIO) -> None:
    for rule in sorted(rules, key=lambda rule: rule.id):
        templates = ",".join(rule.templates) if rule.templates else "全部"
        out.write(f"{rule.id}  {rule.severity:<7}  [{templates}]  {rule.title}\n")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))


def explain(rule, out: TextIO) -> None:
    out.write(f"{rule.id}：{rule.title}\n")
    out.write(f"级别：{SEVERITY_NAMES[rule.severity]}（{rule.severity}）")
    out.write(f"    适用模板：{', '.join(rule.templates) if rule.templates else '全部'}\n")
    out.write(f"规则文件：{rule.source}\n\n")
    if rule.description:
        out.write(rule.description.rstrip("\n") + "\n\n")
    if rule.assertion_text:
        out.write("检查条件（assert）：\n" + _indent(rule.assertion_text) + "\n\n")
    elif rule.check:
        out.write(f"内置检查：{rule.check}\n\n")
    out.write("提示信息：\n" + _indent(rule.message) + "\n")
    for kind, title in (("pass", "通过的示例"), ("fail", "报错的示例")):
        if kind in rule.examples:
            out.write(f"\n{title}：\n" + _indent(rule.examples[kind]) + "\n")
