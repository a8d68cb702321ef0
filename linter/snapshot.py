"""The loaded templates and rules as JSON data, kept in the cache between runs.

Building templates and rules means reading nine cached YAML entries, checking
every key and type of them, parsing each expression and pattern, and indexing
the labels: half of the time a run of its own spends after starting Python.
Once built from files that have not changed since (:mod:`linter.loading` keys
the snapshot by those files and by the code that builds from them), the result
is the same: so the built objects are kept as plain data (:func:`dump`) and a
later run makes them again from it (:func:`restore`) without the checks, which
the files passed when the snapshot was made. Label indexes are made again as
usual (from kept label forms). The rules bound to each template (binding one
template's took a run milliseconds) are kept too, and made again from that
data for the template a report needs, when it first needs them.

``tests/test_snapshot.py`` checks that restored templates and rules equal the
built ones, field by field, and lint every test report alike.
"""

from __future__ import annotations

from functools import partial

from .expr import from_json, to_json
from .mentions import NOT_KEPT, CheckedPattern, Entry
from .rules import TRANSLATED, Instance, Rule, RuleSet, build_ruleset
from .templates import Catalog, ColumnDef, PartDef, RowDef, SectionDef, Template

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from collections.abc import Callable
    from typing import Any

FORMAT = 4                          # bumped when the data below changes shape
_COLUMN = ("key", "label", "aliases", "unit", "money", "signed", "required", "group_label")
_ROW = ("key", "label", "order", "part", "aliases", "unit", "group", "optional", "unlabeled")
_RULE_TEXTS = ("id", "title", "severity", "message", "source", "assertion_text", "message_blank", "check",
               "description", *(f"{name}_en" for name in TRANSLATED))
_RULE_DATA = ("for_each", "options", "mention", "examples")


_DAMAGE = (KeyError, TypeError, ValueError, IndexError, AttributeError, ArithmeticError, RecursionError)


class Unfit(Exception):
    """The loaded objects have a shape the snapshot cannot hold (then nothing is kept)."""


# --- dump ------------------------------------------------------------------------

def dump(templates: list[Template], rules: list[Rule], compiled: dict | None = None) -> tuple[dict, dict]:
    """The templates and rules as JSON-able data, and what is bound to each template
    (the rules, as *compiled* (:attr:`RuleSet.compiled`) holds them, and the mention
    entries), template id -> data, kept apart since a report needs one template's;
    Unfit if they cannot be."""
    bound: dict[str, dict[str, dict]] = {}

    def of(template_id: str) -> dict:
        return bound.setdefault(template_id, {"instances": {}, "mentions": {}})

    for (rule_id, template_id), instances in (compiled or {}).items():
        of(template_id)["instances"][rule_id] = [_dump_instance(instance) for instance in instances]
    for rule in rules:
        for index, entry in enumerate(rule.entries):
            for template_id, node in entry.bound.items():
                of(template_id)["mentions"].setdefault(rule.id, {})[str(index)] = _tree(node)
    core = {"format": FORMAT, "templates": [_dump_template(t) for t in templates],
            "rules": [_dump_rule(rule) for rule in rules]}
    return core, bound


def _fields(record: Any, names: tuple[str, ...]) -> list:
    return [list(value) if isinstance(value, tuple) else value for value in map(record.__getattribute__, names)]


def _dump_template(template: Template) -> dict:
    return {"id": template.id, "title": template.title, "years": list(template.years), "path": template.path,
            "variants": list(template.variants),
            "sections": {name: _dump_section(section) for name, section in template.sections.items()}}


def _dump_section(section: SectionDef) -> dict:
    rows = []
    for row in section.rows:
        if row.columns is not section.parts[row.part].columns:
            raise Unfit(f"{section.template_id}.{section.name}.{row.key}: columns not its part's")
        rows.append(_fields(row, _ROW))
    position = {id(row): index for index, row in enumerate(section.rows)}
    return {
        "title": section.title, "captions": list(section.captions), "headers": list(section.headers),
        "unit_column": section.unit_column,
        # a variant's rows are indexed after the template's: the order decides between equal labels
        "indexed": [position[id(row)] for row in section.row_index.entries()],
        "parts": [[part.caption, [_fields(column, _COLUMN) for column in part.columns]] for part in section.parts],
        "rows": rows,
        "column_groups": [_fields(column, _COLUMN) for column in section.column_groups],
        "group_columns": [_fields(column, _COLUMN) for column in section.group_columns],
        "groups": {name: list(keys) for name, keys in section.groups.items()},
    }


def _tree(node) -> list | None:
    return None if node is None else to_json(node)


def _dump_rule(rule: Rule) -> dict:
    entries = [[_dump_pattern(entry.pattern), entry.equals, to_json(entry.tree), _dump_pattern(entry.context),
                _dump_pattern(entry.exclude), entry.unit] for entry in rule.entries]
    return {
        "texts": _fields(rule, _RULE_TEXTS), "data": _fields(rule, _RULE_DATA),
        "templates": None if rule.templates is None else list(rule.templates),
        "assertion": _tree(rule.assertion), "when": _tree(rule.when), "at": _tree(rule.at),
        "message_exprs": {name: to_json(node) for name, node in rule.message_exprs.items()},
        "entries": entries,
    }


def _dump_instance(instance: Instance) -> list:
    return [instance.variables, to_json(instance.assertion), _tree(instance.when), _tree(instance.at),
            {name: to_json(node) for name, node in instance.message_exprs.items()}, instance.context]


def _dump_pattern(pattern: CheckedPattern | None) -> list | None:
    return None if pattern is None else [pattern.source, pattern.anchor]


# --- restore -----------------------------------------------------------------------

def restore(data: Any, bound: Callable[[str], Any] = lambda template_id: None) -> tuple[Catalog, RuleSet] | None:
    """The catalog and rule set :func:`dump` kept, or None when *data* is not such a snapshot.

    *bound* gives a template's data of bound rules (or None), asked when a report first
    needs that template's rules."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    kept = _Bound(bound)
    try:
        catalog = Catalog([_template(item) for item in data["templates"]])
        rules = [_rule(item, kept) for item in data["rules"]]
    except _DAMAGE:
        return None
    return catalog, build_ruleset(rules, catalog, validated=True, kept=kept)


def _column(values: list) -> ColumnDef:
    column = ColumnDef(*values)
    column.aliases = tuple(column.aliases)
    return column


def _template(data: dict) -> Template:
    template = Template(id=data["id"], title=data["title"], years=tuple(data["years"]), sections={},
                        path=data["path"], variants=list(data["variants"]))
    for name, section in data["sections"].items():
        template.sections[name] = _section(name, section, template.id)
    return template


def _section(name: str, data: dict, template_id: str) -> SectionDef:
    parts = [PartDef(caption, [_column(values) for values in columns]) for caption, columns in data["parts"]]
    rows = []
    for values in data["rows"]:
        key, label, order, part, aliases, unit, group, optional, unlabeled = values
        rows.append(RowDef(key, label, order, parts[part].columns, part, tuple(aliases), unit, group, optional,
                           unlabeled))
    section = SectionDef(
        name=name, title=data["title"], template_id=template_id, captions=tuple(data["captions"]),
        headers=tuple(data["headers"]), unit_column=data["unit_column"], parts=parts, rows=[],
        column_groups=[_column(values) for values in data["column_groups"]],
        group_columns=[_column(values) for values in data["group_columns"]],
        groups={name: tuple(keys) for name, keys in data["groups"].items()},
    )
    section.rows = rows
    indexed = [rows[index] for index in data["indexed"]]
    seen = set(map(id, indexed))
    for row in indexed + [row for row in rows if id(row) not in seen]:
        section.adopt(row)
    return section


def _node(raw):
    return None if raw is None else from_json(raw)


def _pattern(raw) -> CheckedPattern | None:
    return None if raw is None else CheckedPattern(*raw)


def _rule(data: dict, kept: _Bound) -> Rule:
    rule = Rule(**dict(zip(_RULE_TEXTS, data["texts"])), **dict(zip(_RULE_DATA, data["data"])))
    rule.templates = None if data["templates"] is None else tuple(data["templates"])
    rule.assertion, rule.when, rule.at = _node(data["assertion"]), _node(data["when"]), _node(data["at"])
    rule.message_exprs = {name: from_json(raw) for name, raw in data["message_exprs"].items()}
    rule.entries = [Entry(_pattern(pattern), equals, from_json(tree), _pattern(context), _pattern(exclude), unit,
                          kept=partial(kept.mention, rule.id, str(index)))
                    for index, (pattern, equals, tree, context, exclude, unit) in enumerate(data["entries"])]
    return rule


class _Bound:
    """What an earlier run bound to each template, made again when a report first needs it
    (a report needs one template's, so the others are never read)."""

    def __init__(self, read: Callable[[str], Any]):
        self.read = read
        self.data: dict[str, Any] = {}

    def _part(self, template_id: str, name: str, rule_id: str) -> Any:
        if template_id not in self.data:
            self.data[template_id] = self.read(template_id)
        part = self.data[template_id].get(name) if isinstance(self.data[template_id], dict) else None
        return part.get(rule_id) if isinstance(part, dict) else None

    def __call__(self, rule: Rule, template_id: str) -> list[Instance] | None:
        """The rule's instances for the template, or None (then it is bound as usual)."""
        kept = self._part(template_id, "instances", rule.id)
        if kept is None:
            return None
        try:
            return [Instance(rule, dict(variables), from_json(assertion), _node(when), _node(at),
                             {name: from_json(raw) for name, raw in exprs.items()}, context)
                    for variables, assertion, when, at, exprs, context in kept]
        except _DAMAGE:
            return None                 # bound again from the rule

    def mention(self, rule_id: str, index: str, template_id: str) -> Any:
        """A mention entry's equals bound to the template (None: it does not fit), or NOT_KEPT."""
        kept = self._part(template_id, "mentions", rule_id)
        if not isinstance(kept, dict) or index not in kept:
            return NOT_KEPT
        try:
            return _node(kept[index])
        except _DAMAGE:
            return NOT_KEPT
