"""--lang en: every built-in rule speaks English, with the same placeholders as its Chinese text."""

from pathlib import Path

import pytest
import yaml

from linter.checks import CHECKS
from linter.engine import call_check, in_language, run_rules
from linter.loading import load_all
from linter.messages import placeholders

from .conftest import load_fixture

CHECKS_DIR = Path(__file__).resolve().parent.parent / "rules" / "checks"
BUILTIN_RULES = [rule for path in sorted(CHECKS_DIR.glob("*.yaml"))
                 for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]]


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=[rule["id"] for rule in BUILTIN_RULES])
def test_every_builtin_rule_has_english_with_the_same_placeholders(rule):
    for name in ("title", "message", "message_blank", "description"):
        if name in rule:
            english = rule.get(f"{name}_en")
            assert english, f"{name}_en is missing"
            assert sorted(placeholders(english)) == sorted(placeholders(rule[name])), name
            assert any(char.isascii() and char.isalpha() for char in english)


def test_text_falls_back_to_chinese():
    rule = load_all().ruleset.by_id("GX112")
    assert rule.text("title") == "每一种公开渠道的条数不大于主动公开信息总数"
    assert rule.text("title", "en") == "No disclosure channel exceeds the total of information disclosed"
    rule_without = in_language(rule, "zh")
    assert rule_without is rule
    english = in_language(rule, "en")
    assert (english.title, english.message) == (rule.title_en, rule.message_en) and rule.title != english.title


def test_findings_in_english_from_a_real_report():
    report = load_fixture("seeds/001")
    findings = [f for f in run_rules(report, load_all().ruleset, CHECKS, lang="en") if f.rule in ("GX002", "GX003")]
    assert [(f.rule, f.title, f.message) for f in findings] == [
        ("GX003", "Rows missing from a table", "The table lacks “其中：主动公开规范性文件数”, “制发规范性文件总数” "
         "(missing rows: 2); they belong before “（二）通过不同渠道和方式公开政府信息的情况”"),
        ("GX003", "Rows missing from a table", "The table lacks “5.其他方式公开政府信息数” (missing rows: 1); "
         "they belong before “（三）回应公众关注热点或重大舆情数”"),
        ("GX002", "Table cut off", "Cut off after “4.微博微信回应事件数”: the statistics table lacks 43 rows, "
         "from “5.其他方式回应事件数” on")]


def test_a_check_without_lang_still_gets_english_texts():
    rule = load_all().ruleset.by_id("GX001")
    seen = []

    def old_style_check(report, rule, severity):          # written before lang existed
        seen.append((rule.title, rule.message, severity))
        return []

    call_check(old_style_check, load_fixture("real/web-044"), rule, "info", lang="en")
    assert seen == [("No statistics table recognised",
                     "No government information disclosure statistics table was recognised; only the prose was checked",
                     "info")]


def test_blank_cells_in_english_name_row_and_columns():
    from .conftest import fixture_text, load_text
    text = fixture_text("seeds/004").split("\n")
    assert text[62].endswith("74")
    assert text[61] == "\t行政处罚"
    text[62] = text[62].replace("　74", "")             # 行政处罚, 上一年项目数量 (as in tests/rules/cases.yaml)
    report = load_text("\n".join(text))
    (finding,) = [f for f in run_rules(report, load_all().ruleset, CHECKS, lang="en") if f.rule == "GX008"]
    assert finding.message.startswith("“行政处罚” (“上一年项目数量”) ")
    assert finding.message.endswith("left blank while the table holds numbers elsewhere: write 0 for none, "
                                    "“——” for not applicable")
