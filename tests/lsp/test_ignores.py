""""Ignore this rule for this file": the edit of gxlint.yaml, read back as the command line reads it."""

from __future__ import annotations

from pathlib import Path

from linter.cli.config import Resolver, ignored_for
from linter.lsp.ignores import apply, ignore_edit


def edit_for(report: Path, code: str = "GX112", opened: dict | None = None):
    opened = opened or {}
    return ignore_edit(str(report), code, None, lambda path: opened.get(path))


def write_edit(report: Path, code: str = "GX112") -> str:
    """Make the edit on disk; the configuration's new text."""
    edit = edit_for(report, code)
    assert edit is not None
    text = apply(edit.before, edit.insert)
    Path(edit.path).write_text(text, encoding="utf-8")
    return text


def ignored(path: Path) -> tuple[str, ...]:
    """What the command line's configuration lookup turns off for *path*."""
    return ignored_for(Resolver().for_path(str(path)), str(path))


def test_without_configuration_one_is_created_beside_the_report(tmp_path):
    report = tmp_path / "年报.txt"
    edit = edit_for(report)
    assert edit.create and edit.path == str(tmp_path / "gxlint.yaml")
    write_edit(report)
    assert ignored(report) == ("GX112",)
    assert ignored(tmp_path / "sub" / "年报.txt") == ()          # the glob names this file only


def test_comments_and_settings_are_kept(tmp_path):
    config = tmp_path / "gxlint.yaml"
    original = ("# 本单位的设置\nselect: [GX]\nignore: [GX006]   # 行标签\n"
                "per-file-ignores:\n  \"drafts/old.txt\": [GX008]  # 旧稿\nseverity:\n  GX114: error\n")
    config.write_text(original, encoding="utf-8")
    report = tmp_path / "drafts" / "new.txt"
    text = write_edit(report, "GX320")
    assert text.replace('\n  "drafts/new.txt": [GX320]', "") == original
    assert ignored(report) == ("GX320",)
    assert ignored(tmp_path / "drafts" / "old.txt") == ("GX008",)
    config_read = Resolver().for_path(str(report))
    assert config_read.ignore == ("GX006",) and config_read.severity == (("GX114", "error"),)


def test_a_code_joins_the_files_own_entry(tmp_path):
    (tmp_path / "gxlint.yaml").write_text('per-file-ignores:\n  "/a.txt": [GX008]\n', encoding="utf-8")
    text = write_edit(tmp_path / "a.txt", "GX112")
    assert text == 'per-file-ignores:\n  "/a.txt": [GX008, GX112]\n'
    assert ignored(tmp_path / "a.txt") == ("GX008", "GX112")


def test_block_lists_and_mappings(tmp_path):
    (tmp_path / "gxlint.yaml").write_text('per-file-ignores:\n  "/a.txt":\n    - GX008\n', encoding="utf-8")
    assert write_edit(tmp_path / "a.txt") == 'per-file-ignores:\n  "/a.txt":\n    - GX008\n    - GX112\n'
    (tmp_path / "gxlint.yaml").write_text("per-file-ignores: {}\n", encoding="utf-8")
    assert write_edit(tmp_path / "b.txt") == 'per-file-ignores: {"/b.txt": [GX112]}\n'
    assert ignored(tmp_path / "b.txt") == ("GX112",)


def test_windows_line_ends_and_no_final_line_break(tmp_path):
    (tmp_path / "gxlint.yaml").write_bytes(b"ignore: [GX006]\r\nper-file-ignores:\r\n  \"/x.txt\": [GX008]")
    write_edit(tmp_path / "y.txt")
    assert ignored(tmp_path / "y.txt") == ("GX112",) and ignored(tmp_path / "x.txt") == ("GX008",)


def test_glob_characters_in_a_name_stand_for_themselves(tmp_path):
    (tmp_path / "gxlint.yaml").write_text("select: [GX]\n", encoding="utf-8")
    report = tmp_path / "报告*?.txt"
    text = write_edit(report)
    assert '"/报告[*][?].txt"' in text
    assert ignored(report) == ("GX112",)
    assert ignored(tmp_path / "报告1x.txt") == ()
    assert edit_for(tmp_path / "报告[1].txt") is None     # no glob names it alone without a warning


def test_the_editors_unsaved_text_is_edited(tmp_path):
    config = tmp_path / "gxlint.yaml"
    config.write_text("select: [GX]\n", encoding="utf-8")
    edit = edit_for(tmp_path / "a.txt", opened={str(config): "select: [GX1]\n"})
    assert apply(edit.before, edit.insert).startswith("select: [GX1]\n")


def test_no_edit_where_it_would_not_be_certain(tmp_path):
    # pyproject.toml applies: a gxlint.yaml beside the report would replace it, not add to it.
    (tmp_path / "pyproject.toml").write_text('[tool.gxlint]\nignore = ["GX006"]\n', encoding="utf-8")
    assert edit_for(tmp_path / "a.txt") is None
    (tmp_path / "pyproject.toml").unlink()
    # A configuration that cannot be read, or written in flow style at the top.
    (tmp_path / "gxlint.yaml").write_text("select: [GX\n", encoding="utf-8")
    assert edit_for(tmp_path / "a.txt") is None
    (tmp_path / "gxlint.yaml").write_text("{select: [GX]}\n", encoding="utf-8")
    assert edit_for(tmp_path / "a.txt") is None
