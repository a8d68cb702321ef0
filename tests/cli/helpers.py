"""Running the gxlint command in this process, as the tests of the command line and the formats do."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from linter.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def gxlint(capsys, *args) -> tuple[int, str, str]:
    """``gxlint ARGS``: exit status, standard output, standard error."""
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def wrapper(folder: Path) -> Path:
    """A ``gxlint`` executable in *folder* that runs this checkout with this Python (for shell recipes)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "gxlint"
    script.write_text(f"#!/bin/sh\nPYTHONPATH='{ROOT}' exec '{sys.executable}' -m linter \"$@\"\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def path_with(folder: Path) -> dict:
    """The environment with *folder* first on PATH."""
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}
