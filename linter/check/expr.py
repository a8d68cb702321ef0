"""The rule expression language: parsing, binding to a template, evaluating.

Expressions are parsed with ``grammars/expr.lark`` into a small tree of
:class:`Node` objects and evaluated by this module alone: there is no ``eval``,
no attribute access and no call other than the functions in :data:`FUNCTIONS`.
Numbers are :class:`~decimal.Decimal` in a bounded context; a power needs an
integer exponent of at most 64, so ``9 ** 9 ** 9 ** 9`` is refused, not run.

A fact key (``stats.apply.received``) may hold ``*`` (any one segment),
``{a,b}`` (either segment) and ``$var`` (a ``for_each`` variable). Binding a
tree to a template replaces every key pattern by the concrete keys the template
defines, and fails on a key it does not define.

Evaluation is three-valued: a missing cell (a row the report does not have, a
table cut off) and a cell holding text give *unknown*, and a comparison with an
unknown side neither holds nor fails, so a rule says nothing about what it
cannot see. ``——`` (not applicable) counts as 0 inside ``sum()`` and is unknown
elsewhere.

A blank cell is where the two modes of :func:`evaluate` differ. By default it is
unknown too. The rules are decided with ``blank_as_zero`` (:mod:`linter.check.engine`):
a blank cell counts as 0 wherever it is read as a number — inside ``sum()``, in
``+ - * /``, on either side of a comparison — because a clerk who leaves a cell
blank nearly always means 0 (many leave every zero blank). So every identity is
checked: ``total == sum(parts)`` with some parts blank compares the total with
the parts that are filled, and a blank total under parts that are all 0 or blank
holds. A comparison whose only unknowns are blank cells is always decided this
way. The functions about what a cell holds (``blank``, ``filled``, ``filled_any``,
``blank_any``, ``present``, ``na``, ``count``) see a blank cell as blank in both
modes, so a rule can still talk about what is missing.

When a comparison fails with its blank cells as 0, :func:`blank_need` tells
whether a blank cell is the reason: a blank cell that, holding a positive number,
would bring the two sides together cannot stand for 0. For ``total ==
sum(parts)``: a blank total under parts adding up to 5 must hold 5; under a total
of 5, blank parts beside parts adding up to 3 must hold 2 (together); beside parts
adding up to 6 no blank helps, the numbers themselves disagree. For ``channel <=
total``: a blank channel is 0 and fine; a blank total under a channel of 475 must
hold at least 475. For ``sum(channels) >= total``: blank channels under a total
the others do not reach must hold at least the rest.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import lru_cache

from dataclasses import dataclass, field

from ..parsers import Parser, build_parser

MAX_SOURCE = 2000
MAX_DEPTH = 40
MAX_EXPONENT = 64
# Cell values have at most 20 digits (linter.values.MAX_DIGITS); a result
# beyond 10**100 only comes from a rule's own arithmetic and means nothing for
# a report. The bound also keeps every value printable in a message: Python
# refuses to turn an int of more than 4300 digits into text.
MAX_MAGNITUDE = 99
_CONTEXT = decimal.Context(prec=34, Emax=MAX_MAGNITUDE, Emin=-MAX_MAGNITUDE,
                           traps=[decimal.Overflow, decimal.InvalidOperation, decimal.DivisionByZero])


class ExprError(Exception):
    """An expression is invalid or cannot be bound; the message is for the rule's author."""


class UnknownKey(ExprError):
    """A fact key the template does not have. The nearest keys are worked out only when the message
    is shown: most such errors (a rule tried on a template it does not fit) are never shown."""

    def __init__(self, key: str, space: "KeySpace"):
        super().__init__(key)
        self.key, self.space = key, space

    def __str__(self) -> str:
        return f"未知的数据键 {self.key}{_suggestion(self.key, self.space)}"


class EvalError(Exception):
    """A computation left the bounds (overflow, division by zero, huge power)."""


# --- tree --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Num:
    value: Decimal


@dataclass(frozen=True, slots=True)
class Pattern:
    """A fact key before binding: segments are ('name', s), ('any',), ('var', v), ('choice', (a, b)),
    ('group', g)."""
    segments: tuple


@dataclass(frozen=True, slots=True)
class Key:
    key: str


@dataclass(frozen=True, slots=True)
class Group:
    """Several keys. ``choices`` holds, for a row a report may give whole or in parts (（六）其他处理
    in one row, or split into three), the alternatives: the first one the report has counts."""
    keys: tuple[str, ...]
    source: str
    choices: tuple[tuple[tuple[str, ...], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple


@dataclass(frozen=True, slots=True)
class Unary:
    op: str          # neg, pos, not
    operand: object


@dataclass(frozen=True, slots=True)
class Binary:
    op: str          # + - * / ^ and or
    left: object
    right: object


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: object
    right: object


# What annotations call a Node: one of these classes (a tuple, so isinstance takes it as well).
Node = (Num, Pattern, Key, Group, Call, Unary, Binary, Compare)


class _Build:
    """What each rule of the grammar makes (run by the parser as it reduces)."""

    def number(self, children):
        return Num(Decimal(children[0]))

    def percent(self, children):
        return Num(Decimal(children[0][:-1]) / 100)

    def name(self, children):
        return ("name", str(children[0]))

    def any(self, _children):
        return ("any",)

    def variable(self, children):
        return ("var", str(children[0])[1:])

    def group(self, children):
        return ("group", str(children[0])[1:])

    def choice(self, children):
        return ("choice", tuple(str(child) for child in children))

    def ref(self, segments):
        return Pattern(tuple(segments))

    def call(self, children):
        name = str(children[0])
        return Call(name, tuple(child for child in children[1:] if child is not None))

    def neg(self, children):
        return Unary("neg", children[-1])

    def pos(self, children):
        return Unary("pos", children[-1])

    def not_(self, children):
        return Unary("not", children[0])

    def _chain(self, children, kind):
        node = children[0]
        for index in range(1, len(children), 2):
            node = kind(str(children[index]), node, children[index + 1])
        return node

    def arith(self, children):
        return self._chain(children, Binary)

    def term(self, children):
        return self._chain(children, Binary)

    def power(self, children):
        return Binary("^", children[0], children[2])

    def comparison(self, children):
        return Compare(str(children[1]), children[0], children[2])

    def and_test(self, children):
        return _fold("and", children)

    def or_test(self, children):
        return _fold("or", children)


def _fold(op, children):
    node = children[0]
    for child in children[1:]:
        node = Binary(op, node, child)
    return node


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return build_parser("expr", _Build)


def _depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


@lru_cache(maxsize=4096)
def parse_expression(text: str) -> Node:
    """Parse *text*; :class:`ExprError` says what is wrong in words a rule author reads."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("表达式为空")
    if len(text) > MAX_SOURCE:
        raise ExprError(f"表达式过长（{len(text)} 个字符，上限 {MAX_SOURCE}）")
    if _depth(text) > MAX_DEPTH or text.count("**") + text.count("^") > MAX_DEPTH:
        raise ExprError(f"表达式嵌套过深（上限 {MAX_DEPTH} 层）")
    node = _parse_with_lark(text)
    if _tree_depth(node) > MAX_DEPTH * 2:
        raise ExprError(f"表达式嵌套过深（上限 {MAX_DEPTH} 层）")
    _check_calls(node)
    _type(node)
    return node


def _parse_with_lark(text: str):
    parser = _parser()
    try:
        return parser.parse(text)
    except parser.error as error:
        where = getattr(error, "column", None)
        at = f"第 {where} 个字符处" if isinstance(where, int) and where > 0 else ""
        raise ExprError(f"表达式无法解析{at}：{text!r}") from None
    except RecursionError:
        raise ExprError(f"表达式嵌套过深（上限 {MAX_DEPTH} 层）") from None


def _tree_depth(node) -> int:
    deepest, stack = 0, [(node, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in _children(item))
    return deepest


# --- functions and types ---------------------------------------------------------

# name -> (argument kinds, result kind); kinds: num, bool, fact (one key), group (keys), any (num or keys)
SIGNATURES: dict[str, tuple[tuple[str, ...] | str, str]] = {
    "sum": ("any*", "num"),
    "max": ("any*", "num"),
    "min": ("any*", "num"),
    "count": ("keys*", "num"),
    "abs": (("num",), "num"),
    "round": (("num", "num"), "num"),
    "within": (("num", "num", "num"), "bool"),
    "blank": (("keys",), "bool"),
    "filled": (("keys",), "bool"),
    "present": (("keys",), "bool"),
    "na": (("keys",), "bool"),
    "filled_any": ("keys*", "bool"),
    "blank_any": ("keys*", "bool"),
}


def _children(node) -> Iterable:
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, (Binary, Compare)):
        return (node.left, node.right)
    return ()


def walk(node) -> Iterable:
    yield node
    for child in _children(node):
        yield from walk(child)


def _check_calls(node) -> None:
    for item in walk(node):
        if isinstance(item, Call):
            if item.name not in SIGNATURES:
                raise ExprError(f"未知的函数 {item.name}()（可用：{', '.join(sorted(SIGNATURES))}）")
            kinds, _ = SIGNATURES[item.name]
            if isinstance(kinds, tuple) and len(item.args) != len(kinds):
                raise ExprError(f"{item.name}() 需要 {len(kinds)} 个参数")
            if isinstance(kinds, str) and not item.args:
                raise ExprError(f"{item.name}() 至少需要 1 个参数")


def _is_keys(node) -> bool:
    return isinstance(node, (Pattern, Key, Group))


def _type(node) -> str:
    """num, bool or keys; raises ExprError on a mismatch."""
    if isinstance(node, Num):
        return "num"
    if _is_keys(node):
        return "keys"
    if isinstance(node, Call):
        kinds, result = SIGNATURES[node.name]
        expected = [kinds[:-1]] * len(node.args) if isinstance(kinds, str) else list(kinds)
        for want, arg in zip(expected, node.args):
            got = _type(arg)
            if want == "keys" and got != "keys":
                raise ExprError(f"{node.name}() 的参数应为数据键")
            if want == "num" and got == "bool":
                raise ExprError(f"{node.name}() 的参数应为数值")
            if want == "any" and got == "bool":
                raise ExprError(f"{node.name}() 的参数应为数值或数据键")
        return result
    if isinstance(node, Unary):
        got = _type(node.operand)
        if node.op == "not":
            if got != "bool":
                raise ExprError("not 之后应为条件")
            return "bool"
        if got == "bool":
            raise ExprError("负号之后应为数值")
        return "num"
    if isinstance(node, Binary):
        left, right = _type(node.left), _type(node.right)
        if node.op in ("and", "or"):
            if left != "bool" or right != "bool":
                raise ExprError(f"{node.op} 两边应为条件")
            return "bool"
        if "bool" in (left, right):
            raise ExprError(f"运算 {node.op} 两边应为数值")
        return "num"
    if isinstance(node, Compare):
        if "bool" in (_type(node.left), _type(node.right)):
            raise ExprError(f"比较 {node.op} 两边应为数值")
        return "bool"
    raise ExprError("无法识别的表达式")  # pragma: no cover


def result_type(node) -> str:
    return _type(node)


# --- binding to a template ------------------------------------------------------

class KeySpace:
    """A template's fact keys, arranged so that a pattern finds its keys without scanning them all."""

    def __init__(self, keys: Iterable[str]):
        self.keys = list(keys)
        self.set = frozenset(self.keys)
        self.order = {key: index for index, key in enumerate(self.keys)}
        self.tree: dict = {}
        for key in self.keys:
            node = self.tree
            for part in key.split("."):
                node = node.setdefault(part, {})
            node[None] = key            # a key ends here

    def expand(self, segments: tuple) -> list[str]:
        """The keys the segments match (one key segment each)."""
        level = [self.tree]
        for segment in segments:
            kind = segment[0]
            if kind == "name":
                level = [node[segment[1]] for node in level if segment[1] in node]
            elif kind == "choice":
                level = [node[name] for node in level for name in segment[1] if name in node]
            else:                                   # any
                level = [child for node in level for part, child in node.items() if part is not None]
        return [node[None] for node in level if None in node]


def substitute(node, variables: Mapping[str, str]):
    """Replace ``$var`` segments by the variables' values (which may hold dots)."""
    if isinstance(node, Pattern):
        segments: list = []
        for segment in node.segments:
            if segment[0] == "var":
                if segment[1] not in variables:
                    raise ExprError(f"未定义的变量 ${segment[1]}")
                segments.extend(("name", part) for part in variables[segment[1]].split("."))
            else:
                segments.append(segment)
        return Pattern(tuple(segments))
    if isinstance(node, Call):
        return Call(node.name, tuple(substitute(arg, variables) for arg in node.args))
    if isinstance(node, Unary):
        return Unary(node.op, substitute(node.operand, variables))
    if isinstance(node, Binary):
        return Binary(node.op, substitute(node.left, variables), substitute(node.right, variables))
    if isinstance(node, Compare):
        return Compare(node.op, substitute(node.left, variables), substitute(node.right, variables))
    return node


def pattern_text(pattern: Pattern) -> str:
    def show(segment):
        kind = segment[0]
        return {"name": lambda: segment[1], "any": lambda: "*", "var": lambda: "$" + segment[1],
                "choice": lambda: "{" + ",".join(segment[1]) + "}", "group": lambda: "@" + segment[1]}[kind]()
    return ".".join(show(segment) for segment in pattern.segments)


def _expand(segments: tuple, space: KeySpace, groups) -> tuple[list[str], list[tuple[tuple[str, ...], ...]]]:
    """The keys a pattern names, and its choices: for each ``@group`` member that is a list of
    alternatives (a row given whole or in parts), the keys of each alternative."""
    for index, segment in enumerate(segments):
        if segment[0] != "group":
            continue
        section = segments[0][1] if segments and segments[0][0] == "name" else ""
        members = groups(section, segment[1])
        if members is None:
            raise ExprError(f"模板的 {section} 部分没有名为 @{segment[1]} 的行组")

        def replaced(member: str) -> tuple:
            return segments[:index] + tuple(("name", part) for part in member.split(".")) + segments[index + 1:]

        keys: list[str] = []
        choices: list[tuple[tuple[str, ...], ...]] = []
        for member in members:
            if isinstance(member, str):
                more, more_choices = _expand(replaced(member), space, groups)
                keys.extend(more)
                choices.extend(more_choices)
            else:
                options = tuple(tuple(key for alternative in option for key in _expand(replaced(alternative),
                                                                                         space, groups)[0])
                                for option in member)
                options = tuple(option for option in options if option)
                if options:
                    choices.append(options)
        return keys, choices
    return space.expand(segments), []


def bind_keys(node, keys: "KeySpace | list[str]",
              groups: Callable[[str, str], list | None] = lambda section, name: None):
    """Resolve every pattern against a template's keys; constant parts are computed now."""
    space = keys if isinstance(keys, KeySpace) else KeySpace(keys)
    return _bind(node, space, groups)


def _bind(node, space: KeySpace, groups):
    if isinstance(node, Pattern):
        text = pattern_text(node)
        wild = any(segment[0] in ("any", "choice", "group") for segment in node.segments)
        if not wild:
            if text not in space.set:
                raise UnknownKey(text, space)
            return Key(text)
        keys, choices = _expand(node.segments, space, groups)
        found = sorted(set(keys), key=space.order.__getitem__)
        if not found and not choices:
            raise ExprError(f"数据键 {text} 没有匹配任何数据")
        return Group(tuple(found), text, tuple(choices))
    again = lambda child: _bind(child, space, groups)  # noqa: E731
    if isinstance(node, Call):
        return Call(node.name, tuple(again(arg) for arg in node.args))
    if isinstance(node, Unary):
        return _fold_constant(Unary(node.op, again(node.operand)))
    if isinstance(node, Binary):
        return _fold_constant(Binary(node.op, again(node.left), again(node.right)))
    if isinstance(node, Compare):
        return Compare(node.op, again(node.left), again(node.right))
    return node


def _suggestion(text: str, space: KeySpace) -> str:
    from difflib import get_close_matches     # only a misspelt key needs it

    close = get_close_matches(text, space.keys, n=3, cutoff=0.6)
    return f"（是否应为 {'、'.join(close)}？gxlint --list-keys 列出全部数据键）" if close else \
        "（gxlint --list-keys 列出全部数据键）"


def _fold_constant(node):
    """Compute arithmetic on constants at load time, so a huge power is refused before any report."""
    operands = [node.operand] if isinstance(node, Unary) else [node.left, node.right]
    if node.op in ("not", "and", "or") or not all(isinstance(o, Num) for o in operands):
        return node
    try:
        value = evaluate(node, {})
    except EvalError as error:
        raise ExprError(str(error)) from None
    return Num(value)


# --- evaluation ----------------------------------------------------------------------

@dataclass(slots=True)
class Unknown:
    """A value that cannot be known: blank, missing or non-numeric cells were involved."""
    blank: list = field(default_factory=list)    # facts left blank
    absent: bool = False


Value = (Decimal, bool, Unknown)      # what annotations call a Value


def _fact_number(fact, in_sum: bool, zero: bool) -> Value:
    if fact is None:
        return Unknown(absent=True)
    if fact.status == "number":
        return fact.value
    if fact.status == "na" and in_sum:
        return Decimal(0)
    if fact.status == "blank":
        return Decimal(0) if zero else Unknown(blank=[fact])
    return Unknown()


def chosen_keys(group: Group, facts: Mapping) -> list[str]:
    """The keys of a group a report gives: its own, and of each choice the first alternative the
    report has any of (else the first alternative, to say what is missing)."""
    keys = list(group.keys)
    for options in group.choices:
        keys.extend(next((option for option in options if any(key in facts for key in option)), options[0]))
    return keys


def _members(node, facts, in_sum: bool, zero: bool) -> list[Value]:
    if isinstance(node, Key):
        return [_fact_number(facts.get(node.key), in_sum, zero)]
    if isinstance(node, Group):
        return [_fact_number(facts.get(key), in_sum, zero) for key in chosen_keys(node, facts)]
    return [_evaluate(node, facts, zero)]


def _numbers(args, facts, zero: bool, in_sum: bool = False) -> list[Value]:
    return [value for arg in args for value in _members(arg, facts, in_sum, zero)]


def _first_unknown(values: list[Value]) -> Unknown | None:
    """All unknowns among *values* as one (None if there is none): what :meth:`Unknown.merge`
    gives, folded over them, in one pass rather than a new list per value."""
    unknowns = [value for value in values if isinstance(value, Unknown)]
    if len(unknowns) <= 1:
        return unknowns[0] if unknowns else None
    blank: list = []
    seen: set[int] = set()           # facts compare by identity
    for unknown in unknowns:
        for fact in unknown.blank:
            if id(fact) not in seen:
                seen.add(id(fact))
                blank.append(fact)
    return Unknown(blank, any(unknown.absent for unknown in unknowns))


def _aggregate(function: Callable[[list[Decimal]], Decimal], in_sum: bool = False):
    def run(args, facts, zero):
        values = _numbers(args, facts, zero, in_sum)
        unknown = _first_unknown(values)
        return unknown if unknown is not None else function(values)
    return run


def _statuses(node, facts) -> list:
    keys = (node.key,) if isinstance(node, Key) else chosen_keys(node, facts)
    return [facts.get(key) for key in keys]


def _all_status(status: str):
    def run(args, facts, _zero):
        found = _statuses(args[0], facts)
        if any(fact is None for fact in found):
            return Unknown(absent=True)
        return all(fact.status == status for fact in found)
    return run


def _any_status(status: str):
    def run(args, facts, _zero):
        found = [fact for arg in args for fact in _statuses(arg, facts) if fact is not None]
        if not found:
            return Unknown(absent=True)
        return any(fact.status == status for fact in found)
    return run


def _present(args, facts, _zero):
    return all(fact is not None for fact in _statuses(args[0], facts))


def _count(args, facts, _zero):
    """How many of the cells hold a number."""
    return Decimal(sum(1 for arg in args for fact in _statuses(arg, facts)
                       if fact is not None and fact.status == "number"))


def _unary_numeric(function):
    def run(args, facts, zero):
        values = [_evaluate(arg, facts, zero) for arg in args]
        unknown = _first_unknown(values)
        return unknown if unknown is not None else function(*values)
    return run


def _round(value: Decimal, places: Decimal) -> Decimal:
    if places != places.to_integral_value() or not 0 <= places <= 10:
        raise EvalError("round() 的位数应为 0 到 10 的整数")
    return value.quantize(Decimal(1).scaleb(-int(places)), rounding=decimal.ROUND_HALF_UP, context=_CONTEXT)


# Each takes (arguments, facts, whether blanks count as 0). The status functions look at what a
# cell holds, so a blank stays blank to them in either mode.
FUNCTIONS = {
    "sum": _aggregate(lambda values: sum(values, Decimal(0)), in_sum=True),
    "max": _aggregate(max),
    "min": _aggregate(min),
    "count": _count,
    "abs": _unary_numeric(abs),
    "round": _unary_numeric(_round),
    "within": _unary_numeric(lambda a, b, tolerance: abs(a - b) <= tolerance),
    "blank": _all_status("blank"),
    "filled": _all_status("number"),
    "na": _all_status("na"),
    "present": _present,
    "filled_any": _any_status("number"),
    "blank_any": _any_status("blank"),
}


def _power(base: Decimal, exponent: Decimal) -> Decimal:
    if exponent != exponent.to_integral_value() or abs(exponent) > MAX_EXPONENT:
        raise EvalError(f"乘方的指数应为绝对值不超过 {MAX_EXPONENT} 的整数")
    return _CONTEXT.power(base, exponent)


_ARITHMETIC = {
    "+": _CONTEXT.add,
    "-": _CONTEXT.subtract,
    "*": _CONTEXT.multiply,
    "/": _CONTEXT.divide,
    "^": _power,
    "**": _power,
}

_COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
}


def evaluate(node, facts: Mapping, blank_as_zero: bool = False) -> Value:
    """The value of a bound *node* over *facts* (key -> Fact).

    Three-valued by default: a blank cell is unknown. With *blank_as_zero* a blank cell counts
    as 0 wherever it is read as a number (how the rules decide; see the module's documentation);
    absent cells and cells holding text stay unknown in either mode.
    """
    return _evaluate(node, facts, blank_as_zero)


def _evaluate(node, facts: Mapping, zero: bool) -> Value:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Key):
        return _fact_number(facts.get(node.key), False, zero)
    if isinstance(node, Group):
        raise EvalError(f"{node.source} 表示多个数据，只能用在 sum() 等函数里")
    if isinstance(node, Call):
        try:
            return FUNCTIONS[node.name](node.args, facts, zero)
        except decimal.DecimalException:
            # round() of a value with more digits than the context holds, and the like
            raise EvalError("数值超出范围") from None
    if isinstance(node, Unary):
        value = _evaluate(node.operand, facts, zero)
        if isinstance(value, Unknown):
            return value
        if node.op == "not":
            return not value
        return -value if node.op == "neg" else value
    if isinstance(node, Binary):
        if node.op in ("and", "or"):
            return _logic(node, facts, zero)
        left, right = _evaluate(node.left, facts, zero), _evaluate(node.right, facts, zero)
        unknown = _first_unknown([left, right])
        if unknown is not None:
            return unknown
        try:
            return _ARITHMETIC[node.op](left, right)
        except (decimal.DivisionByZero, decimal.InvalidOperation):
            raise EvalError("除数为 0") from None
        except decimal.Overflow:
            raise EvalError("数值超出范围") from None
    if isinstance(node, Compare):
        left, right = _evaluate(node.left, facts, zero), _evaluate(node.right, facts, zero)
        unknown = _first_unknown([left, right])
        return unknown if unknown is not None else _COMPARE[node.op](left, right)
    raise EvalError("无法计算的表达式")  # pragma: no cover


def _logic(node: Binary, facts, zero: bool) -> Value:
    """Kleene logic: false and unknown is false, true or unknown is true."""
    left = _evaluate(node.left, facts, zero)
    deciding = node.op == "or"
    if left is deciding:
        return deciding
    right = _evaluate(node.right, facts, zero)
    if right is deciding:
        return deciding
    unknown = _first_unknown([left, right])
    return unknown if unknown is not None else (not deciding)


# --- blank cells that a failed comparison needs ------------------------------------------

@dataclass(frozen=True, slots=True)
class BlankNeed:
    """Blank cells that cannot stand for 0: a comparison fails with them as 0, and holds once they
    hold a positive number. ``amount`` is what they must hold together (``None`` where the
    expression does not tell); ``bound`` says how: ``exactly`` (``==``), ``at_least`` (``<=``,
    ``>=``) or ``more_than`` (``<``, ``>``)."""
    facts: tuple
    amount: Decimal | None
    bound: str


_BOUNDS = {"==": "exactly", "<=": "at_least", ">=": "at_least", "<": "more_than", ">": "more_than"}


@dataclass(frozen=True, slots=True)
class _Filled:
    """A blank cell tried with a number (what a fact looks like to evaluation)."""
    value: Decimal
    status: str = "number"


def _blank_keys(node, facts: Mapping) -> dict:
    found = {}
    for key in keys_in(node, facts):
        fact = facts.get(key)
        if fact is not None and fact.status == "blank":
            found.setdefault(key, fact)
    return found


def blank_facts(node, facts: Mapping) -> list:
    """The blank cells a bound node reads, in reading order, each once."""
    return list(_blank_keys(node, facts).values())


def _gap(node: Compare, facts: Mapping) -> Decimal | None:
    """Left minus right, blanks as 0 (None when a side is not a number)."""
    try:
        left, right = _evaluate(node.left, facts, True), _evaluate(node.right, facts, True)
    except EvalError:
        return None
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return left - right
    return None


def _with(facts: Mapping, key: str, value: Decimal) -> dict:
    tried = dict(facts)
    tried[key] = _Filled(value)
    return tried


def blank_need(node, facts: Mapping) -> BlankNeed | None:
    """For a comparison that fails with its blank cells as 0: the blank cells whose filling in
    would make it hold, and with what (see :class:`BlankNeed`); None when no blank cell can
    (the numbers themselves disagree).

    Each blank cell is tried with 1 in its place: a cell that moves the two sides towards each
    other is needed. For ``total == sum(parts)`` that is a blank total under parts that add up to
    more than 0, or blank parts under a total that the others do not reach.
    """
    if not isinstance(node, Compare) or node.op not in _BOUNDS:
        return None
    gap = _gap(node, facts)
    if gap is None:
        return None
    # the way the gap must move: towards 0 for ==, down for <= and <, up for >= and >
    direction = {"==": -1 if gap > 0 else 1, "<=": -1, "<": -1, ">=": 1, ">": 1}[node.op]
    needed, steps = [], []
    for key, fact in _blank_keys(node, facts).items():
        moved = _gap(node, _with(facts, key, Decimal(1)))
        if moved is not None and (moved - gap) * direction > 0:
            needed.append((key, fact))
            steps.append(abs(moved - gap))
    if not needed:
        return None
    amount = _CONTEXT.divide(abs(gap), steps[0]) if len(set(steps)) == 1 else None
    if amount is not None:
        # check it: the first needed cell holding the whole amount makes the comparison hold
        tried = amount + (1 if node.op in ("<", ">") else 0)
        if _evaluate(node, _with(facts, needed[0][0], tried), True) is not True:
            amount = None
    return BlankNeed(tuple(fact for _, fact in needed), amount, _BOUNDS[node.op])


def keys_in(node, facts: Mapping | None = None) -> list[str]:
    """The fact keys a bound node reads, in reading order (with *facts*: of each choice, the
    alternative those facts give)."""
    found: list[str] = []
    for item in walk(node):
        if isinstance(item, Key):
            found.append(item.key)
        elif isinstance(item, Group):
            found.extend(chosen_keys(item, facts) if facts is not None else
                         list(item.keys) + [key for options in item.choices for option in options for key in option])
    return found
