"""Any flattening of a table reads to the same facts (issue: read any flattening of a table).

Each seed's tables are re-set in the layouts real reports come in (tests/bind/layouts.py) and read
again; the facts must be those of the seed itself: the same keys with the same values. In raw text
(``pdftotext -raw``) a blank cell leaves no trace at all, so a row holding both blanks and numbers
cannot be read there (its numbers are not placed; a row of blanks is still seen as blank).
"""

import pytest

from ..conftest import facts_of, load_fixture, load_text
from .layouts import LAYOUTS, prose, table_rows

SEEDS = ["seeds/000", "seeds/001", "seeds/002", "seeds/003", "seeds/004",
         "real/hongze-2024.layout", "real/web-003", "real/web-022"]


def _row_of(fact) -> str:
    return f"{fact.row.section}.{fact.row.key}"


def _expected(report, layout: str) -> dict:
    """The seed's facts; in raw text, without the rows that hold both blanks and values (which
    cell was blank is lost there: GX015 says so)."""
    facts = facts_of(report)
    if layout != "raw":
        return facts
    every = report.binding.facts()
    kinds: dict[str, set] = {}
    for fact in every.values():
        kinds.setdefault(_row_of(fact), set()).add(fact.status == "blank")
    mixed = {row for row, blank in kinds.items() if blank == {True, False}}
    return {key: value for key, value in facts.items() if _row_of(every[key]) not in mixed}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("name", SEEDS)
def test_every_layout_reads_the_same_facts(name, layout):
    original = load_fixture(name)
    text = LAYOUTS[layout](table_rows(original), prose(original))
    again = load_text(text)
    assert facts_of(again) == _expected(original, layout), text
