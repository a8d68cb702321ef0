"""Saved web pages: the seeds rebuilt as pages read as the seeds do, wherever the page puts them."""

from __future__ import annotations

from collections import Counter

import pytest

from linter.read import ReadError, read_document
from linter.read.html import decode_page
from linter.read.model import Table

from ..conftest import SEEDS, facts_of, findings_of, load_bytes
from .builders import parse_seed, run_command, to_html

GB_META = 'charset="gb2312"'
GB_HTTP_EQUIV = 'http-equiv="Content-Type" content="text/html; charset=gb2312"'
VARIANTS = {
    "utf-8": {},
    "gbk": {"encoding": "gbk", "meta": GB_META},
    "gbk-http-equiv": {"encoding": "gbk", "meta": GB_HTTP_EQUIV},
    "layout-table": {"layout": True},
}


def seed_page(seed, **options) -> bytes:
    return to_html(parse_seed(seed.read_text(encoding="utf-8")), **options)


def seed_named(prefix: str):
    return next(path for path in SEEDS if path.name.startswith(prefix))


def messages(report) -> Counter:
    return Counter((finding.rule, finding.message) for finding in findings_of(report))


def source_at(page: str, origin) -> str:
    return page.split("\n")[origin.line - 1][origin.column - 1:]


# --- the seeds as web pages -------------------------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_seed_as_page_gives_the_same_facts_and_findings(seed, variant):
    text_report = load_bytes(seed.read_bytes(), str(seed))
    page_report = load_bytes(seed_page(seed, **VARIANTS[variant]), "seed.html")
    assert page_report.document.kind == "html"
    assert len(facts_of(text_report)) >= 50
    assert facts_of(page_report) == facts_of(text_report)
    assert messages(page_report) == messages(text_report)


def test_the_gbk_page_is_not_utf8():
    data = seed_page(seed_named("001"), **VARIANTS["gbk"])
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "余姚市卫生健康局" in read_document("seed.htm", data).text


def test_navigation_footer_and_scripts_are_left_out():
    page = seed_page(seed_named("004"), heading="东丽区卫生健康委员会2019年政府信息公开工作年度报告")
    text = read_document("seed.html", page).text
    for boilerplate in ("首页", "机构概况", "当前位置", "版权所有", "备案号", "var menu", "打印", "border"):
        assert boilerplate not in text
    assert text.startswith("东丽区卫生健康委员会2019年政府信息公开工作年度报告\n东丽区卫生健康委员会信息公开工作年度报告\n")


def test_boilerplate_inside_the_article_is_left_out_by_its_name():
    page = """<html><body>
<header><p>某某区人民政府门户网站</p></header>
<article><header><h1>某局2020年政府信息公开工作年度报告</h1></header>
<div class="content">
<p>一、总体情况</p><p>本年度收到申请2件，全部按时办结。</p>
<div class="page-footer">责任编辑：张三　审核：李四</div>
<div id="shareBar">分享到微信朋友圈</div>
</div></article></body></html>"""
    text = read_document("x.html", page.encode("utf-8")).text
    assert text == "某局2020年政府信息公开工作年度报告\n一、总体情况\n本年度收到申请2件，全部按时办结。\n"


def test_a_layout_table_is_read_as_blocks_not_as_a_table():
    document = read_document("seed.html", seed_page(seed_named("004"), layout=True))
    assert "通知公告" not in document.text
    assert all(len(row.cells) <= 15 for table in document.tables for row in table.rows)
    assert document.paragraphs[0].lines[0].text == "东丽区卫生健康委员会信息公开工作年度报告"


# --- places in the page's source ---------------------------------------------------------------

def test_cells_and_paragraphs_point_at_their_elements_in_the_source():
    data = seed_page(seed_named("001"))
    page = data.decode("utf-8")
    document = read_document("seed.html", data)
    lines = document.text.split("\n")
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                assert lines[cell.line - 1][cell.column - 1:cell.end_column - 1] == cell.text
                assert source_at(page, cell.origin).startswith("<td" if cell.text else ("<td", "<tr"))
    for paragraph in document.paragraphs:
        (line,) = paragraph.lines
        assert lines[line.line - 1] == line.text
        assert source_at(page, line.origin).startswith("<p>")


def test_a_finding_points_at_the_cell_in_the_source():
    data = seed_page(seed_named("002"))
    report = load_bytes(data, "seed.html")
    wechat = [finding for finding in findings_of(report, "GX112") if "1050" in finding.message]
    (finding,) = wechat
    assert finding.origin.kind == "html"
    assert source_at(data.decode("utf-8"), finding.origin).startswith('<td><p class="MsoNormal"><span lang="EN-US">1050<')
    assert finding.origin.describe("en") == f"source line {finding.origin.line}, column 1"


# --- the reader on small pages ---------------------------------------------------------------

MERGED = """<html><body>
<table>
<tr><td rowspan="3"><p><span>三、本年度</span></p><p><span>办理结果</span></p></td><td colspan="2">（一）予以公开</td><td>1</td></tr>
<tr><td rowspan=2><p>（三）</p><p>不予</p><p>公开</p></td><td>1.属于国家秘密</td><td>&nbsp;</td></tr>
<tr><td>2.其他法律<b>行政法规</b>禁止公开</td><td><span>0</span></td></tr>
<tr><td>合计</td><td colspan=3>5</td></tr>
</table>
</body></html>"""


def test_rowspan_colspan_and_empty_cells():
    document = read_document("x.html", MERGED.encode("utf-8"))
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["三、本年度办理结果", "（一）予以公开", "1"],
        ["", "（三）不予公开", "1.属于国家秘密", ""],
        ["", "", "2.其他法律行政法规禁止公开", "0"],
        ["合计", "5"],
    ]
    continued = table.rows[2].cells[1]
    assert (continued.origin.line, continued.origin.column) == (5, 1)        # its row's <tr>
    assert (table.rows[1].cells[1].origin.line, table.rows[1].cells[1].origin.column) == (4, 5)
    assert document.text.split("\n")[1] == "|  | （三）不予公开 | 1.属于国家秘密 |  |"


def test_markup_with_missing_end_tags():
    page = "<table><tr><td>一、本年新收<td>3<td>1<tr><td>二、上年结转<td>0<td>0</table><p>正文一<p>正文二<br>正文三"
    document = read_document("x.html", page.encode("utf-8"))
    assert [[cell.text for cell in row.cells] for row in document.tables[0].rows] == [
        ["一、本年新收", "3", "1"], ["二、上年结转", "0", "0"]]
    assert [paragraph.lines[0].text for paragraph in document.paragraphs] == ["正文一", "正文二", "正文三"]


def test_a_long_note_under_a_data_table_keeps_it_a_table():
    seed = seed_named("000")
    blocks = parse_seed(seed.read_text(encoding="utf-8"))
    (table,) = [block for block in blocks if not isinstance(block, str)]
    table.rows.append(["注：" + "本表数据统计期限为2018年1月1日至12月31日，不同渠道重复公开的信息只计一次。" * 8, "", ""])
    report = load_bytes(to_html(blocks), "seed.html")
    assert facts_of(report) == facts_of(load_bytes(seed.read_bytes(), str(seed)))


def test_a_nested_table_is_read_after_its_row():
    page = ("<table><tr><td>外</td><td><table><tr><td>内1</td><td>内2</td></tr></table></td></tr>"
            "<tr><td>下</td><td>2</td></tr></table>")
    document = read_document("x.html", page.encode("utf-8"))
    assert [[cell.text for cell in row.cells] for row in document.tables[0].rows] == [
        ["外", ""], ["内1", "内2"], ["下", "2"]]


def test_white_space_as_a_browser_shows_it():
    page = "<p>本年度共收到\n   申请 <span>44</span>\n件。Open\n Data</p>"
    (paragraph,) = read_document("x.html", page.encode("utf-8")).paragraphs
    assert paragraph.lines[0].text == "本年度共收到申请 44件。Open Data"


# --- encodings -------------------------------------------------------------------------------

def test_encodings():
    text = "<p>政府信息公开工作年度报告</p>"
    assert "政府信息公开" in decode_page(f'<meta charset="gb2312">{text}'.encode("gbk"))
    assert "政府信息公开" in decode_page(f'<meta charset="gb2312">{text}'.encode("utf-8"))  # declared wrongly
    assert "政府信息公开" in decode_page(text.encode("gb18030"))                           # declared nowhere
    assert "政府信息公开" in decode_page(text.encode("utf-16"))                            # with its BOM
    assert "\r" not in decode_page(b"<p>a</p>\r\n<p>b</p>\r<p>c</p>")


def test_source_lines_count_every_kind_of_line_end():
    page = "<html>\r\n<body>\r<p>一、总体情况</p>\n<p>正文。</p></body></html>"
    document = read_document("x.html", page.encode("utf-8"))
    assert [(p.lines[0].origin.line, p.lines[0].origin.column) for p in document.paragraphs] == [(3, 1), (4, 1)]


# --- pages too big ----------------------------------------------------------------------------

def test_a_page_of_too_many_elements_gets_one_line(tmp_path):
    path = tmp_path / "huge.html"
    path.write_text("<html><body><table>" + "<tr><td>1</td><td>2</td></tr>" * 110_000 + "</table></body></html>",
                    encoding="utf-8")
    code, output = run_command(path)
    assert code == 2 and "Traceback" not in output
    (line,) = output.strip().splitlines()
    assert "网页元素过多" in line


def test_cells_spanning_too_many_rows_stop_the_reading(monkeypatch):
    from linter.read import html as reader

    monkeypatch.setattr(reader, "MAX_CELLS", 5000)
    page = "<table><tr>" + '<td rowspan="100000">x</td>' * 100 + "</tr>" + "<tr></tr>" * 1000 + "</table>"
    with pytest.raises(ReadError, match="单元格过多"):
        read_document("x.html", page.encode("utf-8"))


def test_an_empty_page_reads_as_nothing():
    document = read_document("x.html", b"<html><body><script>x()</script></body></html>")
    assert document.text == "" and document.blocks == []


def test_a_table_without_text_is_left_out():
    page = '<table><tr><td>&nbsp;</td></tr></table><p>正文。</p><table><tr><td>规章</td><td></td></tr></table>'
    document = read_document("x.html", page.encode("utf-8"))
    (table,) = [block for block in document.blocks if isinstance(block, Table)]
    assert [cell.text for cell in table.cells] == ["规章", ""]
    assert document.text == "正文。\n\n规章 |  |\n"
