"""The read stage: a file's bytes to the located document model.

:func:`read_document` tells the kind of file by its content (:mod:`.files`) and
hands it to its reader: plain text (:mod:`.text`, through ``grammars/report.lark``),
Word (:mod:`.docx`), PDF (:mod:`.pdf`) or a saved web page (:mod:`.html`). Every
reader makes the same :class:`~.model.Document`.
"""

from __future__ import annotations

from .encoding import decode
from .errors import ReadError
from .files import check_size, sniff
from .model import Document
from .text import read_text

__all__ = ["Document", "ReadError", "read_document"]


def read_document(path: str, data: bytes) -> Document:
    """The document in *data* (the bytes of the file *path*); ReadError when it cannot be read."""
    check_size(data)
    kind = sniff(data, path)
    if kind == "docx":
        from .docx import read_docx
        return read_docx(data, path)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(data, path)
    if kind == "html":
        from .html import read_html
        return read_html(data, path)
    return read_text(decode(data).text, path)
