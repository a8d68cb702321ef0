"""Which files a folder given on the command line holds for gxlint.

Reports are ``*.txt``, ``*.md``, ``*.docx``, ``*.pdf``, ``*.html`` and ``*.htm``
files. As ruff does, gxlint leaves out of a folder what is not a report
anyone wrote: hidden files and folders (``.git``, ``.venv``), virtual
environments (``venv``, or any folder holding a ``pyvenv.cfg``), ``__pycache__``, ``node_modules``, ``*.egg-info``,
``build``, ``dist`` and ``site-packages``; and what the ``.gitignore`` files
ignore (read with ``pathspec``, as git reads them: those in the tree searched,
and those of the folders above it up to the root of its git repository; a
nearer file overrides a farther one, ``!`` re-includes), unless
``--no-respect-gitignore``.
Files named on the command line are always checked; when the configuration
excludes one, gxlint says so (or, with ``--force-exclude``, leaves it out).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..read.files import REPORT_SUFFIXES

if TYPE_CHECKING:          # pathspec is imported when a folder is searched, not for a file named
    import pathspec

DEFAULT_EXCLUDES = frozenset({"venv", "__pycache__", "node_modules", "build", "dist", "site-packages"})


def _skipped_folder(root: str, name: str) -> bool:
    return name.startswith(".") or name in DEFAULT_EXCLUDES or name.endswith(".egg-info") or \
        os.path.isfile(os.path.join(root, name, "pyvenv.cfg"))


def _gitignore(folder: str) -> pathspec.GitIgnoreSpec | None:
    import pathspec

    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            return pathspec.GitIgnoreSpec.from_lines(stream.read(1024 * 1024).splitlines())
    except OSError:
        return None


def files_under(folder: str, suffixes: tuple[str, ...] = REPORT_SUFFIXES, respect_gitignore: bool = True) -> list[str]:
    """The report files below *folder*, in a stable order.

    Links to files are followed, links to folders are not (a link to a parent would never end).
    """
    found = []
    outer = _outer_specs(folder) if respect_gitignore else []
    specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    for root, folders, names in os.walk(folder):
        specs = [(base, spec) for base, spec in specs if root == base or root.startswith(base + os.sep)]
        if respect_gitignore:
            spec = _gitignore(root)
            if spec is not None:
                specs.append((root, spec))
        kept = outer + specs
        folders[:] = sorted(name for name in folders
                            if not _skipped_folder(root, name) and not _ignored(kept, os.path.join(root, name), True))
        for name in names:
            path = os.path.normpath(os.path.join(root, name))
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in suffixes:
                continue
            if os.path.isfile(path) and not _ignored(kept, path, False):
                found.append(path)
    return sorted(found, key=lambda path: path.split(os.sep))


def _outer_specs(folder: str) -> list[tuple[str, pathspec.GitIgnoreSpec]]:
    """The .gitignore files of the folders above *folder* up to the root of its git repository, outermost
    first (git reads them too); none outside a repository. A folder named on the command line is searched
    even when they ignore it."""
    folder = os.path.abspath(folder)
    above = []
    current = folder
    while not os.path.exists(os.path.join(current, ".git")):
        parent = os.path.dirname(current)
        if parent == current:
            return []
        above.append(parent)
        current = parent
    specs = [(base, spec) for base in reversed(above) if (spec := _gitignore(base)) is not None]
    if not _ignored(specs, folder, True):
        return specs
    # Named though ignored: the lines that ignore the folder itself are set aside, the others still hold.
    import pathspec

    return [(base, pathspec.GitIgnoreSpec([pattern for pattern in spec.patterns
                                            if not pattern.match_file(_relative(folder, base, True))]))
            for base, spec in specs]


def _relative(path: str, base: str, folder: bool) -> str:
    return os.path.relpath(path, base).replace(os.sep, "/") + ("/" if folder else "")


def _ignored(specs: list[tuple[str, pathspec.GitIgnoreSpec]], path: str, folder: bool) -> bool:
    ignored = False
    for base, spec in specs:            # nearer .gitignore files come later and decide
        result = spec.check_file(_relative(path, base, folder))
        if result.include is not None:
            ignored = result.include
    return ignored
