"""One runner for the rule cases in tests/rules/cases.yaml (real reports, edited).

A case of a cross-year rule names last year's report too (``previous: {fixture, edits}``)."""

from pathlib import Path

import pytest
import yaml

from ..conftest import findings_of, fixture_text, load_text
from .series import cross_year_findings

CASES = yaml.safe_load((Path(__file__).parent.parent / "rules" / "cases.yaml").read_text(encoding="utf-8"))


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


def _id(case) -> str:
    edits = "edited" if case.get("edits") else "as is"
    return f"{case['rule']}-{case['fixture']}-{edits}"


@pytest.mark.parametrize("case", CASES, ids=[_id(case) for case in CASES])
def test_rule_case(case):
    text = apply_edits(fixture_text(case["fixture"]), case.get("edits"))
    if "previous" in case:
        last = apply_edits(fixture_text(case["previous"]["fixture"]), case["previous"].get("edits"))
        found = cross_year_findings(text, last, case["rule"])
    else:
        found = findings_of(load_text(text), case["rule"])
    assert [[f.line, f.column] for f in found] == case["expect"]
    for finding, piece in zip(found, case.get("says", [])):
        assert piece in finding.message


def test_every_rule_has_a_failing_and_a_passing_case():
    from linter.check.loading import load_all

    rules = {rule.id for rule in load_all().ruleset.rules}
    failing = {case["rule"] for case in CASES if case["expect"]}
    passing = {case["rule"] for case in CASES if not case["expect"]}
    assert rules - failing == set()
    assert rules - passing == set()
