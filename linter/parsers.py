"""Lark's LALR parsers of the grammars in ``grammars/``.

An installed gxlint uses the parser Lark generated for each grammar when the package was
built (``setup.py``: Lark's standalone parser, a module ``linter/grammars/<name>_parser.py``
holding the parse tables), so that a run does not analyse the grammar again. A source
checkout (an editable install) has no generated module: the parser is built from the
grammar with Lark, the same way, when first needed. Both give the same parse: the
generated module is Lark's own code and tables for the grammar of the same package.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable

from .datafiles import grammar_text


@dataclass(frozen=True)
class Parser:
    """A grammar's parser with its actions; a text it cannot parse raises :attr:`error`."""

    parse: Callable[[str], Any]
    error: type[Exception]


def build_parser(name: str, actions: type) -> Parser:
    """The parser of ``grammars/<name>.lark`` that calls *actions*' methods, named after the
    grammar's rules, as it reduces them (a Lark transformer applied while parsing)."""
    module = f"linter.grammars.{name}_parser"
    try:
        generated = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name not in (module, "linter.grammars"):
            raise
        from lark import Lark, Transformer
        from lark.exceptions import LarkError

        transformer = type("Actions", (actions, Transformer), {})()
        # Lark's defaults for LALR, as the standalone generator uses them (setup.py)
        lark = Lark(grammar_text(f"{name}.lark"), parser="lalr", transformer=transformer)
        return Parser(lark.parse, LarkError)
    transformer = type("Actions", (actions, generated.Transformer), {})()
    return Parser(generated.Lark_StandAlone(transformer=transformer).parse, generated.LarkError)
