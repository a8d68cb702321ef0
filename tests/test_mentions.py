"""linter.mentions: prose figures against tables, stated shares, and bounded pattern matching."""

import time
from decimal import Decimal

import pytest

from linter.checks import CHECKS
from linter.cli import main
from linter.engine import run_rules
from linter.loading import load_all
from linter.mentions import MentionTimeout, agrees, context_of, stated_number, time_limit

from .conftest import fixture_path, fixture_text, load_text


def prose_findings(text):
    return [f for f in run_rules(load_text(text), load_all().ruleset, CHECKS) if f.rule.startswith("GX3")]


@pytest.mark.parametrize("stated, before, after, table, ok", [
    ("44", None, None, "44", True),
    ("44", None, None, "45", False),
    ("1050", None, "余", "1050", True),        # 1050余条: 1050 to 1059
    ("1050", None, "余", "1059", True),
    ("1050", None, "余", "1060", False),
    ("5500", None, "余", "5599", True),        # 5500余条: one unit of the last nonzero digit
    ("5500", None, "余", "5600", False),
    ("300", "约", None, "250", True),
    ("300", "约", None, "450", False),
    ("300", "近", None, "290", True),
    ("300", "近", None, "301", False),
    ("1.9", None, None, "1.85", True),         # money at the precision written
    ("1.85", None, None, "1.85", True),
    ("1.8", None, None, "1.85", False),
])
def test_agrees(stated, before, after, table, ok):
    assert agrees(Decimal(stated), Decimal(table), before, after) is ok


def test_stated_numbers():
    assert stated_number("1,234") == Decimal(1234)
    assert stated_number("１２") == Decimal(12)
    assert stated_number("4.6") == Decimal("4.6")


def test_of_which_sentences_take_their_subject_from_the_sentence_before():
    text = fixture_text("seeds/002").split("\n")[55]
    offset = text.index("其他情形数8件") + 5
    assert context_of(text, offset).startswith("针对我委政府信息公开的行政诉讼案14件。其中")
    first = text.index("其他情形数2件") + 5
    assert "行政复议" in context_of(text, first) and "行政诉讼" not in context_of(text, first)


# Every figure seed 002's prose states for its table, found by reading the report:
# (line, text around the figure, the figure). Each changed alone must be reported at it.
SEED_002_FIGURES = [
    (29, "微博发布信息5475条", "5475"), (29, "推送1050余条", "1050"), (40, "受理依申请公开44件", "44"),
    (48, "信息数610条", "610"), (48, "规范性文件2条", "2"), (48, "政府信息3134条", "3134"),
    (48, "行政经费信息数2条", "2"), (48, "监督管理的信息数3132条", "3132"), (49, "信息数46条", "46"),
    (49, "信息数5475条", "5475"), (49, "信息数1050条", "1050"), (51, "舆情135次", "135"),
    (51, "发布会3次", "3"), (51, "访谈3次", "3"), (51, "解读32篇", "32"), (51, "事件90次", "90"),
    (51, "事件61次", "61"), (54, "受理申请44件", "44"), (54, "当面申请20件", "20"),
    (54, "形式申请8件", "8"), (54, "互联网申请16件", "16"), (54, "受理的44件", "44"),
    (54, "不存在”的2件", "2"), (54, "同意公开”的20件", "20"), (54, "范围”的1件", "1"),
    (54, "部分公开”的1件", "1"), (54, "办理”的1件", "1"), (56, "复议申请15件", "15"),
    (56, "行为的13件", "13"), (56, "情形数2件", "2"), (56, "诉讼案14件", "14"), (56, "请求6件", "6"),
    (58, "机构1个", "1"), (58, "查阅点1个", "1"), (58, "人员2名", "2"), (58, "专职人员1名", "1"),
    (58, "兼职人员1名", "1"), (58, "经费18500元", "18500"), (58, "会议数2次", "2"),
    (58, "培训班数2次", "2"), (58, "培训150人", "150"),
]


def test_seed_002_figures_agree_except_the_known_mistake():
    found = prose_findings(fixture_text("seeds/002"))
    assert [(f.rule, f.line) for f in found if f.rule != "GX320"] == [("GX304", 56)]


@pytest.mark.parametrize("line, around, figure", SEED_002_FIGURES,
                         ids=[f"{line}-{around}" for line, around, _ in SEED_002_FIGURES])
def test_any_changed_figure_is_reported_at_it(line, around, figure):
    lines = fixture_text("seeds/002").split("\n")
    start = lines[line - 1].index(around)
    column = start + around.index(figure) + 1
    changed = str(int(figure) * 10 + 7)
    lines[line - 1] = lines[line - 1].replace(around, around.replace(figure, changed, 1), 1)
    found = [f for f in prose_findings("\n".join(lines)) if f.rule != "GX320"]
    assert (line, column) in {(f.line, f.column) for f in found}


def test_finding_points_at_prose_with_the_table_cell_related():
    (finding,) = [f for f in prose_findings(fixture_text("seeds/002")) if f.rule == "GX304"]
    assert finding.message == "正文写“其他情形数8件”，统计表中“（三）其他情形数”为 7"
    assert (finding.line, finding.column, finding.end_column) == (56, 87, 88)
    assert [(r.line, r.column) for r in finding.related] == [(402, 2)]


def test_shares_use_the_stated_total():
    (first, second, third) = [f for f in prose_findings(fixture_text("seeds/002")) if f.rule == "GX320"]
    assert first.message == "正文写占比 45.4%，按 20件 ÷ 44件 计算应为 45.5%"
    assert second.message == "正文写占比 4.6%，按 2件 ÷ 44件 计算应为 4.5%"
    assert {(r.line, r.column) for r in first.related} == {(54, 19), (54, 8)}


def test_prose_only_report_is_checked_for_shares_only():
    assert prose_findings(fixture_text("real/web-045")) == []
    text = fixture_text("real/web-045").replace("占33.04%", "占33.4%")
    (finding,) = prose_findings(text)
    assert finding.rule == "GX320" and "应为 33.0%" in finding.message


RULE = """rules:
  - id: ZJ301
    title: t
    severity: error
    templates: ["2008"]
    message: "{{snippet}} {{table}}"
    mention:
      pattern: '{pattern}'
      equals: stats.apply.received
"""


@pytest.mark.parametrize("pattern, words", [
    (r"(a+)+NUM", "嵌套的重复"),
    (r"(a|aa)*NUM", "含“|”的分组重复"),
    (r"(\d)\1NUM", "反向引用"),
    (r"受理(申请", "不是有效的正则表达式"),
    (r"受理申请\\d+件", "应含 NUM"),
    ("x" * 600 + "NUM", "过长"),
])
def test_unsafe_patterns_are_refused(tmp_path, capsys, pattern, words):
    path = tmp_path / "mine.yaml"
    path.write_text(RULE.format(pattern=pattern), encoding="utf-8")
    code = main(["--rules", str(path), str(fixture_path("seeds/002"))])
    err = capsys.readouterr().err
    assert code == 2 and str(path) in err and "ZJ301" in err and words in err


def test_slow_pattern_cannot_hang_the_run(tmp_path, capsys):
    # Adjacent quantifiers pass the load-time check but backtrack polynomially: the timer stops them.
    path = tmp_path / "slow.yaml"
    path.write_text(RULE.format(pattern=r"\d*\d*\d*\d*\d*\d*\d*\d*:NUM"), encoding="utf-8")
    report = tmp_path / "report.txt"
    # the colon is there (a pattern is only tried where its literal text occurs), after the digits it is not
    report.write_text(fixture_text("seeds/002") + "\n" + "1" * 3000 + "x:\n", encoding="utf-8")
    started = time.monotonic()
    code = main(["--rules", str(path), "--format", "concise", str(report)])
    elapsed = time.monotonic() - started
    out = capsys.readouterr().out
    assert elapsed < 15
    assert code == 1 and "正文核对超过 2 秒未完成" in out


def test_time_limit_puts_back_the_handler_and_stops_its_timer():
    import signal

    def mine(_signum, _frame):
        raise AssertionError("the limit's timer outlived it")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with pytest.raises(MentionTimeout):
            with time_limit(0.05):
                while True:
                    pass
        assert signal.getsignal(signal.SIGALRM) is mine
        with time_limit(0.05):
            pass
        time.sleep(0.1)             # the timer was stopped: mine is not called
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_time_limit_off_the_main_thread_sets_no_timer():
    import threading

    outcome = []

    def work():
        with time_limit(0.01):
            time.sleep(0.05)
        outcome.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["done"]
