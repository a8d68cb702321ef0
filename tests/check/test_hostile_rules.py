"""Rule and template files from elsewhere cannot run code, hang gxlint or exhaust the machine.

A hostile file (``--rules PATH``) is refused before any report is read, with
exit 2 and one line naming the file (and the rule) — or, where it is valid, it
is evaluated within bounds: a computation out of range makes the rule say
nothing (or ``？`` in a message), never a traceback. Each case runs within a
few seconds. (Patterns of mention rules and their time budget are tested in
``tests/check/test_prose.py``.)
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter.cli.main import main
from linter.messages import fill

from ..conftest import fixture_path

ROOT = Path(__file__).resolve().parent.parent.parent
REPORT = str(fixture_path("seeds/002"))       # 专项经费 1.85 万元 at 447:2; errors of its own (exit 1)


def bomb(depth: int = 10) -> str:
    """A YAML "billion laughs": nested flow lists sharing one another, 9**depth strings if expanded."""
    node = "&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
    for level in range(1, depth):
        node = f"[{node}, &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]]"
    return node


def rule(**fields: str | None) -> str:
    """A rule file with one rule, ZJ001, with the given fields replaced (None drops one; ``assert_``
    stands for ``assert``)."""
    base = {"id": "ZJ001", "title": "t", "severity": "warning", "templates": '["2008"]',
            "assert": "stats.organization.funds <= 100", "message": "m {left}"}
    base.update({("assert" if key == "assert_" else key): value for key, value in fields.items()})
    lines = [f"    {key}: {value}" for key, value in base.items() if value is not None]
    return "rules:\n  - " + "\n".join(lines)[4:] + "\n"


def lint(*args: str) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue(), time.monotonic() - start


def write(folder: Path, text: str, name: str = "hostile.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# Too deep for YAML: PyYAML's pure-Python loader runs out of stack (told as 嵌套过深), libyaml's C loader
# stops at its own nesting limit (a syntax error naming it). Either is one clean line.
TOO_DEEP = ("YAML 嵌套过深", "exceeded maximum nesting depth")


def assert_refused(path: Path, words: str | tuple[str, ...], rule_id: str | None = "ZJ001") -> str:
    code, out, err, seconds = lint("--rules", str(path), "--format", "concise", REPORT)
    assert code == 2, err
    assert "Traceback" not in err and out == ""
    line = err.rstrip("\n")
    assert "\n" not in line and line.startswith("gxlint: ") and str(path) in line, line
    assert any(word in line for word in ((words,) if isinstance(words, str) else words)), line
    if rule_id:
        assert f"规则 {rule_id}" in line, line
    assert seconds < 10
    return line


# --- code injection and attribute access -------------------------------------------------------------

@pytest.mark.parametrize("fields, words", [
    ({"assert": "__import__('os').system('touch PWNED') == 0"}, "assert 表达式无法解析"),
    ({"assert": "().__class__.__bases__[0].__subclasses__() == 1"}, "assert 表达式无法解析"),
    ({"assert": '"(lambda: 1)() == 1"'}, "assert 表达式无法解析"),
    ({"assert": "'f\"{1}\" == 1'"}, "assert 表达式无法解析"),
    ({"assert": "eval(stats.organization.funds) <= 1"}, "未知的函数 eval()"),
    ({"assert": "stats.organization.funds.__class__ <= 1"}, "未知的数据键 stats.organization.funds.__class__"),
    ({"assert": "sum(stats.@__globals__) <= 1"}, "没有名为 @__globals__ 的行组"),
    ({"when": "\"__import__('os')\""}, "when 表达式无法解析"),
    ({"at": "\"__import__('os')\""}, "at 表达式无法解析"),
    ({"for_each": "{x: [\"__import__('os')\"]}"}, "for_each.x 应为非空的键名列表"),
    ({"for_each": "{x: \"@__init__.__globals__\"}"}, "for_each.x 应为非空的键名列表"),
    ({"for_each": "{x: \"@stats.__class__\"}"}, "模板没有列表 @stats.__class__"),
    ({"for_each": "{x: [__class__]}", "assert": "stats.organization.$x <= 1"},
     "未知的数据键 stats.organization.__class__"),
    ({"templates": "[\"__import__('os')\"]"}, "没有模板 __import__('os')"),
    ({"message": "\"{left.__class__}\""}, "未知的数据键 left.__class__"),
    ({"message": "\"{right.__class__.__mro__[1].__subclasses__()}\""}, "表达式无法解析"),
    ({"message": "\"{__import__('os').system('id')}\""}, "表达式无法解析"),
    ({"message": "\"{left:>999999999}\""}, "表达式无法解析"),
    ({"message": "\"{left!r}\""}, "表达式无法解析"),
    ({"check": "[no_tables]", "assert": None, "templates": None}, "check 应为内置检查的名称"),
])
def test_code_and_attributes_are_refused(tmp_path, fields, words):
    assert_refused(write(tmp_path, rule(**fields)), words)
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


@pytest.mark.parametrize("text", [
    "rules: !!python/object/apply:os.system ['touch PWNED']\n",
    "rules:\n  - !!python/object/apply:os.system ['touch PWNED']\n",
    "rules:\n  - !!python/name:os.system\n",
    rule(examples="{fail: !!python/object/apply:os.system ['touch PWNED']}"),
    rule(title="!!python/object/new:os.system [touch PWNED]"),
])
def test_python_yaml_tags_are_refused(tmp_path, text):
    line = assert_refused(write(tmp_path, text), "YAML 语法错误", rule_id=None)
    assert "could not determine a constructor" in line
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_placeholders_in_built_in_check_messages_reach_no_attribute(tmp_path):
    # a check's message is filled from a table of strings: {left.__class__} is just an unknown name
    path = write(tmp_path, rule(check="no_tables", assert_=None, templates=None,
                                message='"{label.__class__}{__class__.__mro__}{{x}}"'))
    empty = write(tmp_path, "", "empty.txt")
    code, out, err, _ = lint("--rules", str(path), "--format", "concise", str(empty))
    assert code == 0 and "Traceback" not in err
    assert f"{empty}:1:1: warning ZJ001 ？？{{x}}" in out.splitlines()
    assert fill("{a.__class__}{a}{ a }", {"a": "1"}) == "？11"


def test_examples_are_shown_as_written(tmp_path):
    text = rule(examples='{pass: "{__import__(\'os\')}", fail: "{left.__class__} {{ }}"}')
    code, out, err, _ = lint("--rules", str(write(tmp_path, text)), "--explain", "ZJ001")
    assert code == 0 and "Traceback" not in err
    assert "{__import__('os')}" in out and "{left.__class__} {{ }}" in out


# --- huge numbers, deep nesting, huge expansions -------------------------------------------------------

@pytest.mark.parametrize("fields, words", [
    ({"assert": "stats.organization.funds <= 9 ** 9 ** 9 ** 9"}, "乘方的指数应为绝对值不超过 64 的整数"),
    ({"assert": "stats.organization.funds <= 2 ** 0.5"}, "乘方的指数"),
    ({"assert": "stats.organization.funds >= ((10 ** 64) ** 64) ** 2"}, "数值超出范围"),
    ({"assert": "stats.organization.funds >= 10 ** 64 * 10 ** 64"}, "数值超出范围"),
    ({"assert": "stats.organization.funds >= 1 / 0"}, "除数为 0"),
    ({"assert": "stats.organization.funds <= " + "9" * 1990}, "表达式过长"),
    ({"assert": "stats.organization.funds <= " + "(" * 500 + "1" + ")" * 500}, "嵌套过深"),
    ({"assert": "stats.organization.funds <= " + "-" * 900 + "1"}, "嵌套过深"),
    ({"assert": "not " * 400 + "stats.organization.funds <= 1"}, "嵌套过深"),
    ({"assert": "stats.organization.funds <= " + "abs(" * 45 + "1" + ")" * 45}, "嵌套过深"),
    ({"assert": "stats.organization.funds <= " + " ** ".join(["1"] * 45)}, "嵌套过深"),
    ({"assert": "stats.organization.funds <= " + "+".join(["1"] * 900)}, "嵌套过深"),
    ({"for_each": "{a: [" + ",".join(f"v{i}" for i in range(101)) + "], b: ["
      + ",".join(f"v{i}" for i in range(100)) + "]}"}, "for_each 展开后有 10100 种组合，上限 10000"),
    ({"templates": '["2019"]', "for_each": '{a: "@apply.rows", b: "@apply.rows", c: "@apply.rows", '
      'd: "@apply.columns"}', "assert": "apply.$a.$d <= 100"}, "上限 10000"),
])
def test_unbounded_computations_are_refused(tmp_path, fields, words):
    assert_refused(write(tmp_path, rule(**fields)), words)


@pytest.mark.parametrize("fields, message", [
    # out of range only with the report's numbers: the rule says nothing about this report
    ({"assert": "(stats.organization.funds * 10 ** 50) ** 2 <= 1"}, None),
    ({"assert": "round(stats.organization.funds * 10 ** 30, 10) <= 1"}, None),
    ({"assert": "stats.organization.funds / (stats.organization.funds - 1.85) <= 1"}, None),
    # a message expression out of range shows as ？, the finding stands
    ({"assert": "stats.organization.funds <= 1",
      "message": '"{left} {((stats.organization.funds + 10) ** 64) ** 64}"'}, "1.85 ？"),
    ({"assert": "stats.organization.funds <= 1",
      "message": '"{left} {round(stats.organization.funds * 10 ** 40, 5)}"'}, "1.85 ？"),
])
def test_runtime_bounds_are_safe(tmp_path, fields, message):
    code, out, err, seconds = lint("--rules", str(write(tmp_path, rule(**fields))), "--format", "concise",
                                   "--select", "ZJ", REPORT)
    assert "Traceback" not in err and seconds < 10
    found = [line for line in out.splitlines() if " ZJ001 " in line]
    if message is None:
        assert (code, found) == (0, [])
    else:
        assert code == 0 and found == [f"{REPORT}:447:2: warning ZJ001 {message}"]


# --- mention patterns that would take the machine when compiled ------------------------------------------

MENTION = """rules:
  - id: ZJ301
    title: t
    severity: error
    templates: ["2008"]
    message: m
    mention: {{pattern: '{pattern}', equals: stats.apply.received}}
"""


@pytest.mark.parametrize("pattern", ["(?:(?:x{1000}){1000}){1000}NUM", "(?:x{65535}){65535}NUM",
                                     "[ab]{1000000}NUM", "(x){1000000}NUM"])
def test_counted_repeats_are_refused_before_they_are_compiled(tmp_path, pattern):
    # each would make the regex module spell out a million to a billion items: minutes and gigabytes
    assert_refused(write(tmp_path, MENTION.format(pattern=pattern)), "重复次数过大", rule_id="ZJ301")


# --- YAML that would take the machine -------------------------------------------------------------------

@pytest.mark.parametrize("fields, words", [
    ({"check": bomb(), "assert": None}, "check 应为内置检查的名称"),
    ({"severity": bomb()}, "severity 应为"),
    ({"templates": bomb()}, "templates 应为模板 id 列表"),
    ({"for_each": bomb()}, "for_each 列表的每一项应为"),
    ({"for_each": "{x: " + bomb() + "}"}, "for_each.x 应为非空的键名列表"),
    ({"message": bomb()}, "message 应为字符串"),
    ({"assert": bomb()}, "assert 应为字符串形式的表达式"),
    ({"examples": "{pass: " + bomb() + "}"}, "examples 应为"),
    ({"title": "x" * 1_500_000}, None),               # long but valid: it loads and runs
])
def test_alias_bombs_and_long_lines_in_rules(tmp_path, fields, words):
    path = write(tmp_path, rule(**fields))
    if words:
        assert_refused(path, words)
    else:
        code, _, err, seconds = lint("--rules", str(path), "--format", "concise", REPORT)
        assert code == 1 and "Traceback" not in err and seconds < 20


def test_an_alias_bomb_in_a_mention_is_refused(tmp_path):
    text = MENTION.format(pattern="NUM件").replace("mention: {pattern: 'NUM件', equals: stats.apply.received}",
                                                  f"mention: {{pattern: {bomb()}, equals: stats.apply.received}}")
    assert_refused(write(tmp_path, text), "pattern 应为非空字符串", rule_id="ZJ301")


@pytest.mark.parametrize("text, words", [
    ("rules: " + "[" * 20000 + "]" * 20000 + "\n", TOO_DEEP),
    (rule(options="{a: " * 20000 + "1" + "}" * 20000, check="no_tables", assert_=None), TOO_DEEP),
    ("rules:\n" + "#" * (3 * 1024 * 1024) + "\n", "规则文件过大"),
    ("rules: " + bomb() + "\n", "每条规则应为映射"),
])
def test_yaml_too_deep_or_too_big(tmp_path, text, words):
    assert_refused(write(tmp_path, text), words, rule_id=None)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_rule_file_is_refused_by_size():
    # a device says it holds 0 bytes; read whole it never ends
    code, _, err, seconds = lint("--rules", "/dev/zero", REPORT)
    assert code == 2 and "/dev/zero：规则文件过大" in err and "Traceback" not in err and seconds < 10


# --- template files ----------------------------------------------------------------------------------------

VARIANT = """extends: "2008"
variant: 测试变体
sections:
  stats:
    insert_after: complaints
    rows:
      - {key: letters, label: 群众来信数量, unit: 件, optional: true}
"""


def national(**replace: str) -> str:
    text = (ROOT / "rules" / "templates" / "2008.yaml").read_text(encoding="utf-8").replace('id: "2008"', 'id: "2099"')
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize("text, words", [
    (VARIANT.replace('extends: "2008"', f"extends: {bomb()}"), ".extends：应为模板 id"),
    (VARIANT.replace("variant: 测试变体", f"variant: {bomb()}"), ".variant：应为字符串"),
    (VARIANT.replace("insert_after: complaints", f"insert_after: {bomb()}"), ".insert_after：应为字符串"),
    (VARIANT.replace("unit: 件", "unit: [件]"), ".unit：应为字符串"),
    (VARIANT.replace("    insert_after: complaints\n    rows:\n", "    insert_after: complaints\n    rows: 5\n")
     .replace("      - {key: letters, label: 群众来信数量, unit: 件, optional: true}\n", ""), ".rows：应为列表"),
    ('extends: "2008"\nsections: [1]\n', ".sections：应为映射"),
    (national(**{"title: 政府信息公开情况统计表（2008 年版）": f"title: {bomb()}"}), ".title：应为字符串"),
    (national(**{"    title: 政府信息公开情况统计表\n": f"    title: {bomb()}\n"}), "stats.title：应为字符串"),
    (national(**{"{key: value, label: 统计数}": "{key: value, label: 统计数, group_label: [1]}"}),
     ".group_label：应为字符串"),
    ("id: \"2099\"\nyears: [1, 2]\nsections: " + "{a: " * 20000 + "1" + "}" * 20000 + "\n", TOO_DEEP),
    ("id: \"2099\"\n" + "#" * (3 * 1024 * 1024) + "\n", "模板文件过大"),
])
def test_hostile_templates_are_refused(tmp_path, text, words):
    assert_refused(write(tmp_path, text, "template.yaml"), words, rule_id=None)


def test_a_big_template_loads_in_bounded_time(tmp_path):
    # 3000 extra rows: checking them for duplicate keys was quadratic
    rows = "".join(f"      - {{key: r{i}, label: 第{i}行, unit: 条}}\n" for i in range(3000))
    text = national(**{"    rows:\n": "    rows:\n" + rows})
    code, _, err, seconds = lint("--rules", str(write(tmp_path, text, "template.yaml")), "--format", "concise",
                                 REPORT)
    assert code == 1 and "Traceback" not in err and seconds < 20


# --- in a real process, and nothing in gxlint can run code --------------------------------------------------

def test_hostile_files_in_a_real_process(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for text in (rule(check=bomb(), assert_=None), rule(assert_="__import__('os').system('touch PWNED') == 0"),
                 "rules:\n  - !!python/object/apply:os.system ['touch PWNED']\n"):
        path = write(tmp_path, text)
        result = subprocess.run([sys.executable, "-m", "linter", "--rules", str(path), REPORT], cwd=tmp_path,
                                env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "PWNED").exists()


SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "yaml.SafeLoader", "yaml.CSafeLoader"}
# Where the text of rule and template files is turned into messages: there not even str.format on a
# constant, so that no later edit hands it a user's text ({0.__class__} reaches attributes).
NO_FORMAT = ("linter/check", "linter/bind", "linter/messages.py", "linter/datafiles.py")


def test_no_code_runs_data():
    """No eval, exec, compile or __import__ anywhere in gxlint; YAML through a safe loader only; no
    str.format where rule files' texts become messages."""
    found = []
    for path in sorted((ROOT / "linter").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            if isinstance(function, ast.Name) and function.id in {"eval", "exec", "compile", "__import__"}:
                found.append(f"{relative}:{node.lineno} {function.id}()")
            if not isinstance(function, ast.Attribute):
                continue
            owner = ast.unparse(function.value)
            if owner == "yaml" and function.attr in {"unsafe_load", "full_load", "load_all", "unsafe_load_all"}:
                found.append(f"{relative}:{node.lineno} yaml.{function.attr}()")
            if owner == "yaml" and function.attr == "load":
                loader = next((ast.unparse(k.value) for k in node.keywords if k.arg == "Loader"), None)
                if loader not in SAFE_LOADERS:
                    found.append(f"{relative}:{node.lineno} yaml.load(Loader={loader})")
            if function.attr in ("format", "format_map") and relative.startswith(NO_FORMAT):
                found.append(f"{relative}:{node.lineno} {owner}.{function.attr}()")
    assert found == []


def test_the_safe_loader_is_a_safe_loader():
    import yaml

    from linter import datafiles

    assert issubclass(datafiles.SafeLoader, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    assert datafiles.SafeLoader.__name__ in ("SafeLoader", "CSafeLoader")
