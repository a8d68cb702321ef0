"""Running ``grammars/report.lark``: Lark's LALR(1) tables, kept in the cache.

Lark builds the parse tables from the grammar (its LALR analysis); gxlint keeps
them in its cache as JSON (:mod:`linter.cache`) and runs them with
:func:`run`, the same shift/reduce loop as Lark's own LALR parser, with Lark's
tree-building conventions: tokens of terminals named ``_X`` are dropped, rules
named ``_x`` (and the helper rules Lark makes for ``*`` and ``+``) hand their
children to the rule above, every other rule calls the builder's method of its
name. Importing Lark costs several bare interpreter starts, far more than
parsing a report, so a run with warm tables does not import it.
``tests/test_lalr.py`` checks that these tables, so run, build the same
document as Lark's own parser on every test report.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import cache
from .resources import grammar_text

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from typing import Any

END = "$END"


class Token:
    """A line token: its type (a terminal of the grammar), its text and line."""

    __slots__ = ("type", "value", "line")

    def __init__(self, type_: str, value: str, line: int):
        self.type, self.value, self.line = type_, value, line


class ParseError(Exception):
    """The tokens do not fit the grammar (a gxlint bug: the lexer only makes tokens that fit)."""


class _Inline(list):
    """The children of an inlined rule, to be spliced into the rule above."""


class Tables:
    def __init__(self, data: dict):
        self.states: dict[int, dict[str, tuple[int, int]]] = {
            int(state): {symbol: (int(action[0]), int(action[1])) for symbol, action in actions.items()}
            for state, actions in data["states"].items()}
        self.rules: list[tuple[str, int]] = [(str(origin), int(size)) for origin, size in data["rules"]]
        if not all(origin for origin, _ in self.rules):
            raise ValueError("a rule without a name")
        self.start, self.end = int(data["start"]), int(data["end"])
        if self.start not in self.states or self.end not in self.states:
            raise ValueError("start or end state missing")

    def run(self, tokens: Iterable[Token], builder: Any):
        """Parse *tokens*; *builder* has a method for each rule that makes a value."""
        # Per rule: its name, how many values it takes, and the builder's method (None: inlined).
        reductions = [(origin, size, None if origin[0] == "_" else getattr(builder, origin))
                      for origin, size in self.rules]
        state_stack = [self.start]
        value_stack: list = []
        last = None
        for token in tokens:
            last = token
            if self._shift(token, state_stack, value_stack, reductions):
                return value_stack[-1]
        final = Token(END, "", last.line if last else 1)
        if self._shift(final, state_stack, value_stack, reductions):
            return value_stack[-1]
        raise ParseError("the tokens ended before the grammar's end")  # pragma: no cover

    def _shift(self, token: Token, state_stack: list, value_stack: list, reductions: list) -> bool:
        """Reduce what *token* ends, then shift it; True once the whole input is reduced."""
        states, kind = self.states, token.type
        while True:
            try:
                action, argument = states[state_stack[-1]][kind]
            except KeyError:
                raise ParseError(f"unexpected {kind} on line {token.line}") from None
            if action == 0:                          # shift
                state_stack.append(argument)
                value_stack.append(token if kind[0] != "_" else _DROPPED)
                return False
            origin, size, method = reductions[argument]
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value = _reduce(children, method)
            state_stack.append(states[state_stack[-1]][origin][1])
            value_stack.append(value)
            if kind == END and state_stack[-1] == self.end:
                return True


# Tokens of terminals named _X are shifted as this marker and left out of the rule above.
_DROPPED = object()


def _reduce(children: list, method):
    # Like Lark, a left-recursive list (``x: x item``, made for ``item*``) grows in place
    # instead of being copied at every item, which would make long reports quadratic.
    # Only what an inlined rule (no method) makes must be marked as such, for the rule above.
    if children and type(children[0]) is _Inline:
        kept = children[0]
        children = children[1:]
    else:
        kept = _Inline() if method is None else []
    for child in children:
        if type(child) is _Inline:
            kept.extend(child)
        elif child is not _DROPPED:
            kept.append(child)
    return kept if method is None else method(kept)


def from_lark(parser) -> dict:
    """The tables of a Lark LALR parser, as JSON-able data."""
    table = parser.parser.parser.parser.parse_table     # Lark -> frontend -> LALR_Parser -> _Parser
    rules: list = []
    index: dict = {}
    states: dict = {}
    for state, actions in table.states.items():
        row = {}
        for symbol, (action, argument) in actions.items():
            if action.name == "Shift":
                row[symbol] = [0, argument]
            else:
                if id(argument) not in index:
                    index[id(argument)] = len(rules)
                    rules.append([argument.origin.name, len(argument.expansion)])
                row[symbol] = [1, index[id(argument)]]
        states[str(state)] = row
    return {"states": states, "rules": rules, "start": table.start_states["start"],
            "end": table.end_states["start"]}


def lark_parser(grammar: str, builder: Any = None):
    """Lark's own LALR parser for *grammar*, reading the line tokens of :mod:`linter.lexer`."""
    from lark import Lark, Token as LarkToken, Transformer
    from lark.lexer import Lexer

    from .lexer import line_tokens

    class LineLexer(Lexer):
        def __init__(self, lexer_conf):
            pass

        def lex(self, state, parser_state=None):
            # Lark versions differ in what they pass: the text, or a state holding it.
            source = getattr(state, "text", state)
            source = getattr(source, "text", source)
            for kind, line_no, line in line_tokens(source):
                yield LarkToken(kind, line, 0, line_no, 1, line_no, len(line) + 1, 0)

    options = {}
    if builder is not None:
        options["transformer"] = type("Builder", (type(builder), Transformer), {})()
    return Lark(grammar, parser="lalr", lexer=LineLexer, maybe_placeholders=False, **options)


def tables(grammar_file: str) -> Tables:
    """The LALR tables of a grammar in ``grammars/``: from the cache, or built by Lark and cached."""
    grammar = grammar_text(grammar_file)
    data = cache.load("grammar", grammar)
    if isinstance(data, dict):
        try:
            return Tables(data)
        except (KeyError, TypeError, ValueError, IndexError):
            pass                    # a damaged cache entry: build the tables again
    data = from_lark(lark_parser(grammar))
    cache.store("grammar", grammar, data)
    return Tables(data)
