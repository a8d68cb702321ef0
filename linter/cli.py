"""The ``gxlint`` command.

Usage::

    gxlint [options] PATH...        # files, or folders searched for *.txt and *.md
    gxlint --facts PATH...          # what gxlint read from each table
    gxlint --list-rules             # every rule, one a line
    gxlint --explain GX201          # what a rule checks, why, and examples

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
from .templates import TemplateError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUFFIXES = (".txt", ".md")
FORMATS = ("rich", "concise", "json")


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
        epilog="退出码：0 没有错误；1 发现错误；2 无法完成检查（参数、文件或规则有误）。",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="报告文件，或其中查找 *.txt、*.md 的文件夹")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="输出格式（默认：终端用 rich，否则 concise）")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="另外加载的规则或模板文件、文件夹（可重复）")
    parser.add_argument("--facts", action="store_true", help="列出从表格中读到的数据（键、值、位置），不做检查")
    parser.add_argument("--list-rules", action="store_true", help="列出全部规则")
    parser.add_argument("--explain", metavar="RULE", help="说明一条规则：检查什么、为什么、正反示例")
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


def lint_file(path: str, loaded, with_findings: bool = True) -> FileResult:
    from .checks import CHECKS
    from .engine import run_rules

    try:
        report = load(path, read_bytes(path), loaded.catalog)
    except SourceError as error:
        return FileResult(path=path, error=str(error))
    result = FileResult(path=path, report=report)
    if with_findings:
        result.findings = run_rules(report, loaded.ruleset, CHECKS)
    return result


def _output_format(requested: str | None) -> str:
    if requested:
        return requested
    return "rich" if sys.stdout.isatty() else "concise"


def _console():
    from rich.console import Console
    return Console(highlight=False)


def _load(options):
    from .loading import load_all
    from .rules import RuleError

    try:
        return load_all(options.rules)
    except (RuleError, TemplateError) as error:
        raise UsageError(str(error)) from None


def run(argv: Sequence[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    loaded = _load(options)
    if options.list_rules or options.explain:
        from .reporters import rules_doc
        if options.explain:
            rule = loaded.ruleset.by_id(options.explain.upper())
            if rule is None:
                raise UsageError(f"没有规则 {options.explain}（gxlint --list-rules 列出全部规则）")
            rules_doc.explain(rule, sys.stdout)
        else:
            rules_doc.list_rules(loaded.ruleset.rules, sys.stdout)
        return EXIT_OK
    if not options.paths:
        raise UsageError("请给出要检查的文件或文件夹，例如：gxlint 年报.txt")
    results = [lint_file(path, loaded, with_findings=not options.facts)
               for path in collect_files(options.paths)]
    fmt = _output_format(options.format)
    if options.facts:
        _write_facts(results, fmt)
    else:
        _write_findings(results, fmt)
    if fmt != "json":
        for result in results:
            if result.error and options.facts:
                print(f"{result.path}: {result.error}", file=sys.stderr)
    if any(result.error for result in results):
        return EXIT_ERROR
    if any(finding.severity == "error" for result in results for finding in result.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _write_facts(results, fmt: str) -> None:
    from .reporters import facts as facts_reporter
    if fmt == "json":
        facts_reporter.write_json(results, sys.stdout)
    elif fmt == "rich":
        facts_reporter.write_rich(results, _console())
    else:
        facts_reporter.write_text(results, sys.stdout)


def _write_findings(results, fmt: str) -> None:
    if fmt == "json":
        from .reporters import json_format
        json_format.write(results, sys.stdout)
    elif fmt == "rich":
        from .reporters import rich_format
        rich_format.write(results, _console())
    else:
        from .reporters import concise
        concise.write(results, sys.stdout)


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
