"""The bind stage: a document's tables and its own statements, as facts with canonical keys.

:func:`bind_report` reads what the report says about itself (:mod:`.identity`:
year, period, signing date) and binds its tables to the templates
(:mod:`.binder`, with the templates and label vocabulary of ``rules/``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..read.model import Document
from .binder import Binding, bind
from .identity import ReportDates, read_dates
from .templates import Catalog


@dataclass(eq=False)
class BoundReport:
    path: str
    document: Document
    dates: ReportDates
    binding: Binding


def bind_report(document: Document, catalog: Catalog) -> BoundReport:
    dates = read_dates(document)
    return BoundReport(document.path, document, dates, bind(document, catalog, dates.year))
