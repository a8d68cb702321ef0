"""linter.findings: where a finding points."""

from linter.findings import at_cell
from linter.model import Cell


def place(cell: Cell) -> tuple[int, int, int, int]:
    finding = at_cell("GX000", "error", "m", "r.txt", cell)
    return finding.line, finding.column, finding.end_line, finding.end_column


def test_a_cell_range_is_its_text():
    assert place(Cell("246.08万", "246.08万", 12, 2, 12, 9)) == (12, 2, 12, 9)
    assert place(Cell("（一）主动公开", "（一）\n主动公开", 3, 2, 4, 5)) == (3, 2, 4, 5)


def test_an_empty_cell_has_an_empty_range():
    # a Word cell that is a lone TAB: line "\t", the cell starts at column 2, the line's end;
    # one character more would point past the end of the line
    assert place(Cell("", "", 176, 2, 176, 2)) == (176, 2, 176, 2)


def test_a_range_never_ends_before_it_starts():
    assert place(Cell("", "", 5, 7, 5, 0)) == (5, 7, 5, 7)
    assert place(Cell("", "", 5, 7, 4, 9)) == (5, 7, 5, 7)


def test_related_places_keep_their_ranges():
    main_cell, other = Cell("1", "1", 2, 2, 2, 3), Cell("", "", 9, 2, 9, 2)
    finding = at_cell("GX000", "error", "m", "r.txt", main_cell, related=[other, main_cell])
    assert [(r.line, r.column, r.end_line, r.end_column) for r in finding.related] == [(9, 2, 9, 2)]


def test_control_characters_in_messages_are_shown_not_sent():
    # a cell's text quoted in a message: an escape sequence must not reach the terminal as a command
    cell = Cell("1", "1", 2, 2, 2, 3)
    finding = at_cell("GX009", "error", "“合计”应填数字，实际为“约\x1b]0;x\x07\x1b[2J5”\u202e", "r.txt", cell,
                      title="t\x1b[31m")
    assert finding.message == "“合计”应填数字，实际为“约\\x1b]0;x\\x07\\x1b[2J5”\\u202e"
    assert finding.title == "t\\x1b[31m"
    plain = at_cell("GX009", "error", "“合计”应填数字，实际为“约20”\t（见附表）", "r.txt", cell)
    assert plain.message == "“合计”应填数字，实际为“约20”\t（见附表）"


def test_control_characters_from_a_report_never_reach_the_output(tmp_path):
    import contextlib
    import io

    from linter.cli import main

    from .conftest import fixture_text

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
    assert ":182:2: error GX009 “3.政务微博公开政府信息数”应填数字，实际为“约\\x1b]0;pwned\\x07\\x1b[2J5475”" \
        in outputs["concise"]
