"""linter.report.github: GitHub Actions workflow commands, one annotation a finding."""

from __future__ import annotations

import io
import json
import re

from linter.check.findings import Finding
from linter.cli.runner import FileResult
from linter.report import github

from ..cli.helpers import gxlint
from ..conftest import FIXTURES

SEEDS = FIXTURES / "seeds"
ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),"
                        r"endColumn=(\d+),title=(GX\d+)::(.+)$")


def unescape(text):
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def written(results) -> str:
    out = io.StringIO()
    github.write(results, out)
    return out.getvalue()


def test_github_annotations_from_the_seeds(capsys):
    code, out, _ = gxlint(capsys, "--format", "github", SEEDS)
    expected = json.loads(gxlint(capsys, "--format", "json", SEEDS)[1])
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
    (line,) = written([FileResult(finding.path, findings=[finding])]).splitlines()
    assert line == ("::notice file=d%3A/年报%2C2020.txt,line=3,col=4,endLine=3,endColumn=5,title=GX009::"
                    "第1行: 50%25 是“a,b”%0D%0A下一行")
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_control_characters_in_a_message_are_shown():
    finding = Finding("GX009", "error", "“\x1b[2J”", "a\x07.txt", 1, 1, 1, 2)
    line = written([FileResult(finding.path, findings=[finding])])
    assert "\x1b" not in line and "\x07" not in line and "\\x1b[2J" in line and "a\\x07.txt" in line


def test_an_unreadable_file_is_an_error_where_the_trouble_is():
    line = written([FileResult("bad.txt", error="无法解码：第 3 行第 6 列", error_line=3, error_column=6)])
    assert line == "::error file=bad.txt,line=3,col=6,title=GX000::无法解码：第 3 行第 6 列\n"
