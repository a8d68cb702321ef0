"""linter.cli.config: finding, checking and applying gxlint.yaml and [tool.gxlint], on real reports."""

import shutil
import sys

import pytest

from linter.cli.config import (Config, ConfigError, Resolver, glob_regex, ignored_for, is_excluded, is_selected,
                               read_config, severity_for)
from linter.cli.main import main

from ..conftest import fixture_path
from .helpers import ROOT

SEED_000 = fixture_path("seeds/000")     # GX103 at 176:2 and GX008 at 302:2, both errors
TABLE_RULES = "--select=GX0,GX1,GX2"     # the table rules only, whose findings on the seeds are known


def lint(capsys, *args):
    code = main(["--format", "concise", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def report_in(folder, name="report.txt", fixture=SEED_000):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    shutil.copy(fixture, path)
    return path


def rules_of(out):
    return [line.split(" ")[2] for line in out.splitlines()]


def test_a_config_beside_the_report_that_ignores_its_rules_makes_the_run_pass(tmp_path, capsys):
    report = report_in(tmp_path)
    code, out, _ = lint(capsys, TABLE_RULES, report)
    assert (code, rules_of(out)) == (1, ["GX103", "GX008"])
    (tmp_path / "gxlint.yaml").write_text("ignore: [GX103, GX008]\n", encoding="utf-8")
    assert lint(capsys, TABLE_RULES, report)[:2] == (0, "")


def test_pyproject_tool_table_is_read(tmp_path, capsys):
    report = report_in(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.gxlint]\nignore = ["GX1"]\n',
                                             encoding="utf-8")
    code, out, _ = lint(capsys, TABLE_RULES, report)
    assert (code, rules_of(out)) == (1, ["GX008"])


def test_pyproject_without_tool_table_is_passed_over(tmp_path, capsys):
    report = report_in(tmp_path / "sub")
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "gxlint.yaml").write_text("ignore: [GX008]\n", encoding="utf-8")
    assert rules_of(lint(capsys, TABLE_RULES, report)[1]) == ["GX103"]


def test_nearer_config_beats_one_further_up_and_nothing_is_merged(tmp_path, capsys):
    top = report_in(tmp_path, "top.txt")
    below = report_in(tmp_path / "drafts", "below.txt")
    (tmp_path / "gxlint.yaml").write_text("ignore: [GX008]\n", encoding="utf-8")
    (tmp_path / "drafts" / "gxlint.yaml").write_text("ignore: [GX103]\n", encoding="utf-8")
    _, out, _ = lint(capsys, TABLE_RULES, top, below)
    found = [(line.split(":")[0], line.split(" ")[2]) for line in out.splitlines()]
    assert found == [(str(top), "GX103"), (str(below), "GX008")]


def test_explicit_config_beats_discovered_ones(tmp_path, capsys):
    report = report_in(tmp_path)
    (tmp_path / "gxlint.yaml").write_text("ignore: [GX008]\n", encoding="utf-8")
    elsewhere = tmp_path / "other.yaml"
    elsewhere.write_text("ignore: [GX103]\n", encoding="utf-8")
    assert rules_of(lint(capsys, TABLE_RULES, "--config", elsewhere, report)[1]) == ["GX008"]


def test_severity_override_and_fail_on(tmp_path, capsys):
    report = report_in(tmp_path)
    (tmp_path / "gxlint.yaml").write_text("severity:\n  GX008: warning\n  GX1: info\n", encoding="utf-8")
    code, out, _ = lint(capsys, TABLE_RULES, report)
    assert code == 0
    assert [line.split(" ")[1:3] for line in out.splitlines()] == [["info", "GX103"], ["warning", "GX008"]]
    assert lint(capsys, TABLE_RULES, "--fail-on", "warning", report)[0] == 1
    assert lint(capsys, TABLE_RULES, "--fail-on", "info", report)[0] == 1


def test_per_file_ignores_are_relative_to_the_config_folder(tmp_path, capsys):
    old = report_in(tmp_path / "drafts", "old-2018.txt")
    new = report_in(tmp_path / "drafts", "new-2018.txt")
    (tmp_path / "gxlint.yaml").write_text('per-file-ignores:\n  "drafts/old-*.txt": [GX008]\n', encoding="utf-8")
    _, out, _ = lint(capsys, TABLE_RULES, tmp_path)
    found = sorted((line.split(":")[0].rsplit("/", 1)[1], line.split(" ")[2]) for line in out.splitlines())
    assert found == [("new-2018.txt", "GX008"), ("new-2018.txt", "GX103"), ("old-2018.txt", "GX103")]
    assert old.exists() and new.exists()


def test_exclude_skips_folders_and_named_files(tmp_path, capsys):
    kept = report_in(tmp_path / "current", "a.txt")
    skipped = report_in(tmp_path / "archive" / "2015", "b.txt")
    (tmp_path / "gxlint.yaml").write_text('exclude: ["archive"]\n', encoding="utf-8")
    _, out, _ = lint(capsys, TABLE_RULES, tmp_path)
    assert {line.split(":")[0] for line in out.splitlines()} == {str(kept)}
    # Named on the command line, an excluded file is now checked with a warning (as ruff does), and left
    # out only with --force-exclude; the old command left it out silently (see tests/cli/test_main.py).
    code, out, err = lint(capsys, TABLE_RULES, skipped)
    assert code == 1 and out and "exclude" in err
    assert lint(capsys, TABLE_RULES, "--force-exclude", skipped) == (0, "", "")


def test_extra_rules_folder_from_config(tmp_path, capsys):
    report = report_in(tmp_path, fixture=fixture_path("seeds/002"))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "rules.yaml").write_text(
        "rules:\n  - id: ZJ001\n    title: 专项经费\n    severity: warning\n    templates: [\"2008\"]\n"
        "    assert: stats.organization.funds <= 1\n    message: 专项经费 {left} 万元\n", encoding="utf-8")
    (tmp_path / "gxlint.yaml").write_text("rules: [mine/]\nselect: [ZJ]\n", encoding="utf-8")
    code, out, _ = lint(capsys, report)
    assert (code, out) == (0, f"{report}:447:2: warning ZJ001 专项经费 1.85 万元\n")


def test_command_line_select_and_ignore_extend_the_config(tmp_path, capsys):
    report = report_in(tmp_path)
    (tmp_path / "gxlint.yaml").write_text("select: [GX1]\n", encoding="utf-8")
    assert rules_of(lint(capsys, report)[1]) == ["GX103"]
    assert rules_of(lint(capsys, "--select", "GX008", report)[1]) == ["GX103", "GX008"]
    assert rules_of(lint(capsys, "--select", "GX008", "--ignore", "GX103", report)[1]) == ["GX008"]


@pytest.mark.parametrize("text, key, words", [
    ("colour: red\n", "colour", "未知的键"),
    ("per_file_ignores: {}\n", "per_file_ignores", "是否应为 per-file-ignores"),
    ("select: GX1\n", "select", "应为规则代码或前缀的列表"),
    ("ignore: [GX999]\n", "ignore", "没有规则代码以 GX999 开头"),
    ("select: [ZZ1]\n", "select", "没有规则代码以 ZZ1 开头"),
    ("ignore: [\"GX 1\"]\n", "ignore", "不是规则代码或前缀"),
    ("severity: {GX101: fatal}\n", "severity.GX101", "应为 error / warning / info"),
    ("severity: {GX777: error}\n", "severity.GX777", "没有规则代码以 GX777 开头"),
    ("severity: [GX101]\n", "severity", "应为映射"),
    ("rules: [nowhere/]\n", "rules", "nowhere/ 不存在"),
    ("exclude: archive\n", "exclude", "应为字符串列表"),
    ("per-file-ignores: {\"a/*.txt\": [GX888]}\n", "per-file-ignores.\"a/*.txt\"", "没有规则代码以 GX888 开头"),
    ("per-file-ignores: [a]\n", "per-file-ignores", "应为映射"),
    ("- just a list\n", "", "配置应为映射"),
    ("select: [unclosed\n", "", "YAML 语法错误"),
    ("select: !!python/object/apply:os.system [id]\n", "", "YAML 语法错误"),
])
def test_invalid_config_is_exit_2_naming_file_and_key(tmp_path, capsys, text, key, words):
    report = report_in(tmp_path)
    config = tmp_path / "gxlint.yaml"
    config.write_text(text, encoding="utf-8")
    code, out, err = lint(capsys, report)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"gxlint: {config}：{key}：" if key else f"gxlint: {config}：")
    assert words in err


def test_invalid_config_in_english(tmp_path, capsys):
    report = report_in(tmp_path)
    config = tmp_path / "gxlint.yaml"
    config.write_text("ignore: [GX999]\n", encoding="utf-8")
    code, _, err = lint(capsys, "--lang", "en", report)
    assert code == 2 and err == f"gxlint: {config}: ignore: no rule code starts with GX999 " \
                                "(gxlint --list-rules lists them all)\n"


def test_invalid_pyproject(tmp_path, capsys):
    report = report_in(tmp_path)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.gxlint]\nignore = [GX1\n", encoding="utf-8")
    code, _, err = lint(capsys, report)
    assert code == 2 and str(pyproject) in err and "TOML 语法错误" in err
    pyproject.write_text('[tool.gxlint]\nignore = "GX1"\n', encoding="utf-8")
    code, _, err = lint(capsys, report)
    assert code == 2 and f"{pyproject} [tool.gxlint]：ignore：应为规则代码或前缀的列表" in err


def test_pyproject_on_python_without_tomllib_says_what_it_needs(tmp_path, capsys, monkeypatch):
    report = report_in(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.gxlint]\nignore = ["GX1"]\n', encoding="utf-8")
    monkeypatch.setitem(sys.modules, "tomllib", None)            # what `import tomllib` meets on Python 3.10
    code, _, err = lint(capsys, report)
    assert code == 2 and "[tool.gxlint]：需要 Python 3.11 或更高版本" in err and "gxlint.yaml" in err


def test_missing_explicit_config(tmp_path, capsys):
    code, _, err = lint(capsys, "--config", tmp_path / "nope.yaml", SEED_000)
    assert code == 2 and "配置文件不存在" in err


def test_unknown_code_on_the_command_line(capsys):
    code, _, err = lint(capsys, "--ignore", "GX1,QQ1", SEED_000)
    assert code == 2 and err == "gxlint: --ignore：没有规则代码以 QQ1 开头（gxlint --list-rules 列出全部规则）\n"


@pytest.mark.parametrize("rule_id, select, ignore, expected", [
    ("GX112", None, (), True),
    ("GX112", None, ("GX1",), False),
    ("GX112", ("GX",), ("GX1",), False),
    ("GX112", ("GX", "GX112"), ("GX1",), True),      # the longer select entry wins
    ("GX113", ("GX", "GX112"), ("GX1",), False),
    ("GX008", ("GX0",), ("GX008",), False),
    ("GX008", ("GX008",), ("GX008",), False),         # a tie goes to ignore
    ("GX201", ("GX0", "GX1"), (), False),
])
def test_selection(rule_id, select, ignore, expected):
    assert is_selected(rule_id, select, ignore) is expected


def test_severity_prefixes_longest_wins():
    levels = (("GX1", "info"), ("GX112", "warning"))
    assert [severity_for(levels, rule, "error") for rule in ("GX112", "GX113", "GX201")] == \
        ["warning", "info", "error"]


@pytest.mark.parametrize("glob, path, expected", [
    ("drafts/old-*.txt", "drafts/old-2018.txt", True),
    ("drafts/old-*.txt", "drafts/sub/old-2018.txt", False),
    ("drafts/old-*.txt", "other/drafts/old-2018.txt", False),
    ("old-*.txt", "a/b/old-2018.txt", True),
    ("drafts/**/*.md", "drafts/a/b/c.md", True),
    ("drafts/**/*.md", "drafts/c.md", True),
    ("archive", "archive/2015/b.txt", True),
    ("archive/", "archive/2015/b.txt", True),
    ("./archive/**", "archive/b.txt", True),
    ("年报?.txt", "年报1.txt", True),
    ("[!a]*.txt", "b.txt", True),
    ("[!a]*.txt", "a.txt", False),
    ("a+b.txt", "a+b.txt", True),
])
def test_globs(glob, path, expected):
    assert bool(glob_regex(glob).fullmatch(path)) is expected


def test_paths_outside_the_config_folder_are_never_matched(tmp_path):
    config = Config(source="x", root=str(tmp_path / "inner"), exclude=("*.txt",),
                    per_file_ignores=(("*.txt", ("GX008",)),))
    assert not is_excluded(config, str(tmp_path / "outside.txt"))
    assert ignored_for(config, str(tmp_path / "outside.txt")) == ()
    assert is_excluded(config, str(tmp_path / "inner" / "a.txt"))


def test_resolver_reads_each_file_once_and_walks_up(tmp_path, monkeypatch):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "gxlint.yaml").write_text("ignore: [GX008]\n", encoding="utf-8")
    resolver = Resolver(select=["GX1"])
    first = resolver.for_path(str(tmp_path / "a" / "b" / "x.txt"))
    second = resolver.for_path(str(tmp_path / "a" / "y.txt"))
    assert first == second and first.ignore == ("GX008",) and first.select == ("GX1",)
    assert [config.source for config in resolver.base_configs()] == [str(tmp_path / "gxlint.yaml")]


def test_empty_config_file_means_defaults(tmp_path):
    path = tmp_path / "gxlint.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    config = read_config(path)
    assert (config.select, config.ignore, config.root) == (None, (), str(tmp_path))


def test_config_error_has_both_languages(tmp_path):
    path = tmp_path / "gxlint.yaml"
    path.write_text("exclude: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert caught.value.text("zh") == f"{path}：exclude：应为字符串列表"
    assert caught.value.text("en") == f"{path}: exclude: should be a list of strings"


def test_list_rules_and_explain_read_the_config_of_the_working_directory(tmp_path, capsys, monkeypatch):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "rules.yaml").write_text(
        "rules:\n  - id: ZJ001\n    title: 专项经费不超过 1 万元\n    severity: warning\n    templates: [\"2008\"]\n"
        "    assert: stats.organization.funds <= 1\n    message: 专项经费 {left} 万元\n", encoding="utf-8")
    (tmp_path / "gxlint.yaml").write_text("rules: [mine/]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["--list-rules"])
    out = capsys.readouterr().out
    assert code == 0 and "ZJ001  warning  [2008]  专项经费不超过 1 万元" in out and "GX112" in out
    assert main(["--explain", "zj001"]) == 0 and capsys.readouterr().out.startswith("ZJ001：专项经费不超过 1 万元")


def test_explicit_pyproject_without_tool_table(capsys):
    pyproject = ROOT / "pyproject.toml"     # gxlint's own: no [tool.gxlint]
    assert "[tool.gxlint]" not in pyproject.read_text(encoding="utf-8")
    code, _, err = lint(capsys, "--config", pyproject, SEED_000)
    assert code == 2 and err == f"gxlint: {pyproject}：没有 [tool.gxlint] 表\n"


def test_exclude_applies_to_a_buffer_named_on_stdin(tmp_path, capsys, monkeypatch):
    # An editor or pre-commit names the buffer: like a file named on the command line, an excluded one
    # is checked with a warning, and left out with --force-exclude (the old command always left it out).
    import io
    (tmp_path / "gxlint.yaml").write_text('exclude: ["archive/**"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name, force, expected in (("archive/old.txt", True, ""),
                                  ("archive/old.txt", False, "archive/old.txt:176:2: error GX103"),
                                  ("current/new.txt", True, "current/new.txt:176:2: error GX103")):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_000.read_bytes())))
        _, out, err = lint(capsys, "--select", "GX1", *(["--force-exclude"] if force else []), "-",
                           "--stdin-filename", name)
        assert out.startswith(expected) and (expected or out == "")
        assert ("exclude" in err) == (name.startswith("archive") and not force)
