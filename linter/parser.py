"""Parsing a report's text into the located document model.

The grammar is ``grammars/report.lark``; its LALR tables (built by Lark, kept
in the cache, see :mod:`linter.lalr`) run over the line tokens of
:mod:`linter.lexer`. The tree is turned into
:class:`~linter.model.Document` blocks as it is parsed, and then three things
that need a look at neighbouring blocks are settled:

- a pipe block is Markdown if it has a ``|--|`` separator, a *stream* (web text
  with one cell a line) if most of its lines hold a single cell, else a web
  table with one row a line;
- a Markdown table cut by a page break continues in a table whose header row
  is empty; the pieces are joined into one table;
- a run of short single-line paragraphs holding bare numbers (web text with
  one cell a line and no marks at all) is a table of layout ``lines``.
"""

from __future__ import annotations

from functools import lru_cache

from . import regex_cache
from .lalr import Token, tables
from .lexer import line_tokens
from .model import Cell, Document, Paragraph, Row, Table

_SPACES = " \t\u3000\xa0"


@lru_cache(maxsize=1)
def _tables():
    return tables("report.lark")


def parse(text: str, path: str = "<text>") -> Document:
    """Parse *text* (already decoded, line ends normalised) into a :class:`Document`."""
    tokens = [Token(kind, line, number) for kind, number, line in line_tokens(text)] if text else []
    blocks = _tables().run(tokens, ModelBuilder()) if tokens else []
    blocks = _join_markdown_pages(blocks)
    blocks = _collect_line_tables(blocks)
    return Document(path=path, text=text, blocks=blocks)


def _make_cell(raw_parts: list[tuple[int, int, str]]) -> Cell:
    """A cell from (line, column of first character, text) pieces."""
    return _one_line_cell(*raw_parts[0]) if len(raw_parts) == 1 else _joined_cell(raw_parts)


def _joined_cell(raw_parts: list[tuple[int, int, str]]) -> Cell:
    texts = [text.strip(_SPACES) for _, _, text in raw_parts]
    first_line, first_column, first_text = raw_parts[0]
    lead = len(first_text) - len(first_text.lstrip(_SPACES))
    line, column = first_line, first_column + lead
    if not texts[0]:
        for part_line, part_column, part_text in raw_parts[1:]:
            if part_text.strip(_SPACES):
                line = part_line
                column = part_column + len(part_text) - len(part_text.lstrip(_SPACES))
                break
    last_line, last_column, last_text = raw_parts[-1]
    end_column = last_column + len(last_text.rstrip(_SPACES))
    if last_line == line and end_column < column:
        end_column = column
    return Cell(
        text="".join(texts),
        raw=first_text if len(raw_parts) == 1 else _raw_lines(raw_parts),
        line=line,
        column=column,
        end_line=last_line,
        end_column=end_column,
    )


def _one_line_cell(line: int, column: int, text: str) -> Cell:
    """A cell of one piece, as :func:`_joined_cell` would make it (most cells are one piece)."""
    start = column + len(text) - len(text.lstrip(_SPACES))
    end = column + len(text.rstrip(_SPACES))
    return Cell(text=text.strip(_SPACES), raw=text, line=line, column=start, end_line=line,
                end_column=end if end > start else start)


def _raw_lines(raw_parts: list[tuple[int, int, str]]) -> str:
    """The pieces' lines as in the file: the blank lines a cell spans (a Word cell continued after
    a blank line) stay, so that the raw text's lines are the file's lines up to ``end_line``."""
    lines: list[str] = []
    for line, _, text in raw_parts:
        if lines:
            lines.extend([""] * (line - previous - 1))
        lines.append(text)
        previous = line
    return "\n".join(lines)


def _split_pipes(token) -> list[Cell]:
    """Cells of a line such as ``规章 | 0 | 0 |`` or ``| a | b |``."""
    line = token.value
    pieces: list[tuple[int, str]] = []
    start = 0
    for index, char in enumerate(line):
        if char == "|":
            pieces.append((start, line[start:index]))
            start = index + 1
    pieces.append((start, line[start:]))
    if not pieces[-1][1].strip():
        pieces.pop()                      # nothing after the closing pipe
    if line.strip().startswith("|") and pieces and not pieces[0][1].strip():
        pieces.pop(0)                     # nothing before the opening pipe
    return [_make_cell([(token.line, start + 1, text)]) for start, text in pieces]


def _split_tabs(token) -> list[Cell]:
    """Cells of a line such as ``规章⇥0⇥0⇥0``. Every TAB separates two cells, so empty cells
    stay: a leading TAB makes an empty corner cell, a trailing one an empty last cell."""
    line = token.value.rstrip(" \u3000\xa0")
    cells, start = [], 0
    for piece in line.split("\t"):
        cells.append(_make_cell([(token.line, start + 1, piece)]))
        start += len(piece) + 1
    return cells


class ModelBuilder:
    """What each rule of the grammar makes: blocks, rows and cells of the document model."""

    def start(self, blocks):
        return [block for block in blocks if block is not None]

    def heading(self, children):
        (token,) = children
        return Paragraph(lines=[_located(token)], heading=True)

    def paragraph(self, tokens):
        return Paragraph(lines=[_located(token) for token in tokens])

    def tab_cell(self, tokens):
        first = tokens[0]
        tab = first.value.index("\t")
        parts = [(first.line, tab + 2, first.value[tab + 1:])]
        parts.extend((token.line, 1, token.value) for token in tokens[1:])
        return _make_cell(parts)

    def tab_row(self, cells):
        return Row(cells=cells, line=cells[0].line if cells else 0)

    def tab_table(self, rows):
        return Table(layout="tab", rows=rows, line=rows[0].line,
                     end_line=max(cell.end_line for cell in rows[-1].cells))

    def pipe_table(self, tokens):
        rows: list[Row] = []
        markdown = False
        for token in tokens:
            if token.type == "MD_SEP":
                markdown = True
            elif token.type == "BARS":
                rows.append(Row(cells=[], line=token.line, bars=token.value.count("|")))
            else:
                rows.append(Row(cells=_split_pipes(token), line=token.line))
        return Table(layout=_pipe_layout(rows, markdown), rows=rows,
                     line=tokens[0].line, end_line=tokens[-1].line)

    def tsv_table(self, tokens):
        if len(tokens) == 1:                 # prose with a TAB in it, or a stray line of TABs
            return Paragraph(lines=[_located(tokens[0])]) if tokens[0].value.strip() else None
        rows = [Row(cells=_split_tabs(token), line=token.line) for token in tokens]
        return Table(layout="tsv", rows=rows, line=tokens[0].line, end_line=tokens[-1].line)


def _located(token) -> tuple[int, int, str]:
    value = token.value
    lead = len(value) - len(value.lstrip(_SPACES))
    return token.line, 1 + lead, value.strip(_SPACES)


def _pipe_layout(rows: list[Row], markdown: bool) -> str:
    if markdown:
        return "markdown"
    content = [row for row in rows if row.cells]
    single = sum(1 for row in content if len(row.cells) <= 1)
    return "stream" if content and single * 10 >= len(content) * 6 else "pipe"


def _join_markdown_pages(blocks: list) -> list:
    """Join a Markdown table with the piece after a page break (its header row empty)."""
    joined: list = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (isinstance(block, Table) and block.layout == "markdown"
                and isinstance(previous, Table) and previous.layout == "markdown"
                and block.rows and not any(cell.text for cell in block.rows[0].cells)):
            previous.rows.extend(block.rows[1:])
            previous.end_line = block.end_line
            continue
        joined.append(block)
    return joined


_NUMBER_LINE = regex_cache.compile(r"^[+\-−]?[0-9０-９][0-9０-９,，.．]*(?:万元|万|元|%)?$")
_SENTENCE_END = regex_cache.compile(r"[。；;！？!?]")


def _cell_like(text: str) -> bool:
    """Short enough and unpunctuated enough to be a table cell rather than prose."""
    return len(text) <= 80 and not _SENTENCE_END.search(text)


def _collect_line_tables(blocks: list) -> list:
    """Turn runs of one-cell lines that hold bare numbers into ``lines`` tables."""
    result: list = []
    run: list[Paragraph] = []

    def flush():
        start, end = 0, len(run)
        while start < end and run[start].heading:
            start += 1                       # a title above the table stays prose
        while end > start and run[end - 1].heading:
            end -= 1
        lines = [line for paragraph in run[start:end] for line in paragraph.lines]
        numbers = sum(1 for _, _, text in lines if _NUMBER_LINE.match(text))
        if len(lines) >= 6 and numbers >= 3 and numbers * 5 >= len(lines):
            rows = [Row(cells=[_make_cell([(line, column, text)])], line=line)
                    for line, column, text in lines]
            result.extend(run[:start])
            result.append(Table(layout="lines", rows=rows, line=rows[0].line,
                                end_line=rows[-1].line))
            result.extend(run[end:])
        else:
            result.extend(run)
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and all(_cell_like(text) for _, _, text in block.lines):
            run.append(block)
            continue
        flush()
        result.append(block)
    flush()
    return result
