"""linter.rules: rule files, and what a broken one gets (exit 2, file and rule named)."""

import pytest

from linter.cli import main
from linter.loading import load_all
from linter.rules import RuleError

from .conftest import fixture_path

GOOD = """rules:
  - id: ZJ001
    title: 专项经费不超过 100 万元
    severity: warning
    templates: ["2008"]
    assert: stats.organization.funds <= 100
    message: 专项经费 {left} 万元，超过 {right} 万元
"""


def write(tmp_path, text, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_rules_load_and_have_unique_ids():
    rules = load_all().ruleset.rules
    ids = [rule.id for rule in rules]
    assert len(ids) == len(set(ids)) > 30


def test_user_rule_runs_beside_builtin_ones(tmp_path, capsys):
    path = write(tmp_path, GOOD.replace("<= 100", "<= 1"))
    code = main(["--rules", str(path), "--format", "concise", str(fixture_path("seeds/002"))])
    out = capsys.readouterr().out
    assert code == 1                              # seed 002's own errors
    assert ":447:2: warning ZJ001 专项经费 1.85 万元，超过 1 万元" in out


def test_user_folder_may_hold_a_template_variant(tmp_path, capsys):
    folder = tmp_path / "zhejiang"
    folder.mkdir()
    write(folder, "extends: \"2008\"\nvariant: 测试变体\nsections:\n  stats:\n    insert_after: complaints\n"
                  "    rows:\n      - {key: letters, label: 群众来信数量, unit: 件, optional: true}\n", "variant.yaml")
    write(folder, GOOD.replace("stats.organization.funds <= 100", "stats.letters <= 1")
          .replace("message: 专项经费 {left} 万元，超过 {right} 万元", "message: 来信 {left} 件"), "rules.yaml")
    text = fixture_path("seeds/000").read_text(encoding="utf-8").replace(
        "\t六、举报投诉数量\n\t件\n\t0\n", "\t六、举报投诉数量\n\t件\n\t0\n\n\t群众来信数量\n\t件\n\t5\n")
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    main(["--rules", str(folder), "--format", "concise", str(report)])
    out = capsys.readouterr().out
    assert ":272:2: warning ZJ001 来信 5 件" in out
    assert "GX005" not in out                      # the row is known now


@pytest.mark.parametrize("text, words", [
    ("rules: [unclosed", "YAML 语法错误"),
    ("- just a list", "规则文件应为 rules:"),
    (GOOD.replace("    severity: warning\n", "    severity: fatal\n"), "规则 ZJ001：severity 应为"),
    (GOOD.replace("    title:", "    colour: red\n    title:"), "规则 ZJ001：未知的键 colour"),
    (GOOD.replace("<= 100", "<= 100 +"), "规则 ZJ001：assert 表达式无法解析"),
    (GOOD.replace("stats.organization.funds", "stats.organisation.funds"), "规则 ZJ001（模板 2008）：未知的数据键"),
    (GOOD.replace("<= 100", "<= 9 ** 9 ** 9 ** 9"), "规则 ZJ001（模板 2008）：乘方的指数"),
    (GOOD.replace("stats.organization.funds <= 100", "__import__('os').system('id')"), "规则 ZJ001：assert 表达式无法解析"),
    (GOOD.replace("stats.organization.funds <= 100", "stats.organization.__class__ == 1"), "未知的数据键"),
    (GOOD.replace("id: ZJ001", "id: GX101"), "规则 GX101 与"),
    (GOOD.replace("templates: [\"2008\"]", "templates: [\"2099\"]"), "没有模板 2099"),
    (GOOD.replace("message: 专项经费 {left} 万元，超过 {right} 万元", "message: 专项经费 {left"), "花括号不成对"),
    ("rules:\n  - !!python/object/apply:os.system ['id']\n", "YAML 语法错误"),
])
def test_broken_rule_file_stops_the_run(tmp_path, capsys, text, words):
    path = write(tmp_path, text)
    code = main(["--rules", str(path), str(fixture_path("seeds/004"))])
    err = capsys.readouterr().err
    assert code == 2
    assert str(path) in err and words in err and "Traceback" not in err


def test_missing_rules_path(tmp_path, capsys):
    code = main(["--rules", str(tmp_path / "nope.yaml"), str(fixture_path("seeds/004"))])
    assert code == 2 and "不存在" in capsys.readouterr().err


def test_huge_for_each_is_refused(tmp_path):
    from linter.rules import load_rule_files
    values = "[" + ",".join(f"v{i}" for i in range(200)) + "]"
    text = GOOD.replace("    assert:", f"    for_each: {{a: {values}, b: {values}}}\n    assert:")
    with pytest.raises(RuleError, match="上限"):
        load_rule_files([write(tmp_path, text)], set())
