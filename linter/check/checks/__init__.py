"""gxlint's built-in checks, named by the ``check:`` key of a rule.

Every check has the same signature, ``check(report, rule, severity, lang)``, and
returns its findings; *rule* comes with its title and message already in *lang*.
Each module holds one kind of check; this table registers them all:

=====================  ===========================================================
``no_tables``          no statistics table recognised at all
``unread_tables``      signs of a statistics table that could not be read
``empty_tables``       a table present with every value cell empty
``cut_off``            a table that stops before the template ends
``missing_rows``       template rows absent in the middle of a table
``missing_sections``   a 2019/2021 report without one of its three tables
``unknown_rows``       rows with numbers whose label matches no template row
``label_variants``     rows bound by a near-miss label or by position
``extra_cells``        numbers beyond a row's columns, or on a heading row
``unplaced_rows``      fewer numbers than columns where blank cells left no trace
``blank_cells``        cells left blank in a table that holds numbers
``invalid_values``     text where a number belongs
``negative_counts``    a negative number where only a change may be negative
``fractional_counts``  a fraction where a count belongs
``unit_mismatch``      a unit other than the template's (期 for 条, 元 for 万元)
``report_years``       the title, period and captions name one year
``signed_early``       the report is dated before its period ends
``signed_late``        dated after the legal deadline
``template_outdated``  a table in a format replaced before the report's year
``template_too_new``   a table in a format not yet in force in the report's year
``shares``             a stated share (占…%) matches its count and total
=====================  ===========================================================

Placeholders each check's messages may use are listed in its docstring.
"""

from __future__ import annotations

from collections.abc import Callable

from . import cells, dates, rows, shares, tables

CHECKS: dict[str, Callable] = {
    "no_tables": tables.no_tables,
    "unread_tables": tables.unread_tables,
    "empty_tables": tables.empty_tables,
    "cut_off": tables.cut_off,
    "missing_rows": tables.missing_rows,
    "missing_sections": tables.missing_sections,
    "unknown_rows": rows.unknown_rows,
    "label_variants": rows.label_variants,
    "extra_cells": rows.extra_cells,
    "unplaced_rows": rows.unplaced_rows,
    "blank_cells": cells.blank_cells,
    "invalid_values": cells.invalid_values,
    "negative_counts": cells.negative_counts,
    "fractional_counts": cells.fractional_counts,
    "unit_mismatch": cells.unit_mismatch,
    "report_years": dates.report_years,
    "signed_early": dates.signed_early,
    "signed_late": dates.signed_late,
    "template_outdated": dates.template_outdated,
    "template_too_new": dates.template_too_new,
    "shares": shares.shares,
}
