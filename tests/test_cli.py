"""linter.cli: the command as users and scripts call it."""

import json

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
        "rule": "GX103", "severity": "error", "line": 176, "column": 2, "end_line": 176, "end_column": 3}
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
