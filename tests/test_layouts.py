"""The same report in every layout gives the same facts.

Each real report's tables are written out again as web rows, Markdown, one
cell a line with ``||`` marks, one cell a line with nothing at all (empty cells
then vanish, so only numbers are compared), rows of TAB-separated cells (as a
table copied from a web page), and in traditional characters; the bound facts
must not change.
"""

import pytest
import yaml

from linter.model import Table
from linter.parser import parse
from linter.resources import rules_dir
from pathlib import Path

from .conftest import fixture_text, load_text

SOURCES = ["seeds/000", "seeds/001", "seeds/002", "seeds/003", "seeds/004", "real/web-002", "real/web-029"]


def render(text: str, layout: str) -> str:
    out: list[str] = []
    for block in parse(text).blocks:
        if not isinstance(block, Table):
            out += [block.text, ""]
            continue
        for index, row in enumerate(row for row in block.rows if row.cells):
            cells = [cell.text for cell in row.cells]
            if layout == "pipe":
                out.append(" | ".join(cells) + " |")
            elif layout == "markdown":
                out.append("| " + " | ".join(cells) + " |")
                if index == 0:
                    out.append("|" + "---|" * len(cells))
            elif layout == "stream":
                out += [f"{cell} |" if cell else "|" for cell in cells] + ["||"]
            elif layout == "tsv":
                out.append("\t".join(cells))
            elif layout == "lines":
                out += [line for cell in cells if cell for line in (cell, "")]
        out.append("")
    return "\n".join(out)


def facts(text: str, numbers_only: bool = False) -> dict:
    found = {key: (fact.value, fact.status) for key, fact in load_text(text).binding.facts().items()}
    return {k: v for k, v in found.items() if v[1] == "number"} if numbers_only else found


@pytest.mark.parametrize("layout", ["pipe", "markdown", "stream", "lines", "tsv"])
@pytest.mark.parametrize("source", SOURCES)
def test_layout_does_not_change_the_facts(source, layout):
    text = fixture_text(source)
    numbers_only = layout == "lines"
    expected = facts(text, numbers_only)
    assert expected
    assert facts(render(text, layout), numbers_only) == expected


def to_traditional(text: str) -> str:
    data = yaml.safe_load((Path(rules_dir()) / "hanzi.yaml").read_text(encoding="utf-8"))
    table: dict[int, str] = {}
    for pair in data["traditional_to_simplified"].split():
        if pair[0] != pair[1]:
            table.setdefault(ord(pair[1]), pair[0])
    return text.translate(table)


@pytest.mark.parametrize("source", ["seeds/000", "seeds/001", "seeds/002", "real/web-002"])
def test_traditional_characters_give_the_same_facts(source):
    text = render(fixture_text(source), "pipe")
    traditional = to_traditional(text)
    assert traditional != text
    assert facts(traditional) == facts(text)


def filled_2021_template() -> str:
    """The official blank 2021 template with 0 in every value cell (merged label cells stay empty)."""
    text = fixture_text("real/template-2021-blank")
    lines = text.split("\n")
    for table in load_text(text).binding.tables:
        for fact in table.facts.values():
            lines[fact.cell.line - 1] = "\t0"
    return "\n".join(lines)


@pytest.mark.parametrize("layout", [None, "pipe", "markdown", "stream", "lines", "tsv"])
def test_a_complete_2021_report_binds_fully_and_cleanly_in_every_layout(layout):
    from linter.checks import CHECKS
    from linter.engine import run_rules
    from linter.loading import load_all

    text = filled_2021_template()
    report = load_text(text if layout is None else render(text, layout))
    assert [(t.template.id, t.section.name, len(t.facts)) for t in report.binding.tables] == [
        ("2021", "active", 10), ("2021", "apply", 25 * 7), ("2021", "review", 15)]
    assert run_rules(report, load_all().ruleset, CHECKS) == []
