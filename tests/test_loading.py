"""linter.loading: rule files checked once are bound lazily later, with the same result."""

import pytest

from .conftest import SEEDS, load_fixture
from linter import loading
from linter.checks import CHECKS
from linter.engine import run_rules
from linter.rules import RuleError

GOOD_RULE = """\
rules:
  - id: USR001
    title: 测试
    message: 申请总数为负
    severity: warning
    templates: ["2019"]
    assert: apply.total.total >= 0
"""


@pytest.fixture(params=["snapshot", "checked files only"])
def fresh_cache(fresh_cache, monkeypatch, request):
    # A later run restores what the first built (linter.snapshot); without that snapshot (one that
    # cannot be kept, or is damaged), it builds again from files known to pass the checks.
    if request.param != "snapshot":
        monkeypatch.setattr(loading.snapshot, "restore", lambda *kept: None)
    return fresh_cache


def load_twice(extra=()):
    """What a first run loads (checking every rule), then what a later run loads."""
    first = loading.load_all(extra)
    loading._load.cache_clear()
    return first, loading.load_all(extra)


def bound_forms(ruleset):
    forms = {}
    for rule in ruleset.rules:
        for template in ruleset.catalog.templates:
            instances = ruleset.instances(rule, template.id)
            forms[rule.id, template.id] = [(i.context, i.assertion, i.when, i.at, i.message_exprs) for i in instances]
            for index, entry in enumerate(rule.entries):
                if rule.templates is None or template.id in rule.templates:
                    forms[rule.id, template.id, index] = entry.bound_to(template)
    return forms


def test_a_later_run_binds_lazily_to_the_same_forms(fresh_cache):
    first, later = load_twice()
    assert first.ruleset.compiled and not later.ruleset.compiled     # the later run has bound nothing yet
    assert bound_forms(later.ruleset) == bound_forms(first.ruleset)


def test_a_later_run_finds_the_same(fresh_cache):
    first, later = load_twice()
    for seed in SEEDS:
        report = load_fixture(f"seeds/{seed.name[:3]}")
        assert run_rules(report, later.ruleset, CHECKS) == run_rules(report, first.ruleset, CHECKS)


def test_a_rule_file_is_checked_again_once_edited(fresh_cache, tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text(GOOD_RULE, encoding="utf-8")
    load_twice([str(rules)])
    rules.write_text(GOOD_RULE.replace("apply.total.total", "apply.no_such.key"), encoding="utf-8")
    loading._load.cache_clear()
    with pytest.raises(RuleError, match="USR001"):
        loading.load_all([str(rules)])


def test_a_new_rule_file_is_checked_though_the_built_ins_were(fresh_cache, tmp_path):
    load_twice()
    rules = tmp_path / "mine.yaml"
    rules.write_text(GOOD_RULE.replace("apply.total.total", "apply.no_such.key"), encoding="utf-8")
    with pytest.raises(RuleError, match="USR001"):
        loading.load_all([str(rules)])
