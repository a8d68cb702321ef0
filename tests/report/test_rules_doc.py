"""linter.report.rules_doc: --list-rules, --explain and --list-keys."""

from __future__ import annotations

import re

from ..cli.helpers import gxlint


def test_list_rules_one_a_line(capsys):
    code, out, _ = gxlint(capsys, "--list-rules")
    lines = out.splitlines()
    assert code == 0 and len(lines) >= 50
    assert all(re.match(r"^[A-Z]+\d{3}  (error|warning|info) +\[[^\]]+\]  \S", line) for line in lines)
    assert [line.split()[0] for line in lines] == sorted(line.split()[0] for line in lines)
    assert "GX008  error    [全部]  应填的单元格为空" in lines


def test_explain_in_chinese(capsys):
    code, out, _ = gxlint(capsys, "--explain", "GX201")
    assert code == 0 and out.startswith("GX201：")
    assert "级别：错误（error）    适用模板：2019, 2021\n" in out
    assert "检查条件（assert）：\n    apply.$row.total == sum(" in out
    assert "提示信息：\n    " in out and "通过的示例：\n    " in out and "报错的示例：\n    " in out


def test_explain_in_english(capsys):
    code, out, _ = gxlint(capsys, "--explain", "GX201", "--lang", "en")
    assert code == 0 and out.startswith("GX201: Each row of the applications table")
    assert "\nSeverity: error    Templates: 2019, 2021\n" in out and "Condition (assert):\n" in out
    assert "Message:\n    Row “{row}”" in out and "Passing example:\n" in out


def test_explain_a_built_in_check(capsys):
    _, out, _ = gxlint(capsys, "--explain", "GX008")
    assert "内置检查：" in out


def test_list_keys_in_chinese_and_english(capsys):
    _, zh, _ = gxlint(capsys, "--list-keys", "2021")
    _, en, _ = gxlint(capsys, "--list-keys", "2021", "--lang", "en")
    assert zh.startswith("模板 2021：") and en.startswith("Template 2021: “")
    # the same keys in both, in the same order
    keys = [re.findall(r"^    (\S+)", text, re.M) for text in (zh, en)]
    assert keys[0] == keys[1] and "apply.new.natural_person" in keys[0]
    assert "  apply  applications (“" in en
    (line,) = [line for line in en.splitlines() if line.split()[:1] == ["apply.new.natural_person"]]
    assert line.split(None, 1)[1] == "“一、本年新收政府信息公开申请数量”  “自然人”"
