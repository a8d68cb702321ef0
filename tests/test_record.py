"""linter.record: the bases of gxlint's data classes behave as the model needs."""

import pytest

from linter.findings import Location
from linter.model import Cell, Paragraph, Row
from linter.record import replace
from linter.templates import ColumnDef


def cell(text="5", column=3):
    return Cell(text, text, 7, column, 7, column + len(text))


def test_fields_come_from_the_annotations_in_order():
    assert Cell.FIELDS == ("text", "raw", "line", "column", "end_line", "end_column")
    assert Row.FIELDS == ("cells", "line", "bars")


def test_frozen_records_are_equal_by_value_and_hashable():
    assert cell() == cell() and hash(cell()) == hash(cell())
    assert cell() != cell(column=4)
    assert len({cell(), cell(), cell("6")}) == 2
    assert Location(1, 2) == Location(1, 2, None, None, None)


def test_value_records_are_equal_by_value_but_not_hashable():
    assert Row([cell()], 7) == Row([cell()], 7, 0)
    assert Row([cell()], 7) != Row([cell()], 8)
    with pytest.raises(TypeError):
        hash(Row([], 1))


def test_records_of_another_class_are_never_equal():
    assert Paragraph([(1, 1, "a")]) != Row([(1, 1, "a")], False)


def test_definitions_are_equal_only_to_themselves():
    first, second = ColumnDef("a", "甲"), ColumnDef("a", "甲")
    assert first == first and first != second
    assert len({first, second}) == 2


def test_repr_shows_the_fields():
    assert repr(cell()) == "Cell(text='5', raw='5', line=7, column=3, end_line=7, end_column=4)"


def test_repr_of_a_cycle_ends():
    row = Row([], 1)
    row.cells.append(row)
    assert repr(row) == "Row(cells=[Row(...)], line=1, bars=0)"


def test_replace_copies_with_changes():
    original = cell()
    changed = replace(original, column=9)
    assert (changed.column, changed.text, original.column) == (9, "5", 3)
    with pytest.raises(TypeError):
        replace(original, colour="red")


def test_a_property_computed_once_is_worked_out_on_first_use_only():
    from linter.record import computed_once

    class Thing:
        made = 0

        @computed_once
        def value(self):
            """The value."""
            Thing.made += 1
            return [Thing.made]

    first, second = Thing(), Thing()
    assert first.value is first.value and first.value == [1]
    assert second.value == [2] and Thing.made == 2
    assert Thing.value.__doc__ == "The value." and Thing.value.name == "value"
