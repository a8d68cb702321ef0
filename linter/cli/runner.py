"""Linting many files: one job per file, in parallel on all cores for more than a handful.

A job names everything its file needs (rule files, the configuration's selection
and severities, the language), so that a worker process can run it alone.
Results come back in the order of the jobs whichever way they ran, so ``--jobs 1``
and ``--jobs N`` print the same.

A file runs through the stages in turn: read (:mod:`linter.read`), bind
(:mod:`linter.bind`), check (:mod:`linter.check`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..bind import BoundReport, bind_report
from ..check.engine import run_rules
from ..check.findings import Finding
from ..check.loading import load_all
from ..read import ReadError, read_document
from ..read.files import read_bytes
from .config import is_selected, severity_for

PARALLEL_MIN_FILES = 8


@dataclass(frozen=True)
class FileJob:
    path: str                                  # as the user named it; findings carry this name
    data: bytes | None = None                  # the bytes of standard input; None: read the file
    rules: tuple[str, ...] = ()                # rule files and folders beside the built-in ones
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    path_ignores: tuple[str, ...] = ()         # per-file-ignores for this file: always win
    severity: tuple[tuple[str, str], ...] = ()
    lang: str = "zh"
    keep_report: bool = False                  # send the bound report back (--facts, --text, html)
    excerpts: bool = False                     # cut out the row or line of each finding (rich)
    run_rules: bool = True                     # False: read and bind only (--facts, --text)


@dataclass
class FileResult:
    path: str
    error: str | None = None
    error_line: int = 1
    error_column: int = 1
    templates: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    report: BoundReport | None = None
    excerpts: dict = field(default_factory=dict)     # finding's range -> Excerpt (rich)

    @property
    def binding(self):
        return self.report.binding if self.report else None


def reports(job: FileJob, rule_id: str) -> bool:
    return is_selected(rule_id, job.select, job.ignore) and not any(rule_id.startswith(code)
                                                                      for code in job.path_ignores)


def lint_one(job: FileJob) -> FileResult:
    loaded = load_all(job.rules)
    try:
        data = job.data if job.data is not None else read_bytes(job.path)
        document = read_document(job.path, data)
    except ReadError as error:
        return FileResult(job.path, error=error.text(job.lang), error_line=error.line, error_column=error.column)
    report = bind_report(document, loaded.catalog)
    result = FileResult(job.path, templates=list(report.binding.templates),
                        report=report if job.keep_report else None)
    if job.run_rules:
        findings = run_rules(report, loaded.ruleset, lang=job.lang,
                             severity_of=lambda rule: severity_for(job.severity, rule.id, rule.severity))
        result.findings = [finding for finding in findings if reports(job, finding.rule)]
    if job.excerpts:
        from ..report.rich_format import excerpt, place

        result.excerpts = {place(finding): excerpt(report, finding, job.lang) for finding in result.findings}
    return result


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def lint_all(jobs: Sequence[FileJob], workers: int = 1, done: Callable[[], None] | None = None) -> list[FileResult]:
    """Run *jobs*, in worker processes when there are enough of them; *done* is called after each."""
    done = done or (lambda: None)
    if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES:
        results = _in_pool(jobs, workers, done)
        if results is not None:
            return results
    results = []
    for job in jobs:
        results.append(lint_one(job))
        done()
    return results


def _in_pool(jobs: Sequence[FileJob], workers: int, done: Callable[[], None]) -> list[FileResult] | None:
    """Results in job order, or None when no pool can be had (the caller then runs them here)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork hands the workers the rules the parent has already loaded; elsewhere it is unsafe or missing.
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    workers = min(workers, len(jobs))
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
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
