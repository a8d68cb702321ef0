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
    ("规章\t0\t0\t0", "TSV_ROW"),                 # copied from a web page or a spreadsheet
    ("行政许可\t0", "TSV_ROW"),
    ("\t\t申请人情况", "TSV_ROW"),                  # empty corner cells (settled by its neighbours)
    ("\t\t\t", "TSV_ROW"),                         # a row of empty cells
    ("规章\t", "TEXT"),                           # a trailing TAB separates nothing
    ("\t规章\t ", "TAB_LINE"),
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


def test_tab_separated_rows_take_their_neighbours_along():
    text = "\n".join([
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "\t本年制发件数\t本年废止件数\t现行有效件数",        # corner cell empty
        "规章\t0\t0\t0",
        "第二十条第（五）项",                                  # a merged row between rows
        "\t本年处理决定数量",
        "行政许可\t0",
        "三、收到和处理政府信息公开申请情况",
        "自然人\t2",
    ])
    kinds = kinds_by_line(text)
    assert [kinds[n] for n in range(1, 10)] == [
        "HEADING", "TEXT", "TSV_ROW", "TSV_ROW", "TSV_ROW", "TSV_ROW", "TSV_ROW", "HEADING", "TSV_ROW"]


def test_a_word_cell_holding_tabs_stays_a_word_cell():
    lines = fixture_text("seeds/000").split("\n")
    assert lines[173] == "\t\u3000\u3000（三）申请答复数"
    lines[173] += "\t（注）\t"
    kinds = kinds_by_line("\n".join(lines))
    assert kinds[174] == "TAB_LINE"
    assert "TSV_ROW" not in {kind for kind, _, _ in line_tokens("\n".join(lines))}


def test_lines_with_tabs_are_classified_as_the_rules_state():
    # classify takes a shortcut for Word cells (one leading TAB); the rules say: tab-separated
    # cells first, then a line starting with a TAB
    from pathlib import Path

    from linter.lexer import _tab_separated

    folder = Path(__file__).parent / "fixtures"
    lines = {line for path in folder.rglob("*.txt") for line in path.read_text(encoding="utf-8").split("\n")}
    lines |= {"\t", " \t", "\t\t", "\t规章", "\u3000\t规章 ", "\t规章\t", "规章\t0", "\t\t申请人", " \t \t",
              "\t(一)", "\t0\t0", "规章\t\t"}
    tabbed = [line for line in lines if "\t" in line]
    assert len(tabbed) > 250 and sum(_tab_separated(line) for line in tabbed) >= 5
    for line in tabbed:
        if _tab_separated(line):
            assert classify(line) == "TSV_ROW", repr(line)
        elif line.lstrip(" \u3000\xa0").startswith("\t"):
            assert classify(line) == "TAB_LINE", repr(line)
