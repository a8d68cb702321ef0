"""--lang en: every word gxlint itself prints is English; the report's own text stays as written.

What may be Chinese in English output, and nothing else:

* quoted spans “…” (messages quote the report's labels and words that way; quotes may nest);
* the paths of the files checked;
* text that comes from a rule file or a check (a finding's message and title, a rule's title,
  description and message): that is the rules' part, checked separately below against the list
  of rules still known to print Chinese outside quotes in English;
* report text shown as written: a rule's examples (``--explain``, SARIF ``help``), the excerpt of
  the row or line under a finding (rich), and in ``--facts`` the columns that hold what the report
  wrote (row label, column label, written text, unit, extra rows).

Chinese is told by Unicode block: CJK ideographs, CJK symbols and punctuation, kana, full-width forms.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from linter.check.findings import printable
from linter.check.loading import load_all
from linter.messages import placeholders
from linter.cli.runner import FileJob, lint_one

from ..conftest import REAL, SEEDS
from .helpers import ROOT, gxlint

CJK = re.compile("[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
                 "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")
QUOTED = re.compile("“[^“”]*”")
# the text fixtures, and the Word and PDF ones (their findings say where in the file, in words)
FIXTURES = SEEDS + REAL + sorted((REAL[0].parent).glob("*.pdf")) + sorted((REAL[0].parent).glob("*.docx"))
FINDING_FORMATS = ["concise", "json", "sarif", "github", "junit", "rich"]
FACTS_FORMATS = ["rich", "concise", "json"]
# --facts --format json: the fields that hold what the report wrote
REPORT_FIELDS = {"path", "raw", "label", "column_label", "unit", "values", "agency", "heading", "numbering"}

# Rules whose English text (message, title or description) still holds Chinese outside quotes.
# They live in rules/ and linter/check (not the command's to change); remove an entry once fixed.
KNOWN_CHINESE = {
    "GX007": "description: 条, 万元, 元",
    "GX011": "message: 本年增减",
    "GX013": "description: 第二十条第（一）项, 申请人情况, 统计指标",
    "GX101": "description: 三 (一)", "GX102": "description: (二)", "GX103": "description: (三)",
    "GX105": "description: 四 (一) (二) (三)", "GX106": "description: 五 (一) (二) (三)",
    "GX107": "description: 三", "GX110": "description: (其中)", "GX111": "description: (二)",
    "GX112": "description: (一)",
    "GX202": "title, message, message_blank: (七), (一)…(六); description: 三 (七) (一)…(六)",
    "GX203": "message: (七)", "GX205": "description: (五), (六), (八)", "GX206": "description: (一)",
    "GX207": "description: (一)", "GX302": "description: section 二", "GX303": "description: section 三",
    "GX304": "description: sections 四 and 五, 其中", "GX305": "description: 七 to 九, 元, 万元",
    "GX320": "description: 占总数的, 件, 共, 合计; message: 20件 ÷ 44件 (the units of the counts, unquoted)",
    "GX401": "description: 统计期限从2018年1月1日到12月31日, （2018年度）",
    "GX404": "description: 国办公开办函〔2021〕30号",
}


def unquoted(text: str) -> str:
    """*text* without its quoted spans, the innermost first (“3.危及“三安全一稳定””)."""
    while True:
        shorter = QUOTED.sub("«»", text)
        if shorter == text:
            return text
        text = shorter


def chinese_left(text: str, allowed=()) -> list[str]:
    """The Chinese characters of *text* outside quotes once the *allowed* strings are taken out."""
    for part in sorted({part for part in allowed if part}, key=len, reverse=True):
        text = text.replace(part, "")
    return CJK.findall(unquoted(text))


def rule_texts(rule) -> list[str]:
    """A rule's English texts and its examples, whole and line by line (--explain indents them)."""
    texts = [rule.text(name, "en") or "" for name in ("title", "message", "message_blank", "description")]
    texts += list(rule.examples.values())
    return texts + [line.strip() for text in texts for line in text.splitlines()]


@pytest.fixture(scope="module")
def rules():
    return load_all().ruleset.rules


@pytest.fixture(scope="module")
def checked():
    """Each fixture as the command checks it in English: findings, excerpts and the bound report."""
    return {str(path): lint_one(FileJob(str(path), lang="en", excerpts=True, keep_report=True))
            for path in FIXTURES}


def report_strings(result) -> list[str]:
    """What a file's output may quote unquoted: its path, its findings' texts, excerpts, facts columns."""
    allowed = [result.path] + ([result.identity.agency] if result.identity and result.identity.agency else [])
    for finding in result.findings:
        allowed += [finding.message, " ".join(finding.message.split()), finding.title]
    for part in result.excerpts.values():
        if part is not None:
            allowed += part.parts
    for table in result.binding.tables if result.report else ():
        for fact in table.facts.values():
            raw = fact.raw.strip()
            allowed += [printable(fact.label), fact.column.label, printable(raw), printable(repr(raw)),
                        fact.unit or ""]
        for row in table.rows:
            if row.row is None:
                allowed += [printable(row.label or "")] + [printable(cell.text) for cell in row.value_cells]
                allowed.append(printable(" ".join(cell.text for cell in row.value_cells)))
    return allowed


def strings_of(fmt: str, out: str) -> list[tuple[str, str]]:
    """(field, text) pairs of an output: the string values of JSON, the attributes and text of XML,
    the unescaped lines of workflow commands, else the whole text."""
    if fmt in ("json", "sarif"):
        found = []

        def walk(value, key=""):
            if isinstance(value, dict):
                for name, item in value.items():
                    walk(item, name)
            elif isinstance(value, list):
                for item in value:
                    walk(item, key)
            elif isinstance(value, str):
                found.append((key, value))
        walk(json.loads(out))
        return found
    if fmt == "junit":
        return [("", text) for element in ET.fromstring(out.encode("utf-8")).iter()
                for text in [*element.attrib.values(), element.text or ""]]
    if fmt == "github":
        for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            out = out.replace(escaped, plain)
    return [("", out)]


def assert_english(fmt: str, out: str, allowed, report_fields=frozenset()) -> None:
    left = {}
    for key, text in strings_of(fmt, out):
        if key not in report_fields:
            found = chinese_left(text, allowed)
            if found:
                left[text[:160]] = "".join(found)
    assert left == {}


@pytest.fixture
def wide(monkeypatch):
    """A terminal width at which rich wraps nothing, so that every quoted text stays whole."""
    monkeypatch.setenv("COLUMNS", "4000")


# --- the command's own words ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FINDING_FORMATS)
@pytest.mark.parametrize("path", FIXTURES, ids=[path.name for path in FIXTURES])
def test_findings_in_english(capsys, wide, checked, rules, fmt, path):
    code, out, err = gxlint(capsys, "--lang", "en", "--format", fmt, path)
    assert code in (0, 1) and err == "" and (out or not checked[str(path)].findings)
    allowed = report_strings(checked[str(path)])
    if fmt == "sarif":                               # the descriptions of every rule ride along
        allowed += [text for rule in rules for text in rule_texts(rule)]
    assert_english(fmt, out, allowed)


@pytest.mark.parametrize("fmt", FACTS_FORMATS)
@pytest.mark.parametrize("path", FIXTURES, ids=[path.name for path in FIXTURES])
def test_facts_in_english(capsys, wide, checked, fmt, path):
    code, out, err = gxlint(capsys, "--lang", "en", "--facts", "--format", fmt, path)
    assert code == 0 and err == "" and (out or not checked[str(path)].binding.tables)
    assert_english(fmt, out, report_strings(checked[str(path)]), REPORT_FIELDS if fmt == "json" else frozenset())


@pytest.mark.parametrize("fmt", ["rich", "concise", "json"])
def test_statistics_in_english(capsys, wide, checked, fmt):
    code, out, err = gxlint(capsys, "--lang", "en", "--statistics", "--format", fmt, *FIXTURES)
    assert code == 1 and out and err == ""
    allowed = [text for result in checked.values() for text in report_strings(result)]
    assert_english(fmt, out, allowed)


@pytest.mark.parametrize("args", [["--list-rules"], ["--explain", "GX201"], ["--list-keys"]],
                         ids=["list-rules", "explain", "list-keys"])
def test_rule_documentation_in_english(capsys, rules, args):
    code, out, err = gxlint(capsys, "--lang", "en", *args)
    assert code == 0 and out and err == ""
    shown = [rule for rule in rules if args[0] != "--explain" or rule.id == "GX201"]
    # --explain names the rule file: a path
    allowed = [text for rule in shown for text in rule_texts(rule)] + [rule.source for rule in shown]
    assert_english("text", out, allowed)


@pytest.mark.parametrize("args", [
    ["--format", "concise", "seeds/000"], ["--format", "rich", "seeds/000"], ["--format", "sarif", "seeds/000"],
    ["--facts", "--format", "concise", "seeds/000"], ["--list-keys", "2019"], ["--statistics", "seeds/000"],
])
def test_the_scan_finds_chinese_where_there_is_some(capsys, wide, checked, rules, args):
    """The same runs in Chinese leave Chinese after what English output may hold is taken out:
    the scan and its allowances do not make every output pass."""
    from ..conftest import fixture_path
    args = [str(fixture_path(arg)) if arg.startswith("seeds/") else arg for arg in args]
    _, out, _ = gxlint(capsys, *args)
    allowed = [text for result in checked.values() for text in report_strings(result)]
    allowed += [text for rule in rules for text in rule_texts(rule)]
    fmt = args[args.index("--format") + 1] if "--format" in args else "text"
    assert any(chinese_left(text, allowed) for _, text in strings_of(fmt, out))


def test_the_scan_reads_nested_quotes_and_no_more():
    assert chinese_left("“3.危及“三安全一稳定”” left blank") == []
    assert chinese_left("the table has 20件") == ["件"]
    assert chinese_left("（blank）") == ["（", "）"]
    assert chinese_left("Checked “a” 文件", allowed=["文件"]) == []


# --- the rules' part: what linter/check and rules/ print in English --------------------------------------------

def test_rule_texts_outside_quotes_are_english_but_for_known_ones(checked, rules):
    offenders: dict[str, set[str]] = {}
    for rule in rules:
        for name in ("title", "message", "message_blank", "description"):
            if chinese_left(rule.text(name, "en") or ""):
                offenders.setdefault(rule.id, set()).add(name)
    for result in checked.values():
        for finding in result.findings:
            if chinese_left(finding.message):
                offenders.setdefault(finding.rule, set()).add("finding message")
    assert {rule: offenders[rule] for rule in offenders if rule not in KNOWN_CHINESE} == {}


# --- every built-in rule speaks English ------------------------------------------------------------------------

BUILTIN_RULES = [rule for path in sorted((ROOT / "rules" / "checks").glob("*.yaml"))
                 for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]]


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=[rule["id"] for rule in BUILTIN_RULES])
def test_every_builtin_rule_has_english_with_the_same_placeholders(rule):
    for name in ("title", "message", "message_blank", "description"):
        if name in rule:
            english = rule.get(f"{name}_en")
            assert english, f"{name}_en is missing"
            assert sorted(placeholders(english)) == sorted(placeholders(rule[name])), name
            assert any(char.isascii() and char.isalpha() for char in english)


def test_rule_text_falls_back_to_chinese(rules):
    rule = next(rule for rule in rules if rule.id == "GX112")
    assert rule.text("title") == "每一种公开渠道的条数不大于主动公开信息总数"
    assert rule.text("title", "en") == "No disclosure channel exceeds the total of information disclosed"
    assert rule.in_language("zh") is rule
    english = rule.in_language("en")
    assert (english.title, english.message) == (rule.title_en, rule.message_en) and english.title != rule.title


def test_findings_in_english_from_a_real_report(checked):
    result = checked[str(SEEDS[1])]
    found = [(f.rule, f.title, f.message) for f in result.findings if f.rule in ("GX002", "GX003")]
    assert found == [
        ("GX003", "Rows missing from a table", "The table lacks “其中：主动公开规范性文件数”, “制发规范性文件总数” "
         "(missing rows: 2); they belong before “（二）通过不同渠道和方式公开政府信息的情况”"),
        ("GX003", "Rows missing from a table", "The table lacks “5.其他方式公开政府信息数” (missing rows: 1); "
         "they belong before “（三）回应公众关注热点或重大舆情数”"),
        ("GX002", "Table cut off", "Cut off after “4.微博微信回应事件数”: the statistics table lacks 43 rows, "
         "from “5.其他方式回应事件数” on")]


def test_blank_cells_in_english_name_row_and_columns(tmp_path, capsys):
    lines = SEEDS[4].read_text(encoding="utf-8").split("\n")
    assert lines[61] == "\t行政处罚" and lines[62].endswith("　74")
    lines[62] = lines[62].replace("　74", "")            # 行政处罚, 上一年项目数量 left blank
    report = tmp_path / "report.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    _, out, _ = gxlint(capsys, "--lang", "en", "--format", "concise", "--select", "GX008", report)
    (line,) = out.splitlines()
    message = line.split(" GX008 ", 1)[1]
    assert message.startswith("“行政处罚” (“上一年项目数量”) ")
    assert message.endswith("left blank while the table holds numbers elsewhere: write 0 for none, "
                            "“——” for not applicable")
