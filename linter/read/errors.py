"""Why a report could not be read: one line for the user, in Chinese and English."""

from __future__ import annotations

from ..messages import TwoLanguageError


class ReadError(TwoLanguageError):
    """The file cannot be read as a report (gxlint says why and goes on with the other files).

    ``line`` and ``column`` point at the trouble where there is one place for it
    (the first byte that cannot be decoded); else 1:1.
    """

    def __init__(self, message: str, english: str | None = None, line: int = 1, column: int = 1):
        super().__init__(message, english)
        self.line = line
        self.column = column
