"""Bytes to text.

Reports come from Word, PDF converters and web pages, on Windows and elsewhere.
gxlint accepts UTF-8 (with or without a BOM), UTF-16 with a BOM, and GB18030
(which includes GBK and GB2312). Line ends may be LF, CRLF or CR; they are all
read as one line break, so a finding's line and column are the same whatever
the encoding and line ends of the file. Columns count characters (Unicode code
points), starting at 1.

Bytes that are none of these stop the reading: the message names the line and
column of the first bad byte, the encodings tried, and how to re-save the file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .errors import ReadError


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    bom: bool
    newline: str


# UTF-32's marks first: the one of little-endian UTF-32 begins with UTF-16's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"))
_RESAVE = "请用记事本、WPS 或 Word 打开后另存为 UTF-8 编码的文本"
_RESAVE_EN = "open it in a text editor and save it as UTF-8"


def decode(data: bytes) -> DecodedText:
    """Decode *data* and normalise its line ends to ``\\n``."""
    if data.startswith(codecs.BOM_UTF8):
        return _finish(_strict(data, 3, "utf-8"), "utf-8", True)
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            return _finish(_strict(data, len(bom), encoding), name, True)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _place(data, nul, "utf-8")
        if _bomless_utf16(data):
            raise ReadError(f"看起来是没有 BOM 的 UTF-16 文本，无法可靠读取；{_RESAVE}",
                            f"looks like UTF-16 text without a byte order mark; {_RESAVE_EN}", line, column)
        raise ReadError(f"不是文本文件：第 {line} 行第 {column} 列（第 {nul} 字节）是 NUL",
                        f"not a text file: a NUL byte at line {line}, column {column} (byte {nul})", line, column)
    try:
        return _finish(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as utf8_error:
        try:
            return _finish(data.decode("gb18030"), "gb18030", False)
        except UnicodeDecodeError as gb_error:
            # Name the byte where the likelier encoding broke: the one that read further.
            error, encoding = (utf8_error, "utf-8") if utf8_error.start >= gb_error.start else (gb_error, "gb18030")
            offset = error.start
            line, column = _place(data, offset, encoding)
            raise ReadError(
                f"无法解码：第 {line} 行第 {column} 列（第 {offset} 字节 0x{data[offset]:02X}）既不是 UTF-8 "
                f"也不是 GB18030；{_RESAVE}",
                f"cannot decode: line {line}, column {column} (byte {offset}, 0x{data[offset]:02X}) is neither "
                f"UTF-8 nor GB18030; {_RESAVE_EN}", line, column) from None


def _place(data: bytes, offset: int, encoding: str, skip: int = 0) -> tuple[int, int]:
    """Line and column (characters, from 1) of the byte at *offset*, the text before it read in
    *encoding* (from byte *skip*, after a byte order mark)."""
    before = data[skip:offset].decode(encoding, errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _strict(data: bytes, skip: int, encoding: str) -> str:
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        line, column = _place(data, offset, encoding, skip)
        name = encoding.upper()
        raise ReadError(f"无法解码：第 {line} 行第 {column} 列（第 {offset} 字节）不是有效的 {name}；{_RESAVE}",
                        f"cannot decode: line {line}, column {column} (byte {offset}) is not valid {name}; "
                        f"{_RESAVE_EN}", line, column) from None


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


def _finish(text: str, encoding: str, bom: bool) -> DecodedText:
    if "\r" not in text:
        return DecodedText(text, encoding, bom, "\n")
    newline = "\r\n" if "\r\n" in text else "\r"
    return DecodedText(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, bom, newline)
