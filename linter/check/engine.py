"""Running the rules over a bound report: facts in, findings out.

``assert`` rules are evaluated per template found in the report (seed 001 holds
2019 tables and a 2008 appendix: each set is checked against its own rules),
over each set of tables read together (:func:`scopes`). Built-in checks
(``check:``) and the prose rules (``mention:``) get the whole report; a check
rule naming ``templates`` sees only the tables in those formats, and nothing
of a report that has none (its dates and prose included).

Blank cells. A rule (its ``when`` too) is decided with its blank cells counted as
0 (see :mod:`linter.check.expr`), so every identity is checked even where a clerk
left the zeros blank; a cell that is missing or holds text still leaves the rule
silent. When the rule fails, there are two cases:

- a blank cell cannot stand for 0 (:func:`linter.check.expr.blank_need`): the
  finding is at that blank cell. Where it is the cell the rule points at (``at``,
  else the first cell on the left: a blank total) and the rule has
  ``message_blank``, that message is said (“总计为空，而……之和为 5”); otherwise the
  rule's ``message``, with blank cells as 0, followed by which blank cells must hold
  what (“（空白按 0 计）；“商业企业”为空，应为 2”; ``至少应为`` for ``<=`` and ``>=``).
  A blank cell gets one such finding: the first rule (in rule order) that needs it;
- the numbers themselves disagree (no blank cell would help): the rule's
  ``message`` at its usual place, with “（空白按 0 计）” where a blank cell was read.

A rule that holds over blank cells says nothing. An identity (``==``) that holds
and reads at least one number confirms its blank cells are 0; the blank-cell checks
(:mod:`linter.check.checks.cells`) are told which blank cells were confirmed and
which a finding already names, so a blank cell is reported once: as a number it
must hold (the rule's error), as a zero left blank (one warning per table) or as a
cell left out (an error).

Grouping. A rule that fails on more than :data:`GROUP_OVER` (3) rows (or columns) of
one table — GX201 on every row because one column is systematically wrong, a check
repeating itself row after row — gives one finding for that table: the first one's
message, then how many more places fail and the first of them (with both sides of
each comparison), every place as a related location. Findings that a blank cell
must hold a number are not grouped: each names its own cell and its own number. A
grouped finding keeps the first finding's context, so a baseline that recorded the
findings one by one still holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from ..bind import BoundReport
from ..bind.binder import BoundTable, Fact
from ..bind.labels import display
from .checks import CHECKS, READS_BLANKS
from .checks.cells import BlankReading
from .expr import BlankNeed, Compare, EvalError, Key, Unknown, blank_facts, blank_need, evaluate, keys_in
from .findings import Finding, Location, at_cell, printable
from .prose import check_mentions
from .rules import Instance, Rule, RuleSet
from .wording import fact_label, format_number, quoted, row_label, say

MAX_RELATED = 40
GROUP_OVER = 3          # more findings than this of one rule in one table become one
SHOWN_PLACES = 5        # places a grouped finding names in its message

AS_ZERO = {"zh": "（空白按 0 计）", "en": " (blank cells counted as 0)"}
NEEDS = {
    "zh": {("exactly", 1): "；{cells}为空，应为 {amount}",
           ("at_least", 1): "；{cells}为空，至少应为 {amount}",
           ("more_than", 1): "；{cells}为空，应大于 {amount}",
           ("exactly", 2): "；{cells}为空，合计应为 {amount}",
           ("at_least", 2): "；{cells}为空，合计至少应为 {amount}",
           ("more_than", 2): "；{cells}为空，合计应大于 {amount}",
           "unknown": "；{cells}为空，不能按 0 计"},
    "en": {("exactly", 1): "; {cells} is blank and must hold {amount}",
           ("at_least", 1): "; {cells} is blank and must hold at least {amount}",
           ("more_than", 1): "; {cells} is blank and must hold more than {amount}",
           ("exactly", 2): "; {cells} are blank and must hold {amount} together",
           ("at_least", 2): "; {cells} are blank and must hold at least {amount} together",
           ("more_than", 2): "; {cells} are blank and must hold more than {amount} together",
           "unknown": "; {cells} blank, which cannot stand for 0"},
}
GROUPED = {"zh": "；本表另有 {count} 处同样的问题：{places}（均列为相关位置）",
           "en": "; the same in {count} more places of this table: {places} (all listed as related locations)"}
MORE = {"zh": "等", "en": " and others"}


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


def _expression_value(node, facts: dict[str, Fact]):
    """A message placeholder's value: a blank cell shows as blank, a sum over blank cells counts them as 0."""
    value = evaluate(node, facts)
    if isinstance(value, Unknown) and value.blank and not value.absent and not isinstance(node, Key):
        value = evaluate(node, facts, blank_as_zero=True)
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
            values[name] = format_number(_expression_value(node, facts), lang)
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


def _cell_name(fact: Fact, read: list[Fact]) -> str:
    """A blank cell as a note names it: its column where the rule reads one row, its row where it
    reads one column, else both."""
    if len(fact.row.columns) > 1 and all(other.row is fact.row for other in read):
        group = f"“{fact.column.group_label}”" if fact.row.unlabeled and fact.column.group_label else ""
        return f"{group}“{fact.column.label}”"
    if len(fact.row.columns) == 1 or all(other.column is fact.column for other in read):
        return f"“{display(fact.label or fact.row.label)}”"
    return fact_label(fact)


def _need_note(need: BlankNeed, read: list[Fact], lang: str) -> str:
    separator = ", " if lang == "en" else "、"
    cells = separator.join(_cell_name(fact, read) for fact in need.facts)
    if need.amount is None:
        return say(NEEDS[lang]["unknown"], cells=cells)
    template = NEEDS[lang][(need.bound, 1 if len(need.facts) == 1 else 2)]
    return say(template, cells=cells, amount=format_number(need.amount, lang))


@dataclass(eq=False)
class _Judged:
    """A finding of an ``assert`` rule, with what grouping and the blank-cell checks need to know."""
    finding: Finding
    rule: Rule
    primary: Fact
    needed: tuple              # blank cells the finding says must hold a number (empty: the numbers disagree)
    place: str                 # how a grouped finding names this one


def _judge(instance: Instance, facts: dict[str, Fact], path: str, template_id: str, severity: str,
           lang: str, reading: BlankReading | None) -> _Judged | None:
    rule, node = instance.rule, instance.assertion
    outcome = _decide(instance, facts)
    blanks = blank_facts(node, facts) if outcome is not None else []
    if outcome is True and reading is not None and blanks and _confirms(node, facts):
        reading.confirmed.update(blanks)
    if outcome is not False:
        return None                   # it holds, or a cell it reads is missing or holds text
    sides = _sides(node, facts)
    pointed, related = _locate(instance, facts)
    if sides is None or pointed is None:
        return None
    need = blank_need(node, facts) if blanks else None
    if need is None:
        message = _message(rule.message, instance, facts, lang, *sides) + (AS_ZERO[lang] if blanks else "")
        primary, needed = pointed, ()
    else:
        primary = pointed if pointed in need.facts else need.facts[0]
        message = _blank_message(instance, facts, lang, sides, need, primary is pointed)
        related = [fact for fact in dict.fromkeys((*need.facts, pointed, *related)) if fact is not primary]
        needed = need.facts
    finding = _finding(rule, severity, path, message, primary, related[:MAX_RELATED], instance, template_id)
    return _Judged(finding, rule, primary, needed, _place(instance, facts, primary, sides, lang))


def _decide(instance: Instance, facts: dict[str, Fact]):
    """True, False or Unknown, blank cells as 0; None where it is not to be checked (``when``) or
    the arithmetic leaves its bounds."""
    try:
        if instance.when is not None and evaluate(instance.when, facts, blank_as_zero=True) is not True:
            return None
        return evaluate(instance.assertion, facts, blank_as_zero=True)
    except EvalError:
        return None


def _sides(node, facts: dict[str, Fact]) -> tuple | None:
    """(left, right, left fact, right fact) of a comparison, blank cells as 0; all None for any other
    condition; None where the arithmetic leaves its bounds."""
    if not isinstance(node, Compare):
        return None, None, None, None
    try:
        left, right = evaluate(node.left, facts, True), evaluate(node.right, facts, True)
    except EvalError:
        return None
    return left, right, _side_fact(node.left, facts), _side_fact(node.right, facts)


def _blank_message(instance: Instance, facts: dict[str, Fact], lang: str, sides: tuple, need: BlankNeed,
                   at_pointed: bool) -> str:
    """``message_blank`` where the blank cell is the one the rule points at; else ``message`` and what
    the blank cells must hold."""
    rule = instance.rule
    if at_pointed and rule.message_blank:
        return _message(rule.message_blank, instance, facts, lang, *sides)
    read = [facts[key] for key in keys_in(instance.assertion, facts) if key in facts]
    return _message(rule.message, instance, facts, lang, *sides) + AS_ZERO[lang] + _need_note(need, read, lang)


def _confirms(node, facts: dict[str, Fact]) -> bool:
    """Whether an identity that holds shows its blank cells to be 0: it is an equality and reads a number."""
    return isinstance(node, Compare) and node.op == "==" and any(
        facts[key].status == "number" for key in keys_in(node, facts) if key in facts)


def _place(instance: Instance, facts: dict[str, Fact], primary: Fact, sides: tuple, lang: str) -> str:
    """How a grouped finding names this one: its for_each values (else its cell), and both sides."""
    names = [_variable_label(facts, instance, value) for value in instance.variables.values()]
    label = fact_label(primary)
    place = quoted(names, lang) if names else label if "“" in label else f"“{label}”"
    left, right = sides[:2]
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        versus = " vs " if lang == "en" else " 与 "
        place += f"（{format_number(left, lang)}{versus}{format_number(right, lang)}）"
    return place


def _asserted(report: BoundReport, ruleset: RuleSet, severity_of: Callable[[Rule], str], lang: str,
              reading: BlankReading) -> list[_Judged]:
    judged: list[_Judged] = []
    taken: set[int] = set()           # blank cells a finding already says must hold a number
    in_scope = scopes(report.binding.tables)
    for rule in ruleset.rules:
        if rule.kind != "assert":
            continue
        for template_id, facts in in_scope:
            for instance in ruleset.instances(rule, template_id):
                localized = instance if lang == "zh" else _in_language(instance, lang)
                found = _judge(localized, facts, report.path, template_id, severity_of(rule), lang, reading)
                if found is None or (found.needed and id(found.primary) in taken):
                    continue
                if found.needed:
                    taken.add(id(found.primary))
                    reading.reported.update(found.needed)
                if found.primary.status == "blank":
                    reading.reported.add(found.primary)
                judged.append(found)
    return judged


def run_rules(report: BoundReport, ruleset: RuleSet, severity_of: Callable[[Rule], str] | None = None,
              lang: str = "zh") -> list[Finding]:
    """All findings for one report, in a stable order; messages in *lang* (``zh`` or ``en``)."""
    severity_of = severity_of or (lambda rule: rule.severity)
    reading = BlankReading()
    places = _Places(report)
    judged = _asserted(report, ruleset, severity_of, lang, reading)
    findings = [item.finding for item in judged if item.needed]
    findings.extend(_grouped([(item.finding, item.rule.id, places.of_fact(item.primary), item.place)
                              for item in judged if not item.needed], lang))
    for rule in ruleset.rules:
        seen = _for_rule(report, rule) if rule.kind == "check" else None
        if seen is None:
            continue
        extra = {"reading": reading} if rule.check in READS_BLANKS else {}
        found = CHECKS[rule.check](seen, rule.in_language(lang), severity_of(rule), lang, **extra)
        findings.extend(_grouped([(f, rule.id, *places.of_cell(f, lang)) for f in found], lang))
    mention_rules = [rule.in_language(lang) for rule in ruleset.rules if rule.kind == "mention"]
    if mention_rules:
        # One pass over the prose for all of them: each stated number is compared once.
        severities = {rule.id: severity_of(rule) for rule in mention_rules}
        findings.extend(check_mentions(report, mention_rules, severities, lang))
    findings.sort(key=lambda f: f.sort_key)
    return _unique(findings)


class _Places:
    """Which table a fact or a finding's cell belongs to, and the row it is on."""

    def __init__(self, report: BoundReport):
        self.facts: dict[int, int] = {}
        self.cells: dict[tuple[int, int], tuple[int, object]] = {}
        for index, table in enumerate(report.binding.tables):
            for fact in table.facts.values():
                self.facts[id(fact)] = index
            for cell in table.header_cells:
                self.cells.setdefault((cell.line, cell.column), (index, None))
            for row in table.rows:
                for cell in row.cells:
                    self.cells.setdefault((cell.line, cell.column), (index, row))

    def of_fact(self, fact: Fact) -> int | None:
        return self.facts.get(id(fact))

    def of_cell(self, finding: Finding, lang: str) -> tuple[int | None, str]:
        table, row = self.cells.get((finding.line, finding.column), (None, None))
        label = row_label(row) if row is not None else ""
        if label:
            return table, f"“{label}”"
        return table, f"line {finding.line}" if lang == "en" else f"第 {finding.line} 行"


def _grouped(items: list[tuple[Finding, str, int | None, str]], lang: str) -> list[Finding]:
    """The findings, those of one rule in one table made one where there are more than GROUP_OVER."""
    groups: dict[tuple[str, int], list[tuple[Finding, str]]] = {}
    result = []
    for finding, rule_id, table, place in items:
        if table is None:
            result.append(finding)
        else:
            groups.setdefault((rule_id, table), []).append((finding, place))
    for members in groups.values():
        if len(members) <= GROUP_OVER:
            result.extend(finding for finding, _ in members)
            continue
        members.sort(key=lambda member: member[0].sort_key)
        result.append(_one_for_all(members, lang))
    return result


def _one_for_all(members: list[tuple[Finding, str]], lang: str) -> Finding:
    first, others = members[0][0], members[1:]
    names = list(dict.fromkeys(place for _, place in others))      # two gaps before one row: named once
    shown = (", " if lang == "en" else "、").join(names[:SHOWN_PLACES])
    if len(names) > SHOWN_PLACES:
        shown += MORE[lang]
    note = printable(say(GROUPED[lang], count=len(others), places=shown))
    related = list(first.related)
    for finding, _ in others:
        related.append(Location(finding.line, finding.column, finding.end_line, finding.end_column, finding.origin))
        related.extend(finding.related)
    seen = {(first.line, first.column, None)}
    unique = []
    for place in related:
        if (place.line, place.column, place.path) not in seen:
            seen.add((place.line, place.column, place.path))
            unique.append(place)
    return replace(first, message=first.message + note, related=unique)


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
