"""Reading a report: bytes to text.

Reports come from Word, PDF converters and web pages, on Windows and elsewhere.
gxlint accepts UTF-8 (with or without a BOM), UTF-16 with a BOM, and
GB18030 (which includes GBK and GB2312). Line ends may be LF, CRLF or CR; they
are all read as one line break, so a finding's line and column are the same
whatever the encoding and line ends of the file.

Columns count characters (Unicode code points), starting at 1.

A file that is none of these, or that holds NUL bytes outside UTF-16, is not
read: :class:`SourceError` says why and at which byte.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class SourceError(Exception):
    """The file cannot be read as text; the message is for the user."""

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str
    bom: bool
    newline: str


_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes) -> SourceText:
    """Decode *data* and normalise its line ends to ``\\n``."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", base=3)
        return _finish(text, "utf-8", True)
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            text = _strict(data[2:], encoding, base=2)
            return _finish(text, "utf-16", True)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(f"不是文本文件（第 {nul} 字节为 NUL）", nul)
    try:
        return _finish(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as utf8_error:
        try:
            return _finish(data.decode("gb18030"), "gb18030", False)
        except UnicodeDecodeError as gb_error:
            # Name the byte where the likelier encoding broke: the one that read further.
            error = utf8_error if utf8_error.start >= gb_error.start else gb_error
            raise SourceError(
                f"无法解码：第 {error.start} 字节 0x{data[error.start]:02X} "
                f"既不是 UTF-8 也不是 GB18030",
                error.start,
            ) from None


def _strict(data: bytes, encoding: str, base: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        offset = base + error.start
        raise SourceError(f"无法解码：第 {offset} 字节不是有效的 {encoding.upper()}", offset) from None


def _finish(text: str, encoding: str, bom: bool) -> SourceText:
    if "\r" not in text:
        return SourceText(text, encoding, bom, "\n")
    newline = "\r\n" if "\r\n" in text else "\r"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(text, encoding, bom, newline)
