"""The ``gxlint`` command.

Usage::

    gxlint [options] PATH...        # files, or folders searched for *.txt and *.md
    gxlint - --stdin-filename NAME  # the report on standard input, reported as NAME
    gxlint --facts PATH...          # what gxlint read from each table
    gxlint --list-rules             # every rule, one a line
    gxlint --explain GX201          # what a rule checks, why, and examples

Exit status: 0 when nothing at the ``--fail-on`` level (default: error) was
found, 1 when something was, 2 when gxlint could not do its job (bad arguments
or configuration, unreadable file, invalid rule file); ``--exit-zero`` turns 1
into 0. This module only wires the parts together: the command line
(:mod:`linter.arguments`), configuration (:mod:`linter.config`), running the
files (:mod:`linter.runner`), baselines (:mod:`linter.baseline`) and output
(:mod:`linter.reporters`).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from .arguments import parse
from .config import Resolver, check_codes, ignored_for, is_excluded
from .findings import SEVERITY_RANK, printable
from .messages import TwoLanguageError
from .paths import files_under
from .runner import FileJob, FileResult, available_cores, lint_all  # noqa: F401  (FileResult: public)
from .templates import TemplateError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUFFIXES = (".txt", ".md")
STATISTICS_FORMATS = ("rich", "concise", "json")
PROGRESS_MIN_FILES = 50
SHOW_PROGRESS = True      # the server turns it off: its output is replayed, not watched
TUNE_GC = False           # a run of its own process may tune the collector (linter.client sets it)


class UsageError(TwoLanguageError):
    """Bad arguments: one line for the user, exit 2."""


def collect_files(paths: Sequence[str]) -> list[str]:
    """Files named on the command line, and *.txt / *.md files under named folders, in a stable order."""
    files: list[str] = []
    for name in paths:
        if os.path.isdir(name):
            files.extend(files_under(name, SUFFIXES))
        else:
            files.append(name)
    return files


def _output_format(requested: str | None) -> str:
    if requested:
        return requested
    return "rich" if sys.stdout.isatty() else "concise"


def _console():
    from rich.console import Console
    return Console(highlight=False)


def _load(rule_paths: tuple[str, ...]):
    from .loading import load_all
    from .rules import RuleError

    try:
        return load_all(rule_paths)
    except (RuleError, TemplateError) as error:
        raise UsageError(str(error)) from None


def _check_options(options, fmt: str) -> None:
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("--jobs 应为正整数", "--jobs must be a positive number")
    if options.statistics and fmt not in STATISTICS_FORMATS:
        raise UsageError(f"--statistics 只用于 {', '.join(STATISTICS_FORMATS)} 格式",
                         f"--statistics goes with the {', '.join(STATISTICS_FORMATS)} formats only")
    if options.paths.count("-") > 1:
        raise UsageError("标准输入（-）只能读取一次", "standard input (-) can be read only once")
    if options.stdin_filename and "-" not in options.paths:
        raise UsageError("--stdin-filename 要与 PATH - 一起使用", "--stdin-filename goes with the PATH -")


def _read_stdin() -> bytes:
    # No more than a file is read (an endless pipe such as cat /dev/zero would fill the memory),
    # and one byte more, so that loading the report says it is too large.
    from .document import MAX_BYTES

    stream = getattr(sys.stdin, "buffer", None)
    return stream.read(MAX_BYTES + 1) if stream is not None else sys.stdin.read(MAX_BYTES + 1).encode("utf-8")


def _targets(options) -> list[tuple[str, bytes | None]]:
    """(name, bytes of standard input or None) for every report to lint, in a stable order."""
    targets: list[tuple[str, bytes | None]] = []
    for name in options.paths:
        if name == "-":
            targets.append((options.stdin_filename or "-", _read_stdin()))
        else:
            found = collect_files([name])
            if not found:
                _warn_empty(name, options.lang)
            targets.extend((path, None) for path in found)
    return targets


def _warn_empty(folder: str, lang: str) -> None:
    # A wrong folder in a CI job should not pass silently as "no problems".
    note = (f"gxlint: warning: no .txt or .md files in {folder}" if lang == "en"
            else f"gxlint: 警告：{folder} 中没有 .txt 或 .md 文件")
    print(printable(note), file=sys.stderr)


def _jobs(targets, resolver: Resolver, options, fmt: str) -> list[FileJob]:
    jobs = []
    for path, data in targets:
        config = resolver.for_path(path)
        if is_excluded(config, path):
            continue
        jobs.append(FileJob(path=path, data=data, rules=tuple(options.rules) + config.rules,
                            select=config.select, ignore=config.ignore, path_ignores=ignored_for(config, path),
                            severity=config.severity, lang=options.lang, excerpts=fmt == "rich",
                            facts_only=options.facts))
    return jobs


def _validate(resolver: Resolver, options) -> list:
    """Load every rule set the configurations use, check the codes they name; the rules of all of them."""
    rules = {}
    for config in resolver.base_configs():
        ruleset = _load(tuple(options.rules) + config.rules).ruleset
        check_codes(config, (rule.id for rule in ruleset.rules))
        rules.update((rule.id, rule) for rule in ruleset.rules if rule.id not in rules)
    builtin = _load(tuple(options.rules)).ruleset
    rules.update((rule.id, rule) for rule in builtin.rules if rule.id not in rules)
    for flag, lists in (("--select", options.select), ("--ignore", options.ignore)):
        for code in (code for codes in lists for code in codes):
            if not any(rule_id.startswith(code) for rule_id in rules):
                raise UsageError(f"{flag}：没有规则代码以 {code} 开头（gxlint --list-rules 列出全部规则）",
                                 f"{flag}: no rule code starts with {code} (gxlint --list-rules lists them all)")
    return list(rules.values())


def _run_jobs(jobs: list[FileJob], options, fmt: str) -> list[FileResult]:
    workers = options.jobs or available_cores()
    if fmt != "rich" or len(jobs) < PROGRESS_MIN_FILES or not sys.stdout.isatty() or not SHOW_PROGRESS:
        return lint_all(jobs, workers)
    from rich.progress import Progress

    # No refresh thread: worker processes are forked while the bar is shown.
    with Progress(console=_console(), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("gxlint", total=len(jobs))

        def done():
            progress.advance(task)
            progress.refresh()

        return lint_all(jobs, workers, done)


def exit_code(results, fail_on: str = "error", exit_zero: bool = False) -> int:
    if any(result.error for result in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[finding.severity] >= threshold for result in results for finding in result.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _document_rules(options, resolver: Resolver) -> int:
    from .reporters import rules_doc

    config = resolver.for_folder(os.getcwd())
    ruleset = _load(tuple(options.rules) + config.rules).ruleset
    if options.explain:
        rule = ruleset.by_id(options.explain.upper())
        if rule is None:
            raise UsageError(f"没有规则 {options.explain}（gxlint --list-rules 列出全部规则）",
                             f"no rule {options.explain} (gxlint --list-rules lists them all)")
        rules_doc.explain(rule, sys.stdout, options.lang)
    else:
        rules_doc.list_rules(ruleset.rules, sys.stdout, options.lang)
    return EXIT_OK


def _baseline():
    from . import baseline      # imported only when a baseline is used

    return baseline


def _write_baseline(results, options) -> None:
    count = _baseline().write(options.write_baseline, results)
    note = (f"gxlint: recorded {count} findings in {options.write_baseline}" if options.lang == "en"
            else f"gxlint: 已把 {count} 个问题记入基线 {options.write_baseline}")
    print(note, file=sys.stderr)


def run(argv: Sequence[str] | None = None) -> int:
    options = parse(sys.argv[1:] if argv is None else argv)
    if options.server:
        from .server import serve
        return serve()
    fmt = _output_format(options.format)
    _check_options(options, fmt)
    resolver = Resolver(options.config, (c for codes in options.select for c in codes),
                        (c for codes in options.ignore for c in codes))
    if options.list_rules or options.explain:
        return _document_rules(options, resolver)
    if not options.paths:
        raise UsageError("请给出要检查的文件或文件夹，例如：gxlint 年报.txt",
                         "name the files or folders to check, e.g. gxlint report.txt")
    recorded = _baseline().read(options.baseline) if options.baseline else None
    jobs = _jobs(_targets(options), resolver, options, fmt)
    rules = _validate(resolver, options)
    if TUNE_GC:
        # Templates and rules live as long as the process: the collector need not look at
        # them again (linter.client has already made its passes rarer).
        gc.freeze()
    results = _run_jobs(jobs, options, fmt)
    if options.facts:
        _write_facts(results, fmt)
        return exit_code(results, exit_zero=True)
    if options.write_baseline:
        _write_baseline(results, options)
        return exit_code(results, exit_zero=True)
    if recorded is not None:
        _baseline().new_findings(results, recorded, options.baseline)
    _write_findings(results, fmt, options, rules)
    return exit_code(results, options.fail_on, options.exit_zero)


def _write_facts(results, fmt: str) -> None:
    from .reporters import facts as facts_reporter
    if fmt == "json":
        facts_reporter.write_json(results, sys.stdout)
    elif fmt == "rich":
        facts_reporter.write_rich(results, _console())
    else:
        facts_reporter.write_text(results, sys.stdout)
    if fmt != "json":
        for result in results:
            if result.error:
                print(f"{result.path}: {result.error}", file=sys.stderr)


def _write_findings(results, fmt: str, options, rules) -> None:
    # Each format imports what it needs (XML, URLs, Rich) only when chosen.
    lang = options.lang
    rows = None
    if options.statistics:
        from .reporters import statistics
        rows = statistics.count(results, lang)
    if fmt == "json":
        from .reporters import json_format
        json_format.write(results, sys.stdout, rows)
    elif fmt == "sarif":
        from .reporters import sarif
        sarif.write(results, sys.stdout, rules, lang)
    elif fmt == "github":
        from .reporters import github
        github.write(results, sys.stdout)
    elif fmt == "junit":
        from .reporters import junit
        junit.write(results, sys.stdout)
    elif fmt == "rich":
        if rows is not None:
            statistics.write_rich(rows, _console(), lang)
        else:
            from .reporters import rich_format
            rich_format.write(results, _console(), lang)
    elif rows is not None:
        statistics.write_text(rows, sys.stdout)
    else:
        from .reporters import concise
        concise.write(results, sys.stdout)


def _lang_of(argv: Sequence[str]) -> str:
    """The --lang the arguments ask for, read before argparse so that its own errors can use it."""
    argv = [str(arg) for arg in argv]
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


def main(argv: Sequence[str] | None = None) -> int:
    lang = _lang_of(sys.argv[1:] if argv is None else argv)
    try:
        return run(argv)
    except SystemExit as exit:          # argparse: --help, --version, or bad arguments (already explained)
        return exit.code if isinstance(exit.code, int) else EXIT_ERROR
    except TwoLanguageError as error:     # usage, configuration, baseline
        print(f"gxlint: {error.text(lang)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
