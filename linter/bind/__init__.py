"""The bind stage: a document's tables and its own statements, as facts with canonical keys.

:func:`bind_report` reads what the report says about itself (:mod:`.identity`:
year, period, signing date), binds its tables to the templates
(:mod:`.binder`, with the templates and label vocabulary of ``rules/``) and reads
its outline, the parts its headings divide it into (:mod:`.outline`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..read.model import Document
from .binder import Binding, bind
from .identity import ReportDates, read_dates
from .outline import Outline, outline, outline_templates
from .templates import Catalog


@dataclass(eq=False)
class BoundReport:
    path: str
    document: Document
    dates: ReportDates
    binding: Binding
    outline: Outline | None = None


def bind_report(document: Document, catalog: Catalog) -> BoundReport:
    dates = read_dates(document)
    binding = bind(document, catalog, dates.year)
    parts = outline(document, outline_templates(catalog, binding.templates, dates.year), catalog)
    return BoundReport(document.path, document, dates, binding, parts)
