"""Shared helpers: the real reports under tests/fixtures, loaded through the whole pipeline."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The whole session shares one fresh cache folder (never the user's own): the first runs
# build the cache, the later ones read it, and subprocesses started by tests see it too.
os.environ["GXLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="gxlint-test-cache-")

from linter.document import LoadedReport, load
from linter.templates import builtin_catalog

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
REAL = sorted((FIXTURES / "real").glob("*.txt"))


def fixture_path(name: str) -> Path:
    """``seeds/002`` or ``real/web-003`` (file name prefix) to the fixture's path."""
    folder, prefix = name.split("/")
    (path,) = [p for p in (FIXTURES / folder).glob("*.txt") if p.name.startswith(prefix)]
    return path


def fixture_text(name: str) -> str:
    return fixture_path(name).read_text(encoding="utf-8")


def load_text(text: str, path: str = "report.txt") -> LoadedReport:
    return load(path, text.encode("utf-8"), builtin_catalog())


def load_fixture(name: str) -> LoadedReport:
    path = fixture_path(name)
    return load(str(path), path.read_bytes(), builtin_catalog())


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


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder, and a process that has loaded no rules or label forms from any."""
    from linter import cache, labels, loading

    def forget():
        cache.reset()
        loading._load.cache_clear()
        labels.forget_forms()

    monkeypatch.setenv("GXLINT_CACHE_DIR", str(tmp_path / "cache"))
    forget()
    yield tmp_path / "cache"
    forget()
