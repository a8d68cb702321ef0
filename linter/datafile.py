"""Reading gxlint's own data files: templates, rules, configuration, the character map.

:func:`read_limited` never reads more than a limit (a device such as
``/dev/zero`` given as a rule file is refused, not read forever).
:func:`read_yaml` parses with ``yaml.safe_load`` only and keeps the result in
the cache (:mod:`linter.cache`), so that the next run reads JSON instead of
parsing YAML; PyYAML is only imported when a file has changed.
"""

from __future__ import annotations

import os

from . import cache
from .messages import TwoLanguageError

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from typing import Any

MAX_CACHED_NODES = 200_000       # a YAML alias bomb expands beyond this: not cached, not expanded


class DataFileError(TwoLanguageError):
    """A data file cannot be read or parsed; the message leaves the file's name to the caller.

    ``str(error)`` is Chinese; :attr:`english` says the same in English.
    """


def read_limited(path: str, limit: int, what: str = "文件") -> bytes:
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise DataFileError(f"{what}过大（{size} 字节，上限 {limit} 字节）",
                                f"too large ({size} bytes, at most {limit})")
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise DataFileError(f"{what}不存在", "no such file") from None
    except IsADirectoryError:
        raise DataFileError("这是文件夹，不是文件", "a folder, not a file") from None
    except OSError as error:
        reason = error.strerror or error
        raise DataFileError(f"无法读取（{reason}）", f"cannot be read ({reason})") from None
    if len(data) > limit:           # stat said less: a device or a growing file
        raise DataFileError(f"{what}过大（超过 {limit} 字节）", f"too large (over {limit} bytes)")
    return data


def _fits_json(data: Any) -> bool:
    """Whether *data* survives a JSON round trip unchanged and is small once aliases are expanded."""
    sizes: dict[int, int] = {}

    def size(node: Any, depth: int) -> int:
        if depth > 200:
            raise RecursionError
        if id(node) in sizes:
            return sizes[id(node)]
        if isinstance(node, dict):
            if not all(isinstance(key, str) for key in node):
                raise TypeError
            total = 1 + sum(size(value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            total = 1 + sum(size(item, depth + 1) for item in node)
        elif node is None or isinstance(node, (str, bool, int, float)):
            total = 1
        else:
            raise TypeError
        sizes[id(node)] = total
        return total

    try:
        return size(data, 0) <= MAX_CACHED_NODES
    except (TypeError, RecursionError):
        return False


def read_yaml(path: str, limit: int, what: str = "文件") -> Any:
    key = cache.file_key(path)
    if key is not None:
        cached = cache.load("yaml", key)
        if isinstance(cached, dict) and "data" in cached:
            return cached["data"]
    raw = read_limited(path, limit, what)
    import yaml     # only for files that changed since the cache last saw them

    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise DataFileError(f"不是 UTF-8 编码（第 {error.start} 字节）", f"not UTF-8 (byte {error.start})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where, where_en = (f"第 {mark.line + 1} 行：", f"line {mark.line + 1}: ") if mark else ("", "")
        problem = getattr(error, "problem", None) or "无法解析"
        raise DataFileError(f"YAML 语法错误，{where}{problem}", f"YAML syntax error, {where_en}{problem}") from None
    except RecursionError:
        raise DataFileError("YAML 嵌套过深", "YAML nested too deeply") from None
    if key is not None and _fits_json(data):
        import json

        if json.loads(json.dumps(data)) == data:
            cache.store("yaml", key, {"data": data})
    return data
