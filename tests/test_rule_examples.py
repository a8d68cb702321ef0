"""Every rule's documented examples behave as documented (what --explain shows is true)."""

import pytest

from linter.checks import CHECKS
from linter.engine import run_rules
from linter.loading import load_all

from .conftest import load_text

RULES = [rule for rule in load_all().ruleset.rules]


def rule_findings(rule, text):
    report = load_text(text)
    return [f for f in run_rules(report, load_all().ruleset, CHECKS) if f.rule == rule.id]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_documented_examples(rule):
    assert rule.description and set(rule.examples) == {"pass", "fail"}, "every rule documents both examples"
    assert rule_findings(rule, rule.examples["pass"]) == []
    assert rule_findings(rule, rule.examples["fail"]) != []
