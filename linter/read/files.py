"""A report's bytes, within limits, and what kind of file they are.

gxlint reads plain text (``.txt``, ``.md``), Word (``.docx``), PDF (``.pdf``)
and saved web pages (``.html``, ``.htm``). The kind is told by the content, not
the name: a Word file renamed ``.txt`` is still read as Word. Files that are
none of these but look like something else (an old binary ``.doc`` or
``.xls``, an ``.xlsx``, an OFD or OpenDocument file, RTF, an MHT web archive,
a zip, an image) get a one-line message saying what they look like and how to
save the report so that gxlint reads it.
"""

from __future__ import annotations

import errno
import os

from .errors import ReadError

MAX_BYTES = 64 * 1024 * 1024
REPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


def read_bytes(path: str) -> bytes:
    """The file's bytes, or a :class:`ReadError` saying why not."""
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise ReadError(f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）",
                            f"file too large ({size} bytes, at most {MAX_BYTES})")
        # Read no more than the limit whatever stat said: a pipe or a device
        # (/dev/zero) reports size 0 and may never end, a file may grow.
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ReadError("文件不存在", "no such file") from None
    except IsADirectoryError:
        raise ReadError("这是文件夹，不是文件", "a folder, not a file") from None
    except PermissionError:
        raise ReadError("没有读取权限", "permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ReadError("符号链接循环，无法读取", "symbolic link loop") from None
        reason = error.strerror or str(error)
        raise ReadError(f"无法读取（{reason}）", f"cannot be read ({reason})") from None
    check_size(data)
    return data


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ReadError(f"文件过大（超过 {MAX_BYTES} 字节）", f"file too large (over {MAX_BYTES} bytes)")


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A BMP file's header holds two reserved 16-bit fields (zero) after its size: a text that happens
# to begin with "BM" does not.
_IMAGES = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
           (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))


def sniff(data: bytes, path: str = "") -> str:
    """``docx``, ``pdf``, ``html`` or ``text`` for what gxlint reads; a ReadError for the rest."""
    head = data[:2048]
    name = path.lower()
    if head.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and name.endswith(".pdf")):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zipped(data, name)
    if head.startswith(_OLE):
        if name.endswith((".xls", ".et")):
            raise ReadError("这是旧版 Excel 文件（.xls），不是报告", "an old Excel file (.xls), not a report")
        raise ReadError("这是旧版 Word 文件（.doc），gxlint 不能直接读取；请在 Word 或 WPS 中另存为 .docx 后再检查",
                        "an old binary Word file (.doc), which gxlint cannot read; save it as .docx in Word or WPS")
    image = next((kind for magic, kind in _IMAGES if head.startswith(magic)), None)
    if image is None and head.startswith(b"BM") and head[6:10] == b"\x00\x00\x00\x00":
        image = "BMP"
    if image:
        raise ReadError(f"这是 {image} 图片，不是文字报告（gxlint 不做文字识别）",
                        f"a {image} image, not a text report (gxlint does no OCR)")
    if head.startswith(b"{\\rtf"):
        raise ReadError("这是 RTF 文件，gxlint 不能直接读取；请在 Word 或 WPS 中另存为 .docx 后再检查",
                        "an RTF file, which gxlint cannot read; save it as .docx in Word or WPS")
    if _looks_like_mht(head):
        raise ReadError("这是 MHT 网页存档（单个文件网页），gxlint 不能直接读取；请另存为 .html 或 .docx",
                        "an MHT web archive (single file web page), which gxlint cannot read; "
                        "save it as .html or .docx")
    if name.endswith((".html", ".htm")) or _looks_like_html(head):
        return "html"
    if name.endswith(".docx"):
        # Named a Word file, but not the zip package every .docx is: damaged (or another file renamed).
        raise ReadError("不是有效的 Word 文件（.docx 应是 zip 包，这个文件不是）：文件可能已损坏；请在 Word 或 WPS 中打开后重新另存为 .docx",
                        "not a valid Word file (a .docx is a zip package, this file is not): it may be damaged; "
                        "open it in Word or WPS and save it as .docx again")
    if name.endswith(".pdf"):
        raise ReadError("不是有效的 PDF 文件（没有 PDF 文件头）：文件可能已损坏", "not a valid PDF file (no PDF header): "
                        "it may be damaged")
    return "text"


def _zipped(data: bytes, name: str) -> str:
    """A zip file: Word's, or what else it holds, said in one line."""
    start = data[:65536]
    if b"word/" in start or name.endswith(".docx"):
        return "docx"
    if b"xl/" in start:
        raise ReadError("这是 Excel 文件（.xlsx），不是报告；请把报告另存为 .docx、.pdf 或 .txt",
                        "an Excel workbook (.xlsx), not a report; save the report as .docx, .pdf or .txt")
    if b"OFD.xml" in start or name.endswith(".ofd"):
        raise ReadError("这是 OFD 版式文件，gxlint 不能直接读取；请另存为 .pdf 或 .docx 后再检查",
                        "an OFD document, which gxlint cannot read; save it as .pdf or .docx")
    if b"mimetypeapplication/vnd.oasis.opendocument" in start:
        raise ReadError("这是 OpenDocument 文件（.odt 等），gxlint 不能直接读取；请另存为 .docx 后再检查",
                        "an OpenDocument file (.odt and the like), which gxlint cannot read; save it as .docx")
    raise ReadError("这是 zip 压缩文件，请先解压", "a zip archive: unpack it first")


def _looks_like_mht(head: bytes) -> bool:
    """A web page saved by Word or a browser as one file: a mail message's headers, holding the page."""
    start = head.lstrip().lower()
    return start.startswith(b"mime-version:") or (start.startswith(b"from:") and b"multipart/related" in start)


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<meta"))
