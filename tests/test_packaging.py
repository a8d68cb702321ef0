"""A plain (non-editable) install carries the grammars and rules and finds them anywhere."""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import fixture_path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_runs_from_another_folder(tmp_path):
    # built from a copy of the sources: a build/ folder left in the checkout would hide a file
    # missing from the package list
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("linter", "grammars", "rules"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("gxlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    shipped = {f"linter/{path.relative_to(ROOT)}" for folder in ("grammars", "rules")
               for path in (ROOT / folder).rglob("*") if path.suffix in (".lark", ".yaml")}
    assert "linter/rules/checks/prose.yaml" in shipped and shipped - names == set()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import linter, linter.cli;"
        "assert linter.__file__.startswith(sys.argv[1]), linter.__file__;"
        "sys.exit(linter.cli.main(['--facts', '--format', 'json', sys.argv[2]]))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "site"), str(fixture_path("seeds/004"))],
                            cwd=elsewhere, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)["files"][0]["tables"]
    assert [t["section"] for t in tables] == ["active", "apply", "review"]
    # seed 002 states a share its own numbers do not give (GX320, checked by hand)
    lint = script.replace("'--facts', '--format', 'json'", "'--format', 'concise'")
    result = subprocess.run([sys.executable, "-c", lint, str(tmp_path / "site"), str(fixture_path("seeds/002"))],
                            cwd=elsewhere, capture_output=True, text=True)
    assert result.returncode == 1 and ":54:27: error GX320 " in result.stdout, result.stderr


def test_missing_builtin_rules_are_an_error_not_silence(tmp_path, monkeypatch, capsys):
    from linter import cli, loading
    (tmp_path / "rules" / "checks").mkdir(parents=True)
    shutil.copytree(ROOT / "rules" / "templates", tmp_path / "rules" / "templates")
    monkeypatch.setattr(loading, "rules_dir", lambda: tmp_path / "rules")
    loading._load.cache_clear()
    try:
        code = cli.main(["--format", "concise", str(fixture_path("seeds/002"))])
    finally:
        loading._load.cache_clear()
    err = capsys.readouterr().err
    assert code == 2 and "内置文件缺失" in err and str(tmp_path / "rules" / "checks") in err
