"""A report's tables re-set in the flattenings real reports come in (test inputs).

:func:`table_rows` takes what a report's tables hold, row by row as a reader sees
them (captions, column titles, each row's label, unit and values); the
``render_*`` functions write those rows the way a PDF converter, a web page or a
spreadsheet would. A reading method that does not depend on the flattening
reads every one of them to the same facts.
"""

from __future__ import annotations

from linter.bind import BoundReport
from linter.read.model import Paragraph

Row = list[str]


def table_rows(report: BoundReport) -> list[Row]:
    """The rows of the report's bound tables: each table's caption and column titles, then its
    rows (label, unit, values in column order), with part captions where a part starts."""
    rows: list[Row] = []
    for table in report.binding.tables:
        section = table.section
        rows.append([section.title])
        part = None
        for bound in table.rows:
            if bound.row is None or not bound.placed:
                continue
            if bound.row.part != part:
                part = bound.row.part
                caption = section.parts[part].caption
                if caption:
                    rows.append([caption])
                rows.append(_titles(section, part))
            label = [bound.label] if bound.label_cells else []
            unit = [bound.unit_cell.text] if bound.unit_cell is not None else []
            rows.append(label + unit + [cell.text for _, cell in bound.placed])
    return rows


def _titles(section, part: int) -> Row:
    if section.headers:
        return list(section.headers)
    if section.column_groups:
        return [group.label for group in section.column_groups]
    return ["信息内容"] + [column.label for column in section.parts[part].columns]


def prose(report: BoundReport) -> list[str]:
    return [block.text for block in report.document.blocks if isinstance(block, Paragraph)]


def _with(prose_lines: list[str], table: list[str]) -> str:
    return "\n".join(prose_lines[:3] + [""] + table + [""] + prose_lines[3:]) + "\n"


def render_pipes(rows: list[Row], prose_lines: list[str]) -> str:
    """Web text, one row a line: ``规章 | 0 | 0 | 0 |`` (empty cells as ``| |``)."""
    return _with(prose_lines, [" | ".join(row) + " |" for row in rows])


def render_pipe_lines(rows: list[Row], prose_lines: list[str]) -> str:
    """Web text with the separator on a line of its own, and filler lines of bars between rows."""
    lines: list[str] = []
    for row in rows:
        for cell in row:
            lines.extend([cell, "|"])
        lines.append("|" * (len(row) + 1))
    return _with(prose_lines, lines)


def render_cell_lines(rows: list[Row], prose_lines: list[str]) -> str:
    """Web text, one cell a line ending in `` |``, rows marked by lines of bare pipes."""
    lines: list[str] = []
    for row in rows:
        lines.extend(f"{cell} |" if cell else "|" for cell in row)
        lines.append("||")
    return _with(prose_lines, lines)


def render_tabs(rows: list[Row], prose_lines: list[str]) -> str:
    """A spreadsheet copied as text: cells separated by TABs."""
    return _with(prose_lines, ["\t".join(row) for row in rows])


def render_markdown_pieces(rows: list[Row], prose_lines: list[str]) -> str:
    """Markdown from a PDF converter: a small table for each group of rows, with placeholder headers,
    and some labels on a line of their own above their numbers."""
    lines: list[str] = []
    for index, row in enumerate(rows):
        if len(row) == 1:
            lines.extend(["", row[0], ""])
            continue
        if index % 4 == 0:
            lines.extend(["", "| " + " | ".join(f"列{n + 1}" for n in range(len(row))) + " |",
                          "|" + "---|" * len(row)])
        if index % 3 == 1 and any(row[1:]) and not _numeric(row[0]):
            lines.extend([row[0], "| " + " | ".join([""] + row[1:]) + " |"])
        else:
            lines.append("| " + " | ".join(row) + " |")
    return _with(prose_lines, lines)


WRAP = 14


def render_aligned(rows: list[Row], prose_lines: list[str]) -> str:
    """Columns aligned by runs of spaces, as ``pdftotext -layout`` gives them: a label longer than
    :data:`WRAP` characters wraps onto the next line (its numbers on the first), blank cells leave
    only their space, page numbers and a form feed fall in the middle of the table."""
    lines: list[str] = []
    for index, row in enumerate(rows):
        if index and index % 17 == 0:
            lines.extend(["", f"{' ' * 30}-{index // 17}-", "\f"])
        label, values = (row[0], row[1:]) if row and not _numeric(row[0]) else ("", row)
        head, rest = label[:WRAP], label[WRAP:]
        line = head + " " * max(2, 24 - len(head))     # pdftotext aligns by characters
        for value in values:
            line += "  " + (value.rjust(8) if value else " " * 8)
        lines.append(line.rstrip())
        while rest:
            lines.append("    " + rest[:WRAP])
            rest = rest[WRAP:]
    return _with(prose_lines, lines)


def render_raw(rows: list[Row], prose_lines: list[str]) -> str:
    """One row a line, cells separated by single spaces, as ``pdftotext -raw`` gives them (blank
    cells leave no trace)."""
    return _with(prose_lines, [" ".join(cell for cell in row if cell) for row in rows])


def _numeric(text: str) -> bool:
    return text.replace(".", "").replace("-", "").replace("+", "").isdigit()


LAYOUTS = {
    "pipes": render_pipes,
    "pipe-lines": render_pipe_lines,
    "cell-lines": render_cell_lines,
    "tabs": render_tabs,
    "markdown-pieces": render_markdown_pieces,
    "aligned": render_aligned,
    "raw": render_raw,
}
