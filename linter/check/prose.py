"""Prose against tables: a figure the text states for a table indicator must equal the table.

A mention rule (``mention:`` in rules/checks/prose.yaml) holds one or more
entries. The built-in rules name the indicators they compare by the vocabulary:

``vocabulary``  a list of fact-key prefixes (``[stats.review, stats.litigation]``): every
                figure the text states for an indicator under them, found by the words of
                ``rules/vocabulary.yaml`` and the template's own labels, in the section
                context the sentence gives (see :mod:`linter.check.figures`). A figure the
                text qualifies as a part (其中 after the same indicator, 针对…, 涉及…, …等热点问题)
                must not exceed the table's value; any other must equal it.

A rule of one's own may also give a pattern per indicator:

``pattern``  a regular expression over one paragraph of prose, in which ``NUM``
             stands for a number as reports write it (``44``, ``1,234``, ``５``,
             with 约/近/超过 before or 余/多 after it); it may capture the stated
             unit as ``(?P<unit>万元|元)``;
``equals``   an expression over fact keys (the table value the figure states);
``context``  optional: a regular expression that must occur in the sentence (for
             a sentence opening with 其中, in the sentence before it as well), so
             that ``其他情形数8件`` after ``行政诉讼案14件。其中，`` is read as litigation
             (of a sentence longer than :data:`MAX_SENTENCE` characters, only that
             many around the number);
``exclude``  optional: a regular expression that must not occur there;
``unit``     optional: the unit the table value is in, for money (``万元``).

Approximations are compared as such: ``5500余条`` holds for 5500–5599, ``约300``
for 200–400 (one unit of its last nonzero digit either way), ``近300`` for 200–300.
Money is compared at the precision written: ``1.9万元`` holds for 18 500 元.
Each number is compared once: the first entry (in file order) that takes it
claims it. A figure read against several templates (a 2019 report with a 2008
appendix) agrees when it agrees with any of them.

Patterns are run by the ``regex`` module with its timeout: a pattern from a
user's rule file that would backtrack for ever (``(?:a|aa)+b``) is stopped when the
prose of one file has taken :data:`TIME_BUDGET` seconds, and the report gets a
warning instead of a hang. A pattern whose counted repeats would be written out
into more than :data:`MAX_SPELT_OUT` items when compiled (``(?:x{1000}){1000}``)
is refused when its rule file is loaded.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from ..bind import BoundReport
from ..bind.values import MONEY_UNITS
from ..bind.vocabulary import VocabularyError, builtin_vocabulary
from ..read.model import Cell, Paragraph
from .expr import Call, ExprError, bind_keys, evaluate, keys_in, parse_expression
from .figures import (NUM, SENTENCE_END, FiguresTimeout, Reading, agrees, matcher_for, read_report, states,
                      stated_number, value_of)
from .findings import Finding, at_cell
from .rules import Rule, RuleError, key_space
from .wording import fact_label, format_number, say

TIME_BUDGET = 2.0
MAX_PROSE = 300_000      # characters of prose compared with the tables (about 150 pages)
MAX_PATTERN = 500
MAX_SENTENCE = 800       # the longest sentence of the real reports has 237 characters
# The regex module writes a counted repeat out when it compiles a pattern: (?:(?:x{1000}){1000}){1000}
# would take minutes and gigabytes before any report is read. No pattern about prose needs more.
MAX_SPELT_OUT = 10_000
_LEADS = ("其中", "其余", "分别", "具体", "包括")
_ENTRY_KEYS = {"pattern", "equals", "context", "exclude", "unit"}
_PREFIX_RE = regex.compile(r"^[a-z_]+(?:\.[a-z_]+)*$")


class ProseTimeout(Exception):
    """The prose of one file took longer than the time budget."""


@dataclass(eq=False)
class Entry:
    pattern: regex.Pattern
    equals: str
    tree: object                                   # equals, parsed
    context: regex.Pattern | None
    exclude: regex.Pattern | None
    unit: str | None
    bound: dict = field(default_factory=dict)      # template id -> equals bound to its keys, or None

    def bound_to(self, template) -> object | None:
        """``equals`` bound to the template's keys, or None when it does not fit."""
        if template.id not in self.bound:
            try:
                self.bound[template.id] = bind_keys(self.tree, key_space(template), groups=template.named)
            except ExprError:
                self.bound[template.id] = None
        return self.bound[template.id]


@dataclass(eq=False)
class VocabularyEntry:
    """The figures the vocabulary ties to keys under *prefixes*."""
    prefixes: tuple[str, ...]

    def covers(self, key: str) -> bool:
        return any(key == prefix or key.startswith(prefix + ".") for prefix in self.prefixes)

    def bound_to(self, template) -> object | None:
        """Every value of *template* the entry may compare a figure with, as one expression
        (what an editor shows as the rules reading a cell), or None when there is none."""
        nodes = [node for bound in matcher_for(template, builtin_vocabulary()).bounds() if self.covers(bound.key)
                 for node in (bound.node, *bound.also)]
        return Call("sum", tuple(nodes)) if nodes else None


def compile_pattern(text, where: str, field_name: str = "pattern", needs_number: bool = True) -> regex.Pattern:
    if not isinstance(text, str) or not text:
        raise RuleError(f"{where}：{field_name} 应为非空字符串")
    if len(text) > MAX_PATTERN:
        raise RuleError(f"{where}：{field_name} 过长（{len(text)} 个字符，上限 {MAX_PATTERN}）")
    size = spelt_out(text)
    if size > MAX_SPELT_OUT:
        raise RuleError(f"{where}：{field_name} 的重复次数过大（展开后约 {size} 项，上限 {MAX_SPELT_OUT}）")
    source = text.replace("NUM", NUM) if needs_number else text
    try:
        compiled = regex.compile(source, regex.VERSION0)
    except (regex.error, RecursionError, OverflowError) as error:
        raise RuleError(f"{where}：{field_name} 不是有效的正则表达式（{error}）") from None
    if needs_number and "n" not in compiled.groupindex:
        raise RuleError(f"{where}：{field_name} 应含 NUM（或命名分组 (?P<n>…)）表示所述数字")
    return compiled


_REPEAT = regex.compile(r"\{(\d+)(?:,\d*)?\}")


def spelt_out(pattern: str) -> int:
    """About how many items *pattern* holds once each repeat is written out its least number of
    times, as the regex module compiles it: ``x{1000}`` is a thousand x, ``(?:x{1000}){1000}`` a
    million. Read from the pattern's text (escapes, classes, groups and counted repeats), it need
    not be exact, only never far below the truth."""
    stack = [[0, 0]]                       # per open group: its size so far, the size of its last item
    index = 0
    while index < len(pattern):
        char, item = pattern[index], 1
        if char == "\\":
            index += 2
        elif char == "[":
            index = _class_end(pattern, index)
        elif char == "(":
            stack.append([0, 0])
            index += 1
            continue
        elif char == ")" and len(stack) > 1:
            item = max(stack.pop()[0], 1)
            index += 1
        elif char == "{" and (repeat := _REPEAT.match(pattern, index)):
            count = min(int(repeat.group(1)), MAX_SPELT_OUT + 1)
            top = stack[-1]
            top[0] += top[1] * (count - 1)
            top[1] *= count
            if top[0] > MAX_SPELT_OUT:
                return top[0]
            index = repeat.end()
            continue
        else:
            item = 0 if char in "|*+?^$" else 1
            index += 1
        stack[-1][0] += item
        stack[-1][1] = item
    return max(sum(size for size, _ in stack), 0)


def _class_end(pattern: str, start: int) -> int:
    """The index after the character class opening at *start* (``[...]``, ``[]...]``, ``[^]...]``)."""
    index = start + 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index + 1


def parse_entries(rule: Rule) -> list[Entry]:
    """The entries of a mention rule; RuleError names the file and the rule."""
    where = f"{rule.source}：规则 {rule.id}"
    data = rule.mention
    items = data if isinstance(data, list) else [data]
    entries = []
    for index, item in enumerate(items):
        at = f"{where}：mention[{index}]" if isinstance(data, list) else f"{where}：mention"
        if not isinstance(item, dict):
            raise RuleError(f"{at} 应为映射")
        if "vocabulary" in item:
            entries.append(_vocabulary_entry(item, at))
            continue
        unknown = sorted(set(map(str, item)) - _ENTRY_KEYS)
        if unknown:
            raise RuleError(f"{at}：未知的键 {', '.join(unknown)}")
        if not isinstance(item.get("equals"), str):
            raise RuleError(f"{at}：缺少 equals（表格中的数据键或表达式）")
        try:
            tree = parse_expression(item["equals"])
        except ExprError as error:
            raise RuleError(f"{at}：equals {error}") from None
        unit = item.get("unit")
        if unit is not None and unit not in MONEY_UNITS:
            raise RuleError(f"{at}：unit 应为 {'、'.join(MONEY_UNITS)} 之一")
        entries.append(Entry(
            pattern=compile_pattern(item.get("pattern"), at), equals=item["equals"], tree=tree,
            context=compile_pattern(item["context"], at, "context", False) if item.get("context") else None,
            exclude=compile_pattern(item["exclude"], at, "exclude", False) if item.get("exclude") else None,
            unit=unit))
    return entries


def _vocabulary_entry(item: dict, at: str) -> VocabularyEntry:
    if set(map(str, item)) != {"vocabulary"}:
        raise RuleError(f"{at}：vocabulary 不能与其他键同用（{', '.join(sorted(map(str, item)))}）")
    prefixes = item["vocabulary"]
    if isinstance(prefixes, str):
        prefixes = [prefixes]
    if not isinstance(prefixes, list) or not prefixes or \
            not all(isinstance(prefix, str) and _PREFIX_RE.match(prefix) for prefix in prefixes):
        raise RuleError(f"{at}：vocabulary 应为数据键前缀的列表，如 [stats.review, stats.litigation]")
    return VocabularyEntry(tuple(prefixes))


def _validate_vocabulary(rule: Rule, entry: VocabularyEntry, index: int, catalog) -> None:
    named = [template for template in catalog.templates if rule.names(template.id)]
    for prefix in entry.prefixes:
        if not any(key == prefix or key.startswith(prefix + ".") for template in named for key in template.keys()):
            raise RuleError(f"{rule.source}：规则 {rule.id}：mention[{index}] 的 vocabulary 前缀 {prefix} "
                            f"不是任何模板的数据键")
    for template in named:
        try:
            matcher_for(template, builtin_vocabulary())
        except (ExprError, VocabularyError) as error:
            raise RuleError(f"正文词表有误：{error}") from None


def validate(rule: Rule, catalog, check: bool = True) -> None:
    """Compile the rule's entries (kept on the rule) and, if *check*, check that each fits a
    template it names (else a bad key shows when the rule is first used on a template)."""
    rule.entries = parse_entries(rule)
    if not check:
        return
    for index, entry in enumerate(rule.entries):
        if isinstance(entry, VocabularyEntry):
            _validate_vocabulary(rule, entry, index, catalog)
            continue
        errors = []
        for template in catalog.templates:
            if rule.names(template.id):
                try:
                    bind_keys(entry.tree, key_space(template), groups=template.named)
                except ExprError as error:
                    errors.append(f"模板 {template.id}：{error}")
                    entry.bound[template.id] = None
        if len(errors) == sum(1 for template in catalog.templates if rule.names(template.id)):
            raise RuleError(f"{rule.source}：规则 {rule.id}：mention[{index}] 的 equals "
                            f"不适用于任何模板（{'；'.join(errors)}）")


# --- prose -----------------------------------------------------------------------

def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=16)
def _sentence_starts(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentences of a paragraph and where each starts: worked out once per paragraph, not once
    per number in it (a long paragraph holds thousands)."""
    spans = sentences(text)
    return spans, [start for start, _ in spans]


def context_of(text: str, offset: int) -> str:
    """The sentence holding *offset*, with the one before if it opens with 其中 and the like."""
    spans, starts = _sentence_starts(text)
    index = bisect_right(starts, offset) - 1
    if index < 0 or offset > spans[index][1]:
        return ""
    start, end = _around(spans[index], offset)
    sentence = text[start:end]
    if sentence.lstrip("，,：: ").startswith(_LEADS) and index:
        previous = _around(spans[index - 1], spans[index - 1][1])
        return text[previous[0]:previous[1]] + "。" + sentence
    return sentence


def _around(span: tuple[int, int], offset: int) -> tuple[int, int]:
    """The sentence *span*, or where it is longer than :data:`MAX_SENTENCE` (no report writes
    one: text without full stops), that many characters around *offset*."""
    start, end = span
    half = MAX_SENTENCE // 2
    return (max(start, offset - half), min(end, offset + half)) if end - start > MAX_SENTENCE else span


def span_cell(paragraph: Paragraph, start: int, end: int) -> Cell:
    line, column = paragraph.locate(start)
    end_line, end_column = paragraph.locate(end)
    origin = paragraph.origin_at(line)
    return Cell("", line, column, end_line, end_column, origin=origin)


class Prose:
    """All the report's prose in one string, so that a pattern runs once per report, not once a
    paragraph. Paragraphs are joined with ``\\n。\\n``: no pattern matches across a full stop.
    Only the first :data:`MAX_PROSE` characters are checked."""

    SEPARATOR = "\n。\n"

    def __init__(self, paragraphs: list[Paragraph]):
        self.paragraphs: list[Paragraph] = []
        self.starts: list[int] = []
        pieces, length = [], 0
        for paragraph in paragraphs:
            if length + len(paragraph.text) > MAX_PROSE:
                break
            self.paragraphs.append(paragraph)
            self.starts.append(length)
            pieces.append(paragraph.text)
            length += len(paragraph.text) + len(self.SEPARATOR)
        self.text = self.SEPARATOR.join(pieces)

    def at(self, offset: int) -> tuple[int, Paragraph, int]:
        """The index of the paragraph holding *offset*, the paragraph, and the offset in it."""
        index = bisect_right(self.starts, offset) - 1
        return index, self.paragraphs[index], offset - self.starts[index]


class Budget:
    """The time the prose of one file may take, shared by all its patterns."""

    def __init__(self, seconds: float = TIME_BUDGET):
        self.deadline = time.monotonic() + seconds

    def finditer(self, pattern: regex.Pattern, text: str):
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise ProseTimeout()
        try:
            yield from pattern.finditer(text, timeout=remaining)
        except TimeoutError:
            raise ProseTimeout() from None

    def search(self, pattern: regex.Pattern, text: str):
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise ProseTimeout()
        try:
            return pattern.search(text, timeout=remaining)
        except TimeoutError:
            raise ProseTimeout() from None


def _table_value(bound: dict, table_sets: list):
    """The table value an entry states, from the first table set of a template it fits."""
    for template_id, facts in table_sets:
        node = bound.get(template_id)
        if node is None:
            continue
        value = evaluate(node, facts)
        return value, [facts[key] for key in keys_in(node, facts) if key in facts]
    return None, []


def applies(entry: Entry, paragraph: Paragraph, offset: int, budget: Budget) -> bool:
    """Whether the entry reads the number at *offset* of *paragraph*: its context says so."""
    if entry.context is None and entry.exclude is None:
        return True
    context = context_of(paragraph.text, offset)
    if entry.context and not budget.search(entry.context, context):
        return False
    return not (entry.exclude and budget.search(entry.exclude, context))


def _check_match(rule: Rule, entry: Entry, bound: dict, severity: str, report: BoundReport,
                 table_sets: list, paragraph: Paragraph, shift: int, match) -> Finding | None:
    stated = stated_number(match.group("n"))
    if stated is None:
        return None
    value, used = _table_value(bound, table_sets)
    if not isinstance(value, Decimal):
        return None
    unit = match.groupdict().get("unit")
    if unit in MONEY_UNITS and entry.unit in MONEY_UNITS:
        value_in_unit = value * MONEY_UNITS[entry.unit] / MONEY_UNITS[unit]
        if agrees(stated, value_in_unit, match.group("pre"), match.group("post")):
            return None
    elif agrees(stated, value, match.group("pre"), match.group("post")):
        return None
    snippet = match.group(0).strip()
    label = fact_label(used[0]) if len(used) == 1 else "、".join(dict.fromkeys(fact_label(f) for f in used[:3]))
    table_text = format_number(value) + (entry.unit or "")
    message = say(rule.message, snippet=snippet, stated=match.group("n").strip() + (unit or ""),
                  table=table_text, label=label)
    cell = span_cell(paragraph, match.start("n") - shift, match.end("n") - shift)
    return at_cell(rule.id, severity, message, report.path, cell, related=[fact.cell for fact in used],
                   context=f"{snippet}|{table_text}", title=rule.title)


@dataclass(eq=False)
class Verdict:
    """What one figure states, over every template it was read against."""
    offset: int                       # of its digits, in the prose as one text
    paragraph: Paragraph
    compared: list                    # (reading, table value, facts read, fact set), in template order
    holds: bool


def _verdicts(report: BoundReport, prose: Prose, table_sets: list, budget: Budget) -> list[Verdict]:
    """Each figure the vocabulary reads, compared with the table in every template it was read in."""
    first_facts: dict[str, list] = {}
    for template_id, facts in table_sets:
        first_facts.setdefault(template_id, []).append(facts)
    verdicts = []
    for paragraph in read_report(report, builtin_vocabulary(), budget.deadline):
        by_figure: dict[int, list[Reading]] = {}
        for readings in paragraph.readings.values():
            for index, reading in readings.items():
                by_figure.setdefault(index, []).append(reading)
        for index in sorted(by_figure):
            compared = []
            for reading in by_figure[index]:
                for facts in first_facts.get(reading.template_id, ()):
                    value, used = value_of(reading.bound.node, facts)
                    if value is not None:
                        compared.append((reading, value, used, facts))
                        break
            holds = any(_holds(reading, value, facts) for reading, value, _, facts in compared)
            verdicts.append(Verdict(prose.starts[paragraph.index] + by_figure[index][0].figure.n_start,
                                    prose.paragraphs[paragraph.index], compared, holds))
    return verdicts


def _holds(reading: Reading, value, facts) -> bool:
    """Whether the figure states the table's value, or one of the others its indicator allows
    (本年新收 and 上年结转 together for 收到申请)."""
    if states(reading, value):
        return True
    others = (value_of(node, facts)[0] for node in reading.bound.also)
    return any(states(reading, other) for other in others if other is not None)


def _reading_finding(rule: Rule, severity: str, report: BoundReport, paragraph: Paragraph, reading: Reading,
                     value, used: list) -> Finding:
    text, figure = paragraph.text, reading.figure
    start, end = reading.snippet_span
    snippet = text[start:end].strip()
    money = reading.bound.indicator.money
    table_text = format_number(value) + ("万元" if money else "")
    stated = text[figure.n_start:figure.n_end] + (figure.unit if money and figure.unit else "")
    label = fact_label(used[0]) if len(used) == 1 else "、".join(dict.fromkeys(fact_label(f) for f in used[:3]))
    message = say(rule.message, snippet=snippet, stated=stated, table=table_text, label=label)
    cell = span_cell(paragraph, figure.n_start, figure.n_end)
    return at_cell(rule.id, severity, message, report.path, cell, related=[fact.cell for fact in used],
                   context=f"{snippet}|{table_text}", title=rule.title)


def _vocabulary_findings(rule: Rule, entry: VocabularyEntry, severity: str, report: BoundReport,
                         verdicts: list[Verdict], claimed: set[int]) -> list[Finding]:
    findings = []
    for verdict in verdicts:
        if verdict.offset in claimed:
            continue
        mine = [item for item in verdict.compared
                if rule.names(item[0].template_id) and entry.covers(item[0].bound.key)]
        if not mine:
            continue
        claimed.add(verdict.offset)
        if not verdict.holds:
            reading, value, used, _ = mine[0]
            findings.append(_reading_finding(rule, severity, report, verdict.paragraph, reading, value, used))
    return findings


def pattern_matches(rule: Rule, entry: Entry, templates: dict, prose: Prose, budget: Budget, taken):
    """The matches of a pattern *entry* of *rule* in *prose* whose number is not at a place among
    *taken* (the caller adds to them as it goes) and which the entry reads there (:func:`applies`):
    (match, the entry bound to each template of *templates* the rule names, the paragraph's index,
    the paragraph). None where the entry binds to none of those templates."""
    bound = {template_id: entry.bound_to(template) for template_id, template in templates.items()
             if rule.names(template_id)}
    if all(node is None for node in bound.values()):
        return
    for match in budget.finditer(entry.pattern, prose.text):
        place = match.start("n")
        if place in taken:
            continue
        index, paragraph, offset = prose.at(place)
        if applies(entry, paragraph, offset, budget):
            yield match, bound, index, paragraph


def check_mentions(report: BoundReport, rules: list[Rule], severities: dict[str, str],
                   lang: str = "zh") -> list[Finding]:
    """All mention rules over the report's prose; each number is compared once."""
    from .engine import scopes

    findings: list[Finding] = []
    if not report.binding.tables:
        return findings
    claimed: set[int] = set()
    templates = {table.template.id: table.template for table in report.binding.tables}
    prose = Prose(report.document.paragraphs)
    table_sets = scopes(report.binding.tables)
    budget = Budget()
    verdicts = None
    current = rules[0] if rules else None
    try:
        for rule in rules:
            current = rule
            for entry in rule.entries:
                if isinstance(entry, VocabularyEntry):
                    if verdicts is None:
                        verdicts = _verdicts(report, prose, table_sets, budget)
                    findings.extend(_vocabulary_findings(rule, entry, severities[rule.id], report, verdicts, claimed))
                    continue
                for match, bound, index, paragraph in pattern_matches(rule, entry, templates, prose, budget,
                                                                      claimed):
                    claimed.add(match.start("n"))
                    finding = _check_match(rule, entry, bound, severities[rule.id], report, table_sets,
                                           paragraph, prose.starts[index], match)
                    if finding is not None:
                        findings.append(finding)
    except (ProseTimeout, FiguresTimeout):
        findings.append(timeout_finding(report, current, lang))
    return findings


def timeout_finding(report: BoundReport, rule: Rule | None, lang: str = "zh") -> Finding:
    name = rule.id if rule else "？"
    first = Cell("", 1, 1, 1, 1)
    if lang == "en":
        message = (f"Checking the prose took more than {TIME_BUDGET:g} s (the pattern of rule {name}); "
                   "the rest of the prose was not checked")
        title = "Prose check timed out"
    else:
        message = f"正文核对超过 {TIME_BUDGET:g} 秒未完成（规则 {name} 的正则表达式），其余正文未核对"
        title = "正文核对超时"
    return at_cell(name, "warning", message, report.path, first, context=f"timeout|{name}", title=title)
