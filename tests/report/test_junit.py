"""linter.report.junit: JUnit XML whose failures agree with the exit status."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest

from linter.check.findings import SEVERITY_RANK, Finding
from linter.cli.runner import FileResult
from linter.report import junit

from ..cli.helpers import gxlint
from ..conftest import FIXTURES, fixture_path

SEEDS = FIXTURES / "seeds"


def written(results, fail_on: str = "error") -> ET.Element:
    out = io.StringIO()
    junit.write(results, out, fail_on)
    text = out.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_junit_from_the_seeds_parses_and_counts(capsys, tmp_path, fail_on):
    missing = tmp_path / "missing.txt"
    code, out, _ = gxlint(capsys, "--format", "junit", "--fail-on", fail_on, SEEDS, missing)
    root = ET.fromstring(out.encode("utf-8"))
    expected = json.loads(gxlint(capsys, "--format", "json", SEEDS, missing)[1])
    suites = root.findall("testsuite")
    assert code == 2 and [suite.get("name") for suite in suites] == [entry["path"] for entry in expected["files"]]
    failing = 0
    for suite, entry in zip(suites, expected["files"]):
        failures = suite.findall("testcase/failure")
        reaching = [f for f in entry["findings"] if SEVERITY_RANK[f["severity"]] >= SEVERITY_RANK[fail_on]]
        assert [(f.get("type"), f.get("message")) for f in failures] == [(f["rule"], f["message"]) for f in reaching]
        passing = [case.find("system-out").text for case in suite.findall("testcase") if case.find("system-out") is not None]
        assert len(passing) == len(entry["findings"]) - len(reaching)
        assert int(suite.get("failures")) == len(failures)
        assert int(suite.get("errors")) == (1 if "error" in entry else 0)
        assert int(suite.get("tests")) == len(suite.findall("testcase")) >= 1
        failing += len(reaching)
    assert int(root.get("failures")) == failing > 0
    assert root.get("errors") == "1" and root.find("testsuite[last()]/testcase/error") is not None


def test_warnings_and_infos_pass_below_fail_on():
    findings = [Finding("GX007", "warning", "单位不符", "a.txt", 3, 4, 3, 5),
                Finding("GX001", "info", "未识别到统计表格", "a.txt", 1, 1, 1, 1)]
    root = written([FileResult("a.txt", findings=findings)])
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "0", "0")
    assert [case.find("system-out").text for case in root.iter("testcase")] == [
        "a.txt:3:4: warning GX007 单位不符", "a.txt:1:1: info GX001 未识别到统计表格"]
    root = written([FileResult("a.txt", findings=findings)], "info")
    assert root.get("failures") == "2" and [f.get("type") for f in root.iter("failure")] == ["GX007", "GX001"]


def test_a_file_without_findings_is_one_passing_case():
    root = written([FileResult("a.txt")])
    (case,) = root.iter("testcase")
    assert (case.get("name"), list(case), root.get("tests"), root.get("failures")) == ("gxlint", [], "1", "0")


def test_junit_escapes_what_xml_cannot_hold():
    finding = Finding("GX009", "error", "“<约20>” & 'x' \"y\"\x01\x0b end", "a&b<c>.txt", 3, 4, 3, 5)
    failure = written([FileResult(finding.path, findings=[finding])]).find("testsuite/testcase/failure")
    assert failure.get("message") == "“<约20>” & 'x' \"y\" end"
    assert failure.text == "a&b<c>.txt:3:4: error GX009 “<约20>” & 'x' \"y\" end"


def test_warnings_only_through_the_command(capsys):
    code, out, _ = gxlint(capsys, "--format", "junit", fixture_path("seeds/003"))
    root = ET.fromstring(out.encode("utf-8"))
    assert code == 0 and root.get("failures") == "0" and root.get("tests") == "3"
