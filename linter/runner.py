"""Linting many files: one job per file, in parallel on all cores for more than a handful.

A job names everything its file needs (rule files, the configuration's
selection and severities, the language), so a worker process can run it
alone. It sends back only what the reporters need: the findings, the templates
found and, for the rich format, the table row or prose line each finding is
about. Results come back in the order of the jobs whichever way they ran, so
``--jobs 1`` and ``--jobs N`` print the same.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from . import regex_cache
from .config import is_selected, severity_for
from .document import LoadedReport, load, read_bytes
from .record import FrozenRecord, ValueRecord
from .source import SourceError

PARALLEL_MIN_FILES = 8


class FileJob(FrozenRecord):
    path: str                                  # as the user named it; findings carry this name
    data: bytes | None                         # the bytes of standard input; None: read the file
    rules: tuple[str, ...]                     # rule files and folders beside the built-in ones
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    path_ignores: tuple[str, ...]              # per-file-ignores for this file: always win
    severity: tuple[tuple[str, str], ...]
    lang: str
    excerpts: bool                             # keep the row or line of each finding (rich format)
    facts_only: bool                           # --facts: keep the loaded report, run no rules

    def __init__(self, path, data=None, rules=(), select=None, ignore=(), path_ignores=(), severity=(),
                 lang="zh", excerpts=False, facts_only=False):
        self.path = path
        self.data = data
        self.rules = rules
        self.select = select
        self.ignore = ignore
        self.path_ignores = path_ignores
        self.severity = severity
        self.lang = lang
        self.excerpts = excerpts
        self.facts_only = facts_only


class FileResult(ValueRecord):
    path: str
    error: str | None
    templates: list[str]
    findings: list
    excerpts: dict                                 # (line, column, end_line, end_column) -> Excerpt
    report: LoadedReport | None                     # only for --facts, which runs in this process

    def __init__(self, path, error=None, templates=None, findings=None, excerpts=None, report=None):
        self.path = path
        self.error = error
        self.templates = [] if templates is None else templates
        self.findings = [] if findings is None else findings
        self.excerpts = {} if excerpts is None else excerpts
        self.report = report

    @property
    def binding(self):
        return self.report.binding if self.report else None


def reports(job: FileJob, rule_id: str) -> bool:
    return is_selected(rule_id, job.select, job.ignore) and not any(rule_id.startswith(code)
                                                                      for code in job.path_ignores)


def lint_one(job: FileJob) -> FileResult:
    from .checks import CHECKS
    from .engine import run_rules
    from .loading import load_all

    loaded = load_all(job.rules)
    try:
        data = job.data if job.data is not None else read_bytes(job.path)
        report = load(job.path, data, loaded.catalog)
    except SourceError as error:
        return FileResult(job.path, error=str(error))
    result = FileResult(job.path, templates=list(report.binding.templates))
    if job.facts_only:
        result.report = report
        return result
    findings = run_rules(report, loaded.ruleset, CHECKS, lang=job.lang,
                         severity_of=lambda rule: severity_for(job.severity, rule.id, rule.severity))
    result.findings = [finding for finding in findings if reports(job, finding.rule)]
    if job.excerpts:
        from .reporters.rich_format import excerpt

        for finding in result.findings:
            where = (finding.line, finding.column, finding.end_line, finding.end_column)
            result.excerpts[where] = excerpt(report.document, finding)
    return result


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def lint_all(jobs: Sequence[FileJob], workers: int = 1, done: Callable[[], None] | None = None) -> list[FileResult]:
    """Run *jobs*, in worker processes when there are enough of them; *done* is called after each."""
    done = done or (lambda: None)
    if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES and not any(job.facts_only for job in jobs):
        results = _in_pool(jobs, workers, done)
        if results is not None:
            return results
    results = []
    for job in jobs:
        results.append(lint_one(job))
        done()
    regex_cache.save()      # the patterns of mention rules are compiled when a report first needs them
    return results


def _context():
    import multiprocessing

    # fork hands the workers the rules the parent has already loaded; elsewhere it is unsafe or missing.
    return multiprocessing.get_context("fork") if sys.platform == "linux" else None


def _in_pool(jobs: Sequence[FileJob], workers: int, done: Callable[[], None]) -> list[FileResult] | None:
    """Results in job order, or None when no pool can be had (the caller then runs them here)."""
    # Imported here: a single file needs no pool, and these imports cost more than linting it.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    workers = min(workers, len(jobs))
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    except (OSError, NotImplementedError, ImportError):
        return None
    results = []
    try:
        with pool:
            for result in pool.map(lint_one, jobs, chunksize=max(1, len(jobs) // (workers * 8))):
                results.append(result)
                done()
    except (BrokenProcessPool, OSError):
        return None
    return results
