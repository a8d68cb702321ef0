"""The command survives bad input, in real processes and odd files.

Forty random cuts and byte-flip variants of a seed, an empty file, a binary file and a 10 MB file each
end with exit 0, 1 or 2, no traceback, in bounded time, and are not modified. Then files gxlint meets
in the wild: only whitespace, only pipes, a 10 MB line, Unicode line separators, mixed encodings,
folders, symbolic-link loops, devices.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter.cli.main import main
from linter.read import ReadError, read_document

from ..conftest import REAL, SEEDS, fixture_path
from .helpers import ROOT

SEED = fixture_path("seeds/002").read_bytes()


def gxlint(*args: str, timeout: float = 60) -> tuple[int, str, str, float]:
    """``python -m linter ARGS`` in a real process: exit status, stdout, stderr, seconds."""
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "linter", *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return result.returncode, result.stdout, result.stderr, time.monotonic() - start


def lint_here(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def variants(data: bytes, count: int = 40) -> list[bytes]:
    """Deterministic damage: half cuts at any byte (mostly inside a 3-byte character), half byte flips."""
    rng = random.Random(6)
    result = []
    for index in range(count):
        if index % 2 == 0:
            result.append(data[:rng.randrange(len(data))])
        else:
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            result.append(bytes(damaged))
    return result


def binary() -> bytes:
    rng = random.Random(7)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4096))


def ten_megabytes() -> bytes:
    """Real reports, text and tables in every layout, repeated to 10 MB."""
    block = "\n\n".join(path.read_text(encoding="utf-8") for path in SEEDS + REAL).encode("utf-8") + b"\n\n"
    return block * (10 * 1024 * 1024 // len(block) + 1)


def assert_inside(text: str, findings: list[dict]) -> None:
    lines = text.split("\n")

    def inside(line: int, column: int) -> bool:
        return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1

    for finding in findings:
        assert inside(finding["line"], finding["column"]) and inside(finding["end_line"], finding["end_column"])
        assert all(inside(place["line"], place["column"]) for place in finding["related"])


def check_entry(entry: dict, data: bytes, name: str = "odd.txt") -> None:
    """The file's result agrees with what its bytes are: unreadable (and why, and where), or findings
    inside the text gxlint read."""
    try:
        text = read_document(name, data).text
    except ReadError as error:
        assert (entry["error"], entry["line"], entry["column"]) == (str(error), error.line, error.column)
        assert entry["findings"] == []
        return
    assert "error" not in entry
    assert_inside(text, entry["findings"])


# --- done when ------------------------------------------------------------------------------------------------

def test_forty_damaged_seeds_an_empty_and_a_binary_file(tmp_path):
    files = {f"variant-{index:02}.txt": data for index, data in enumerate(variants(SEED))}
    files["empty.txt"] = b""
    files["binary.txt"] = binary()
    paths = []
    for name, data in files.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    statuses = {}
    for path in paths:                  # each file alone: its own exit status
        code, out, err = lint_here("--format", "json", str(path))
        assert code in (0, 1, 2) and "Traceback" not in err, path.name
        (entry,) = json.loads(out)["files"]
        check_entry(entry, files[path.name], path.name)
        statuses[path.name] = code
    assert statuses["empty.txt"] == 0 and statuses["binary.txt"] == 2
    assert set(statuses.values()) == {0, 1, 2}          # the damage is varied: every outcome occurs
    # all together in one real process (which lints them in parallel)
    code, out, err, seconds = gxlint("--format", "json", *map(str, paths))
    assert code == max(statuses.values()) and "Traceback" not in err and seconds < 60
    entries = json.loads(out)["files"]
    assert [entry["path"] for entry in entries] == list(map(str, paths))
    for path, entry in zip(paths, entries):
        check_entry(entry, files[path.name], path.name)
        assert path.read_bytes() == files[path.name]
    # told by its content, not its name (the old command said only that a byte was NUL)
    assert entries[-1]["error"] == "这是 PNG 图片，不是文字报告（gxlint 不做文字识别）"


def test_ten_megabytes_in_bounded_time(tmp_path):
    data = ten_megabytes()
    path = tmp_path / "ten.txt"
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    code, out, err, seconds = gxlint("--format", "json", str(path), timeout=300)
    assert code == 1 and "Traceback" not in err
    assert seconds < 120, seconds          # about 33 s on a busy 2-core machine
    (entry,) = json.loads(out)["files"]
    assert len(entry["findings"]) > 1000
    assert_inside(data.decode("utf-8"), entry["findings"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


# --- odd files ---------------------------------------------------------------------------------------------------

ODD = {
    "spaces": "   \n \t \n\n\u3000\n".encode(),
    "tabs": b"\t\t\t\n\t\n\t\t\n",
    "pipes": b"|||\n|\n||||||||\n|--|\n| |\n|:-:|\n",
    "bom only": b"\xef\xbb\xbf",
    "utf-16 bom only": b"\xff\xfe",
    "one line of 10 MB": b"x" * (10 * 1024 * 1024),
    "lines of a million characters": ("政府信息公开" * 170_000 + "\n规章 | " + "x" * 1_000_000 + " | 1 |\n\t"
                                      + "1" * 1_000_000 + "\n" + "规章 | 1 |" * 10_000 + "\n").encode(),
    "unicode line separators": fixture_path("seeds/002").read_text(encoding="utf-8")
    .replace("\n", "\u2028", 40).replace("。", "\u2029").replace("，", "\x85").encode(),
    "vertical tabs and form feeds": fixture_path("seeds/000").read_text(encoding="utf-8")
    .replace("\n", "\x0b", 30).replace("\n", "\x0c", 30).replace("\n", "\x1c", 5).encode(),
    "garbage that decodes as gb18030": bytes(random.Random(8).randrange(0x81, 0xFF) for _ in range(20000)),
    "mixed utf-8 and gb18030": SEED[:3000] + fixture_path("seeds/000").read_text(encoding="utf-8").encode("gb18030"),
    "utf-32": "\ufeff统计表".encode("utf-32"),
    "lone surrogate": b"abc\xed\xa0\x80def",
    "odd utf-16": b"\xff\xfe" + "统计".encode("utf-16-le") + b"\x00",
    "nul in text": SEED[:500] + b"\x00" + SEED[500:],
    "only numbers": "\n".join(str(n) for n in range(5000)).encode(),
    "huge cells": SEED.replace(b"5475", b"9" * 100_000).replace(b"1.85", b"1e999999"),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_files(tmp_path, name):
    data = ODD[name]
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    start = time.monotonic()
    code, out, err = lint_here("--format", "json", str(path))
    assert code in (0, 1, 2) and "Traceback" not in err and time.monotonic() - start < 30
    (entry,) = json.loads(out)["files"]
    check_entry(entry, data)
    assert path.read_bytes() == data


def test_what_the_odd_files_give(tmp_path):
    """Not only no crash: the right outcome for the files whose outcome is known."""
    def entry(name):
        path = tmp_path / "odd.txt"
        path.write_bytes(ODD[name])
        return json.loads(lint_here("--format", "json", str(path))[1])["files"][0]

    # byte 500 of seed 002 is on line 9 (8 line ends before it), inside a character: the 54 characters
    # before it on that line and the broken one make 55, the NUL is the 56th
    before = SEED[:500].rsplit(b"\n", 1)[1]
    assert SEED[:500].count(b"\n") + 1 == 9 and len(before.decode("utf-8", errors="ignore")) == 54
    assert len(before.decode("utf-8", errors="replace")) == 55
    nul = entry("nul in text")
    assert (nul["error"], nul["line"], nul["column"]) == ("不是文本文件：第 9 行第 56 列（第 500 字节）是 NUL", 9, 56)
    # UTF-8 breaks at byte 3 (a surrogate), GB18030 reads on to byte 5 (abc, then ED A0 as one character):
    # the one that read further is named, at the fifth character
    surrogate = entry("lone surrogate")
    assert surrogate["error"].startswith("无法解码：第 1 行第 5 列（第 5 字节 0x80）既不是 UTF-8 也不是 GB18030")
    assert "第 6 字节" in entry("odd utf-16")["error"]
    huge = entry("huge cells")["findings"]
    assert any(f["rule"] == "GX009" and f["message"].startswith("“3.政务微博公开政府信息数”应填数字") for f in huge)


def test_line_separator_characters_are_characters(tmp_path):
    def entry(name):
        path = tmp_path / "odd.txt"
        path.write_bytes(ODD[name])
        return json.loads(lint_here("--format", "json", str(path))[1])["files"][0]

    assert "error" not in entry("vertical tabs and form feeds")
    # U+2028, U+2029 and U+0085 are characters inside a line: only LF, CRLF and CR end one (as in
    # LSP and SARIF). The first 40 line ends became U+2028, so the table findings move up 40 lines.
    def table_findings(findings):
        return [(f["rule"], f["line"], f["column"]) for f in findings if f["rule"] < "GX3"]

    plain = json.loads(lint_here("--format", "json", str(fixture_path("seeds/002")))[1])["files"][0]["findings"]
    moved = [(rule, line - 40, column) for rule, line, column in table_findings(plain)]
    assert moved and all(line > 0 for _, line, _ in moved)
    assert table_findings(entry("unicode line separators")["findings"]) == moved


@pytest.mark.parametrize("year", ["9999", "0000", "0001"])
def test_impossible_years_are_no_years(tmp_path, year):
    # a damaged title year once became the report's year, and its deadline date(10000, 1, 31) a traceback
    text = fixture_path("seeds/000").read_text(encoding="utf-8")
    assert "区卫生健康局2018年度信息公开工作报告" in text and "2019年2月20日" in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace("区卫生健康局2018年度", f"区卫生健康局{year}年度"), encoding="utf-8")
    code, out, err = lint_here("--format", "json", str(path))
    assert code == 1 and "Traceback" not in err
    (entry,) = json.loads(out)["files"]
    assert any(f["rule"] == "GX103" for f in entry["findings"])      # the tables are still checked


def test_folders_links_and_devices(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_bytes(SEED)
    (reports / "loop").symlink_to(reports)                      # a folder holding itself
    (reports / "self.txt").symlink_to(reports / "self.txt")     # a link to itself
    (reports / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (reports / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0")    # not a report gxlint reads: not searched
    (reports / "folder.txt").mkdir()                            # a folder named like a report
    code, out, err, seconds = gxlint("--format", "json", str(reports), timeout=60)
    assert "Traceback" not in err and seconds < 30
    paths = [entry["path"] for entry in json.loads(out)["files"]]
    assert paths == [str(reports / "a.txt")] and code == 1
    # named on the command line: each gets one line saying why it cannot be read
    code, out, err = lint_here("--format", "concise", str(reports / "self.txt"), str(reports / "dangling.txt"))
    assert code == 2 and "Traceback" not in err
    assert out.splitlines() == [f"{reports / 'self.txt'}:1:1: error GX000 符号链接循环，无法读取",
                                f"{reports / 'dangling.txt'}:1:1: error GX000 文件不存在"]
    # a folder named like a report is searched as a folder
    code, out, err = lint_here("--format", "concise", str(reports / "folder.txt"))
    assert (code, out) == (0, "") and err.startswith(f"gxlint: 警告：{reports / 'folder.txt'} 中没有要检查的报告")


def test_an_old_word_file_is_told_what_to_do(tmp_path):
    path = tmp_path / "年报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    code, out, _ = lint_here("--format", "concise", str(path))
    assert code == 2 and out == f"{path}:1:1: error GX000 这是旧版 Word 文件（.doc），gxlint 不能直接读取；" \
                                "请在 Word 或 WPS 中另存为 .docx 后再检查\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_gets_one_line():
    code, out, err, seconds = gxlint("--format", "concise", "/dev/zero", timeout=60)
    assert code == 2 and "Traceback" not in err and seconds < 30
    assert out == "/dev/zero:1:1: error GX000 文件过大（超过 67108864 字节）\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_standard_input_gets_one_line():
    # cat /dev/zero | gxlint -: read whole, it would fill the memory and never end
    with open("/dev/zero", "rb") as endless:
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "linter", "--format", "concise", "-"], stdin=endless,
                                cwd=ROOT, capture_output=True, text=True, timeout=60,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and "Traceback" not in result.stderr and time.monotonic() - start < 30
    assert result.stdout == "-:1:1: error GX000 文件过大（超过 67108864 字节）\n"
