"""A plain (non-editable) install carries the grammars and rules and finds them anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from ..conftest import fixture_path
from .helpers import ROOT, gxlint


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """gxlint laid out as an install lays it out, from a copy of the sources (a build/ folder left in the
    checkout would hide a file missing from the package list).

    setuptools' build_py, as setup.py extends it, lays out the files a wheel of the package holds (the
    wheel adds only its metadata): the package list and package data of pyproject.toml, and the parsers
    Lark generates from the grammars; run so, it needs neither a download (build isolation) nor the
    ``wheel`` package, which this environment lacks.
    """
    tmp_path = tmp_path_factory.mktemp("install")
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "setup.py"):
        shutil.copy(ROOT / name, source / name)
    for name in ("linter", "grammars", "rules"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "setup.py", "-q", "build_py",
                            "--build-lib", str(site)], cwd=source, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    names = {str(path.relative_to(site)).replace("\\", "/") for path in site.rglob("*") if path.is_file()}
    return tmp_path, names


def run_installed(site, *args):
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import linter, linter.cli.main;"
              "assert linter.__file__.startswith(sys.argv[1]), linter.__file__;"
              "sys.exit(linter.cli.main.main(sys.argv[2:]))")
    elsewhere = site.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-c", script, str(site), *map(str, args)], cwd=elsewhere,
                          capture_output=True, text=True, timeout=120)


def test_the_install_holds_every_module_grammar_and_rule(installed):
    _, names = installed
    shipped = {f"linter/{path.relative_to(ROOT)}" for folder in ("grammars", "rules")
               for path in (ROOT / folder).rglob("*") if path.suffix in (".lark", ".yaml")}
    # every module and every data file of the package (such as the HTML report's page template)
    package = {str(path.relative_to(ROOT)) for path in (ROOT / "linter").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert "linter/rules/checks/prose.yaml" in shipped and "linter/cli/main.py" in package
    assert shipped - names == set() and package - names == set()
    assert {"linter/grammars/report_parser.py", "linter/grammars/expr_parser.py"} <= names


def test_the_install_parses_with_the_generated_parsers_not_with_lark(installed):
    tmp_path, _ = installed
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import linter.cli.main;"
              "code = linter.cli.main.main(['--format', 'concise', sys.argv[2]]);"
              "print(sorted(name for name in sys.modules if name.split('.')[0] == 'lark'"
              " or name.startswith('linter.grammars.')))")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "site"), str(fixture_path("seeds/002"))],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "['linter.grammars.expr_parser', 'linter.grammars.report_parser']", \
        result.stderr


def test_the_install_runs_from_another_folder(installed):
    tmp_path, _ = installed
    result = run_installed(tmp_path / "site", "--facts", "--format", "json", fixture_path("seeds/004"))
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)["files"][0]["tables"]
    assert [t["section"] for t in tables] == ["active", "apply", "review"]
    # seed 002 states a share its own numbers do not give: 20 of 44 is 45.45…%, written 45.4%
    # (GX320; a slip in the last digit only, so a warning)
    result = run_installed(tmp_path / "site", "--format", "concise", fixture_path("seeds/002"))
    assert result.returncode == 1 and ":54:27: warning GX320 " in result.stdout, result.stderr


def test_missing_builtin_rules_are_an_error_not_silence(tmp_path, monkeypatch, capsys):
    from linter.check import loading
    (tmp_path / "rules" / "checks").mkdir(parents=True)
    shutil.copytree(ROOT / "rules" / "templates", tmp_path / "rules" / "templates")
    monkeypatch.setattr(loading, "rules_dir", lambda: str(tmp_path / "rules"))
    loading._load.cache_clear()          # noqa: SLF001 -- the rules of this process were loaded before
    try:
        code, out, err = gxlint(capsys, "--format", "concise", fixture_path("seeds/002"))
    finally:
        loading._load.cache_clear()      # noqa: SLF001
    assert (code, out) == (2, "") and err == "gxlint: gxlint 的内置规则缺失，安装不完整，请重新安装\n"


def test_a_run_writes_nothing_it_was_not_asked_for(tmp_path):
    """No cache, no temporary file: a run leaves an empty home, cache and temporary folder empty
    (a folder of reports, checked in worker processes and drawn for a terminal, and one report)."""
    folders = {name: tmp_path / name for name in ("home", "cache", "tmp")}
    for folder in folders.values():
        folder.mkdir()
    reports = tmp_path / "reports"
    reports.mkdir()
    for index, path in enumerate(sorted(fixture_path("seeds/000").parent.glob("*.txt")) * 2):
        shutil.copy(path, reports / f"{index}-{path.name}")
    before = sorted(path.name for path in reports.iterdir())
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(folders["home"]), "XDG_CACHE_HOME": str(folders["cache"]),
                   "TMPDIR": str(folders["tmp"]), "PYTHONPATH": str(ROOT), "COLUMNS": "100",
                   "PYTHONDONTWRITEBYTECODE": "1"}
    for args in (["--format", "rich", "--jobs", "2", str(reports)], [str(fixture_path("seeds/002"))],
                 ["--format", "html", str(reports)]):
        result = subprocess.run([sys.executable, "-m", "linter", *args], cwd=tmp_path, env=environment,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 1, result.stderr
    assert all(not any(folder.iterdir()) for folder in folders.values())
    assert sorted(path.name for path in reports.iterdir()) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache", "home", "reports", "tmp"]
