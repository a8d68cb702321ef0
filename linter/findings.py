"""Findings: what a rule found, where, and how serious it is."""

from __future__ import annotations

from . import regex_cache
from .record import FrozenRecord, ValueRecord

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}

# Messages quote the report (a cell's text, a label). A report may hold control characters:
# an escape sequence would reach the terminal as a command (clear the screen, set the title),
# a bidirectional override would reorder what the reader sees. They are shown as escapes.
_CONTROL_RE = regex_cache.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """*text* with control characters written as ``\\x1b``, ``\\u202e`` and the like."""
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                           else f"\\u{ord(m.group()):04x}", text)


class Location(FrozenRecord):
    line: int
    column: int
    end_line: int | None
    end_column: int | None
    message: str | None

    def __init__(self, line, column, end_line=None, end_column=None, message=None):
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.message = message


class Finding(ValueRecord):
    rule: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    title: str
    related: list[Location]
    context: str           # what the finding is about, stable across unrelated edits (for baselines)

    def __init__(self, rule, severity, message, path, line, column, end_line, end_column, title="",
                 related=None, context=""):
        self.rule = rule
        self.severity = severity
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.title = title
        self.related = [] if related is None else related
        self.context = context

    @property
    def sort_key(self):
        return (self.path, self.line, self.column, self.rule, self.message)

    def fingerprint(self) -> str:
        """Identifies the finding without its line number, so moving text does not change it."""
        basis = "\x1f".join((self.rule, self.context or self.message))
        import hashlib      # only baselines and machine formats need fingerprints

        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


def at_cell(rule, severity: str, message: str, path: str, cell, related=(), context: str = "",
            title: str = "") -> Finding:
    """A finding placed on a table cell (or anything with line, column, end_line, end_column).

    The message quotes the report: its control characters are shown, not sent (:func:`printable`).
    The range is the cell's own text. An empty cell's range is empty (it ends
    where it starts): widening it by one character, as gxlint once did, runs
    past the end of the line for a Word cell that is a lone TAB, and every
    position a finding gives must lie inside the file.
    """
    end_line, end_column = cell.end_line or cell.line, cell.end_column
    if not end_column or (end_line, end_column) < (cell.line, cell.column):
        end_line, end_column = cell.line, cell.column
    return Finding(
        rule=rule, severity=severity, message=printable(message), path=path, line=cell.line, column=cell.column,
        end_line=end_line, end_column=end_column, title=printable(title),
        related=[Location(c.line, c.column, c.end_line, c.end_column) for c in related
                 if (c.line, c.column) != (cell.line, cell.column)],
        context=context,
    )
