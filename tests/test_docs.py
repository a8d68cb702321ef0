"""The documentation tells the truth: the walk-through of a province's rules runs as written."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from linter.bind import bind_report
from linter.check.engine import run_rules
from linter.check.loading import load_all
from linter.read import read_document

ROOT = Path(__file__).parent.parent
HUBEI = ROOT / "docs" / "examples" / "hubei"
LOADED = load_all([str(HUBEI)])
PROVINCIAL = [rule for rule in LOADED.ruleset.rules if rule.id.startswith("HB")]


def _findings(text: str, rule_id: str):
    report = bind_report(read_document("例.txt", text.encode("utf-8")), LOADED.catalog)
    return [finding for finding in run_rules(report, LOADED.ruleset) if finding.rule == rule_id]


@pytest.mark.parametrize("rule", PROVINCIAL, ids=[rule.id for rule in PROVINCIAL])
def test_the_walk_through_rules_keep_their_examples(rule):
    assert _findings(rule.examples["pass"], rule.id) == []
    assert _findings(rule.examples["fail"], rule.id) != []


def _gxlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("doc", ["rules.md", "rules.en.md"])
def test_the_walk_through_output_is_what_gxlint_prints(doc):
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    command = "gxlint --rules docs/examples/hubei --select HB docs/examples/hubei/年报.txt"
    shown = text.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    result = _gxlint(*command.split()[1:], "--format", "concise")
    assert result.returncode == 1
    assert result.stdout == shown


def test_the_keys_the_walk_through_names_exist():
    result = _gxlint("--list-keys", "2021", "--rules", str(HUBEI))
    for key in re.findall(r"`(active\.[a-z_]+\.[a-z_]+)`", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")):
        assert key in result.stdout
