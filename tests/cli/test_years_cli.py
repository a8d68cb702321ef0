"""Across years on the command line: folders, several paths, --previous, reports: in gxlint.yaml,
the folder summary (--statistics, html), related locations in the other file (JSON, SARIF)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ..check import series
from ..check.series import apply_row
from ..conftest import line_of
from .helpers import gxlint

CROSS = "--select=GX6"


def write_series(folder: Path, **changed: str) -> dict[int, Path]:
    """The series of tests/check/series.py as files 2019.txt … 2022.txt; *changed*: ``y2020=text``."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {2019: series.report_2019(), 2020: series.report_2020(), 2021: series.report_2021(),
             2022: series.report_2022()}
    paths = {}
    for year, text in texts.items():
        paths[year] = folder / f"{year}.txt"
        paths[year].write_text(changed.get(f"y{year}", text), encoding="utf-8")
    return paths


def json_findings(out: str) -> dict[str, list[dict]]:
    return {Path(entry["path"]).name: entry["findings"] for entry in json.loads(out)["files"]}


MORE_2020 = series.report_2020(rows={"二、上年结转政府信息公开申请数量": apply_row(1)})


def test_a_folder_of_reports_that_agree_gives_no_cross_year_finding(tmp_path, capsys):
    write_series(tmp_path / "东丽区")
    code, out, err = gxlint(capsys, "--format", "json", CROSS, tmp_path / "东丽区")
    assert (code, err) == (0, "") and all(found == [] for found in json_findings(out).values())


def test_a_folder_finds_the_carry_over_that_does_not_agree(tmp_path, capsys):
    paths = write_series(tmp_path, y2020=MORE_2020, y2022=series.report_2022(rows={"行政规范性文件": [1, 1, 11]}))
    code, out, err = gxlint(capsys, "--format", "json", CROSS, tmp_path)
    found = json_findings(out)
    assert code == 1 and err == ""
    assert [(f["rule"], f["line"], f["column"]) for f in found["2020.txt"]] == [("GX601", 121, 2), ("GX601", 127, 2)]
    assert [f["rule"] for f in found["2022.txt"]] == ["GX603"] and found["2019.txt"] == found["2021.txt"] == []
    # last year's cell, in the other file (seed 004's 四、结转下年度继续办理: line 345, its cells below)
    assert found["2020.txt"][0]["related"] == [{"line": 346, "column": 2, "path": str(paths[2019])}]


def test_sarif_names_last_years_file_in_related_locations(tmp_path, capsys, monkeypatch):
    write_series(tmp_path, y2020=MORE_2020)
    monkeypatch.chdir(tmp_path)
    code, out, _ = gxlint(capsys, "--format", "sarif", CROSS, ".")
    (result, _) = json.loads(out)["runs"][0]["results"]
    assert code == 1 and result["ruleId"] == "GX601"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "2020.txt"
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"] == {"uri": "2019.txt", "uriBaseId": "%SRCROOT%"}
    assert related["physicalLocation"]["region"]["startLine"] == 346


def test_one_report_alone_and_with_previous(tmp_path, capsys):
    paths = write_series(tmp_path, y2021=series.report_2021(rows={"二、上年结转政府信息公开申请数量": apply_row(3)}))
    assert gxlint(capsys, "--format", "concise", CROSS, paths[2021]) == (0, "", "")
    code, out, err = gxlint(capsys, "--format", "concise", CROSS, paths[2021], "--previous", paths[2020])
    assert code == 1 and err == "" and [line.split()[2] for line in out.splitlines()] == ["GX601", "GX601"]
    assert f"而上一年的报告（{paths[2020]}）“四、结转下年度继续办理”为 2" in out
    # --previous itself is read, not reported on
    assert str(paths[2020]) + ":" not in out


def test_previous_of_another_year_or_agency_is_refused(tmp_path, capsys):
    paths = write_series(tmp_path)
    code, out, err = gxlint(capsys, "--format", "concise", CROSS, paths[2022], "--previous", paths[2020])
    assert (code, out) == (0, "")
    assert err == f"gxlint: 警告：--previous {paths[2020]} 是 2020 年的报告，不是 {paths[2022]}（2022 年）的上一年，" \
                  "未做跨年度比较\n"
    other = tmp_path / "other.txt"
    other.write_text(series.report_2020().replace("东丽区卫生健康委员会", "西青区卫生健康委员会"), encoding="utf-8")
    code, out, err = gxlint(capsys, "--lang", "en", "--format", "concise", CROSS, paths[2021], "--previous", other)
    assert (code, out) == (0, "") and "is a report of “西青区卫生健康委员会”" in err and "not one agency" in err


@pytest.mark.parametrize("args, words", [(["--facts"], "--previous 用于检查报告"), (["--text"], "--previous 用于检查报告")])
def test_previous_goes_with_checking_only(tmp_path, capsys, args, words):
    paths = write_series(tmp_path)
    code, out, err = gxlint(capsys, *args, paths[2021], "--previous", paths[2020])
    assert (code, out) == (2, "") and words in err


def test_previous_must_be_a_file(tmp_path, capsys):
    paths = write_series(tmp_path)
    code, _, err = gxlint(capsys, paths[2021], "--previous", tmp_path)
    assert code == 2 and "--previous 应为上一年的一个报告文件" in err
    code, out, err = gxlint(capsys, "--format", "concise", paths[2021], "--previous", tmp_path / "missing.txt")
    assert code == 2 and "missing.txt:1:1: error GX000" in out


def test_the_configuration_says_whose_report_and_which_year(tmp_path, capsys):
    # two reports whose texts name neither agency nor year
    def anonymous(text: str) -> str:
        return text.replace("东丽区卫生健康委员会2020年信息公开工作年度报告", "信息公开工作年度报告") \
            .replace("2020年", "本年")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(anonymous(series.report_2019()).replace("2019年", "本年"), encoding="utf-8")
    (folder / "b.txt").write_text(anonymous(MORE_2020), encoding="utf-8")
    code, out, _ = gxlint(capsys, "--format", "concise", CROSS, folder)
    assert (code, out) == (0, "")                     # not identified: not compared
    (tmp_path / "gxlint.yaml").write_text(
        'reports:\n  "reports/**": {agency: 天津市东丽区卫生健康委员会}\n  "reports/a.txt": {year: 2019}\n'
        '  "reports/b.txt": {year: 2020}\n', encoding="utf-8")
    code, out, _ = gxlint(capsys, "--format", "concise", CROSS, folder)
    assert code == 1 and [line.split(":")[0] for line in out.splitlines()] == [str(folder / "b.txt")] * 2
    code, out, _ = gxlint(capsys, "--facts", "--format", "concise", folder / "b.txt")
    assert out.splitlines()[:2] == [f"{folder / 'b.txt'}:1:1: 机关 = 天津市东丽区卫生健康委员会  [来自配置 reports:]",
                                    f"{folder / 'b.txt'}:1:1: 年度 = 2020  [来自配置 reports:]"]


def test_the_front_matter_line_wins_over_the_configuration(tmp_path, capsys):
    folder = tmp_path / "reports"
    paths = write_series(folder)
    (tmp_path / "gxlint.yaml").write_text('reports:\n  "reports/2021.txt": {year: 2030}\n', encoding="utf-8")
    code, out, _ = gxlint(capsys, "--format", "concise", CROSS, folder)
    assert (code, out) == (0, "")                     # 2021 taken for 2030: 2022 has no last year, 2021 none
    text = series.report_2021(rows={"二、上年结转政府信息公开申请数量": apply_row(3)})
    paths[2021].write_text("# gxlint: year=2021\n" + text, encoding="utf-8")
    code, out, _ = gxlint(capsys, "--format", "concise", CROSS, folder)
    assert code == 1 and {line.split(":")[0] for line in out.splitlines()} == {str(paths[2021])}


@pytest.mark.parametrize("setting, words", [
    ('reports:\n  "a/**": {agency: x, colour: red}\n', "reports.\"a/**\""),
    ('reports:\n  "a/**": {year: 1234567}\n', "reports.\"a/**\".year"),
    ('reports:\n  "a/**": {agency: ""}\n', "reports.\"a/**\".agency"),
    ('reports: [a]\n', "reports"),
])
def test_a_bad_reports_setting_is_refused(tmp_path, capsys, setting, words):
    write_series(tmp_path)
    (tmp_path / "gxlint.yaml").write_text(setting, encoding="utf-8")
    code, out, err = gxlint(capsys, tmp_path / "2020.txt")
    assert (code, out) == (2, "") and words in err


def test_statistics_show_who_carries_what_over(tmp_path, capsys):
    paths = write_series(tmp_path, y2020=MORE_2020)
    code, out, _ = gxlint(capsys, "--format", "json", "--statistics", CROSS, tmp_path)
    reports = json.loads(out)["reports"]
    assert code == 1 and [(r["agency"], r["year"], Path(r["path"]).name, r["cross_year"], r["carried_over"],
                           r["carried_forward"], r["previous"] and Path(r["previous"]).name) for r in reports] == [
        ("东丽区卫生健康委员会", 2019, "2019.txt", 0, 0, 0, None),
        ("东丽区卫生健康委员会", 2020, "2020.txt", 2, 1, 2, "2019.txt"),
        ("东丽区卫生健康委员会", 2021, "2021.txt", 0, 2, 0, "2020.txt"),
        ("东丽区卫生健康委员会", 2022, "2022.txt", 0, 0, 0, "2021.txt")]
    code, out, _ = gxlint(capsys, "--format", "concise", "--statistics", CROSS, tmp_path)
    counts, table = out.split("\n\n")
    assert counts.split() == ["2", "GX601", "error", "上年结转的申请数等于上一年报告的结转下年度继续办理数"]
    assert table.splitlines()[2].split() == ["东丽区卫生健康委员会", "2020", "2", "0", "0", "2", "1", "2",
                                             str(paths[2019]), str(paths[2020])]


def test_the_html_page_has_the_folder_at_a_glance(tmp_path, capsys):
    write_series(tmp_path, y2020=MORE_2020)
    code, out, _ = gxlint(capsys, "--format", "html", CROSS, tmp_path)
    page = BeautifulSoup(out, "html5lib")
    rows = page.select("#by-agency tbody tr")
    assert code == 1 and len(rows) == 4
    cells = [cell.get_text() for cell in rows[1].find_all("td")]
    # agency, year, file, last year's, errors, warnings, notes, cross-year, carried over, carried forward
    assert cells[:2] == ["东丽区卫生健康委员会", "2020"] and cells[4:] == ["2", "0", "0", "2", "1", "2"]
    file_link, last_link = rows[1].find_all("a")
    assert page.find(id=file_link["href"][1:]).h2.get_text().endswith("2020.txt")
    assert page.find(id=last_link["href"][1:]).h2.get_text().endswith("2019.txt")
    assert "fail" in rows[1]["class"] and "fail" not in rows[0].get("class", [])


def test_select_severity_and_baseline_apply_to_cross_year_findings(tmp_path, capsys):
    write_series(tmp_path, y2020=MORE_2020)
    assert gxlint(capsys, "--format", "concise", "--select", "GX6", "--ignore", "GX601", tmp_path)[:2] == (0, "")
    (tmp_path / "gxlint.yaml").write_text("select: [GX6]\nseverity:\n  GX601: warning\n", encoding="utf-8")
    code, out, _ = gxlint(capsys, "--format", "concise", tmp_path)
    assert code == 0 and out.count(" warning GX601 ") == 2
    baseline = tmp_path / "baseline.json"
    assert gxlint(capsys, "--write-baseline", baseline, tmp_path)[0] == 0
    assert gxlint(capsys, "--format", "concise", "--baseline", baseline, tmp_path)[:2] == (0, "")


def test_in_parallel_as_in_one_process(tmp_path, capsys):
    """Eight files and more run in worker processes: they send back what the pass needs."""
    for agency in ("东丽区卫生健康委员会", "西青区卫生健康委员会"):
        folder = tmp_path / agency
        write_series(folder, y2020=MORE_2020)
        for path in folder.iterdir():
            path.write_text(path.read_text(encoding="utf-8").replace("东丽区卫生健康委员会", agency), encoding="utf-8")
    one = gxlint(capsys, "--format", "concise", CROSS, "--jobs", "1", tmp_path)
    many = gxlint(capsys, "--format", "concise", CROSS, "--jobs", "4", tmp_path)
    assert one == many and one[0] == 1 and one[1].count(" GX601 ") == 4


RULE = """rules:
  - id: XY601
    across: years
    title: 新收申请不少于上年的一半
    severity: warning
    assert: apply.new.total * 2 >= previous.apply.{key}
    message: 本年新收 {{apply.new.total}} 件，上一年（{{previous_path}}）为 {{previous.apply.new.total}} 件
"""


def test_a_cross_year_rule_of_ones_own(tmp_path, capsys):
    paths = write_series(tmp_path / "reports")
    rules = tmp_path / "mine.yaml"
    rules.write_text(RULE.format(key="new.total"), encoding="utf-8")
    # new applications (一、本年新收, 总计): 2019 0, 2020 3, 2021 1, 2022 0
    code, out, _ = gxlint(capsys, "--format", "concise", "--rules", rules, "--select", "XY", tmp_path / "reports")
    line = line_of(series.report_2021(), "\t一、本年新收政府信息公开申请数量\n")[0] + 7      # its 总计, 7th cell
    assert code == 0 and out.splitlines() == [
        f"{paths[2021]}:{line}:2: warning XY601 本年新收 1 件，上一年（{paths[2020]}）为 3 件",
        f"{paths[2022]}:{line}:2: warning XY601 本年新收 0 件，上一年（{paths[2021]}）为 1 件"]
    rules.write_text(RULE.format(key="nothing.total"), encoding="utf-8")
    code, out, err = gxlint(capsys, "--rules", rules, tmp_path / "reports")
    assert (code, out) == (2, "") and "规则 XY601" in err and "nothing" in err


def test_the_real_fixtures_say_nothing_across_years(capsys):
    """Ten agencies named, one year each (hongze-2024 in three files), the other files unidentified:
    no pair, nothing said, no warning."""
    from ..conftest import FIXTURES

    assert gxlint(capsys, "--format", "concise", CROSS, FIXTURES) == (0, "", "")
