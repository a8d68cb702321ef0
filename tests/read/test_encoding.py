"""linter.read.encoding: every encoding and line end reads as the same text; bytes that are no text are
named by line, column and byte."""

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.bind import bind_report
from linter.bind.templates import builtin_catalog
from linter.check.engine import run_rules
from linter.check.loading import load_all
from linter.read import read_document
from linter.read.encoding import decode
from linter.read.errors import ReadError

from ..conftest import fixture_text

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


@pytest.mark.parametrize("data, encoding, bom, newline", [
    (TEXT.replace("\n", "\r\n").encode("gb18030"), "gb18030", False, "\r\n"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True, "\n"),
    (codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r").encode("utf-16-le"), "utf-16", True, "\r"),
    (TEXT.encode("utf-8"), "utf-8", False, "\n"),
])
def test_reports_encoding_and_line_ends(data, encoding, bom, newline):
    source = decode(data)
    assert (source.encoding, source.bom, source.newline) == (encoding, bom, newline)


def test_mixed_line_ends_are_all_one_break():
    assert decode(b"a\r\nb\rc\nd").text == "a\nb\nc\nd"


def refused(data: bytes) -> ReadError:
    with pytest.raises(ReadError) as caught:
        decode(data)
    message = str(caught.value)
    assert "\n" not in message and "\n" not in caught.value.english
    return caught.value


def test_undecodable_byte_named_with_its_place():
    error = refused("统计表".encode("utf-8") + b"\xff\xfe\xff" + "abc".encode())
    assert "第 9 字节" in str(error) and "0xFF" in str(error) and "既不是 UTF-8 也不是 GB18030" in str(error)
    assert (error.line, error.column) == (1, 4)                 # after 统计表
    assert "byte 9" in error.english and "line 1, column 4" in error.english


def test_the_place_counts_every_kind_of_line_end():
    error = refused(b"ab\ncd\r\nef\rgh\x81\xff")
    assert (error.line, error.column) == (4, 3)


def test_nul_byte_means_not_text():
    error = refused(b"abc\x00def")
    assert "第 3 字节" in str(error) and "NUL" in str(error)
    assert (error.line, error.column) == (1, 4)


def test_bad_utf16_after_bom():
    error = refused(codecs.BOM_UTF16_LE + b"\x00\xd8")      # a lone surrogate
    assert "第 2 字节" in str(error) and "UTF-16" in str(error)


def test_bad_utf8_after_bom():
    error = refused(codecs.BOM_UTF8 + b"ab\xff")
    assert "第 5 字节" in str(error) and "UTF-8" in str(error)


def test_empty_file_is_empty_text():
    assert decode(b"").text == ""


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_refused_with_a_hint(encoding):
    # gxlint reads UTF-16 only with a BOM; without one the file is named as such, not just "binary"
    error = refused(TEXT.encode(encoding))
    assert "看起来是没有 BOM 的 UTF-16" in str(error) and "UTF-16 text without a byte order mark" in error.english


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
])
def test_a_stray_byte_in_a_real_report_is_named(data, offset):
    error = refused(data)
    assert f"第 {offset} 字节" in str(error)
    line = TEXT[:len(UTF8[:AT_CHAR].decode("utf-8"))].count("\n") + 1
    assert error.line == line


def test_no_utf16_hint_for_a_stray_nul_or_binary():
    rng = random.Random(7)
    for data in (UTF8[:500] + b"\x00" + UTF8[500:], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
                 *(bytes(rng.randrange(256) for _ in range(rng.randint(64, 3000))) for _ in range(300))):
        try:
            decode(data)
        except ReadError as error:
            assert "UTF-16" not in str(error)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(data=st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_in_one_line(data):
    try:
        text = decode(data).text
    except ReadError as error:
        assert "\n" not in str(error) and error.line >= 1 and error.column >= 1
        lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        assert error.line <= len(lines)
    else:
        assert "\r" not in text


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text=st.text(max_size=300), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]),
       newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_text_comes_back_as_written(text, encoding, newline):
    # line ends read as \n whatever they were; characters survive every encoding that can hold them
    text = text.replace("\r", "").replace("\x00", "")
    try:
        data = text.replace("\n", newline).encode(encoding)
    except UnicodeEncodeError:                       # lone surrogates
        return
    decoded = decode(data)                           # never refused: each of these is read
    if encoding in ("utf-8", "gb18030") and decoded.encoding != encoding:
        # a GB18030 text may also be valid UTF-8 (ASCII, mostly): then it is read as UTF-8
        return
    assert decoded.text == text.replace("\r\n", "\n")


# --- the same findings whatever the encoding ---------------------------------------------------------------

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


def findings(data: bytes) -> list[tuple]:
    report = bind_report(read_document("report.txt", data), builtin_catalog())
    return [(f.rule, f.severity, f.line, f.column, f.end_line, f.end_column, f.message,
             [(r.line, r.column) for r in f.related]) for f in run_rules(report, load_all().ruleset)]


@pytest.fixture(scope="module")
def utf8_findings():
    found = findings(TEXT.encode("utf-8"))
    assert len([f for f in found if f[1] == "error"]) >= 3       # seed 002 has real errors to compare
    return found


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_same_findings_whatever_the_encoding(name, utf8_findings):
    assert findings(ENCODINGS[name](TEXT)) == utf8_findings
