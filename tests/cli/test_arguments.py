"""linter.cli.arguments: the command line as argparse reads it, and its mistakes told in one line."""

from __future__ import annotations

import pytest

from linter.cli.arguments import FORMATS, code_list, parse, requested_lang

from .helpers import gxlint


def test_a_plain_command_line():
    options = parse(["--format", "json", "--select", "gx1, GX2", "--select=GX3", "--ignore", "gx4", "a.txt", "b/"])
    assert (options.format, options.select, options.ignore, options.paths) == \
        ("json", [["GX1", "GX2"], ["GX3"]], [["GX4"]], ["a.txt", "b/"])
    assert (options.fail_on, options.lang, options.respect_gitignore, options.jobs) == ("error", "zh", True, None)


def test_abbreviations_are_read_as_argparse_reads_them():
    assert parse(["--form", "json", "x"]).format == "json"
    assert parse(["--no-respect", "x"]).respect_gitignore is False


def test_list_keys_takes_an_optional_template():
    assert parse(["--list-keys"]).list_keys == ""
    assert parse(["--list-keys", "2019"]).list_keys == "2019"
    assert parse([]).list_keys is None


@pytest.mark.parametrize("text, codes", [("gx1, GX2", ["GX1", "GX2"]), ("GX3,", ["GX3"]), (" , ", []),
                                         ("gx112", ["GX112"])])
def test_code_lists(text, codes):
    assert code_list(text) == codes


@pytest.mark.parametrize("argv, lang", [([], "zh"), (["--lang", "en"], "en"), (["--lang=en", "x"], "en"),
                                        (["x", "--lang"], "zh"), (["--lang", "zh"], "zh")])
def test_the_language_is_known_before_argparse_reads_the_line(argv, lang):
    assert requested_lang(argv) == lang


OPTIONS = ["--format", "-o", "--output", "--lang", "--config", "--select", "--ignore", "--rules", "--fail-on",
           "--exit-zero", "--baseline", "--write-baseline", "--stdin-filename", "--statistics", "--jobs",
           "--no-respect-gitignore", "--force-exclude", "--facts", "--text", "--list-rules", "--list-keys",
           "--explain", "--lsp", "--version", "--help"]


def test_every_option_is_in_the_help(capsys):
    code, out, _ = gxlint(capsys, "--help")
    assert code == 0 and out.startswith("usage: gxlint ")
    for option in OPTIONS:
        assert f"{option} " in out or f"{option}," in out or f"{option}\n" in out, option
    assert all(fmt in out for fmt in FORMATS)
    assert "退出码：0" in out            # the epilog explains the exit status


@pytest.mark.parametrize("argv, words", [
    (["--format", "bogus", "x"], "argument --format: invalid choice: 'bogus'"),
    (["--jobs", "many", "x"], "argument --jobs: invalid int value: 'many'"),
    (["--fail-on", "fatal", "x"], "argument --fail-on: invalid choice: 'fatal'"),
    (["--baseline", "a", "--write-baseline", "b", "x"], "argument --write-baseline: not allowed with argument --baseline"),
    (["--facts", "--explain", "GX1"], "argument --explain: not allowed with argument --facts"),
    (["--exit-zero=yes", "x"], "argument --exit-zero: ignored explicit argument 'yes'"),
    (["--format"], "argument --format: expected one argument"),
    (["--nope", "x"], "unrecognized arguments: --nope"),
])
def test_argparse_mistakes_in_one_line(capsys, argv, words):
    code, out, err = gxlint(capsys, *argv)
    assert (code, out) == (2, "")
    # argparse's own words (their detail, such as the choices listed, varies with the Python version)
    assert err.startswith(f"gxlint: 参数有误：{words}") and err.endswith("（gxlint --help 列出全部选项）\n")
    assert err.count("\n") == 1
    code, out, err = gxlint(capsys, "--lang", "en", *argv)
    assert err.startswith(f"gxlint: {words}") and err.endswith(" (gxlint --help lists the options)\n")
    assert err.count("\n") == 1


def test_a_mistake_quoting_control_characters_shows_them(capsys):
    code, _, err = gxlint(capsys, "--format", "\x1b[2Jjson", "x")
    assert code == 2 and "\x1b" not in err and "\\x1b[2Jjson" in err


def test_negative_jobs_are_read_then_refused(capsys):
    assert parse(["--jobs", "-1", "x"]).jobs == -1
    code, out, err = gxlint(capsys, "--jobs", "-1", "x")
    assert (code, out, err) == (2, "", "gxlint: --jobs 应为正整数\n")
