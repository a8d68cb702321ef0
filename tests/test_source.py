"""linter.source: every encoding and line end reads as the same text."""

import codecs

import pytest

from linter.source import SourceError, decode

from .conftest import fixture_text

TEXT = fixture_text("seeds/002")


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("gb18030"),
    lambda t: t.encode("gbk"),
    lambda t: t.encode("utf-16"),                 # with BOM, little endian here
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace("\n", "\r").encode("gb18030"),
], ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16", "utf16-be", "crlf", "cr-gb18030"])
def test_same_text_whatever_the_encoding(encode):
    assert decode(encode(TEXT)).text == TEXT


def test_reports_encoding_and_line_ends():
    source = decode(TEXT.replace("\n", "\r\n").encode("gb18030"))
    assert (source.encoding, source.newline, source.bom) == ("gb18030", "\r\n", False)


def test_undecodable_byte_named_with_offset():
    data = "统计表".encode("utf-8") + b"\xff\xfe\xff" + "abc".encode()
    with pytest.raises(SourceError) as caught:
        decode(data)
    assert caught.value.offset == 9
    assert "第 9 字节" in str(caught.value)


def test_nul_byte_means_not_text():
    with pytest.raises(SourceError) as caught:
        decode(b"abc\x00def")
    assert caught.value.offset == 3


def test_bad_utf16_after_bom():
    with pytest.raises(SourceError) as caught:
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8")      # a lone surrogate
    assert caught.value.offset == 2


def test_empty_file_is_empty_text():
    assert decode(b"").text == ""


# --- end to end: the command gives the same findings whatever the encoding -----------------------------

ENCODINGS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "crlf-gb18030": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf16-le": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf16-be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf16-le-crlf": lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"),
}
FIELDS = ("rule", "severity", "line", "column", "end_line", "end_column", "message", "related")


def lint_json(*paths) -> tuple[int, dict]:
    import contextlib
    import io
    import json

    from linter.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["--format", "json", *map(str, paths)])
    return code, json.loads(out.getvalue())


def findings_of(entry: dict) -> list[tuple]:
    return [tuple(str(finding[field]) for field in FIELDS) for finding in entry["findings"]]


@pytest.fixture(scope="module")
def utf8_findings(tmp_path_factory):
    path = tmp_path_factory.mktemp("utf8") / "report.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    code, result = lint_json(path)
    (entry,) = result["files"]
    assert code == 1 and len(entry["findings"]) >= 3       # seed 002 has real errors to compare
    return code, findings_of(entry)


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_same_findings_through_the_command(name, tmp_path, utf8_findings):
    path = tmp_path / f"report-{name}.txt"
    data = ENCODINGS[name](TEXT)
    path.write_bytes(data)
    code, result = lint_json(path)
    assert (code, findings_of(result["files"][0])) == utf8_findings
    assert path.read_bytes() == data                          # never modified


def test_same_findings_in_a_real_process(tmp_path, utf8_findings):
    """All encodings in one real ``python -m linter`` run (which lints them in parallel)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    paths = []
    for name, encode in sorted(ENCODINGS.items()):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_bytes(encode(TEXT))
    result = subprocess.run([sys.executable, "-m", "linter", "--format", "json", *map(str, paths)],
                            cwd=root, capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "PYTHONPATH": str(root)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    entries = json.loads(result.stdout)["files"]
    assert [entry["path"] for entry in entries] == list(map(str, paths))
    for entry in entries:
        assert findings_of(entry) == utf8_findings[1], entry["path"]


def _char_start(text: str, byte: int) -> int:
    """The UTF-8 offset where the character holding byte *byte* of *text* begins."""
    chars = max(k for k in range(len(text) + 1) if len(text[:k].encode("utf-8")) <= byte)
    return len(text[:chars].encode("utf-8"))


UTF8 = TEXT.encode("utf-8")
AT_CHAR = _char_start(TEXT, 1000)          # a stray byte between two characters
assert AT_CHAR < 1000 and UTF8[AT_CHAR] >= 0xE0   # byte 1000 is inside a Chinese character


@pytest.mark.parametrize("data, offset", [
    (UTF8[:AT_CHAR] + b"\xff" + UTF8[AT_CHAR:], AT_CHAR),
    (UTF8[:1000] + b"\xff" + UTF8[1000:], AT_CHAR),      # inside a character: where the character begins
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x00", len(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 8),
])
def test_undecodable_file_named_with_its_byte_and_others_still_linted(tmp_path, data, offset, utf8_findings):
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(data)
    good.write_bytes(TEXT.encode("utf-8"))
    code, result = lint_json(bad, good)
    first, second = result["files"]
    assert code == 2
    assert first["path"] == str(bad) and f"第 {offset} 字节" in first["error"] and first["findings"] == []
    assert "\n" not in first["error"]
    assert findings_of(second) == utf8_findings[1]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_refused_with_a_hint(encoding):
    # gxlint reads UTF-16 only with a BOM; without one the file is named as such, not just "binary"
    with pytest.raises(SourceError) as caught:
        decode(TEXT.encode(encoding))
    assert "看起来是没有 BOM 的 UTF-16" in str(caught.value)
    assert caught.value.offset == (TEXT.encode(encoding).index(0))


def test_no_utf16_hint_for_a_stray_nul_or_binary():
    import random
    rng = random.Random(7)
    for data in (UTF8[:500] + b"\x00" + UTF8[500:], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
                 *(bytes(rng.randrange(256) for _ in range(rng.randint(64, 3000))) for _ in range(300))):
        try:
            decode(data)
        except SourceError as error:
            assert "UTF-16" not in str(error)
