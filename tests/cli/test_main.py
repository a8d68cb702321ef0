"""linter.cli.main: the gxlint command as users and scripts call it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from linter.cli import main as cli

from ..conftest import FIXTURES, REAL, SEEDS, fixture_path
from .helpers import ROOT, gxlint


def table_lines(out: str):
    return [(t["template"], t["section"], t["line"]) for t in json.loads(out)["files"][0]["tables"]]


# --- --facts --------------------------------------------------------------------------------------------------

def test_facts_json_shape(capsys):
    code, out, _ = gxlint(capsys, "--facts", "--format", "json", fixture_path("seeds/001"))
    assert code == 0
    (entry,) = json.loads(out)["files"]
    assert entry["path"].endswith("001_13affd20f0b02d09.txt")
    # A table starts at its title line (主动公开政府信息情况 on line 20, 收到和处理政府信息公开申请情况
    # on 94, 五、因政府信息公开申请行政复议、提起行政诉讼情况 on 360, read from the file); the old code gave
    # the first row below the title (22, 96, 362).
    assert table_lines(out)[:3] == [("2019", "active", 20), ("2019", "apply", 94), ("2019", "review", 360)]
    assert table_lines(out)[3][:2] == ("2008", "stats")
    fact = next(f for f in entry["tables"][0]["facts"] if f["key"] == "active.licensing.change")
    # line 48 is "\t+1": the cell starts after the TAB
    assert {k: fact[k] for k in ("key", "value", "raw", "line", "column", "end_line", "end_column")} == {
        "key": "active.licensing.change", "value": 1, "raw": "+1", "line": 48, "column": 2,
        "end_line": 48, "end_column": 4}
    _, out, _ = gxlint(capsys, "--facts", "--format", "json", fixture_path("seeds/000"))
    blank = [f for t in json.loads(out)["files"][0]["tables"] for f in t["facts"] if f["key"] == "stats.apply.replied"]
    # line 176 is a lone TAB: blank, and its range is empty, right after the TAB
    assert [(f["value"], f["raw"], f["status"], f["line"], f["column"], f["end_column"]) for f in blank] == [
        (None, "", "blank", 176, 2, 2)]


def test_the_appendix_table_starts_at_its_title(capsys):
    _, out, _ = gxlint(capsys, "--facts", "--format", "json", fixture_path("seeds/001"))
    lines = fixture_path("seeds/001").read_text(encoding="utf-8").split("\n")
    assert lines[417] == "2020年度政府信息公开工作情况统计表"
    assert table_lines(out)[3] == ("2008", "stats", 418)


def test_decimal_values_in_json(capsys):
    _, out, _ = gxlint(capsys, "--facts", "--format", "json", fixture_path("seeds/004"))
    facts = {f["key"]: f for t in json.loads(out)["files"][0]["tables"] for f in t["facts"]}
    assert (facts["active.procurement.amount"]["value"], facts["active.procurement.amount"]["raw"]) == \
        (246.08, "246.08万")


def test_facts_text_lines(capsys):
    code, out, _ = gxlint(capsys, "--facts", "--format", "concise", fixture_path("seeds/003"))
    line = fixture_path("seeds/003").read_text(encoding="utf-8").split("\n")[49]
    assert line.index("179") + 1 == 42                      # line 50 is a Markdown row: 179 at column 42
    assert code == 0 and f"{fixture_path('seeds/003')}:50:42: stats.active.total = 179  " \
        "[(一) 主动公开政府信息数 (不同渠道和方式公开相同信息计1条) / 统计数] 原文 '179'" in out.splitlines()


def test_facts_of_a_missing_file_is_exit_2_in_one_line(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    code, out, err = gxlint(capsys, "--facts", "--format", "concise", missing)
    # said once, where the facts go (the old command said it on stderr as well)
    assert (code, out, err) == (2, f"{missing}:1:1: 错误: 文件不存在\n", "")


def test_folders_are_searched_in_a_stable_order(capsys):
    _, out, _ = gxlint(capsys, "--facts", "--format", "json", FIXTURES / "seeds")
    assert [f["path"].rsplit("/", 1)[1][:3] for f in json.loads(out)["files"]] == ["000", "001", "002", "003", "004"]


# --- findings and exit status ------------------------------------------------------------------------------------

def test_no_paths_is_a_usage_error(capsys):
    code, out, err = gxlint(capsys)
    assert (code, out) == (2, "") and err == "gxlint: 请给出要检查的文件或文件夹，例如：gxlint 年报.txt\n"


def test_lint_json_shape_and_exit_code(capsys):
    code, out, _ = gxlint(capsys, "--format", "json", fixture_path("seeds/000"), fixture_path("seeds/004"))
    assert code == 1
    data = json.loads(out)
    first, second = data["files"]
    assert first["templates"] == ["2008"] and second["templates"] == ["2019"]
    finding = first["findings"][0]
    assert {k: finding[k] for k in ("rule", "severity", "line", "column", "end_line", "end_column")} == {
        "rule": "GX103", "severity": "error", "line": 176, "column": 2, "end_line": 176, "end_column": 2}
    # line 176 is a lone TAB (an empty Word cell): the range is empty and stays inside the line
    assert finding["message"] == "“（三）申请答复数”为空，而 1 至 8 类答复之和为 2"
    assert {"line": 184, "column": 2} in finding["related"]         # "\t2": 2.同意公开答复数
    # seed 004 is consistent; its part 5 says only 无问题。
    assert [(f["rule"], f["severity"], f["line"]) for f in second["findings"]] == [("GX503", "warning", 404)]
    assert data["summary"] == {"files": 2, "findings": 3, "error": 2, "warning": 1, "info": 0, "unreadable": 0}


def test_exit_0_without_errors(capsys):
    code, out, err = gxlint(capsys, "--format", "concise", fixture_path("seeds/004"))
    assert (code, err) == (0, "") and out.count(" warning GX503 ") == 1 and " error " not in out
    assert gxlint(capsys, "--format", "concise", "--ignore", "GX503", fixture_path("seeds/004")) == (0, "", "")


def test_exit_0_with_warnings_only(capsys):
    code, out, _ = gxlint(capsys, "--format", "concise", fixture_path("seeds/003"))
    assert code == 0 and out.count(" warning ") == 3 and " error " not in out


def test_unreadable_file_is_exit_2_others_still_linted(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb" * 3 + b"abc")          # a UTF-16 BOM, then an odd number of bytes
    code, out, _ = gxlint(capsys, "--format", "concise", bad, fixture_path("seeds/000"))
    assert code == 2
    # the odd byte at the end: the 7th character of line 1
    assert f"{bad}:1:7: error GX000 无法解码" in out and ":176:2: error GX103" in out


def test_a_decoding_error_names_the_line_and_column_of_the_bad_byte(capsys, tmp_path):
    lines = fixture_path("seeds/002").read_text(encoding="utf-8").split("\n")
    assert lines[2] == "2018年政府信息公开工作"
    data = "\n".join(lines[:2]).encode() + b"\n" + "2018年".encode() + b"\xff" + \
        "\n".join([lines[2][5:]] + lines[3:]).encode()
    report = tmp_path / "report.txt"
    report.write_bytes(data)
    code, out, _ = gxlint(capsys, "--format", "concise", report)
    # the stray byte follows the five characters 2018年 on line 3
    assert (code, out.split(" 无法解码")[0]) == (2, f"{report}:3:6: error GX000")
    assert "第 3 行第 6 列" in out
    _, out, _ = gxlint(capsys, "--format", "json", "--lang", "en", report)
    (entry,) = json.loads(out)["files"]
    assert (entry["line"], entry["column"]) == (3, 6) and entry["error"].startswith("cannot decode: line 3, column 6")


def test_list_and_explain(capsys):
    code, out, _ = gxlint(capsys, "--list-rules")
    assert code == 0 and "GX201  error" in out and "GX008" in out
    code, out, _ = gxlint(capsys, "--explain", "gx112")
    assert code == 0 and out.startswith("GX112：每一种公开渠道的条数不大于主动公开信息总数")
    assert "报错的示例" in out and "5475" in out
    code, _, err = gxlint(capsys, "--explain", "GX999")
    assert code == 2 and err == "gxlint: 没有规则 GX999（gxlint --list-rules 列出全部规则）\n"


def test_list_keys(capsys):
    code, out, _ = gxlint(capsys, "--list-keys", "2019")
    assert code == 0 and out.startswith("模板 2019：")
    assert "    apply.new.natural_person" in out and "stats." not in out
    code, _, err = gxlint(capsys, "--list-keys", "1999")
    assert code == 2 and err.startswith("gxlint: 没有模板 1999（可用：") and err.count("\n") == 1


def test_fail_on_and_exit_zero(capsys, tmp_path):
    warnings_only = fixture_path("seeds/003")     # three table warnings, no error
    errors = fixture_path("seeds/000")
    assert gxlint(capsys, "--format", "concise", warnings_only)[0] == 0
    assert gxlint(capsys, "--format", "concise", "--fail-on", "warning", warnings_only)[0] == 1
    assert gxlint(capsys, "--format", "concise", "--fail-on", "info", warnings_only)[0] == 1
    code, out, _ = gxlint(capsys, "--format", "concise", "--exit-zero", errors)
    assert code == 0 and ":176:2: error GX103" in out
    assert gxlint(capsys, "--format", "concise", "--exit-zero", errors, tmp_path / "missing.txt")[0] == 2


def test_fail_on_info_counts_an_info_finding(capsys):
    only_info = fixture_path("real/web-044")         # no table at all: GX001, an info
    code, out, _ = gxlint(capsys, "--format", "concise", only_info)
    assert (code, out.split(" ")[1:3]) == (0, ["info", "GX001"])
    assert gxlint(capsys, "--format", "concise", "--fail-on", "warning", only_info)[0] == 0
    assert gxlint(capsys, "--format", "concise", "--fail-on", "info", only_info)[0] == 1


def test_unknown_option_is_exit_2_in_one_line(capsys):
    code, out, err = gxlint(capsys, "--no-such-option", fixture_path("seeds/000"))
    assert (code, out) == (2, "")
    assert err == "gxlint: 参数有误：unrecognized arguments: --no-such-option（gxlint --help 列出全部选项）\n"
    code, _, err = gxlint(capsys, "--lang", "en", "--format", "xml", fixture_path("seeds/000"))
    assert code == 2 and err.startswith("gxlint: argument --format: invalid choice: 'xml'") and err.count("\n") == 1


def test_help_and_version(capsys):
    code, out, _ = gxlint(capsys, "--help")
    assert code == 0 and "--fail-on" in out and "退出码" in out
    code, out, _ = gxlint(capsys, "--version")
    from linter import __version__
    assert (code, out) == (0, f"gxlint {__version__}\n")


# --- standard input --------------------------------------------------------------------------------------------

def stdin_of(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_is_reported_under_the_given_name(capsys, monkeypatch):
    stdin_of(monkeypatch, fixture_path("seeds/000").read_bytes())
    code, out, _ = gxlint(capsys, "--format", "concise", "--select", "GX0,GX1", "-", "--stdin-filename",
                          "drafts/鄞州.txt")
    assert code == 1 and out.splitlines() == [
        "drafts/鄞州.txt:176:2: error GX103 “（三）申请答复数”为空，而 1 至 8 类答复之和为 2",
        "drafts/鄞州.txt:302:2: error GX008 “（四）政府信息公开专项经费”为空，而表中其他单元格填有数字：没有请填 0，不适用请填“——”"]


def test_stdin_config_is_found_from_the_given_name(capsys, monkeypatch, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "gxlint.yaml").write_text("ignore: [GX008]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    stdin_of(monkeypatch, fixture_path("seeds/000").read_bytes())
    _, out, _ = gxlint(capsys, "--format", "concise", "--select", "GX0,GX1", "-", "--stdin-filename", "drafts/a.txt")
    assert [line.split(" ")[2] for line in out.splitlines()] == ["GX103"]
    stdin_of(monkeypatch, fixture_path("seeds/000").read_bytes())
    _, out, _ = gxlint(capsys, "--format", "concise", "--select", "GX0,GX1", "-", "--stdin-filename", "other/a.txt")
    assert [line.split(" ")[2] for line in out.splitlines()] == ["GX103", "GX008"]


def test_stdin_in_gb18030_and_without_a_name(capsys, monkeypatch):
    stdin_of(monkeypatch, fixture_path("seeds/000").read_text(encoding="utf-8").encode("gb18030"))
    code, out, _ = gxlint(capsys, "--format", "concise", "--select", "GX1", "-")
    assert code == 1 and out.startswith("-:176:2: error GX103")


def test_stdin_filename_needs_stdin(capsys):
    code, _, err = gxlint(capsys, "--stdin-filename", "a.txt", fixture_path("seeds/000"))
    assert code == 2 and err == "gxlint: --stdin-filename 要与 PATH - 一起使用\n"


def test_stdin_only_once(capsys):
    code, _, err = gxlint(capsys, "-", "-")
    assert code == 2 and "标准输入" in err and err.count("\n") == 1


# --- every format ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["rich", "concise", "json", "sarif", "github", "junit"])
def test_every_format_from_the_seeds(capsys, fmt):
    code, out, err = gxlint(capsys, "--format", fmt, *SEEDS)
    assert code == 1 and out and err == ""
    assert out.count("GX112") >= 2                     # seed 002's two channels above the total


def test_junit_with_warnings_only_has_no_failures(capsys):
    """Warnings are not failures unless --fail-on reaches them: the XML agrees with the exit status."""
    warnings_only = fixture_path("seeds/003")
    code, out, _ = gxlint(capsys, "--format", "junit", warnings_only)
    root = ET.fromstring(out.encode("utf-8"))
    assert code == 0 and root.get("failures") == "0" and root.findall(".//failure") == []
    assert [case.find("system-out").text.split(" ")[1:3] for case in root.iter("testcase")] == \
        [["warning", "GX007"], ["warning", "GX006"], ["warning", "GX006"]]
    code, out, _ = gxlint(capsys, "--format", "junit", "--fail-on", "warning", warnings_only)
    root = ET.fromstring(out.encode("utf-8"))
    assert code == 1 and root.get("failures") == "3" and len(root.findall(".//failure")) == 3
    code, out, _ = gxlint(capsys, "--format", "junit", fixture_path("seeds/000"), warnings_only)
    root = ET.fromstring(out.encode("utf-8"))
    assert code == 1 and [failure.get("type") for failure in root.iter("failure")] == ["GX103", "GX008"]


def test_html_format(capsys):
    pytest.importorskip("linter.report.html", reason="the HTML report is written elsewhere")
    code, out, err = gxlint(capsys, "--format", "html", fixture_path("seeds/002"))
    assert code == 1 and err == "" and "GX112" in out


# --- option combinations: each works or is refused in one line --------------------------------------------------

FORMATS = [None, "rich", "concise", "json", "sarif", "github", "junit", "html"]
MODES = {
    "--facts": (["--facts"], {None, "rich", "concise", "json"}),
    "--statistics": (["--statistics"], {None, "rich", "concise", "json"}),
    "--list-rules": (["--list-rules"], {None, "rich", "concise"}),
    "--explain": (["--explain", "GX201"], {None, "rich", "concise"}),
    "--list-keys": (["--list-keys"], {None, "rich", "concise"}),
    "--text": (["--text"], {None}),
}
CHECKS_FILES = {"--facts", "--statistics", "--text"}


def refused(code: int, out: str, err: str) -> bool:
    return code == 2 and out == "" and err.count("\n") == 1 and err.startswith("gxlint: ") and "Traceback" not in err


@pytest.mark.parametrize("fmt", FORMATS, ids=[str(fmt) for fmt in FORMATS])
@pytest.mark.parametrize("mode", MODES)
def test_every_mode_with_every_format(capsys, mode, fmt):
    args, works_with = MODES[mode]
    report = [fixture_path("seeds/002")] if mode in CHECKS_FILES else []
    code, out, err = gxlint(capsys, *args, *(["--format", fmt] if fmt else []), *report)
    if fmt not in works_with:
        assert refused(code, out, err), (code, out[:200], err)
        return
    assert code in (0, 1) and out and err == ""
    if fmt == "json":
        data = json.loads(out)
        assert ("statistics" in data) if mode == "--statistics" else ("tables" in data["files"][0])
    elif mode == "--text":
        assert out == fixture_path("seeds/002").read_text(encoding="utf-8").rstrip("\n") + "\n"
    elif mode in ("--list-rules", "--explain", "--list-keys"):
        assert out.startswith(("GX", "模板")) and not out.lstrip().startswith("{")


@pytest.mark.parametrize("first, second", [
    (first, second) for index, first in enumerate(MODES) for second in list(MODES)[index + 1:]])
def test_two_modes_together_are_refused(capsys, first, second):
    report = [fixture_path("seeds/002")] if {first, second} & CHECKS_FILES else []
    assert refused(*gxlint(capsys, *MODES[first][0], *MODES[second][0], *report))


@pytest.mark.parametrize("mode", ["--facts", "--text", "--list-rules", "--explain", "--list-keys"])
@pytest.mark.parametrize("option", ["--baseline", "--write-baseline"])
def test_modes_that_report_no_findings_refuse_baselines(capsys, tmp_path, mode, option):
    report = [fixture_path("seeds/002")] if mode in CHECKS_FILES else []
    baseline = tmp_path / "baseline.json"
    assert refused(*gxlint(capsys, *MODES[mode][0], option, baseline, *report))
    assert not baseline.exists()


@pytest.mark.parametrize("option", [["--statistics"], ["-o", "out.txt"]])
def test_writing_a_baseline_prints_no_findings(capsys, tmp_path, option):
    baseline = tmp_path / "baseline.json"
    assert refused(*gxlint(capsys, "--write-baseline", baseline, *option, fixture_path("seeds/002")))
    assert not baseline.exists()


@pytest.mark.parametrize("mode", ["--list-rules", "--explain", "--list-keys"])
def test_rule_documentation_takes_no_paths(capsys, mode):
    assert refused(*gxlint(capsys, *MODES[mode][0], fixture_path("seeds/002")))


def test_lsp_takes_no_paths(capsys):
    assert refused(*gxlint(capsys, "--lsp", fixture_path("seeds/002")))
    assert refused(*gxlint(capsys, "--lsp", "--format", "json"))


# --- -o FILE --------------------------------------------------------------------------------------------------

def test_output_file(capsys, tmp_path):
    target = tmp_path / "findings.txt"
    code, out, _ = gxlint(capsys, "-o", target, "--select", "GX1", fixture_path("seeds/000"))
    assert (code, out) == (1, "")
    # not a terminal: concise, as on a pipe
    assert target.read_text(encoding="utf-8") == \
        f"{fixture_path('seeds/000')}:176:2: error GX103 “（三）申请答复数”为空，而 1 至 8 类答复之和为 2\n"
    code, _, _ = gxlint(capsys, "--output", target, "--format", "json", fixture_path("seeds/004"))
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_a_refused_command_leaves_the_output_file_as_it_was(capsys, tmp_path):
    target = tmp_path / "findings.sarif"
    target.write_text("yesterday's findings", encoding="utf-8")
    assert refused(*gxlint(capsys, "-o", target, "--facts", "--format", "sarif", fixture_path("seeds/000")))
    assert target.read_text(encoding="utf-8") == "yesterday's findings"


def test_the_output_file_is_never_a_report_checked(capsys, tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes(fixture_path("seeds/000").read_bytes())
    assert refused(*gxlint(capsys, "-o", report, report))
    assert report.read_bytes() == fixture_path("seeds/000").read_bytes()
    # found in a folder it is left out: the second run does not check the first run's output
    output = tmp_path / "findings.txt"
    for _ in range(2):
        code, _, _ = gxlint(capsys, "-o", output, "--select", "GX1", tmp_path)
        assert code == 1 and output.read_text(encoding="utf-8").count("GX103") == 1
        assert str(output) not in output.read_text(encoding="utf-8")


def test_an_output_file_that_cannot_be_written(capsys, tmp_path):
    code, out, err = gxlint(capsys, "-o", tmp_path / "missing" / "out.txt", fixture_path("seeds/004"))
    assert (code, out) == (2, "") and err.startswith("gxlint: 无法写入 ") and err.count("\n") == 1


# --- English ---------------------------------------------------------------------------------------------------

def test_english_findings_rules_and_errors(capsys):
    code, out, _ = gxlint(capsys, "--lang", "en", "--format", "concise", "--select", "GX1", fixture_path("seeds/002"))
    assert code == 1 and ":182:2: error GX112 “3.政务微博公开政府信息数” is 5475, more than the 610 items" in out
    code, out, _ = gxlint(capsys, "--lang", "en", "--list-rules")
    assert code == 0 and "GX112  error    [2008]  No disclosure channel exceeds the total of information disclosed" \
        in out
    code, out, _ = gxlint(capsys, "--lang", "en", "--explain", "GX008")
    assert code == 0 and out.startswith("GX008: Required cell left blank\nSeverity: error")
    assert "Failing example:" in out
    code, _, err = gxlint(capsys, "--lang", "en", "--explain", "GX999")
    assert code == 2 and err == "gxlint: no rule GX999 (gxlint --list-rules lists them all)\n"
    code, _, err = gxlint(capsys, "--lang", "en")
    assert code == 2 and err == "gxlint: name the files or folders to check, e.g. gxlint report.txt\n"


def test_a_folder_without_reports_is_pointed_out(capsys, tmp_path):
    (tmp_path / "notes.doc").write_text("x", encoding="utf-8")
    code, out, err = gxlint(capsys, "--format", "concise", tmp_path)
    assert (code, out) == (0, "")
    assert err == f"gxlint: 警告：{tmp_path} 中没有要检查的报告（.txt、.md、.docx、.pdf、.html、.htm）\n"
    code, _, err = gxlint(capsys, "--format", "concise", "--lang", "en", tmp_path, fixture_path("seeds/004"))
    assert code == 0 and err == f"gxlint: warning: no reports (.txt, .md, .docx, .pdf, .html, .htm) in {tmp_path}\n"


# --- a real process ------------------------------------------------------------------------------------------------

def run_module(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "linter", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)}, **kwargs)


def test_python_dash_m_linter_is_the_command():
    done = run_module("--format", "concise", "--select", "GX1", fixture_path("seeds/000"))
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.endswith(":176:2: error GX103 “（三）申请答复数”为空，而 1 至 8 类答复之和为 2\n")


def test_a_reader_that_stops_early_gets_no_traceback():
    # gxlint --list-keys | head -1: the pipe closes while gxlint still writes
    command = f"'{sys.executable}' -m linter --list-keys | head -1"
    done = subprocess.run(["sh", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.startswith("模板 ") and done.stdout.count("\n") == 1
    assert done.stderr == ""


def test_named_files_excluded_by_the_configuration(capsys, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    report = archive / "2015.txt"
    report.write_bytes(fixture_path("seeds/000").read_bytes())
    config = tmp_path / "gxlint.yaml"
    config.write_text('exclude: ["archive/"]\n', encoding="utf-8")
    # in a folder: left out without a word
    assert gxlint(capsys, "--format", "concise", tmp_path)[1:] == ("", f"gxlint: 警告：{tmp_path} 中没有要检查的报告"
                                                                     "（.txt、.md、.docx、.pdf、.html、.htm）\n")
    # named: checked, and a warning line says it is excluded
    code, out, err = gxlint(capsys, "--format", "concise", "--select", "GX1", report)
    assert code == 1 and out.count("GX103") == 1
    assert err == f"gxlint: 警告：{report} 被 {config} 的 exclude 排除；因在命令行上直接给出，照常检查" \
                  "（--force-exclude 则不检查）\n"
    # --force-exclude (as pre-commit runs it): left out, silently
    assert gxlint(capsys, "--format", "concise", "--force-exclude", report) == (0, "", "")
    code, _, err = gxlint(capsys, "--lang", "en", "--format", "concise", "--select", "GX1", report)
    assert code == 1 and err == f"gxlint: warning: {report} is excluded by {config}; checked since it was named " \
                                "(--force-exclude skips it)\n"


def test_run_writes_to_the_stream_it_is_given():
    out = io.StringIO()
    assert cli.run(["--format", "concise", "--select", "GX1", str(fixture_path("seeds/000"))], out=out) == 1
    assert out.getvalue().count("GX103") == 1


def test_real_fixtures_are_all_read(capsys):
    code, out, _ = gxlint(capsys, "--format", "json", *REAL)
    assert code in (0, 1) and all("error" not in entry for entry in json.loads(out)["files"])
