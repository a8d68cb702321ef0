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
``blank_cells``        required cells left out (blank, and nothing says they are 0)
``blank_zeros``        zeros left blank, one finding per table
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
``parts_exceed``       the parts a text lists after a total (其中…) exceed it
``parts_short``        parts said to be all of a total (分别为, 包括…共) fall short of it
``missing_parts``      a required part of the report's outline is not there
``misplaced_parts``    parts out of the format's order
``unfilled_parts``     a part left empty, as ``无``, as the template's ``（文字描述）``, or too short
``problems_measures``  the problems part states no problems or no measures
``fee_statement``      part 六 (2021) does not state the 信息处理费 collected
``fee_amounts``        the fee part 六 states differs from the prose elsewhere
``outline_cut_off``    the text ends in the tables, the parts after them not there
=====================  ===========================================================

Placeholders each check's messages may use are listed in its docstring.

The checks in :data:`READS_BLANKS` also take ``reading=``, what the ``assert`` rules made of the
report's blank cells (:class:`.cells.BlankReading`: which an identity confirmed to be 0, which a
finding already says must hold a number); the engine passes it.
"""

from __future__ import annotations

from collections.abc import Callable

from . import breakdowns, cells, dates, outline, rows, shares, tables

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
    "blank_zeros": cells.blank_zeros,
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
    "parts_exceed": breakdowns.parts_exceed,
    "parts_short": breakdowns.parts_short,
    "missing_parts": outline.missing_parts,
    "misplaced_parts": outline.misplaced_parts,
    "unfilled_parts": outline.unfilled_parts,
    "problems_measures": outline.problems_measures,
    "fee_statement": outline.fee_statement,
    "fee_amounts": outline.fee_amounts,
    "outline_cut_off": outline.outline_cut_off,
}

READS_BLANKS = frozenset({"blank_cells", "blank_zeros"})
