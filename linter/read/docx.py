"""Reading a Word file (``.docx``).

The body is read in order, paragraphs and tables as Word holds them
(python-docx), and written out as plain text by :mod:`.grid`:

- a paragraph is a line; empty paragraphs are left out; a short one in a
  heading style (``Heading 1``, ``标题 1``, ``Title``) or bold throughout (its
  runs bold, by themselves, their character style or the paragraph's style)
  is a heading;
- a table row is a line of its cells. A cell merged across columns
  (``gridSpan``) is one cell; the lower parts of a cell merged across rows
  (``vMerge``) are empty cells, the way the text of a Word file shows them; a
  cell's several paragraphs are joined into one text;
- a table inside a cell has its rows read after the row that holds it.

Where a person finds each place in Word (:class:`~.model.Origin`): a
paragraph by its number in the body (empty paragraphs counted, tables not:
python-docx's ``document.paragraphs``); a cell by table, row and cell, all
from 1: tables in the order they begin in the document (a table inside a cell
counts after the table that holds it), rows from the top, cells from the left
as Word draws them (a merged cell counts once).

An old binary ``.doc`` is told apart before this (:mod:`.files`); a file that
is not a Word package, or is damaged, gets one line saying so.
"""

from __future__ import annotations

import io
import zipfile

from .errors import ReadError
from .grid import GridCell, GridParagraph, GridTable, build, join_pieces, title_like
from .model import Document, Origin

# A Word file is a zip; its XML unpacked may be far larger than the file.
MAX_UNPACKED = 512 * 1024 * 1024
MAX_CELLS = 300_000
MAX_PARAGRAPHS = 1_000_000

_NOT_WORD = ("不是有效的 Word 文件（.docx）：{}；请在 Word 或 WPS 中打开后重新另存为 .docx",
             "not a valid Word file (.docx): {}; open it in Word or WPS and save it as .docx again")


def read_docx(data: bytes, path: str) -> Document:
    """The document model of the Word file whose bytes are *data*."""
    document = _open(data)
    reader = _Reader(document)
    reader.container(document.element.body)
    return build(path, "docx", reader.blocks)


def _open(data: bytes):
    from docx import Document as open_document

    _check_package(data)
    try:
        return open_document(io.BytesIO(data))
    except Exception as error:   # python-docx raises many kinds for a damaged package
        reason = _reason(error)
        raise ReadError(_NOT_WORD[0].format(reason[0]), _NOT_WORD[1].format(reason[1])) from None


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ReadError(_NOT_WORD[0].format("不是 zip 格式，或文件不完整"),
                        _NOT_WORD[1].format("not a zip package, or the file is cut short")) from None
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise ReadError(_NOT_WORD[0].format("压缩包中没有 Word 文档内容"),
                        _NOT_WORD[1].format("the package holds no Word document")) from None
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED:
        raise ReadError(f"Word 文件解压后过大（{unpacked} 字节，上限 {MAX_UNPACKED} 字节）",
                        f"the Word file unpacks to too much ({unpacked} bytes, at most {MAX_UNPACKED})")


def _reason(error: Exception) -> tuple[str, str]:
    name = type(error).__name__
    if name in ("BadZipFile", "EOFError") or isinstance(error, zipfile.BadZipFile):
        return "文件不完整或已损坏", "the file is cut short or damaged"
    if name == "XMLSyntaxError":
        return "文档内容（XML）已损坏", "its XML content is damaged"
    if isinstance(error, (KeyError, ValueError)) or name == "PackageNotFoundError":
        return "缺少 Word 文档内容，可能是其他程序的文件", "no Word document inside: perhaps another program's file"
    return "文件已损坏", "the file is damaged"


def _tag(name: str) -> str:
    from docx.oxml.ns import qn
    return qn(name)


class _Reader:
    """Walks the body, counting paragraphs, tables and cells as Word does."""

    def __init__(self, document=None):
        self.document = document     # python-docx's Document: the styles a paragraph's look comes from
        self.bold_styles: dict = {}
        self.blocks: list = []
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0
        self.p_tag, self.tbl_tag, self.tr_tag, self.tc_tag = (_tag(name) for name in ("w:p", "w:tbl", "w:tr", "w:tc"))
        self.wrappers = (_tag("w:sdt"), _tag("w:sdtContent"), _tag("w:customXml"))

    def container(self, element) -> None:
        for child in self._children(element):
            if child.tag == self.p_tag:
                self.paragraphs += 1
                if self.paragraphs > MAX_PARAGRAPHS:
                    raise ReadError(f"段落过多（超过 {MAX_PARAGRAPHS} 段）",
                                    f"too many paragraphs (over {MAX_PARAGRAPHS})")
                text = paragraph_text(child)
                self.blocks.append(GridParagraph(text, Origin("docx", paragraph=self.paragraphs),
                                                 marked=title_like(text) and self._marked(child)))
            elif child.tag == self.tbl_tag:
                table = GridTable()
                self.table(child, table)
                self.blocks.append(table)

    def _marked(self, p) -> bool:
        """Whether a paragraph is set apart as a heading: a heading style, or bold throughout."""
        if self.document is None or not p.xpath("./w:r | ./w:hyperlink | ./w:ins | ./w:smartTag | ./w:fldSimple"
                                                  " | ./w:sdt | ./w:customXml"):
            return False
        from docx.text.paragraph import Paragraph
        from docx.text.run import Run

        paragraph = Paragraph(p, self.document)
        style = paragraph.style
        name = (style.name or "").lower() if style is not None else ""
        if name.startswith(("heading", "标题")) or name == "title":
            return True
        runs = [Run(r, paragraph) for r in p.xpath(_RUNS)]
        shown = [run for run in runs if run.text.strip()]
        return bool(shown) and all(self._bold(run, style) for run in shown)

    def _bold(self, run, paragraph_style) -> bool:
        if run.bold is not None:
            return run.bold
        character = run.style
        inherited = self._style_bold(character) if character is not None else None
        if inherited is not None:
            return inherited
        return bool(self._style_bold(paragraph_style))

    def _style_bold(self, style) -> bool | None:
        """Bold as a style says, or a style it is based on (None: none says)."""
        if style is None:
            return None
        key = style.style_id
        if key not in self.bold_styles:
            found, seen = None, 0
            while style is not None and found is None and seen < 32:   # a loop of bases ends somewhere
                found, style, seen = style.font.bold, style.base_style, seen + 1
            self.bold_styles[key] = found
        return self.bold_styles[key]

    def _children(self, element):
        """Block-level children, through content controls and custom XML that wrap them."""
        for child in element.iterchildren():
            if child.tag in self.wrappers:
                yield from self._children(child)
            else:
                yield child

    def table(self, tbl, into: GridTable) -> None:
        self.tables += 1
        number = self.tables
        rows = [child for child in self._children(tbl) if child.tag == self.tr_tag]
        for row_number, tr in enumerate(rows, start=1):
            cells, nested = [], []
            tcs = [child for child in self._children(tr) if child.tag == self.tc_tag]
            for cell_number, tc in enumerate(tcs, start=1):
                self._count_cell()
                origin = Origin("docx", table=number, row=row_number, cell=cell_number)
                # The lower parts of a cell merged down show nothing of their own.
                text = "" if tc.vMerge == "continue" else self._cell_text(tc, nested)
                cells.append(GridCell(text, origin))
            into.rows.append(cells)
            for inner in nested:
                self.table(inner, into)

    def _cell_text(self, tc, nested: list) -> str:
        pieces = []
        for child in self._children(tc):
            if child.tag == self.p_tag:
                pieces.append(paragraph_text(child))
            elif child.tag == self.tbl_tag:
                nested.append(child)
        return join_pieces(pieces)

    def _count_cell(self) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise ReadError(f"表格单元格过多（超过 {MAX_CELLS} 个），不像一份年度报告",
                            f"too many table cells (over {MAX_CELLS}) for an annual report")


_RUNS = ("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
         " | ./w:sdt/w:sdtContent/w:r | ./w:customXml/w:r | ./w:hyperlink/w:ins/w:r")


def paragraph_text(p) -> str:
    """A paragraph's text: its runs, also those inside links, fields, content controls and
    tracked insertions (deleted text is not shown by Word, and not read)."""
    return "".join(run.text for run in p.xpath(_RUNS))
