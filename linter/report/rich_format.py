"""``--format rich``: the report a clerk reads on a terminal.

Findings are grouped by file; each shows its place, severity, rule and message
(wrapped under the message's own indent at any terminal width), then the table
row it is about as the template reads it (the row's label and its values, the
cell marked) or the line of prose. A summary line closes the report.

The row or line is cut out where the report is read (:func:`excerpt`), so that
worker processes need not send the whole document back; they also draw their
file's findings for the terminal (:func:`drawn`), which is most of this format's
cost on a large folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..bind import BoundReport
from ..bind.labels import display
from ..check.findings import Finding, printable
from ..read.model import Paragraph, Table

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_NAMES = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
MARKS = {"error": "✖", "warning": "▲", "info": "●"}
MAX_CELL = 24
INDENT = 2
MIN_MESSAGE_WIDTH = 20      # narrower beside its place, the message goes under it
PROSE_WINDOW = 30


@dataclass(frozen=True)
class Excerpt:
    """What to show under a finding: parts of a table row or of a line, one of them marked."""
    parts: tuple[str, ...]
    marked: int
    table: bool


def _short(text: str, lang: str) -> str:
    shown = printable(text) if text else ("(blank)" if lang == "en" else "（空）")
    return shown if len(shown) <= MAX_CELL else shown[:MAX_CELL - 1] + "…"


def _bound_rows(report: BoundReport) -> dict:
    """Each cell of a bound row by its place: (row, its value cells, the cell's index in the row)."""
    rows: dict = {}
    for table in report.binding.tables:
        for row in table.rows:
            values = [cell for _, cell in row.placed] or row.value_cells
            cells = ([row.label_cells[0]] if row.label_cells else []) + values
            for index, cell in enumerate(cells):
                rows.setdefault((cell.line, cell.column), (row, values, index))
    return rows


def _bound_row_excerpt(found, lang: str) -> Excerpt:
    row, values, index = found
    label = display(row.label or (row.row.label if row.row else ""))
    parts = ([_short(label, lang)] if row.label_cells else []) + [_short(cell.text, lang) for cell in values]
    return Excerpt(tuple(parts), index, True)


def _physical_row_excerpt(report: BoundReport, finding: Finding, lang: str) -> Excerpt | None:
    for block in report.document.blocks:
        if isinstance(block, Table) and block.line <= finding.line <= block.end_line:
            for row in block.rows:
                for index, cell in enumerate(row.cells):
                    if (cell.line, cell.column) == (finding.line, finding.column):
                        return Excerpt(tuple(_short(c.text, lang) for c in row.cells), index, True)
    return None


def _line_excerpt(report: BoundReport, finding: Finding) -> Excerpt | None:
    for block in report.document.blocks:
        if isinstance(block, Paragraph) and block.line <= finding.line <= block.end_line:
            for line in block.lines:
                if line.line == finding.line:
                    content = line.text
                    start = max(0, finding.column - line.column)
                    end = finding.end_column - line.column if finding.end_line == line.line else len(content)
                    end = max(end, start + 1)
                    window = max(0, start - PROSE_WINDOW)
                    before = ("…" if window else "") + content[window:start]
                    parts = (before, content[start:end], content[end:end + PROSE_WINDOW])
                    return Excerpt(tuple(printable(part) for part in parts), 1, False)
    return None


def excerpts(report: BoundReport, findings, lang: str = "zh") -> dict:
    """What to show under each finding, by its range (:func:`place`): the table row as the template
    reads it, else the row as written, else the line of prose."""
    rows = _bound_rows(report) if findings else {}
    shown = {}
    for finding in findings:
        found = rows.get((finding.line, finding.column))
        shown[place(finding)] = _bound_row_excerpt(found, lang) if found else \
            _physical_row_excerpt(report, finding, lang) or _line_excerpt(report, finding)
    return shown


def place(finding: Finding) -> tuple[int, int, int, int]:
    """What excerpts are kept by (a finding's range)."""
    return finding.line, finding.column, finding.end_line, finding.end_column


def _render(part: Excerpt, severity: str):
    from rich.text import Text

    text = Text()
    for index, shown in enumerate(part.parts):
        if index and part.table:
            text.append(" │ ", style="dim")
        text.append(shown, style=f"{SEVERITY_STYLE[severity]} reverse" if index == part.marked else "")
    return text


def _counted(number: int, noun: str) -> str:
    """``1 error``, ``2 errors``: an English count with its noun."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _summary(count: int, totals: dict, unreadable: int, lang: str):
    from rich.text import Text

    english = lang == "en"
    if not any(totals.values()) and not unreadable:
        plain = f"Checked {_counted(count, 'file')}: no problems found." if english else \
            f"检查了 {count} 个文件，没有发现问题。"
        return Text(plain, style="green")
    if english:
        summary = Text(f"Checked {_counted(count, 'file')}: {_counted(totals['error'], 'error')}, "
                       f"{_counted(totals['warning'], 'warning')}, {_counted(totals['info'], 'note')}")
    else:
        summary = Text(f"检查了 {count} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，"
                       f"{totals['info']} 个提示")
    if unreadable:
        summary.append(f", {_counted(unreadable, 'file')} could not be read" if english
                       else f"，{unreadable} 个文件无法读取", style="red")
    return summary


def _finding_text(finding: Finding, part: Excerpt | None, lang: str, width: int):
    """The finding in lines of at most *width* cells: its place and severity, the message wrapping
    beside them under its own first character; on a terminal too narrow for that, the message under
    its place. Wrapped here line by line (a rich table per finding made a large folder's output slow)."""
    from rich.cells import cell_len
    from rich.text import Text

    head = Text.assemble((f"{finding.line}:{finding.column}", "cyan"), " ",
                         (f"{MARKS[finding.severity]} {SEVERITY_NAMES[lang][finding.severity]} {finding.rule}",
                          SEVERITY_STYLE[finding.severity]))
    below = [Text(printable(finding.message))]
    if finding.origin is not None:
        below.append(Text(finding.origin.describe(lang), style="dim"))
    if part is not None:
        below.append(_render(part, finding.severity))
    beside = cell_len(head.plain) + 1
    shown = Text(" " * INDENT)
    if beside + MIN_MESSAGE_WIDTH > width:
        for number, line in enumerate(_wrapped(head, width)):
            shown.append("\n" + " " * INDENT if number else "")
            shown.append_text(line)
        lines, indent = 1, INDENT
    else:
        shown.append_text(head)
        shown.append(" ")
        lines, indent = 0, beside
    for text in below:
        for line in _wrapped(text, width - indent):
            if lines:
                shown.append("\n" + " " * (INDENT + indent))
            shown.append_text(line)
            lines += 1
    return shown


# No line starts with these: they close what stands before them.
NO_BREAK_BEFORE = frozenset("，。、；：？！）》」』”’%,.;:?!)]…")


def _wrapped(text, width: int) -> list:
    """*text* in lines of at most *width* cells. Chinese breaks between any two characters (never
    before closing punctuation), other words at spaces, a word too long for a line anywhere."""
    from rich.cells import cell_len, get_character_cell_size

    plain = text.plain
    if cell_len(plain) <= width:
        return [text]
    sizes = [get_character_cell_size(char) for char in plain]
    breaks, used, last_break = [], 0, None        # last_break: where the current line may end
    start = 0
    for index, char in enumerate(plain):
        size = sizes[index]
        if index > start and (char == " " or size == 2 or plain[index - 1] == " " or
                              sizes[index - 1] == 2) and char not in NO_BREAK_BEFORE:
            last_break = index
        if used + size > width and index > start:
            cut = last_break if last_break is not None and last_break > start else index
            if sum(sizes[cut:index]) + size > width:
                cut = index
            breaks.append(cut)
            start, last_break = cut, None
            used = sum(sizes[cut:index])
        used += size
    lines = []
    for line in text.divide(breaks):
        line.rstrip()
        blank = len(line.plain) - len(line.plain.lstrip(" "))
        if blank < len(line.plain):
            lines.append(line[blank:] if blank else line)
    return lines or [text]


@dataclass(frozen=True)
class Terminal:
    """What the output shows text on: enough for a worker process to draw a file's findings as the
    console of the main process would (drawing is most of this format's cost on a large folder)."""
    width: int
    color_system: str | None
    no_color: bool

    @classmethod
    def of(cls, console) -> Terminal:
        return cls(console.width, console.color_system, console.no_color)


def _file_text(result, width: int, lang: str):
    """A file's name and its findings, then a blank line."""
    from rich.text import Text

    shown = _wrapped(Text(printable(result.path), style="bold underline"), width)
    for finding in result.findings:
        shown.append(_finding_text(finding, result.excerpts.get(place(finding)), lang, width - INDENT))
    shown.append(Text())
    return Text("\n").join(shown)


def _shown_key(findings) -> tuple:
    return tuple((f.rule, f.severity, f.line, f.column, f.message) for f in findings)


def drawn(result, terminal: Terminal, lang: str) -> tuple[tuple, str]:
    """The file's findings as *terminal* shows them, with what they were drawn from (the main
    process draws them again if findings were added or taken away since: other years, a baseline)."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=terminal.width, color_system=terminal.color_system,
                      force_terminal=terminal.color_system is not None, no_color=terminal.no_color,
                      highlight=False, legacy_windows=False)
    _print_wrapped(console, _file_text(result, terminal.width, lang))
    return _shown_key(result.findings), console.file.getvalue()


def _print_wrapped(console, text) -> None:
    """Print *text*, wrapped already, as ``console.print(text, soft_wrap=True)`` does, from its
    segments: printed as text, it would be split into lines and each line rendered on its own,
    which took half the time of drawing a file's findings."""
    from rich.segment import Segments

    console.print(Segments(text.render(console, end="\n")), soft_wrap=True)


def write(results, console, lang: str = "zh") -> None:
    from rich.text import Text

    totals = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        if result.error:
            reason = f" cannot be checked: {result.error}" if lang == "en" else f" 无法检查：{result.error}"
            console.print(Text(printable(result.path), style="bold") + Text(printable(reason), style="red"))
            continue
        if not result.findings:
            continue
        for finding in result.findings:
            totals[finding.severity] += 1
        if result.drawn is not None and result.drawn[0] == _shown_key(result.findings) \
                and not console.legacy_windows:
            console.file.write(result.drawn[1])
        else:
            _print_wrapped(console, _file_text(result, console.width, lang))
    unreadable = sum(1 for result in results if result.error)
    console.print(_summary(len(results), totals, unreadable, lang))
