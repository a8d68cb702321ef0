"""Loading a report: file or stream to bound tables, one stage after another."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .binder import Binding, bind
from .dates import ReportDates, read_dates
from .model import Document
from .parser import parse
from .source import SourceError, SourceText, decode
from .templates import Catalog

MAX_BYTES = 64 * 1024 * 1024


@dataclass
class LoadedReport:
    path: str
    source: SourceText
    document: Document
    dates: ReportDates
    binding: Binding


def read_bytes(path: str) -> bytes:
    """The file's bytes, or a :class:`SourceError` saying in Chinese why not."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）")
        return file.read_bytes()
    except FileNotFoundError:
        raise SourceError("文件不存在") from None
    except IsADirectoryError:
        raise SourceError("这是文件夹，不是文件") from None
    except PermissionError:
        raise SourceError("没有读取权限") from None
    except OSError as error:
        raise SourceError(f"无法读取（{error.strerror or error}）") from None


def load(path: str, data: bytes, catalog: Catalog) -> LoadedReport:
    source = decode(data)
    document = parse(source.text, path)
    dates = read_dates(document)
    return LoadedReport(path=path, source=source, document=document, dates=dates,
                        binding=bind(document, catalog, dates.year))
