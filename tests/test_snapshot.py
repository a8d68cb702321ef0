"""linter.snapshot: templates and rules restored from the cache equal the ones built from their files."""

import json
from decimal import Decimal

import pytest

from .conftest import fixture_path
from linter import loading, snapshot
from linter.cli import main
from linter.labels import LabelIndex
from linter.mentions import CheckedPattern
from linter.record import Record

# made on first use, or where what an earlier run made is found: not the same objects
LAZY = {"_space", "bound", "compiled", "_compiled", "_counts", "_matchers", "kept"}


def same(first, second, seen=None) -> bool:
    """Whether two object graphs hold the same data, field by field (cycles allowed)."""
    seen = set() if seen is None else seen
    if (id(first), id(second)) in seen:
        return True
    seen.add((id(first), id(second)))
    if type(first) is not type(second):
        return False
    if isinstance(first, (Record, LabelIndex, CheckedPattern)):
        names = first.FIELDS if isinstance(first, Record) else (
            ("_exact", "_labels") if isinstance(first, LabelIndex) else first.__slots__)
        return all(same(getattr(first, name), getattr(second, name), seen) for name in names if name not in LAZY)
    if isinstance(first, dict):
        return list(first) == list(second) and all(same(first[key], second[key], seen) for key in first)
    if isinstance(first, (list, tuple)):
        return len(first) == len(second) and all(same(a, b, seen) for a, b in zip(first, second))
    return first == second


def test_the_comparison_sees_a_difference():
    built = loading.load_all()
    core, _ = snapshot.dump(built.catalog.templates, built.ruleset.rules)
    catalog, ruleset = snapshot.restore(json.loads(json.dumps(core)))
    assert same(catalog, built.catalog) and same(ruleset.rules, built.ruleset.rules)
    catalog.get("2021").sections["active"].rows[3].aliases += ("另一个",)
    assert not same(catalog, built.catalog)
    rule = next(rule for rule in ruleset.rules if rule.assertion is not None)
    rule.message_exprs["x"] = rule.assertion
    assert not same(ruleset.rules, built.ruleset.rules)


def test_restored_templates_and_rules_equal_the_built_ones(fresh_cache, tmp_path):
    mine = tmp_path / "mine.yaml"          # a user's rule and provincial variant are kept too
    mine.write_text("rules:\n  - id: USR001\n    title: 测试\n    message: 申请总数 {apply.total.total} 为负\n"
                    "    severity: warning\n    templates: [\"2019\"]\n    assert: apply.total.total >= 0\n",
                    encoding="utf-8")
    built = loading.load_all([str(mine)])
    assert list(fresh_cache.glob("loaded-*.json"))
    loading._load.cache_clear()
    restored = loading.load_all([str(mine)])
    assert restored is not built and not restored.ruleset.compiled       # made again, nothing bound yet
    assert same(restored.catalog, built.catalog)
    assert same(restored.ruleset.rules, built.ruleset.rules)
    assert any(rule.id == "USR001" for rule in restored.ruleset.rules)
    for rule in built.ruleset.rules:
        for template in built.catalog.templates:
            kept = restored.ruleset.instances(restored.ruleset.by_id(rule.id), template.id)
            assert same(kept, built.ruleset.instances(rule, template.id)), (rule.id, template.id)


def test_a_restored_run_reports_the_same_on_every_test_report(fresh_cache, capsys):
    folder = str(fixture_path("seeds/002").parent.parent)
    outputs = []
    for _ in range(2):
        loading._load.cache_clear()
        main(["--format", "json", folder])
        outputs.append(capsys.readouterr().out)
    assert len(json.loads(outputs[0])["files"]) > 15
    assert outputs[1] == outputs[0]


def test_a_restored_run_does_not_build_from_the_files(fresh_cache, monkeypatch):
    loading.load_all()
    loading._load.cache_clear()
    monkeypatch.setattr(loading, "load_templates", lambda paths: pytest.fail("built from the files"))
    assert loading.load_all().catalog.get("2021") is not None


@pytest.mark.parametrize("damage", [
    lambda data: None, lambda data: {**data, "format": 0}, lambda data: {**data, "rules": [{"texts": []}]},
    lambda data: {**data, "templates": [{"id": "2021"}]},
    lambda data: {**data, "rules": [{**data["rules"][0], "assertion": ["num", "x"]}]},
])
def test_a_damaged_snapshot_is_built_again(fresh_cache, damage):
    built = loading.load_all()
    (entry,) = fresh_cache.glob("loaded-*.json")
    kept = json.loads(entry.read_text(encoding="utf-8"))
    kept["data"] = damage(kept["data"])
    entry.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    assert snapshot.restore(kept["data"]) is None
    loading._load.cache_clear()
    again = loading.load_all()
    assert same(again.catalog, built.catalog) and same(again.ruleset.rules, built.ruleset.rules)


def test_the_snapshot_is_keyed_by_the_building_code_too(tmp_path):
    key = loading._contents_key([])
    assert all(f"linter/{name}\0" in key.replace("\\", "/") for name in loading._BUILDERS)


def test_numbers_in_expressions_stay_exact(fresh_cache):
    built = loading.load_all()
    core, _ = snapshot.dump(built.catalog.templates, built.ruleset.rules)
    _, ruleset = snapshot.restore(json.loads(json.dumps(core)))
    numbers = [node.value for rule in ruleset.rules for node in _nodes(rule.assertion)
               if type(node).__name__ == "Num"]
    assert numbers and all(isinstance(value, Decimal) for value in numbers)


def _nodes(node):
    if node is None:
        return
    yield node
    for name in ("left", "right", "operand"):
        yield from _nodes(getattr(node, name, None))
    for arg in getattr(node, "args", ()):
        yield from _nodes(arg)


def test_a_restored_run_takes_the_bound_rules_from_the_snapshot(fresh_cache, monkeypatch):
    from linter import rules

    built = loading.load_all()
    assert len(list(fresh_cache.glob("bound-*.json"))) == len(built.catalog.templates)   # one a template
    loading._load.cache_clear()
    restored = loading.load_all()
    monkeypatch.setattr(rules, "compile_rule", lambda rule, template: pytest.fail("bound again"))
    pairs = [(rule, template.id) for rule in restored.ruleset.rules for template in restored.catalog.templates]
    bound = [restored.ruleset.instances(rule, template_id) for rule, template_id in pairs]
    assert sum(map(len, bound)) > 100
    assert same(bound, [built.ruleset.instances(built.ruleset.by_id(rule.id), t) for rule, t in pairs])


def test_a_damaged_bound_rule_is_bound_again(fresh_cache):
    built = loading.load_all()
    core, bound = json.loads(json.dumps(snapshot.dump(built.catalog.templates, built.ruleset.rules,
                                                      built.ruleset.compiled)))
    rule_id = next(rule.id for rule in built.ruleset.rules if built.ruleset.instances(rule, "2021"))
    bound["2021"]["instances"][rule_id] = [["not", "an", "instance"]]
    _, ruleset = snapshot.restore(core, bound.get)
    rule = ruleset.by_id(rule_id)
    assert same(ruleset.instances(rule, "2021"), built.ruleset.instances(built.ruleset.by_id(rule_id), "2021"))


def test_a_restored_run_takes_the_bound_mentions_from_the_snapshot(fresh_cache, monkeypatch):
    from linter.mentions import Entry

    built = loading.load_all()
    loading._load.cache_clear()
    restored = loading.load_all()
    monkeypatch.setattr(Entry, "bind", lambda entry, template: pytest.fail("bound again"))
    pairs = [(rule, index, template) for rule in restored.ruleset.rules for index in range(len(rule.entries))
             for template in restored.catalog.templates if rule.names(template.id)]
    assert len(pairs) > 50
    for rule, index, template in pairs:
        original = built.ruleset.by_id(rule.id).entries[index]
        assert same(rule.entries[index].bound_to(template), original.bound_to(built.catalog.get(template.id)))


def test_a_damaged_bound_mention_is_bound_again(fresh_cache):
    built = loading.load_all()
    core, bound = json.loads(json.dumps(snapshot.dump(built.catalog.templates, built.ruleset.rules,
                                                      built.ruleset.compiled)))
    rule = next(rule for rule in built.ruleset.rules if len(rule.entries) > 1 and rule.names("2021"))
    bound["2021"]["mentions"][rule.id]["0"] = ["no such node"]
    del bound["2021"]["mentions"][rule.id]["1"]
    catalog, ruleset = snapshot.restore(core, bound.get)
    for index in (0, 1):
        assert same(ruleset.by_id(rule.id).entries[index].bound_to(catalog.get("2021")),
                    rule.entries[index].bound_to(built.catalog.get("2021")))
