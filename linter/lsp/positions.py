"""Positions: gxlint's (line, column) in characters against the protocol's (line, character).

gxlint counts lines from 1 and columns in Unicode code points from 1. The
Language Server Protocol counts both from 0, and counts a line's characters in
the code units of the encoding the client and server agreed on: UTF-16 unless
the client offers another. A Chinese character of the Basic Multilingual Plane
is one UTF-16 unit, a rarer one (𠀀, U+20000) is two, and in UTF-8 they are
three and four bytes.

Lines are split at ``\\n`` alone: the text here is a :class:`~linter.read.model.Document`'s,
whose line ends are already ``\\n``; form feeds (page breaks in ``pdftotext``
output) and other separators that :meth:`str.splitlines` would split at stay
inside their line, as the protocol wants.
"""

from __future__ import annotations

from lsprotocol import types

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """The length of *text* in the code units of *encoding*."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def encoding_name(kind) -> str:
    """The encoding the server speaks, from pygls's negotiated ``PositionEncodingKind`` (or None)."""
    value = getattr(kind, "value", kind)
    return value if value in (UTF8, UTF32) else UTF16


class LineIndex:
    """The lines of one text, for turning positions one way and the other."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.lines = text.split("\n")
        self.encoding = encoding

    def line_text(self, line: int) -> str:
        """Line *line* (from 1), or "" past the end."""
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def position(self, line: int, column: int) -> types.Position:
        """The protocol position of gxlint's (line, column), clamped into the text."""
        if line > len(self.lines):
            last = len(self.lines)
            return types.Position(last - 1, units(self.lines[-1], self.encoding))
        line = max(1, line)
        text = self.lines[line - 1]
        column = min(max(1, column), len(text) + 1)
        return types.Position(line - 1, units(text[:column - 1], self.encoding))

    def range(self, line: int, column: int, end_line: int | None = None,
              end_column: int | None = None) -> types.Range:
        """The protocol range of a gxlint range; without an end (or one before the start), empty."""
        start = self.position(line, column)
        if not end_line or not end_column or (end_line, end_column) < (line, column):
            return types.Range(start, start)
        return types.Range(start, self.position(end_line, end_column))

    def place(self, position: types.Position) -> tuple[int, int]:
        """gxlint's (line, column) of a protocol position; a position inside a character's
        units (the second half of a surrogate pair) counts as that character."""
        line = min(position.line + 1, len(self.lines))
        text = self.lines[line - 1]
        wanted, seen = position.character, 0
        for index, char in enumerate(text):
            seen += units(char, self.encoding)
            if seen > wanted:
                return line, index + 1
        return line, len(text) + 1
