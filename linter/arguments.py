"""The ``gxlint`` command's options, and reading a command line.

The options are listed once, as data (:data:`OPTIONS`). argparse builds its
parser from them; it writes ``--help`` and ``--version`` and explains bad
arguments. But importing argparse and building its parser costs a run of its
own about 5 ms, a third of starting Python, and most command lines are plain:
exact option names (``--format json`` or ``--format=json``), the values
argparse would accept, and the paths in one group before or after them. Such
a command line is read here without argparse, to the same result; anything
else (``--help``, an abbreviated name, ``--``, a value argparse would refuse,
paths on both sides of an option) goes to argparse, which reads it or explains
what is wrong as it always has. ``tests/test_arguments.py`` checks that the two
agree.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace

from . import __version__
from .findings import SEVERITIES
from .rules import LANGUAGES

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from collections.abc import Callable, Sequence
    from typing import Any

FORMATS = ("rich", "concise", "json", "sarif", "github", "junit")
DESCRIPTION = "政府信息公开工作年度报告一致性检查：表格勾稽关系、正文与表格、年份与日期。"
EPILOG = "退出码：0 没有达到 --fail-on 级别的问题；1 有；2 无法完成检查（参数、配置、文件或规则有误）。"
PATHS_HELP = "报告文件，或其中查找 *.txt、*.md 的文件夹；- 表示从标准输入读取"


def code_list(text: str) -> list[str]:
    """``--select GX1,gx2`` → ``["GX1", "GX2"]``."""
    return [code.strip().upper() for code in text.split(",") if code.strip()]


class Option:
    """A ``--name`` option: a ``flag`` (on when given), a ``value`` (the last one given
    counts) or a ``list`` (every one given counts, in order)."""

    __slots__ = ("name", "kind", "help", "choices", "convert", "default", "metavar", "exclusive")

    def __init__(self, name: str, kind: str, help: str, choices: tuple[str, ...] | None = None,
                 convert: Callable[[str], Any] | None = None, default: Any = None,
                 metavar: str | None = None, exclusive: str | None = None):
        self.name = name
        self.kind = kind
        self.help = help
        self.choices = choices
        self.convert = convert
        self.default = default
        self.metavar = metavar
        self.exclusive = exclusive          # options sharing this name may not be given together

    @property
    def dest(self) -> str:
        return self.name[2:].replace("-", "_")

    def initial(self) -> Any:
        return [] if self.kind == "list" else False if self.kind == "flag" else self.default

    def argparse_keywords(self) -> dict:
        if self.kind == "flag":
            return {"action": "store_true", "help": self.help}
        keywords = {"help": self.help, "default": self.initial()}
        if self.kind == "list":
            keywords["action"] = "append"
        for key in ("choices", "metavar"):
            if getattr(self, key) is not None:
                keywords[key] = getattr(self, key)
        if self.convert is not None:
            keywords["type"] = self.convert
        return keywords


OPTIONS = (
    Option("--format", "value", "输出格式（默认：终端用 rich，否则 concise）", choices=FORMATS),
    Option("--lang", "value", "提示信息的语言（默认 zh；en 为英文）", choices=LANGUAGES, default="zh"),
    Option("--config", "value", "使用这个配置文件（gxlint.yaml 或 pyproject.toml），不再查找", metavar="PATH"),
    Option("--select", "list", "只报告这些规则（代码或前缀，逗号分隔；加在配置之上）",
           convert=code_list, metavar="CODES"),
    Option("--ignore", "list", "不报告这些规则（代码或前缀，逗号分隔；加在配置之上）",
           convert=code_list, metavar="CODES"),
    Option("--rules", "list", "另外加载的规则或模板文件、文件夹（可重复）", metavar="PATH"),
    Option("--fail-on", "value", "发现这一级别或更严重的问题时退出码为 1（默认 error）",
           choices=SEVERITIES, default="error"),
    Option("--exit-zero", "flag", "发现问题时退出码也为 0（无法完成检查时仍为 2）"),
    Option("--baseline", "value", "只报告基线文件中没有的问题", metavar="FILE", exclusive="baseline"),
    Option("--write-baseline", "value", "把本次发现的全部问题记入基线文件", metavar="FILE", exclusive="baseline"),
    Option("--server", "flag", "常驻服务：之后的 gxlint 命令交给它运行，省去每次启动的时间（供编辑器保存时检查）"),
    Option("--stdin-filename", "value", "从标准输入读取（PATH 为 -）时报告所用的文件名", metavar="NAME"),
    Option("--statistics", "flag", "只列出每条规则发现的问题数"),
    Option("--jobs", "value", "同时检查的进程数（默认：全部核心；1 不并行）", convert=int, metavar="N"),
    Option("--facts", "flag", "列出从表格中读到的数据（键、值、位置），不做检查"),
    Option("--list-rules", "flag", "列出全部规则"),
    Option("--explain", "value", "说明一条规则：检查什么、为什么、正反示例", metavar="RULE"),
)
_BY_NAME = {option.name: option for option in OPTIONS}


def parse(argv: Sequence[str]) -> SimpleNamespace:
    """The options of a command line; SystemExit as argparse raises it (help, version, errors)."""
    options = read_plain(argv)
    if options is None:
        options = SimpleNamespace(**vars(build_parser().parse_args(argv)))
    return options


def read_plain(argv: Sequence[str]) -> SimpleNamespace | None:
    """The options of a plain command line, as argparse would read them; None for any other."""
    values = {option.dest: option.initial() for option in OPTIONS}
    paths: list[str] = []
    path_groups, after_path, given = 0, False, set()
    index = 0
    while index < len(argv):
        arg = argv[index]
        index += 1
        if not isinstance(arg, str):
            return None
        if arg == "-" or not arg.startswith("-"):
            path_groups += not after_path
            after_path = True
            paths.append(arg)
            continue
        after_path = False
        name, equals, value = arg.partition("=")
        option = _BY_NAME.get(name)
        if option is None:
            return None
        if option.kind == "flag":
            if equals:
                return None
            values[option.dest] = True
            continue
        if not equals:
            if index == len(argv) or not isinstance(argv[index], str) or argv[index].startswith("-"):
                return None
            value = argv[index]
            index += 1
        accepted, value = _accept(option, value)
        if not accepted:
            return None
        if option.kind == "list":
            values[option.dest].append(value)
        else:
            values[option.dest] = value
        given.add(option)
    exclusive = [option.exclusive for option in given if option.exclusive]
    if path_groups > 1 or len(exclusive) != len(set(exclusive)):
        return None
    return SimpleNamespace(paths=paths, **values)


def _accept(option: Option, text: str) -> tuple[bool, Any]:
    """(True, the value) when argparse would take *text* for *option*; (False, None) if not."""
    try:
        value = option.convert(text) if option.convert is not None else text
    except (TypeError, ValueError):
        return False, None
    if option.choices is not None and value not in option.choices:
        return False, None
    return True, value


def build_parser(formatter_class: type | None = None):
    """argparse's parser for the options; it writes help wrapped to the terminal's width."""
    import argparse

    if formatter_class is None:
        formatter_class = _width_formatter(argparse.HelpFormatter)
    parser = argparse.ArgumentParser(prog="gxlint", formatter_class=formatter_class,
                                     description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    groups: dict[str, Any] = {}
    for option in OPTIONS:
        target = parser
        if option.exclusive:
            if option.exclusive not in groups:
                groups[option.exclusive] = parser.add_mutually_exclusive_group()
            target = groups[option.exclusive]
        target.add_argument(option.name, **option.argparse_keywords())
    parser.add_argument("--version", action="version", version=f"gxlint {__version__}")
    return parser


def _width_formatter(base: type) -> type:
    class WidthFormatter(base):
        """argparse's own, told the width: left to itself it imports shutil (and its compression modules)."""

        def __init__(self, prog: str):
            super().__init__(prog, width=terminal_columns() - 2)

    return WidthFormatter


def terminal_columns() -> int:
    """What shutil.get_terminal_size() gives: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80
