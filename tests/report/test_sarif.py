"""linter.report.sarif: SARIF 2.1.0 made from the real seeds, checked against what GitHub code scanning requires."""

from __future__ import annotations

import json
import os
import shutil
from urllib.parse import unquote

from linter.check.findings import Finding, Location
from linter.cli.runner import FileResult
from linter.read.model import Origin
from linter.report import sarif

from ..cli.helpers import ROOT, gxlint
from ..conftest import FIXTURES, fixture_path

SEEDS = FIXTURES / "seeds"


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
    code, out, _ = gxlint(capsys, "--format", "sarif", SEEDS)
    run_ = check_code_scanning(json.loads(out))
    assert code == 1 and run_["columnKind"] == "unicodeCodePoints"
    assert run_["invocations"][0]["executionSuccessful"] is True
    expected = json.loads(gxlint(capsys, "--format", "json", SEEDS)[1])
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
    # 3.政务微博公开政府信息数: "\t5475" on line 182, the four digits from column 2 up to 6
    assert fixture_path("seeds/002").read_text(encoding="utf-8").split("\n")[181] == "\t5475"
    assert ("GX112", "tests/fixtures/seeds/002_e4d77d33f04ebca9.txt", 182, 2, 182, 6) in [g[:6] for g in got]


def test_sarif_rules_carry_descriptions_and_levels(capsys):
    driver = json.loads(gxlint(capsys, "--format", "sarif", fixture_path("seeds/004"))[1])["runs"][0]["tool"]["driver"]
    rule = next(rule for rule in driver["rules"] if rule["id"] == "GX112")
    assert rule["shortDescription"]["text"] == "每一种公开渠道的条数不大于主动公开信息总数"
    assert rule["fullDescription"]["text"].startswith("（一）主动公开政府信息数按“不同渠道和方式公开相同信息计1条”统计")
    assert "5475" in rule["help"]["markdown"] and rule["defaultConfiguration"]["level"] == "error"
    info = next(rule for rule in driver["rules"] if rule["id"] == "GX001")
    assert info["defaultConfiguration"]["level"] == "note"
    english = json.loads(gxlint(capsys, "--lang", "en", "--format", "sarif", fixture_path("seeds/004"))[1])
    rule = next(r for r in english["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "GX112")
    assert rule["shortDescription"]["text"] == "No disclosure channel exceeds the total of information disclosed"
    assert "**Failing example:**" in rule["help"]["markdown"]


def test_configured_severity_is_the_level(capsys, tmp_path):
    report = tmp_path / "report.txt"
    shutil.copy(fixture_path("seeds/000"), report)
    (tmp_path / "gxlint.yaml").write_text("severity:\n  GX103: info\n", encoding="utf-8")
    log = json.loads(gxlint(capsys, "--format", "sarif", "--select", "GX1", report)[1])
    assert [(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]] == [("GX103", "note")]


def test_sarif_fingerprints_survive_inserted_lines(tmp_path, capsys, monkeypatch):
    report = tmp_path / "report.txt"
    shutil.copy(fixture_path("seeds/000"), report)
    monkeypatch.chdir(tmp_path)

    def results():
        log = json.loads(gxlint(capsys, "--format", "sarif", "--select", "GX0,GX1", "report.txt")[1])
        return [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r["partialFingerprints"])
                for r in log["runs"][0]["results"]]

    before = results()
    report.write_text("前言一行。\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    after = results()
    assert len(before) == 2
    assert [(rule, line + 1) for rule, line, _ in before] == [(rule, line) for rule, line, _ in after]
    assert [prints for *_, prints in before] == [prints for *_, prints in after]
    assert before[0][2]["primaryLocationLineHash"].endswith(":1")


def test_sarif_reports_unreadable_files_as_notifications(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb" * 3 + b"abc")
    code, out, _ = gxlint(capsys, "--format", "sarif", bad, fixture_path("seeds/004"))
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert code == 2 and invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "无法解码" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == bad.as_uri()


def test_sarif_uri_encoding(tmp_path):
    assert sarif.artifact_uri(str(tmp_path / "年报 2020" / "a#1.txt"), str(tmp_path)) == \
        {"uri": "%E5%B9%B4%E6%8A%A5%202020/a%231.txt", "uriBaseId": "%SRCROOT%"}
    outside = tmp_path.parent / "elsewhere.txt"
    assert sarif.artifact_uri(str(outside), str(tmp_path)) == {"uri": outside.as_uri()}


def test_related_locations_in_sarif_match_the_finding():
    finding = Finding("GX103", "error", "m", "a.txt", 5, 2, 5, 3, related=[Location(7, 2, 7, 3), Location(9, 4)])
    log = sarif.sarif_log([FileResult("a.txt", findings=[finding])], [], cwd=".")
    related = log["runs"][0]["results"][0]["relatedLocations"]
    assert [(r["id"], r["physicalLocation"]["region"]) for r in related] == [
        (1, {"startLine": 7, "startColumn": 2, "endLine": 7, "endColumn": 3}),
        (2, {"startLine": 9, "startColumn": 4, "endLine": 9, "endColumn": 4})]


def test_an_empty_cell_gives_an_empty_region():
    finding = Finding("GX008", "error", "m", "a.txt", 176, 2, 176, 2)
    (result,) = sarif.sarif_log([FileResult("a.txt", findings=[finding])], [], cwd=".")["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == \
        {"startLine": 176, "startColumn": 2, "endLine": 176, "endColumn": 2}


def test_where_in_a_word_or_pdf_file(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    log = json.loads(gxlint(capsys, "--format", "sarif", fixture_path("real/hongze-2024.pdf"))[1])
    located = [r["locations"][0]["properties"]["gxlint/location"] for r in log["runs"][0]["results"]]
    assert located and all(place["kind"] == "pdf" and place["page"] >= 1 and place["line"] >= 1
                           for place in located)
    finding = Finding("GX008", "error", "m", "a.docx", 3, 2, 3, 2, origin=Origin("docx", table=1, row=3, cell=2))
    (result,) = sarif.sarif_log([FileResult("a.docx", findings=[finding])], [], cwd=".")["runs"][0]["results"]
    assert result["locations"][0]["properties"] == {"gxlint/location": {"kind": "docx", "table": 1, "row": 3, "cell": 2}}


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
