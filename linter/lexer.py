"""The line lexer for ``grammars/report.lark`` (run by :mod:`linter.lalr`).

A report is read line by line; each line becomes one token whose type says what
the line looks like:

``TAB_LINE``   starts (after optional spaces) with a TAB: a Word-extracted cell
``CONT_LINE``  a line without a TAB that continues the cell above it
``_ROW_BREAK`` blank lines between two rows of a Word-extracted table
``_BLANK``     other blank lines (a run of them is one token)
``PIPE_ROW``   starts with ``|`` and holds text: a Markdown row (or a web row
               whose first cell is empty)
``MD_SEP``     a Markdown separator such as ``|--|---|``
``BARS``       nothing but pipes, such as ``|||``: a row mark in web text
``WEB_ROW``    text holding pipes, such as ``规章 | 0 | 0 | 0 |``
``TSV_ROW``    cells separated by TABs, such as ``规章⇥0⇥0⇥0``: a table copied from
               a web page or a spreadsheet (a line with a single leading TAB is one
               too, beside such lines)
``HEADING``    a short numbered title such as ``三、收到和处理政府信息公开申请情况``
``TEXT``       anything else

Word extraction puts each cell on a line of its own, starting with a TAB; a
cell's text may wrap onto following lines, even after a blank line (``（不同
渠道和方式公开相同信息计1条）`` below ``（一）主动公开政府信息数``). Such a line is
only a continuation if it comes right after a cell, or after blank lines and
right before the next cell while looking like the rest of a cell (indented,
bracketed, or closing a bracket the cell opened) rather than like a title.
"""

from __future__ import annotations

from . import regex_cache

HEADING_RE = regex_cache.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|附件|附表"
    r"|[（(][一二三四五六七八九十]{1,3}[）)])"
)
# Titles that never continue a table cell, even right below one.
_TITLE_RE = regex_cache.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|附件|附表)")
_SENTENCE_END = regex_cache.compile(r"[。；;！？!?]")
_OPENERS = "（(［[【《“"
_CLOSERS = "）)］]】》”"


def classify(line: str) -> str:
    """The token type of one physical line (before continuation is decided)."""
    if "\t" in line:
        leading = line.lstrip(" \u3000\xa0").startswith("\t")
        if leading and line.count("\t") == 1:
            return "TAB_LINE"           # a Word cell, the most common line (not tab-separated)
        if _tab_separated(line):
            return "TSV_ROW"
        if leading:
            return "TAB_LINE"
    stripped = line.strip()
    if not stripped:
        return "_BLANK"
    if stripped.startswith("|"):
        body = stripped.replace("|", "").strip()
        if not body:
            return "BARS"
        if "-" in body and not body.strip("-: \t"):
            return "MD_SEP"
        return "PIPE_ROW"
    if "|" in stripped:
        return "WEB_ROW"
    if is_heading(stripped):
        return "HEADING"
    return "TEXT"


def _tab_separated(line: str) -> bool:
    """Cells joined by TABs: text before a TAB, two TABs before text, or only TABs (two or more).
    A Word cell is a single leading TAB and its text; TABs and spaces after the text say nothing."""
    if not line.strip():
        return line.count("\t") >= 2        # a row of empty cells
    pieces = line.rstrip(" \t\u3000\xa0").split("\t")
    return len(pieces) >= 3 or (len(pieces) == 2 and bool(pieces[0].strip(" \u3000\xa0")))


def is_heading(text: str) -> bool:
    return bool(HEADING_RE.match(text)) and len(text) <= 40 and not _SENTENCE_END.search(text)


def _unbalanced(text: str) -> int:
    """How many brackets *text* opens and leaves open (negative: closes more)."""
    return sum(text.count(c) for c in _OPENERS) - sum(text.count(c) for c in _CLOSERS)


def _continues_across_blank(text: str, previous_cell: str) -> bool:
    if _TITLE_RE.match(text.strip()):
        return False
    return (
        text[:1] in (" ", "\u3000", "\xa0")
        or text.strip()[:1] in "（("
        or _unbalanced(previous_cell) > 0
        or _unbalanced(text) < 0
    )


def line_tokens(text: str) -> list[tuple[str, int, str]]:
    """(type, line number, line text) for every line, continuation decided, blank runs merged."""
    lines = text.split("\n")
    kinds = [classify(line) for line in lines]
    _join_tab_separated(kinds, lines)
    tokens: list[tuple[str, int, str]] = []
    cell_lines: list[str] = []        # text of the cell being continued, to judge brackets
    for index, (kind, line) in enumerate(zip(kinds, lines)):
        previous = tokens[-1][0] if tokens else None
        if kind in ("TEXT", "HEADING") and previous in ("TAB_LINE", "CONT_LINE"):
            if not _TITLE_RE.match(line.strip()):
                kind = "CONT_LINE"
        elif kind in ("TEXT", "HEADING") and previous == "_BLANK" and len(tokens) >= 2 \
                and tokens[-2][0] in ("TAB_LINE", "CONT_LINE"):
            following = kinds[index + 1] if index + 1 < len(kinds) else None
            if following == "TAB_LINE" and _continues_across_blank(line, "".join(cell_lines)):
                tokens.pop()                  # the blank lines belong inside the cell
                kind = "CONT_LINE"
        if kind == "_BLANK" and previous == "_BLANK":
            continue                          # one token for a run of blank lines
        if kind == "TAB_LINE":
            cell_lines = [line]
        elif kind == "CONT_LINE":
            cell_lines.append(line)
        tokens.append((kind, index + 1, line))
    _mark_row_breaks(tokens)
    return tokens


def _join_tab_separated(kinds: list[str], lines: list[str]) -> None:
    """Settle which lines of a run of non-blank lines are rows of a tab-separated table.

    Such a table has rows with text before a TAB (``规章⇥0⇥0⇥0``). Where a run of lines
    has one, its lines that start with a TAB are rows too (``⇥⇥申请人情况``, ``⇥自然人``:
    empty corner cells), and so is a short line between two rows that is not a sentence
    or a section title (``第二十条第（五）项``: a row of one merged cell). Where a run has
    none, a line starting with a TAB is a Word cell, whatever TABs its text holds.
    """
    start = 0
    while start < len(kinds):
        end = start
        while end < len(kinds) and kinds[end] != "_BLANK":
            end += 1
        _settle_run(kinds, lines, start, end)
        start = end + 1


def _settle_run(kinds: list[str], lines: list[str], start: int, end: int) -> None:
    if "TSV_ROW" not in kinds[start:end]:
        return          # no tab-separated row: the lines starting with a TAB stay Word cells
    leading = [index for index in range(start, end) if lines[index].lstrip(" \u3000\xa0").startswith("\t")]
    anchored = sum(1 for index in range(start, end) if kinds[index] == "TSV_ROW") > \
        sum(1 for index in leading if kinds[index] == "TSV_ROW")
    for index in leading:
        kinds[index] = "TSV_ROW" if anchored else "TAB_LINE"
    if not anchored:
        return
    for index in range(start + 1, end - 1):
        if kinds[index] in ("TEXT", "HEADING") and kinds[index - 1] == kinds[index + 1] == "TSV_ROW" \
                and _merged_row(lines[index]):
            kinds[index] = "TSV_ROW"


def _merged_row(line: str) -> bool:
    text = line.strip()
    return len(text) <= 40 and not _TITLE_RE.match(text) and not _SENTENCE_END.search(text)


def _mark_row_breaks(tokens: list[tuple[str, int, str]]) -> None:
    for index in range(1, len(tokens) - 1):
        if (tokens[index][0] == "_BLANK"
                and tokens[index - 1][0] in ("TAB_LINE", "CONT_LINE")
                and tokens[index + 1][0] == "TAB_LINE"):
            tokens[index] = ("_ROW_BREAK",) + tokens[index][1:]
