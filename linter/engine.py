"""Rule evaluation: bound facts in, findings out.

Rules run per template found in the report (seed 001 holds 2019 tables and a
2008 appendix: each set is checked against its own rules). ``assert`` rules
were compiled once per template (:func:`linter.rules.build_ruleset`); here they
only read facts. Built-in checks and mention rules get the whole report.

A blank cell that an ``assert`` rule already reported (``message_blank``) is
not reported again by the blank-cell check.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from .binder import BoundTable, Fact
from .document import LoadedReport
from .expr import Compare, EvalError, Key, Unknown, evaluate, keys_in
from .findings import Finding, at_cell
from .labels import display
from .messages import fill
from .record import replace
from .rules import TRANSLATED, Instance, Rule, RuleSet

MAX_RELATED = 40


def format_number(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Unknown):
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


def scopes(tables: list[BoundTable]) -> list[tuple[str, dict[str, Fact]]]:
    """Fact sets to check: per template, the n-th table of each section together."""
    result = []
    for template_id in dict.fromkeys(table.template.id for table in tables):
        by_section: dict[str, list[BoundTable]] = {}
        for table in tables:
            if table.template.id == template_id:
                by_section.setdefault(table.section.name, []).append(table)
        for index in range(max(len(group) for group in by_section.values())):
            facts: dict[str, Fact] = {}
            for group in by_section.values():
                if index < len(group):
                    facts.update(group[index].facts)
            result.append((template_id, facts))
    return result


def _variable_label(template_facts: dict[str, Fact], instance: Instance, name: str, value: str) -> str:
    """A for_each value as a reader knows it: the row or column label it stands for."""
    for key in keys_in(instance.assertion):
        fact = template_facts.get(key)
        if fact is None:
            continue
        if fact.column.key == value:
            return fact.column.label
        if fact.column.key.startswith(value + ".") and fact.column.group_label:
            return fact.column.group_label
        if fact.row.key == value or fact.row.key.endswith("." + value):
            return display(fact.row.label)
        if key == value:
            return display(fact.label or fact.row.label)
    return value


def _message(rule: Rule, instance: Instance, facts: dict[str, Fact], template: str,
             left=None, right=None, left_fact=None, right_fact=None) -> str:
    values: dict[str, str] = {}
    if left is not None:
        values["left"] = format_number(left)
        values["right"] = format_number(right)
        values["left_label"] = fact_label(left_fact) if left_fact else ""
        values["right_label"] = fact_label(right_fact) if right_fact else ""
        if isinstance(left, Decimal) and isinstance(right, Decimal):
            values["difference"] = format_number(abs(left - right))
    for name, value in instance.variables.items():
        values[name] = _variable_label(facts, instance, name, value)
        values[name + "_key"] = value
    for name, node in instance.message_exprs.items():
        try:
            values[name] = format_number(evaluate(node, facts))
        except EvalError:
            values[name] = "？"
    return fill(template, values)


def _side_fact(node, facts) -> Fact | None:
    return facts.get(node.key) if isinstance(node, Key) else None


def _locate(instance: Instance, facts: dict[str, Fact]) -> tuple[Fact | None, list[Fact]]:
    read = [facts[key] for key in keys_in(instance.assertion) if key in facts]
    primary = None
    if instance.at is not None:
        primary = facts.get(instance.at.key)
    elif isinstance(instance.assertion, Compare):
        left_keys = [key for key in keys_in(instance.assertion.left) if key in facts]
        primary = facts[left_keys[0]] if left_keys else None
    if primary is None and read:
        primary = read[0]
    related = [fact for fact in dict.fromkeys(read) if fact is not primary][:MAX_RELATED]
    return primary, related


def _finding(rule: Rule, severity: str, path: str, message: str, primary: Fact,
             related: list[Fact], instance: Instance, template_id: str, lang: str = "zh") -> Finding:
    context = f"{template_id}|{instance.context}|{primary.key}"
    return at_cell(rule.id, severity, message, path, primary.cell,
                   related=[fact.cell for fact in related], context=context, title=rule.text("title", lang))


def check_instance(instance: Instance, facts: dict[str, Fact], path: str, template_id: str,
                   severity: str, lang: str = "zh") -> Finding | None:
    rule = instance.rule
    try:
        if instance.when is not None and evaluate(instance.when, facts) is not True:
            return None
        outcome = evaluate(instance.assertion, facts)
    except EvalError:
        return None
    if outcome is True:
        return None
    node = instance.assertion
    left = right = left_fact = right_fact = None
    if isinstance(node, Compare):
        try:
            left, right = evaluate(node.left, facts), evaluate(node.right, facts)
        except EvalError:
            return None
        left_fact, right_fact = _side_fact(node.left, facts), _side_fact(node.right, facts)
    primary, related = _locate(instance, facts)
    if primary is None:
        return None
    if outcome is False:
        message = _message(rule, instance, facts, rule.text("message", lang), left, right, left_fact, right_fact)
        return _finding(rule, severity, path, message, primary, related, instance, template_id, lang)
    # Unknown: say so only when the cell pointed at is blank and the other side has a number.
    if rule.message_blank and left_fact is not None and left_fact.status == "blank" \
            and isinstance(right, Decimal):
        message = _message(rule, instance, facts, rule.text("message_blank", lang), left, right,
                           left_fact, right_fact)
        return _finding(rule, severity, path, message, left_fact, related, instance, template_id, lang)
    return None


def in_language(rule: Rule, lang: str) -> Rule:
    """The rule as a check should see it: its title, messages and description in *lang*."""
    if lang == "zh":
        return rule
    return replace(rule, **{name: rule.text(name, lang) for name in TRANSLATED})


@lru_cache(maxsize=None)
def _takes_lang(function: Callable) -> bool:
    # The code object says it as well as inspect.signature, without importing inspect.
    code = function.__code__
    return "lang" in code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]


def call_check(function: Callable, report: LoadedReport, rules: Rule | list[Rule], *args, lang: str = "zh"):
    """Run a built-in check (or the mention runner, which takes a list of rules) in *lang*.

    Checks read ``rule.message`` and ``rule.title``, so they get the rules with
    those texts already in *lang*; a check that composes words of its own (such
    as a list joined with 、) also takes a ``lang`` keyword.
    """
    localized = [in_language(rule, lang) for rule in rules] if isinstance(rules, list) else in_language(rules, lang)
    if lang != "zh" and _takes_lang(function):
        return function(report, localized, *args, lang=lang)
    return function(report, localized, *args)


def run_rules(report: LoadedReport, ruleset: RuleSet, checks: dict[str, Callable],
              severity_of: Callable[[Rule], str] | None = None, lang: str = "zh") -> list[Finding]:
    """All findings for one report, in a stable order; messages in *lang* (``zh`` or ``en``)."""
    severity_of = severity_of or (lambda rule: rule.severity)
    findings: list[Finding] = []
    path = report.path
    in_scope = scopes(report.binding.tables)      # once: a long report has thousands of tables
    for rule in ruleset.rules:
        if rule.kind != "assert":
            continue
        for template_id, facts in in_scope:
            for instance in ruleset.instances(rule, template_id):
                finding = check_instance(instance, facts, path, template_id, severity_of(rule), lang)
                if finding is not None:
                    findings.append(finding)
    reported = {(f.line, f.column) for f in findings}
    for rule in ruleset.rules:
        if rule.kind == "check":
            found = call_check(checks[rule.check], report, rule, severity_of(rule), lang=lang)
            findings.extend(f for f in found if rule.check != "blank_cells" or (f.line, f.column) not in reported)
    mention_rules = [rule for rule in ruleset.rules if rule.kind == "mention"]
    if mention_rules:
        # One pass over the prose for all of them: each stated number is compared once.
        severities = {rule.id: severity_of(rule) for rule in mention_rules}
        findings.extend(call_check(checks["mention"], report, mention_rules, severities, lang=lang))
    findings.sort(key=lambda f: f.sort_key)
    return _unique(findings)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen = set()
    unique = []
    for finding in findings:
        key = (finding.rule, finding.line, finding.column, finding.message)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique
