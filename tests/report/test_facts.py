"""linter.report.facts: what was read from each table (--facts) as JSON, lines and a rich table."""

from __future__ import annotations

import io
import json

from rich.console import Console

from linter.cli.runner import FileJob, FileResult, lint_one
from linter.report import facts

from ..cli.helpers import gxlint
from ..conftest import fixture_path


def test_json_shape(capsys):
    code, out, _ = gxlint(capsys, "--facts", "--format", "json", fixture_path("seeds/004"))
    (entry,) = json.loads(out)["files"]
    assert code == 0 and set(entry) == {"path", "templates", "agency", "year", "identity", "outline", "tables"}
    # the six parts of the 2019 format, each at its heading line (read off the report)
    outline = entry["outline"]
    assert [(part["numbering"], part["key"], part["line"]) for part in outline["parts"]] == [
        ("一、", "overview", 3), ("二、", "active", 18), ("三、", "apply", 93), ("四、", "review", 358),
        ("五、", "problems", 404), ("六、", "other", 406)]
    assert outline["missing"] == [] and not outline["cut_off"]
    assert outline["parts"][4]["characters"] == 3                      # 无问题。
    # the title (东丽区卫生健康委员会信息公开工作年度报告) names no year, nor does a period or caption;
    # line 4 does: 现将2019年政务信息公开工作情况汇报如下
    assert entry["templates"] == ["2019"] and (entry["agency"], entry["year"]) == ("东丽区卫生健康委员会", 2019)
    assert entry["identity"] == {"agency_from": "title", "year_from": "text",
                                 "agency_at": {"line": 1, "column": 1, "end_column": 11},
                                 "year_at": {"line": 4, "column": 125, "end_column": 129}}
    # 区卫生健康局2018年度信息公开工作报告
    assert json.loads(gxlint(capsys, "--facts", "--format", "json", fixture_path("seeds/000"))[1])["files"][0]["year"] \
        == 2018
    table = entry["tables"][0]
    assert set(table) == {"template", "section", "line", "end_line", "facts", "extra_rows"}
    assert set(table["facts"][0]) == {"key", "value", "raw", "line", "column", "end_line", "end_column", "status",
                                      "label", "column_label", "unit"}


def test_a_word_report_says_where_each_cell_is(capsys):
    code, out, _ = gxlint(capsys, "--facts", "--format", "json", fixture_path("real/template-2021-blank.docx"))
    cells = [fact for table in json.loads(out)["files"][0]["tables"] for fact in table["facts"]]
    assert code == 0 and cells
    assert all(fact["location"]["kind"] == "docx" and {"table", "row", "cell"} <= set(fact["location"])
               for fact in cells)
    assert all(fact["status"] == "blank" for fact in cells)               # the blank template


def test_an_unreadable_file(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("第一行\n第二行\n第三".encode() + b"\xff\n")
    code, out, _ = gxlint(capsys, "--facts", "--format", "json", bad)
    (entry,) = json.loads(out)["files"]
    assert code == 2 and (entry["line"], entry["column"]) == (3, 3) and entry["error"].startswith("无法解码")
    code, out, _ = gxlint(capsys, "--facts", "--format", "concise", "--lang", "en", bad)
    assert code == 2 and out.startswith(f"{bad}:3:3: error: cannot decode: line 3, column 3")


def test_lines_for_grep(capsys):
    code, out, _ = gxlint(capsys, "--facts", "--format", "concise", "--lang", "en", fixture_path("seeds/000"))
    path = fixture_path("seeds/000")
    lines = out.splitlines()
    # 由宁波市鄞州区卫生健康局编制 (line 4) is the title's 区卫生健康局 in full
    assert code == 0 and lines[:2] == [f"{path}:4:64: agency = “宁波市鄞州区卫生健康局”  [from the text]",
                                       f"{path}:2:7: year = 2018  [from the title]"]
    assert lines[2].startswith(f"{path}:") and ": table, template 2008 stats (statistics table)" in lines[2]
    # line 176 is a lone TAB: （三）申请答复数 left blank
    assert f"{path}:176:2: stats.apply.replied = (blank)  [（三）申请答复数 / 统计数] written ''" in lines
    assert any(line.endswith("= (not applicable)  [1.政府公报公开政府信息数 / 统计数] written '——'") for line in lines)


def test_rich_table(capsys):
    result = lint_one(FileJob(str(fixture_path("seeds/004")), keep_report=True, run_rules=False, lang="en"))
    out = io.StringIO()
    facts.write_rich([result, FileResult("gone.txt", error="no such file")], Console(file=out, width=200), "en")
    text = out.getvalue()
    assert "2019 · active (proactive disclosure) · lines " in text
    assert all(heading in text for heading in ("key", "row", "column", "written", "value", "place"))
    assert "active.procurement.amount" in text and "246.08万" in text and "246.08" in text
    assert "error: no such file" in text


def test_a_report_without_tables():
    result = lint_one(FileJob(str(fixture_path("real/web-044")), keep_report=True, run_rules=False, lang="en"))
    out = io.StringIO()
    facts.write_rich([result], Console(file=out, width=100), "en")
    assert "No statistics table recognised." in out.getvalue()
    text = io.StringIO()
    facts.write_text([result], text, "en")
    # 湖里区人民政府2018年政府信息公开工作年度报告 (line 9)
    # the excerpt holds part 一、概述 (line 18) and stops in the middle of its text
    assert text.getvalue().splitlines() == [
        f"{result.path}:9:1: agency = “湖里区人民政府”  [from the title]",
        f"{result.path}:9:8: year = 2018  [from the title]",
        f"{result.path}: outline (2008 format)",
        f"{result.path}:18:3: part “一、概述” = overview “概述”, 240 characters of text",
        f"{result.path}: the text seems incomplete (it ends in a table, an unfinished heading or sentence)"]


def test_identity_in_chinese_and_where_unknown(capsys):
    code, out, _ = gxlint(capsys, "--facts", "--format", "concise", fixture_path("real/web-003"))
    path = fixture_path("real/web-003")
    assert code == 0 and out.splitlines()[:2] == [f"{path}:1:1: 机关 = （未识别）", f"{path}:1:1: 年度 = （未识别）"]
    result = lint_one(FileJob(str(fixture_path("seeds/001")), keep_report=True, run_rules=False))
    out = io.StringIO()
    facts.write_rich([result], Console(file=out, width=200), "zh")
    assert "机关 = 余姚市卫生健康局  [来自标题上方]    年度 = 2020  [来自标题]" in out.getvalue()
