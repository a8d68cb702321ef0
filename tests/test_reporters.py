"""linter.reporters: every format made from the real seeds and checked against what its readers require."""

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest

from linter.cli import main
from linter.findings import Finding, Location
from linter.reporters import github, junit, rich_format, sarif, statistics
from linter.runner import FileJob, FileResult, lint_one

from .conftest import FIXTURES, fixture_path

SEEDS = FIXTURES / "seeds"
ROOT = FIXTURES.parent.parent


def run(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def findings_json(capsys, *args):
    return json.loads(run(capsys, "--format", "json", *args)[1])


# --- SARIF: the properties GitHub code scanning marks as required, and their limits -------------

def check_code_scanning(log):
    assert log["$schema"] and log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "gxlint" and driver["rules"]
    for rule in driver["rules"]:
        assert rule["id"] and len(rule["name"]) <= 255
        for key in ("shortDescription", "fullDescription"):
            assert 0 < len(rule[key]["text"]) <= 1024
        assert rule["help"]["text"].strip()
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for result in run_["results"]:
        assert result["ruleId"] in ids and ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("note", "warning", "error")
        assert result["message"]["text"].strip()
        assert 1 <= len(result["locations"]) <= 10
        for location in result["locations"] + result.get("relatedLocations", []):
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uri"]
            region = physical["region"]
            assert all(isinstance(region[key], int) and region[key] >= 1
                       for key in ("startLine", "startColumn", "endLine", "endColumn"))
            assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        assert result["partialFingerprints"] and all(
            isinstance(value, str) and value for value in result["partialFingerprints"].values())
    return run_


def test_sarif_from_the_seeds_has_what_code_scanning_requires(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)                 # paths in SARIF are relative to the working directory
    code, out, _ = run(capsys, "--format", "sarif", SEEDS)
    run_ = check_code_scanning(json.loads(out))
    assert code == 1 and run_["columnKind"] == "unicodeCodePoints"
    assert run_["invocations"][0]["executionSuccessful"] is True
    expected = findings_json(capsys, SEEDS)
    wanted = [(f["rule"], entry["path"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"])
              for entry in expected["files"] for f in entry["findings"]]
    got = []
    for result in run_["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        got.append((result["ruleId"], unquote(location["artifactLocation"]["uri"]), region["startLine"],
                    region["startColumn"], region["endLine"], region["endColumn"], result["message"]["text"]))
    assert got == [(rule, os.path.relpath(path, ROOT).replace(os.sep, "/"), *rest) for rule, path, *rest in wanted]
    assert ("GX112", "tests/fixtures/seeds/002_e4d77d33f04ebca9.txt", 182, 2, 182, 6) in [g[:6] for g in got]


def test_sarif_rules_carry_descriptions_and_levels(capsys):
    driver = json.loads(run(capsys, "--format", "sarif", fixture_path("seeds/004"))[1])["runs"][0]["tool"]["driver"]
    rule = next(rule for rule in driver["rules"] if rule["id"] == "GX112")
    assert rule["shortDescription"]["text"] == "每一种公开渠道的条数不大于主动公开信息总数"
    assert rule["fullDescription"]["text"].startswith("（一）主动公开政府信息数按“不同渠道和方式公开相同信息计1条”统计，是去重后的总数；任何")
    assert "5475" in rule["help"]["markdown"] and rule["defaultConfiguration"]["level"] == "error"
    info = next(rule for rule in driver["rules"] if rule["id"] == "GX001")
    assert info["defaultConfiguration"]["level"] == "note"
    english = json.loads(run(capsys, "--lang", "en", "--format", "sarif", fixture_path("seeds/004"))[1])
    rule = next(r for r in english["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "GX112")
    assert rule["shortDescription"]["text"] == "No disclosure channel exceeds the total of information disclosed"


def test_sarif_fingerprints_survive_inserted_lines(tmp_path, capsys, monkeypatch):
    report = tmp_path / "report.txt"
    shutil.copy(fixture_path("seeds/000"), report)
    monkeypatch.chdir(tmp_path)

    def results():
        log = json.loads(run(capsys, "--format", "sarif", "--select", "GX0,GX1", "report.txt")[1])
        return [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r["partialFingerprints"])
                for r in log["runs"][0]["results"]]

    before = results()
    report.write_text("前言一行。\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    after = results()
    assert [(rule, line + 1) for rule, line, _ in before] == [(rule, line) for rule, line, _ in after]
    assert [prints for *_, prints in before] == [prints for *_, prints in after]
    assert before[0][2]["primaryLocationLineHash"].endswith(":1")


def test_sarif_reports_unreadable_files_as_notifications(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb" * 3 + b"abc")
    code, out, _ = run(capsys, "--format", "sarif", bad, fixture_path("seeds/004"))
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert code == 2 and invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "无法解码" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == bad.as_uri()


def test_sarif_uri_encoding(tmp_path):
    assert sarif.artifact_uri(str(tmp_path / "年报 2020" / "a#1.txt"), str(tmp_path)) == \
        {"uri": "%E5%B9%B4%E6%8A%A5%202020/a%231.txt", "uriBaseId": "%SRCROOT%"}


# --- GitHub workflow commands --------------------------------------------------------------------

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),"
                        r"endColumn=(\d+),title=(GX\d+)::(.+)$")


def unescape(text):
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_from_the_seeds(capsys):
    code, out, _ = run(capsys, "--format", "github", SEEDS)
    expected = findings_json(capsys, SEEDS)
    wanted = [({"error": "error", "warning": "warning", "info": "notice"}[f["severity"]], entry["path"], f["line"],
               f["column"], f["end_line"], f["end_column"], f["rule"], f["message"])
              for entry in expected["files"] for f in entry["findings"]]
    got = []
    for line in out.splitlines():
        match = ANNOTATION.match(line)
        assert match, line
        kind, path, *numbers, rule, message = match.groups()
        got.append((kind, unescape(path), *map(int, numbers), rule, unescape(message)))
    assert code == 1 and got == wanted and len(got) > 10


def test_github_escaping():
    finding = Finding("GX009", "info", "第1行: 50% 是“a,b”\r\n下一行", "d:/年报,2020.txt", 3, 4, 3, 5)
    (line,) = [text for text in _written(github.write, [FileResult(finding.path, findings=[finding])]).splitlines()]
    assert line == ("::notice file=d%3A/年报%2C2020.txt,line=3,col=4,endLine=3,endColumn=5,title=GX009::"
                    "第1行: 50%25 是“a,b”%0D%0A下一行")
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def _written(writer, results, *args):
    import io
    out = io.StringIO()
    writer(results, out, *args)
    return out.getvalue()


# --- JUnit XML ---------------------------------------------------------------------------------------

def test_junit_from_the_seeds_parses_and_counts(capsys, tmp_path):
    bad = tmp_path / "missing.txt"
    code, out, _ = run(capsys, "--format", "junit", SEEDS, bad)
    root = ET.fromstring(out.encode("utf-8"))
    expected = findings_json(capsys, SEEDS, bad)
    suites = root.findall("testsuite")
    assert code == 2 and [suite.get("name") for suite in suites] == [entry["path"] for entry in expected["files"]]
    for suite, entry in zip(suites, expected["files"]):
        failures = suite.findall("testcase/failure")
        assert [(f.get("type"), f.get("message")) for f in failures] == \
            [(f["rule"], f["message"]) for f in entry["findings"]]
        assert int(suite.get("failures")) == len(failures)
        assert int(suite.get("errors")) == (1 if "error" in entry else 0)
        assert int(suite.get("tests")) == len(suite.findall("testcase")) >= 1
    assert int(root.get("failures")) == sum(len(entry["findings"]) for entry in expected["files"])
    assert root.get("errors") == "1" and root.find("testsuite[last()]/testcase/error") is not None


def test_junit_escapes_what_xml_cannot_hold():
    finding = Finding("GX009", "error", "“<约20>” & 'x' \"y\"\x01\x0b end", "a&b<c>.txt", 3, 4, 3, 5)
    text = _written(junit.write, [FileResult(finding.path, findings=[finding])])
    failure = ET.fromstring(text.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure.get("message") == "“<约20>” & 'x' \"y\" end"
    assert failure.text == "a&b<c>.txt:3:4: error GX009 “<约20>” & 'x' \"y\" end"


# --- statistics ----------------------------------------------------------------------------------------

def test_statistics_count_per_rule(capsys):
    data = findings_json(capsys, "--statistics", "--select", "GX0,GX1,GX2", SEEDS)
    counted = {}
    for entry in data["files"]:
        for finding in entry["findings"]:
            counted[finding["rule"]] = counted.get(finding["rule"], 0) + 1
    rows = data["statistics"]
    assert {row["rule"]: row["count"] for row in rows} == counted
    # by hand from tests/test_engine.py's seed findings: 000 GX103 GX008; 001 GX002 GX003×2;
    # 002 GX112×2 GX007×2; 003 GX007 GX006×2
    assert counted == {"GX103": 1, "GX008": 1, "GX002": 1, "GX003": 2, "GX112": 2, "GX007": 3, "GX006": 2}
    assert [row["count"] for row in rows] == sorted((row["count"] for row in rows), reverse=True)
    code, out, _ = run(capsys, "--format", "concise", "--statistics", "--select", "GX0,GX1,GX2", SEEDS)
    assert code == 1 and out.splitlines()[0].split() == ["3", "GX007", "warning", "计量单位与模板不一致"]
    assert len(out.splitlines()) == len(rows)


def test_statistics_count_unreadable_files(tmp_path):
    rows = statistics.count([FileResult(str(tmp_path / "x.txt"), error="文件不存在")], "en")
    assert rows == [{"rule": "GX000", "severity": "error", "count": 1, "title": "file could not be read"}]


def test_statistics_is_refused_for_formats_without_a_place_for_it(capsys):
    code, out, err = run(capsys, "--format", "sarif", "--statistics", SEEDS)
    assert (code, out) == (2, "") and "--statistics" in err


# --- rich ---------------------------------------------------------------------------------------------

def test_rich_shows_the_row_with_the_cell_marked():
    result = lint_one(FileJob(str(fixture_path("seeds/000")), select=("GX1",), excerpts=True))
    (finding,) = result.findings
    part = result.excerpts[(finding.line, finding.column, finding.end_line, finding.end_column)]
    assert part == rich_format.Excerpt(("（三）申请答复数", "件", "（空）"), 2, True)
    from rich.console import Console
    console = Console(record=True, width=160, force_terminal=True, color_system="standard")
    rich_format.write([result], console)
    text = console.export_text(clear=False)
    assert "176:2  错误  GX103  “（三）申请答复数”为空" in text and "（三）申请答复数 │ 件 │ （空）" in text
    assert "检查了 1 个文件：1 个错误，0 个警告，0 个提示" in text
    styled = console.export_text(styles=True)
    assert "\x1b[1;7;31m（空）" in styled


def test_rich_marks_the_words_of_a_prose_finding():
    finding = Finding("GX999", "error", "m", "x.txt", 3, 5, 3, 7)
    from linter.parser import parse
    document = parse("标题\n\n正文第一段写了收到申请44件。\n", "x.txt")
    line = "正文第一段写了收到申请44件。"
    finding = Finding("GX999", "error", "m", "x.txt", 3, line.index("44") + 1, 3, line.index("44") + 3)
    assert rich_format.excerpt(document, finding) == rich_format.Excerpt(("正文第一段写了收到申请", "44", "件。"), 1, False)


def test_rich_in_english():
    from rich.console import Console
    result = lint_one(FileJob(str(fixture_path("seeds/000")), select=("GX1",), excerpts=True, lang="en"))
    console = Console(record=True, width=160)
    rich_format.write([result, FileResult("gone.txt", error="文件不存在")], console, "en")
    text = console.export_text()
    assert "176:2  error  GX103  “（三）申请答复数” is blank, but replies of kinds 1 to 8 add up to 2" in text
    assert "gone.txt cannot be checked: 文件不存在" in text
    assert "Checked 2 files: 1 errors, 0 warnings, 0 notes, 1 files could not be read" in text


def test_json_keeps_its_shape_and_adds_statistics_only_when_asked(capsys):
    data = findings_json(capsys, fixture_path("seeds/000"))
    assert set(data) == {"files", "summary"}
    finding = data["files"][0]["findings"][0]
    assert {"rule", "severity", "line", "column", "end_line", "end_column", "message", "title", "related",
            "fingerprint"} == set(finding)


def test_related_locations_in_sarif_match_the_finding():
    finding = Finding("GX103", "error", "m", "a.txt", 5, 2, 5, 3, related=[Location(7, 2, 7, 3), Location(9, 4)])
    log = sarif.sarif_log([FileResult("a.txt", findings=[finding])], [], cwd=".")
    related = log["runs"][0]["results"][0]["relatedLocations"]
    assert [(r["id"], r["physicalLocation"]["region"]) for r in related] == [
        (1, {"startLine": 7, "startColumn": 2, "endLine": 7, "endColumn": 3}),
        (2, {"startLine": 9, "startColumn": 4, "endLine": 9, "endColumn": 4})]


@pytest.mark.parametrize("fmt", ["concise", "json", "sarif", "github", "junit"])
def test_machine_formats_are_identical_in_english_apart_from_words(capsys, fmt):
    zh = run(capsys, "--format", fmt, "--select", "GX0,GX1,GX2", fixture_path("seeds/002"))
    en = run(capsys, "--format", fmt, "--lang", "en", "--select", "GX0,GX1,GX2", fixture_path("seeds/002"))
    assert zh[0] == en[0] == 1
    assert re.findall(r"GX\d{3}", zh[1]) and (fmt == "sarif" or re.findall(r"GX\d{3}", zh[1]) == re.findall(r"GX\d{3}", en[1]))
    assert "is 5475, more than the 610 items" in en[1] and "5475，大于主动公开政府信息数 610" in zh[1]


def test_information_uri_comes_from_package_metadata(monkeypatch):
    import importlib.metadata

    class Meta(dict):
        def get_all(self, name):
            return ["Homepage, https://example.org/gxlint", "Issues, https://example.org/gxlint/issues"]

    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: Meta())
    log = sarif.sarif_log([], [], cwd=".")
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/gxlint"

    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "metadata", not_installed)
    assert "informationUri" not in sarif.sarif_log([], [], cwd=".")["runs"][0]["tool"]["driver"]


def test_rich_statistics_table(capsys):
    code, out, _ = run(capsys, "--format", "rich", "--statistics", "--select", "GX0,GX1,GX2", SEEDS)
    rows = [line.split() for line in out.splitlines()]
    assert code == 1 and rows[0] == ["次数", "规则", "级别", "标题"]
    assert ["3", "GX007", "warning", "计量单位与模板不一致"] in rows and len(rows) == 1 + 7


# --- what a report holds never reaches the terminal as a command ---------------------------------

@pytest.fixture
def escaping_report(tmp_path):
    """Seed 000 with an escape sequence in a table cell and in a line of prose, in a file named with one."""
    lines = fixture_path("seeds/000").read_text(encoding="utf-8").split("\n")
    assert lines[175] == "\t"                                   # （三）申请答复数, left blank
    lines[175] = "\t\x1b]0;pwned\x07\x1b[2J"
    lines[2] = lines[2] + "\x1b[31m"
    path = tmp_path / "draft\x1b[1m.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [
    ["--format", "rich"], ["--format", "concise"], ["--format", "github"],
    ["--facts", "--format", "rich"], ["--facts", "--format", "concise"],
])
def test_control_characters_are_shown_not_sent(capsys, escaping_report, args):
    code, out, err = run(capsys, *args, "--select", "GX0", escaping_report)
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b" in out                                       # shown, so the reader sees what is there
    if "--facts" not in args:
        assert code == 1 and "GX009" in out


def test_rich_excerpt_of_a_cell_with_control_characters(escaping_report):
    result = lint_one(FileJob(str(escaping_report), select=("GX009",), excerpts=True))
    (part,) = result.excerpts.values()
    assert part.parts[part.marked] == "\\x1b]0;pwned\\x07\\x1b[2J"
    assert "（三）申请答复数" in part.parts[0]
