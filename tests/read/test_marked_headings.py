"""Headings a Word file or a web page marks as such (bold, heading styles, <h1>–<h6>), besides numbered titles."""

import io

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from linter.read import read_document
from linter.read.model import Paragraph


def headings(document) -> list[tuple[str, bool]]:
    return [(block.text, block.heading) for block in document.blocks if isinstance(block, Paragraph)]


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_bold_paragraphs_and_heading_styles():
    document = docx.Document()
    document.add_paragraph().add_run("总体情况").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("加粗").bold = True
    mixed.add_run("与不加粗")
    document.add_paragraph().add_run("这是一句加粗的话。它有句号。").bold = True
    document.add_paragraph("主动公开政府信息情况", style="Heading 2")
    document.add_paragraph("一、总体情况")                     # numbered: a heading as before
    document.add_paragraph("正文。")
    spaced = document.add_paragraph()
    spaced.add_run("存在的主要问题").bold = True
    spaced.add_run("  ")                                    # spaces do not count
    assert headings(read_document("x.docx", saved(document))) == [
        ("总体情况", True), ("加粗与不加粗", False), ("这是一句加粗的话。它有句号。", False),
        ("主动公开政府信息情况", True), ("一、总体情况", True), ("正文。", False), ("存在的主要问题", True)]


def test_word_bold_by_style():
    document = docx.Document()
    strong = document.styles.add_style("Strong Title", WD_STYLE_TYPE.PARAGRAPH)
    strong.font.bold = True
    based = document.styles.add_style("Based On Strong", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = strong
    character = document.styles.add_style("Bold Words", WD_STYLE_TYPE.CHARACTER)
    character.font.bold = True
    document.add_paragraph("其他需要报告的事项", style="Strong Title")
    document.add_paragraph("存在的主要问题", style="Based On Strong")
    document.add_paragraph().add_run("总体情况", style="Bold Words")
    unbold = document.add_paragraph(style="Strong Title").add_run("不加粗的标题")
    unbold.bold = False                                     # the run's own setting wins
    assert headings(read_document("x.docx", saved(document))) == [
        ("其他需要报告的事项", True), ("存在的主要问题", True), ("总体情况", True), ("不加粗的标题", False)]


@pytest.mark.parametrize("markup, heading", [
    ("<h2>总体情况</h2>", True),
    ("<h4><span>存在的主要问题</span></h4>", True),
    ("<p><strong>主动公开政府信息情况</strong></p>", True),
    ("<p><b>其他</b><strong>事项</strong></p>", True),
    ('<p><span style="font-weight: bold">总体情况</span></p>', True),
    ('<p><span style="FONT-WEIGHT:700">总体情况</span></p>', True),
    ("<p><b>加粗</b>与不加粗</p>", False),
    ("<p>总体情况</p>", False),
    ("<h3>这是一句很长的标题。它有句号。</h3>", False),
    ("<p><strong>加粗的一句话，后面还有句号。</strong></p>", False),
])
def test_web_headings_and_bold_paragraphs(markup, heading):
    page = f"<html><body><article>{markup}<p>本年度全面推进政务公开工作。</p></article></body></html>"
    found = headings(read_document("x.html", page.encode("utf-8")))
    assert found[0][1] is heading and found[1] == ("本年度全面推进政务公开工作。", False)


def test_web_bold_ends_with_its_element():
    page = "<html><body><p><b>总体情况</b></p><p>正文<b>部分</b></p><p>二、主动公开政府信息情况</p></body></html>"
    assert headings(read_document("x.html", page.encode("utf-8"))) == [
        ("总体情况", True), ("正文部分", False), ("二、主动公开政府信息情况", True)]
