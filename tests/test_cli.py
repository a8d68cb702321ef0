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
