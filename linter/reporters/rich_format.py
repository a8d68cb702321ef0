"""``--format rich``: the report a clerk reads on a terminal.

Findings are grouped by file; each shows its place, severity, rule and
message, then the table row it is about with the cell marked (or the line of
prose). A summary line closes the report.
"""

from __future__ import annotations

from ..findings import Finding
from ..model import Document, Paragraph, Table

SEVERITY_STYLE = {"error": ("错误", "bold red"), "warning": ("警告", "yellow"), "info": ("提示", "cyan")}


def _row_at(document: Document, line: int, column: int):
    for block in document.blocks:
        if isinstance(block, Table) and block.line <= line <= block.end_line:
            for row in block.rows:
                for cell in row.cells:
                    if (cell.line, cell.column) == (line, column):
                        return block, row, cell
    return None


def _snippet(document: Document, finding: Finding):
    from rich.text import Text

    found = _row_at(document, finding.line, finding.column)
    if found:
        table, row, target = found
        cells = row.cells if table.layout not in ("stream", "lines") else [target]
        text = Text("    ")
        for index, cell in enumerate(cells):
            if index:
                text.append(" │ ", style="dim")
            shown = cell.text if cell.text else "（空）"
            if len(shown) > 24:
                shown = shown[:23] + "…"
            text.append(shown, style="bold reverse red" if cell is target else "")
        return text
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.line <= finding.line <= block.end_line:
            for line, column, content in block.lines:
                if line == finding.line:
                    start = max(0, finding.column - column)
                    end = finding.end_column - column if finding.end_line == line else len(content)
                    window = max(0, start - 30)
                    text = Text("    " + ("…" if window else ""))
                    text.append(content[window:start])
                    text.append(content[start:max(end, start + 1)], style="bold reverse red")
                    text.append(content[max(end, start + 1):max(end, start + 1) + 30])
                    return text
    return None


def write(results, console) -> None:
    from rich.text import Text

    totals = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        if result.error:
            console.print(Text(f"{result.path}", style="bold"), Text(f" 无法检查：{result.error}", style="red"))
            continue
        if not result.findings:
            continue
        console.print(Text(result.path, style="bold underline"))
        for finding in result.findings:
            totals[finding.severity] += 1
            name, style = SEVERITY_STYLE[finding.severity]
            line = Text("  ")
            line.append(f"{finding.line}:{finding.column}", style="cyan")
            line.append("  ")
            line.append(name, style=style)
            line.append("  ")
            line.append(finding.rule, style="bold")
            line.append("  ")
            line.append(finding.message)
            console.print(line)
            snippet = _snippet(result.report.document, finding)
            if snippet is not None:
                console.print(snippet, overflow="ellipsis", no_wrap=True)
        console.print()
    unreadable = sum(1 for result in results if result.error)
    parts = [f"{totals['error']} 个错误", f"{totals['warning']} 个警告", f"{totals['info']} 个提示"]
    summary = Text(f"检查了 {len(results)} 个文件：" + "，".join(parts))
    if unreadable:
        summary.append(f"，{unreadable} 个文件无法读取", style="red")
    if not any(totals.values()) and not unreadable:
        summary = Text(f"检查了 {len(results)} 个文件，没有发现问题。", style="green")
    console.print(summary)
