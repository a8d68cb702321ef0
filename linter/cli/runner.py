"""Linting many files: one job per file, in parallel on all cores for more than a handful.

A job names everything its file needs (rule files, the configuration's selection
and severities, the language), so that a worker process can run it alone.
Results come back in the order of the jobs whichever way they ran, so ``--jobs 1``
and ``--jobs N`` print the same.

A file runs through the stages in turn: read (:mod:`linter.read`), bind
(:mod:`linter.bind`), check (:mod:`linter.check`).

Across years (:func:`cross_years`): once every file has been read, the reports of one
agency and consecutive years (and ``--previous``) are compared by the cross-year rules.
A job that takes part sends back a :class:`linter.check.years.YearFacts` (its identity
and facts, the changes its prose states), never the document; the cross-year findings
join the findings of this year's file, selected and graded as its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..bind import BoundReport, bind_report
from ..bind.identity import Identity, read_identity
from ..check.engine import run_rules
from ..check.findings import Finding
from ..check.loading import load_all
from ..read import ReadError, read_document
from ..read.files import read_bytes
from .config import is_selected, severity_for

if TYPE_CHECKING:      # the cross-year checks are imported when reports are compared
    from ..check.years import Pairing, YearFacts

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
    terminal: object | None = None             # draw the findings for it (rich_format.Terminal)
    run_rules: bool = True                     # False: read and bind only (--facts, --text)
    agency: str | None = None                  # whose report it is, as the configuration says
    year: int | None = None                    # on which year, as the configuration says
    years: bool = False                        # send back what the cross-year pass needs


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
    drawn: tuple | None = None                       # the findings drawn for job.terminal (rich)
    identity: Identity | None = None
    years: YearFacts | None = None

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
                        report=report if job.keep_report else None, identity=identify(report, job))
    if job.run_rules:
        findings = run_rules(report, loaded.ruleset, lang=job.lang,
                             severity_of=lambda rule: severity_for(job.severity, rule.id, rule.severity))
        result.findings = [finding for finding in findings if reports(job, finding.rule)]
    if job.years:
        from ..check.years import year_facts

        result.years = year_facts(report, result.identity, loaded.ruleset.rules)
    if job.excerpts:
        from ..report.rich_format import excerpts

        result.excerpts = excerpts(report, result.findings, job.lang)
    if job.terminal is not None and result.findings:
        from ..report.rich_format import drawn

        result.drawn = drawn(result, job.terminal, job.lang)
    return result


def identify(report: BoundReport, job: FileJob) -> Identity:
    """The report's agency and year: its front-matter line, else the configuration, else its text."""
    identity = read_identity(report.document, report.dates)
    return identity.with_settings(job.agency if identity.agency_from != "front matter" else None,
                                  job.year if identity.year_from != "front matter" else None, "config")


def cross_years(jobs: Sequence[FileJob], results: list[FileResult], previous: FileResult | None = None) -> Pairing:
    """Pair the reports by agency and year (*previous*: last year's for those that have none among
    them) and add the cross-year findings to this year's results."""
    from ..check.rules import year_rules
    from ..check.years import YearRules, check_pair, pair_reports

    summaries = [result.years for result in results if result.years is not None]
    pairing = pair_reports(summaries, previous.years if previous is not None else None)
    by_path = {result.path: (job, result) for job, result in zip(jobs, results)}
    rule_sets: dict[tuple[str, ...], YearRules] = {}
    for this, last in pairing.pairs:
        job, result = by_path[this.path]
        if job.rules not in rule_sets:
            loaded = load_all(job.rules)
            rule_sets[job.rules] = YearRules(year_rules(loaded.ruleset.rules), loaded.catalog)
        found = check_pair(this, last, rule_sets[job.rules], lang=job.lang,
                           severity_of=lambda rule, job=job: severity_for(job.severity, rule.id, rule.severity))
        result.findings.extend(finding for finding in found if reports(job, finding.rule))
        result.findings.sort(key=lambda finding: finding.sort_key)
    return pairing


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
