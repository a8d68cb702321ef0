"""Where the data files live.

Grammars and rules sit at the top of the source tree and are installed inside
the package (``linter/grammars``, ``linter/rules``); both places are searched so
that gxlint works from a checkout and from a plain ``pip install .``.
"""

from __future__ import annotations

import os

# Paths are strings here and in the modules a run needs: pathlib costs a run milliseconds to import.
_PACKAGE = os.path.dirname(os.path.realpath(__file__))


def data_dir(name: str) -> str:
    """Return the folder holding the data called *name* (``grammars`` or ``rules``)."""
    for candidate in (os.path.join(_PACKAGE, name), os.path.join(os.path.dirname(_PACKAGE), name)):
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(f"gxlint data folder {name!r} is missing from the installation")


def grammar_path(filename: str) -> str:
    return os.path.join(data_dir("grammars"), filename)


def grammar_text(filename: str) -> str:
    """The grammar's text, line ends as a text stream reads them (read as bytes: quicker)."""
    with open(grammar_path(filename), "rb") as stream:
        return stream.read().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def rules_dir() -> str:
    return data_dir("rules")
