"""One check of one open report: the command line's pipeline and configuration, kept for
hovers and quick fixes.

A report's findings here are the command line's own: the file's configuration is
looked up from its folder as ``gxlint FILE`` does (``gxlint.yaml``, ``.gxlint.yaml``,
``pyproject.toml``), read afresh for every check so that an edited configuration
applies at once, and the file goes through :func:`linter.cli.runner.lint_one`.
Rules and templates stay loaded between checks (:func:`linter.check.loading.load_all`
reloads a rule file whose modification time changed).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

from ..bind import BoundReport
from ..bind.binder import Fact
from ..check.expr import keys_in
from ..check.findings import Finding
from ..check.loading import Loaded, load_all
from ..cli.config import Config, Resolver, check_codes, ignored_for, is_excluded
from ..cli.runner import FileJob, lint_one
from ..messages import TwoLanguageError

# Files whose bytes an editor does not send: read from disk when opened or saved.
DISK_SUFFIXES = (".docx", ".pdf", ".doc")
# Files that configure gxlint or hold rules: never checked as reports.
DATA_SUFFIXES = (".yaml", ".yml", ".toml")


@dataclass(frozen=True)
class Settings:
    """What the editor (``initializationOptions``) or the ``gxlint --lsp`` command line chose."""
    lang: str = "zh"
    config: str | None = None              # one configuration file for every report (--config)
    rules: tuple[str, ...] = ()            # more rule files and folders (--rules)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_docs: str | None = None           # an address with {code}, for each diagnostic's link


@dataclass(frozen=True)
class Problem:
    """Why a report could not be checked: its text, and where (for a file that cannot be read)."""
    message: str
    line: int = 1
    column: int = 1


@dataclass(eq=False)
class Analysis:
    path: str
    source: str | None                     # the text checked (None: the file on disk)
    findings: list[Finding] = field(default_factory=list)
    report: BoundReport | None = None
    loaded: Loaded | None = None
    config: Config | None = None
    problem: Problem | None = None
    excluded: bool = False

    @property
    def document(self):
        return self.report.document if self.report else None

    def fact_at(self, line: int, column: int) -> Fact | None:
        """The fact whose cell holds (line, column), its end included (an empty cell has no width)."""
        for fact in self.facts():
            cell = fact.cell
            end_line = cell.end_line or cell.line
            if (cell.line, cell.column) <= (line, column) <= (end_line, cell.end_column or cell.column):
                return fact
        return None

    def fact_starting(self, line: int, column: int) -> Fact | None:
        return next((fact for fact in self.facts() if (fact.cell.line, fact.cell.column) == (line, column)), None)

    def facts(self) -> list[Fact]:
        if self.report is None:
            return []
        return [fact for table in self.report.binding.tables for fact in table.facts.values()]


def kind_of(path: str) -> str:
    """``disk`` for a file read from disk, ``data`` for configuration and rules, else ``text``."""
    lower = path.lower()
    if lower.endswith(DISK_SUFFIXES):
        return "disk"
    if lower.endswith(DATA_SUFFIXES):
        return "data"
    return "text"


def analyse(path: str, source: str | None, settings: Settings) -> Analysis:
    """Check *source* (the editor's text) as the report *path*, or the file itself when None."""
    analysis = Analysis(path=path, source=source)
    try:
        config = Resolver(settings.config, settings.select, settings.ignore).for_path(path)
        analysis.config = config
        if is_excluded(config, path):
            analysis.excluded = True
            return analysis
        rules = tuple(settings.rules) + config.rules
        analysis.loaded = load_all(rules)
        check_codes(config, (rule.id for rule in analysis.loaded.ruleset.rules))
    except TwoLanguageError as error:        # configuration, rule files, templates
        analysis.problem = Problem(f"gxlint: {error.text(settings.lang)}")
        return analysis
    data = source.encode("utf-8", "surrogatepass") if source is not None else None
    job = FileJob(path=path, data=data, rules=rules, select=config.select, ignore=config.ignore,
                  path_ignores=ignored_for(config, path), severity=config.severity, lang=settings.lang,
                  keep_report=True)
    try:
        result = lint_one(job)
    except OSError as error:                 # the file on disk is gone or unreadable
        analysis.problem = Problem(f"gxlint: {error.strerror or error}")
        return analysis
    if result.error:
        analysis.problem = Problem(result.error, result.error_line, result.error_column)
        return analysis
    analysis.report = result.report
    analysis.findings = result.findings
    return analysis


def rules_using(loaded: Loaded, template_id: str, key: str) -> list:
    """The rules that read the fact *key* of a report in *template_id*."""
    return [rule for rule in loaded.ruleset.rules if key in _keys_read(loaded, template_id).get(rule.id, ())]


@lru_cache(maxsize=32)
def _keys_read(loaded: Loaded, template_id: str) -> dict[str, frozenset[str]]:
    """Rule id -> every fact key its assertions, conditions and prose entries read in *template_id*."""
    template = loaded.catalog.get(template_id)
    found: dict[str, frozenset[str]] = {}
    for rule in loaded.ruleset.rules:
        keys: set[str] = set()
        for instance in loaded.ruleset.instances(rule, template_id):
            keys.update(keys_in(instance.assertion))
            if instance.when is not None:
                keys.update(keys_in(instance.when))
        if rule.kind == "mention" and template is not None and rule.names(template_id):
            for entry in rule.entries:
                bound = entry.bound_to(template)
                if bound is not None:
                    keys.update(keys_in(bound))
        if keys:
            found[rule.id] = frozenset(keys)
    return found


def path_of(uri: str, fs_path: str | None, root: str | None) -> str:
    """The file name a document is checked under: its path, or for an unsaved buffer
    (``untitled:``) a name in the workspace folder, so that the configuration there applies."""
    if fs_path:
        return fs_path
    name = uri.rsplit("/", 1)[-1] or "untitled.txt"
    return os.path.join(root or os.getcwd(), name)
