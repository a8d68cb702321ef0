"""Which files a folder given on the command line holds for gxlint.

Reports are ``*.txt``, ``*.md``, ``*.docx``, ``*.pdf``, ``*.html`` and ``*.htm``
files. As ruff does, gxlint leaves out of a folder what is not a report
anyone wrote: hidden files and folders (``.git``, ``.venv``), virtual
environments (``venv``), ``__pycache__``, ``node_modules``, ``*.egg-info``,
``build`` and ``dist``; and what the ``.gitignore`` files of the tree ignore
(read with ``pathspec``, as git reads them), unless ``--no-respect-gitignore``.
Files named on the command line are always checked, unless the configuration
excludes them (then gxlint says so, or leaves them out with ``--force-exclude``).
"""

from __future__ import annotations

import os

import pathspec

from ..read.files import REPORT_SUFFIXES

DEFAULT_EXCLUDES = frozenset({"venv", "__pycache__", "node_modules", "build", "dist", "site-packages"})


def _skipped_folder(name: str) -> bool:
    return name.startswith(".") or name in DEFAULT_EXCLUDES or name.endswith(".egg-info")


def _gitignore(folder: str) -> pathspec.GitIgnoreSpec | None:
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
    specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    for root, folders, names in os.walk(folder):
        specs = [(base, spec) for base, spec in specs if root == base or root.startswith(base + os.sep)]
        if respect_gitignore:
            spec = _gitignore(root)
            if spec is not None:
                specs.append((root, spec))
        folders[:] = sorted(name for name in folders
                            if not _skipped_folder(name) and not _ignored(specs, os.path.join(root, name), True))
        for name in names:
            path = os.path.normpath(os.path.join(root, name))
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in suffixes:
                continue
            if os.path.isfile(path) and not _ignored(specs, path, False):
                found.append(path)
    return sorted(found, key=lambda path: path.split(os.sep))


def _ignored(specs: list[tuple[str, pathspec.GitIgnoreSpec]], path: str, folder: bool) -> bool:
    ignored = False
    for base, spec in specs:            # nearer .gitignore files come later and decide
        relative = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if folder else "")
        result = spec.check_file(relative)
        if result.include is not None:
            ignored = result.include
    return ignored
