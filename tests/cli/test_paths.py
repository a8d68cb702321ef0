"""linter.cli.paths: which files ``gxlint FOLDER`` checks (hidden folders, virtual environments, .gitignore)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from linter.cli.paths import files_under

from ..conftest import fixture_path
from .helpers import gxlint

REPORT = fixture_path("seeds/004").read_bytes()     # no findings: only the list of files matters


def make(root: Path, *relatives: str, data: bytes = REPORT) -> None:
    for relative in relatives:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def found(folder: Path, **options) -> list[str]:
    return [os.path.relpath(path, folder).replace(os.sep, "/") for path in files_under(str(folder), **options)]


def test_folders_are_searched_below_in_a_stable_order(tmp_path):
    make(tmp_path, "b.txt", "a-b/c.md", "a/b.txt", "a/z/x.TXT", "a/notes.doc", "a/page.html", "a/form.docx")
    # folder by folder, as the path's parts sort (a/… before a-b/…), case of the suffix ignored;
    # Word, PDF and HTML files are reports too (a .doc is not: gxlint cannot read it)
    assert found(tmp_path) == ["a/b.txt", "a/form.docx", "a/page.html", "a/z/x.TXT", "a-b/c.md", "b.txt"]


def test_the_command_lists_the_files_in_that_order(tmp_path, capsys):
    make(tmp_path, "b.txt", "a-b/c.md", "a/b.txt")
    code, out, _ = gxlint(capsys, "--format", "json", tmp_path)
    assert code == 0 and [entry["path"] for entry in json.loads(out)["files"]] == \
        [str(tmp_path / relative) for relative in ("a/b.txt", "a-b/c.md", "b.txt")]


def test_hidden_and_tool_folders_are_left_out(tmp_path):
    make(tmp_path, "report.txt", ".hidden/a.txt", ".git/b.txt", ".venv/lib/c.txt", "venv/d.txt",
         "__pycache__/e.txt", "node_modules/pkg/README.md", "gxlint.egg-info/PKG-INFO.txt", "build/f.txt",
         "dist/g.txt", "lib/site-packages/h.md", ".notes.txt", "drafts/.~lock.txt", "drafts/2020.txt")
    assert found(tmp_path) == ["drafts/2020.txt", "report.txt"]


def test_a_virtual_environment_of_any_name_is_left_out(tmp_path):
    make(tmp_path, "env/pyvenv.cfg", "env/lib/python3/site/README.md", "envelopes/2020.txt")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    assert found(tmp_path) == ["envelopes/2020.txt"]


def test_a_hidden_folder_named_on_the_command_line_is_searched(tmp_path, capsys):
    make(tmp_path, ".drafts/a.txt")
    assert found(tmp_path / ".drafts") == ["a.txt"]


# --- .gitignore -------------------------------------------------------------------------------------------------

def gitignore(folder: Path, *lines: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_gitignore_patterns_files_and_folders(tmp_path):
    make(tmp_path, "keep.txt", "scratch.txt", "old/2015.txt", "deep/old/2016.txt", "out/x.md", "deep/out/y.md",
         "notes/temp-1.md")
    gitignore(tmp_path, "scratch.txt", "old/", "/out/", "temp-*.md", "# a comment", "")
    # old/ at any depth; /out/ only at the top; temp-*.md in any folder
    assert found(tmp_path) == ["deep/out/y.md", "keep.txt"]


def test_nested_gitignore_applies_below_its_folder_only(tmp_path):
    make(tmp_path, "a.txt", "sub/a.txt", "sub/b.txt", "other/a.txt")
    gitignore(tmp_path / "sub", "a.txt")
    assert found(tmp_path) == ["a.txt", "other/a.txt", "sub/b.txt"]


def test_negation_and_the_nearer_file_deciding(tmp_path):
    make(tmp_path, "a.txt", "keep.txt", "sub/b.txt", "sub/wanted.txt", "drafts/c.txt")
    gitignore(tmp_path, "*.txt", "!keep.txt", "!drafts/")
    gitignore(tmp_path / "sub", "!wanted.txt")
    # *.txt ignores every report; keep.txt comes back by negation, sub/wanted.txt by the nearer file;
    # un-ignoring the folder drafts/ does not bring back drafts/c.txt, which *.txt still matches
    assert found(tmp_path) == ["keep.txt", "sub/wanted.txt"]


def test_a_file_in_an_ignored_folder_cannot_be_brought_back(tmp_path):
    # as in git: once a folder is ignored, nothing below it is looked at
    make(tmp_path, "archive/keep.txt", "archive/old.txt")
    gitignore(tmp_path, "archive/", "!archive/keep.txt")
    assert found(tmp_path) == []


def test_no_respect_gitignore(tmp_path, capsys):
    make(tmp_path, "a.txt", "ignored.txt", "sub/b.txt")
    gitignore(tmp_path, "ignored.txt")
    gitignore(tmp_path / "sub", "*")
    assert found(tmp_path) == ["a.txt"]
    assert found(tmp_path, respect_gitignore=False) == ["a.txt", "ignored.txt", "sub/b.txt"]
    _, out, _ = gxlint(capsys, "--format", "json", "--no-respect-gitignore", tmp_path)
    assert len(json.loads(out)["files"]) == 3
    _, out, _ = gxlint(capsys, "--format", "json", tmp_path)
    assert len(json.loads(out)["files"]) == 1


def test_gitignore_of_the_repository_above_the_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    make(tmp_path, "drafts/a.txt", "drafts/old/b.txt", "drafts/c.tmp.txt")
    gitignore(tmp_path, "drafts/old/", "*.tmp.txt")
    assert found(tmp_path / "drafts") == ["a.txt"]


def test_gitignore_above_a_folder_outside_any_repository_is_not_read(tmp_path):
    make(tmp_path, "drafts/a.txt", "drafts/b.txt")
    gitignore(tmp_path, "b.txt")
    if any((parent / ".git").exists() for parent in tmp_path.parents):
        pytest.skip("the temporary folder is inside a git repository")
    assert found(tmp_path / "drafts") == ["a.txt", "b.txt"]


def test_an_ignored_folder_named_on_the_command_line_is_searched(tmp_path):
    (tmp_path / ".git").mkdir()
    make(tmp_path, "build-2020/a.txt", "build-2020/tmp/b.txt")
    gitignore(tmp_path, "build-2020/", "tmp/")
    assert found(tmp_path) == []
    # named, the folder itself is searched; what the .gitignore says of the folders below still holds
    assert found(tmp_path / "build-2020") == ["a.txt"]


def test_a_file_named_on_the_command_line_is_checked_though_ignored(tmp_path, capsys):
    make(tmp_path, "ignored.txt", data=fixture_path("seeds/000").read_bytes())
    gitignore(tmp_path, "ignored.txt")
    code, out, err = gxlint(capsys, "--format", "concise", "--select", "GX1", tmp_path / "ignored.txt")
    assert code == 1 and "GX103" in out and err == ""


def test_links(tmp_path):
    make(tmp_path, "reports/a.txt")
    (tmp_path / "reports" / "loop").symlink_to(tmp_path / "reports")            # a folder holding itself
    (tmp_path / "reports" / "b.txt").symlink_to(tmp_path / "reports" / "a.txt")  # a link to a file: followed
    (tmp_path / "reports" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "reports" / "folder.txt").mkdir()                                 # a folder named like a report
    assert found(tmp_path / "reports") == ["a.txt", "b.txt"]
