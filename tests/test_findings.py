"""linter.findings: where a finding points."""

from linter.findings import at_cell
from linter.model import Cell


def place(cell: Cell) -> tuple[int, int, int, int]:
    finding = at_cell("GX000", "error", "m", "r.txt", cell)
    return finding.line, finding.column, finding.end_line, finding.end_column


def test_a_cell_range_is_its_text():
    assert place(Cell("246.08万", "246.08万", 12, 2, 12, 9)) == (12, 2, 12, 9)
    assert place(Cell("（一）主动公开", "（一）\n主动公开", 3, 2, 4, 5)) == (3, 2, 4, 5)


def test_an_empty_cell_has_an_empty_range():
    # a Word cell that is a lone TAB: line "\t", the cell starts at column 2, the line's end;
    # one character more would point past the end of the line
    assert place(Cell("", "", 176, 2, 176, 2)) == (176, 2, 176, 2)


def test_a_range_never_ends_before_it_starts():
    assert place(Cell("", "", 5, 7, 5, 0)) == (5, 7, 5, 7)
    assert place(Cell("", "", 5, 7, 4, 9)) == (5, 7, 5, 7)


def test_related_places_keep_their_ranges():
    main_cell, other = Cell("1", "1", 2, 2, 2, 3), Cell("", "", 9, 2, 9, 2)
    finding = at_cell("GX000", "error", "m", "r.txt", main_cell, related=[other, main_cell])
    assert [(r.line, r.column, r.end_line, r.end_column) for r in finding.related] == [(9, 2, 9, 2)]
