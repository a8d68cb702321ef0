"""Positions in the protocol's code units, for lines with Chinese text, rare characters and page breaks."""

from __future__ import annotations

import asyncio
import shutil

from lsprotocol import types

from linter.lsp.positions import UTF8, UTF16, UTF32, LineIndex
from tests.conftest import fixture_path
from tests.lsp.session import Session, as_tuple, cli_findings, expected_range

RARE = "𠀀"        # U+20000, outside the Basic Multilingual Plane: two UTF-16 units, four UTF-8 bytes


def test_columns_count_code_units_of_the_encoding():
    index = LineIndex(f"首行\n{RARE}占比45.4%", UTF16)
    # gxlint's column 3 of line 2 is "比": after 𠀀 (2 UTF-16 units, 4 bytes) and 占 (1 unit, 3 bytes).
    assert index.position(2, 3) == types.Position(1, 3)
    assert index.position(2, 4) == types.Position(1, 4)
    assert LineIndex(f"首行\n{RARE}占比", UTF8).position(2, 3) == types.Position(1, 7)
    assert LineIndex(f"首行\n{RARE}占比", UTF32).position(2, 3) == types.Position(1, 2)


def test_positions_come_back_to_the_same_place():
    text = f"表一\n{RARE}a占比\fb𠀁c\n"
    for encoding in (UTF8, UTF16, UTF32):
        index = LineIndex(text, encoding)
        for line, content in enumerate(text.split("\n"), start=1):
            for column in range(1, len(content) + 2):
                assert index.place(index.position(line, column)) == (line, column), (encoding, line, column)


def test_a_position_inside_a_character_is_that_character():
    index = LineIndex(f"{RARE}x", UTF16)
    assert index.place(types.Position(0, 1)) == (1, 1)       # between the two halves of 𠀀
    assert index.place(types.Position(0, 2)) == (1, 2)


def test_form_feed_is_no_line_break():
    # pdftotext puts \f between pages; the protocol breaks lines at \n, \r\n and \r only.
    index = LineIndex("第一页\f第二页\n下一行", UTF16)
    assert index.position(2, 1) == types.Position(1, 0)
    assert index.position(1, 5) == types.Position(0, 4)


def test_positions_past_the_end_are_clamped():
    index = LineIndex("ab\ncd", UTF16)
    assert index.position(9, 1) == types.Position(1, 2)
    assert index.position(1, 99) == types.Position(0, 2)
    assert index.range(1, 2, None, None) == types.Range(types.Position(0, 1), types.Position(0, 1))


def test_diagnostics_after_rare_characters(tmp_path):
    """Two rare characters before the shares of line 54: UTF-16 places move by 4, UTF-8 by 8 more."""
    text = fixture_path("seeds/002").read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[53] = RARE * 2 + lines[53]
    text = "\n".join(lines)
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    shares = [f for f in cli_findings(tmp_path, "report.txt") if f["rule"] == "GX320"]
    assert [f["column"] for f in shares] == [29, 152, 172]         # the seed's 27, 150, 170, plus 2 characters
    expected = sorted(expected_range(lines, f["line"], f["column"], f["end_line"], f["end_column"]) for f in shares)
    assert [start[1] for start, _ in expected] == [30, 153, 173]  # in UTF-16: plus 4

    found = asyncio.run(_diagnostics(tmp_path, report, text, "utf-16"))
    assert sorted(as_tuple(d.range) for d in found if d.code == "GX320") == expected

    found = asyncio.run(_diagnostics(tmp_path, report, text, "utf-8"))
    starts = sorted(d.range.start.character for d in found if d.code == "GX320")
    prefix = [len(lines[53][:f["column"] - 1].encode("utf-8")) for f in shares]
    assert starts == sorted(prefix)


async def _diagnostics(folder, report, text, encoding):
    session = Session(folder)
    result = await session.start(encoding=encoding)
    assert result.capabilities.position_encoding == encoding
    uri = session.open(report, text)
    found = (await session.diagnostics(uri, version=1)).diagnostics
    await session.stop()
    return found


def test_page_breaks_keep_their_lines(tmp_path):
    """A pdftotext layout with form feeds: every diagnostic on the command line's line."""
    source = fixture_path("real/hongze-2024.layout.txt")
    text = source.read_text(encoding="utf-8")
    assert "\f" in text
    report = tmp_path / "hongze.txt"
    shutil.copy(source, report)
    lines = text.split("\n")
    expected = sorted((f["rule"], expected_range(lines, f["line"], f["column"], f["end_line"], f["end_column"]))
                      for f in cli_findings(tmp_path, report.name))
    assert expected
    found = asyncio.run(_diagnostics(tmp_path, report, text, "utf-16"))
    assert sorted((d.code, as_tuple(d.range)) for d in found) == expected
