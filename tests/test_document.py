"""linter.document: what gxlint agrees to read, and the one-line reasons it gives when it does not."""

import os
from pathlib import Path

import pytest

from linter import document
from linter.document import check_size, read_bytes
from linter.source import SourceError

from .conftest import REAL, SEEDS, fixture_path


def refusal(path) -> str:
    with pytest.raises(SourceError) as caught:
        read_bytes(str(path))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_reads_a_report():
    path = fixture_path("seeds/004")
    assert read_bytes(str(path)) == path.read_bytes()


def test_missing_folder_and_too_large(tmp_path, monkeypatch):
    assert refusal(tmp_path / "nope.txt") == "文件不存在"
    assert refusal(tmp_path) == "这是文件夹，不是文件"
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 11)
    monkeypatch.setattr(document, "MAX_BYTES", 10)
    assert refusal(big) == "文件过大（11 字节，上限 10 字节）"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_read_no_further_than_the_limit(monkeypatch):
    # stat says 0 bytes; reading it whole would never end
    monkeypatch.setattr(document, "MAX_BYTES", 1000)
    assert refusal("/dev/zero") == "文件过大（超过 1000 字节）"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_read(tmp_path):
    import threading
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    data = fixture_path("seeds/004").read_bytes()
    writer = threading.Thread(target=fifo.write_bytes, args=(data,))
    writer.start()
    try:
        assert read_bytes(str(fifo)) == data
    finally:
        writer.join(10)


def test_size_limits_in_lines_and_pipes(monkeypatch):
    monkeypatch.setattr(document, "MAX_LINES", 3)
    monkeypatch.setattr(document, "MAX_PIPES", 4)
    check_size("a\nb\nc")
    check_size("a|b|c|d|")
    with pytest.raises(SourceError, match=r"^行数过多（4 行，上限 3 行）$"):
        check_size("a\nb\nc\n")
    with pytest.raises(SourceError, match=r"^表格分隔符“\|”过多（5 个，上限 4 个）$"):
        check_size("|a|b|c|d|")


def test_real_reports_are_far_below_the_limits():
    # the limits are meant for runaway files: a file of MAX_BYTES written like the Word-extracted
    # seeds, or like the web text (shorter lines, many pipes), stays under them
    for group in (SEEDS, REAL):
        texts = [path.read_text(encoding="utf-8") for path in group]
        scale = document.MAX_BYTES / sum(len(text.encode("utf-8")) for text in texts)
        assert sum(text.count("\n") + 1 for text in texts) * scale < document.MAX_LINES
        assert sum(text.count("|") for text in texts) * scale < document.MAX_PIPES


def test_load_refuses_more_than_the_limit_from_any_source(monkeypatch):
    from linter.document import load
    from linter.templates import builtin_catalog

    monkeypatch.setattr(document, "MAX_BYTES", 10)
    with pytest.raises(SourceError, match=r"^文件过大（超过 10 字节）$"):
        load("-", b"x" * 11, builtin_catalog())
    assert load("-", b"x" * 10, builtin_catalog()).source.text == "x" * 10
