"""Across years: one agency's report against its report of the year before.

Some of the commonest mistakes cannot be seen inside one report: the applications a
report carries over (四、结转下年度继续办理) must come back as next year's 二、上年结转政府信息公开申请数量;
the 2019 format's 上一年项目数量 is last year's figure; the regulations in force (现行有效件数)
move only by what was issued and repealed; prose such as ``较上年增长12.3%`` states a change
that last year's report can confirm.

Cross-year rules (``rules/checks/years.yaml``) are rules with ``across: years``. They are
never run on one report alone: only where two reports of one agency and consecutive years
are checked together (a folder, several paths, or ``gxlint --previous LAST_YEAR_REPORT``).

- An ``assert`` rule reads last year's facts under the prefix ``previous.``::

      across: years
      templates: ["2019", "2021"]          # this year's formats
      for_each: {col: "@apply.columns"}    # lists of this year's template
      assert: apply.carried_over.$col == previous.apply.carried_forward.$col

  ``previous.`` keys are bound to the template of last year's tables, which may be another
  format than this year's (a 2021 report after a 2020 report in the 2019 format): a rule is
  checked for each pair of formats whose keys it finds, and says nothing about a pair it does
  not fit (2008 tables have no carry-over rows). Blank cells count as 0, as in every rule;
  a cut-off table or a missing row leaves the rule unknown, and nothing is said. Messages may
  use, besides the placeholders of every rule, ``{year}`` and ``{previous_year}`` (the two
  reports' years) and ``{previous_path}`` (last year's file).
- ``check: prose_changes`` compares what the prose says of a change (``较上年增长12.3%``,
  ``比上年增加5件``, ``同比下降``, ``与上年持平``), stated right after a figure the prose rules
  (``mention:``) tie to a table indicator (``收到申请44件，较上年增长10%``), with that
  indicator in last year's report. A percentage holds when it is the change rounded or cut
  to the places written; an amount must be exact; words alone (``同比下降``) must have the
  change's sign. Where last year's report has no value for the indicator (another format, a
  table cut off) nothing is said; nor of changes in money, of rates (``个百分点``), of
  multiples (``翻一番``, ``倍``), of ``基本持平``, or of a change on a year other than the last.

Findings point at this year's cell (or words); last year's cells are related locations in
the other file (:attr:`linter.check.findings.Location.path`). More than :data:`GROUP_OVER`
findings of one rule for one pair of reports become one, as in :mod:`.engine`.

The pass runs after every file has been read: each worker sends back a :class:`YearFacts`
(the report's identity, the facts of its first tables per format, the changes its prose
states), never the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from ..bind import BoundReport
from ..bind.binder import Fact
from ..bind.identity import Identity
from ..bind.labels import display
from ..bind.templates import Catalog, Template
from ..read.model import Origin
from .expr import (Binary, Call, Compare, EvalError, ExprError, Group, Key, Pattern, Unary, Unknown, bind_keys,
                   evaluate, keys_in, parse_expression, substitute)
from .figures import stated_number
from .findings import Finding, Location, at_cell, printable
from .rules import Instance, Rule, key_space
from .rules import combinations as expand_for_each     # the same expansion as one report's rules
from .wording import fact_label, format_number, say

PREFIX = "previous"
GROUP_OVER = 3                      # as in linter.check.engine
SHOWN_PLACES = 5
MAX_RELATED = 40
# Placeholders a cross-year rule's message may use beside those of every rule.
YEAR_PLACEHOLDERS = {"year", "previous_year", "previous_path"}
AS_ZERO = {"zh": "（空白按 0 计）", "en": " (blank cells counted as 0)"}
GROUPED = {"zh": "；另有 {count} 处同样的问题：{places}（均列为相关位置）",
           "en": "; the same in {count} more places: {places} (all listed as related locations)"}
MORE = {"zh": "等", "en": " and others"}


# --- what a worker sends back -------------------------------------------------------------

class Known(NamedTuple):
    """One fact as the cross-year pass needs it: its value, its place, how messages name it.
    (A named tuple: a worker sends back a few hundred of them per report, and a tuple is what
    pickles fastest.)"""
    key: str
    value: Decimal | None
    status: str
    line: int
    column: int
    end_line: int
    end_column: int
    origin: Origin | None
    label: str                       # as messages name the cell (row and column)
    row_key: str
    row_label: str
    column_key: str
    column_label: str
    group_label: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A change the prose states after a figure: ``收到申请44件，较上年增长10%``."""
    equals: str                      # the table indicator of the figure (a mention entry's equals)
    templates: tuple[str, ...]       # the formats the entry's rule names (None: any)
    figure: Decimal                  # this year's figure
    kind: str                        # percent | amount | flat | direction
    sign: int                        # +1 more, -1 less, 0 the same
    amount: Decimal | None
    amount_text: str
    than: int | None                 # the year compared with, where written (较2018年)
    snippet: str
    line: int
    column: int
    end_line: int
    end_column: int
    origin: Origin | None
    money: bool = False


@dataclass
class YearFacts:
    """What the cross-year pass needs of one report."""
    path: str
    identity: Identity
    templates: tuple[str, ...] = ()
    facts: dict[str, dict[str, Known]] = field(default_factory=dict)    # template id -> key -> fact
    claims: list[Claim] = field(default_factory=list)

    def value(self, key: str) -> Decimal | None:
        """The number a key holds in the first format that has it (for summaries)."""
        for facts in self.facts.values():
            known = facts.get(key)
            if known is not None and known.status == "number":
                return known.value
        return None


def _known(fact: Fact) -> Known:
    cell = fact.cell
    return Known(fact.key, fact.value, fact.status, cell.line, cell.column, cell.end_line, cell.end_column,
                 cell.origin, fact_label(fact), fact.row.key, display(fact.label or fact.row.label),
                 fact.column.key, fact.column.label, fact.column.group_label or "")


def first_tables(report: BoundReport) -> dict[str, dict[str, Fact]]:
    """Per format, the facts of the first table of each section (a report's own tables; an
    appendix repeating a format is not what the next year carries on)."""
    found: dict[str, dict[str, Fact]] = {}
    seen: set[tuple[str, str]] = set()
    for table in report.binding.tables:
        place = (table.template.id, table.section.name)
        if place in seen:
            continue
        seen.add(place)
        found.setdefault(table.template.id, {}).update(table.facts)
    return found


def year_facts(report: BoundReport, identity: Identity, rules: Iterable[Rule] = ()) -> YearFacts:
    """The summary of *report* a worker sends back; *rules* are the loaded rules (their prose
    rules tie figures to indicators for :func:`read_claims`)."""
    rules = list(rules)
    tables = first_tables(report)
    facts = {template_id: {key: _known(fact) for key, fact in found.items()} for template_id, found in tables.items()}
    wanted = any(rule.kind == "years" and rule.check == "prose_changes" for rule in rules)
    claims = read_claims(report, rules, tables) if wanted else []
    return YearFacts(report.path, identity, tuple(report.binding.templates), facts, claims)


# --- pairing the reports: one agency, consecutive years -----------------------------------

@dataclass
class Pairing:
    pairs: list[tuple[YearFacts, YearFacts]] = field(default_factory=list)       # (this year, last year)
    unidentified: list[YearFacts] = field(default_factory=list)                 # agency or year unknown
    duplicates: list[tuple[str, int, list[str]]] = field(default_factory=list)  # agency, year, paths
    refused: list[tuple[str, str, str]] = field(default_factory=list)           # path, previous, why:
    #                                         "years|last year's|this year's" or "agencies|last year's|this year's"
    groups: dict[str, str] = field(default_factory=dict)                        # path -> agency as grouped


MIN_SUFFIX = 4      # a shorter name (区卫生健康局 is 6) is not taken for part of a longer one


def _canonical(keys: Iterable[str]) -> dict[str, str]:
    """Each agency key to the key of its group: a name that ends exactly one longer name of the
    set (区卫生健康局, 宁波市鄞州区卫生健康局) is that agency; where it ends several, it stays apart."""
    keys = sorted(set(keys), key=len, reverse=True)
    ending: dict[str, set[str]] = {}            # a name's endings (long enough) -> the names ending so
    for key in keys:
        for start in range(1, len(key) - MIN_SUFFIX + 1):
            ending.setdefault(key[start:], set()).add(key)
    groups: dict[str, str] = {}
    for key in keys:                            # the longest first: the longer names have their groups
        longer = {groups[other] for other in ending.get(key, ())}
        groups[key] = longer.pop() if len(longer) == 1 else key
    return groups


def _identified(report: YearFacts) -> bool:
    return bool(report.identity.agency) and report.identity.year is not None


def pair_reports(reports: list[YearFacts], previous: YearFacts | None = None) -> Pairing:
    """Which report is which one's last year: by agency and year among *reports*; *previous*
    (``--previous``) is last year's report for each of *reports* that has none among them,
    unless both years are known and not consecutive, or both agencies known and different.

    Several files of one agency and year (a report as .docx and as .pdf) are one report where
    their tables agree: each is compared with last year's, and the first stands for that year
    next year. Where they disagree, the next year is not compared with them
    (:attr:`Pairing.duplicates`)."""
    pairing = Pairing()
    known = [report for report in reports if _identified(report)]
    pairing.unidentified = [report for report in reports if not _identified(report)]
    canonical = _canonical(report.identity.agency_key for report in known)
    by_agency: dict[str, dict[int, list[YearFacts]]] = {}
    for report in known:
        group = canonical[report.identity.agency_key]
        pairing.groups[report.path] = group
        by_agency.setdefault(group, {}).setdefault(report.identity.year, []).append(report)
    for years in by_agency.values():
        for year, found in sorted(years.items()):
            before = years.get(year - 1)
            if not before:
                continue
            if len(before) > 1 and not _same(before):
                pairing.duplicates.append((before[0].identity.agency, year - 1, [report.path for report in before]))
                continue
            pairing.pairs.extend((report, before[0]) for report in found)
    if previous is not None:
        paired = {this.path for this, _ in pairing.pairs}
        for report in reports:
            if report.path in paired or report.path == previous.path:
                continue
            why = _not_last_year(report.identity, previous.identity)
            if why:
                pairing.refused.append((report.path, previous.path, why))
            else:
                pairing.pairs.append((report, previous))
    pairing.pairs.sort(key=lambda pair: pair[0].path)
    return pairing


def _same(reports: list[YearFacts]) -> bool:
    """Whether the reports hold the same tables (one report in several files)."""
    def table(report: YearFacts) -> dict:
        return {(template_id, key): (known.status, known.value)
                for template_id, facts in report.facts.items() for key, known in facts.items()}
    first = table(reports[0])
    return all(table(report) == first for report in reports[1:])


def _not_last_year(this: Identity, last: Identity) -> str:
    if this.year is not None and last.year is not None and this.year != last.year + 1:
        return f"years|{last.year}|{this.year}"
    if this.agency and last.agency:
        keys = (this.agency_key, last.agency_key)
        if keys[0] != keys[1] and len(set(_canonical(keys).values())) != 1:
            return f"agencies|{last.agency}|{this.agency}"
    return ""


# --- binding a rule to two templates ---------------------------------------------------------

def _is_previous(pattern: Pattern) -> bool:
    return len(pattern.segments) > 1 and pattern.segments[0] == ("name", PREFIX)


def _prefixed(node):
    if isinstance(node, Key):
        return Key(f"{PREFIX}.{node.key}")
    return Group(tuple(f"{PREFIX}.{key}" for key in node.keys), f"{PREFIX}.{node.source}",
                 tuple(tuple(tuple(f"{PREFIX}.{key}" for key in option) for option in options)
                       for options in node.choices))


def _bind_previous(node, last: Template):
    """Every ``previous.`` pattern of *node* bound to last year's template (the rest is left)."""
    if isinstance(node, Pattern):
        if not _is_previous(node):
            return node
        return _prefixed(bind_keys(Pattern(node.segments[1:]), key_space(last), groups=last.named))
    if isinstance(node, Call):
        return Call(node.name, tuple(_bind_previous(arg, last) for arg in node.args))
    if isinstance(node, Unary):
        return Unary(node.op, _bind_previous(node.operand, last))
    if isinstance(node, (Binary, Compare)):
        return type(node)(node.op, _bind_previous(node.left, last), _bind_previous(node.right, last))
    return node


def bind_across(node, variables: dict[str, str], this: Template, last: Template):
    """*node* with this year's keys bound to *this* and ``previous.`` keys to *last*;
    :class:`ExprError` where a key does not exist."""
    return bind_keys(_bind_previous(substitute(node, variables), last), key_space(this), groups=this.named)


def compile_across(rule: Rule, this: Template, last: Template) -> list[Instance]:
    """A cross-year ``assert`` rule bound to a pair of templates; ExprError where it does not fit."""
    rule.parse_expressions()
    instances = []
    for variables in expand_for_each(rule.for_each, this):
        assertion = bind_across(rule.assertion, variables, this, last)
        when = bind_across(rule.when, variables, this, last) if rule.when is not None else None
        at = bind_across(rule.at, variables, this, last) if rule.at is not None else None
        if at is not None and not isinstance(at, Key):
            raise ExprError("at 应指向一个数据（不能含 * 或 {}）")
        exprs = {name: bind_across(node, variables, this, last) for name, node in rule.message_exprs.items()
                 if name not in YEAR_PLACEHOLDERS}
        context = ",".join(f"{k}={v}" for k, v in sorted(variables.items()))
        instances.append(Instance(rule, variables, assertion, when, at, exprs, context))
    return instances


@dataclass(eq=False)
class YearRules:
    """The cross-year rules, each bound to a pair of templates when a pair first needs it."""
    rules: list[Rule]
    catalog: Catalog
    compiled: dict[tuple[str, str, str], list[Instance]] = field(default_factory=dict)

    def instances(self, rule: Rule, this_id: str, last_id: str) -> list[Instance]:
        key = (rule.id, this_id, last_id)
        if key not in self.compiled:
            this, last = self.catalog.get(this_id), self.catalog.get(last_id)
            try:
                self.compiled[key] = compile_across(rule, this, last) \
                    if this is not None and last is not None and rule.assertion_text and rule.names(this_id) else []
            except ExprError:
                self.compiled[key] = []
        return self.compiled[key]


def validate(rule: Rule, catalog: Catalog) -> None:
    """A user's cross-year ``assert`` rule must fit some pair of templates; ExprError says why not."""
    if not rule.assertion_text:
        return
    errors = []
    for this in catalog.templates:
        if not rule.names(this.id):
            continue
        for last in catalog.templates:
            try:
                compile_across(rule, this, last)
                return
            except ExprError as error:
                errors.append(f"{this.id}/{last.id}: {error}")
    raise ExprError(errors[0] if errors else "没有适用的模板")


# --- checking a pair ---------------------------------------------------------------------------

def merged_facts(this: dict[str, Known], last: dict[str, Known]) -> dict[str, Known]:
    facts = dict(this)
    facts.update((f"{PREFIX}.{key}", known) for key, known in last.items())
    return facts


def _variable_label(facts: dict[str, Known], instance: Instance, value: str) -> str:
    for key in keys_in(instance.assertion, facts):
        known = facts.get(key)
        if known is None:
            continue
        if known.column_key == value:
            return known.column_label
        if known.column_key.startswith(value + ".") and known.group_label:
            return known.group_label
        if known.row_key == value or known.row_key.endswith("." + value):
            return known.row_label
    return value


def _values(instance: Instance, facts: dict[str, Known], this: YearFacts, last: YearFacts, lang: str) -> dict:
    values: dict[str, str] = {
        "year": str(this.identity.year or ""), "previous_year": str(last.identity.year or ""),
        "previous_path": last.path}
    node = instance.assertion
    if isinstance(node, Compare):
        try:
            left, right = evaluate(node.left, facts, True), evaluate(node.right, facts, True)
        except EvalError:
            left = right = None
        values["left"], values["right"] = format_number(left, lang), format_number(right, lang)
        values["left_label"], values["right_label"] = _label(node.left, facts), _label(node.right, facts)
        if isinstance(left, Decimal) and isinstance(right, Decimal):
            values["difference"] = format_number(abs(left - right), lang)
    for name, value in instance.variables.items():
        values[name] = _variable_label(facts, instance, value)
        values[name + "_key"] = value
    for name, expression in instance.message_exprs.items():
        try:
            result = evaluate(expression, facts)
            if isinstance(result, Unknown) and result.blank and not result.absent and not isinstance(expression, Key):
                result = evaluate(expression, facts, blank_as_zero=True)
            values[name] = format_number(result, lang)
        except EvalError:
            values[name] = "？"
    return values


def _label(node, facts: dict[str, Known]) -> str:
    return facts[node.key].label if isinstance(node, Key) and node.key in facts else ""


def _location(known: Known, path: str | None) -> Location:
    return Location(known.line, known.column, known.end_line, known.end_column, known.origin, path)


@dataclass(eq=False)
class _Found:
    finding: Finding
    rule: Rule
    group: tuple
    place: str


def _judge(instance: Instance, facts: dict[str, Known], this: YearFacts, last: YearFacts, ids: tuple[str, str],
           severity: str, lang: str) -> _Found | None:
    try:
        if instance.when is not None and evaluate(instance.when, facts, blank_as_zero=True) is not True:
            return None
        if evaluate(instance.assertion, facts, blank_as_zero=True) is not False:
            return None
    except EvalError:
        return None
    read = [key for key in dict.fromkeys(keys_in(instance.assertion, facts)) if key in facts]
    own = [key for key in read if not key.startswith(PREFIX + ".")]
    if instance.at is not None and instance.at.key in facts:
        primary = instance.at.key
    elif isinstance(instance.assertion, Compare):
        left = [key for key in keys_in(instance.assertion.left, facts) if key in own]
        primary = left[0] if left else (own[0] if own else None)
    else:
        primary = own[0] if own else None
    if primary is None:
        return None                  # the rule reads nothing of this year's report: nothing to point at
    rule = instance.rule
    values = _values(instance, facts, this, last, lang)
    blanks = any(facts[key].status == "blank" for key in read)
    message = say(rule.message, **values) + (AS_ZERO[lang] if blanks else "")
    cell = facts[primary]
    related = [_location(facts[key], last.path if key.startswith(PREFIX + ".") else None)
               for key in read if key != primary][:MAX_RELATED]
    finding = at_cell(rule.id, severity, message, this.path, cell, context=f"years|{ids[0]}<{ids[1]}|"
                      f"{instance.context}|{primary}", title=rule.title)
    finding.related = related
    names = [values.get(name, value) for name, value in instance.variables.items()]
    place = "、".join(f"“{name}”" for name in names) if names else f"“{cell.label}”"
    if values.get("left") and values.get("right"):
        place += f"（{values['left']}{' vs ' if lang == 'en' else ' 与 '}{values['right']}）"
    return _Found(finding, rule, (rule.id, ids), place)


def _asserted(rules: YearRules, this: YearFacts, last: YearFacts, severity_of: Callable[[Rule], str],
              lang: str) -> list[_Found]:
    found = []
    for rule in rules.rules:
        if not rule.assertion_text:
            continue
        localized = rule.in_language(lang)
        for this_id, own in this.facts.items():
            for last_id, before in last.facts.items():
                instances = rules.instances(rule, this_id, last_id)
                if not instances:
                    continue
                facts = merged_facts(own, before)
                for instance in instances:
                    judged = _judge(replace(instance, rule=localized), facts, this, last, (this_id, last_id),
                                    severity_of(rule), lang)
                    if judged is not None:
                        found.append(judged)
    return found


def _grouped(found: list[_Found], lang: str) -> list[Finding]:
    groups: dict[tuple, list[_Found]] = {}
    for item in found:
        groups.setdefault(item.group, []).append(item)
    findings = []
    for members in groups.values():
        if len(members) <= GROUP_OVER:
            findings.extend(member.finding for member in members)
            continue
        first, others = members[0], members[1:]
        shown = (", " if lang == "en" else "、").join(member.place for member in others[:SHOWN_PLACES])
        if len(others) > SHOWN_PLACES:
            shown += MORE[lang]
        related = list(first.finding.related)
        for member in others:
            item = member.finding
            related.append(Location(item.line, item.column, item.end_line, item.end_column, item.origin))
            related.extend(item.related)
        unique = list(dict.fromkeys(place for place in related
                                    if (place.line, place.column, place.path) != (first.finding.line,
                                                                                  first.finding.column, None)))
        message = first.finding.message + printable(say(GROUPED[lang], count=len(others), places=shown))
        findings.append(replace(first.finding, message=message, related=unique))
    return findings


def check_pair(this: YearFacts, last: YearFacts, rules: YearRules, severity_of: Callable[[Rule], str] | None = None,
               lang: str = "zh") -> list[Finding]:
    """The cross-year findings of *this* year's report against *last* year's, in a stable order."""
    severity_of = severity_of or (lambda rule: rule.severity)
    findings = _grouped(_asserted(rules, this, last, severity_of, lang), lang)
    for rule in rules.rules:
        if rule.check == "prose_changes":
            localized = rule.in_language(lang)
            findings.extend(finding for claim in this.claims
                            if (finding := check_claim(claim, localized, severity_of(rule), this, last,
                                                       rules.catalog, lang)) is not None)
    findings.sort(key=lambda finding: finding.sort_key)
    return findings


# --- prose changes --------------------------------------------------------------------------

_AMOUNT = r"(?P<amount>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)"
_UNIT = r"(?P<unit>%|％|个百分点|倍|成|人次|万元|元|件|条|次|篇|个|项|场|期|人|家|起)?"
_MORE = ("增长", "增加", "上升", "提高", "提升", "增多", "多")
_LESS = ("下降", "减少", "降低", "减小", "回落", "少")
_VERB = "|".join(sorted(_MORE + _LESS, key=len, reverse=True))
_THAN = r"(?:(?:较|比|与|相比)\s*(?:(?P<than>\d{4})\s*年度?|上一?年度?|去年|上年)(?:同期)?(?:相比|比较)?|同比)"
_CHANGE_RE = re.compile(
    rf"\s*[（(]?\s*[，,、]?\s*{_THAN}\s*[，,]?\s*(?:(?P<flat>持平|基本持平|相同|一致)|(?:有所|略有|大幅)?"
    rf"(?P<verb>{_VERB})了?\s*(?:{_AMOUNT}\s*{_UNIT})?)")
_FOLLOW_RE = re.compile(rf"\s*[，,、]\s*(?P<verb>{_VERB})了?\s*{_AMOUNT}\s*(?P<unit>%|％)")
ANY_CHANGE_RE = re.compile(r"(?:较|比|与)\s*(?:\d{4}\s*年|上一?年|去年|上年)|同比")
_COUNT_UNITS = {None, "人次", "件", "条", "次", "篇", "个", "项", "场", "期", "人", "家", "起"}


def _claims_after(text: str, end: int, base: dict) -> list[dict]:
    """The changes stated right after a figure ending at *end* of *text*."""
    found = []
    match = _CHANGE_RE.match(text, end, min(len(text), end + 60))
    if match is None:
        return found
    claim = _claim_of(match, base)
    if claim is not None:
        found.append(claim)
    follow = _FOLLOW_RE.match(text, match.end(), min(len(text), match.end() + 30))
    if follow is not None and (claim is None or claim["kind"] != "percent"):
        second = _claim_of(follow, {**base, "than": claim["than"] if claim else None})
        if second is not None:
            found.append(second)
    return found


def _claim_of(match: re.Match, base: dict) -> dict | None:
    groups = match.groupdict()
    than = int(groups["than"]) if groups.get("than") else base.get("than")
    if groups.get("flat"):
        if groups["flat"] != "持平":
            return None                       # 基本持平: roughly, which no figure decides
        return {**base, "kind": "flat", "sign": 0, "amount": None, "amount_text": "", "than": than,
                "start": match.start("flat"), "end": match.end("flat"), "snippet_end": match.end()}
    sign = 1 if groups["verb"] in _MORE else -1
    if not groups.get("amount"):
        return {**base, "kind": "direction", "sign": sign, "amount": None, "amount_text": "", "than": than,
                "start": match.start("verb"), "end": match.end("verb"), "snippet_end": match.end()}
    unit = groups.get("unit")
    amount = stated_number(groups["amount"])
    if amount is None or unit in ("个百分点", "倍", "成", "万元", "元"):
        return None                           # a change of a rate, a multiple or money: not compared
    kind = "percent" if unit in ("%", "％") else "amount"
    if kind == "amount" and unit not in _COUNT_UNITS:
        return None
    return {**base, "kind": kind, "sign": sign, "amount": amount, "amount_text": groups["amount"], "than": than,
            "start": match.start("amount"), "end": match.end("unit") if unit else match.end("amount"),
            "snippet_end": match.end()}


def read_claims(report: BoundReport, rules: list[Rule], tables: dict[str, dict[str, Fact]]) -> list[Claim]:
    """The changes the prose states after figures that the prose rules tie to an indicator:
    by the vocabulary (``vocabulary:`` entries, :mod:`linter.check.figures`) and by the
    patterns of ``mention:`` entries, each figure once."""
    from .prose import Budget, Prose, ProseTimeout, VocabularyEntry

    templates = {table.template.id: table.template for table in report.binding.tables}
    mentions = [rule for rule in rules if rule.kind == "mention" and rule.entries
                and any(rule.names(template_id) for template_id in templates)]
    prose = Prose(report.document.paragraphs)
    if not mentions or not ANY_CHANGE_RE.search(prose.text):
        return []
    claims: dict[int, list[Claim]] = {}
    budget = Budget()
    try:
        if any(isinstance(entry, VocabularyEntry) for rule in mentions for entry in rule.entries):
            _vocabulary_claims(report, prose, tables, budget.deadline, claims)
        _pattern_claims(mentions, templates, tables, prose, budget, claims)
    except ProseTimeout:
        pass                          # the prose check says so; what was read is kept
    return [claim for place in sorted(claims) for claim in claims[place]]


def _vocabulary_claims(report: BoundReport, prose, tables, deadline: float, claims: dict) -> None:
    from ..bind.vocabulary import builtin_vocabulary
    from .figures import FiguresTimeout, read_report, value_of
    from .prose import ProseTimeout

    try:
        paragraphs = read_report(report, builtin_vocabulary(), deadline)
    except FiguresTimeout:
        raise ProseTimeout() from None
    for figures in paragraphs:
        for template_id, readings in figures.readings.items():
            for reading in readings.values():
                figure = reading.figure
                place = prose.starts[figures.index] + figure.n_start
                if place in claims or reading.part or figure.percent:
                    continue
                stated = _claims_after(figures.text, figure.end, {"than": None})
                if not stated:
                    continue
                value = figure.number * figure.scale
                if figure.pre or figure.post:
                    value = value_of(reading.bound.node, tables.get(template_id, {}))[0]
                if value is None:
                    continue
                indicator = reading.bound.indicator
                start = min(reading.words_start, figure.start)
                claims[place] = _claims(stated, prose, figures.index, 0, start, indicator.equals, (), value,
                                        indicator.money)


def _pattern_claims(mentions: list[Rule], templates: dict, tables, prose, budget, claims: dict) -> None:
    from .prose import VocabularyEntry, pattern_matches

    for rule in mentions:
        for entry in rule.entries:
            if isinstance(entry, VocabularyEntry):
                continue
            for match, bound, index, _ in pattern_matches(rule, entry, templates, prose, budget, claims):
                place = match.start("n")
                stated = _claims_after(prose.text, match.end(), {"than": None})
                figure = _figure(match, bound, tables)
                claims[place] = _claims(stated, prose, index, prose.starts[index], match.start(), entry.equals,
                                        rule.templates or (), figure, bool(entry.unit)) \
                    if stated and figure is not None else []


def _figure(match, bound: dict, tables: dict[str, dict[str, Fact]]) -> Decimal | None:
    """This year's figure: as written, or, where written as approximate (约, 余), the table's."""
    if not (match.group("pre") or match.group("post")):
        return stated_number(match.group("n"))
    for template_id, node in bound.items():
        if node is not None and template_id in tables:
            value = evaluate(node, tables[template_id])
            if isinstance(value, Decimal):
                return value
    return None


def _claims(stated: list[dict], prose, index: int, shift: int, start: int, equals: str, templates: tuple,
            figure: Decimal, money: bool) -> list[Claim]:
    """The changes *stated* after a figure at *start* (offsets *shift* into paragraph *index*'s text)."""
    paragraph = prose.paragraphs[index]
    text = paragraph.text
    claims = []
    for item in stated:
        line, column = paragraph.locate(item["start"] - shift)
        end_line, end_column = paragraph.locate(item["end"] - shift)
        snippet = " ".join(text[start - shift:item["snippet_end"] - shift].split())
        claims.append(Claim(equals, templates, figure, item["kind"], item["sign"], item["amount"],
                            item["amount_text"], item["than"], snippet, line, column, end_line, end_column,
                            paragraph.origin_at(line), money=money))
    return claims


@lru_cache(maxsize=1024)
def _bound_equals(equals: str, template: Template):
    try:
        return bind_keys(parse_expression(equals), key_space(template), groups=template.named)
    except ExprError:
        return None


def _last_value(claim: Claim, last: YearFacts, catalog: Catalog) -> tuple[Decimal, list[Known]] | None:
    for template_id, facts in last.facts.items():
        template = catalog.get(template_id)
        if template is None or claim.templates and template_id not in claim.templates:
            continue
        node = _bound_equals(claim.equals, template)
        if node is None:
            continue
        read = [facts[key] for key in keys_in(node, facts) if key in facts]
        if not any(known.status == "number" for known in read):
            continue
        try:
            value = evaluate(node, facts, blank_as_zero=True)
        except EvalError:
            continue
        if isinstance(value, Decimal):
            return value, read
    return None


CHANGE_WORDS = {"zh": {"up": "增长 {amount}%", "down": "下降 {amount}%", "more": "增加 {amount}", "less": "减少 {amount}",
                       "flat": "持平"},
                "en": {"up": "a rise of {amount}%", "down": "a fall of {amount}%", "more": "{amount} more",
                       "less": "{amount} fewer", "flat": "no change"}}


def _places(amount: str) -> int:
    digits = amount.replace("．", ".")
    return len(digits.split(".", 1)[1]) if "." in digits else 0


def _agrees(claim: Claim, previous: Decimal) -> tuple[bool, str] | None:
    """Whether the stated change holds against last year's value, and the change as it is
    (for the message); None where it cannot be told."""
    difference = claim.figure - previous
    if claim.kind == "percent":
        if previous <= 0:
            return None
        places = _places(claim.amount_text)
        exact = difference * 100 / previous
        step = Decimal(1).scaleb(-places)
        accepted = {exact.quantize(step, rounding=ROUND_HALF_UP), exact.quantize(step, rounding=ROUND_DOWN)}
        shown = exact.quantize(Decimal(1).scaleb(-(places + 1)), rounding=ROUND_HALF_UP)
        words = "flat" if shown == 0 else "up" if shown > 0 else "down"
        return claim.sign * claim.amount in accepted, (words, abs(shown))
    if claim.kind == "amount":
        return claim.sign * claim.amount == difference, _words_of(difference)
    if claim.kind == "flat":
        return difference == 0, _words_of(difference)
    return difference != 0 and (difference > 0) == (claim.sign > 0), _words_of(difference)


def _words_of(difference: Decimal) -> tuple[str, Decimal]:
    return ("flat", Decimal(0)) if difference == 0 else ("more" if difference > 0 else "less", abs(difference))


def check_claim(claim: Claim, rule: Rule, severity: str, this: YearFacts, last: YearFacts, catalog: Catalog,
                lang: str = "zh") -> Finding | None:
    """A finding where the change *claim* states does not hold against *last* year's report."""
    if claim.money:
        return None
    if claim.than is not None and (this.identity.year is None or claim.than != this.identity.year - 1):
        return None                   # 较2017年 in a 2019 report: not last year
    found = _last_value(claim, last, catalog)
    if found is None:
        return None
    previous, read = found
    judged = _agrees(claim, previous)
    if judged is None or judged[0]:
        return None
    words, amount = judged[1]
    actual = say(CHANGE_WORDS[lang][words], amount=format_number(amount, lang))
    label = "、".join(dict.fromkeys(known.label for known in read[:3]))
    message = say(rule.message, snippet=claim.snippet, label=label, previous=format_number(previous, lang),
                  current=format_number(claim.figure, lang), actual=actual, year=this.identity.year or "",
                  previous_year=last.identity.year or "", previous_path=last.path)
    place = Location(claim.line, claim.column, claim.end_line, claim.end_column, claim.origin)
    finding = at_cell(rule.id, severity, message, this.path, place,
                      context=f"change|{claim.snippet}|{format_number(previous)}", title=rule.title)
    finding.related = [_location(known, last.path) for known in read][:MAX_RELATED]
    return finding
