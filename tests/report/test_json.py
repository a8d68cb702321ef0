"""linter.report.json: findings for programs."""

from __future__ import annotations

import io
import json
import re

import pytest

from linter.check.findings import Finding, Location
from linter.cli.runner import FileResult
from linter.read.model import Origin
from linter.report import json as json_format

from ..cli.helpers import gxlint
from ..conftest import fixture_path

FINDING_KEYS = {"rule", "severity", "line", "column", "end_line", "end_column", "message", "title", "related",
                "fingerprint"}


def written(results, statistics=None) -> dict:
    out = io.StringIO()
    json_format.write(results, out, statistics)
    return json.loads(out.getvalue())


def test_json_keeps_its_shape(capsys):
    data = json.loads(gxlint(capsys, "--format", "json", fixture_path("seeds/000"))[1])
    assert set(data) == {"files", "summary"}
    (entry,) = data["files"]
    assert set(entry) == {"path", "templates", "findings"}
    assert all(set(finding) == FINDING_KEYS for finding in entry["findings"])
    assert data["summary"] == {"files": 1, "findings": 2, "error": 2, "warning": 0, "info": 0, "unreadable": 0}


def test_an_unreadable_file_says_why_and_where():
    data = written([FileResult("bad.txt", error="无法解码：第 3 行第 6 列", error_line=3, error_column=6)])
    assert data["files"] == [{"path": "bad.txt", "error": "无法解码：第 3 行第 6 列", "line": 3, "column": 6,
                              "findings": []}]
    assert data["summary"]["unreadable"] == 1


def test_where_in_the_original_file():
    origin = Origin("docx", table=2, row=5, cell=3)
    finding = Finding("GX008", "error", "m", "a.docx", 9, 2, 9, 2, related=[Location(7, 2, 7, 3, Origin("docx", table=2, row=4, cell=3))],
                      origin=origin)
    (entry,) = written([FileResult("a.docx", findings=[finding])])["files"]
    (shown,) = entry["findings"]
    assert shown["location"] == {"kind": "docx", "table": 2, "row": 5, "cell": 3}
    assert shown["related"] == [{"line": 7, "column": 2, "location": {"kind": "docx", "table": 2, "row": 4, "cell": 3}}]


def test_a_pdf_report_has_its_page_and_line(capsys):
    data = json.loads(gxlint(capsys, "--format", "json", fixture_path("real/hongze-2024.pdf"))[1])
    findings = data["files"][0]["findings"]
    assert findings and all(f["location"]["kind"] == "pdf" and {"page", "line"} <= set(f["location"]) for f in findings)


def test_related_cells_of_another_file_name_it():
    finding = Finding("GX500", "warning", "m", "2020.txt", 3, 2, 3, 4, related=[Location(5, 2, path="2019.txt")])
    (entry,) = written([FileResult("2020.txt", findings=[finding])])["files"]
    assert entry["findings"][0]["related"] == [{"line": 5, "column": 2, "path": "2019.txt"}]


def test_statistics_are_added_when_given():
    rows = [{"rule": "GX103", "severity": "error", "count": 1, "title": "t"}]
    assert written([], rows)["statistics"] == rows and "statistics" not in written([])


def test_non_ascii_is_written_as_is():
    out = io.StringIO()
    json_format.write([FileResult("年报.txt", templates=["2019"])], out)
    assert "年报.txt" in out.getvalue() and "\\u" not in out.getvalue()


@pytest.mark.parametrize("fmt", ["concise", "json", "sarif", "github", "junit"])
def test_machine_formats_are_identical_in_english_apart_from_words(capsys, fmt):
    zh = gxlint(capsys, "--format", fmt, "--select", "GX0,GX1,GX2", fixture_path("seeds/002"))
    en = gxlint(capsys, "--format", fmt, "--lang", "en", "--select", "GX0,GX1,GX2", fixture_path("seeds/002"))
    assert zh[0] == en[0] == 1
    assert re.findall(r"GX\d{3}", zh[1]) and (fmt == "sarif" or re.findall(r"GX\d{3}", zh[1]) == re.findall(r"GX\d{3}", en[1]))
    assert re.findall(r"\b\d+:\d+\b|line=\d+|\"line\": \d+", zh[1]) == re.findall(r"\b\d+:\d+\b|line=\d+|\"line\": \d+", en[1])
    assert "is 5475, more than the 610 items" in en[1] and "5475，大于主动公开政府信息数 610" in zh[1]
