"""The ``gxlint`` command line (argparse)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .. import __version__
from ..check.findings import SEVERITIES, printable
from ..check.rules import LANGUAGES

FORMATS = ("rich", "concise", "json", "sarif", "github", "junit", "html")
DESCRIPTION = "政府信息公开工作年度报告一致性检查：表格勾稽关系、正文与表格、年份与日期。"
EPILOG = "退出码：0 没有达到 --fail-on 级别的问题；1 有；2 无法完成检查（参数、配置、文件或规则有误）。"
PATHS_HELP = "报告文件（.txt .md .docx .pdf .html），或在其中查找这些文件的文件夹；- 表示从标准输入读取"


def code_list(text: str) -> list[str]:
    """``--select GX1,gx2`` → ``["GX1", "GX2"]``."""
    return [code.strip().upper() for code in text.split(",") if code.strip()]


class Parser(argparse.ArgumentParser):
    """argparse, with a mistake on the command line told in one line (not the whole usage), exit 2."""

    def __init__(self, lang: str = "zh", **kwargs):
        super().__init__(**kwargs)
        self.lang = lang

    def error(self, message: str):
        if self.lang == "en":
            self.exit(2, printable(f"gxlint: {message} (gxlint --help lists the options)") + "\n")
        self.exit(2, printable(f"gxlint: 参数有误：{message}（gxlint --help 列出全部选项）") + "\n")


def requested_lang(argv: Sequence[str]) -> str:
    """The --lang the arguments ask for, read before argparse so that its own errors can use it."""
    argv = [str(arg) for arg in argv]
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    parser = Parser(lang, prog="gxlint", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    parser.add_argument("--format", choices=FORMATS, help="输出格式（默认：终端用 rich，否则 concise）")
    parser.add_argument("-o", "--output", metavar="FILE", help="把输出写入这个文件（默认：标准输出）")
    parser.add_argument("--lang", choices=LANGUAGES, default="zh", help="提示信息的语言（默认 zh；en 为英文）")
    parser.add_argument("--config", metavar="PATH", help="使用这个配置文件（gxlint.yaml 或 pyproject.toml），不再查找")
    parser.add_argument("--select", type=code_list, action="append", default=[], metavar="CODES",
                        help="只报告这些规则（代码或前缀，逗号分隔；加在配置之上）")
    parser.add_argument("--ignore", type=code_list, action="append", default=[], metavar="CODES",
                        help="不报告这些规则（代码或前缀，逗号分隔；加在配置之上）")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="另外加载的规则或模板文件、文件夹（可重复）")
    parser.add_argument("--fail-on", choices=SEVERITIES, default="error",
                        help="发现这一级别或更严重的问题时退出码为 1（默认 error）")
    parser.add_argument("--exit-zero", action="store_true", help="发现问题时退出码也为 0（无法完成检查时仍为 2）")
    baseline = parser.add_mutually_exclusive_group()
    baseline.add_argument("--baseline", metavar="FILE", help="只报告基线文件中没有的问题")
    baseline.add_argument("--write-baseline", metavar="FILE", help="把本次发现的全部问题记入基线文件")
    parser.add_argument("--stdin-filename", metavar="NAME", help="从标准输入读取（PATH 为 -）时报告所用的文件名")
    parser.add_argument("--previous", metavar="FILE",
                        help="上一年的报告：与它比较本年报告的上年结转、现行有效件数和正文所写的增减"
                             "（跨年度规则 GX6xx；一起检查的同一机关相邻两年的报告也会互相比较）")
    parser.add_argument("--statistics", action="store_true",
                        help="只列出每条规则发现的问题数，以及每个机关每年的报告的问题数和结转情况")
    parser.add_argument("--jobs", type=int, metavar="N", help="同时检查的进程数（默认：全部核心；1 不并行）")
    parser.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false",
                        help="在文件夹中查找报告时不理会 .gitignore")
    parser.add_argument("--force-exclude", action="store_true",
                        help="命令行上直接给出的文件也按 exclude 排除（默认：给出的文件照常检查，并提示它被排除）")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--facts", action="store_true", help="列出从表格中读到的数据（键、值、位置），不做检查")
    shown.add_argument("--text", action="store_true",
                       help="输出读到的文字（Word、PDF、网页转成的纯文本；问题的行号、列号指向它）")
    shown.add_argument("--list-rules", action="store_true", help="列出全部规则")
    shown.add_argument("--list-keys", nargs="?", const="", metavar="TEMPLATE",
                       help="列出模板的全部数据键（及其表格、行、列、单位），供编写规则使用")
    shown.add_argument("--explain", metavar="RULE", help="说明一条规则：检查什么、为什么、正反示例")
    shown.add_argument("--lsp", action="store_true", help="作为语言服务器运行（LSP，经标准输入输出），供编辑器使用")
    parser.add_argument("--version", action="version", version=f"gxlint {__version__}")
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser(requested_lang(argv)).parse_args([str(arg) for arg in argv])
