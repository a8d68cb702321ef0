"""linter.cli: the command as users and scripts call it."""

import json

import pytest

from linter.cli import main

from .conftest import FIXTURES, fixture_path


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_facts_json_shape(capsys):
    code, out, _ = run(capsys, "--facts", "--format", "json", str(fixture_path("seeds/001")))
    assert code == 0
    data = json.loads(out)
    (entry,) = data["files"]
    assert entry["path"].endswith("001_13affd20f0b02d09.txt")
    tables = entry["tables"]
    assert [(t["template"], t["section"], t["line"]) for t in tables] == [
        ("2019", "active", 22), ("2019", "apply", 96), ("2019", "review", 362), ("2008", "stats", 419)]
    fact = next(f for f in tables[0]["facts"] if f["key"] == "active.licensing.change")
    assert {k: fact[k] for k in ("key", "value", "raw", "line", "column")} == {
        "key": "active.licensing.change", "value": 1, "raw": "+1", "line": 48, "column": 2}
    blank = [f for t in json.loads(run(capsys, "--facts", "--format", "json",
                                       str(fixture_path("seeds/000")))[1])["files"][0]["tables"]
             for f in t["facts"] if f["key"] == "stats.apply.replied"]
    assert blank[0]["value"] is None and blank[0]["raw"] == ""


def test_decimal_values_in_json(capsys):
    _, out, _ = run(capsys, "--facts", "--format", "json", str(fixture_path("seeds/004")))
    facts = {f["key"]: f for t in json.loads(out)["files"][0]["tables"] for f in t["facts"]}
    assert facts["active.procurement.amount"]["value"] == 246.08
    assert facts["active.procurement.amount"]["raw"] == "246.08万"


def test_folders_are_searched_in_a_stable_order(capsys):
    _, out, _ = run(capsys, "--facts", "--format", "json", str(FIXTURES / "seeds"))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert [p.rsplit("/", 1)[1][:3] for p in paths] == ["000", "001", "002", "003", "004"]


def test_facts_text_lines(capsys):
    code, out, _ = run(capsys, "--facts", "--format", "concise", str(fixture_path("seeds/003")))
    assert code == 0
    assert any(line.endswith("stats.active.total = 179  [(一) 主动公开政府信息数 (不同渠道和方式公开相同信息计1条) / 统计数] 原文 '179'")
               and ":50:" in line for line in out.splitlines())


def test_missing_file_is_exit_2_without_traceback(capsys, tmp_path):
    code, out, err = run(capsys, "--facts", str(tmp_path / "nope.txt"))
    assert code == 2 and "文件不存在" in err and "Traceback" not in err


def test_no_paths_is_a_usage_error(capsys):
    code, _, err = run(capsys)
    assert code == 2 and err.startswith("gxlint: ")


def test_lint_json_shape_and_exit_code(capsys):
    code, out, _ = run(capsys, "--format", "json", str(fixture_path("seeds/000")), str(fixture_path("seeds/004")))
    assert code == 1
    data = json.loads(out)
    first, second = data["files"]
    assert first["templates"] == ["2008"] and second["templates"] == ["2019"]
    finding = first["findings"][0]
    assert {k: finding[k] for k in ("rule", "severity", "line", "column", "end_line", "end_column")} == {
        "rule": "GX103", "severity": "error", "line": 176, "column": 2, "end_line": 176, "end_column": 2}
    # line 176 is a lone TAB (an empty Word cell): the range is empty and stays inside the line
    assert finding["message"] == "“（三）申请答复数”为空，而 1 至 8 类答复之和为 2"
    assert {"line": 184, "column": 2} in finding["related"]
    assert second["findings"] == []
    assert data["summary"] == {"files": 2, "findings": 2, "error": 2, "warning": 0, "info": 0, "unreadable": 0}


def test_exit_0_without_errors(capsys):
    code, out, _ = run(capsys, "--format", "concise", str(fixture_path("seeds/004")))
    assert (code, out) == (0, "")


def test_exit_0_with_warnings_only(capsys):
    code, out, _ = run(capsys, "--format", "concise", str(fixture_path("seeds/003")))
    assert code == 0 and out.count(" warning ") == 3


def test_unreadable_file_is_exit_2_others_still_linted(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb" * 3 + b"abc")
    code, out, _ = run(capsys, "--format", "concise", str(bad), str(fixture_path("seeds/000")))
    assert code == 2
    assert f"{bad}:1:1: error GX000 无法解码" in out and ":176:2: error GX103" in out


def test_list_and_explain(capsys):
    code, out, _ = run(capsys, "--list-rules")
    assert code == 0 and "GX201  error" in out and "GX008" in out
    code, out, _ = run(capsys, "--explain", "gx112")
    assert code == 0 and out.startswith("GX112：每一种公开渠道的条数不大于主动公开信息总数")
    assert "报错的示例" in out and "5475" in out
    code, _, err = run(capsys, "--explain", "GX999")
    assert code == 2 and "没有规则 GX999" in err


# --- exit codes, --fail-on, --exit-zero ---------------------------------------------------------------

def test_fail_on_and_exit_zero(capsys, tmp_path):
    warnings_only = str(fixture_path("seeds/003"))     # three table warnings, no table error
    errors = str(fixture_path("seeds/000"))
    assert run(capsys, "--format", "concise", "--select", "GX0,GX1,GX2", warnings_only)[0] == 0
    assert run(capsys, "--format", "concise", "--select", "GX0,GX1,GX2", "--fail-on", "warning", warnings_only)[0] == 1
    assert run(capsys, "--format", "concise", "--select", "GX0,GX1,GX2", "--fail-on", "info", warnings_only)[0] == 1
    code, out, _ = run(capsys, "--format", "concise", "--exit-zero", errors)
    assert code == 0 and ":176:2: error GX103" in out
    assert run(capsys, "--format", "concise", "--exit-zero", errors, str(tmp_path / "missing.txt"))[0] == 2


def test_unknown_option_is_exit_2(capsys):
    code, _, err = run(capsys, "--no-such-option", str(fixture_path("seeds/000")))
    assert code == 2 and "unrecognized arguments" in err


# --- standard input ---------------------------------------------------------------------------------------

def stdin_of(monkeypatch, data: bytes):
    import io
    import sys
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_is_reported_under_the_given_name(capsys, monkeypatch):
    stdin_of(monkeypatch, fixture_path("seeds/000").read_bytes())
    code, out, _ = run(capsys, "--format", "concise", "--select", "GX0,GX1", "-", "--stdin-filename", "drafts/鄞州.txt")
    assert code == 1 and out.splitlines() == [
        "drafts/鄞州.txt:176:2: error GX103 “（三）申请答复数”为空，而 1 至 8 类答复之和为 2",
        "drafts/鄞州.txt:302:2: error GX008 “（四）政府信息公开专项经费”为空，而表中其他单元格填有数字：没有请填 0，不适用请填“——”"]


def test_stdin_config_is_found_from_the_given_name(capsys, monkeypatch, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "gxlint.yaml").write_text("ignore: [GX008]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    stdin_of(monkeypatch, fixture_path("seeds/000").read_bytes())
    code, out, _ = run(capsys, "--format", "concise", "--select", "GX0,GX1", "-", "--stdin-filename", "drafts/a.txt")
    assert [line.split(" ")[2] for line in out.splitlines()] == ["GX103"]
    stdin_of(monkeypatch, fixture_path("seeds/000").read_bytes())
    code, out, _ = run(capsys, "--format", "concise", "--select", "GX0,GX1", "-", "--stdin-filename", "other/a.txt")
    assert [line.split(" ")[2] for line in out.splitlines()] == ["GX103", "GX008"]


def test_stdin_in_gb18030_and_without_a_name(capsys, monkeypatch):
    text = fixture_path("seeds/000").read_text(encoding="utf-8")
    stdin_of(monkeypatch, text.encode("gb18030"))
    code, out, _ = run(capsys, "--format", "concise", "--select", "GX1", "-")
    assert code == 1 and out.startswith("-:176:2: error GX103")


def test_stdin_filename_needs_stdin(capsys):
    code, _, err = run(capsys, "--stdin-filename", "a.txt", str(fixture_path("seeds/000")))
    assert code == 2 and "--stdin-filename" in err


# --- every format from the seeds ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["rich", "concise", "json", "sarif", "github", "junit"])
def test_every_format_from_the_seeds(capsys, fmt):
    from .conftest import SEEDS
    code, out, err = run(capsys, "--format", fmt, *map(str, SEEDS))
    assert code == 1 and out and err == ""
    assert out.count("GX112") >= 2                     # seed 002's two channels above the total


# --- English ---------------------------------------------------------------------------------------------------

def test_english_findings_rules_and_errors(capsys):
    code, out, _ = run(capsys, "--lang", "en", "--format", "concise", "--select", "GX1", str(fixture_path("seeds/002")))
    assert code == 1 and ":182:2: error GX112 “3.政务微博公开政府信息数” is 5475, more than the 610 items" in out
    code, out, _ = run(capsys, "--lang", "en", "--list-rules")
    assert code == 0 and "GX112  error    [2008]  No disclosure channel exceeds the total of information disclosed" in out
    code, out, _ = run(capsys, "--lang", "en", "--explain", "GX008")
    assert code == 0 and out.startswith("GX008: Required cell left blank\nSeverity: error")
    assert "Failing example:" in out
    code, _, err = run(capsys, "--lang", "en", "--explain", "GX999")
    assert code == 2 and err == "gxlint: no rule GX999 (gxlint --list-rules lists them all)\n"
    code, _, err = run(capsys, "--lang", "en")
    assert code == 2 and "name the files or folders to check" in err


def test_fail_on_info_counts_an_info_finding(capsys):
    only_info = str(fixture_path("real/web-044"))         # no table at all: GX001, an info
    code, out, _ = run(capsys, "--format", "concise", only_info)
    assert (code, out.split(" ")[1:3]) == (0, ["info", "GX001"])
    assert run(capsys, "--format", "concise", "--fail-on", "warning", only_info)[0] == 0
    assert run(capsys, "--format", "concise", "--fail-on", "info", only_info)[0] == 1


def test_a_folder_without_reports_is_pointed_out(capsys, tmp_path):
    (tmp_path / "notes.doc").write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "--format", "concise", str(tmp_path))
    assert code == 0 and out == ""
    assert err == f"gxlint: 警告：{tmp_path} 中没有 .txt 或 .md 文件\n"
    code, _, err = run(capsys, "--format", "concise", "--lang", "en", str(tmp_path), str(fixture_path("seeds/004")))
    assert code == 0 and err == f"gxlint: warning: no .txt or .md files in {tmp_path}\n"


@pytest.mark.parametrize("columns", [None, "50", "1000", "0", "wide"])
def test_help_is_wrapped_as_argparse_wraps_it(capsys, monkeypatch, columns):
    # gxlint tells argparse the width itself (argparse would import shutil to find it): the same width
    import argparse

    from linter.arguments import build_parser

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert main(["--help"]) == 0
    ours = capsys.readouterr().out
    assert ours == build_parser(argparse.HelpFormatter).format_help()
    usage = ours.split("\n\n")[0]
    assert ("\n" in usage) == (columns != "1000")          # the usage on one line only when that wide


def test_folders_are_searched_below_in_a_stable_order(tmp_path, capsys):
    text = fixture_path("seeds/004").read_bytes()
    for relative in ("b.txt", "a-b/c.md", "a/b.txt", "a/z/x.TXT", "a/notes.pdf", ".hidden/d.txt"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(text)
    assert main(["--format", "json", str(tmp_path) + "/"]) == 0
    paths = [entry["path"] for entry in json.loads(capsys.readouterr().out)["files"]]
    # folder by folder, as the path's parts sort (a/… before a-b/…), case of the suffix ignored
    assert paths == [str(tmp_path / relative) for relative in
                     (".hidden/d.txt", "a/b.txt", "a/z/x.TXT", "a-b/c.md", "b.txt")]
