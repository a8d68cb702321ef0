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
