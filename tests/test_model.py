"""linter.model: a paragraph's offsets map back to lines and columns, in any paragraph quickly."""

import random
import time

from linter.model import Paragraph


def reference(paragraph: Paragraph, offset: int) -> tuple[int, int]:
    """By counting line breaks in the paragraph's text (past the end: the end of the last line)."""
    text = paragraph.text
    offset = max(0, min(offset, len(text)))
    index = text.count("\n", 0, offset)
    line, column, _ = paragraph.lines[index]
    return line, column + offset - (text.rfind("\n", 0, offset) + 1)


def test_locate_agrees_with_counting_line_breaks():
    rng = random.Random(5)
    for _ in range(500):
        lines = [(2 * n + 1, rng.randint(1, 4), "字" * rng.randint(0, 6)) for n in range(rng.randint(1, 6))]
        paragraph = Paragraph(lines=lines)
        for offset in range(len(paragraph.text) + 3):
            assert paragraph.locate(offset) == reference(paragraph, offset), (lines, offset)


def test_locate_in_a_long_paragraph_is_quick():
    # dates and mentions locate every match: a paragraph of 100000 lines once took a second a match
    paragraph = Paragraph(lines=[(n + 1, 1, "统计期限自2015年1月1日起") for n in range(100_000)])
    step = len(paragraph.text) // 20_000
    start = time.monotonic()
    places = [paragraph.locate(offset) for offset in range(0, len(paragraph.text), step)]
    assert time.monotonic() - start < 2
    assert places[-1] == reference(paragraph, step * (len(places) - 1))
