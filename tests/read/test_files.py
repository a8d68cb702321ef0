"""linter.read.files: a report's bytes within limits, and what kind of file they are, told by content."""

import io
import os
import zipfile
from pathlib import Path

import pytest

from linter.read import files, read_document
from linter.read.errors import ReadError
from linter.read.files import MAX_BYTES, check_size, read_bytes, sniff

from ..conftest import FIXTURES, fixture_path


def zipped(*entries: tuple[str, bytes], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return buffer.getvalue()


DOCX = zipped(("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>"))
XLSX = zipped(("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>"))
OFD = zipped(("OFD.xml", b"<ofd:OFD/>"), ("Doc_0/Document.xml", b"<ofd:Document/>"))
ODT = zipped(("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office/>"),
             stored_first=True)
PLAIN_ZIP = zipped(("a.txt", b"hello"))
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)


def refused(data: bytes, path: str = "report.txt") -> ReadError:
    with pytest.raises(ReadError) as caught:
        sniff(data, path)
    error = caught.value
    assert "\n" not in str(error) and "\n" not in error.english and (error.line, error.column) == (1, 1)
    return error


@pytest.mark.parametrize("data, path, kind", [
    (b"%PDF-1.7\n...", "report.txt", "pdf"),                  # the content decides, not the name
    (b"\xef\xbb\xbf  %PDF-1.4\n", "report.pdf", "pdf"),       # junk before the header, named .pdf
    (DOCX, "report.txt", "docx"),
    (DOCX, "report.docx", "docx"),
    (zipped(("docProps/app.xml", b"")), "report.docx", "docx"),   # Word's by its name
    (b"<!DOCTYPE html><html><body>x</body></html>", "report.txt", "html"),
    (b"\xef\xbb\xbf\n  <html lang=zh>", "report", "html"),
    (b"<meta charset=utf-8>", "report", "html"),
    ("<table><tr><td>规章</td></tr></table>".encode(), "report.htm", "html"),
    ("2019年政府信息公开工作年度报告".encode(), "report.txt", "text"),
    (b"BMW annual report, plain text", "report.txt", "text"),   # begins with BM, but is no bitmap
    (b"GIF is a word here", "report.txt", "text"),
    (b"", "report.txt", "text"),
])
def test_sniff(data, path, kind):
    assert sniff(data, path) == kind


@pytest.mark.parametrize("data, path, words, english", [
    (XLSX, "report.xlsx", "Excel 文件（.xlsx）", "Excel workbook"),
    (OFD, "report.ofd", "OFD 版式文件", "OFD document"),
    (OFD, "report.zip", "OFD 版式文件", "OFD document"),
    (ODT, "report.odt", "OpenDocument 文件", "OpenDocument"),
    (PLAIN_ZIP, "report.zip", "zip 压缩文件，请先解压", "zip archive"),
    (OLE, "report.doc", "旧版 Word 文件（.doc）", "old binary Word file"),
    (OLE, "report.txt", "旧版 Word 文件（.doc）", "old binary Word file"),
    (OLE, "report.xls", "旧版 Excel 文件（.xls）", "old Excel file"),
    (OLE, "report.et", "旧版 Excel 文件（.xls）", "old Excel file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "scan.png", "PNG 图片", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "scan.txt", "JPEG 图片", "JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "scan.gif", "GIF 图片", "GIF image"),
    (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00", "scan.bmp", "BMP 图片", "BMP image"),
    (b"II*\x00\x08\x00\x00\x00", "scan.tif", "TIFF 图片", "TIFF image"),
    (b"MM\x00*\x00\x00\x00\x08", "scan.tif", "TIFF 图片", "TIFF image"),
    (b"{\\rtf1\\ansi\\ansicpg936 ...", "report.rtf", "RTF 文件", "RTF file"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "report.mht", "MHT 网页存档",
     "MHT web archive"),
    (b"From: <Saved by Windows Internet Explorer 8>\r\nContent-Type: multipart/related;\r\n", "report.mht",
     "MHT 网页存档", "MHT web archive"),
])
def test_what_gxlint_does_not_read_is_named(data, path, words, english):
    error = refused(data, path)
    assert words in str(error) and english in error.english


def test_images_say_there_is_no_ocr():
    error = refused(b"\x89PNG\r\n\x1a\n")
    assert "gxlint 不做文字识别" in str(error) and "no OCR" in error.english


def test_an_old_word_file_says_how_to_save_it():
    error = refused(OLE, "report.doc")
    assert "另存为 .docx" in str(error) and "save it as .docx" in error.english


def test_the_kind_decides_the_reader():
    data = (FIXTURES / "real" / "template-2021-blank.docx").read_bytes()
    assert read_document("renamed.txt", data).kind == "docx"
    assert read_document("report.txt", fixture_path("seeds/002").read_bytes()).kind == "text"
    with pytest.raises(ReadError, match="Excel"):
        read_document("report.txt", XLSX)


# --- limits ----------------------------------------------------------------------------------------------------

def test_read_bytes(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"abc")
    assert read_bytes(str(path)) == b"abc"


@pytest.mark.parametrize("make, words, english", [
    (lambda folder: folder / "missing.txt", "文件不存在", "no such file"),
    (lambda folder: folder, "这是文件夹，不是文件", "a folder, not a file"),
])
def test_what_cannot_be_read_is_said_in_one_line(tmp_path, make, words, english):
    with pytest.raises(ReadError) as caught:
        read_bytes(str(make(tmp_path)))
    assert str(caught.value) == words and caught.value.english == english


def test_a_symbolic_link_loop(tmp_path):
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    with pytest.raises(ReadError, match="符号链接循环"):
        read_bytes(str(loop))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_no_permission(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(ReadError, match="没有读取权限"):
        read_bytes(str(path))


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(ReadError) as caught:
        read_bytes(str(path))
    assert str(caught.value) == "文件过大（1001 字节，上限 1000 字节）"
    path.write_bytes(b"x" * 1000)
    assert len(read_bytes(str(path))) == 1000


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_is_read_no_further_than_the_limit(monkeypatch):
    # a device says it holds 0 bytes and never ends
    monkeypatch.setattr(files, "MAX_BYTES", 100_000)
    with pytest.raises(ReadError, match="文件过大（超过 100000 字节）"):
        read_bytes("/dev/zero")


def test_check_size():
    check_size(b"x" * 10)
    assert MAX_BYTES == 64 * 1024 * 1024


def test_bytes_handed_over_are_held_to_the_limit_too(monkeypatch):
    # standard input and an editor's buffer come as bytes, not as a file
    monkeypatch.setattr(files, "MAX_BYTES", 10)
    with pytest.raises(ReadError, match="文件过大"):
        read_document("report.txt", b"x" * 11)
