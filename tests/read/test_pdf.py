"""The PDF reader: a real report with ruled tables (hongze-2024.pdf), PDFs built here by hand
(tables with and without ruling lines, over several pages), and files it must refuse."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from linter.read import ReadError, read_document
from linter.read import pdf as pdf_reader

from tests.conftest import facts_of, findings_of, fixture_path, fixture_text, load_bytes, load_fixture

GXLINT = Path(sys.executable).with_name("gxlint")
HONGZE_PDF = fixture_path("real/hongze-2024.pdf")


# --- PDFs built by hand --------------------------------------------------------------------
# Text is set in STSong-Light (Adobe-GB1, UniGB-UCS2-H), which a PDF may name without embedding
# it; pdfminer knows its character codes. Latin letters and digits are half as wide as Chinese.

def _string(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def _text(x: float, top: float, text: str, size: float = 10, height: float = 842) -> str:
    return f"BT /F1 {size} Tf 1 0 0 1 {x:.2f} {height - top - 0.88 * size:.2f} Tm {_string(text)} Tj ET"


def _pdf(pages: list[str], width: float = 595, height: float = 842, trailer: str = "",
         extra: dict[int, bytes] | None = None, resources: str = "", fonts: str = "") -> bytes:
    """A PDF of *pages* (content streams), with a correct cross-reference table."""
    objects = {
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
           b"/DescendantFonts [4 0 R] >>",
        4: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] >>",
    }
    objects.update(extra or {})
    kids = []
    number = max(objects) + 1
    for content in pages:
        data = content.encode("ascii")
        kids.append(f"{number} 0 R")
        objects[number] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
                           f"/Resources << /Font << /F1 3 0 R {fonts} >> {resources} >> "
                           f"/Contents {number + 1} 0 R >>").encode()
        objects[number + 1] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        number += 2
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for key in sorted(objects):
        offsets[key] = len(out)
        out += b"%d 0 obj\n" % key + objects[key] + b"\nendobj\n"
    start = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for key in range(1, size):
        out += b"%010d 00000 n \n" % offsets[key]
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer.encode(), start)
    return bytes(out)


def _layout_pdf(layout: str, header: str = "淮安市洪泽区政府信息公开年报") -> bytes:
    """The pages of a ``pdftotext -layout`` text set again as a PDF without any ruling lines:
    each run of words at its column (10 points a column), a running header on every page, and
    the page number line at the foot of its page."""
    pages, current = [], []
    for line in layout.split("\n"):
        current.append(line)
        if re.fullmatch(r"\s*-\d+-\s*", line):
            pages.append(current)
            current = []
    if any(line.strip() for line in current):
        pages.append(current)
    contents = []
    for lines in pages:
        ops = [_text(40, 30, header)]
        for index, line in enumerate(lines):
            top = 800 if re.fullmatch(r"\s*-\d+-\s*", line) else 60 + 13 * index
            ops.extend(_text(40 + 10 * match.start(), top, match.group())
                       for match in re.finditer(r"\S+(?: \S+)*", line))
        contents.append("\n".join(ops))
    return _pdf(contents, width=1000)


def _grid(x: list[float], y: list[float], cells: list[tuple]) -> list[str]:
    """Drawing operators of a ruled table: column edges *x*, row edges *y* (tops, from the top of
    the page), cells (row, column, rows spanned, columns spanned, lines of text)."""
    ops = ["0 0 0 RG 0.5 w"]
    for row, column, rows, columns, lines in cells:
        left, top, right, bottom = x[column], y[row], x[column + columns], y[row + rows]
        ops.append(f"{left} {842 - bottom} {right - left} {bottom - top} re S")
        ops.extend(_text(left + 3, top + 3 + 11 * index, line) for index, line in enumerate(lines))
    return ops


def _behind_each_line(tops: list[float]) -> list[str]:
    """White boxes behind lines of prose, as WPS draws them: they show nothing."""
    return [f"1 1 1 rg 0 0 0 RG 70 {842 - top - 14} 450 14 re f 0 g" for top in tops]


def _ruled_pdf() -> bytes:
    """Two pages: prose over white boxes, the 第二十条 tables as one ruled table going on over
    the page break, and the review table with its merged header cells."""
    columns = [70, 200, 300, 400, 500]
    first = _behind_each_line([60, 80, 100]) + [
        _text(70, 60, "一、总体情况"),
        _text(90, 80, "本年度本机关主动公开政府信息 120 条。"),
        _text(70, 100, "二、主动公开政府信息情况"),
        "0.78 0.85 0.95 rg 70 712 430 20 re f 0 g",      # a shaded title row: not a rule
    ] + _grid(columns, [110, 130, 150, 170, 190, 210, 230, 250], [
        (0, 0, 1, 4, ["第二十条第（一）项"]),
        (1, 0, 1, 1, ["信息内容"]), (1, 1, 1, 1, ["本年制发件数"]), (1, 2, 1, 1, ["本年废止件数"]),
        (1, 3, 1, 1, ["现行有效件数"]),
        (2, 0, 1, 1, ["规章"]), (2, 1, 1, 1, ["5"]), (2, 2, 1, 1, ["1"]), (2, 3, 1, 1, ["20"]),
        (3, 0, 1, 1, ["行政规范性文件"]), (3, 1, 1, 1, ["7"]), (3, 2, 1, 1, ["2"]), (3, 3, 1, 1, ["31"]),
        (4, 0, 1, 4, ["第二十条第（五）项"]),
        (5, 0, 1, 1, ["信息内容"]), (5, 1, 1, 3, ["本年处理决定数量"]),
        (6, 0, 1, 1, ["行政许可"]), (6, 1, 1, 3, ["12"]),
    ]) + [_text(290, 800, "- 1 -")]
    review_x = [70 + 28 * index for index in range(16)]
    subheads = [["结果", "维持"], ["结果", "纠正"], ["其他", "结果"], ["尚未", "审结"], ["总计"]]
    second = _grid(columns, [60, 80, 100, 120, 140, 160, 180, 200], [
        (0, 0, 1, 4, ["第二十条第（六）项"]),
        (1, 0, 1, 1, ["信息内容"]), (1, 1, 1, 3, ["本年处理决定数量"]),
        (2, 0, 1, 1, ["行政处罚"]), (2, 1, 1, 3, ["34"]),
        (3, 0, 1, 1, ["行政强制"]), (3, 1, 1, 3, ["5"]),
        (4, 0, 1, 4, ["第二十条第（八）项"]),
        (5, 0, 1, 1, ["信息内容"]), (5, 1, 1, 3, ["本年收费金额（单位：万元）"]),
        (6, 0, 1, 1, ["行政事业性收费"]), (6, 1, 1, 3, ["0.5"]),
    ]) + [_text(70, 220, "四、政府信息公开行政复议、行政诉讼情况")]
    second += _grid(review_x, [240, 260, 280, 310, 330], [
        (0, 0, 1, 5, ["行政复议"]), (0, 5, 1, 10, ["行政诉讼"]),
        *[(1, index, 2, 1, lines) for index, lines in enumerate(subheads)],
        (1, 5, 1, 5, ["未经复议直接起诉"]), (1, 10, 1, 5, ["复议后起诉"]),
        *[(2, 5 + index, 1, 1, subheads[index % 5]) for index in range(10)],
        *[(3, index, 1, 1, [value]) for index, value in enumerate("100010100100011")],
    ]) + [_text(290, 800, "- 2 -")]
    return _pdf(["\n".join(first), "\n".join(second)])


def _split_table_pdf() -> bytes:
    """A ruled table going on over three pages, Word repeating its header row on each."""
    columns = [70, 250, 400]
    pages = []
    rows = iter([("办公室", "3"), ("财政局", "4"), ("教育局", "5"), ("民政局", "6"), ("司法局", "7")])
    for number, count in ((1, 2), (2, 2), (3, 1)):
        cells = [(0, 0, 1, 1, ["部门"]), (0, 1, 1, 1, ["收到申请数"])]
        for index in range(count):
            name, value = next(rows)
            cells += [(index + 1, 0, 1, 1, [name]), (index + 1, 1, 1, 1, [value])]
        tops = [60 + 20 * index for index in range(count + 2)]
        pages.append("\n".join(_grid(columns, tops, cells) + [_text(290, 800, f"第 {number} 页")]))
    return _pdf(pages)


def _image_pdf() -> bytes:
    """One page holding nothing but a picture: a scan."""
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray " \
            b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    return _pdf(["q 500 0 0 700 50 70 cm /Im1 Do Q"], extra={5: image}, resources="/XObject << /Im1 5 0 R >>")


def _radicals_pdf() -> bytes:
    """A line whose font maps its letters to Kangxi radicals (⼀ for 一, ⼈ for 人), as Word and
    WPS fonts often do."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Radicals def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 3 beginbfchar "
            b"<41> <2F00> <42> <2F08> <43> <2F63> endbfchar "
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>"
    extra = {5: font, 6: b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"}
    return _pdf(["BT /F2 12 Tf 70 700 Td (ABC) Tj ET"], extra=extra, fonts="/F2 5 0 R")


def _encrypted_pdf() -> bytes:
    """A PDF whose standard security handler wants a password that is not the empty one."""
    encrypt = (b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"AB" * 32 + b"> /U <" + b"CD" * 32 + b"> >>")
    identifier = "<0123456789ABCDEF0123456789ABCDEF>"
    return _pdf([_text(70, 60, "一、总体情况")], extra={5: encrypt},
                trailer=f"/Encrypt 5 0 R /ID [{identifier} {identifier}]")


# --- hand-checked values of hongze-2024.pdf ------------------------------------------------
# Read off the rendered pages (and the same in hongze-2024.layout.txt); keys as gxlint names them.

APPLICANTS = ("natural_person", "business", "research", "nonprofit", "legal_services", "other_org", "total")
HONGZE_ROWS = {
    "apply.new": (95, 0, 0, 0, 0, 0, 95),
    "apply.carried_over": (0, 0, 0, 0, 0, 0, 0),
    "apply.granted": (50, 0, 0, 0, 0, 0, 50),
    "apply.partly_granted": (9, 0, 0, 0, 0, 0, 9),
    "apply.refused.state_secret": (0, 0, 0, 0, 0, 0, 0),
    "apply.refused.prohibited": (0, 0, 0, 0, 0, 0, 0),
    "apply.refused.safety": (1, 0, 0, 0, 0, 0, 1),
    "apply.refused.third_party": (0, 0, 0, 0, 0, 0, 0),
    "apply.refused.internal_affairs": (0, 0, 0, 0, 0, 0, 0),
    "apply.refused.process": (1, 0, 0, 0, 0, 0, 1),
    "apply.refused.enforcement_files": (1, 0, 0, 0, 0, 0, 1),
    "apply.refused.inquiry": (0, 0, 0, 0, 0, 0, 0),
    "apply.unavailable.not_held": (31, 0, 0, 0, 0, 0, 31),
    "apply.unavailable.needs_creation": (1, 0, 0, 0, 0, 0, 1),
    "apply.unavailable.unclear": (0, 0, 0, 0, 0, 0, 0),
    "apply.not_handled.petition": (1, 0, 0, 0, 0, 0, 1),
    "apply.not_handled.repeated": (0, 0, 0, 0, 0, 0, 0),
    "apply.not_handled.publication": (0, 0, 0, 0, 0, 0, 0),
    "apply.not_handled.excessive": (0, 0, 0, 0, 0, 0, 0),
    "apply.not_handled.confirmation": (0, 0, 0, 0, 0, 0, 0),
    "apply.other": (0, 0, 0, 0, 0, 0, 0),
    "apply.total": (95, 0, 0, 0, 0, 0, 95),
    "apply.carried_forward": (0, 0, 0, 0, 0, 0, 0),
}
REVIEW = ("upheld", "corrected", "other", "pending", "total")
HONGZE = {
    "active.regulations.issued": 0, "active.regulations.repealed": 0, "active.regulations.in_force": 0,
    "active.normative.issued": 3, "active.normative.repealed": 0, "active.normative.in_force": 8,
    "active.licensing.decisions": 9487,
    "active.penalty.decisions": 2776, "active.enforcement.decisions": 84,
    "active.fees.amount": 7545,
    **{f"{row}.{column}": value for row, values in HONGZE_ROWS.items() for column, value in zip(APPLICANTS, values)},
    **{f"review.reconsideration.{column}": value for column, value in zip(REVIEW, (1, 1, 0, 0, 2))},
    **{f"review.litigation_direct.{column}": value for column, value in zip(REVIEW, (1, 0, 0, 0, 1))},
    **{f"review.litigation_after.{column}": value for column, value in zip(REVIEW, (2, 0, 1, 0, 3))},
}


@pytest.fixture(scope="module")
def hongze():
    return load_fixture("real/hongze-2024.pdf")


@pytest.fixture(scope="module")
def layout_facts():
    return facts_of(load_fixture("real/hongze-2024.layout"))


def _compare(facts: dict, keys) -> list[str]:
    return [f"{key}: {facts.get(key)!r} != {HONGZE[key]}" for key in keys if facts.get(key) != Decimal(HONGZE[key])]


def test_hongze_facts_are_the_hand_checked_values(hongze, layout_facts):
    assert set(HONGZE) == set(layout_facts)          # the same keys as the text gxlint reads
    facts = facts_of(hongze)
    assert _compare(facts, layout_facts) == []
    assert set(facts) == set(layout_facts)


def test_hongze_findings_are_those_of_its_layout_text(hongze):
    from_pdf = sorted(finding.rule for finding in findings_of(hongze))
    from_text = sorted(finding.rule for finding in findings_of(load_fixture("real/hongze-2024.layout")))
    assert from_pdf == from_text
    assert from_pdf            # the report's own mistakes (a misspelt label, rows left out) are found


def test_every_place_points_into_the_rendering(hongze):
    document = hongze.document
    lines = document.lines
    assert document.kind == "pdf" and "\f" not in document.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                assert lines[cell.line - 1][cell.column - 1:cell.end_column - 1] == cell.text
                assert cell.origin.kind == "pdf" and cell.origin.page >= 1
    for paragraph in document.paragraphs:
        for line in paragraph.lines:
            assert lines[line.line - 1][line.column - 1:].startswith(line.text)
            assert line.origin is not None and line.origin.kind == "pdf"


def test_page_and_line_are_those_a_person_counts(hongze):
    document = hongze.document
    pages = document.text.split("\n\n")
    assert len(pages) == 5
    cell = next(cell for table in document.tables for cell in table.cells if cell.text == "9487")
    assert cell.origin.page == 2
    first_line_of_page = document.text.count("\n", 0, document.text.index(pages[1])) + 1
    assert cell.origin.line == cell.line - first_line_of_page + 1
    assert pages[1].split("\n")[cell.origin.line - 1] == "行政许可 | 9487 |"
    title = next(paragraph for paragraph in document.paragraphs if paragraph.text == "一、总体情况")
    assert title.heading and (title.lines[0].origin.page, title.lines[0].origin.line) == (1, 9)


def test_ruled_cells_merged_and_wrapped(hongze):
    rows = [row for table in hongze.document.tables for row in table.rows]
    granted = next(row for row in rows if any(cell.text == "（一）予以公开" for cell in row.cells))
    assert [cell.text for cell in granted.cells[:3]] == ["三、本年度办理结果", "（一）予以公开", "50"]
    partly = next(row for row in rows if any(cell.text.startswith("（二）部分公开") for cell in row.cells))
    below = partly.cells[0]     # under the merged 三、本年度办理结果: an empty cell with an empty range
    assert below.text == "" and (below.line, below.column) == (below.end_line, below.end_column)
    assert partly.cells[1].text == "（二）部分公开（区分处理的，只计这一情 形，不计其他情形）"
    headers = next(row for row in rows if any(cell.text == "商业企业" for cell in row.cells))
    assert [cell.text for cell in headers.cells][-6:] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]


def test_a_table_going_on_over_a_page_is_one_table_without_the_page_number(hongze):
    document = hongze.document
    apply = next(table for table in document.tables
                 if any(cell.text == "1.本机关不掌握相关政府信息" for cell in table.cells))
    texts = {cell.text for cell in apply.cells}
    assert "2.没有现成信息需要另行制作" in texts and "四、结转下年度继续办理" in texts
    everything = [cell.text for table in document.tables for cell in table.cells]
    everything += [line.text for paragraph in document.paragraphs for line in paragraph.lines]
    assert not any(re.fullmatch(r"-\s*\d\s*-", text) for text in everything)
    assert re.search(r"^-\s*3\s*-$", document.text, re.M)     # still shown in the rendering


def test_prose_titles_and_a_paragraph_over_a_page_break(hongze):
    paragraphs = hongze.document.paragraphs
    titles = [paragraph.text for paragraph in paragraphs if paragraph.heading]
    assert titles[:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert "六、其他需要报告的事项" in titles
    going_on = next(paragraph for paragraph in paragraphs if paragraph.text.startswith("针对存在问题"))
    assert "答复书模板，使各行政机关答复的方式" in going_on.text
    assert {line.origin.page for line in going_on.lines} == {4, 5}


def test_gxlint_text_prints_the_rendering():
    done = subprocess.run([str(GXLINT), "--text", str(HONGZE_PDF)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == read_document(str(HONGZE_PDF), HONGZE_PDF.read_bytes()).text
    lines = done.stdout.split("\n")
    assert "规章 | 0 | 0 | 0 |" in lines and "行政规范性文件 | 3 | 0 | 8 |" in lines
    assert "1 | 1 | 0 | 0 | 2 | 1 | 0 | 0 | 0 | 1 | 2 | 0 | 1 | 0 | 3 |" in lines
    assert lines[lines.index("行政许可 | 9487 |") + 2] == ""      # the page ends after its number


def test_the_rendering_read_again_as_text_gives_the_same_facts(hongze, layout_facts):
    again = load_bytes(hongze.document.text.encode("utf-8"), "rendering.txt")
    assert facts_of(again) == facts_of(hongze)


def test_radicals_a_font_maps_letters_to_are_read_as_the_characters():
    document = read_document("radicals.pdf", _radicals_pdf())
    assert document.text == "一人生\n"


# --- tables without ruling lines, page furniture -------------------------------------------

@pytest.fixture(scope="module")
def unruled():
    return load_bytes(_layout_pdf(fixture_text("real/hongze-2024.layout")), "unruled.pdf")


def test_a_table_without_ruling_lines_gives_the_same_facts(unruled):
    facts = facts_of(unruled)
    assert _compare(facts, HONGZE) == []
    assert set(facts) == set(HONGZE)


def test_cells_without_ruling_lines_keep_their_place(unruled):
    row = next(row for table in unruled.document.tables for row in table.rows
               if row.cells and row.cells[0].text == "规章")
    assert row.spaced and [cell.text for cell in row.cells] == ["规章", "0", "0", "0"]
    lefts = [cell.left for cell in row.cells]
    assert lefts == sorted(lefts) and lefts[1] == pytest.approx(40 + 10 * 17)     # column 17, in points


def test_blank_cells_without_ruling_lines_leave_the_numbers_under_their_columns():
    """Two figures of a row left blank: the others still stand under their columns."""
    layout = fixture_text("real/hongze-2024.layout")
    row = "二、上年结转政府信息公开申请数量                              0    0         0     0   0   0     0"
    zeros = [index for index, char in enumerate(row) if char == "0"]
    blanked = "".join(" " if index in zeros[1:3] else char for index, char in enumerate(row))
    facts = facts_of(load_bytes(_layout_pdf(layout.replace(row, blanked)), "blanks.pdf"))
    assert [facts[f"apply.carried_over.{column}"] for column in APPLICANTS] == [0, "blank", "blank", 0, 0, 0, 0]
    assert facts["apply.new.total"] == 95 and facts["apply.granted.natural_person"] == 50


def test_running_header_is_left_out(unruled):
    document = unruled.document
    assert document.text.count("淮安市洪泽区政府信息公开年报") == 5
    texts = [cell.text for table in document.tables for cell in table.cells]
    texts += [line.text for paragraph in document.paragraphs for line in paragraph.lines]
    assert not any("信息公开年报" in text for text in texts)


def test_findings_without_ruling_lines_are_those_of_the_text(unruled):
    from_text = sorted(finding.rule for finding in findings_of(load_fixture("real/hongze-2024.layout")))
    assert sorted(finding.rule for finding in findings_of(unruled)) == from_text


# --- ruled tables drawn by hand ------------------------------------------------------------

@pytest.fixture(scope="module")
def ruled():
    return load_bytes(_ruled_pdf(), "ruled.pdf")


def test_hand_drawn_ruled_tables(ruled):
    facts = facts_of(ruled)
    expected = {
        "active.regulations.issued": 5, "active.regulations.repealed": 1, "active.regulations.in_force": 20,
        "active.normative.issued": 7, "active.normative.repealed": 2, "active.normative.in_force": 31,
        "active.licensing.decisions": 12, "active.penalty.decisions": 34, "active.enforcement.decisions": 5,
        "active.fees.amount": Decimal("0.5"),
        **{f"review.reconsideration.{column}": value for column, value in zip(REVIEW, (1, 0, 0, 0, 1))},
        **{f"review.litigation_direct.{column}": value for column, value in zip(REVIEW, (0, 1, 0, 0, 1))},
        **{f"review.litigation_after.{column}": value for column, value in zip(REVIEW, (0, 0, 0, 1, 1))},
    }
    assert {key: facts.get(key) for key in expected} == {key: Decimal(value) for key, value in expected.items()}


def test_white_boxes_and_shading_make_no_table(ruled):
    document = ruled.document
    prose = [paragraph.text for paragraph in document.paragraphs]
    assert prose[:3] == ["一、总体情况", "本年度本机关主动公开政府信息 120 条。", "二、主动公开政府信息情况"]
    assert document.paragraphs[0].heading and not document.paragraphs[1].heading
    active = document.tables[0]
    assert [cell.text for cell in active.rows[0].cells] == ["第二十条第（一）项"]
    assert any(cell.text == "行政事业性收费" for cell in active.cells)    # page 2 joined on


def test_merged_header_cells_of_the_review_table(ruled):
    review = ruled.document.tables[-1]
    assert [cell.text for cell in review.rows[0].cells] == ["行政复议", "行政诉讼"]
    assert [cell.text for cell in review.rows[1].cells] == [
        "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]
    assert [cell.text for cell in review.rows[2].cells][:6] == ["", "", "", "", "", "结果维持"]
    assert len(review.rows[3].cells) == 15


def test_header_rows_repeated_on_each_page_are_read_once():
    document = read_document("split.pdf", _split_table_pdf())
    (table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["部门", "收到申请数"], ["办公室", "3"], ["财政局", "4"], ["教育局", "5"], ["民政局", "6"], ["司法局", "7"]]
    assert document.text.count("部门 | 收到申请数 |") == 3      # shown where the pages show it
    assert "第 2 页" in document.text and not document.paragraphs


def test_a_table_without_its_outer_side_rules():
    """Only the rules between the columns are drawn: the labels and the last column stand
    beside the grid pdfplumber finds, and are read as its first and last columns."""
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "5", "1", "20"],
            ["行政规范性文件", "7", "2", "31"]]
    ops = [_text(70, 40, "第二十条第（一）项"), "0 0 0 RG 0.5 w"]
    for index in range(4):
        ops.append(f"70 {842 - 60 - 20 * index} m 500 {842 - 60 - 20 * index} l S")
    ops += [f"{x} {842 - 60} m {x} {842 - 120} l S" for x in (200, 300, 400)]
    for index, row in enumerate(rows):
        ops += [_text(x + 3, 63 + 20 * index, text) for x, text in zip((70, 200, 300, 400), row)]
    document = read_document("open.pdf", _pdf(["\n".join(ops)]))
    (table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == rows
    facts = facts_of(load_bytes(_pdf(["\n".join(ops)]), "open.pdf"))
    assert [facts.get(f"active.normative.{column}") for column in ("issued", "repealed", "in_force")] == [7, 2, 31]


# --- files gxlint cannot read --------------------------------------------------------------

def _gxlint(tmp_path: Path, name: str, data: bytes, *more: str) -> subprocess.CompletedProcess:
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run([str(GXLINT), str(path), *more], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name, data, says", [
    ("scan.pdf", _image_pdf(), "没有文字层（可能是扫描件），gxlint 不做文字识别"),
    ("damaged.pdf", HONGZE_PDF.read_bytes()[:100_000], "PDF 文件已损坏或不完整"),
    ("locked.pdf", _encrypted_pdf(), "PDF 已加密"),
])
def test_unreadable_pdf_one_line_exit_2_others_still_checked(tmp_path, name, data, says):
    done = _gxlint(tmp_path, name, data, str(fixture_path("real/hongze-2024.layout")))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    told = [line for line in (done.stdout + done.stderr).splitlines() if name in line]
    assert len(told) == 1 and says in told[0]
    assert "hongze-2024.layout.txt:" in done.stdout and "GX006" in done.stdout


def test_unreadable_pdf_in_english(tmp_path):
    done = _gxlint(tmp_path, "scan.pdf", _image_pdf(), "--lang", "en")
    assert done.returncode == 2 and "no text layer (probably a scan)" in done.stdout + done.stderr


def test_a_pdf_with_no_text_at_all():
    with pytest.raises(ReadError, match="^PDF 中没有文字（文字可能已转成图形）"):
        read_document("empty.pdf", _pdf(["0 0 0 RG 70 100 m 500 100 l S"]))


def test_too_many_pages(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 4)
    with pytest.raises(ReadError, match="页数过多（5 页，上限 4 页）"):
        read_document(str(HONGZE_PDF), HONGZE_PDF.read_bytes())


def test_too_much_on_a_page(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_OBJECTS", 300)
    with pytest.raises(ReadError, match="第 1 页内容过多（622 个对象，上限 300 个）"):
        read_document(str(HONGZE_PDF), HONGZE_PDF.read_bytes())


def test_too_many_drawing_instructions_told_before_they_are_read(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_CONTENT_BYTES", 50_000)
    read = []
    monkeypatch.setattr(pdf_reader, "_read_page", lambda page: read.append(page.page_number))
    with pytest.raises(ReadError, match="到第 3 页已超过 50000 字节的绘制指令"):
        read_document(str(HONGZE_PDF), HONGZE_PDF.read_bytes())
    assert read == [1, 2]


def test_cut_short_anywhere_is_one_line_or_what_is_left():
    data = HONGZE_PDF.read_bytes()
    for size in (0, 5, 9, 500, len(data) // 3, len(data) - 40, len(data) - 10):
        try:
            document = pdf_reader.read_pdf(data[:size], "cut.pdf")
        except ReadError as error:
            assert "\n" not in str(error) and "\n" not in error.text("en")
        else:
            assert document.kind == "pdf"
