"""Every rule's documented examples behave as documented (what --explain shows is true).

A cross-year rule (``across: years``) documents three reports: ``previous`` (last year's),
and this year's ``pass`` and ``fail``; each is checked against ``previous``.
"""

import pytest

from linter.bind.identity import read_identity
from linter.check.loading import load_all
from linter.check.years import YearRules, check_pair, year_facts

from ..conftest import findings_of, load_text

LOADED = load_all()
RULES = list(LOADED.ruleset.rules)


def cross_year_findings(rule, this_text: str, last_text: str):
    def summary(text, path):
        report = load_text(text, path)
        return year_facts(report, read_identity(report.document, report.dates), RULES)
    found = check_pair(summary(this_text, "this.txt"), summary(last_text, "last.txt"),
                       YearRules([rule], LOADED.catalog))
    return [finding for finding in found if finding.rule == rule.id]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_documented_examples(rule):
    assert rule.description and {"pass", "fail"} <= set(rule.examples), "every rule documents both examples"
    if rule.across:
        assert set(rule.examples) == {"pass", "fail", "previous"}
        assert cross_year_findings(rule, rule.examples["pass"], rule.examples["previous"]) == []
        assert cross_year_findings(rule, rule.examples["fail"], rule.examples["previous"]) != []
        # alone, this year's report gives no cross-year finding
        assert findings_of(load_text(rule.examples["fail"]), rule.id) == []
        return
    assert set(rule.examples) == {"pass", "fail"}
    assert findings_of(load_text(rule.examples["pass"]), rule.id) == []
    assert findings_of(load_text(rule.examples["fail"]), rule.id) != []
