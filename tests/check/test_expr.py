"""linter.check.expr: the rule expression language, its three-valued logic and its bounds."""

from decimal import Decimal

import pytest

from linter.bind.templates import builtin_catalog
from linter.check.expr import (EvalError, ExprError, Group, MAX_MAGNITUDE, Unknown, bind_keys, chosen_keys,
                               evaluate, keys_in, parse_expression, result_type, substitute)
from linter.check.loading import load_all
from linter.check.rules import RuleError
from linter.check.wording import format_number

KEYS = ["t.total", "t.a", "t.b", "t.c", "u.x.one", "u.y.one", "u.y.two"]


class FakeFact:
    def __init__(self, value, status="number"):
        self.value = None if value is None else Decimal(value)
        self.status = status


def facts(**values):
    """``t__a=5`` is the fact t.a holding 5; ``"blank"`` and ``"na"`` are cells left blank or ``——``."""
    result = {}
    for key, value in values.items():
        dotted = key.replace("__", ".")
        if value in ("blank", "na", "text"):
            result[dotted] = FakeFact(None, value)
        else:
            result[dotted] = FakeFact(value)
    return result


def run(text, data, variables=None, groups=lambda section, name: None, keys=KEYS):
    node = parse_expression(text)
    if variables:
        node = substitute(node, variables)
    return evaluate(bind_keys(node, keys, groups), data)


def test_sum_identity():
    data = facts(t__total=5, t__a=2, t__b=3, t__c=0)
    assert run("t.total == sum(t.{a,b,c})", data) is True
    assert run("t.total == sum(t.*) - t.total", data) is True
    assert run("t.total != t.a + t.b", data) is False


def test_exact_decimals():
    assert run("0.1 + 0.2 == 0.3", {}) is True
    assert run("1 / 3 * 3 == 1", {}) is False               # 34 significant digits, not floats
    assert run("45.45% == 0.4545", {}) is True


def test_blank_and_missing_are_unknown_not_false():
    data = facts(t__total=5, t__a="blank", t__b=3)
    assert isinstance(run("t.total == sum(t.{a,b})", data), Unknown)
    assert isinstance(run("t.total == t.c", data), Unknown)           # t.c absent
    assert run("blank(t.a) and filled(t.b) and not present(t.c)", data) is True
    assert run("filled_any(t.{a,b,c})", data) is True
    assert run("blank_any(t.{a,b})", data) is True


def test_unknown_says_what_was_blank_and_what_was_absent():
    data = facts(t__total=5, t__a="blank", t__b="blank")
    outcome = run("t.total == t.a + t.b + t.c", data)
    assert isinstance(outcome, Unknown)
    assert outcome.blank == [data["t.a"], data["t.b"]] and outcome.absent      # t.c: not in the report


def test_text_in_a_cell_is_unknown_even_in_sums():
    data = facts(t__total=5, t__a="text", t__b=5)
    assert isinstance(run("t.total == sum(t.{a,b})", data), Unknown)
    assert run("count(t.{a,b}) == 1", data) is True                  # count() counts numbers only


def test_not_applicable_counts_as_zero_in_sums_only():
    data = facts(t__total=3, t__a="na", t__b=3)
    assert run("sum(t.{a,b}) == t.total", data) is True
    assert isinstance(run("t.a <= t.total", data), Unknown)
    assert run("na(t.a)", data) is True


def test_kleene_logic():
    data = facts(t__a="blank", t__b=1)
    assert run("t.a > 0 or t.b > 0", data) is True
    assert run("t.a > 0 and t.b > 5", data) is False
    assert isinstance(run("t.a > 0 and t.b > 0", data), Unknown)
    assert isinstance(run("not (t.a > 0)", data), Unknown)


def test_variables_groups_and_functions():
    data = facts(u__x__one=1, u__y__one=2, u__y__two=3)
    assert run("u.$g.one == 2", data, {"g": "y"}) is True
    assert run("sum(u.*.one) == 3", data) is True
    assert run("max(u.y.one, u.y.two) == 3 and min(u.y.one, 7) == 2 and abs(-2) == 2", data) is True
    assert run("count(u.*.one) == 2 and round(2.345, 2) == 2.35 and within(1.85, 1.86, 0.01)", data) is True
    groups = lambda section, name: ["x.one", "y.two"] if (section, name) == ("u", "picked") else None  # noqa: E731
    assert run("sum(u.@picked) == 4", data, groups=groups) is True


def test_a_variable_may_stand_for_several_segments():
    assert run("u.$g == 3", facts(u__y__two=3), {"g": "y.two"}) is True


@pytest.mark.parametrize("text, words", [
    ("", "表达式为空"),
    ("t.total ==", "无法解析"),
    ("__import__('os')", "无法解析"),
    ("t.total.__class__", "未知的数据键"),
    ("open(t.a)", "未知的函数 open()"),
    ("eval(t.a)", "未知的函数 eval()"),
    ("round(t.a)", "round() 需要 2 个参数"),
    ("sum()", "sum() 至少需要 1 个参数"),
    ("t.nope == 1", "未知的数据键 t.nope"),
    ("t.*.zz == 1", "没有匹配任何数据"),
    ("sum(t.@nope) == 1", "没有名为 @nope 的行组"),
    ("9 ** 9 ** 9 ** 9 > 1", "指数"),
    ("2 ^ 0.5 > 1", "指数"),
    ("1 / 0 > 1", "除数为 0"),
    ("(" * 60 + "1" + ")" * 60 + " > 0", "嵌套过深"),
    ("-" * 600 + "1 > 0", "嵌套过深"),
    ("1" * 3000 + " > 0", "过长"),
    ("t.a + (t.b > 1)", "两边应为数值"),
    ("blank(1)", "应为数据键"),
    ("abs(t.a > 1) > 0", "应为数值"),
    ("not t.a", "not 之后应为条件"),
    ("-(t.a > 1)", "负号之后应为数值"),
    ("t.$nope == 1", "未定义的变量"),
    ("sum(t.a) and 1", "两边应为条件"),
])
def test_refused(text, words):
    with pytest.raises(ExprError) as caught:
        node = parse_expression(text)
        node = substitute(node, {})
        bind_keys(node, KEYS)
    assert words in str(caught.value)


def test_runtime_bounds_are_eval_errors_not_a_hang():
    data = facts(t__a=10 ** 6, t__b=0)
    with pytest.raises(EvalError):
        run("t.a / t.b > 1", data)
    with pytest.raises(EvalError):
        run("t.a ^ 64 ^ 2 > 1", facts(t__a=999999))


def test_a_group_is_not_a_value():
    with pytest.raises(EvalError, match="只能用在 sum"):
        run("t.* > 1", facts(t__a=1))


def test_result_types():
    assert result_type(parse_expression("t.a + 1")) == "num"
    assert result_type(parse_expression("t.a > 1 or blank(t.b)")) == "bool"
    assert result_type(parse_expression("t.a")) == "keys"


def test_constants_beyond_the_magnitude_bound_are_refused():
    # (10 ** 64) ** 2 is 1E+128: no rule about a report needs it, and ((10 ** 64) ** 64) ** 2
    # once got through and then could not be printed in a message (Python's 4300-digit limit)
    for text in ("t.a > (10 ** 64) ** 2", "t.a > ((10 ** 64) ** 64) ** 2", "t.a > 10 ** 50 * 10 ** 50"):
        with pytest.raises(ExprError, match="数值超出范围"):
            bind_keys(parse_expression(text), KEYS)


def test_results_stay_printable():
    value = run("t.a * 10 ** 64 * 10 ** 30", facts(t__a=9))
    assert format_number(value) == "9" + "0" * 94 and value.adjusted() <= MAX_MAGNITUDE
    with pytest.raises(EvalError):
        run("t.a * 10 ** 64 * 10 ** 40 > 1", facts(t__a=9))


def test_round_beyond_the_precision_is_an_eval_error():
    # quantize() needs more than 34 digits here: decimal.InvalidOperation once escaped the run
    with pytest.raises(EvalError):
        run("round(t.a * 10 ** 30, 10) > 1", facts(t__a=2))
    with pytest.raises(EvalError, match="round"):
        run("round(t.a, 11) > 1", facts(t__a=2))
    assert run("round(t.a / 3, 2) == 0.67", facts(t__a=2)) is True
    assert run("round(2.5, 0) == 3", {}) is True                       # half up, as clerks round


# --- a row a report gives whole or in parts (rules/templates/2021.yaml: results: [..., [other.*, other]]) --

T2021 = builtin_catalog().get("2021")
RESULT_ROWS = ["granted", "partly_granted", *(f"refused.{k}" for k in (
    "state_secret", "prohibited", "safety", "third_party", "internal_affairs", "process", "enforcement_files",
    "inquiry")), *(f"unavailable.{k}" for k in ("not_held", "needs_creation", "unclear")),
    *(f"not_handled.{k}" for k in ("petition", "repeated", "publication", "excessive", "confirmation"))]
OTHER_PARTS = ["other.no_correction", "other.unpaid_fee", "other.other"]


def results_sum(col="natural_person"):
    node = substitute(parse_expression("sum(apply.@results.$col)"), {"col": col})
    return bind_keys(node, T2021.keys(), T2021.named)


def results_group(col="natural_person") -> Group:
    (group,) = results_sum(col).args
    return group


def matrix(rows: dict[str, int], col="natural_person"):
    """The facts of one column of the 2021 matrix: every result row (（一）至（五）) holding 1, plus *rows*."""
    values = {f"apply.{row}.{col}": FakeFact(1) for row in RESULT_ROWS}
    values.update({f"apply.{row}.{col}": FakeFact(value) for row, value in rows.items()})
    return values


def test_the_results_group_holds_the_other_row_as_alternatives():
    group = results_group()
    assert isinstance(group, Group)
    assert group.choices == ((tuple(f"apply.{part}.natural_person" for part in OTHER_PARTS),
                              ("apply.other.natural_person",)),)
    assert "apply.other.natural_person" not in group.keys          # not counted besides its parts


def test_the_parts_count_when_the_report_has_them():
    data = matrix({"other.no_correction": 2, "other.unpaid_fee": 3, "other.other": 4})
    assert evaluate(results_sum(), data) == len(RESULT_ROWS) + 2 + 3 + 4
    assert chosen_keys(results_group(), data)[-3:] == [f"apply.{part}.natural_person" for part in OTHER_PARTS]


def test_the_parts_count_rather_than_the_whole_row_when_the_report_gives_both():
    # a 2021 table gives （六）其他处理 as a heading row with its own cells and the three parts below;
    # adding the heading row too would count the same applications twice
    data = matrix({"other": 100, "other.no_correction": 2, "other.unpaid_fee": 3, "other.other": 4})
    assert evaluate(results_sum(), data) == len(RESULT_ROWS) + 9


def test_the_whole_row_counts_when_the_report_gives_only_it():
    # the 2019 manner: （六）其他处理 in one row
    data = matrix({"other": 7})
    assert evaluate(results_sum(), data) == len(RESULT_ROWS) + 7
    assert chosen_keys(results_group(), data)[-1] == "apply.other.natural_person"


def test_with_neither_the_sum_is_unknown():
    outcome = evaluate(results_sum(), matrix({}))
    assert isinstance(outcome, Unknown) and outcome.absent
    # and the rule that uses it says nothing: the comparison is unknown, not false
    node = bind_keys(substitute(parse_expression("apply.total.$col == sum(apply.@results.$col)"),
                                {"col": "natural_person"}), T2021.keys(), T2021.named)
    assert isinstance(evaluate(node, {**matrix({}), "apply.total.natural_person": FakeFact(99)}), Unknown)


def test_a_part_left_blank_keeps_the_sum_unknown():
    # the parts are there (the report has the 2021 rows), one is blank: the whole row is not used instead
    data = matrix({"other": 7, "other.no_correction": 2, "other.other": 4})
    data["apply.other.unpaid_fee.natural_person"] = FakeFact(None, "blank")
    outcome = evaluate(results_sum(), data)
    assert isinstance(outcome, Unknown) and outcome.blank == [data["apply.other.unpaid_fee.natural_person"]]


def test_keys_read_follow_the_choice():
    node = results_sum()
    whole = keys_in(node, matrix({"other": 7}))
    assert "apply.other.natural_person" in whole and "apply.other.other.natural_person" not in whole
    every = keys_in(node)                    # without facts: every key it may read
    assert {"apply.other.natural_person", "apply.other.other.natural_person"} <= set(every)


# --- an unknown key in a rule file ------------------------------------------------------------------------

RULE = """rules:
  - id: USR001
    title: 测试
    severity: warning
    templates: ["2019"]
    assert: {expression}
    message: m
"""


@pytest.mark.parametrize("expression, suggested", [
    ("apply.totl.total >= 0", "是否应为 apply.total.total"),
    ("apply.total.natural >= 0", "是否应为 apply.total.natural_person"),
    ("zzz.qqq >= 0", None),
])
def test_an_unknown_key_gets_the_nearest_keys_suggested(tmp_path, expression, suggested):
    path = tmp_path / "mine.yaml"
    path.write_text(RULE.format(expression=expression), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_all([path])
    message = str(caught.value)
    key = expression.split()[0]
    assert f"{path}：规则 USR001（模板 2019）：未知的数据键 {key}" in message
    assert "gxlint --list-keys" in message
    if suggested:
        assert suggested in message
    else:
        assert "是否应为" not in message
