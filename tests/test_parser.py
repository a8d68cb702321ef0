"""linter.parser: the report as blocks, every cell located in the original file."""

import pytest

from linter.model import Paragraph
from linter.parser import parse

from .conftest import fixture_text, line_of


def parsed(name):
    return parse(fixture_text(name), name)


def cell_at(table, line):
    return [cell for cell in table.cells if cell.line == line]


def test_word_layout_cells_lines_and_columns():
    document = parsed("seeds/000")
    (table,) = document.tables
    assert table.layout == "tab" and (table.line, table.end_line) == (50, 318)
    first = table.rows[2].cells[0]
    # the label cell wraps over a blank line onto line 60; it starts after two U+3000 on line 58
    assert first.text == "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"
    assert (first.line, first.column, first.end_line) == (58, 4, 60)
    # raw keeps the blank line 59: its lines are the file's lines 58 to 60 (after the TAB)
    lines = fixture_text("seeds/000").split("\n")
    assert first.raw.split("\n") == [lines[57][1:], lines[58], lines[59]] and lines[58] == ""
    assert [c.text for c in table.rows[2].cells[1:]] == ["条", "979"]
    replies = next(row for row in table.rows if row.cells[0].text == "（三）申请答复数")
    blank = replies.cells[2]                              # left blank in the report
    assert (blank.text, blank.raw, blank.line, blank.column) == ("", "", 176, 2)
    assert len(table.rows) == 66


def test_word_layout_merged_cells_are_empty_cells():
    (_, apply_table, review, _) = parsed("seeds/001").tables
    row = apply_table.rows[7]            # →(empty) →（三）不予公开 →1.属于国家秘密 →0 ×7
    assert [c.text for c in row.cells[:3]] == ["", "（三）不予公开", "1.属于国家秘密"]
    assert len(row.cells) == 10
    assert [len(r.cells) for r in review.rows] == [2, 3, 15, 15]


def test_prose_and_headings_are_blocks():
    document = parsed("seeds/001")
    headings = [b.text for b in document.blocks if isinstance(b, Paragraph) and b.heading]
    assert "六、政府信息公开存在的主要问题及改进情况" in headings
    date = next(b for b in document.paragraphs if b.text == "2020年1月15日")
    assert (date.line, date.lines[0][1]) == (410, 1)
    assert len(document.tables) == 4


def test_paragraph_offsets_map_back_to_lines():
    document = parsed("seeds/002")
    paragraph = next(b for b in document.paragraphs if "其他情形数8件" in b.text)
    line, column = line_of(fixture_text("seeds/002"), "其他情形数8件")
    assert paragraph.locate(paragraph.text.index("8件")) == (line, column + len("其他情形数"))


def test_markdown_pages_join_into_one_table():
    text = fixture_text("seeds/003")
    (table,) = parsed("seeds/003").tables
    assert table.layout == "markdown"
    assert (table.line, table.end_line) == (47, 119)
    labels = [row.cells[0].text for row in table.rows]
    assert labels[0] == "统计指标" and labels[-1] == "（三）接受培训人员数"
    assert "" not in labels                      # the two empty page-break headers are gone
    assert len(table.rows) == 1 + 19 + 28 + 18
    five = next(row for row in table.rows if row.cells[0].text == "5. 其他方式回应事件数")
    assert five.line == 71
    value = five.cells[2]
    assert (value.line, value.column) == (71, text.split("\n")[70].index("0 |") + 1)


def test_web_row_layout():
    text = fixture_text("real/web-002")
    table = parsed("real/web-002").tables[0]
    assert table.layout == "pipe"
    row = next(r for r in table.rows if r.cells and r.cells[0].text == "行政规范性文件")
    assert [c.text for c in row.cells] == ["行政规范性文件", "5", "1", "25"]
    assert (row.cells[1].line, row.cells[1].column) == line_of(text, "行政规范性文件 | 5")[0:1] + (11,)


def test_web_leading_pipe_row_and_short_rows():
    tables = parsed("real/web-022").tables
    apply_table = tables[1]
    row = next(r for r in apply_table.rows if r.line == 33)
    assert [c.text for c in row.cells] == ["", "2.其他法律行政法规禁止公开", "", "", "", "", "", "", "0"]


def test_web_stream_layout_keeps_row_marks():
    table = parsed("real/web-015").tables[0]
    assert table.layout == "stream"
    assert [(r.line, r.bars) for r in table.rows[:2]] == [(10, 0), (11, 4)]
    assert [r.cells[0].text for r in table.rows[2:6]] == ["信息内容", "本年新", "本年新", "对外公开总数量"]


def test_web_lines_layout_without_marks():
    document = parsed("real/web-012")
    (table,) = document.tables
    assert table.layout == "lines" and (table.line, table.end_line) == (21, 129)
    assert [r.cells[0].text for r in table.rows[:3]] == ["第二十条第(一)项", "信息内容", "本年新"]
    assert (table.rows[8].cells[0].line, table.rows[8].cells[0].column) == (37, 3)   # "  0"


def test_traditional_characters_parse_like_simplified():
    table = parsed("real/web-007").tables[0]
    assert table.rows[2].cells[0].text == "規(guī)章"


def test_empty_text():
    assert parse("").blocks == []


def test_prose_only_report_has_no_tables():
    document = parsed("real/web-045")
    assert document.tables == [] and len(document.paragraphs) > 5


def tab_separated(name):
    """A real web report's rows of cells written with TABs, as a table copied from the page."""
    lines = []
    for line in fixture_text(name).split("\n"):
        if " |" in line:
            lines.append("\t".join(cell.strip() for cell in line.rstrip().rstrip("|").split(" | ")))
        else:
            lines.append(line)
    return "\n".join(lines)


def test_tab_separated_layout():
    text = tab_separated("real/web-002")
    table = parse(text, "x.txt").tables[0]
    assert table.layout == "tsv" and table.line == 9                      # its caption above is prose
    row = next(r for r in table.rows if r.cells and r.cells[0].text == "行政规范性文件")
    assert [c.text for c in row.cells] == ["行政规范性文件", "5", "1", "25"]
    line = text.split("\n")[row.line - 1]
    assert line == "行政规范性文件\t5\t1\t25"
    assert [(c.line, c.column, c.end_column) for c in row.cells[1:]] == [(11, 9, 10), (11, 11, 12), (11, 13, 15)]


def test_tab_separated_empty_cells_stay():
    text = "标题\n\n\t自然人\t法人\n新收到\t\t3\t\n上年转结\t0\t0\t0\n"
    (table,) = parse(text).tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["", "自然人", "法人"], ["新收到", "", "3", ""], ["上年转结", "0", "0", "0"]]
    blank = table.rows[1].cells[3]
    assert (blank.line, blank.column, blank.end_column) == (4, 8, 8)        # after the last TAB


def test_a_tab_in_prose_is_not_a_table():
    document = parse("联系电话：\t0574-62679001\n\n本年度无其他需要报告的事项。\n")
    assert not document.tables
    assert document.blocks[0].lines == [(1, 1, "联系电话：\t0574-62679001")]


@pytest.mark.parametrize("text", ["规章", "  规章　", "\u3000\xa0", "", " 1 2 ", "\t", "（一）主动公开 "])
def test_a_cell_of_one_piece_is_made_as_a_cell_of_several_pieces(text):
    from linter.parser import _joined_cell, _one_line_cell

    one, joined = _one_line_cell(7, 3, text), _joined_cell([(7, 3, text)])
    assert [getattr(one, name) for name in one.FIELDS] == [getattr(joined, name) for name in joined.FIELDS]
