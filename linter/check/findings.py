"""Findings: what a rule found, where, and how serious it is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..read.model import Origin

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}

# Messages quote the report (a cell's text, a label). A report may hold control characters:
# an escape sequence would reach the terminal as a command (clear the screen, set the title),
# a bidirectional override would reorder what the reader sees. They are shown as escapes.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """*text* with control characters written as ``\\x1b``, ``\\u202e`` and the like."""
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                           else f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, slots=True)
class Location:
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None
    origin: Origin | None = None
    path: str | None = None          # another file (last year's report); None: the finding's own


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    title: str = ""
    related: list[Location] = field(default_factory=list)
    context: str = ""        # what the finding is about, stable across unrelated edits (for baselines)
    origin: Origin | None = None

    @property
    def sort_key(self):
        return (self.path, self.line, self.column, self.rule, self.message)

    def fingerprint(self) -> str:
        """Identifies the finding without its line number, so moving text does not change it."""
        import hashlib       # machine formats and baselines only

        basis = "\x1f".join((self.rule, self.context or self.message))
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


def at_cell(rule: str, severity: str, message: str, path: str, cell, related=(), context: str = "",
            title: str = "") -> Finding:
    """A finding placed on a table cell (or anything with line, column, end_line, end_column).

    The message quotes the report: its control characters are shown, not sent (:func:`printable`).
    The range is the cell's own text; an empty cell's range is empty (it ends where it starts),
    so that every position a finding gives lies inside the file.
    """
    end_line, end_column = cell.end_line or cell.line, cell.end_column
    if not end_column or (end_line, end_column) < (cell.line, cell.column):
        end_line, end_column = cell.line, cell.column
    return Finding(
        rule=rule, severity=severity, message=printable(message), path=path, line=cell.line, column=cell.column,
        end_line=end_line, end_column=end_column, title=printable(title),
        related=[Location(c.line, c.column, c.end_line, c.end_column, getattr(c, "origin", None))
                 for c in related if (c.line, c.column) != (cell.line, cell.column)],
        context=context, origin=getattr(cell, "origin", None))
