"""Checks on the report's outline: its parts, what they hold, and the 信息处理费 statement.

``missing_parts``          a required part of the format is not there
``misplaced_parts``        parts out of the format's order
``unfilled_parts``         a part with nothing under it, only ``无``, the template's
                           ``（文字描述）``, or less text than a sensible minimum
``problems_measures``      the problems part states no problems, or no measures
``fee_statement``          the part that must state the 信息处理费 collected (2021: 六) does not
``fee_amounts``            the fee it states differs from the fee the report states elsewhere
``outline_cut_off``        the text ends in the tables and the parts after them are not there

The outline is read in the bind stage (:mod:`linter.bind.outline`). Missing parts are
reported only where the report follows the format's outline recognisably (at least
``min_parts`` of its parts found, default 2): a report whose headings cannot be read is
not told it lacks all six; a table part (二 to 四) whose table the report holds is not
missing for want of its heading (a part with its heading but no table is GX004's). Where
the text stops short (in a table: an excerpt, a copy cut off), the parts after it are one
``outline_cut_off`` finding, not one error each.
A part that ``unfilled_parts`` reports is not judged for its content by the others.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal, InvalidOperation

from ...bind import BoundReport
from ...bind.outline import Outline, Part
from ...read.model import Cell
from ..findings import Finding, at_cell
from ..rules import Rule
from ..wording import say

MIN_PARTS = 2
MIN_LENGTH = {"default": 4, "overview": 20, "problems": 10}
EMPTY_WORDS = ("无", "暂无", "没有", "略", "无此项", "不涉及", "空")
PLACEHOLDERS = ("文字描述",)
PROBLEM_WORDS = ("问题", "不足", "短板", "差距", "薄弱", "有待", "尚需", "还需", "欠缺", "不够", "不到位", "不完善",
                 "不规范", "不及时", "滞后")
DENIALS = ("无问题", "没有问题", "不存在问题", "未发现问题", "暂无问题", "无明显问题", "无其他问题")
MEASURE_WORDS = ("改进", "措施", "下一步", "今后", "整改", "计划", "打算", "将进一步", "将继续", "将加强", "将持续",
                 "将不断", "将严格", "将切实", "将着力", "将按照", "将结合", "将重点", "着力", "努力", "力争")
FEE_WORDS = ("信息处理费", "处理费", "费用", "收费")
AMOUNT_WORDS = ("信息处理费", "处理费")
NONE_WORDS = ("未", "没有", "无", "不", "免", "零")

_SENTENCE_RE = re.compile(r"[^。；;！!？?\n]+")
_BOOK_RE = re.compile(r"《[^《》]*》")
_CLAUSE_RE = re.compile(r"[，,、：:]")
_AMOUNT_RE = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|元)")
_PLACEHOLDER_RE = re.compile(r"[（(][^（()）]*[）)]")
_WORD_RE = re.compile(r"[^\W_]+")

_WORDS = {
    "zh": {"before_side": "前", "after_side": "后", "before": "“{next}”之前", "after": "“{previous}”之后",
           "start": "报告开头", "nothing": "下面没有任何内容",
           "placeholder": "仍是模板的占位文字“{text}”", "only": "只写了“{text}”",
           "short": "只写了“{text}”（{count} 个字，至少应有 {least} 个字）",
           "short_long": "只有 {count} 个字（至少应有 {least} 个字）",
           "problems": "存在的问题", "measures": "改进的措施", "both": "存在的问题，也没有写改进的措施",
           "amount": "{amount} 元", "joint": "、"},
    "en": {"before_side": "before", "after_side": "after", "before": "before “{next}”", "after": "after “{previous}”",
           "start": "at the start of the report",
           "nothing": "has nothing under it", "placeholder": "still holds the template's placeholder “{text}”",
           "only": "says only “{text}”", "short": "says only “{text}” ({count} characters, at least {least} expected)",
           "short_long": "holds only {count} characters (at least {least} expected)",
           "problems": "the problems found", "measures": "the measures to improve",
           "both": "the problems found, nor the measures to improve", "amount": "{amount} yuan", "joint": ", "},
}


def _words(lang: str) -> dict:
    return _WORDS["en" if lang == "en" else "zh"]


def _option(rule: Rule, name: str, default):
    value = rule.options.get(name, default)
    return value if isinstance(value, type(default)) else default


def _strings(rule: Rule, name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = rule.options.get(name)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return default


def _template(outline: Outline) -> str:
    return outline.template_id or ""


def _recognised(outline: Outline | None, rule: Rule) -> bool:
    """Whether the report follows the expected outline recognisably (enough of its parts found)."""
    if outline is None or outline.expected is None:
        return False
    least = _option(rule, "min_parts", MIN_PARTS)
    return sum(1 for part in outline.parts if part.expected) >= least


def _trailing(outline: Outline) -> list:
    """Required parts missing after the last part found, in a text that stops short."""
    if not outline.cut_off:
        return []
    last = max((part.expected.order for part in outline.parts if part.expected), default=-1)
    return [missing for missing in outline.missing() if missing.order > last]


def _title(part) -> str:
    """An expected part as a message names it: 五、存在的主要问题及改进情况."""
    return f"{part.number}、{part.title}" if part.number else part.title


def missing_parts(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{part}: the missing part (number and title); {template}: the format; {where}: where it belongs
    (before the next part found, else after the one before it)."""
    outline = report.outline
    if not _recognised(outline, rule):
        return []
    words = _words(lang)
    skipped = {part.key for part in _trailing(outline)}
    tables = {table.section.name for table in report.binding.tables}
    found = [part for part in outline.parts if part.expected]
    findings = []
    for missing in outline.missing():
        if missing.key in skipped or missing.section in tables:
            continue                # a table part whose table is there, without its heading, is not missing
        following = next((part for part in found if part.expected.order > missing.order), None)
        previous = next((part for part in reversed(found) if part.expected.order < missing.order), None)
        if following is not None:
            anchor, where = following.heading.span, words["before"].replace("{next}", following.name())
        elif previous is not None:
            anchor, where = previous.end, words["after"].replace("{previous}", previous.name())
        else:
            anchor, where = Cell("", 1, 1, 1, 1), words["start"]
        message = say(rule.message, part=_title(missing), template=_template(outline), where=where)
        findings.append(at_cell(rule.id, severity, message, report.path, anchor,
                                context=f"{_template(outline)}|{missing.key}", title=rule.title))
    return findings


def misplaced_parts(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{part}: the part out of place, as the report heads it; {other}: a part in place it should
    precede or follow; {side}: which (before/after, 前/后); {template}: the format."""
    outline = report.outline
    if outline is None:
        return []
    words = _words(lang)
    findings = []
    for part, other, before in outline.misplaced():
        message = say(rule.message, part=part.name(), other=other.name(), template=_template(outline),
                      side=words["before_side" if before else "after_side"])
        findings.append(at_cell(rule.id, severity, message, report.path, part.heading.span,
                                related=[other.heading.span],
                                context=f"{_template(outline)}|{part.key}|{other.key}", title=rule.title))
    return findings


def unfilled(part: Part, rule: Rule, lang: str = "zh") -> str | None:
    """Why *part* counts as not filled in (None: it is). Options: ``min_length`` (characters per
    part key, and ``default``), ``empty`` (words that say nothing, such as 无), ``placeholders``
    (words of the template's bracketed placeholders, such as 文字描述)."""
    words = _words(lang)
    text = part.text.strip()
    placeholders = _strings(rule, "placeholders", PLACEHOLDERS)
    for found in _PLACEHOLDER_RE.finditer(text):
        if any(word in found.group() for word in placeholders):
            return words["placeholder"].replace("{text}", found.group())
    if part.has_table:
        return None
    if not text:
        return words["nothing"]
    bare = "".join(_WORD_RE.findall(text))
    if bare in _strings(rule, "empty", EMPTY_WORDS):
        return words["only"].replace("{text}", text)
    least = _least(rule, part)
    if part.length < least:
        template = words["short"] if len(text) <= 30 else words["short_long"]
        return template.replace("{text}", text.replace("\n", " ")).replace("{count}", str(part.length)) \
            .replace("{least}", str(least))
    return None


def _least(rule: Rule, part: Part) -> int:
    lengths = dict(MIN_LENGTH)
    given = rule.options.get("min_length")
    if isinstance(given, dict):
        lengths.update({str(key): value for key, value in given.items() if isinstance(value, int)})
    return lengths.get(part.key, lengths.get("default", 0)) if part.key else lengths.get("default", 0)


def _judged(outline: Outline) -> list[Part]:
    """The parts whose content can be judged: all but the last of a text that stops short."""
    return outline.parts[:-1] if outline.cut_off else list(outline.parts)


def unfilled_parts(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{part}: the part, as the report heads it; {reason}: what it holds instead of text."""
    outline = report.outline
    if outline is None:
        return []
    findings = []
    for part in _judged(outline):
        reason = unfilled(part, rule, lang)
        if reason is None:
            continue
        message = say(rule.message, part=part.name(), reason=reason)
        findings.append(at_cell(rule.id, severity, message, report.path, part.heading.span,
                                related=part.prose[:1], context=f"{_template(outline)}|{part.key or part.name()}",
                                title=rule.title))
    return findings


def _content(outline: Outline, part: Part, companions: tuple[str, ...]) -> str:
    """The text of *part* and of the parts after it that continue it (a part of the report's own,
    or a companion such as 下一步改进措施), up to the next expected part."""
    index = outline.parts.index(part)
    texts = [part.text]
    for following in outline.parts[index + 1:]:
        if following.expected is not None and following.key not in companions:
            break
        texts.append(following.heading.title + "\n" + following.text)
    return "\n".join(texts)


def problems_measures(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{part}: the problems part, as the report heads it; {missing}: what it does not state.
    Options: ``part`` (default ``problems``), ``companions`` (parts that continue it, default
    ``[measures]``), ``problems``, ``denials`` (无问题: no problem stated), ``measures``."""
    outline = report.outline
    if outline is None:
        return []
    part = outline.part(_option(rule, "part", "problems"))
    if part is None or part not in _judged(outline) or unfilled(part, rule, lang) is not None:
        return []
    text = _content(outline, part, _strings(rule, "companions", ("measures",)))
    for denial in _strings(rule, "denials", DENIALS):
        text = text.replace(denial, "")
    problems = any(word in text for word in _strings(rule, "problems", PROBLEM_WORDS))
    measures = any(word in text for word in _strings(rule, "measures", MEASURE_WORDS))
    if problems and measures:
        return []
    words = _words(lang)
    missing = words["both"] if not (problems or measures) else words["measures"] if problems else words["problems"]
    message = say(rule.message, part=part.name(), missing=missing)
    return [at_cell(rule.id, severity, message, report.path, part.heading.span, related=part.prose[:1],
                    context=f"{_template(outline)}|{part.key}|{'p' if problems else ''}{'m' if measures else ''}",
                    title=rule.title)]


# --- the 信息处理费 ----------------------------------------------------------------------

def fee_statements(cells: list[Cell], fee_words: tuple[str, ...], none_words: tuple[str, ...]):
    """What *cells* (lines of prose, in order) say was collected: ``(amount in 元 or None, place)``
    for each sentence naming the fee, with the amount it states (0 where it says none was
    collected; None where it states none), *place* the amount's (else the fee word's) place.
    Lines wrapped in mid-sentence are read together; names of regulations (《…》) are left out."""
    text, starts = _joined(cells)
    blanked = _BOOK_RE.sub(lambda found: "\u3000" * len(found.group()), text)
    for sentence in _SENTENCE_RE.finditer(blanked):
        named = [(sentence.group().find(word), word) for word in fee_words if word in sentence.group()]
        if not named:
            continue
        at, word = min(named)
        amount, where, length = _amount(sentence.group(), at, word, none_words)
        yield amount, _place(cells, starts, sentence.start() + where, length)


def _joined(cells: list[Cell]) -> tuple[str, list[int]]:
    """The lines as one text (a line ending a sentence or a title keeps its line break) and where
    each starts in it."""
    pieces, starts, length = [], [], 0
    for index, cell in enumerate(cells):
        if index:
            joint = "\n" if cells[index - 1].text.rstrip()[-1:] in "。；;！!？?：:" else ""
            pieces.append(joint)
            length += len(joint)
        starts.append(length)
        pieces.append(cell.text)
        length += len(cell.text)
    return "".join(pieces), starts


def _place(cells: list[Cell], starts: list[int], offset: int, length: int) -> Cell:
    index = max(0, bisect_right(starts, offset) - 1)
    cell = cells[index]
    within = min(max(0, offset - starts[index]), len(cell.text))
    end = min(within + length, len(cell.text))
    if cell.line != cell.end_line:
        return cell
    return Cell(cell.text[within:end], cell.line, cell.column + within, cell.line, cell.column + end,
                origin=cell.origin)


def _amount(sentence: str, at: int, word: str, none_words: tuple[str, ...]) -> tuple[Decimal | None, int, int]:
    """The amount a sentence states for the fee named at *at* (the first after the name in the
    sentence, else one before it in its clause; 0 where the clause says none was collected), and
    where it stands in the sentence and how long it is (the fee's name where no amount is written)."""
    clause = _CLAUSE_RE.split(sentence[:at])[-1]
    after = sentence[at + len(word):]
    found = _AMOUNT_RE.search(after)
    offset = at + len(word)
    if found is None:
        found = next(reversed(list(_AMOUNT_RE.finditer(clause))), None)
        offset = at - len(clause)
    if found is not None:
        try:
            value = Decimal(found.group(1).replace(",", "").replace("，", ""))
        except InvalidOperation:
            return None, at, len(word)
        value = value * 10000 if found.group(2) == "万元" else value
        return value, offset + found.start(), len(found.group())
    if any(none in clause for none in none_words) or re.match(r"^\s*(?:为|共计|合计)?\s*[零0]", after):
        return Decimal(0), at, len(word)
    return None, at, len(word)


def _fee_part(outline: Outline | None) -> Part | None:
    if outline is None:
        return None
    return next((part for part in _judged(outline) if part.expected and part.expected.fee), None)


def fee_statement(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{part}: the part that must state the fee (2021: 六、其他需要报告的事项), as the report heads it.
    Options: ``fee_words`` (words that name the fee or fees), ``none_words`` (that say none was
    collected)."""
    part = _fee_part(report.outline)
    if part is None or unfilled(part, rule, lang) is not None:
        return []
    statements = fee_statements(part.prose, _strings(rule, "fee_words", FEE_WORDS),
                                _strings(rule, "none_words", NONE_WORDS))
    if any(amount is not None for amount, _ in statements):
        return []
    message = say(rule.message, part=part.name())
    return [at_cell(rule.id, severity, message, report.path, part.heading.span, related=part.prose[:1],
                    context=f"{_template(report.outline)}|{part.key}", title=rule.title)]


def _say_amount(amount: Decimal, lang: str) -> str:
    shown = str(amount.normalize()) if amount != amount.to_integral_value() else str(int(amount))
    return _words(lang)["amount"].replace("{amount}", shown)


def fee_amounts(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{part}: the part stating the fee; {amount}: what it says was collected; {other}: what the
    report says elsewhere; {line}: where. Options: ``fee_words`` (default 信息处理费, 处理费),
    ``none_words``."""
    outline = report.outline
    part = _fee_part(outline)
    if part is None:
        return []
    fee_words = _strings(rule, "fee_words", AMOUNT_WORDS)
    none_words = _strings(rule, "none_words", NONE_WORDS)
    stated = [(amount, cell) for amount, cell in fee_statements(part.prose, fee_words, none_words)
              if amount is not None]
    if not stated:
        return []
    amount, cell = stated[0]
    others = [fee_statements(other.prose, fee_words, none_words) for other in outline.parts if other is not part]
    for other, other_cell in (statement for statements in others for statement in statements):
        if other is None or other == amount:
            continue
        message = say(rule.message, part=part.name(), amount=_say_amount(amount, lang),
                      other=_say_amount(other, lang), line=other_cell.line)
        return [at_cell(rule.id, severity, message, report.path, cell, related=[other_cell],
                        context=f"{_template(outline)}|{amount}|{other}", title=rule.title)]
    return []


def outline_cut_off(report: BoundReport, rule: Rule, severity: str, lang: str) -> list[Finding]:
    """{last}: the last part found, as the report heads it; {parts}: the parts not found after it;
    {count}: how many."""
    outline = report.outline
    if not _recognised(outline, rule):
        return []
    trailing = _trailing(outline)
    if not trailing:
        return []
    last = next(part for part in reversed(outline.parts) if part.expected)
    joint = _words(lang)["joint"]
    message = say(rule.message, last=last.name(), parts=joint.join(f"“{_title(part)}”" for part in trailing),
                  count=len(trailing))
    return [at_cell(rule.id, severity, message, report.path, outline.end or last.end,
                    context=f"{_template(outline)}|cut|{trailing[0].key}", title=rule.title)]
