"""gxlint's own data: where ``rules/`` and ``grammars/`` are, and reading YAML safely.

Grammars and rules sit at the top of the source tree and are installed inside
the package (``linter/grammars``, ``linter/rules``); both places are searched, so
that gxlint works from a checkout and from a plain ``pip install .``.

YAML is parsed by PyYAML's safe loader only (its C version where libyaml is
installed). :func:`read_limited` never reads more than a limit: a device such
as ``/dev/zero`` given as a rule file is refused, not read forever.
"""

from __future__ import annotations

import os
from typing import Any

import yaml

from .messages import TwoLanguageError

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(TwoLanguageError):
    """A data file cannot be read or parsed; the message leaves the file's name to the caller."""


def data_dir(name: str) -> str:
    """The folder holding the data called *name* (``grammars`` or ``rules``)."""
    for candidate in (os.path.join(_PACKAGE, name), os.path.join(os.path.dirname(_PACKAGE), name)):
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(f"gxlint data folder {name!r} is missing from the installation")


def rules_dir() -> str:
    return data_dir("rules")


def grammar_text(filename: str) -> str:
    with open(os.path.join(data_dir("grammars"), filename), encoding="utf-8") as stream:
        return stream.read()


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


def parse_yaml(text: str) -> Any:
    """*text* as YAML; DataFileError with the line of a syntax error."""
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where, where_en = (f"第 {mark.line + 1} 行：", f"line {mark.line + 1}: ") if mark else ("", "")
        problem = getattr(error, "problem", None) or "无法解析"
        raise DataFileError(f"YAML 语法错误，{where}{problem}", f"YAML syntax error, {where_en}{problem}") from None
    except RecursionError:
        raise DataFileError("YAML 嵌套过深", "YAML nested too deeply") from None


def read_yaml(path: str, limit: int, what: str = "文件") -> Any:
    raw = read_limited(path, limit, what)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(f"不是 UTF-8 编码（第 {error.start} 字节）", f"not UTF-8 (byte {error.start})") from None
    return parse_yaml(text)
