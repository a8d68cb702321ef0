"""linter.check.rules: rule files, how they bind to templates, and what a broken one gets (the file and
the rule named)."""

import pytest

from linter.bind.templates import TemplateError, builtin_catalog
from linter.bind import bind_report
from linter.check.checks import CHECKS
from linter.check.engine import run_rules
from linter.check.loading import load_all
from linter.check.rules import MAX_EXPANSION, RuleError, build_ruleset, load_rule_files, parse_rule

from ..conftest import fixture_text, load_fixture, load_text

GOOD = """rules:
  - id: ZJ001
    title: 专项经费不超过 100 万元
    severity: warning
    templates: ["2008"]
    assert: stats.organization.funds <= 100
    message: 专项经费 {left} 万元，超过 {right} 万元
"""


def write(folder, text, name="mine.yaml"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def user_findings(report, *paths, rule_id="ZJ001", lang="zh"):
    return [f for f in run_rules(report, load_all(paths).ruleset, lang=lang) if f.rule == rule_id]


def test_builtin_rules_load_and_have_unique_ids():
    rules = load_all().ruleset.rules
    ids = [rule.id for rule in rules]
    assert len(ids) == len(set(ids)) > 30
    assert {rule.kind for rule in rules} == {"assert", "check", "mention", "years"}
    assert all(rule.check in CHECKS for rule in rules if rule.kind == "check")


def test_user_rule_runs_beside_builtin_ones(tmp_path):
    path = write(tmp_path, GOOD.replace("<= 100", "<= 1"))
    report = load_fixture("seeds/002")
    found = run_rules(report, load_all([path]).ruleset)
    (mine,) = [f for f in found if f.rule == "ZJ001"]
    # seed 002 line 447: 专项经费 18500 (元, converted to the template's 万元)
    assert (mine.line, mine.column, mine.severity) == (447, 2, "warning")
    assert mine.message == "专项经费 1.85 万元，超过 1 万元"
    assert mine.title == "专项经费不超过 100 万元"
    assert {"GX112", "GX304"} <= {f.rule for f in found}               # seed 002's own errors still found


def test_a_rule_that_holds_says_nothing(tmp_path):
    assert user_findings(load_fixture("seeds/002"), write(tmp_path, GOOD)) == []


def test_a_rule_only_runs_on_the_templates_it_names(tmp_path):
    # seed 004 is in the 2019 format: a 2008 rule has nothing to say about it, even one that always fails
    path = write(tmp_path, GOOD.replace("stats.organization.funds <= 100", "stats.organization.funds < 0"))
    assert user_findings(load_fixture("seeds/004"), path) == []
    assert len(user_findings(load_fixture("seeds/002"), path)) == 1


def test_a_rule_naming_no_template_binds_to_every_template_it_fits(tmp_path):
    path = write(tmp_path, GOOD.replace('    templates: ["2008"]\n', "")
                 .replace("stats.organization.funds <= 100", "apply.total.total < 0"))
    ruleset = load_all([path]).ruleset
    rule = ruleset.by_id("ZJ001")
    assert ruleset.instances(rule, "2019") and ruleset.instances(rule, "2021")
    assert ruleset.instances(rule, "2008") == []                    # no application matrix in 2008


def test_english_texts_fall_back_to_chinese(tmp_path):
    text = GOOD.replace("<= 100", "<= 1") + "    message_en: funds {left}, over {right}\n"
    report = load_fixture("seeds/002")
    (english,) = user_findings(report, write(tmp_path, text), lang="en")
    assert english.message == "funds 1.85, over 1" and english.title == "专项经费不超过 100 万元"


def test_for_each_binds_once_per_value_and_names_the_column(tmp_path):
    text = """rules:
  - id: ZJ002
    title: t
    severity: info
    templates: ["2019"]
    for_each: {col: [natural_person, total]}
    assert: apply.new.$col > 100
    message: "{col}（{col_key}）：{left}"
"""
    report = load_fixture("seeds/004")
    found = user_findings(report, write(tmp_path, text), rule_id="ZJ002")
    # seed 004, line 112: 一、本年新收政府信息公开申请数量 is 0 in every column
    assert [f.message for f in found] == ["自然人（natural_person）：0", "总计（total）：0"]


def test_message_placeholders_may_be_expressions(tmp_path):
    text = GOOD.replace("<= 100", "<= 1").replace(
        "message: 专项经费 {left} 万元，超过 {right} 万元",
        "message: \"{left} + {stats.organization.funds * 2} {{literal}}\"")
    (finding,) = user_findings(load_fixture("seeds/002"), write(tmp_path, text))
    assert finding.message == "1.85 + 3.7 {literal}"


def test_message_blank_is_said_when_the_cell_is_blank(tmp_path):
    # seed 000 leaves （四）政府信息公开专项经费 blank (line 302, after its unit 万元 on line 301)
    report = load_fixture("seeds/000")
    assert [(f.line, f.column) for f in run_rules(report, load_all().ruleset) if f.rule == "GX008"] == [(302, 2)]
    # a blank counts as 0 when a rule is decided: the rule must fail with it as 0 to speak of it
    text = GOOD.replace("<= 100", ">= 1") + "    message_blank: 专项经费空白\n"
    found = run_rules(report, load_all([write(tmp_path, text)]).ruleset)
    assert [(f.rule, f.line, f.column, f.message) for f in found if (f.line, f.column) == (302, 2)] == \
        [("ZJ001", 302, 2, "专项经费空白")]                 # the blank-cell check does not say it again


def test_without_message_blank_a_blank_cell_is_left_to_the_blank_cell_check(tmp_path):
    report = load_fixture("seeds/000")
    found = run_rules(report, load_all([write(tmp_path, GOOD)]).ruleset)
    assert [(f.rule, f.line) for f in found if (f.line, f.column) == (302, 2)] == [("GX008", 302)]


def test_user_folder_may_hold_a_template_variant(tmp_path):
    folder = tmp_path / "zhejiang"
    folder.mkdir()
    write(folder, "extends: \"2008\"\nvariant: 测试变体\nsections:\n  stats:\n    insert_after: complaints\n"
                  "    rows:\n      - {key: letters, label: 群众来信数量, unit: 件, optional: true}\n", "variant.yaml")
    write(folder, GOOD.replace("stats.organization.funds <= 100", "stats.letters <= 1")
          .replace("message: 专项经费 {left} 万元，超过 {right} 万元", "message: 来信 {left} 件"), "rules.yaml")
    text = fixture_text("seeds/000").replace(
        "\t六、举报投诉数量\n\t件\n\t0\n", "\t六、举报投诉数量\n\t件\n\t0\n\n\t群众来信数量\n\t件\n\t5\n")
    loaded = load_all([folder])
    assert "stats.letters" in loaded.catalog.get("2008").keys()
    # the report is bound with the catalog the variant is in
    report = bind_report(load_text(text).document, loaded.catalog)
    found = run_rules(report, loaded.ruleset)
    assert [(f.line, f.column, f.message) for f in found if f.rule == "ZJ001"] == [(272, 2, "来信 5 件")]
    assert "GX005" not in {f.rule for f in found}                  # the row is known now


@pytest.mark.parametrize("text, words", [
    ("rules: [unclosed", "YAML 语法错误"),
    ("- just a list", "规则文件应为 rules:"),
    ("rules:\n  - just text\n", "每条规则应为映射"),
    (GOOD.replace("id: ZJ001", "id: zj-1"), "id 应为大写字母加数字"),
    (GOOD.replace("    severity: warning\n", "    severity: fatal\n"), "规则 ZJ001：severity 应为"),
    (GOOD.replace("    title:", "    colour: red\n    title:"), "规则 ZJ001：未知的键 colour"),
    (GOOD.replace("    title: 专项经费不超过 100 万元\n", ""), "规则 ZJ001：缺少 title"),
    (GOOD.replace("    assert: stats.organization.funds <= 100\n", ""), "应有且只有 assert、check、mention 之一"),
    (GOOD + "    check: no_tables\n", "应有且只有 assert、check、mention 之一"),
    (GOOD.replace("<= 100", "<= 100 +"), "规则 ZJ001：assert 表达式无法解析"),
    (GOOD.replace("<= 100", "+ 100"), "assert 应为条件"),
    (GOOD + "    when: stats.organization.funds\n", "when 应为条件"),
    (GOOD + "    at: sum(stats.organization.funds)\n", "at 应为一个数据键"),
    (GOOD + "    at: stats.organization.*\n", "at 应指向一个数据"),
    (GOOD.replace("stats.organization.funds", "stats.organisation.funds"), "规则 ZJ001（模板 2008）：未知的数据键"),
    (GOOD.replace("<= 100", "<= 9 ** 9 ** 9 ** 9"), "规则 ZJ001（模板 2008）：乘方的指数"),
    (GOOD.replace("stats.organization.funds <= 100", "__import__('os').system('id')"),
     "规则 ZJ001：assert 表达式无法解析"),
    (GOOD.replace("stats.organization.funds <= 100", "stats.organization.__class__ == 1"), "未知的数据键"),
    (GOOD.replace("id: ZJ001", "id: GX101"), "规则 GX101 与"),
    (GOOD.replace("templates: [\"2008\"]", "templates: [\"2099\"]"), "没有模板 2099"),
    (GOOD.replace("templates: [\"2008\"]", "templates: 2008"), "templates 应为模板 id 列表"),
    (GOOD.replace("message: 专项经费 {left} 万元，超过 {right} 万元", "message: 专项经费 {left"), "花括号不成对"),
    (GOOD.replace("message: 专项经费 {left} 万元，超过 {right} 万元", "message: \"{stats.nope}\""), "未知的数据键 stats.nope"),
    (GOOD + "    examples: {pass: x, maybe: y}\n", "examples 应为 pass 和 fail"),
    (GOOD.replace("    assert: stats.organization.funds <= 100\n", "    check: no_such_check\n"), "未知的内置检查"),
    (GOOD.replace("    assert: stats.organization.funds <= 100\n", "    check: no_tables\n    options: [1]\n"),
     "options 应为映射"),
    (GOOD.replace("    assert: stats.organization.funds <= 100\n", "    mention: []\n"), "mention 应为映射"),
    ("rules:\n  - !!python/object/apply:os.system ['id']\n", "YAML 语法错误"),
])
def test_broken_rule_file_is_named(tmp_path, text, words):
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        load_all([path])
    message = str(caught.value)
    assert str(path) in message and words in message and "\n" not in message


@pytest.mark.parametrize("for_each, words", [
    ("{1x: [a]}", "for_each 变量名"),
    ("{col: []}", "for_each.col 应为非空的键名列表"),
    ("{col: [\"a b\"]}", "for_each.col 应为非空的键名列表"),
    ("[]", "for_each 列表应有 1 到"),
    ("[{a: x}, {b: y}]", "for_each 列表各项的变量应相同"),
    ("[{a: [x]}]", "for_each 列表的每一项应为"),
    ("5", "for_each 应为映射"),
])
def test_broken_for_each(tmp_path, for_each, words):
    text = GOOD.replace("    assert:", f"    for_each: {for_each}\n    assert:")
    with pytest.raises(RuleError, match=words):
        load_all([write(tmp_path, text)])


def test_a_for_each_list_names_its_cases(tmp_path):
    text = """rules:
  - id: ZJ003
    title: t
    severity: info
    templates: ["2019"]
    for_each: [{row: new, col: natural_person}, {row: carried_over, col: total}]
    assert: apply.$row.$col < 0
    message: "{row_key}.{col_key}"
"""
    ruleset = load_all([write(tmp_path, text)]).ruleset
    instances = ruleset.instances(ruleset.by_id("ZJ003"), "2019")
    assert [instance.context for instance in instances] == ["col=natural_person,row=new",
                                                            "col=total,row=carried_over"]


def test_missing_rules_path(tmp_path):
    with pytest.raises(RuleError, match="不存在"):
        load_all([tmp_path / "nope.yaml"])


def test_huge_for_each_is_refused(tmp_path):
    values = "[" + ",".join(f"v{i}" for i in range(200)) + "]"
    text = GOOD.replace("    assert:", f"    for_each: {{a: {values}, b: {values}}}\n    assert:")
    with pytest.raises(RuleError, match=f"上限 {MAX_EXPANSION}"):
        load_rule_files([write(tmp_path, text)], set())


def test_a_template_list_expanding_beyond_the_bound_is_refused_when_bound(tmp_path):
    # "@apply.rows" is only known once bound to a template: the bound is kept there too
    text = GOOD.replace('["2008"]', '["2019"]').replace(
        "    assert: stats.organization.funds <= 100\n",
        '    for_each: {a: "@apply.rows", b: "@apply.rows", c: "@apply.rows", d: "@apply.columns"}\n'
        "    assert: apply.$a.$d <= 100\n")
    with pytest.raises(RuleError, match=f"上限 {MAX_EXPANSION}"):
        load_all([write(tmp_path, text)])


def test_a_rule_fitting_none_of_its_templates_is_refused_naming_the_first():
    (rule,) = [parse_rule({"id": "ZJ004", "title": "t", "severity": "info", "message": "m",
                           "assert": "active.regulations.new >= 0"}, "mine.yaml", CHECKS)]
    ruleset = build_ruleset([rule], builtin_catalog())
    assert ruleset.instances(rule, "2019") and not ruleset.instances(rule, "2008")
    (bad,) = [parse_rule({"id": "ZJ005", "title": "t", "severity": "info", "message": "m",
                          "assert": "nowhere.at_all >= 0"}, "mine.yaml", CHECKS)]
    with pytest.raises(RuleError, match="规则 ZJ005（模板 2008）：未知的数据键 nowhere.at_all"):
        build_ruleset([bad], builtin_catalog(), checked=["mine.yaml"])


def test_gxlint_s_own_rules_are_bound_when_a_report_needs_them_and_all_bind():
    """Built-in rules are not bound at start-up (their tests check them): each binds to some template."""
    from linter.check.loading import builtin_rule_files

    catalog = builtin_catalog()
    ruleset = build_ruleset(load_rule_files(builtin_rule_files(), CHECKS), catalog)
    assert ruleset.compiled == {}
    for rule in ruleset.rules:
        if rule.kind == "assert":
            assert any(ruleset.instances(rule, template.id) for template in catalog.templates), rule.id


def test_a_broken_template_file_beside_the_rules_is_named(tmp_path):
    path = write(tmp_path, 'id: "2099"\nyears: [2030, 2031]\nsections: {misc: {}}\n', "template.yaml")
    with pytest.raises(TemplateError, match="未知的部分 misc"):
        load_all([path])

