"""``--format rich``: the report a clerk reads on a terminal.

Findings are grouped by file; each shows its place, severity, rule and
message, then the table row it is about with the cell marked (or the line of
prose). A summary line closes the report.

The row or line is cut out where the report is read (:func:`excerpt`, kept in
:class:`linter.runner.FileResult`), so worker processes need not send the whole
document back.
"""

from __future__ import annotations

from ..findings import Finding, printable
from ..model import Document, Paragraph, Table
from ..record import FrozenRecord

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_NAMES = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
MAX_CELL = 24
PROSE_WINDOW = 30


class Excerpt(FrozenRecord):
    """What to show under a finding: parts of a table row or of a line, one of them marked."""
    parts: tuple[str, ...]
    marked: int
    table: bool

    def __init__(self, parts, marked, table):
        self.parts = parts
        self.marked = marked
        self.table = table


def _row_at(document: Document, line: int, column: int):
    for block in document.blocks:
        if isinstance(block, Table) and block.line <= line <= block.end_line:
            for row in block.rows:
                for cell in row.cells:
                    if (cell.line, cell.column) == (line, column):
                        return block, row, cell
    return None


def _short(text: str) -> str:
    shown = text if text else "（空）"
    shown = printable(shown)
    return shown if len(shown) <= MAX_CELL else shown[:MAX_CELL - 1] + "…"


def _line_excerpt(document: Document, finding: Finding) -> Excerpt | None:
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.line <= finding.line <= block.end_line:
            for line, column, content in block.lines:
                if line == finding.line:
                    start = max(0, finding.column - column)
                    end = finding.end_column - column if finding.end_line == line else len(content)
                    end = max(end, start + 1)
                    window = max(0, start - PROSE_WINDOW)
                    before = ("…" if window else "") + content[window:start]
                    parts = (before, content[start:end], content[end:end + PROSE_WINDOW])
                    return Excerpt(tuple(printable(part) for part in parts), 1, False)
    return None


def excerpt(document: Document, finding: Finding) -> Excerpt | None:
    found = _row_at(document, finding.line, finding.column)
    if found:
        table, row, target = found
        cells = row.cells if table.layout not in ("stream", "lines") else [target]
        return Excerpt(tuple(_short(cell.text) for cell in cells), cells.index(target), True)
    return _line_excerpt(document, finding)


def _render(part: Excerpt):
    from rich.text import Text

    text = Text("    ")
    for index, shown in enumerate(part.parts):
        if index and part.table:
            text.append(" │ ", style="dim")
        text.append(shown, style="bold reverse red" if index == part.marked else "")
    return text


def _summary(count: int, totals: dict, unreadable: int, lang: str):
    from rich.text import Text

    if not any(totals.values()) and not unreadable:
        plain = f"Checked {count} files: no problems found." if lang == "en" else f"检查了 {count} 个文件，没有发现问题。"
        return Text(plain, style="green")
    if lang == "en":
        summary = Text(f"Checked {count} files: {totals['error']} errors, {totals['warning']} warnings, "
                       f"{totals['info']} notes")
    else:
        summary = Text(f"检查了 {count} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，"
                       f"{totals['info']} 个提示")
    if unreadable:
        summary.append(f", {unreadable} files could not be read" if lang == "en" else f"，{unreadable} 个文件无法读取",
                       style="red")
    return summary


def _finding_line(finding: Finding, lang: str):
    from rich.text import Text

    line = Text("  ")
    line.append(f"{finding.line}:{finding.column}", style="cyan")
    line.append("  ")
    line.append(SEVERITY_NAMES[lang][finding.severity], style=SEVERITY_STYLE[finding.severity])
    line.append("  ")
    line.append(finding.rule, style="bold")
    line.append("  ")
    line.append(finding.message)
    return line


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
        console.print(Text(printable(result.path), style="bold underline"))
        for finding in result.findings:
            totals[finding.severity] += 1
            console.print(_finding_line(finding, lang))
            part = result.excerpts.get((finding.line, finding.column, finding.end_line, finding.end_column))
            if part is not None:
                console.print(_render(part), overflow="ellipsis", no_wrap=True)
        console.print()
    unreadable = sum(1 for result in results if result.error)
    console.print(_summary(len(results), totals, unreadable, lang))
