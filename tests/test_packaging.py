"""A plain (non-editable) install carries the grammars and rules and finds them anywhere."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import fixture_path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_runs_from_another_folder(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("gxlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "linter/grammars/report.lark" in names
    assert "linter/rules/templates/2021.yaml" in names
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
