"""Where gxlint keeps its cache and its server's socket; finding files in a folder.

Kept free of imports beyond ``os``: the command's first step (:mod:`linter.client`)
reads it before deciding whether to load anything else.
"""

from __future__ import annotations

import os

OFF = ("off", "0", "no", "false", "")


def cache_location() -> str | None:
    """``$GXLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gxlint``, else ``~/.cache/gxlint``; None when off."""
    setting = os.environ.get("GXLINT_CACHE_DIR")
    if setting is not None and setting.strip().lower() in OFF:
        return None
    if setting:
        return setting
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg, "gxlint") if xdg else os.path.join(os.path.expanduser("~"), ".cache", "gxlint")


def socket_path() -> str | None:
    """The server's socket (:mod:`linter.server`), in the cache folder."""
    base = cache_location()
    return os.path.join(base, "server.sock") if base else None


def files_under(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """The files below *folder* whose suffix is one of *suffixes* (any case), in a stable order.

    Links to files are followed, links to folders are not (a link to a parent would never end).
    """
    found = []
    for root, _folders, names in os.walk(folder):
        for name in names:
            path = os.path.normpath(os.path.join(root, name))
            if os.path.splitext(name)[1].lower() in suffixes and os.path.isfile(path):
                found.append(path)
    return sorted(found, key=lambda path: path.split(os.sep))
