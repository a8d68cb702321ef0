"""linter.client: the command ends its process at once, with all of its output and its status."""

import json
import os
import subprocess
import sys

from .conftest import fixture_path
from linter.cli import main

ROOT = fixture_path("seeds/002").parents[3]


def command(*args: str, **options) -> subprocess.CompletedProcess:
    env = {**os.environ, "GXLINT_SERVER": "off"}
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=ROOT, capture_output=True, env=env,
                          check=False, **options)


def test_the_command_writes_all_it_found_and_ends_with_its_status(capsys):
    seed = str(fixture_path("seeds/002"))
    expected = main(["--format", "concise", seed]), capsys.readouterr().out
    done = command("--format", "concise", seed)
    assert (done.returncode, done.stdout.decode("utf-8")) == expected and expected[0] == 1
    assert done.stderr == b""


def test_a_long_output_is_written_whole_alone_and_with_workers():
    folder = str(fixture_path("seeds/002").parent.parent)
    for jobs in ("1", "2"):                             # worker processes: the process ends as usual
        done = command("--format", "json", "--jobs", jobs, folder)
        assert done.returncode == 1 and len(json.loads(done.stdout)["files"]) > 15, done.stderr


def test_a_reader_that_stops_early_costs_no_error():
    folder = str(fixture_path("seeds/002").parent.parent)
    env = {**os.environ, "GXLINT_SERVER": "off"}
    shell = f"{sys.executable} -m linter --format concise {folder} | head -n 1"
    done = subprocess.run(["sh", "-c", shell], cwd=ROOT, capture_output=True, env=env, check=False, text=True)
    assert done.stdout.count("\n") == 1 and "Traceback" not in done.stderr


def test_usage_errors_keep_their_status():
    assert command("--format", "bogus", "x.txt").returncode == 2
    assert command("--version").returncode == 0
