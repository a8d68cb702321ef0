"""linter.lalr: Lark's LALR tables for grammars/report.lark, run from the cache, parse like Lark itself."""

import json
import random

import pytest

from linter import cache
from linter.lalr import ParseError, Tables, Token, from_lark, lark_parser, tables
from linter.lexer import line_tokens
from linter.parser import ModelBuilder, parse
from linter.resources import grammar_text

from .conftest import REAL, SEEDS
from .test_layouts import render

GRAMMAR = grammar_text("report.lark")


def with_lark(text):
    return lark_parser(GRAMMAR, ModelBuilder()).parse(text)


def with_tables(text):
    data = json.loads(json.dumps(from_lark(lark_parser(GRAMMAR))))     # as the cache keeps them
    tokens = [Token(kind, line, number) for kind, number, line in line_tokens(text)]
    return Tables(data).run(tokens, ModelBuilder())


def variants():
    for path in SEEDS + REAL:
        text = path.read_text(encoding="utf-8")
        yield path.name, text
        for layout in ("pipe", "markdown", "stream", "lines", "tsv"):
            yield f"{path.name}-{layout}", render(text, layout)
        lines = text.split("\n")
        random.Random(path.name).shuffle(lines)
        yield f"{path.name}-shuffled", "\n".join(lines)


@pytest.mark.parametrize("name, text", list(variants()), ids=lambda value: value if len(value) < 60 else "")
def test_cached_tables_build_the_same_document_as_lark(name, text):
    assert with_tables(text) == with_lark(text)


def test_tables_come_from_the_cache_once_built(tmp_path, monkeypatch):
    monkeypatch.setenv("GXLINT_CACHE_DIR", str(tmp_path))
    cache.reset()
    try:
        tables("report.lark")
        (stored,) = tmp_path.glob("grammar-*.json")
        stored.write_text("{\"version\": \"damaged\"", encoding="utf-8")        # damaged: rebuilt
        built = tables("report.lark")
        assert json.loads(stored.read_text(encoding="utf-8"))["data"]["start"] == built.start
    finally:
        cache.reset()


def test_no_cache_still_parses(monkeypatch):
    monkeypatch.setenv("GXLINT_CACHE_DIR", "off")
    cache.reset()
    try:
        assert cache.folder() is None
        assert len(tables("report.lark").states) > 10
    finally:
        cache.reset()


def test_tokens_that_do_not_fit_are_an_error():
    data = from_lark(lark_parser(GRAMMAR))
    with pytest.raises(ParseError):
        Tables(data).run([Token("CONT_LINE", "x", 1)], ModelBuilder())


def test_parse_uses_the_tables():
    document = parse("标题\n\n\t规章\n\t0\n")
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Table"]


def test_the_grammar_is_read_with_line_ends_as_a_text_stream_reads_them(tmp_path, monkeypatch):
    from linter import resources

    grammar = tmp_path / "g.lark"
    grammar.write_bytes("start: a\r\n// 表格\ra: \"x\"\n\r\n".encode("utf-8"))
    monkeypatch.setattr(resources, "grammar_path", lambda filename: str(grammar))
    assert resources.grammar_text("g.lark") == grammar.open(encoding="utf-8").read()
