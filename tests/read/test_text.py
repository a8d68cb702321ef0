"""The text reader: lines and cells as the grammar splits them, blocks of prose and tables."""

import logging

from lark import Lark, logger

from linter.datafiles import grammar_text
from linter.read.model import Paragraph, Table
from linter.read.text import is_prose, read_text


def _rows(text: str) -> list[list[str]]:
    document = read_text(text)
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_the_grammar_has_no_conflicts(caplog):
    logger.setLevel(logging.DEBUG)
    with caplog.at_level(logging.DEBUG, logger="lark"):
        Lark(grammar_text("report.lark"), parser="lalr", debug=True)
    assert not [record for record in caplog.records if "conflict" in record.getMessage().lower()]


def test_word_cells_start_with_a_tab_and_a_lone_tab_is_an_empty_cell():
    text = "\t规章\n\t0\n\t\n\n\t行政规范性文件\n\t5\n\t1\n"
    assert _rows(text) == [["规章"], ["0"], [""], ["行政规范性文件"], ["5"], ["1"]]


def test_pipes_separate_cells_and_two_pipes_leave_an_empty_cell():
    assert _rows("一、本年新收 | 0 | | 3 |\n规章 | 0 | 0 | 0 |\n") == [["一、本年新收", "0", "", "3"],
                                                                  ["规章", "0", "0", "0"]]


def test_a_line_of_pipes_marks_a_row_and_holds_no_cell():
    document = read_text("规章 |\n0 |\n||\n行政许可 |\n0 |\n")
    (table,) = document.tables
    assert [row.pipes for row in table.rows] == [0, 0, 2, 0, 0]


def test_runs_of_spaces_separate_cells_and_keep_their_places():
    document = read_text("规章               0          0       0\n行政规范性文件          3          0       8\n")
    (table,) = document.tables
    first = table.rows[0]
    assert [cell.text for cell in first.cells] == ["规章", "0", "0", "0"]
    assert first.spaced and first.cells[1].left == 17


def test_single_spaces_before_numbers_that_end_the_line_separate_them_but_keep_no_place():
    document = read_text("4.无正当理由大量反复 申请 0 0 0 0 0 0 0\n（七）总计 95 0 0 0 0 0 95\n")
    (table,) = document.tables
    assert [cell.text for cell in table.rows[0].cells] == ["4.无正当理由大量反复 申请"] + ["0"] * 7
    assert table.rows[0].cells[1].left is None


def test_numbers_inside_a_sentence_stay_in_it():
    document = read_text("本年度共受理政府信息公开申请 17 件，均已在法定期限内答复。\n")
    (paragraph,) = document.paragraphs
    assert paragraph.text == "本年度共受理政府信息公开申请 17 件，均已在法定期限内答复。"


def test_cell_positions_point_into_the_text():
    text = "说明\n\t　　（一）予以公开\n\t　　50\n"
    document = read_text(text)
    lines = text.split("\n")
    for cell in document.tables[0].cells if document.tables else []:
        assert lines[cell.line - 1][cell.column - 1:cell.end_column - 1] == cell.text


def test_markdown_rules_mark_rows():
    document = read_text("| 统计指标 | 单位 | 统计数 |\n|---|---|---|\n| 六、举报投诉数量 | 件 | 0 |\n")
    (table,) = document.tables
    assert table.rows[1].pipes and not table.rows[1].cells


def test_prose_and_tables_are_told_apart():
    text = ("一、总体情况\n本机关认真贯彻《条例》，全年主动公开政府信息610条。\n\n"
            "第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 |\n")
    kinds = [type(block).__name__ for block in read_text(text).blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table"]
    assert read_text(text).blocks[0].heading


def test_page_numbers_inside_a_table_are_left_out():
    text = "规章  0  0  0\n                  -3-\n\f行政规范性文件  3  0  8\n"
    assert _rows(text) == [["规章", "0", "0", "0"], ["行政规范性文件", "3", "0", "8"]]


def test_a_wrapped_pdf_paragraph_joins_its_lines_without_a_break():
    text = ("  本报告由淮安市洪泽区人民政府办公室根据《中华人民共和\n国政府信息公开条例》要求编制此报告。报告中所列数据统计\n"
            "期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止。\n")
    (paragraph,) = read_text(text).paragraphs
    assert "中华人民共和国政府信息公开条例" in paragraph.text
    line, column = paragraph.locate(paragraph.text.index("国政府"))
    assert (line, column) == (2, 1)


def test_what_reads_as_prose():
    assert is_prose("本机关全年主动公开政府信息610条。")
    assert not is_prose("（二）部分公开（区分处理的，只计这一情 形，不")
    assert not is_prose("主动公开保障性安居工程建设计划、项目开工和竣工情况，保障性住房的分配和退出等信息数")
    assert is_prose("色社会主义思想为指导，全面贯彻落实党中央国务院、省委省政")


def test_blocks_keep_every_line_once():
    text = "一、总体情况\n\n\t规章\n\t0\n\n正文第一段。\n"
    document = read_text(text)
    lines = sorted({cell.line for table in document.tables for cell in table.cells}
                   | {line.line for paragraph in document.paragraphs for line in paragraph.lines})
    assert lines == [1, 3, 4, 6]
    assert isinstance(document.blocks[0], Paragraph) and isinstance(document.blocks[1], Table)
