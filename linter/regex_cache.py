"""Regular expressions compiled once per machine instead of once per run.

CPython's ``re`` compiles a pattern in Python code, and a character class
holding characters beyond Latin-1 (``[0-9０-９,，]``, in every number of a
mention rule) costs it a large table each time: compiling gxlint's patterns
took longer than linting a report. The compiled form is plain data (the
engine's code, a list of integers, and the group names), so gxlint keeps it
in its cache (:mod:`linter.cache`), keyed by the Python version and the
engine's version, and hands it back to the engine on the next run.

The engine checks the code it is given and refuses invalid code; a pattern
whose cached form is refused, a Python without this internal interface, or a
compiled form that does not agree with ``re.compile`` falls back to
``re.compile``. Only the speed differs, never the result.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from binascii import a2b_base64, b2a_base64

from . import cache

try:                                        # Python 3.11 and later
    import _sre
    from re import _compiler, _parser
except ImportError:                         # pragma: no cover - older Pythons compile as usual
    _sre = None

MAX_KEPT = 5_000                            # patterns kept (a user's rules add a few each)
if _sre is not None and _sre.CODESIZE != 4:  # pragma: no cover - the code is kept as 32-bit words
    _sre = None
_KEY = f"{sys.version}\0{getattr(_sre, 'MAGIC', '')}\0{sys.byteorder}\0zlib"
# "flags:pattern" -> [flags, code, groups, groupindex, indexgroup], the code being its words
# compressed, in base64: a list of numbers, or hexadecimal, made the table several times
# larger (character classes of Chinese text compile to long tables) and slower to read.
_PARTS = cache.KeptTable("regex", _KEY, MAX_KEPT)


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
    flags = int(flags)
    if _sre is None:
        return re.compile(pattern, flags)
    name = f"{flags}:{pattern}"
    parts = _PARTS.get(name)
    if parts is not None:
        compiled = _rebuild(pattern, parts)
        if compiled is not None:
            return compiled
    compiled = re.compile(pattern, flags)
    parts = _parts(pattern, flags)
    if parts is not None and _agrees(_rebuild(pattern, parts), compiled):
        _PARTS.add(name, parts)
    return compiled


def save() -> None:
    """Add the patterns this process compiled to the cache."""
    _PARTS.save()


def _parts(pattern: str, flags: int) -> list | None:
    # The steps of re._compiler.compile, keeping what it hands to the engine.
    try:
        tree = _parser.parse(pattern, flags)
        code = _compiler._code(tree, flags)
        groupindex = dict(tree.state.groupdict)
        indexgroup = [None] * tree.state.groups
        for group, index in groupindex.items():
            indexgroup[index] = group
        words = b2a_base64(zlib.compress(array("I", code).tobytes()), newline=False).decode("ascii")
        return [flags | tree.state.flags, words, tree.state.groups - 1, groupindex, indexgroup]
    except Exception:                       # an interface that changed: compile as usual
        return None


def _rebuild(pattern: str, parts) -> re.Pattern | None:
    try:
        flags, words, groups, groupindex, indexgroup = parts
        code = memoryview(zlib.decompress(a2b_base64(words))).cast("I").tolist()
        return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:                       # damaged or foreign entry: the engine refused it
        return None


def _agrees(rebuilt: re.Pattern | None, compiled: re.Pattern) -> bool:
    return (rebuilt is not None and rebuilt.pattern == compiled.pattern and rebuilt.flags == compiled.flags
            and rebuilt.groups == compiled.groups and dict(rebuilt.groupindex) == dict(compiled.groupindex))
