"""gxlint's cache: work done once and kept between runs, as JSON.

A run that reads the built-in templates and rules from YAML, parses their
expressions and builds the report grammar's LALR tables spends far longer on
that than on the report itself. So gxlint keeps the results of that work:

- the data of each YAML file (templates, rules, configuration), checked
  against the file's inode, size and modification time;
- the parsed form of each rule expression, and which regular expressions
  passed the safety check;
- the normalised forms of the templates' labels (:mod:`linter.labels`);
- the templates and rules as built from those files, checked against the
  files and the code that builds them (:mod:`linter.snapshot`);
- the LALR tables Lark builds from ``grammars/report.lark``, checked against
  the grammar's text;
- the compiled form of gxlint's regular expressions (:mod:`linter.regex_cache`),
  checked against the Python version.

Where: ``$GXLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gxlint``, else
``~/.cache/gxlint``. ``GXLINT_CACHE_DIR=off``, or a folder that cannot be
written, turns the cache off: everything still works, only slower.

Only JSON is ever read back (never pickle), each entry under a key naming the
files (path, inode, size, modification time) and the versions it was made
from; an entry that is damaged, or was made by another gxlint or Python, is
ignored and made again, so it costs time, not correctness. Some entries are
trusted as they are (a rule file passed the key check, a pattern is safe, the
rules and templates built from checked files, what a pattern compiles to,
though the regular-expression engine still refuses invalid code), so the
folder is the user's own (mode 0700) and files are written atomically.
When it holds more than 400 entries, the least recently written are removed
down to 300.
"""

from __future__ import annotations

import os
import zlib

from . import __version__
from .paths import cache_location

try:
    from _json import make_scanner
except ImportError:                 # pragma: no cover - a Python without the C decoder
    make_scanner = None

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from typing import Any

_folder: str | None | bool = False      # False: not looked up yet
MAX_ENTRIES = 400                       # more than this, and the least recently written go
KEPT_AFTER_PRUNING = 300


def folder() -> str | None:
    """The cache folder, created if need be, or None when caching is off or impossible."""
    global _folder
    if _folder is not False:
        return _folder
    location = cache_location()
    if location is None:
        _folder = None
        return None
    try:
        os.makedirs(location, mode=0o700, exist_ok=True)
        _folder = location if os.access(location, os.W_OK) else None
    except OSError:
        _folder = None
    return _folder


def reset() -> None:
    """Look the folder up again (tests change GXLINT_CACHE_DIR)."""
    global _folder
    _folder = False


def _path(kind: str, key: str) -> str | None:
    base = folder()
    if base is None:
        return None
    digest = zlib.crc32(f"{__version__}\0{kind}\0{key}".encode("utf-8", "surrogatepass"))
    return os.path.join(base, f"{kind}-{digest:08x}.json")


class _StrictJSON:
    """The settings the C decoder reads off ``json.JSONDecoder()``: the same decoding."""

    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int = float, int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__


_scan = make_scanner(_StrictJSON()) if make_scanner is not None else None
_WHITESPACE = " \t\n\r"


def decode(text: str) -> Any:
    """``json.loads(text)``, ValueError if it is not JSON.

    Every run reads a dozen cache entries; importing the json package compiles its regular
    expressions, which took more than the reading: the C decoder it wraps is used directly.
    """
    if _scan is None:                   # pragma: no cover
        import json
        return json.loads(text)
    start = len(text) - len(text.lstrip(_WHITESPACE))
    try:
        value, end = _scan(text, start)
    except StopIteration:
        raise ValueError("not JSON") from None
    if text[end:].strip(_WHITESPACE):
        raise ValueError("not JSON: more after the value")
    return value


def load(kind: str, key: str) -> Any:
    """What :func:`store` kept under (*kind*, *key*), or None."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        # bytes, decoded at once: a text stream decodes in pieces, looking for line ends,
        # and took three times longer
        with open(path, "rb") as stream:
            entry = decode(stream.read().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or entry.get("version") != __version__ or entry.get("key") != key:
        return None
    return entry.get("data")


def store(kind: str, key: str, data: Any) -> None:
    """Keep *data* (JSON-able) under (*kind*, *key*); failures are ignored."""
    path = _path(kind, key)
    if path is None:
        return
    try:
        import json         # only when something new is kept
        import tempfile

        text = json.dumps({"version": __version__, "key": key, "data": data}, ensure_ascii=False)

        handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", dir=os.path.dirname(path))
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(os.path.dirname(path))
    except (OSError, TypeError, ValueError, RecursionError):
        pass


class KeptTable:
    """A table (name -> JSON value) kept under (*kind*, *key*) and shared by all runs.

    It is read on first use; what a process adds is written by :meth:`save`, merged
    with what was kept (only the new entries, once there would be more than *limit*).
    """

    def __init__(self, kind: str, key: str, limit: int):
        self.kind, self.key, self.limit = kind, key, limit
        self._kept: dict | None = None
        self._fresh: dict = {}

    def get(self, name: str) -> Any:
        """What an earlier run kept under *name*, or None."""
        return self._read().get(name)

    def kept(self) -> dict:
        """All that earlier runs kept (not to be changed)."""
        return self._read()

    def add(self, name: str, value: Any) -> None:
        self._fresh[name] = value

    def save(self) -> None:
        if not self._fresh:
            return
        merged = {**self._read(), **self._fresh}
        if len(merged) > self.limit:
            merged = dict(self._fresh)
        store(self.kind, self.key, merged)
        self._kept = merged
        self._fresh.clear()

    def forget(self) -> None:
        """Read the table again on next use, as a new process would."""
        self._kept = None
        self._fresh.clear()

    def _read(self) -> dict:
        if self._kept is None:
            data = load(self.kind, self.key)
            self._kept = data if isinstance(data, dict) else {}
        return self._kept


def _prune(base: str) -> None:
    """Keep the folder small: edited rule files and new versions leave entries nobody reads again."""
    entries = [entry for entry in os.scandir(base) if entry.name.endswith(".json") and entry.is_file()]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda entry: (entry.stat().st_mtime_ns, entry.name))
    for entry in entries[:len(entries) - KEPT_AFTER_PRUNING]:
        try:
            os.unlink(entry.path)
        except OSError:
            pass


def file_key(path: str) -> str | None:
    """What identifies a file's content for the cache: where it is (its path, device and inode),
    its size and modification time. A file replaced by another, or a link pointed elsewhere,
    gets another key; the same file reached by two paths gets two."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (f"{os.path.abspath(path)}\0{status.st_dev}\0{status.st_ino}\0{status.st_size}"
            f"\0{status.st_mtime_ns}")
