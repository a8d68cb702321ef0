"""Hovers: a cell's key, labels, value and rules; a rule code's explanation."""

from __future__ import annotations

from linter.check.loading import load_all
from linter.lsp.analysis import Settings, analyse
from linter.lsp.hover import code_at, fact_hover, rule_hover, template_of
from tests.conftest import fixture_text


def hover_at(tmp_path, name: str, line: int, column: int, lang: str = "zh", markdown: bool = True) -> str:
    analysis = analyse(str(tmp_path / "report.txt"), fixture_text(name), Settings(lang=lang))
    fact = analysis.fact_at(line, column)
    assert fact is not None
    return fact_hover(analysis, fact, template_of(analysis, fact), lang, markdown)


def test_blank_cell(tmp_path):
    # Seed 000, line 176: the blank （三）申请答复数 (a tab, then nothing).
    shown = hover_at(tmp_path, "seeds/000", 176, 2, markdown=False)
    lines = shown.split("\n")
    assert lines[0] == "数据键：stats.apply.replied　模板 2008"
    assert lines[1:4] == ["行：（三）申请答复数", "列：统计数", "读到的值：空白"]
    assert "- GX103 申请答复数等于各类答复之和" in lines
    assert any(line.startswith("- GX114 ") for line in lines)          # replied <= received
    assert "`" not in shown and "**" not in shown


def test_number_in_english_markdown(tmp_path):
    # Seed 002, line 182: 5475 under 3.政务微博公开政府信息数 (unit 条).
    shown = hover_at(tmp_path, "seeds/002", 182, 3, lang="en")
    assert shown.startswith("**Fact key**: `stats.active.channel.weibo`")
    assert "Value read: 5475 (条)" in shown
    assert "- `GX112` No disclosure channel exceeds the total" in shown


def test_no_fact_outside_tables(tmp_path):
    analysis = analyse(str(tmp_path / "report.txt"), fixture_text("seeds/002"), Settings())
    assert analysis.fact_at(1, 1) is None


def test_rule_code():
    line = "ignore: [GX006, GX112]   # ISO9001 is no rule"
    assert code_at(line, line.index("GX112") + 1) == "GX112"
    assert code_at(line, line.index("GX112") + 6) == "GX112"         # just after it
    assert code_at(line, 3) is None
    loaded = load_all(())
    shown = rule_hover(loaded, "GX112", "zh", markdown=True)
    assert shown.startswith("**GX112** 每一种公开渠道的条数不大于主动公开信息总数")
    assert "stats.active.channel.$channel <= stats.active.total" in shown
    assert rule_hover(loaded, code_at(line, line.index("ISO") + 1), "zh", markdown=True) is None
