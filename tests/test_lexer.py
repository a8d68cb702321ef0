"""linter.lexer: one token a line, continuation lines decided."""

import pytest

from linter.lexer import classify, line_tokens

from .conftest import fixture_text


@pytest.mark.parametrize("line, kind", [
    ("\t979", "TAB_LINE"),
    ("\t", "TAB_LINE"),                          # an empty cell
    (" \t     政府信息公开情况统计表 ", "TAB_LINE"),   # seed 002 line 66
    ("", "_BLANK"),
    ("\u3000 ", "_BLANK"),
    ("| 统计指标 | 单位 | 统计数 |", "PIPE_ROW"),
    ("|--|----|-----|", "MD_SEP"),
    ("| :-- | --: |", "MD_SEP"),
    ("|||", "BARS"),
    ("| | | |", "BARS"),
    ("规章 | 0 | 0 | 0 |", "WEB_ROW"),
    ("0 |", "WEB_ROW"),
    ("三、收到和处理政府信息公开申请情况", "HEADING"),
    ("（一）领导重视，落实有效。作为卫生健康系统对外宣传的重要窗口", "TEXT"),
    ("本年度无其他需要报告的事项。", "TEXT"),
])
def test_classify(line, kind):
    assert classify(line) == kind


def kinds_by_line(text):
    return {line: kind for kind, line, _ in line_tokens(text)}


def test_cell_continues_after_a_blank_line():
    kinds = kinds_by_line(fixture_text("seeds/000"))
    # 58 "（一）主动公开政府信息数", 59 blank, 60 "（不同渠道和方式公开相同信息计1条）", 61 "→条"
    assert kinds[58] == "TAB_LINE" and kinds[60] == "CONT_LINE" and 59 not in kinds
    # 298 "（四）政府信息公开专项经费（不包括用于…及", 300 "政府网站建设维护等方面的经费）"
    assert kinds[300] == "CONT_LINE"


def test_cell_continues_on_the_next_line():
    kinds = kinds_by_line(fixture_text("seeds/004"))
    assert kinds[22] == "TAB_LINE" and kinds[23] == "CONT_LINE"     # 本年新 / 制作数量


def test_title_between_tables_is_not_a_continuation():
    kinds = kinds_by_line(fixture_text("seeds/004"))
    assert kinds[93] == "HEADING"          # 三、收到和处理政府信息公开申请情况, right above a table
    kinds = kinds_by_line(fixture_text("seeds/001"))
    assert kinds[94] == "TEXT"             # 收到和处理政府信息公开申请情况
    assert kinds[418] == "TEXT"            # the appendix's caption, after prose


def test_blank_lines_between_rows_are_row_breaks():
    kinds = kinds_by_line(fixture_text("seeds/000"))
    assert kinds[53] == "_ROW_BREAK" and kinds[41] == "_BLANK"
