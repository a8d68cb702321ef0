"""linter.arguments: a plain command line is read without argparse, exactly as argparse reads it."""

from __future__ import annotations

import contextlib
import io
import itertools
import random
import subprocess
import sys

import pytest

from linter.arguments import OPTIONS, build_parser, parse, read_plain

# Command-line words, plain and not: exact and abbreviated names, values argparse takes and
# refuses, paths that look like options, "--", help and version.
WORDS = [
    "a.txt", "b", "-", "", "-5", "a b", "-x y", "--", "-h", "--help", "--version",
    "--form", "--format", "json", "bogus", "--format=json", "--format=", "--format concise",
    "--lang", "en", "--lang=xx", "--select", "gx1, GX2", "--select=", "--ignore=GX3,",
    "--jobs", "3", "-1", "--jobs=-2", "--jobs=x", "--jobs= 4", "--exit-zero", "--exit-zero=1",
    "--baseline", "b.json", "--write-baseline", "--write-baseline=w.json", "--rules", "--rules=-r",
    "--stdin-filename", "--fail-on", "warning", "--fail-on=info", "--explain", "GX201", "--facts",
    "--list-rules", "--statistics", "--server", "--config", "--config=a=b", "--statistic",
]


def _argparse_reading(parser, argv: list[str]) -> dict | None:
    """What argparse makes of *argv*, or None when it stops (an error, help, version)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return vars(parser.parse_args(argv))
        except SystemExit:
            return None


def _command_lines() -> list[list[str]]:
    pairs = [list(pair) for pair in itertools.product(WORDS, repeat=2)]
    rng = random.Random(20261123)
    return pairs + [[rng.choice(WORDS) for _ in range(rng.randint(0, 7))] for _ in range(4000)]


def test_a_plain_reading_is_argparses_reading():
    parser = build_parser()
    read = 0
    for argv in _command_lines():
        plain = read_plain(argv)
        if plain is not None:
            read += 1
            assert vars(plain) == _argparse_reading(parser, argv), argv
    assert read > 1000          # the plain reading is not a path that is never taken


@pytest.mark.parametrize("argv", [
    [], ["report.txt"], ["--format", "concise", "report.txt"], ["a.txt", "b.txt", "--format=json"],
    ["--select", "gx1,GX2", "--select=GX3", "--ignore", "GX4", "folder/"],
    ["-", "--stdin-filename", "报告.txt", "--lang", "en"], ["--jobs", "2", "--fail-on", "info", "x"],
    ["--rules", "mine.yaml", "--rules=more/", "--config", "gxlint.yaml", "--exit-zero", "x"],
    ["--baseline", "b.json", "x"], ["--write-baseline=b.json", "x"], ["--statistics", "x"],
    ["--facts", "x"], ["--list-rules"], ["--explain", "gx201"], ["--server"],
])
def test_usual_command_lines_are_read_plainly(argv):
    plain = read_plain(argv)
    assert plain is not None and vars(plain) == _argparse_reading(build_parser(), argv)


@pytest.mark.parametrize("argv", [
    ["--help"], ["-h"], ["--version"], ["--form", "json", "x"], ["a", "--exit-zero", "b"],
    ["--format", "bogus", "x"], ["--jobs", "many", "x"], ["--jobs", "-1", "x"], ["--", "-x.txt"],
    ["--baseline", "a", "--write-baseline", "b"], ["--exit-zero=yes"], ["--format"],
])
def test_anything_else_is_left_to_argparse(argv):
    assert read_plain(argv) is None


def test_argparse_still_reads_and_explains_what_is_not_plain(capsys):
    assert parse(["--form", "json", "x"]).format == "json"          # an abbreviation
    assert parse(["--jobs", "-1", "x"]).jobs == -1                  # then refused by the command
    with pytest.raises(SystemExit) as stopped:
        parse(["--format", "bogus", "x"])
    assert stopped.value.code == 2 and "invalid choice: 'bogus'" in capsys.readouterr().err


def test_every_option_is_in_the_help():
    text = build_parser().format_help()
    for option in OPTIONS:
        assert option.name in text and option.help[:8] in text


def test_a_plain_run_does_not_import_argparse(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("2023年度政府信息公开工作年度报告\n", encoding="utf-8")
    program = ("import sys; from linter import cli; code = cli.main(['--format', 'concise', sys.argv[1]]); "
               "print('argparse' in sys.modules, 'gettext' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", program, str(report)], capture_output=True, text=True,
                          check=False)
    assert done.stdout.strip().splitlines()[-1] == "False False", done.stderr
