"""The ``gxlint`` command.

Usage::

    gxlint [options] PATH...        # files, or folders searched for reports
    gxlint - --stdin-filename NAME  # the report on standard input, reported as NAME
    gxlint --previous 2020.txt 2021.txt   # this year's report against last year's
    gxlint --facts PATH...          # what gxlint read from each table
    gxlint --text FILE              # the text gxlint read (line:column of findings point into it)
    gxlint --list-rules             # every rule, one a line
    gxlint --list-keys [TEMPLATE]   # every fact key a rule may use
    gxlint --explain GX201          # what a rule checks, why, and examples
    gxlint --lsp                    # a language server for editors

Exit status: 0 when nothing at the ``--fail-on`` level (default: error) was
found, 1 when something was, 2 when gxlint could not do its job (bad arguments
or configuration, unreadable file, invalid rule file); ``--exit-zero`` turns 1
into 0.

Across years: reports of one agency and consecutive years checked together (a folder,
several paths) are compared year with year by the cross-year rules (GX6xx,
:mod:`linter.check.years`); ``--previous FILE`` names last year's report for the reports
checked (FILE itself is only read, not reported on). Agency and year are read from each
report (``--facts`` shows them) or set in ``gxlint.yaml`` (``reports:``). A report whose
agency or year cannot be told is not compared; ``--previous`` with a report of another
agency, or of a year that is not the one before, is refused with a warning.

Options that do not go together (``--facts --format sarif``, ``--text
--statistics``, ``--list-rules PATH``, ``--facts --write-baseline``) are refused
with one line and exit status 2, before any file is read. ``-o FILE`` writes the
output to FILE once the run is done: a refused command leaves FILE as it was,
FILE is never checked as a report (named, it is refused; found in a folder, it
is passed over), and without ``--format`` the output is concise.

This module wires the parts together: the command line
(:mod:`.arguments`), configuration (:mod:`.config`), running the files
(:mod:`.runner`), baselines (:mod:`.baseline`) and output (:mod:`linter.report`).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from ..bind.templates import TemplateError
from ..check.findings import SEVERITY_RANK, printable
from ..check.rules import RuleError, year_rules
from ..messages import TwoLanguageError
from ..read.files import MAX_BYTES, REPORT_SUFFIXES
from .arguments import parse, requested_lang
from .config import Resolver, check_codes, ignored_for, is_excluded, report_identity
from .paths import files_under
from .runner import FileJob, FileResult, available_cores, cross_years, lint_all

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
STATISTICS_FORMATS = ("rich", "concise", "json")
FACTS_FORMATS = ("rich", "concise", "json")
PROGRESS_MIN_FILES = 50
PROGRESS_EVERY = 25


class UsageError(TwoLanguageError):
    """Bad arguments: one line for the user, exit 2."""


def _load(rule_paths: tuple[str, ...]):
    from ..check.loading import load_all

    try:
        return load_all(rule_paths)
    except (RuleError, TemplateError) as error:
        raise UsageError(str(error), error.english) from None


def _output_format(options, out) -> str:
    if options.format:
        return options.format
    return "rich" if out.isatty() else "concise"


def _check_options(options, fmt: str) -> None:
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("--jobs 应为正整数", "--jobs must be a positive number")
    if options.statistics and fmt not in STATISTICS_FORMATS:
        raise UsageError(f"--statistics 只用于 {', '.join(STATISTICS_FORMATS)} 格式",
                         f"--statistics goes with the {', '.join(STATISTICS_FORMATS)} formats only")
    if options.facts and fmt not in FACTS_FORMATS:
        raise UsageError(f"--facts 只用于 {', '.join(FACTS_FORMATS)} 格式",
                         f"--facts goes with the {', '.join(FACTS_FORMATS)} formats only")
    if options.facts and options.statistics:
        raise UsageError("--facts 与 --statistics 不能同时使用", "--facts and --statistics do not go together")
    if options.text and (options.format or options.statistics):
        raise UsageError("--text 只输出纯文本，不与 --format、--statistics 同用",
                         "--text prints plain text: it takes no --format or --statistics")
    documents = options.list_rules or options.explain or options.list_keys is not None
    if documents and (options.paths or options.statistics or options.format not in (None, "rich", "concise")):
        raise UsageError("--list-rules、--list-keys、--explain 不检查文件，不与 PATH、--statistics、--format 同用",
                         "--list-rules, --list-keys and --explain check no files: they take no PATH, "
                         "--statistics or --format")
    if (documents or options.facts or options.text) and (options.baseline or options.write_baseline):
        mode = _mode_name(options)
        raise UsageError(f"{mode} 不做检查，不与 --baseline、--write-baseline 同用",
                         f"{mode} reports no findings: it takes no --baseline or --write-baseline")
    if options.write_baseline and (options.statistics or options.output):
        raise UsageError("--write-baseline 只把问题记入基线，不输出，不与 --statistics、-o 同用",
                         "--write-baseline records the findings and prints none: it takes no --statistics or -o")
    if options.paths.count("-") > 1:
        raise UsageError("标准输入（-）只能读取一次", "standard input (-) can be read only once")
    if options.stdin_filename and "-" not in options.paths:
        raise UsageError("--stdin-filename 要与 PATH - 一起使用", "--stdin-filename goes with the PATH -")
    if options.previous and (documents or options.facts or options.text):
        raise UsageError("--previous 用于检查报告，不与 --facts、--text、--list-rules、--list-keys、--explain 同用",
                         "--previous goes with checking reports: it takes no --facts, --text, --list-rules, "
                         "--list-keys or --explain")
    if options.previous == "-" or (options.previous and os.path.isdir(options.previous)):
        raise UsageError("--previous 应为上一年的一个报告文件", "--previous should name one file: last year's report")


def _mode_name(options) -> str:
    for flag, chosen in (("--facts", options.facts), ("--text", options.text), ("--list-rules", options.list_rules),
                         ("--explain", options.explain), ("--list-keys", options.list_keys is not None)):
        if chosen:
            return flag
    return ""


def _read_stdin() -> bytes:
    # No more than a file is read (an endless pipe such as cat /dev/zero would fill the memory),
    # and one byte more, so that reading the report says it is too large.
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read(MAX_BYTES + 1) if stream is not None else sys.stdin.read(MAX_BYTES + 1).encode("utf-8")


def _warn(chinese: str, english: str, lang: str) -> None:
    print(printable(f"gxlint: warning: {english}" if lang == "en" else f"gxlint: 警告：{chinese}"), file=sys.stderr)


def _targets(options, resolver: Resolver) -> list[tuple[str, bytes | None]]:
    """(name, bytes of standard input or None) for every report to lint, in a stable order."""
    targets: list[tuple[str, bytes | None]] = []
    for name in options.paths:
        if name == "-":
            path = options.stdin_filename or "-"
            if not _excluded_named(path, resolver, options):
                targets.append((path, _read_stdin()))
        elif os.path.isdir(name):
            found = [path for path in files_under(name, REPORT_SUFFIXES, options.respect_gitignore)
                     if not is_excluded(resolver.for_path(path), path) and not _is_output(path, options)]
            if not found:
                _warn(f"{name} 中没有要检查的报告（{'、'.join(REPORT_SUFFIXES)}）",
                      f"no reports ({', '.join(REPORT_SUFFIXES)}) in {name}", options.lang)
            targets.extend((path, None) for path in found)
        elif _is_output(name, options):
            raise UsageError(f"-o {options.output} 会覆盖要检查的报告 {name}",
                             f"-o {options.output} would overwrite the report {name} being checked")
        elif not _excluded_named(name, resolver, options):
            targets.append((name, None))
    return targets


def _is_output(path: str, options) -> bool:
    """Whether *path* is the -o file (a report named so is refused; one found in a folder skipped)."""
    if not options.output:
        return False
    try:
        return os.path.samefile(path, options.output)
    except OSError:
        return False


def _excluded_named(path: str, resolver: Resolver, options) -> bool:
    """A file named on the command line that the configuration excludes: checked, with a warning, unless
    --force-exclude (for tools such as pre-commit that name every file), which leaves it out silently."""
    config = resolver.for_path(path)
    if not is_excluded(config, path):
        return False
    if options.force_exclude:
        return True
    _warn(f"{path} 被 {config.source} 的 exclude 排除；因在命令行上直接给出，照常检查（--force-exclude 则不检查）",
          f"{path} is excluded by {config.source}; checked since it was named (--force-exclude skips it)",
          options.lang)
    return False


def _across_years(targets, options) -> bool:
    """Whether the reports are compared year with year: --previous, or more than one report."""
    return not (options.facts or options.text) and (bool(options.previous) or len(targets) > 1)


def _terminal(options, fmt: str, out):
    """Where the rich format's findings will be shown, for the workers to draw them."""
    if fmt != "rich" or options.facts or options.text or options.statistics or options.write_baseline:
        return None
    from ..report.rich_format import Terminal

    return Terminal.of(_console(out))


def _jobs(targets, resolver: Resolver, options, fmt: str, terminal=None) -> list[FileJob]:
    jobs = []
    shown = options.facts or options.text or fmt == "html"
    years = _across_years(targets, options) or options.statistics or fmt == "html"
    for path, data in targets:
        config = resolver.for_path(path)
        agency, year = report_identity(config, path)
        jobs.append(FileJob(path=path, data=data, rules=tuple(options.rules) + config.rules,
                            select=config.select, ignore=config.ignore, path_ignores=ignored_for(config, path),
                            severity=config.severity, lang=options.lang, keep_report=shown,
                            excerpts=fmt == "rich", terminal=terminal, run_rules=not (options.facts or options.text),
                            agency=agency, year=year, years=years))
    return jobs


def _previous_job(options, resolver: Resolver) -> FileJob:
    """Last year's report: read for the cross-year rules, not reported on."""
    path = options.previous
    if _is_output(path, options):
        raise UsageError(f"-o {options.output} 会覆盖上一年的报告 {path}",
                         f"-o {options.output} would overwrite last year's report {path}")
    config = resolver.for_path(path)
    agency, year = report_identity(config, path)
    return FileJob(path=path, rules=tuple(options.rules) + config.rules, lang=options.lang, run_rules=False,
                   agency=agency, year=year, years=True)


def _compare_years(jobs: list[FileJob], results: list[FileResult], previous: FileResult | None, options):
    """The cross-year pass, its refusals and ambiguities told on standard error."""
    pairing = cross_years(jobs, results, previous)
    for path, last, why in pairing.refused:
        kind, before, after = why.split("|", 2)
        if kind == "years":
            _warn(f"--previous {last} 是 {before} 年的报告，不是 {path}（{after} 年）的上一年，未做跨年度比较",
                  f"--previous {last} is a report on {before}, not on the year before {path} ({after}): "
                  "not compared", options.lang)
        else:
            _warn(f"--previous {last} 是{before}的报告，{path} 是{after}的，不是同一机关，未做跨年度比较",
                  f"--previous {last} is a report of “{before}” and {path} one of “{after}”: not one agency, "
                  "not compared", options.lang)
    for agency, year, paths in pairing.duplicates:
        _warn(f"{agency} {year} 年有 {len(paths)} 份内容不同的报告（{'、'.join(paths)}），未与下一年比较",
              f"“{agency}” has {len(paths)} differing reports on {year} ({', '.join(paths)}): the next year "
              "is not compared with them", options.lang)
    return pairing


def _validate(resolver: Resolver, options) -> list:
    """Load every rule set the configurations use, check the codes they name; the rules of all of them."""
    rules = {}
    for config in resolver.base_configs():
        loaded = _load(tuple(options.rules) + config.rules)
        ruleset = loaded.ruleset
        check_codes(config, (rule.id for rule in ruleset.rules))
        _check_year_rules(loaded)
        rules.update((rule.id, rule) for rule in ruleset.rules if rule.id not in rules)
    loaded = _load(tuple(options.rules))
    _check_year_rules(loaded)
    builtin = loaded.ruleset
    rules.update((rule.id, rule) for rule in builtin.rules if rule.id not in rules)
    for flag, lists in (("--select", options.select), ("--ignore", options.ignore)):
        for code in (code for codes in lists for code in codes):
            if not any(rule_id.startswith(code) for rule_id in rules):
                raise UsageError(f"{flag}：没有规则代码以 {code} 开头（gxlint --list-rules 列出全部规则）",
                                 f"{flag}: no rule code starts with {code} (gxlint --list-rules lists them all)")
    return list(rules.values())


def _check_year_rules(loaded) -> None:
    """A user's cross-year rule must fit some pair of templates (gxlint's own are checked by its tests)."""
    from ..check.expr import ExprError
    from ..check.loading import builtin_rule_files

    builtin = set(builtin_rule_files())
    users = [rule for rule in year_rules(loaded.ruleset.rules) if rule.source not in builtin]
    if not users:
        return
    from ..check.years import validate

    for rule in users:
        try:
            validate(rule, loaded.catalog)
        except (ExprError, RuleError) as error:
            raise UsageError(f"{rule.source}：规则 {rule.id}：{error}",
                             f"{rule.source}: rule {rule.id}: {error}") from None


def _run_jobs(jobs: list[FileJob], options, fmt: str, out) -> list[FileResult]:
    workers = options.jobs or available_cores()
    if fmt != "rich" or len(jobs) < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return lint_all(jobs, workers)
    from rich.console import Console
    from rich.progress import Progress

    # No refresh thread (worker processes are forked while the bar is shown), and a redraw every
    # few files, not every file: drawing costs more than checking a small report.
    with Progress(console=Console(file=sys.stderr), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("gxlint", total=len(jobs))
        count = 0

        def done():
            nonlocal count
            count += 1
            progress.advance(task)
            if count % PROGRESS_EVERY == 0:
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


def _document_rules(options, resolver: Resolver, out) -> int:
    from ..report import rules_doc

    config = resolver.for_folder(os.getcwd())
    loaded = _load(tuple(options.rules) + config.rules)
    if options.explain:
        rule = loaded.ruleset.by_id(options.explain.upper())
        if rule is None:
            raise UsageError(f"没有规则 {options.explain}（gxlint --list-rules 列出全部规则）",
                             f"no rule {options.explain} (gxlint --list-rules lists them all)")
        rules_doc.explain(rule, out, options.lang)
    elif options.list_keys is not None:
        templates = loaded.catalog.templates
        if options.list_keys:
            templates = [template for template in templates if template.id == options.list_keys]
            if not templates:
                known = ", ".join(template.id for template in loaded.catalog.templates)
                raise UsageError(f"没有模板 {options.list_keys}（可用：{known}）",
                                 f"no template {options.list_keys} (known: {known})")
        rules_doc.list_keys(templates, out, options.lang)
    else:
        rules_doc.list_rules(loaded.ruleset.rules, out, options.lang)
    return EXIT_OK


def run(argv: Sequence[str] | None = None, out=None) -> int:
    options = parse(sys.argv[1:] if argv is None else argv)
    if options.lsp:
        _check_lsp(options)
        from ..lsp import serve
        return serve(options)
    out = out or sys.stdout
    # With -o the output is made in memory and written once the run is done: a refused command
    # or one that cannot finish leaves an existing FILE as it was.
    target = io.StringIO() if options.output else out
    fmt = "concise" if options.text else _output_format(options, target)
    _check_options(options, fmt)
    code = _run(options, fmt, target)
    if options.output:
        with open(options.output, "w", encoding="utf-8") as stream:
            stream.write(target.getvalue())
    return code


def _check_lsp(options) -> None:
    if options.paths or options.format or options.output or options.statistics:
        raise UsageError("--lsp 经标准输入输出与编辑器通信，不与 PATH、--format、-o、--statistics 同用",
                         "--lsp talks to the editor over standard input and output: it takes no PATH, "
                         "--format, -o or --statistics")


def _run(options, fmt: str, out) -> int:
    resolver = Resolver(options.config, (c for codes in options.select for c in codes),
                        (c for codes in options.ignore for c in codes))
    if options.list_rules or options.explain or options.list_keys is not None:
        return _document_rules(options, resolver, out)
    if not options.paths:
        raise UsageError("请给出要检查的文件或文件夹，例如：gxlint 年报.txt",
                         "name the files or folders to check, e.g. gxlint report.txt")
    if options.baseline or options.write_baseline:
        from . import baseline        # with JSON: only these options need it
    recorded = baseline.read(options.baseline) if options.baseline else None
    targets = _targets(options, resolver)
    rules = _validate(resolver, options)
    jobs = _jobs(targets, resolver, options, fmt, _terminal(options, fmt, out))
    previous_job = _previous_job(options, resolver) if options.previous else None
    results = _run_jobs(jobs + ([previous_job] if previous_job else []), options, fmt, out)
    previous = results.pop() if previous_job else None
    if previous is not None and previous.error:
        results.append(previous)              # an unreadable --previous is told like any file
        previous = None
    pairing = _compare_years(jobs, results[:len(jobs)], previous, options) if _across_years(targets, options) else None
    if options.text:
        _write_text(results, out, options.lang)
        return exit_code(results, exit_zero=True)
    if options.facts:
        _write_facts(results, fmt, out, options.lang)
        return exit_code(results, exit_zero=True)
    if options.write_baseline:
        count = baseline.write(options.write_baseline, results)
        print(f"gxlint: recorded {count} findings in {options.write_baseline}" if options.lang == "en"
              else f"gxlint: 已把 {count} 个问题记入基线 {options.write_baseline}", file=sys.stderr)
        return exit_code(results, exit_zero=True)
    if recorded is not None:
        baseline.new_findings(results, recorded, options.baseline)
    _write_findings(results, fmt, options, rules, out, pairing)
    return exit_code(results, options.fail_on, options.exit_zero)


def _console(out):
    from rich.console import Console

    return Console(file=out, highlight=False)


def _write_text(results, out, lang: str) -> None:
    for result in results:
        if result.error:
            print(printable(f"{result.path}: {result.error}"), file=sys.stderr)
        else:
            out.write(result.report.document.text)
            if not result.report.document.text.endswith("\n"):
                out.write("\n")


def _write_facts(results, fmt: str, out, lang: str) -> None:
    from ..report import facts

    if fmt == "json":
        facts.write_json(results, out)
    elif fmt == "rich":
        facts.write_rich(results, _console(out), lang)
    else:
        facts.write_text(results, out, lang)


def _write_findings(results, fmt: str, options, rules, out, pairing=None) -> None:
    lang = options.lang
    rows = reports = None
    cross = {rule.id for rule in rules if rule.kind == "years"}
    if options.statistics or fmt == "html":
        from ..report import statistics

        reports = statistics.by_agency(results, pairing, cross)
    if options.statistics:
        rows = statistics.count(results, lang)
    if fmt == "json":
        from ..report import json
        json.write(results, out, rows, reports if options.statistics else None)
    elif fmt == "sarif":
        from ..report import sarif
        sarif.write(results, out, rules, lang)
    elif fmt == "github":
        from ..report import github
        github.write(results, out)
    elif fmt == "junit":
        from ..report import junit
        junit.write(results, out, options.fail_on)
    elif fmt == "html":
        from ..report import html
        html.write(results, out, lang, options.fail_on, reports)
    elif fmt == "rich":
        if rows is not None:
            statistics.write_rich(rows, _console(out), lang, reports)
        else:
            from ..report import rich_format
            rich_format.write(results, _console(out), lang)
    elif rows is not None:
        statistics.write_text(rows, out, reports, lang)
    else:
        from ..report import concise
        concise.write(results, out)


def main(argv: Sequence[str] | None = None) -> int:
    lang = requested_lang(sys.argv[1:] if argv is None else argv)
    try:
        code = run(argv)
        sys.stdout.flush()              # a closed pipe is found here, not at exit
        return code
    except SystemExit as exit:          # argparse: --help, --version, or bad arguments (already explained)
        return exit.code if isinstance(exit.code, int) else EXIT_ERROR
    except TwoLanguageError as error:     # usage, configuration, baseline, rules
        print(printable(f"gxlint: {error.text(lang)}"), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:               # gxlint … | head: the reader has all it wanted
        _discard_stdout()
        return EXIT_OK
    except OSError as error:              # -o FILE that cannot be written
        reason, name = error.strerror or str(error), error.filename or ""
        message = f"cannot write {name} ({reason})" if lang == "en" else f"无法写入 {name}（{reason}）"
        print(printable(f"gxlint: {message}"), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _discard_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def command() -> None:
    """The console entry point."""
    sys.exit(main())
