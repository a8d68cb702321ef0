"""The pre-commit hook, the GitHub Actions example and the examples folder do what the documents say."""

from __future__ import annotations

import json
import re

import yaml

from linter.read.files import REPORT_SUFFIXES

from .helpers import ROOT, gxlint


def hook() -> dict:
    (definition,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return definition


def test_pre_commit_hook():
    definition = hook()
    assert {key: definition[key] for key in ("id", "language")} == {"id": "gxlint", "language": "python"}
    assert definition["entry"].split()[0] == "gxlint"
    files = re.compile(definition["files"])
    assert files.search("drafts/年报.txt") and files.search("README.md") and not files.search("rules.yaml")


def test_pre_commit_hook_passes_every_kind_of_report():
    definition = hook()
    files = re.compile(definition["files"])
    assert all(files.search(f"drafts/年报{suffix}") for suffix in REPORT_SUFFIXES)
    assert "text" not in definition.get("types", []) and "binary" not in definition.get("types", [])


def test_pre_commit_hook_honours_the_configurations_exclude():
    assert "--force-exclude" in hook()["entry"].split()


def test_github_actions_example_uploads_sarif():
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions" / "gxlint.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))            # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    lint = next(step for step in steps if "gxlint " in step.get("run", ""))
    assert "--format sarif" in lint["run"] and "> gxlint.sarif" in lint["run"]
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "gxlint.sarif" and "always()" in upload["if"]
    assert steps.index(lint) < steps.index(upload)
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in steps[:steps.index(lint)])


def test_examples_folder_holds_only_reports_for_the_quick_start(capsys):
    # `gxlint examples/` checks every report under examples/: nothing else may look like one.
    found = [path.name for path in (ROOT / "examples").rglob("*") if path.suffix.lower() in REPORT_SUFFIXES]
    assert sorted(found) == ["chaoyang-2018.txt", "dongli-2019.txt", "yuyao-2020.txt"]
    # the quick start's promise: real errors in real reports, exit status 1
    code, out, err = gxlint(capsys, "--format", "json", ROOT / "examples")
    data = json.loads(out)
    assert code == 1 and err == "" and len(data["files"]) == 3 and data["summary"]["error"] > 0
