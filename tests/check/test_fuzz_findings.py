"""Property-based robustness of the check stage: real reports, damaged at random, give findings that
point inside the text, and nothing else goes wrong.

Each example takes a real report from ``tests/fixtures`` (the seeds and the web samples), damages its
text the way drafts get damaged (lines shuffled, duplicated or lost; tabs and pipes where they do not
belong; rows made ragged; numbers written in odd forms, huge or with exponents), writes it in one of the
encodings gxlint reads, then damages the bytes (cuts, also inside a multi-byte character; flipped,
inserted and deleted bytes). The damaged bytes are read, bound and checked in this process. Whatever
the input:

- the only exception is :class:`~linter.read.errors.ReadError`, in one line, and only for bytes that
  are no text (:func:`~linter.read.encoding.decode` refuses them, or they look like another kind of file);
- every position of every finding lies inside the document's text: line from 1 to the number of lines,
  column from 1 to the line's length plus one (the same for the end and for related places), and a
  finding never ends before it starts.

The run is deterministic (``derandomize``, no example database) and bounded. (The command's own
robustness, exit codes and real processes are ``tests/cli/test_robustness.py``'s.)
"""

from __future__ import annotations

import codecs
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.bind import bind_report
from linter.bind.templates import builtin_catalog
from linter.check.engine import run_rules
from linter.check.loading import load_all
from linter.read import ReadError, read_document
from linter.read.encoding import decode
from linter.read.files import sniff

from ..conftest import REAL, SEEDS

# The seeds (whole reports, every table) twice as often as the shorter web samples.
SOURCES = [(path.name, path.read_text(encoding="utf-8")) for path in SEEDS + SEEDS + REAL]

# Numbers as drafts write them, and as damage makes them. Digit runs stay short
# enough (at most a few hundred digits) that a run is about robustness, not speed.
ODD_NUMBERS = ["１２３", "1,234", "１，２３４", "+1", "-0", "——", "—", "/", "无", "约20", "20余", "0.5", ".5", "5.",
               "1" + "0" * 400, "1e999", "1E+999999", "9" * 25, "1,2,3", "12万元", "1.5亿元", "-417",
               "²", "⑤", "١٢", "NaN", "Infinity", "0x10", "1_000", "12%", "３.１４", "1." + "5" * 30]
INSERTIONS = ["\t", "|", " | ", "||", "|||", "|--|", "\t\t", "\u3000", "\xa0", "\u2028", "\u2029", "\x85",
              "\x0b", "\x0c", "\r", "\r\n", "\ufeff", "（", "）", "一、", "其中：", "总计", "。", "占45.4%"]
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
            lines[_at(op[1], len(lines))] += op[2]
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


def assert_inside(lines: list[str], line: int, column: int, what: str) -> None:
    assert 1 <= line <= len(lines), f"{what}: line {line} of {len(lines)}"
    assert 1 <= column <= len(lines[line - 1]) + 1, f"{what}: column {column}, line {line} has {len(lines[line - 1])}"


def no_text(data: bytes) -> bool:
    """Whether gxlint may refuse *data*: not decodable, or the bytes of another kind of file."""
    try:
        decode(data)
    except ReadError:
        return True
    try:
        return sniff(data, "report.txt") != "text"
    except ReadError:
        return True


def check(data: bytes) -> None:
    try:
        document = read_document("report.txt", data)
    except ReadError as error:
        assert "\n" not in str(error) and no_text(data), str(error)
        return
    report = bind_report(document, builtin_catalog())
    lines = document.text.split("\n")
    for finding in run_rules(report, load_all().ruleset):
        name = f"{finding.rule} {finding.message[:40]}"
        assert_inside(lines, finding.line, finding.column, name)
        assert_inside(lines, finding.end_line, finding.end_column, name + " (end)")
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), name
        for place in finding.related:
            if place.path is None:
                assert_inside(lines, place.line, place.column, name + " (related)")


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=st.sampled_from(SOURCES), text_ops=st.lists(text_op, max_size=6),
       encoding=st.sampled_from(ENCODINGS), byte_ops=st.lists(byte_op, max_size=4))
def test_damaged_reports_give_findings_inside_the_text(source, text_ops, encoding, byte_ops):
    _, text = source
    check(damage_bytes(encode(damage_text(text, text_ops), encoding), byte_ops))


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes(data):
    check(data)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(text=st.text(alphabet=st.sampled_from(list("\t|\n \u3000一二三、（）()0123456789１,.-—/总计其中规章件条占%。")),
                    max_size=400))
def test_table_like_noise(text):
    check(text.encode("utf-8"))


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\u2002", "\u2009",
                                  "\u202f"])
def test_odd_white_space_inside_a_line(char):
    text = "2018年政府信息公开工作年度报告\n\n全年收到申请" + char + "44件。\n"
    # Form feeds from pdftotext, U+2002/U+2009 from web pages, line separators: read as spaces,
    # every place kept where it was.
    document = read_document("report.txt", text.encode("utf-8"))
    assert document.text == text
    (paragraph,) = [p for p in document.paragraphs if "申请" in p.text]
    assert paragraph.locate(paragraph.text.index("44")) == (3, 8)
