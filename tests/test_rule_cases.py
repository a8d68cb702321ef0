"""One runner for the rule cases in tests/rules/cases.yaml (real reports, edited)."""

from pathlib import Path

import pytest
import yaml

from linter.checks import CHECKS
from linter.engine import run_rules
from linter.loading import load_all

from .conftest import fixture_text, load_text

CASES = yaml.safe_load((Path(__file__).parent / "rules" / "cases.yaml").read_text(encoding="utf-8"))


def apply_edits(text: str, edits) -> str:
    lines = text.split("\n")
    deleted: set[int] = set()
    for edit in edits or []:
        if "replace" in edit:
            spec = edit["replace"]
            index = spec["line"] - 1
            old, new = spec["old"], spec["new"]
            line = lines[index] + ("\n" if old.endswith("\n") else "")
            assert old in line, f"{old!r} not on line {spec['line']}: {lines[index]!r}"
            lines[index] = line.replace(old, new, 1).rstrip("\n") if old.endswith("\n") else line.replace(old, new, 1)
        else:
            spec = edit["delete"]
            deleted.update(range(spec["from"] - 1, spec["to"]))
    return "\n".join(line for index, line in enumerate(lines) if index not in deleted)


def findings_for(text: str, rule_id: str):
    report = load_text(text)
    return [f for f in run_rules(report, load_all().ruleset, CHECKS) if f.rule == rule_id]


@pytest.mark.parametrize("case", CASES, ids=[
    f"{c['rule']}-{c['fixture']}-{'edited' if c.get('edits') else 'as-is'}-{i}" for i, c in enumerate(CASES)])
def test_rule_case(case):
    text = apply_edits(fixture_text(case["fixture"]), case.get("edits"))
    found = findings_for(text, case["rule"])
    assert [[f.line, f.column] for f in found] == case["expect"], [f.message for f in found]
    for finding, text in zip(found, case.get("says", [])):
        assert text in finding.message


def test_every_rule_has_a_failing_and_a_passing_case():
    ruleset = load_all().ruleset
    failing = {case["rule"] for case in CASES if case["expect"]}
    passing = {case["rule"] for case in CASES if not case["expect"]}
    rules = {rule.id for rule in ruleset.rules}
    assert rules - failing == set()
    assert rules - passing == set()
