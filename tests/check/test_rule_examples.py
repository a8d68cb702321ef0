"""Every rule's documented examples behave as documented (what --explain shows is true)."""

import pytest

from linter.check.loading import load_all

from ..conftest import findings_of, load_text

RULES = list(load_all().ruleset.rules)


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_documented_examples(rule):
    assert rule.description and set(rule.examples) == {"pass", "fail"}, "every rule documents both examples"
    assert findings_of(load_text(rule.examples["pass"]), rule.id) == []
    assert findings_of(load_text(rule.examples["fail"]), rule.id) != []
