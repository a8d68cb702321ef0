"""linter.cli.runner: files linted in parallel give exactly what a sequential run gives, in the same order."""

import json
import shutil
import sys

import pytest

from linter.cli import main as cli
from linter.cli import runner
from linter.cli.main import main
from linter.cli.runner import FileJob, lint_all

from ..conftest import FIXTURES, REAL, SEEDS

REPORTS = SEEDS + REAL


def run(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pool_spy(monkeypatch):
    """Counts the process pools made, so a test knows the parallel path really ran."""
    import concurrent.futures

    made = []
    real = concurrent.futures.ProcessPoolExecutor

    def spy(*args, **kwargs):
        made.append(kwargs.get("max_workers"))
        return real(*args, **kwargs)

    # the runner imports the pool only when it makes one, from concurrent.futures
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spy)
    return made


def test_parallel_results_equal_sequential_ones(pool_spy):
    jobs = [FileJob(str(path), excerpts=True) for path in REPORTS]
    assert len(jobs) >= runner.PARALLEL_MIN_FILES
    sequential = lint_all(jobs, workers=1)
    assert pool_spy == []
    parallel = lint_all(jobs, workers=2)
    assert pool_spy == [2]
    assert [r.path for r in parallel] == [str(path) for path in REPORTS]
    assert [(r.path, r.error, r.templates, r.findings, r.excerpts) for r in parallel] == \
        [(r.path, r.error, r.templates, r.findings, r.excerpts) for r in sequential]
    assert sum(len(r.findings) for r in parallel) > 10


@pytest.mark.parametrize("fmt", ["concise", "json", "sarif", "github", "junit"])
def test_output_is_identical_with_one_job_or_many(capsys, pool_spy, fmt):
    folder = FIXTURES
    one = run(capsys, "--format", fmt, "--jobs", "1", folder)
    many = run(capsys, "--format", fmt, "--jobs", "2", folder)
    assert pool_spy == [2]
    assert one == many and one[1]


def test_few_files_are_linted_without_a_pool(capsys, pool_spy):
    run(capsys, "--format", "concise", "--jobs", "2", *SEEDS[:3])
    assert pool_spy == []


def test_unreadable_files_keep_their_place_in_parallel_runs(tmp_path, capsys):
    for index, path in enumerate(REPORTS[:9]):
        shutil.copy(path, tmp_path / f"{index:02}.txt")
    (tmp_path / "04.txt").write_bytes(b"\xff\xfe\xfa\xfb" * 3 + b"abc")
    code, out, _ = run(capsys, "--format", "json", "--jobs", "2", tmp_path)
    files = json.loads(out)["files"]
    assert code == 2 and [f["path"].rsplit("/", 1)[1] for f in files] == [f"{i:02}.txt" for i in range(9)]
    assert "error" in files[4] and all("error" not in f for i, f in enumerate(files) if i != 4)


class ProgressSpy:
    made: list = []
    advanced = 0
    refreshed = 0

    def __init__(self, *args, **kwargs):
        ProgressSpy.made.append(kwargs)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False

    def add_task(self, *args, **kwargs):
        return 0

    def advance(self, task):
        ProgressSpy.advanced += 1

    def refresh(self):
        ProgressSpy.refreshed += 1


@pytest.fixture
def progress_spy(monkeypatch):
    import rich.progress
    ProgressSpy.made, ProgressSpy.advanced, ProgressSpy.refreshed = [], 0, 0
    monkeypatch.setattr(rich.progress, "Progress", ProgressSpy)
    return ProgressSpy


@pytest.mark.parametrize("fmt, shown", [("rich", True), ("concise", False), ("json", False), ("sarif", False),
                                        ("github", False), ("junit", False)])
def test_progress_bar_only_for_rich_on_a_terminal(capsys, monkeypatch, progress_spy, fmt, shown):
    monkeypatch.setattr(cli, "PROGRESS_MIN_FILES", 3)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, _ = run(capsys, "--format", fmt, "--jobs", "1", *SEEDS)
    assert code == 1 and bool(progress_spy.made) is shown
    if fmt in ("json", "sarif"):
        json.loads(out)                      # nothing but the document on stdout


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys, monkeypatch, progress_spy):
    monkeypatch.setattr(cli, "PROGRESS_MIN_FILES", 3)
    run(capsys, "--format", "rich", *SEEDS)
    assert progress_spy.made == []


def test_no_progress_bar_for_a_few_files(capsys, monkeypatch, progress_spy):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    run(capsys, "--format", "rich", *SEEDS)
    assert len(SEEDS) < cli.PROGRESS_MIN_FILES and progress_spy.made == []


def test_the_progress_bar_is_redrawn_every_25_files(capsys, monkeypatch, progress_spy):
    # drawing costs more than checking a small report: the bar moves on every file but is drawn every 25
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    files = [SEEDS[4]] * 60
    assert len(files) >= cli.PROGRESS_MIN_FILES
    run(capsys, "--format", "rich", "--jobs", "1", *files)
    assert len(progress_spy.made) == 1 and progress_spy.made[0]["auto_refresh"] is False
    assert (progress_spy.advanced, progress_spy.refreshed) == (60, 2)


def test_jobs_must_be_positive(capsys):
    code, _, err = run(capsys, "--jobs", "0", SEEDS[0])
    assert code == 2 and "--jobs" in err


def test_a_pool_that_cannot_start_falls_back_to_this_process(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("no semaphores here")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", broken)
    jobs = [FileJob(str(path)) for path in REPORTS]
    assert [r.findings for r in lint_all(jobs, workers=2)] == [r.findings for r in lint_all(jobs, workers=1)]
