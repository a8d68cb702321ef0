"""linter.engine: findings from real reports, and any single changed number is caught."""

import pytest

from linter.checks import CHECKS
from linter.engine import run_rules, scopes
from linter.loading import load_all

from .conftest import fixture_text, load_text


def lint(text):
    report = load_text(text)
    return report, run_rules(report, load_all().ruleset, CHECKS)


def errors(findings):
    return [f for f in findings if f.severity == "error"]


@pytest.mark.parametrize("name", ["seeds/004", "real/web-029", "real/web-012"])
def test_consistent_reports_give_no_error(name):
    _, findings = lint(fixture_text(name))
    assert errors(findings) == []


def test_seed_findings():
    # Every real mistake in the five seeds, each checked by reading the report.
    expected = {
        "seeds/000": {("GX103", 176, 2), ("GX008", 302, 2)},
        "seeds/001": {("GX002", 481, 2), ("GX003", 429, 4), ("GX003", 449, 4),
                      ("GX302", 18, 297), ("GX402", 410, 1), ("GX404", 427, 2)},
        "seeds/002": {("GX112", 182, 2), ("GX112", 187, 2), ("GX007", 411, 2), ("GX007", 446, 2),
                      ("GX304", 56, 87), ("GX320", 54, 27), ("GX320", 54, 150), ("GX320", 54, 170)},
        "seeds/003": {("GX007", 54, 20), ("GX006", 64, 3), ("GX006", 65, 3)},
        "seeds/004": set(),
    }
    for name, wanted in expected.items():
        _, findings = lint(fixture_text(name))
        assert {(f.rule, f.line, f.column) for f in findings} == wanted, name


def test_message_names_row_column_and_both_sides():
    text = fixture_text("seeds/001").split("\n")
    text[338] = text[338].replace("2", "3")              # （七）总计, 自然人: 2 -> 3
    _, findings = lint("\n".join(text))
    (finding,) = [f for f in findings if f.rule == "GX202"]
    assert finding.message == "“自然人”一列：（七）总计为 3，（一）至（六）各项办理结果之和为 2"
    assert (finding.line, finding.column) == (339, 2)
    assert {(r.line, r.column) for r in finding.related} >= {(209, 2), (242, 2)}   # the parts that hold 1


def mutated(text, cell, value):
    lines = text.split("\n")
    line = lines[cell.line - 1]
    lines[cell.line - 1] = line[:cell.column - 1] + value + line[cell.end_column - 1:]
    return "\n".join(lines)


def cells_of(finding):
    return {(finding.line, finding.column)} | {(r.line, r.column) for r in finding.related}


SUMMED_2008 = ("stats.apply.received", "stats.apply.closed", "stats.apply.replied", "stats.review",
               "stats.litigation", "stats.organization.staff")


def summed(key):
    return key.startswith(("apply.", "review.")) or key.startswith(SUMMED_2008)


@pytest.mark.parametrize("name", ["seeds/001", "seeds/004", "seeds/002", "seeds/003"])
def test_any_changed_number_is_reported(name):
    text = fixture_text(name)
    report, before = lint(text)
    known = {(f.rule, f.line, f.column) for f in errors(before)}
    facts = [fact for _, facts in scopes(report.binding.tables) for fact in facts.values()
             if summed(fact.key) and fact.status == "number"]
    assert len(facts) > 20
    missed = []
    for fact in facts:
        _, after = lint(mutated(text, fact.cell, str(fact.value + 1)))
        new = [f for f in errors(after) if (f.rule, f.line, f.column) not in known]
        if not any((fact.cell.line, fact.cell.column) in cells_of(f) for f in new):
            missed.append(fact.key)
    assert missed == []
