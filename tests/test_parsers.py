"""The parsers Lark generates at build time (setup.py) parse as the grammars do at run time."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from linter import parsers
from linter.check import expr
from linter.read import text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict:
    """The modules setup.py generates, by name."""
    setup = _module("gxlint_setup", ROOT / "setup.py")
    folder = tmp_path_factory.mktemp("parsers")
    modules = {}
    for grammar in sorted((ROOT / "grammars").glob("*.lark")):
        name = f"linter.grammars.{grammar.stem}_parser"
        setup.generate_parser(grammar, folder / f"{grammar.stem}_parser.py")
        modules[name] = _module(name, folder / f"{grammar.stem}_parser.py")
    assert set(modules) == {"linter.grammars.report_parser", "linter.grammars.expr_parser"}
    return modules


def _both(monkeypatch, generated, name: str, actions: type):
    """The parser built from the grammar, and the generated one, through build_parser."""
    module = f"linter.grammars.{name}_parser"
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, module, None)          # as in a checkout: no generated module
        built = parsers.build_parser(name, actions)
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, module, generated[module])
        made = parsers.build_parser(name, actions)
    assert built.error is not made.error and made.error is generated[module].LarkError
    return built, made


def _outcome(parser, source: str):
    try:
        return parser.parse(source)
    except parser.error:
        return "error"


def test_the_report_parser_reads_every_fixture_alike(monkeypatch, generated):
    built, made = _both(monkeypatch, generated, "report", text._Build)
    sources = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.txt"))]
    sources += ["", "\n", "a | b |\n||\n", "\t规章\n\t0\n\t\n", "规章 0 0 0\n", "  甲  1  2\n"]
    assert len(sources) > 20
    readings = []
    for parser in (built, made):          # through parse_lines, which cleans the text first
        monkeypatch.setattr(text, "_parser", lambda parser=parser: parser)
        readings.append([text.parse_lines(source) for source in sources])
    assert readings[1] == readings[0]


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_the_expression_parser_reads_every_string_of_the_rules_alike(monkeypatch, generated):
    built, made = _both(monkeypatch, generated, "expr", expr._Build)
    strings = sorted({string for path in (ROOT / "rules").rglob("*.yaml")
                      for string in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))})
    strings += ["sum()", "max(a.b, 1) >= 2", "not (a.b == 0 or c.d != 1)", "a.* <= 3 ** 2", "1 +", ")"]
    outcomes = [(_outcome(built, string), _outcome(made, string)) for string in strings]
    assert sum(1 for mine, _ in outcomes if mine != "error") > 50      # expressions, not only prose
    assert sum(1 for mine, _ in outcomes if mine == "error") > 50
    for string, (mine, theirs) in zip(strings, outcomes):
        assert theirs == mine, string
