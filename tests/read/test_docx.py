"""Word files: the seeds rebuilt as .docx read as the seeds do; the official template, filled."""

from __future__ import annotations

import io
from decimal import Decimal
import zipfile
from collections import Counter

import docx
import pytest
from docx.oxml.ns import qn

from linter.read import ReadError, read_document
from linter.read.model import Origin, Table

from ..conftest import FIXTURES, SEEDS, facts_of, findings_of, load_bytes, load_text
from .builders import Table as SeedTable
from .builders import parse_seed, run_command, to_docx

TEMPLATE = FIXTURES / "real" / "template-2021-blank.docx"


def seed_docx(seed) -> bytes:
    return to_docx(parse_seed(seed.read_text(encoding="utf-8")))


def messages(report) -> Counter:
    return Counter((finding.rule, finding.message) for finding in findings_of(report))


def saved(document) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def assert_located(document) -> None:
    """Every cell and line points at its own text in ``document.text``."""
    lines = document.text.split("\n")
    for block in document.blocks:
        places = block.cells if isinstance(block, Table) else block.lines
        for place in places:
            end = getattr(place, "end_column", place.column + len(place.text))
            assert lines[place.line - 1][place.column - 1:end - 1] == place.text
            assert place.origin is not None and place.origin.kind == "docx"


# --- the seeds as Word files --------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_seed_as_docx_gives_the_same_facts_and_findings(seed):
    text_report = load_bytes(seed.read_bytes(), str(seed))
    word_report = load_bytes(seed_docx(seed), "seed.docx")
    assert word_report.document.kind == "docx"
    assert len(facts_of(text_report)) >= 50
    assert facts_of(word_report) == facts_of(text_report)
    assert messages(word_report) == messages(text_report)


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_seed_docx_cells_point_into_the_text(seed):
    assert_located(read_document("seed.docx", seed_docx(seed)))


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_the_rendering_reads_back_as_text(seed):
    data = seed_docx(seed)
    document = read_document("seed.docx", data)
    assert facts_of(load_text(document.text)) == facts_of(load_bytes(data, "seed.docx"))


def test_the_rebuilt_seeds_have_cells_merged_as_word_makes_them():
    seed = next(path for path in SEEDS if path.name.startswith("001"))
    body = docx.Document(io.BytesIO(seed_docx(seed))).element.body
    spans = [tc.grid_span for tc in body.iter(qn("w:tc"))]
    merges = Counter(tc.vMerge for tc in body.iter(qn("w:tc")))
    assert max(spans) >= 3
    assert merges["restart"] >= 5 and merges["continue"] >= 20


# --- the reader on small Word files ---------------------------------------------------------

def merged_table_document():
    """| A (2 columns) | B |, | C (2 rows) | D | E |, | (C) | F | G |."""
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "A"
    table.cell(0, 2).text = "B"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "C"
    for (row, column), text in {(1, 1): "D", (1, 2): "E", (2, 1): "F", (2, 2): "G"}.items():
        table.cell(row, column).text = text
    document.add_paragraph("本年度收到申请2件。")
    return document


def cells_of(document) -> list[list[tuple[str, tuple]]]:
    return [[(cell.text, (cell.origin.table, cell.origin.row, cell.origin.cell)) for cell in row.cells]
            for table in document.tables for row in table.rows]


def test_merged_cells_appear_once_and_lower_parts_empty():
    document = read_document("x.docx", saved(merged_table_document()))
    assert cells_of(document) == [
        [("A", (1, 1, 1)), ("B", (1, 1, 2))],
        [("C", (1, 2, 1)), ("D", (1, 2, 2)), ("E", (1, 2, 3))],
        [("", (1, 3, 1)), ("F", (1, 3, 2)), ("G", (1, 3, 3))],
    ]
    assert_located(document)
    empty = document.tables[0].rows[2].cells[0]
    assert empty.column == empty.end_column


def test_paragraphs_in_order_counted_as_python_docx_counts_them():
    document = read_document("x.docx", saved(merged_table_document()))
    assert [isinstance(block, Table) for block in document.blocks] == [False, True, False]
    first, last = document.paragraphs
    assert first.heading and first.lines[0].origin == Origin("docx", paragraph=2)
    assert last.lines[0].text == "本年度收到申请2件。" and last.lines[0].origin == Origin("docx", paragraph=3)
    assert document.text.startswith("一、总体情况\n\nA | B |\nC | D | E |\n|  | F | G |\n")


def test_a_cells_paragraphs_and_line_breaks_are_joined():
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    header, numbers, broken = table.rows[0].cells
    header.paragraphs[0].text = "本年新"
    header.add_paragraph("制作数量")
    numbers.paragraphs[0].text = "12"
    numbers.add_paragraph("34")
    broken.paragraphs[0].add_run("结果").add_break()
    broken.paragraphs[0].add_run("纠正")
    read = read_document("x.docx", saved(document))
    assert [cell.text for cell in read.tables[0].cells] == ["本年新制作数量", "12 34", "结果纠正"]
    assert "\n" not in read.text.strip("\n")


def test_a_nested_table_is_read_after_the_row_that_holds_it():
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内1"
    inner.cell(0, 1).text = "内2"
    outer.cell(1, 0).text = "下"
    document.add_paragraph("正文。")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "后"
    read = read_document("x.docx", saved(document))
    assert cells_of(read) == [
        [("外", (1, 1, 1)), ("", (1, 1, 2))],
        [("内1", (2, 1, 1)), ("内2", (2, 1, 2))],
        [("下", (1, 2, 1)), ("", (1, 2, 2))],
        [("后", (3, 1, 1))],
    ]
    assert_located(read)


def test_a_table_split_across_pages_reads_on():
    seed = next(path for path in SEEDS if path.name.startswith("003"))
    blocks = parse_seed(seed.read_text(encoding="utf-8"))
    assert sum(isinstance(block, SeedTable) for block in blocks) == 3   # cut by two page breaks
    document = read_document("x.docx", to_docx(blocks))
    assert len(document.tables) == 3
    assert facts_of(load_bytes(to_docx(blocks), "x.docx"))["stats.training.attendees"] == 0


# --- the official template ------------------------------------------------------------------

ACTIVE = {3: ["0", "0", "2"], 4: ["3", "1", "12"], 7: ["150"], 10: ["20"], 11: ["2"], 14: ["1.5"]}
# Natural persons and businesses, rows 一 to 四 of the application table (25 rows); the other
# applicants 0. Per column: (一)…(六) add up to (七), and 一 + 二 = (七) + 四.
NATURAL = [8, 2, 3, 1, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 9, 1]
BUSINESS = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
REVIEW = "1 0 0 1 2 0 1 0 0 1 0 0 0 0 0".split()


def word_cells(row) -> list:
    """A row's cells as Word shows them (python-docx repeats a cell for each column it spans)."""
    cells = row.cells
    return [cell for index, cell in enumerate(cells) if index == 0 or cell is not cells[index - 1]]


def filled_template():
    document = docx.Document(str(TEMPLATE))
    active, apply, review = document.tables
    for row, values in ACTIVE.items():
        for cell, value in zip(word_cells(active.rows[row - 1])[1:], values, strict=True):
            cell.text = value
    for index, (natural, business) in enumerate(zip(NATURAL, BUSINESS, strict=True)):
        values = [natural, business, 0, 0, 0, 0, natural + business]
        for cell, value in zip(word_cells(apply.rows[3 + index])[-7:], values, strict=True):
            cell.text = str(value)
    for cell, value in zip(word_cells(review.rows[3]), REVIEW, strict=True):
        cell.text = value
    return document


def test_the_blank_template_binds_every_cell_blank():
    report = load_bytes(TEMPLATE.read_bytes(), str(TEMPLATE))
    facts = report.binding.facts()
    assert Counter(key.split(".")[0] for key in facts) == {"active": 10, "apply": 175, "review": 15}
    assert all(fact.status == "blank" for fact in facts.values())
    assert facts["active.regulations.issued"].cell.origin == Origin("docx", table=1, row=3, cell=2)
    assert facts["apply.new.natural_person"].cell.origin == Origin("docx", table=2, row=4, cell=2)
    assert facts["apply.granted.total"].cell.origin == Origin("docx", table=2, row=6, cell=9)
    assert facts["review.litigation_after.total"].cell.origin == Origin("docx", table=3, row=4, cell=15)


def test_the_filled_template_binds_every_value_cell():
    report = load_bytes(saved(filled_template()), "filled.docx")
    facts = facts_of(report)
    assert Counter(key.split(".")[0] for key in facts) == {"active": 10, "apply": 175, "review": 15}
    assert all(not isinstance(value, str) for value in facts.values()), "every cell holds a number"
    assert facts["apply.total.natural_person"] == 9 and facts["apply.carried_forward.total"] == 1
    assert facts["active.fees.amount"] == Decimal("1.5")
    assert [finding for finding in findings_of(report) if finding.severity == "error"] == []


def test_a_changed_cell_is_found_where_word_shows_it():
    document = filled_template()
    word_cells(document.tables[1].rows[3])[-1].text = "10"     # 一、本年新收…: 总计 9 → 10
    report = load_bytes(saved(document), "filled.docx")
    (finding,) = findings_of(report, "GX201")
    assert finding.origin == Origin("docx", table=2, row=4, cell=8)
    assert finding.origin.describe() == "第 2 个表格第 4 行第 8 格"
    assert "总计为 10" in finding.message and "之和为 9" in finding.message
    line = report.document.text.split("\n")[finding.line - 1]
    assert line[finding.column - 1:].startswith("10 |") and line.startswith("一、本年新收")


# --- files that are not Word files ------------------------------------------------------------

def zipped(entries: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return stream.getvalue()


def damaged_xml() -> bytes:
    with zipfile.ZipFile(TEMPLATE) as package:
        entries = {name: package.read(name) for name in package.namelist()}
    entries["word/document.xml"] = entries["word/document.xml"][:3000]
    return zipped(entries)


BAD_FILES = {
    "truncated.docx": TEMPLATE.read_bytes()[:20000],
    "not-word.docx": zipped({"hello.txt": b"hello"}),
    "damaged-xml.docx": damaged_xml(),
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    "old-renamed.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_word_file_gets_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    code, output = run_command(path)
    assert code == 2
    assert "Traceback" not in output
    (line,) = [line for line in output.splitlines() if line.strip()]
    assert "Word" in line and "GX000" in line


def test_a_text_file_renamed_docx_gets_one_line(tmp_path):
    path = tmp_path / "renamed.docx"
    path.write_text("一、总体情况\n本年度收到申请2件。\n", encoding="utf-8")
    code, output = run_command(path)
    assert code == 2 and len(output.strip().splitlines()) == 1 and "Word" in output


@pytest.mark.parametrize("name", ["truncated.docx", "not-word.docx", "damaged-xml.docx"])
def test_the_reader_raises_read_error(name):
    from linter.read.docx import read_docx

    with pytest.raises(ReadError) as caught:
        read_docx(BAD_FILES[name], name)
    assert "\n" not in str(caught.value) and "\n" not in caught.value.english


def test_too_many_cells_is_a_read_error(monkeypatch):
    from linter.read import docx as reader

    monkeypatch.setattr(reader, "MAX_CELLS", 50)
    with pytest.raises(ReadError, match="单元格过多"):
        reader.read_docx(TEMPLATE.read_bytes(), "template.docx")
