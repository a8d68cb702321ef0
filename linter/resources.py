"""Where the data files live.

Grammars and rules sit at the top of the source tree and are installed inside
the package (``linter/grammars``, ``linter/rules``); both places are searched so
that gxlint works from a checkout and from a plain ``pip install .``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder holding the data called *name* (``grammars`` or ``rules``)."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"gxlint data folder {name!r} is missing from the installation")


def grammar_path(filename: str) -> Path:
    return data_dir("grammars") / filename


def rules_dir() -> Path:
    return data_dir("rules")
