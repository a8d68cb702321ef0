"""Messages: ``{placeholder}`` slots filled from a table, and errors told in two languages.

Deliberately not :meth:`str.format`, which would follow ``{a.b}`` into
attributes of Python objects: a placeholder here is only ever looked up by
its whole text in a table of already computed strings. ``{{`` and ``}}`` stand
for literal braces; an unknown placeholder shows as ``？``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping


class TwoLanguageError(Exception):
    """An error told in one line: ``str(error)`` in Chinese, :meth:`text` in either language."""

    def __init__(self, message: str, english: str | None = None):
        super().__init__(message)
        self.english = english or message

    def text(self, lang: str) -> str:
        return self.english if lang == "en" else str(self)


_SLOT_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders(template: str) -> list[str]:
    """The placeholder texts in *template*; ValueError if a brace is unmatched."""
    names = [match.group(1) for match in _SLOT_RE.finditer(template) if match.group(1) is not None]
    rest = _SLOT_RE.sub("", template)
    if "{" in rest or "}" in rest:
        raise ValueError("unmatched brace")
    return [name.strip() for name in names]


def fill(template: str, values: Mapping[str, object]) -> str:
    def replace(match: re.Match) -> str:
        if match.group(0) == "{{":
            return "{"
        if match.group(0) == "}}":
            return "}"
        return str(values.get(match.group(1).strip(), "？"))
    return _SLOT_RE.sub(replace, template)
