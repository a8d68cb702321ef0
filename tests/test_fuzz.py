"""Property-based robustness: real reports, damaged at random, never break gxlint.

Each example takes a real report from ``tests/fixtures`` (the seeds and the web
samples), damages its text the way drafts get damaged (lines shuffled,
duplicated or lost; tabs and pipes where they do not belong; rows made ragged;
numbers written in odd forms, huge or with exponents), writes it in one of the
encodings gxlint reads, then damages the bytes (cuts, also inside a multi-byte
character; flipped, inserted and deleted bytes). The damaged file goes through
the command, in this process, with ``--format json``. Whatever the input:

- no exception escapes, and nothing that looks like a traceback is printed;
- the exit status is 0, 1 or 2, and 2 only when the bytes cannot be decoded
  (:func:`linter.source.decode` refuses them, and the file's entry says why);
- every position of every finding lies inside the decoded text: line from 1
  to the number of lines, column from 1 to the line's length plus one (the
  same for the end and for related places);
- the file is not modified.

The run is deterministic (``derandomize``, no example database) and bounded.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import random
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.cli import main
from linter.source import SourceError, decode

from .conftest import REAL, SEEDS

# The seeds (whole reports, every table) twice as often as the shorter web samples.
SOURCES = [(path.name, path.read_text(encoding="utf-8")) for path in SEEDS + SEEDS + REAL]

# Numbers as drafts write them, and as damage makes them. Digit runs stay short
# enough (at most a few hundred digits) that a run is about robustness, not speed.
ODD_NUMBERS = ["１２３", "1,234", "１，２３４", "+1", "-0", "——", "—", "/", "无", "约20", "20余", "0.5", ".5", "5.",
               "1" + "0" * 400, "1e999", "1E+999999", "9" * 25, "1,2,3", "12万元", "1.5亿元", "-417",
               "²", "⑤", "١٢", "NaN", "Infinity", "0x10", "1_000", "12%", "３.１４"]
INSERTIONS = ["\t", "|", " | ", "||", "|||", "|--|", "\t\t", "\u3000", "\xa0", "\u2028", "\u2029", "\x85",
              "\x0b", "\x0c", "\r", "\r\n", "\ufeff", "（", "）", "一、", "其中：", "总计"]
ROW_TAILS = [" | 5", " | 5 | 6 | 7", "\t7", " |", " | | |", "|1|2|3|4|5|6|7|8|9|", "\t\t\t"]

fraction = st.floats(min_value=0, max_value=1, exclude_max=True)

text_op = st.one_of(
    st.tuples(st.just("shuffle"), st.integers(0, 2**16)),
    st.tuples(st.just("duplicate"), fraction),
    st.tuples(st.just("remove"), fraction),
    st.tuples(st.just("insert"), fraction, fraction, st.sampled_from(INSERTIONS)),
    st.tuples(st.just("number"), fraction, st.sampled_from(ODD_NUMBERS)),
    st.tuples(st.just("ragged"), fraction, st.sampled_from(ROW_TAILS)),
    st.tuples(st.just("drop_cell"), fraction),
)
byte_op = st.one_of(
    st.tuples(st.just("cut"), fraction),
    st.tuples(st.just("flip"), fraction, st.integers(0, 255)),
    st.tuples(st.just("insert"), fraction, st.binary(min_size=1, max_size=4)),
    st.tuples(st.just("delete"), fraction, st.integers(1, 64)),
)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be-bom", "crlf", "cr"]


def _at(fraction_: float, size: int) -> int:
    return min(int(fraction_ * size), max(size - 1, 0))


def damage_text(text: str, ops) -> str:
    lines = text.split("\n")
    for op in ops:
        kind = op[0]
        if kind == "shuffle":
            random.Random(op[1]).shuffle(lines)
        elif kind == "duplicate" and lines:
            index = _at(op[1], len(lines))
            lines.insert(index, lines[index])
        elif kind == "remove" and len(lines) > 1:
            del lines[_at(op[1], len(lines))]
        elif kind == "insert" and lines:
            index = _at(op[1], len(lines))
            column = int(op[2] * (len(lines[index]) + 1))
            lines[index] = lines[index][:column] + op[3] + lines[index][column:]
        elif kind == "number":
            joined = "\n".join(lines)
            numbers = list(re.finditer(r"\d+(?:\.\d+)?", joined))
            if numbers:
                match = numbers[_at(op[1], len(numbers))]
                joined = joined[:match.start()] + op[2] + joined[match.end():]
            lines = joined.split("\n")
        elif kind == "ragged" and lines:
            index = _at(op[1], len(lines))
            lines[index] += op[2]
        elif kind == "drop_cell" and lines:
            index = _at(op[1], len(lines))
            for mark in ("|", "\t"):
                if mark in lines[index]:
                    cut = lines[index].index(mark)
                    rest = lines[index].find(mark, cut + 1)
                    lines[index] = lines[index][:cut] + (lines[index][rest:] if rest >= 0 else "")
                    break
    return "\n".join(lines)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", errors="surrogatepass")
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8", errors="surrogatepass")
    if encoding == "cr":
        return text.replace("\n", "\r").encode("utf-8", errors="surrogatepass")
    if encoding == "gb18030":
        return text.encode("gb18030", errors="replace")
    return text.encode(encoding, errors="surrogatepass")


def damage_bytes(data: bytes, ops) -> bytes:
    for op in ops:
        kind = op[0]
        if kind == "cut":
            data = data[:_at(op[1], len(data))]
        elif kind == "flip" and data:
            index = _at(op[1], len(data))
            data = data[:index] + bytes([op[2]]) + data[index + 1:]
        elif kind == "insert":
            index = _at(op[1], len(data) + 1)
            data = data[:index] + op[2] + data[index:]
        elif kind == "delete" and data:
            index = _at(op[1], len(data))
            data = data[:index] + data[index + op[2]:]
    return data


def lint_json(path: Path) -> tuple[int, dict, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--format", "json", str(path)])
    return code, json.loads(out.getvalue()), err.getvalue()


def assert_inside(lines: list[str], line: int, column: int, what: str) -> None:
    assert 1 <= line <= len(lines), f"{what}: line {line} of {len(lines)}"
    assert 1 <= column <= len(lines[line - 1]) + 1, f"{what}: column {column}, line {line} has {len(lines[line - 1])}"


def check_run(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_bytes(data)
        code, result, err = lint_json(path)
        assert path.read_bytes() == data, "the report was modified"
    assert "Traceback" not in err
    assert code in (0, 1, 2)
    (entry,) = result["files"]
    try:
        text = decode(data).text
    except SourceError:
        assert code == 2 and entry["error"] and entry["findings"] == []
        return
    assert code in (0, 1) and "error" not in entry
    lines = text.split("\n")
    for finding in entry["findings"]:
        name = f"{finding['rule']} {finding['message'][:40]}"
        assert_inside(lines, finding["line"], finding["column"], name)
        assert_inside(lines, finding["end_line"], finding["end_column"], name + " (end)")
        assert (finding["end_line"], finding["end_column"]) >= (finding["line"], finding["column"]), name
        for place in finding["related"]:
            assert_inside(lines, place["line"], place["column"], name + " (related)")
    assert (code == 1) == any(finding["severity"] == "error" for finding in entry["findings"])


@settings(max_examples=250, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=st.sampled_from(SOURCES), text_ops=st.lists(text_op, max_size=6),
       encoding=st.sampled_from(ENCODINGS), byte_ops=st.lists(byte_op, max_size=4))
def test_damaged_reports_never_break_the_linter(source, text_ops, encoding, byte_ops):
    _, text = source
    check_run(damage_bytes(encode(damage_text(text, text_ops), encoding), byte_ops))


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_never_break_the_linter(data):
    check_run(data)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(text=st.text(alphabet=st.sampled_from(list("\t|\n \u3000一二三、（）()0123456789１,.-—/总计其中规章件条")),
                    max_size=400))
def test_table_like_noise_never_breaks_the_linter(text):
    check_run(text.encode("utf-8"))
