"""The pre-commit hook definition and the GitHub Actions example are well-formed and do what they say."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_hook():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {key: hook[key] for key in ("id", "entry", "language", "types", "files")} == {
        "id": "gxlint", "entry": "gxlint", "language": "python", "types": ["text"], "files": r"\.(txt|md)$"}
    files = re.compile(hook["files"])
    assert files.search("drafts/年报.txt") and files.search("README.md") and not files.search("rules.yaml")


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


def test_examples_folder_holds_only_reports_for_the_quick_start():
    # `gxlint examples/` lints every *.txt and *.md under examples/: nothing else may look like a report.
    found = [path.name for path in (ROOT / "examples").rglob("*") if path.suffix.lower() in (".txt", ".md")]
    assert sorted(found) == ["chaoyang-2018.txt", "dongli-2019.txt", "yuyao-2020.txt"]
