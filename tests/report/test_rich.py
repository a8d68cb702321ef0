"""linter.report.rich_format: the report a clerk reads on a terminal."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from linter.check.findings import Finding
from linter.cli.runner import FileJob, FileResult, lint_one
from linter.report import rich_format

from ..cli.helpers import gxlint
from ..conftest import fixture_path, load_text


def rendered(results, width: int, lang: str = "zh") -> str:
    out = io.StringIO()
    rich_format.write(results, Console(file=out, width=width), lang)
    return out.getvalue()


def test_rich_shows_the_row_with_the_cell_marked():
    result = lint_one(FileJob(str(fixture_path("seeds/000")), select=("GX1",), excerpts=True))
    (finding,) = result.findings
    part = result.excerpts[(finding.line, finding.column, finding.end_line, finding.end_column)]
    # the row as the template reads it: its label and its one value, blank (the unit cell 件 is not a value;
    # the old excerpt showed it)
    assert part == rich_format.Excerpt(("（三）申请答复数", "（空）"), 1, True)
    console = Console(record=True, width=160, force_terminal=True, color_system="standard")
    rich_format.write([result], console)
    text = console.export_text(clear=False)
    assert "176:2 ✖ 错误 GX103 “（三）申请答复数”为空" in text and "（三）申请答复数 │ （空）" in text
    assert "检查了 1 个文件：1 个错误，0 个警告，0 个提示" in text
    styled = console.export_text(styles=True)
    assert "\x1b[1;7;31m（空）" in styled


def test_rich_marks_the_words_of_a_prose_finding():
    report = load_text("标题\n\n正文第一段写了收到申请44件。\n", "x.txt")
    line = "正文第一段写了收到申请44件。"
    finding = Finding("GX999", "error", "m", "x.txt", 3, line.index("44") + 1, 3, line.index("44") + 3)
    assert rich_format.excerpts(report, [finding]) == {
        rich_format.place(finding): rich_format.Excerpt(("正文第一段写了收到申请", "44", "件。"), 1, False)}


def test_rich_in_english():
    result = lint_one(FileJob(str(fixture_path("seeds/000")), select=("GX1",), excerpts=True, lang="en"))
    text = rendered([result, FileResult("gone.txt", error="no such file")], 160, "en")
    assert "176:2 ✖ error GX103 “（三）申请答复数” is blank, but replies of kinds 1 to 8 add up to 2" in text
    assert "（三）申请答复数 │ (blank)" in text
    assert "gone.txt cannot be checked: no such file" in text
    assert "Checked 2 files: 1 error, 0 warnings, 0 notes, 1 file could not be read" in text


@pytest.mark.parametrize("counts, words", [
    ((1, 0, 0, 0), "Checked 1 file: no problems found."),
    ((3, 2, 1, 0), "Checked 3 files: 2 errors, 1 warning, 0 notes"),
    ((2, 0, 0, 2), "Checked 2 files: 0 errors, 0 warnings, 0 notes, 2 files could not be read"),
])
def test_english_summary_counts(counts, words):
    files, errors, warnings, unreadable = counts
    summary = rich_format._summary(files, {"error": errors, "warning": warnings, "info": 0}, unreadable, "en")  # noqa: SLF001
    assert summary.plain == words


def test_a_clean_run_says_so(capsys):
    code, out, _ = gxlint(capsys, "--format", "rich", "--ignore", "GX503", fixture_path("seeds/004"))
    assert (code, out) == (0, "检查了 1 个文件，没有发现问题。\n")


# --- wrapping under the message's own indent ---------------------------------------------------------------

def finding_blocks(text: str, result) -> list[tuple[str, list[str]]]:
    """Each finding's lines: from its place line up to the next finding or the blank line after the file."""
    lines = text.split("\n")
    blocks, current = [], None
    places = {f"{f.line}:{f.column}" for f in result.findings}
    for line in lines:
        head = line.strip().split(" ", 1)[0]
        if line.startswith("  ") and head in places and not line.startswith("   "):
            current = (line, [])
            blocks.append(current)
        elif current is not None and line.strip():
            current[1].append(line)
        elif not line.strip():
            current = None
    return blocks


@pytest.mark.parametrize("width", [60, 100])
@pytest.mark.parametrize("name, lang", [("seeds/001", "en"), ("seeds/001", "zh"), ("seeds/002", "zh"),
                                        ("real/web-022", "en")])
def test_long_messages_wrap_under_their_own_indent(width, name, lang):
    result = lint_one(FileJob(str(fixture_path(name)), excerpts=True, lang=lang))
    text = rendered([result], width, lang)
    blocks = finding_blocks(text, result)
    assert len(blocks) == len(result.findings)
    wrapped = 0
    for (first, rest), finding in zip(blocks, result.findings):
        head = f"  {finding.line}:{finding.column} {rich_format.MARKS[finding.severity]} " \
               f"{rich_format.SEVERITY_NAMES[lang][finding.severity]} {finding.rule} "
        assert first.startswith(head)
        indent = cell_len(head)
        for line in rest:               # continuation lines and the excerpt: at the message's column
            assert line[:indent].strip() == "" and line[indent] != " ", (width, line)
        assert all(cell_len(line.rstrip()) <= width for line in [first] + rest)
        # nothing of the message is lost in the wrapping
        shown = "".join(part.strip() for part in [first[len(head):]] + rest)
        assert "".join(shown.split()).startswith("".join(finding.message.split()))
        wrapped += cell_len(finding.message) > width - indent
    assert wrapped                      # some message was long enough to wrap


@pytest.mark.parametrize("width", [20, 30, 40])
def test_a_narrow_terminal_puts_the_message_under_its_place(width):
    result = lint_one(FileJob(str(fixture_path("seeds/001")), excerpts=True, lang="en"))
    text = rendered([result], width, "en")
    flat = "".join(text.split())
    for finding in result.findings:
        assert "".join(finding.message.split()) in flat          # never cut to nothing
    assert all(cell_len(line.rstrip()) <= width for line in text.split("\n"))


# --- what a report holds never reaches the terminal as a command ---------------------------------------------

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
    code, out, err = gxlint(capsys, *args, "--select", "GX0", escaping_report)
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b" in out                                       # shown, so the reader sees what is there
    assert code == (0 if "--facts" in args else 1)


@pytest.mark.xfail(strict=True, reason="linter/bind: a value cell holding only text (若干, abc, or control "
                                       "characters) is read as a row label, so its row is reported missing "
                                       "(GX003) instead of the cell as not a number (GX009); reported")
def test_rich_excerpt_of_a_cell_with_control_characters(escaping_report):
    result = lint_one(FileJob(str(escaping_report), select=("GX009",), excerpts=True))
    (part,) = result.excerpts.values()
    assert part.parts[part.marked] == "\\x1b]0;pwned\\x07\\x1b[2J"
    assert "（三）申请答复数" in part.parts[0]


@pytest.mark.parametrize("width", [50, 70, 90])
def test_chinese_wraps_between_characters_not_before_closing_punctuation(width):
    """Chinese needs no space to break at: a line is filled to the width (not cut short at the last
    space, as word wrapping would), and no line starts with ，。）” and the like."""
    result = lint_one(FileJob(str(fixture_path("seeds/002")), excerpts=True))
    text = rendered([result], width, "zh")
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    # (a quoted sentence may open with … where it is cut out of its paragraph)
    assert all(line.lstrip()[0] not in rich_format.NO_BREAK_BEFORE for line in lines if line.lstrip()[0] != "…")
    for (first, _), finding in zip(finding_blocks(text, result), result.findings):
        head = f"  {finding.line}:{finding.column} {rich_format.MARKS[finding.severity]} " \
               f"{rich_format.SEVERITY_NAMES['zh'][finding.severity]} {finding.rule} "
        if cell_len(head) + cell_len(finding.message) > width:          # the message wraps
            assert cell_len(first.rstrip()) >= width - 3, first           # its first line filled up


# --- findings drawn in the worker processes ---------------------------------------------------------------

@pytest.mark.parametrize("color_system", [None, "truecolor"])
def test_what_a_worker_draws_is_what_the_terminal_would_show(color_system):
    terminal = rich_format.Terminal(72, color_system, False)
    result = lint_one(FileJob(str(fixture_path("seeds/002")), excerpts=True, terminal=terminal))
    assert result.drawn is not None

    def shown(drawn):
        result.drawn = drawn
        out = io.StringIO()
        console = Console(file=out, width=72, color_system=color_system, force_terminal=color_system is not None)
        rich_format.write([result], console)
        return out.getvalue()

    drawn = result.drawn
    assert shown(drawn) == shown(None)
    assert ("\x1b[" in shown(drawn)) == (color_system is not None)


@pytest.mark.parametrize("color_system, no_color", [(None, False), ("standard", False), ("truecolor", False),
                                                    ("256", True)])
def test_findings_are_printed_from_their_segments_as_rich_prints_the_text(color_system, no_color):
    for name in ("seeds/000", "seeds/001", "seeds/002", "seeds/003", "seeds/004"):
        result = lint_one(FileJob(str(fixture_path(name)), excerpts=True))
        text = rich_format._file_text(result, 60, "zh")                   # noqa: SLF001
        outputs = []
        for draw in (lambda console: console.print(text, soft_wrap=True),
                     lambda console: rich_format._print_wrapped(console, text)):   # noqa: SLF001
            console = Console(file=io.StringIO(), width=60, color_system=color_system,
                              force_terminal=color_system is not None, no_color=no_color)
            draw(console)
            outputs.append(console.file.getvalue())
        assert outputs[1] == outputs[0] and f" {result.findings[0].rule}" in outputs[0]


def test_findings_changed_after_drawing_are_drawn_again():
    # a baseline or last year's report changes a file's findings after its worker drew them
    terminal = rich_format.Terminal(100, None, False)
    result = lint_one(FileJob(str(fixture_path("seeds/002")), excerpts=True, terminal=terminal))
    gone = result.findings.pop(0)
    text = rendered([result], 100)
    assert f"  {gone.line}:{gone.column} " not in text
    assert f"  {result.findings[0].line}:{result.findings[0].column} " in text
