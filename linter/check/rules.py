"""Rule files: constraints as data (``rules/checks/*.yaml`` and ``--rules``).

A rule file holds ``rules:``, a list of rules. A rule has

``id``         a stable code such as ``GX101``
``title``      what it checks, in one line (Chinese)
``severity``   ``error``, ``warning`` or ``info``
``message``    what a finding says; ``{name}`` placeholders are filled in (below)
``templates``  the template ids it applies to (default: every template it fits)

and exactly one constraint:

``assert``     an expression that must hold (see :mod:`linter.check.expr`), with
               optional ``when`` (only check when this holds), ``for_each``
               (``{var: [values]}``: check once per value, ``$var`` in keys),
               ``at`` (the key to point at; default: the first key on the left
               of the comparison) and ``message_blank`` (said when the cell the
               rule points at is blank and must hold a number for the rule to hold);
``check``      one of gxlint's built-in checks (blank cells, unknown rows, units,
               cut-off tables, dates, shares …), see :mod:`linter.check.checks`;
``mention``    a comparison of what the prose states with the tables
               (see :mod:`linter.check.prose`).

``across: years`` makes a rule a cross-year rule (see :mod:`linter.check.years`): its
``assert`` reads last year's facts as ``previous.…`` keys, or its ``check`` is one of
:data:`YEAR_CHECKS`; its ``examples`` add ``previous``, last year's report. Such a rule is
never run on one report alone.

``description`` explains the rule and ``examples`` gives a ``pass`` and a
``fail`` report excerpt; ``gxlint --explain ID`` shows them and the tests run them.

``title_en``, ``message_en``, ``message_blank_en`` and ``description_en`` are
optional English texts for ``--lang en`` (same placeholders); where one is
missing the Chinese text is used. Code picks a text with :meth:`Rule.text`.

Placeholders in messages: ``{left}`` and ``{right}`` (the two sides of the
comparison), ``{left_label}`` and ``{right_label}`` (their row and column),
``{difference}``, each ``for_each`` variable as ``{var}`` (its label, such as
自然人) and ``{var_key}``, and any expression, such as ``{sum($group.*)}``.

Rule files are read with PyYAML's safe loader only. A broken file (bad YAML, an
unknown key, a bad expression, an unknown fact key) stops the run with a
message naming the file and the rule.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..bind.templates import Catalog, Template
from ..datafiles import DataFileError, read_yaml
from ..messages import TwoLanguageError, placeholders
from .expr import ExprError, Key, KeySpace, Pattern, bind_keys, parse_expression, result_type, substitute
from .findings import SEVERITIES

MAX_EXPANSION = 10_000
MAX_RULE_FILE = 2 * 1024 * 1024
ID_RE = re.compile(r"^[A-Z]{1,6}[0-9]{1,5}$")
LANGUAGES = ("zh", "en")
TRANSLATED = ("title", "message", "message_blank", "description")
RULE_KEYS = {"id", "title", "severity", "message", "message_blank", "templates", "assert", "when",
             "for_each", "at", "check", "options", "mention", "description", "examples", "across",
             *(f"{name}_en" for name in TRANSLATED)}
YEAR_CHECKS = ("prose_changes",)      # the built-in checks of cross-year rules (linter.check.years)
_SIMPLE_PLACEHOLDERS = {"left", "right", "left_label", "right_label", "difference"}


class RuleError(TwoLanguageError):
    """A rule file is invalid; the message names the file and the rule."""


@dataclass(eq=False)
class Rule:
    id: str
    title: str
    severity: str
    message: str
    source: str
    templates: tuple[str, ...] | None = None
    assertion: Any = None
    assertion_text: str = ""
    when: Any = None
    for_each: dict | list = field(default_factory=dict)
    at: Any = None
    message_blank: str | None = None
    check: str | None = None
    options: dict = field(default_factory=dict)
    mention: Any = None
    entries: list = field(default_factory=list)       # a mention rule's entries, compiled
    description: str = ""
    examples: dict = field(default_factory=dict)
    message_exprs: dict = field(default_factory=dict)
    kind: str = "check"                # assert | check | mention | years (across: years)
    across: str | None = None          # "years": a cross-year rule
    where: str = ""                    # the file and rule, for messages about it
    texts: dict = field(default_factory=dict)     # an assert rule's expressions, as written
    title_en: str | None = None
    message_en: str | None = None
    message_blank_en: str | None = None
    description_en: str | None = None

    def names(self, template_id: str) -> bool:
        """Whether the rule is for this template: it names it, or names none."""
        return self.templates is None or template_id in self.templates

    def text(self, name: str, lang: str = "zh") -> str | None:
        """The rule's *name* text (``title``, ``message``, ``message_blank``, ``description``) in
        *lang*; English falls back to Chinese where a rule has no English text."""
        if lang == "en":
            english = getattr(self, f"{name}_en")
            if english:
                return english
        return getattr(self, name)

    def in_language(self, lang: str) -> Rule:
        """The rule with its title, messages and description in *lang*."""
        if lang == "zh":
            return self
        return replace(self, **{name: self.text(name, lang) for name in TRANSLATED})

    def parse_expressions(self) -> None:
        """Parse the expressions of an ``assert`` rule (once): ``assert``, ``when``, ``at`` and
        the expressions its messages hold. RuleError names the file and the rule."""
        if self.kind not in ("assert", "years") or not self.texts or self.assertion is not None:
            return
        where, texts = self.where, self.texts
        assertion = _expression(texts["assert"], where, "assert")
        if result_type(assertion) != "bool":
            raise _error(where, "assert 应为条件（比较或逻辑表达式），不是数值")
        if texts.get("when") is not None:
            self.when = _expression(texts["when"], where, "when")
            if result_type(self.when) != "bool":
                raise _error(where, "when 应为条件")
        if texts.get("at") is not None:
            self.at = _expression(texts["at"], where, "at")
            if not isinstance(self.at, Pattern):
                raise _error(where, "at 应为一个数据键")
        variables = _variables(self.for_each)
        for text in (self.message, self.message_blank or "", self.message_en or "", self.message_blank_en or ""):
            for name in placeholders(text):
                if name in _SIMPLE_PLACEHOLDERS or name in variables or \
                        name.endswith("_key") and name[:-4] in variables:
                    continue
                self.message_exprs[name] = _expression(name, where, f"消息占位符 {{{name}}}")
        self.assertion = assertion


@dataclass(eq=False)
class Instance:
    """A rule bound to one template and one choice of its for_each values."""
    rule: Rule
    variables: dict[str, str]
    assertion: Any
    when: Any
    at: Key | None
    message_exprs: dict
    context: str


def _error(where: str, message: str) -> RuleError:
    return RuleError(f"{where}：{message}")


def _load_yaml(path: str) -> Any:
    try:
        return read_yaml(path, MAX_RULE_FILE, "规则文件")
    except DataFileError as error:
        raise RuleError(f"{path}：{error}", f"{path}: {error.english}") from None


def _string(data: dict, key: str, where: str, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise _error(where, f"缺少 {key}")
        return None
    if not isinstance(value, str):
        raise _error(where, f"{key} 应为字符串")
    return value


def _expression(text: Any, where: str, key: str):
    if not isinstance(text, str):
        raise _error(where, f"{key} 应为字符串形式的表达式")
    try:
        return parse_expression(text)
    except ExprError as error:
        raise _error(where, f"{key} {error}") from None


def parse_rule(data: Any, source: str, known_checks: Iterable[str], check_now: bool = True) -> Rule:
    """A rule from its YAML data. The expressions of an ``assert`` rule are parsed now where
    *check_now* (a user's rules: a mistake stops the run at once), else when the rule is first
    bound to a template (gxlint's own rules, which its tests check)."""
    if not isinstance(data, dict):
        raise RuleError(f"{source}：每条规则应为映射（键: 值）")
    rule_id = data.get("id")
    where = f"{source}：规则 {rule_id}" if isinstance(rule_id, str) else f"{source}：规则（缺少 id）"
    if not isinstance(rule_id, str) or not ID_RE.match(rule_id):
        raise _error(where, "id 应为大写字母加数字，如 GX101")
    unknown = sorted(set(map(str, data)) - RULE_KEYS)
    if unknown:
        raise _error(where, f"未知的键 {', '.join(unknown)}")
    severity = data.get("severity")
    if severity not in SEVERITIES:
        raise _error(where, f"severity 应为 {' / '.join(SEVERITIES)}")
    kinds = [key for key in ("assert", "check", "mention") if key in data]
    if len(kinds) != 1:
        raise _error(where, "应有且只有 assert、check、mention 之一")
    templates = data.get("templates")
    if templates is not None:
        if not isinstance(templates, list) or not all(isinstance(t, (str, int)) for t in templates):
            raise _error(where, "templates 应为模板 id 列表，如 [\"2019\", \"2021\"]")
        templates = tuple(str(t) for t in templates)
    rule = Rule(id=rule_id, title=_string(data, "title", where), severity=severity,
                message=_string(data, "message", where), source=source, templates=templates,
                message_blank=_string(data, "message_blank", where, required=False),
                description=_string(data, "description", where, required=False) or "",
                kind=kinds[0], where=where)
    _read_across(rule, data, where)
    for name in TRANSLATED:
        setattr(rule, f"{name}_en", _string(data, f"{name}_en", where, required=False))
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"pass", "fail", *(("previous",) if rule.across else ())} \
            or not all(isinstance(v, str) for v in examples.values()):
        raise _error(where, "examples 应为 pass 和 fail 两段报告文字" + ("（及上一年的报告 previous）" if rule.across else ""))
    rule.examples = examples
    if "assert" in data:
        _read_assertion(rule, data, where)
    elif "check" in data:
        _parse_check(rule, data, where, sorted(YEAR_CHECKS if rule.across else known_checks))
    else:
        if not isinstance(data["mention"], (dict, list)) or not data["mention"]:
            raise _error(where, "mention 应为映射，或映射的列表")
        rule.mention = data["mention"]
    _check_placeholders(rule, where)
    if check_now:
        rule.parse_expressions()
    return rule


def _read_across(rule: Rule, data: dict, where: str) -> None:
    if "across" not in data:
        return
    if data["across"] != "years":
        raise _error(where, "across 只能为 years（与同一机关上一年的报告比较）")
    if "mention" in data:
        raise _error(where, "across: years 的规则应为 assert 或 check，不能是 mention")
    rule.across, rule.kind = "years", "years"


def _parse_check(rule: Rule, data: dict, where: str, known: list[str]) -> None:
    available = ", ".join(known)
    # Not a string: refused before any lookup or repr (a list is unhashable, an alias bomb endless to print).
    if not isinstance(data["check"], str):
        raise _error(where, f"check 应为内置检查的名称（可用：{available}）")
    if data["check"] not in known:
        raise _error(where, f"未知的内置检查 {data['check']!r}（可用：{available}）")
    rule.check = data["check"]
    options = data.get("options") or {}
    if not isinstance(options, dict):
        raise _error(where, "options 应为映射")
    rule.options = options


def _check_placeholders(rule: Rule, where: str) -> None:
    for text in (rule.message, rule.message_blank or "", rule.message_en or "", rule.message_blank_en or ""):
        try:
            placeholders(text)
        except ValueError:
            raise _error(where, "消息中的花括号不成对（字面花括号请写成 {{ 和 }}）") from None


def _variables(for_each: dict | list) -> set[str]:
    return set(for_each[0]) if isinstance(for_each, list) and for_each else set(for_each)


def _read_assertion(rule: Rule, data: dict, where: str) -> None:
    rule.assertion_text = data["assert"] if isinstance(data["assert"], str) else ""
    rule.texts = {"assert": data["assert"], "when": data.get("when"), "at": data.get("at")}
    rule.for_each = _parse_for_each(data.get("for_each"), where)


_VALUE_RE = re.compile(r"^[A-Za-z0-9_.]+$")
_LIST_RE = re.compile(r"^@[a-z]+\.[A-Za-z_][A-Za-z0-9_]*$")
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _parse_for_each(data: Any, where: str) -> dict | list:
    """``{var: [values] or "@section.list"}`` (every combination) or ``[{var: value}, …]`` (these cases)."""
    if data is None:
        return {}
    if isinstance(data, list):
        if not data or len(data) > MAX_EXPANSION:
            raise _error(where, f"for_each 列表应有 1 到 {MAX_EXPANSION} 项")
        names = None
        for item in data:
            if not isinstance(item, dict) or not item or not all(
                    isinstance(k, str) and _NAME_RE.match(k) and isinstance(v, str) and _VALUE_RE.match(v)
                    for k, v in item.items()):
                raise _error(where, "for_each 列表的每一项应为 变量: 键名 的映射")
            if names is not None and set(item) != names:
                raise _error(where, "for_each 列表各项的变量应相同")
            names = set(item)
        return [dict(item) for item in data]
    if not isinstance(data, dict):
        raise _error(where, "for_each 应为映射，如 {col: [natural_person, total]}")
    size = 1
    for name, values in data.items():
        if not isinstance(name, str) or not _NAME_RE.match(name):
            raise _error(where, f"for_each 变量名 {name!r} 无效")
        if isinstance(values, str) and _LIST_RE.match(values):
            continue
        if not isinstance(values, list) or not values or \
                not all(isinstance(v, str) and _VALUE_RE.match(v) for v in values):
            raise _error(where, f"for_each.{name} 应为非空的键名列表，或模板列表如 \"@apply.rows\"")
        size *= len(values)
    if size > MAX_EXPANSION:
        raise _error(where, f"for_each 展开后有 {size} 种组合，上限 {MAX_EXPANSION}")
    return dict(data)


def load_rule_files(paths: Iterable[str], known_checks: Iterable[str],
                    checked: Iterable[str] | None = None) -> list[Rule]:
    """The rules of the files *paths*; those of *checked* (default: all) have their expressions
    parsed at once (see :func:`parse_rule`)."""
    known_checks = set(known_checks)
    checked = None if checked is None else set(checked)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in paths:
        data = _load_yaml(path)
        if data is None:
            continue
        if not isinstance(data, dict) or set(data) - {"rules"} or not isinstance(data.get("rules"), list):
            raise RuleError(f"{path}：规则文件应为 rules: 加规则列表")
        for item in data["rules"]:
            rule = parse_rule(item, str(path), known_checks, checked is None or path in checked)
            if rule.id in seen:
                raise RuleError(f"{path}：规则 {rule.id} 与 {seen[rule.id]} 中的规则重名")
            seen[rule.id] = str(path)
            rules.append(rule)
    return rules


# --- binding a rule to a template -------------------------------------------------------

def combinations(for_each: dict | list, template: Template) -> list[dict[str, str]]:
    if isinstance(for_each, list):
        return for_each
    lists = {}
    for name, values in for_each.items():
        if isinstance(values, str):
            section, list_name = values[1:].split(".", 1)
            values = template.named(section, list_name)
            if values is None or not all(isinstance(value, str) for value in values):
                raise ExprError(f"模板没有列表 {for_each[name]}")
        lists[name] = values
    combinations = [dict(zip(lists, chosen)) for chosen in itertools.product(*lists.values())]
    if len(combinations) > MAX_EXPANSION:
        raise ExprError(f"for_each 展开后有 {len(combinations)} 种组合，上限 {MAX_EXPANSION}")
    return combinations


def compile_rule(rule: Rule, template: Template, space: KeySpace) -> list[Instance]:
    """Bind an ``assert`` rule to *template*; :class:`ExprError` if a key does not exist."""
    rule.parse_expressions()
    def bound(node, variables):
        return bind_keys(substitute(node, variables), space, groups=template.named)

    instances = []
    for variables in combinations(rule.for_each, template):
        assertion = bound(rule.assertion, variables)
        when = bound(rule.when, variables) if rule.when else None
        at = bound(rule.at, variables) if rule.at else None
        if at is not None and not isinstance(at, Key):
            raise ExprError("at 应指向一个数据（不能含 * 或 {}）")
        exprs = {name: bound(node, variables) for name, node in rule.message_exprs.items()}
        context = ",".join(f"{k}={v}" for k, v in sorted(variables.items()))
        instances.append(Instance(rule, variables, assertion, when, at, exprs, context))
    return instances


@lru_cache(maxsize=64)
def key_space(template: Template) -> KeySpace:
    """The template's fact keys, arranged for binding expressions (built once per template)."""
    return KeySpace(template.keys())


def year_rules(rules: Iterable[Rule]) -> list[Rule]:
    """The cross-year rules among *rules* (checked by :mod:`linter.check.years`)."""
    return [rule for rule in rules if rule.kind == "years"]


@dataclass(eq=False)
class RuleSet:
    """The rules, each ``assert`` rule bound to the templates it names (or fits) when a report of
    that template first needs it."""

    rules: list[Rule]
    catalog: Catalog
    compiled: dict[tuple[str, str], list[Instance]] = field(default_factory=dict)

    def by_id(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def instances(self, rule: Rule, template_id: str) -> list[Instance]:
        key = (rule.id, template_id)
        if key not in self.compiled:
            template = self.catalog.get(template_id)
            try:
                self.compiled[key] = compile_rule(rule, template, key_space(template)) \
                    if template is not None and rule.kind == "assert" and rule.names(template_id) else []
            except ExprError:               # a rule for every template that does not fit this one
                self.compiled[key] = []
        return self.compiled[key]


def build_ruleset(rules: list[Rule], catalog: Catalog, checked: Iterable[str] = ()) -> RuleSet:
    """The rules as a set. The rules of the files in *checked* (a user's rule files) are bound to
    every template now, so that a rule naming an unknown template, or fitting none, stops the run
    with a line naming it; gxlint's own rules are checked by its tests and bound when needed."""
    ruleset = RuleSet(rules, catalog)
    checked = set(checked)
    for rule in rules:
        named = rule.templates or ()
        unknown = [t for t in named if catalog.get(t) is None]
        if unknown:
            raise RuleError(f"{rule.source}：规则 {rule.id}：没有模板 {', '.join(unknown)}")
        if rule.kind == "assert" and rule.source in checked:
            _check_binds(rule, catalog, ruleset)
    return ruleset


def _check_binds(rule: Rule, catalog: Catalog, ruleset: RuleSet) -> None:
    errors, fitted = [], False
    named = rule.templates or ()
    for template in catalog.templates:
        if not rule.names(template.id):
            continue
        try:
            ruleset.compiled[(rule.id, template.id)] = compile_rule(rule, template, key_space(template))
            fitted = True
        except ExprError as error:
            errors.append((template.id, error))
    failed_named = [(t, e) for t, e in errors if t in named]
    if failed_named or not fitted:
        template_id, error = (failed_named or errors)[0]
        raise RuleError(f"{rule.source}：规则 {rule.id}（模板 {template_id}）：{error}")
