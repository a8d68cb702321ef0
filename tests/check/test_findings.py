"""linter.check.findings: where a finding points, what it quotes, and what identifies it."""

import contextlib
import io

from linter.check.findings import Finding, Location, at_cell, printable
from linter.cli.main import main
from linter.read.model import Cell, Origin

from ..conftest import fixture_text


def place(cell: Cell) -> tuple[int, int, int, int]:
    finding = at_cell("GX000", "error", "m", "r.txt", cell)
    return finding.line, finding.column, finding.end_line, finding.end_column


def test_a_cell_range_is_its_text():
    assert place(Cell("246.08万", 12, 2, 12, 9)) == (12, 2, 12, 9)
    assert place(Cell("（一）主动公开", 3, 2, 4, 5)) == (3, 2, 4, 5)


def test_an_empty_cell_has_an_empty_range():
    # a Word cell that is a lone TAB: line "\t", the cell starts at column 2, the line's end;
    # one character more would point past the end of the line
    assert place(Cell("", 176, 2, 176, 2)) == (176, 2, 176, 2)


def test_a_range_never_ends_before_it_starts():
    assert place(Cell("", 5, 7, 5, 0)) == (5, 7, 5, 7)
    assert place(Cell("", 5, 7, 4, 9)) == (5, 7, 5, 7)


def test_related_places_keep_their_ranges_and_origins():
    origin = Origin("docx", table=1, row=3, cell=2)
    main_cell, other = Cell("1", 2, 2, 2, 3), Cell("", 9, 2, 9, 2, origin=origin)
    finding = at_cell("GX000", "error", "m", "r.txt", main_cell, related=[other, main_cell])
    assert finding.related == [Location(9, 2, 9, 2, origin)]      # the cell itself is not related to itself


def test_a_finding_keeps_the_origin_of_its_cell():
    origin = Origin("pdf", page=3, line=14)
    finding = at_cell("GX000", "error", "m", "r.pdf", Cell("5", 40, 3, 40, 4, origin=origin))
    assert finding.origin == origin and origin.describe() == "第 3 页第 14 行"


def test_control_characters_in_messages_are_shown_not_sent():
    # a cell's text quoted in a message: an escape sequence must not reach the terminal as a command
    cell = Cell("1", 2, 2, 2, 3)
    finding = at_cell("GX009", "error", "“合计”应填数字，实际为“约\x1b]0;x\x07\x1b[2J5”\u202e", "r.txt", cell,
                      title="t\x1b[31m")
    assert finding.message == "“合计”应填数字，实际为“约\\x1b]0;x\\x07\\x1b[2J5”\\u202e"
    assert finding.title == "t\\x1b[31m"
    plain = at_cell("GX009", "error", "“合计”应填数字，实际为“约20”\t（见附表）", "r.txt", cell)
    assert plain.message == "“合计”应填数字，实际为“约20”\t（见附表）"
    assert printable("\x85\u2066x\u2069") == "\\x85\\u2066x\\u2069"


def finding(**changes) -> Finding:
    fields = dict(rule="GX101", severity="error", message="m", path="a.txt", line=3, column=2, end_line=3,
                  end_column=4, context="2008|stats.apply.received")
    fields.update(changes)
    return Finding(**fields)


def test_the_fingerprint_does_not_depend_on_where_the_finding_stands():
    assert finding().fingerprint() == finding(line=30, column=9, end_line=30, end_column=10).fingerprint()
    assert finding().fingerprint() == finding(message="other words").fingerprint()     # the context decides
    assert finding().fingerprint() != finding(rule="GX102").fingerprint()
    assert finding().fingerprint() != finding(context="2008|stats.apply.closed").fingerprint()
    # without a context the message identifies it
    assert finding(context="").fingerprint() != finding(context="", message="n").fingerprint()
    assert len(finding().fingerprint()) == 24


def test_findings_sort_by_file_place_and_rule():
    found = [finding(line=9), finding(path="0.txt", line=50), finding(rule="GX001"), finding(column=1)]
    assert [(f.path, f.line, f.column, f.rule) for f in sorted(found, key=lambda f: f.sort_key)] == [
        ("0.txt", 50, 2, "GX101"), ("a.txt", 3, 1, "GX101"), ("a.txt", 3, 2, "GX001"), ("a.txt", 9, 2, "GX101")]


def test_control_characters_from_a_report_never_reach_the_output(tmp_path):
    text = fixture_text("seeds/002")
    assert text.count("\t5475\n") == 1
    path = tmp_path / "report.txt"
    path.write_text(text.replace("\t5475\n", "\t约\x1b]0;pwned\x07\x1b[2J5475\n"), encoding="utf-8")
    outputs = {}
    for fmt in ("concise", "json", "sarif", "github", "junit"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            main(["--format", fmt, str(path)])
        outputs[fmt] = out.getvalue()
        assert "\x1b" not in outputs[fmt] and "\x07" not in outputs[fmt], fmt
    # The cell is quoted with its control characters written out. (The old binder read it as a value that
    # is not a number, GX009; the stream binder reads text that does not look like a number as part of
    # the label, and the value cell after it as blank, GX008. Either way the text is quoted escaped.)
    assert "3.政务微博公开政府信息数约\\x1b]0;pwned\\x07\\x1b[2J5475" in outputs["concise"]
