"""A whole editing session on seed 002, driven as an editor drives ``gxlint --lsp``.

The diagnostics are compared with what the ``gxlint`` command prints for the same file (rules and
places), their ranges converted to UTF-16 here, independently of the server.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
from lsprotocol import types

from tests.conftest import fixture_path
from tests.lsp.session import (Session, apply_edits, as_tuple, cli_findings, expected_range)

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def places(found: list[types.Diagnostic]) -> list[tuple]:
    return sorted((d.code, as_tuple(d.range), d.severity) for d in found)


def expected_places(folder: Path, name: str, text: str) -> list[tuple]:
    lines = text.split("\n")
    return sorted((f["rule"], expected_range(lines, f["line"], f["column"], f["end_line"], f["end_column"]),
                   SEVERITY[f["severity"]]) for f in cli_findings(folder, name))


def test_editing_seed_002(tmp_path):
    report = tmp_path / "年报 002.txt"          # a name with Chinese and a space: quoted in its URI
    shutil.copy(fixture_path("seeds/002"), report)
    asyncio.run(_session(tmp_path, report))


async def _session(folder: Path, report: Path) -> None:
    session = Session(folder)
    result = await session.start()
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    text = report.read_text(encoding="utf-8")
    uri = session.open(report, text)
    assert "%E5%B9%B4" in uri

    # Open: the command line's findings, at the same places.
    found = (await session.diagnostics(uri, version=1)).diagnostics
    assert places(found) == expected_places(folder, report.name, text)
    codes = [d.code for d in found]
    assert codes.count("GX112") == 2 and "GX320" in codes
    weibo = next(d for d in found if d.code == "GX112" and d.range.start.line == 181)
    assert "5475" in weibo.message
    assert _related_lines(weibo) == [86]                 # （一）主动公开政府信息数, line 87 of the file
    assert "610" in weibo.related_information[0].message
    _check_link(weibo)

    # Change the cell 5475 to 500: that diagnostic goes, the other channel's stays.
    edited = text.replace("\t5475\n", "\t500\n")
    assert edited.count("\t500\n") == text.count("\t500\n") + 1
    session.change(uri, edited, version=2)
    found = (await session.diagnostics(uri, version=2)).diagnostics
    gx112 = [d.range.start.line for d in found if d.code == "GX112"]
    assert gx112 == [186]
    (folder / "edited.txt").write_text(edited, encoding="utf-8")
    assert places(found) == expected_places(folder, "edited.txt", edited)
    (folder / "edited.txt").unlink()

    # Hover on the cell 1050 (line 187): what was read there, and the rules that use it.
    hover = await session.hover(uri, 186, 2)
    shown = hover.contents.value
    for part in ("stats.active.channel.wechat", "4.政务微信公开政府信息数", "统计数", "1050", "GX112", "GX113"):
        assert part in shown, part

    # A quick fix: the share 45.4% (20 of 44 = 45.45…%) becomes 45.5%.
    share = min((d for d in found if d.code == "GX320"), key=lambda d: d.range.start.character)
    actions = await session.code_actions(uri, share.range, [share])
    fix = next(action for action in actions if action.is_preferred)
    assert "45.5%" in fix.title
    (change,) = fix.edit.document_changes
    assert change.text_document.version == 2
    fixed = apply_edits(edited, change.edits)
    assert fixed.split("\n")[53].count("45.5%") == 1 and fixed.split("\n")[53].count("45.4%") == 1
    session.change(uri, fixed, version=3)
    found = (await session.diagnostics(uri, version=3)).diagnostics
    shares = sorted(d.range.start.character for d in found if d.code == "GX320")
    assert share.range.start.character not in shares and len(shares) == 2

    # "Ignore this rule for this file": a new gxlint.yaml beside the report.
    unit = next(d for d in found if d.code == "GX007")
    actions = await session.code_actions(uri, unit.range, [unit])
    ignore = next(action for action in actions if "GX007" in action.title)
    create, edit = ignore.edit.document_changes
    assert create.kind == "create"
    config = Path(unquote(urlparse(create.uri).path))
    assert config == folder / "gxlint.yaml" and not config.exists()
    config.write_text(apply_edits("", edit.edits), encoding="utf-8")
    assert yaml.safe_load(config.read_text(encoding="utf-8")) == {"per-file-ignores": {f"/{report.name}": ["GX007"]}}
    before = session.count(uri)
    session.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]))
    found = (await session.diagnostics(uri, after=before)).diagnostics
    assert "GX007" not in [d.code for d in found] and "GX112" in [d.code for d in found]
    assert all(f["rule"] != "GX007" for f in cli_findings(folder, report.name))   # the command line agrees

    assert await session.stop() == 0


def _related_lines(diagnostic: types.Diagnostic) -> list[int]:
    return [info.location.range.start.line for info in diagnostic.related_information or []]


def _check_link(diagnostic: types.Diagnostic) -> None:
    """The rule code's link opens the rule file at the rule's definition."""
    href = diagnostic.code_description.href
    match = re.fullmatch(r"file://(.+)#L(\d+)", href)
    assert match, href
    lines = Path(unquote(match.group(1))).read_text(encoding="utf-8").split("\n")
    assert lines[int(match.group(2)) - 1].strip() == f"- id: {diagnostic.code}"
