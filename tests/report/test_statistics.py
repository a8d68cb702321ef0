"""linter.report.statistics: how many findings each rule made (--statistics)."""

from __future__ import annotations

import io
import json

from rich.console import Console

from linter.cli.runner import FileResult
from linter.report import statistics

from ..cli.helpers import gxlint
from ..conftest import FIXTURES

SEEDS = FIXTURES / "seeds"
TABLE_RULES = "--select=GX0,GX1,GX2"


def test_statistics_count_per_rule(capsys):
    data = json.loads(gxlint(capsys, "--format", "json", "--statistics", TABLE_RULES, SEEDS)[1])
    counted = {}
    for entry in data["files"]:
        for finding in entry["findings"]:
            counted[finding["rule"]] = counted.get(finding["rule"], 0) + 1
    rows = data["statistics"]
    assert {row["rule"]: row["count"] for row in rows} == counted
    # the table findings of the seeds: 000 GX103 GX008; 001 GX003×2 GX002; 002 GX112×2 GX007×2;
    # 003 GX007 GX006×2 (each looked at by hand in the seeds: see tests/cli/test_main.py)
    assert counted == {"GX103": 1, "GX008": 1, "GX002": 1, "GX003": 2, "GX112": 2, "GX007": 3, "GX006": 2}
    assert [row["count"] for row in rows] == sorted((row["count"] for row in rows), reverse=True)
    # equal counts in the order of the rule codes
    assert [row["rule"] for row in rows] == ["GX007", "GX003", "GX006", "GX112", "GX002", "GX008", "GX103"]
    code, out, _ = gxlint(capsys, "--format", "concise", "--statistics", TABLE_RULES, SEEDS)
    counts, reports = out.split("\n\n")
    assert code == 1 and counts.splitlines()[0].split() == ["3", "GX007", "warning", "计量单位与模板不一致"]
    assert len(counts.splitlines()) == len(rows)
    # then the reports by agency and year (five agencies, one year each: nothing compared across years)
    assert reports.splitlines()[0].split() == ["机关", "年度", "错误", "警告", "提示", "跨年度", "上年结转", "结转下年度",
                                               "上一年的报告", "文件"]
    assert len(reports.splitlines()) == 1 + 5
    # the agencies and years of the seeds (tests/fixtures/README.md), in the order of the names' characters
    assert [line.split()[:2] for line in reports.splitlines()[1:]] == sorted([
        ["北京市朝阳区卫生和计划生育委员会", "2018"], ["东丽区卫生健康委员会", "2019"], ["贺兰县卫生和计划生育局", "2017"],
        ["宁波市鄞州区卫生健康局", "2018"], ["余姚市卫生健康局", "2020"]])


def test_json_has_statistics_only_when_asked(capsys):
    assert "statistics" not in json.loads(gxlint(capsys, "--format", "json", SEEDS)[1])


def test_statistics_count_unreadable_files(tmp_path):
    rows = statistics.count([FileResult(str(tmp_path / "x.txt"), error="no such file")], "en")
    assert rows == [{"rule": "GX000", "severity": "error", "count": 1, "title": "file could not be read"}]
    assert statistics.count([FileResult("x.txt", error="文件不存在")])[0]["title"] == "文件无法读取"


def test_statistics_is_refused_for_formats_without_a_place_for_it(capsys):
    code, out, err = gxlint(capsys, "--format", "sarif", "--statistics", SEEDS)
    assert (code, out) == (2, "") and err == "gxlint: --statistics 只用于 rich, concise, json 格式\n"


def test_rich_statistics_table(capsys):
    code, out, _ = gxlint(capsys, "--format", "rich", "--statistics", TABLE_RULES, SEEDS)
    rows = [line.split() for line in out.splitlines()]
    assert code == 1 and rows[0] == ["次数", "规则", "级别", "标题"]
    assert ["3", "GX007", "警告", "计量单位与模板不一致"] in rows
    assert rows.index(["按机关和年度"]) == 1 + 7 + 1          # the rule counts, a blank line, the reports
    code, out, _ = gxlint(capsys, "--format", "rich", "--statistics", "--lang", "en", TABLE_RULES, SEEDS)
    rows = [line.split() for line in out.splitlines()]
    assert rows[0] == ["count", "rule", "severity", "title"] and ["2", "GX003", "warning", "Rows", "missing", "from",
                                                                  "a", "table"] in rows


def test_no_findings():
    out = io.StringIO()
    statistics.write_rich([], Console(file=out, width=80), "en")
    assert out.getvalue() == "No findings.\n"
    out = io.StringIO()
    statistics.write_text([], out)
    assert out.getvalue() == ""
