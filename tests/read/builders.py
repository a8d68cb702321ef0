"""Test helpers: a seed report (plain text) rebuilt as a Word file and as a web page.

A seed's text is cut into prose paragraphs and tables (:func:`parse_seed`): in
the Word-extracted layout a cell starts a line with a TAB, may go on over the
following lines (even after a blank line), and a blank line ends a row; in the
Markdown layout a row is ``| a | b |``. Each table is then laid on a grid
(:func:`lay_out`) the way Word holds such a table: a row with fewer cells than
the widest row has its last label cell merged across the missing columns
(``gridSpan`` / ``colspan``), and an empty cell at the start of a row, under a
label cell of the same place and width, is the lower part of that label merged
down (``vMerge`` / ``rowspan``). Read back, such a grid gives the seed's cells
again: a merged cell once, the lower parts of a merged cell as empty cells.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field

import docx

from linter.read.numbering import is_heading, is_part_title

_CELL_LINE = re.compile(r"^[ \u3000]*\t")
_MARKDOWN_RULE = re.compile(r"^\|[\s\-:|]*-[\s\-:|]*\|?$")
_VALUE = re.compile(r"^(?:[+\-]?[0-9０-９][0-9０-９,，.．]*(?:万元|万|元|%|％)?|——|—|－|-|/|无)$")


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)   # each cell's lines joined by "\n"


@dataclass
class Placed:
    """A cell on the grid: where it starts, how wide it is, whether it continues the one above."""
    text: str
    column: int
    width: int = 1
    continues: bool = False       # the lower part of the cell above, merged down
    below: int = 0                # rows under it that continue it


# --- the seed as blocks --------------------------------------------------------------

def parse_seed(text: str) -> list:
    """Prose paragraphs (str) and :class:`Table` objects, in order."""
    lines = text.split("\n")
    if any(line.lstrip().startswith("|") for line in lines):
        return _parse_markdown(lines)
    return _parse_word_text(lines)


def _parse_word_text(lines: list[str]) -> list:
    blocks: list = []
    table: Table | None = None
    row: list[list[str]] | None = None
    after_blank = False
    for index, line in enumerate(lines):
        if not line.strip() and not _CELL_LINE.match(line):   # a lone TAB is an empty cell
            after_blank = True
            continue
        if _CELL_LINE.match(line):
            if table is None:
                table = Table()
                blocks.append(table)
            if row is None or after_blank:
                row = []
                table.rows.append(row)
            row.append([line.split("\t", 1)[1]])
        elif table is not None and _continues_cell(lines, index, after_blank):
            row[-1].append(line)
        else:
            table = row = None
            blocks.append(line)
        after_blank = False
    for block in blocks:
        if isinstance(block, Table):
            block.rows = [["\n".join(cell) for cell in cells] for cells in block.rows]
    return blocks


def _continues_cell(lines: list[str], index: int, after_blank: bool) -> bool:
    """A line of text after a cell goes on with that cell: right under it, or after a blank line
    when the row's next cell follows at once (and it is no title of its own)."""
    if not after_blank:
        return True
    following = lines[index + 1] if index + 1 < len(lines) else ""
    text = lines[index].strip()
    return bool(_CELL_LINE.match(following)) and not (is_heading(text) or is_part_title(text))


def _parse_markdown(lines: list[str]) -> list:
    blocks: list = []
    table: Table | None = None
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|"):
            if _MARKDOWN_RULE.match(stripped):
                continue
            if table is None:
                table = Table()
                blocks.append(table)
            table.rows.append([cell.strip() for cell in stripped.strip("|").split("|")])
        else:
            table = None
            if stripped:
                blocks.append(line)
    return blocks


# --- the grid ---------------------------------------------------------------------------

def lay_out(table: Table) -> list[list[Placed]]:
    """Each row's cells placed on the grid, with their spans (see the module's docstring)."""
    width = max(len(row) for row in table.rows)
    grid: list[list[Placed]] = []
    for cells in table.rows:
        wide = _widest(cells)
        placed, column = [], 0
        for index, text in enumerate(cells):
            span = width - len(cells) + 1 if index == wide else 1
            placed.append(Placed(text, column, span))
            column += span
        _mark_continued(placed, grid[-1] if grid else [])
        grid.append(placed)
    _count_below(grid)
    return grid


def _widest(cells: list[str]) -> int:
    """The cell that takes the columns a short row lacks: its last label, else its first cell."""
    labels = [index for index, text in enumerate(cells) if text.strip() and not _VALUE.match(text.strip())]
    return labels[-1] if labels else 0


def _mark_continued(row: list[Placed], above: list[Placed]) -> None:
    starts = {cell.column: cell for cell in above}
    for cell in row:
        if cell.text.strip():
            return
        over = starts.get(cell.column)
        if over is None or over.width != cell.width or not (over.continues or _is_label(over.text)):
            return
        cell.continues = True


def _is_label(text: str) -> bool:
    return bool(text.strip()) and not _VALUE.match(text.strip())


def _count_below(grid: list[list[Placed]]) -> None:
    for index, row in enumerate(grid):
        for cell in row:
            if cell.continues:
                continue
            below = 0
            for lower in grid[index + 1:]:
                match = next((other for other in lower if other.column == cell.column), None)
                if match is None or not match.continues:
                    break
                below += 1
            cell.below = below


# --- Word -----------------------------------------------------------------------------

def to_docx(blocks: list, base: str | None = None) -> bytes:
    """A Word file of *blocks*: prose as paragraphs, tables with merged cells as Word makes them.
    *base*: a .docx whose styles to use (its body is cleared)."""
    document = docx.Document(base)
    document.element.body.clear_content()
    for block in blocks:
        if isinstance(block, Table):
            add_table(document, block)
        else:
            document.add_paragraph(block)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def add_table(document, table: Table):
    grid = lay_out(table)
    width = max(sum(cell.width for cell in row) for row in grid)
    word = document.add_table(rows=len(grid), cols=width)
    for index, row in enumerate(grid):
        for cell in row:
            if cell.width > 1:
                word.cell(index, cell.column).merge(word.cell(index, cell.column + cell.width - 1))
    for index, row in enumerate(grid):
        for cell in row:
            target = word.cell(index, cell.column)
            if cell.below:
                target = target.merge(word.cell(index + cell.below, cell.column + cell.width - 1))
            if not cell.continues:
                write_cell(target, cell.text)
    return word


def write_cell(cell, text: str) -> None:
    """*text* into a Word cell, one paragraph a line."""
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


# --- HTML -----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html>
<head>
<meta {meta}>
<title>{title}</title>
<style>td {{ border: 1px solid #000; }}</style>
<script>var menu = ["<td>1</td>"];</script>
</head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/xxgk/">信息公开</a></div>
<ul id="nav"><li><a href="/a">机构概况</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">年度报告</a></li></ul>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/nb/">年报</a></div>
{article}
<div class="footer">
<p>主办单位：某某人民政府办公室　版权所有　<a href="/map">网站地图</a>　<a href="/contact">联系我们</a></p>
<p>备案号：京ICP备05060933号　网站标识码1101050017　2019年2月20日更新</p>
</div>
</body>
</html>
"""
ARTICLE = """<div class="article">
{heading}<div class="info">发布机构：某某局　<a href="/print">打印</a></div>
<div class="TRS_Editor">
{body}
</div>
</div>"""
# An older site: the page laid out by a table, a column of links beside the article.
LAYOUT = """<table width="100%" border="0"><tr>
<td width="200"><div><a href="/1">通知公告</a><br><a href="/2">政策解读</a><br><a href="/3">人事信息</a><br>
<a href="/4">规划计划</a></div></td>
<td>{article}</td>
</tr></table>"""


def to_html(blocks: list, encoding: str = "utf-8", meta: str = 'charset="utf-8"', title: str = "年度报告",
            heading: str | None = None, layout: bool = False) -> bytes:
    """A saved web page of *blocks*, inside a site's navigation and footer; *heading*: the
    article's title above it (``<h1>``); *layout*: the page laid out by a table."""
    body = "\n".join(html_table(block) if isinstance(block, Table) else f"<p>{html.escape(block)}</p>"
                     for block in blocks)
    heading_html = f"<h1>{html.escape(heading)}</h1>\n" if heading else ""
    article = ARTICLE.format(heading=heading_html, body=body)
    if layout:
        article = LAYOUT.format(article=article)
    page = PAGE.format(meta=meta, title=html.escape(title), article=article)
    return page.encode(encoding, errors="xmlcharrefreplace")


def html_table(table: Table) -> str:
    rows = []
    for row in lay_out(table):
        cells = []
        for cell in row:
            if cell.continues:
                continue
            spans = (f' colspan="{cell.width}"' if cell.width > 1 else "") + \
                    (f' rowspan="{cell.below + 1}"' if cell.below else "")
            cells.append(f"<td{spans}>{html_cell(cell.text)}</td>")
        rows.append("<tr>\n" + "\n".join(cells) + "\n</tr>")
    return '<table border="1" cellspacing="0">\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


def html_cell(text: str) -> str:
    """A cell as pasted from Word: one ``<p><span>`` a line, ``&nbsp;`` when empty."""
    lines = [line.strip() for line in text.split("\n")] or [""]
    return "".join(f'<p class="MsoNormal"><span lang="EN-US">{html.escape(line) if line else "&nbsp;"}</span></p>'
                   for line in lines)


# --- the command ------------------------------------------------------------------------

def run_command(path, *options) -> tuple[int, str]:
    """``gxlint [OPTIONS] PATH`` in a process of its own: exit status, standard output and error."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("gxlint")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "linter"]
    done = subprocess.run([*command, *map(str, options), str(path)], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[2])
    return done.returncode, done.stdout + done.stderr
