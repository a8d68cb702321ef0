"""Loading a report: file or stream to bound tables, one stage after another."""

from __future__ import annotations

import errno
import os

from .binder import Binding, bind
from .dates import ReportDates, read_dates
from .model import Document
from .parser import parse
from .record import ValueRecord
from .source import SourceError, SourceText, decode
from .templates import Catalog

MAX_BYTES = 64 * 1024 * 1024
# Parsing and binding cost grows with lines and with table cells (each "|" can
# start one), some 15-40 µs and a few hundred bytes each. Real reports run
# 24-27 bytes a line, and web text about one "|" in 29 bytes, so a file of
# MAX_BYTES written like them stays under these counts; a file of nothing but
# short lines or pipes could hold ten times as many and keep gxlint busy for
# many minutes and gigabytes. Beyond them gxlint says so instead.
MAX_LINES = 3_000_000
MAX_PIPES = 3_000_000


class LoadedReport(ValueRecord):
    path: str
    source: SourceText
    document: Document
    dates: ReportDates
    binding: Binding

    def __init__(self, path, source, document, dates, binding):
        self.path = path
        self.source = source
        self.document = document
        self.dates = dates
        self.binding = binding


def read_bytes(path: str) -> bytes:
    """The file's bytes, or a :class:`SourceError` saying in Chinese why not."""
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise SourceError(f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）")
        # Read no more than the limit whatever stat said: a pipe or a device
        # (/dev/zero) reports size 0 and may never end, a file may grow.
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise SourceError(f"文件过大（超过 {MAX_BYTES} 字节）")
        return data
    except FileNotFoundError:
        raise SourceError("文件不存在") from None
    except IsADirectoryError:
        raise SourceError("这是文件夹，不是文件") from None
    except PermissionError:
        raise SourceError("没有读取权限") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SourceError("符号链接循环，无法读取") from None
        raise SourceError(f"无法读取（{error.strerror or error}）") from None


def check_size(text: str) -> None:
    """A :class:`SourceError` if *text* holds more lines or pipes than gxlint checks (see above)."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise SourceError(f"行数过多（{lines} 行，上限 {MAX_LINES} 行）")
    pipes = text.count("|")
    if pipes > MAX_PIPES:
        raise SourceError(f"表格分隔符“|”过多（{pipes} 个，上限 {MAX_PIPES} 个）")


def load(path: str, data: bytes, catalog: Catalog) -> LoadedReport:
    if len(data) > MAX_BYTES:          # from standard input or a caller; read_bytes stops here too
        raise SourceError(f"文件过大（超过 {MAX_BYTES} 字节）")
    source = decode(data)
    check_size(source.text)
    document = parse(source.text, path)
    dates = read_dates(document)
    return LoadedReport(path=path, source=source, document=document, dates=dates,
                        binding=bind(document, catalog, dates.year))
