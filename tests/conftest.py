"""Shared helpers: the real reports under tests/fixtures, through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.bind import BoundReport, bind_report
from linter.bind.templates import builtin_catalog
from linter.check.engine import run_rules
from linter.check.loading import load_all
from linter.read import read_document

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
REAL = sorted((FIXTURES / "real").glob("*.txt"))


def fixture_path(name: str) -> Path:
    """``seeds/002`` or ``real/web-003`` (file name prefix; a text file unless the name says
    ``.pdf``, ``.docx``…) to the fixture's path."""
    folder, prefix = name.split("/")
    wanted = Path(prefix).suffix if Path(prefix).suffix in (".txt", ".pdf", ".docx", ".html") else ".txt"
    (path,) = [p for p in (FIXTURES / folder).iterdir() if p.name.startswith(prefix) and p.suffix == wanted]
    return path


def fixture_text(name: str) -> str:
    return fixture_path(name).read_text(encoding="utf-8")


def load_bytes(data: bytes, path: str = "report.txt") -> BoundReport:
    return bind_report(read_document(path, data), builtin_catalog())


def load_text(text: str, path: str = "report.txt") -> BoundReport:
    return load_bytes(text.encode("utf-8"), path)


def load_fixture(name: str) -> BoundReport:
    path = fixture_path(name)
    return load_bytes(path.read_bytes(), str(path))


def findings_of(report: BoundReport, rule_id: str | None = None, lang: str = "zh"):
    found = run_rules(report, load_all().ruleset, lang=lang)
    return [finding for finding in found if rule_id is None or finding.rule == rule_id]


def facts_of(report: BoundReport) -> dict[str, object]:
    """key -> value (a number) or status (blank, na, text), over all tables."""
    return {key: fact.value if fact.value is not None else fact.status
            for key, fact in report.binding.facts().items()}


def line_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the *occurrence*-th *needle* in *text*, found by plain search."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


@pytest.fixture
def catalog():
    return builtin_catalog()
