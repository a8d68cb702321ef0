"""Reading a report: bytes to text.

Reports come from Word, PDF converters and web pages, on Windows and elsewhere.
gxlint accepts UTF-8 (with or without a BOM), UTF-16 with a BOM, and
GB18030 (which includes GBK and GB2312). Line ends may be LF, CRLF or CR; they
are all read as one line break, so a finding's line and column are the same
whatever the encoding and line ends of the file.

Columns count characters (Unicode code points), starting at 1.

A file that is none of these, or that holds NUL bytes outside UTF-16, is not
read: :class:`SourceError` says why and at which byte (and when the file looks
like UTF-16 without a BOM, says that too).
"""

from __future__ import annotations

import codecs

from .record import FrozenRecord


class SourceError(Exception):
    """The file cannot be read as text; the message is for the user."""

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message)
        self.offset = offset


class SourceText(FrozenRecord):
    text: str
    encoding: str
    bom: bool
    newline: str

    def __init__(self, text, encoding, bom, newline):
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.newline = newline


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
        hint = "；看起来是没有 BOM 的 UTF-16，请另存为 UTF-8" if _bomless_utf16(data) else ""
        raise SourceError(f"不是文本文件（第 {nul} 字节为 NUL{hint}）", nul)
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


def _bomless_utf16(data: bytes) -> bool:
    """Whether *data* looks like UTF-16 text without a BOM, in its first kilobytes: NUL bytes are
    common (in every ASCII character and line end, not one stray byte), and one byte order
    reads as printable text."""
    head = data[:4096]
    head = head[:len(head) // 2 * 2]
    if len(head) < 64 or head.count(0) < len(head) // 20:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        plain = sum(1 for char in text if char.isprintable() or char in "\t\r\n")
        if plain >= len(text) * 0.95:
            return True
    return False


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
