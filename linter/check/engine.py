"""Running the rules over a bound report: facts in, findings out.

``assert`` rules are evaluated per template found in the report (seed 001 holds
2019 tables and a 2008 appendix: each set is checked against its own rules),
over each set of tables read together (:func:`scopes`). Built-in checks
(``check:``) and the prose rules (``mention:``) get the whole report; a check
rule naming ``templates`` sees only the tables in those formats, and nothing
of a report that has none (its dates and prose included).

A blank cell that an ``assert`` rule already reported (``message_blank``) is not
reported again by the blank-cell check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from ..bind import BoundReport
from ..bind.binder import BoundTable, Fact
from ..bind.labels import display
from .checks import CHECKS
from .expr import Compare, EvalError, Key, Unknown, evaluate, keys_in
from .findings import Finding, at_cell
from .prose import check_mentions
from .rules import Instance, Rule, RuleSet
from .wording import fact_label, format_number, say

MAX_RELATED = 40


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


def _variable_label(facts: dict[str, Fact], instance: Instance, value: str) -> str:
    """A for_each value as a reader knows it: the row or column label it stands for."""
    for key in keys_in(instance.assertion, facts):
        fact = facts.get(key)
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


def _message(template: str, instance: Instance, facts: dict[str, Fact], lang: str,
             left=None, right=None, left_fact=None, right_fact=None) -> str:
    values: dict[str, str] = {}
    if left is not None:
        values["left"] = format_number(left, lang)
        values["right"] = format_number(right, lang)
        values["left_label"] = fact_label(left_fact) if left_fact else ""
        values["right_label"] = fact_label(right_fact) if right_fact else ""
        if isinstance(left, Decimal) and isinstance(right, Decimal):
            values["difference"] = format_number(abs(left - right))
    for name, value in instance.variables.items():
        values[name] = _variable_label(facts, instance, value)
        values[name + "_key"] = value
    for name, node in instance.message_exprs.items():
        try:
            values[name] = format_number(evaluate(node, facts), lang)
        except EvalError:
            values[name] = "？"
    return say(template, **values)


def _side_fact(node, facts) -> Fact | None:
    return facts.get(node.key) if isinstance(node, Key) else None


def _locate(instance: Instance, facts: dict[str, Fact]) -> tuple[Fact | None, list[Fact]]:
    read = [facts[key] for key in keys_in(instance.assertion, facts) if key in facts]
    primary = None
    if instance.at is not None:
        primary = facts.get(instance.at.key)
    elif isinstance(instance.assertion, Compare):
        left_keys = [key for key in keys_in(instance.assertion.left, facts) if key in facts]
        primary = facts[left_keys[0]] if left_keys else None
    if primary is None and read:
        primary = read[0]
    related = [fact for fact in dict.fromkeys(read) if fact is not primary][:MAX_RELATED]
    return primary, related


def _finding(rule: Rule, severity: str, path: str, message: str, primary: Fact,
             related: list[Fact], instance: Instance, template_id: str) -> Finding:
    context = f"{template_id}|{instance.context}|{primary.key}"
    return at_cell(rule.id, severity, message, path, primary.cell,
                   related=[fact.cell for fact in related], context=context, title=rule.title)


def check_instance(instance: Instance, facts: dict[str, Fact], path: str, template_id: str,
                   severity: str, lang: str = "zh") -> Finding | None:
    """The finding of one bound rule over one set of facts; *instance.rule* is in *lang*."""
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
        message = _message(rule.message, instance, facts, lang, left, right, left_fact, right_fact)
        return _finding(rule, severity, path, message, primary, related, instance, template_id)
    # Unknown: say so only when the cell pointed at is blank and the other side has a number.
    if rule.message_blank and left_fact is not None and left_fact.status == "blank" \
            and isinstance(right, Decimal) and isinstance(outcome, Unknown):
        message = _message(rule.message_blank, instance, facts, lang, left, right, left_fact, right_fact)
        return _finding(rule, severity, path, message, left_fact, related, instance, template_id)
    return None


def run_rules(report: BoundReport, ruleset: RuleSet, severity_of: Callable[[Rule], str] | None = None,
              lang: str = "zh") -> list[Finding]:
    """All findings for one report, in a stable order; messages in *lang* (``zh`` or ``en``)."""
    severity_of = severity_of or (lambda rule: rule.severity)
    findings: list[Finding] = []
    in_scope = scopes(report.binding.tables)
    for rule in ruleset.rules:
        if rule.kind != "assert":
            continue
        for template_id, facts in in_scope:
            for instance in ruleset.instances(rule, template_id):
                localized = instance if lang == "zh" else _in_language(instance, lang)
                finding = check_instance(localized, facts, report.path, template_id, severity_of(rule), lang)
                if finding is not None:
                    findings.append(finding)
    reported = {(f.line, f.column) for f in findings}
    for rule in ruleset.rules:
        seen = _for_rule(report, rule) if rule.kind == "check" else None
        if seen is not None:
            found = CHECKS[rule.check](seen, rule.in_language(lang), severity_of(rule), lang)
            findings.extend(f for f in found if rule.check != "blank_cells" or (f.line, f.column) not in reported)
    mention_rules = [rule.in_language(lang) for rule in ruleset.rules if rule.kind == "mention"]
    if mention_rules:
        # One pass over the prose for all of them: each stated number is compared once.
        severities = {rule.id: severity_of(rule) for rule in mention_rules}
        findings.extend(check_mentions(report, mention_rules, severities, lang))
    findings.sort(key=lambda f: f.sort_key)
    return _unique(findings)


def _for_rule(report: BoundReport, rule: Rule) -> BoundReport | None:
    """The report as a rule naming some templates sees it: only their tables; None when it has none
    of them (a check on dates or prose that names templates is for reports in those formats)."""
    if rule.templates is None:
        return report
    tables = [table for table in report.binding.tables if rule.names(table.template.id)]
    if not tables:
        return None
    return replace(report, binding=replace(report.binding, tables=tables))


def _in_language(instance: Instance, lang: str) -> Instance:
    return replace(instance, rule=instance.rule.in_language(lang))


def _unique(findings: list[Finding]) -> list[Finding]:
    seen = set()
    unique = []
    for finding in findings:
        key = (finding.rule, finding.line, finding.column, finding.message)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique
