"""The ``gxlint`` command.

Usage::

    gxlint [options] PATH...        # files, or folders searched for *.txt and *.md
    gxlint --facts PATH...          # what gxlint read from each table

Exit status: 0 when nothing at error level was found, 1 when something was,
2 when gxlint could not do its job (bad arguments, unreadable file, invalid
rule file).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from . import __version__
from .binder import Binding
from .document import LoadedReport, load, read_bytes
from .source import SourceError
from .templates import Catalog, TemplateError, builtin_catalog

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUFFIXES = (".txt", ".md")


class UsageError(Exception):
    """Bad arguments or configuration: one line for the user, exit 2."""


@dataclass
class FileResult:
    path: str
    error: str | None = None
    report: LoadedReport | None = None
    findings: list = field(default_factory=list)

    @property
    def binding(self) -> Binding | None:
        return self.report.binding if self.report else None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gxlint",
        description="政府信息公开工作年度报告一致性检查：表格勾稽关系、正文与表格、年份与日期。",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="报告文件，或其中查找 *.txt、*.md 的文件夹")
    parser.add_argument("--facts", action="store_true", help="列出从表格中读到的数据（键、值、位置），不做检查")
    parser.add_argument("--format", choices=("rich", "concise", "json"), default=None,
                        help="输出格式（默认：终端用 rich，否则 concise）")
    parser.add_argument("--version", action="version", version=f"gxlint {__version__}")
    return parser


def collect_files(paths: Sequence[str]) -> list[str]:
    """Files named on the command line, and *.txt / *.md files under named folders, in a stable order."""
    files: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()]
            files.extend(str(p) for p in sorted(found))
        else:
            files.append(name)
    return files


def process(path: str, catalog: Catalog) -> FileResult:
    try:
        return FileResult(path=path, report=load(path, read_bytes(path), catalog))
    except SourceError as error:
        return FileResult(path=path, error=str(error))


def _output_format(requested: str | None) -> str:
    if requested:
        return requested
    return "rich" if sys.stdout.isatty() else "concise"


def run(argv: Sequence[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    if not options.paths:
        raise UsageError("请给出要检查的文件或文件夹，例如：gxlint 年报.txt")
    try:
        catalog = builtin_catalog()
    except TemplateError as error:
        raise UsageError(str(error)) from None
    results = [process(path, catalog) for path in collect_files(options.paths)]
    fmt = _output_format(options.format)
    from .reporters import facts as facts_reporter
    if fmt == "json":
        facts_reporter.write_json(results, sys.stdout)
    elif fmt == "rich":
        from rich.console import Console
        facts_reporter.write_rich(results, Console())
    else:
        facts_reporter.write_text(results, sys.stdout)
    for result in results:
        if result.error:
            print(f"{result.path}: {result.error}", file=sys.stderr)
    return EXIT_ERROR if any(result.error for result in results) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except UsageError as error:
        print(f"gxlint: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
