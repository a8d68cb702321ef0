"""linter.check.engine: findings from real reports, and any single changed number is caught."""

import pytest

from linter.check.engine import run_rules, scopes
from linter.check.loading import load_all

from ..conftest import fixture_text, load_fixture, load_text


def lint(text):
    report = load_text(text)
    return report, run_rules(report, load_all().ruleset)


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
        # 针对…等热点问题回应…13次 is a part of the table's 58, not the whole: no GX302
        "seeds/001": {("GX002", 481, 2), ("GX003", 429, 4), ("GX003", 449, 4),
                      ("GX402", 410, 1), ("GX404", 427, 2)},
        "seeds/002": {("GX112", 182, 2), ("GX112", 187, 2), ("GX007", 411, 2), ("GX007", 446, 2),
                      ("GX304", 56, 87), ("GX320", 54, 27), ("GX320", 54, 150), ("GX320", 54, 170)},
        "seeds/003": {("GX007", 54, 20), ("GX006", 64, 3), ("GX006", 65, 3)},
        "seeds/004": {("GX503", 404, 1)},      # part 5 says only 无问题。
    }
    for name, wanted in expected.items():
        _, findings = lint(fixture_text(name))
        assert {(f.rule, f.line, f.column) for f in findings} == wanted, name


def test_findings_are_sorted_and_unique():
    _, findings = lint(fixture_text("seeds/002"))
    assert [f.sort_key for f in findings] == sorted(f.sort_key for f in findings)
    assert len({(f.rule, f.line, f.column, f.message) for f in findings}) == len(findings)


def test_message_names_row_column_and_both_sides():
    text = fixture_text("seeds/001").split("\n")
    assert text[338] == "\t2"
    text[338] = text[338].replace("2", "3")              # （七）总计, 自然人: 2 -> 3
    _, findings = lint("\n".join(text))
    (finding,) = [f for f in findings if f.rule == "GX202"]
    assert finding.message == "“自然人”一列：（七）总计为 3，（一）至（六）各项办理结果之和为 2"
    assert (finding.line, finding.column) == (339, 2)
    assert {(r.line, r.column) for r in finding.related} >= {(209, 2), (242, 2)}   # the parts that hold 1


def test_messages_in_english():
    text = fixture_text("seeds/001").split("\n")
    text[338] = "\t3"
    report = load_text("\n".join(text))
    (finding,) = [f for f in run_rules(report, load_all().ruleset, lang="en") if f.rule == "GX202"]
    assert finding.title == "(七) Total equals the sum of the outcomes"
    # the column is named as the report names it
    assert finding.message == "Column “自然人”: (七) total is 3, but outcomes (一) to (六) add up to 2"


def test_severity_may_be_changed_per_rule():
    report = load_fixture("seeds/002")
    found = run_rules(report, load_all().ruleset, severity_of=lambda rule: "info")
    assert found and {f.severity for f in found} == {"info"}


def test_scopes_check_each_template_on_its_own():
    # seed 001: 2019 tables and a 2008 appendix
    report = load_fixture("seeds/001")
    found = scopes(report.binding.tables)
    assert [template for template, _ in found] == ["2019", "2008"]
    assert all(key.startswith(("active.", "apply.", "review.")) for key in found[0][1])
    assert all(key.startswith("stats.") for key in found[1][1])


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


# --- a check: rule's templates ------------------------------------------------------------------------------

CUT_OFF = """rules:
  - id: ZJ010
    title: t
    severity: warning
    check: cut_off
{templates}    message: "{{section}} {{label}}"
"""


def cut_off_findings(tmp_path, name, templates):
    path = tmp_path / "mine.yaml"
    path.write_text(CUT_OFF.format(templates=f"    templates: {templates}\n" if templates else ""),
                    encoding="utf-8")
    found = run_rules(load_fixture(name), load_all([path]).ruleset)
    return [(f.line, f.column) for f in found if f.rule == "ZJ010"]


def test_a_check_rule_sees_only_the_tables_of_the_templates_it_names(tmp_path):
    # web-029's application matrix (2019 format) stops after 二、上年结转… (built-in GX002 at 31:25)
    assert cut_off_findings(tmp_path, "real/web-029", None) == [(31, 25)]
    assert cut_off_findings(tmp_path, "real/web-029", '["2019"]') == [(31, 25)]
    assert cut_off_findings(tmp_path, "real/web-029", '["2008"]') == []


def test_a_check_rule_on_a_report_in_two_formats(tmp_path):
    # seed 001: its 2008 appendix is cut off at 481:2, its 2019 tables are whole
    assert cut_off_findings(tmp_path, "seeds/001", None) == [(481, 2)]
    assert cut_off_findings(tmp_path, "seeds/001", '["2008"]') == [(481, 2)]
    assert cut_off_findings(tmp_path, "seeds/001", '["2019", "2021"]') == []


SIGNED_EARLY = """rules:
  - id: ZJ011
    title: t
    severity: warning
    check: signed_early
{templates}    message: "{{date}}"
"""


def early_findings(tmp_path, templates):
    # seed 004 (2019 format) with a year in its title and a date before its year ends
    text = fixture_text("seeds/004").replace("东丽区卫生健康委员会信息公开工作年度报告",
                                              "东丽区卫生健康委员会2019年政府信息公开工作年度报告", 1)
    path = tmp_path / "mine.yaml"
    path.write_text(SIGNED_EARLY.format(templates=f"    templates: {templates}\n" if templates else ""),
                    encoding="utf-8")
    found = run_rules(load_text(text.rstrip() + "\n\n2019年12月1日\n"), load_all([path]).ruleset)
    return [f.message for f in found if f.rule == "ZJ011"]


def test_a_check_rule_on_dates_naming_templates_is_for_reports_in_them(tmp_path):
    # the date check looks at no table; naming templates still says which reports it is for
    assert early_findings(tmp_path, None) == ["2019年12月1日"]
    assert early_findings(tmp_path, '["2019"]') == ["2019年12月1日"]
    assert early_findings(tmp_path, '["2008"]') == []
