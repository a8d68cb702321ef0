"""linter.report.concise: one finding a line, path:line:col: severity rule message."""

from __future__ import annotations

import io

from linter.check.findings import Finding
from linter.cli.runner import FileResult
from linter.report import concise

from ..cli.helpers import gxlint
from ..conftest import fixture_path, line_of


def written(results) -> str:
    out = io.StringIO()
    concise.write(results, out)
    return out.getvalue()


def test_lines_of_a_real_report(capsys):
    path = fixture_path("seeds/002")
    code, out, _ = gxlint(capsys, "--format", "concise", "--select", "GX1", path)
    text = path.read_text(encoding="utf-8")
    # 5475 and 1050 stand alone after a TAB on their lines (3.政务微博…, 4.政务微信…)
    assert line_of(text, "\t5475") == (182, 1) and line_of(text, "\t1050") == (187, 1)
    assert code == 1 and [line.split(" ", 3)[:3] for line in out.splitlines()] == [
        [f"{path}:182:2:", "error", "GX112"], [f"{path}:187:2:", "error", "GX112"]]


def test_a_finding_is_one_line_whatever_its_message():
    finding = Finding("GX009", "warning", "第一行\n第二行\r\n\t第三行  多个空格\u2028末尾", "a.txt", 3, 4, 3, 5)
    assert written([FileResult("a.txt", findings=[finding])]) == \
        "a.txt:3:4: warning GX009 第一行 第二行 第三行 多个空格 末尾\n"


def test_control_characters_are_shown_not_sent():
    finding = Finding("GX009", "error", "“\x1b[2J”\x07", "a\x1b[1m.txt", 1, 2, 1, 3)
    line = written([FileResult(finding.path, findings=[finding])])
    assert line == "a\\x1b[1m.txt:1:2: error GX009 “\\x1b[2J”\\x07\n"


def test_an_unreadable_file_is_one_line_where_the_trouble_is():
    results = [FileResult("bad.txt", error="无法解码：第 3 行第 6 列\n（第 27 字节）", error_line=3, error_column=6),
               FileResult("gone.txt", error="文件不存在")]
    assert written(results) == ("bad.txt:3:6: error GX000 无法解码：第 3 行第 6 列 （第 27 字节）\n"
                                "gone.txt:1:1: error GX000 文件不存在\n")
