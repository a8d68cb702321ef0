"""A series of one agency's reports on consecutive years, made by hand from real ones.

No real series of one agency's reports is among the fixtures, so this one is written: the
2019 report is seed 004 as published (东丽区卫生健康委员会, 2019 format; its application
table all 0, 行政处罚 上一年项目数量 74, 本年增/减 232); the 2020 report is seed 004 edited
(the year, a few applications, 2 carried forward, 行政处罚 306 + 10); the 2021 and 2022
reports are the official blank 2021 template (tests/fixtures/real/template-2021-blank.txt)
filled in (2021 carries over the 2 of 2020). Each agrees with the year before: the
cross-year rules find nothing in it as written. Each function takes the changes a test
makes (``{row label: [values]}``) on top.
"""

from __future__ import annotations

from ..conftest import fixture_text

AGENCY = "东丽区卫生健康委员会"
APPLICANTS = 7          # 自然人, five kinds of legal persons or other organisations, 总计


def fill_row(text: str, label: str, values: list) -> str:
    """The Word-extracted row labelled *label* (its first such line) with *values* in its first cells."""
    lines = text.split("\n")
    start = next(index for index, line in enumerate(lines) if line.lstrip("\t").strip() == label)
    for offset, value in enumerate(values, start + 1):
        assert lines[offset].startswith("\t"), f"{label}: the row has fewer than {len(values)} cells"
        lines[offset] = f"\t{value}"
    return "\n".join(lines)


def apply_row(natural_person: int, total: int | None = None) -> list[int]:
    """A row of the applications table: natural persons only (the other applicants 0)."""
    return [natural_person, 0, 0, 0, 0, 0, natural_person if total is None else total]


def _filled(text: str, rows: dict[str, list]) -> str:
    for label, values in rows.items():
        text = fill_row(text, label, values)
    return text


def report_2019(**changes) -> str:
    return _filled(fixture_text("seeds/004"), changes.get("rows", {}))


def report_2020(prose: str = "比上年增加10条", **changes) -> str:
    text = fixture_text("seeds/004").replace("东丽区卫生健康委员会信息公开工作年度报告",
                                            "东丽区卫生健康委员会2020年信息公开工作年度报告")
    text = text.replace("2019年", "2020年").replace("行政处罚306条", f"行政处罚316条，{prose}")
    rows = {
        "行政处罚": [306, 10, 316],
        "一、本年新收政府信息公开申请数量": apply_row(3),
        "（一）予以公开": apply_row(1),
        "（七）总计": apply_row(1),
        "四、结转下年度继续办理": apply_row(2),
    }
    return _filled(text, {**rows, **changes.get("rows", {})})


def _report_2021_format(year: int, rows: dict[str, list], prose: str = "") -> str:
    head = (f"{AGENCY}{year}年政府信息公开工作年度报告\n\n"
            f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。{prose}\n")
    body = fixture_text("real/template-2021-blank").replace("政府信息公开工作年度报告格式模板\n", "")
    return head + _filled(body, rows) + f"\n{AGENCY}\n\n{year + 1}年1月20日\n"


def report_2021(**changes) -> str:
    rows = {
        "规章": [0, 0, 0],
        "行政规范性文件": [2, 0, 10],
        "一、本年新收政府信息公开申请数量": apply_row(1),
        "二、上年结转政府信息公开申请数量": apply_row(2),
        "（一）予以公开": apply_row(3),
        "（七）总计": apply_row(3),
        "四、结转下年度继续办理": apply_row(0),
    }
    return _report_2021_format(2021, {**rows, **changes.get("rows", {})}, changes.get("prose", ""))


def report_2022(**changes) -> str:
    rows = {
        "规章": [0, 0, 0],
        "行政规范性文件": [1, 1, 10],
        "一、本年新收政府信息公开申请数量": apply_row(0),
        "二、上年结转政府信息公开申请数量": apply_row(0),
        "（七）总计": apply_row(0),
        "四、结转下年度继续办理": apply_row(0),
    }
    return _report_2021_format(2022, {**rows, **changes.get("rows", {})}, changes.get("prose", ""))


def cross_year_findings(this_text: str, last_text: str, rule_id: str | None = None, lang: str = "zh"):
    """The cross-year findings of *this_text* against *last_text* (last year's report), as the
    command finds them for a pair of reports (of *rule_id* only, when given)."""
    from linter.bind.identity import read_identity
    from linter.check.loading import load_all
    from linter.check.rules import year_rules
    from linter.check.years import YearRules, check_pair, year_facts

    from ..conftest import load_text

    loaded = load_all()

    def summary(text: str, path: str):
        report = load_text(text, path)
        return year_facts(report, read_identity(report.document, report.dates), loaded.ruleset.rules)
    found = check_pair(summary(this_text, "this.txt"), summary(last_text, "last.txt"),
                       YearRules(year_rules(loaded.ruleset.rules), loaded.catalog), lang=lang)
    return [finding for finding in found if rule_id is None or finding.rule == rule_id]
