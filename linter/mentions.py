"""Prose against tables: a figure the text states for a table indicator must equal the table.

A mention rule (``mention:`` in rules/checks/prose.yaml) holds one or more
entries, each with

``pattern``  a regular expression over one paragraph of prose, in which ``NUM``
             stands for a number as reports write it (``44``, ``1,234``, ``５``,
             with 约/近/超过 before or 余/多 after it); it may capture the stated
             unit as ``(?P<unit>万元|元)``;
``equals``   an expression over fact keys (the table value the figure states);
``context``  optional: a regular expression that must occur in the sentence (for
             a sentence opening with 其中, in the sentence before it as well), so
             that ``其他情形数8件`` after ``行政诉讼案14件。其中，`` is read as litigation;
``exclude``  optional: a regular expression that must not occur there;
``unit``     optional: the unit the table value is in, for money (``万元``).

Approximations are compared as such: ``5500余条`` holds for 5500–5599, ``约300``
for 200–400 (one unit of its last nonzero digit either way), ``近300`` for 200–300.
Money is compared at the precision written: ``1.9万元`` holds for 18 500 元.
Each number is compared once: the first entry (in file order) whose pattern takes
it claims it.

``shares`` (a built-in check) reads 「占总数的45.4%」: the count is the figure just
before it, the total the last figure before that introduced by 共/总/合计/全年
(or followed by 其中), and the stated share must equal count/total rounded (half
up) to the decimals it is written with.

Bounded time: every pattern is checked when the rule file loads (no
backreferences, no repetition of a group that itself repeats or branches, at most
500 characters), and all matching for one file runs under a timer (Unix:
``signal.setitimer`` on the main thread interrupts the regular-expression engine);
a file whose prose takes longer than :data:`TIME_BUDGET` seconds gets a warning
instead of a hang.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from . import cache, regex_cache
from .document import LoadedReport
from .engine import fact_label, format_number, scopes
from .expr import ExprError, Node, bind_keys, evaluate, keys_in, parse_expression
from .findings import Finding, Location, at_cell
from .messages import fill
from .model import Cell, Paragraph
from .record import ValueRecord
from .rules import Rule, RuleError
from .values import MONEY_UNITS, normalize_digits

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from collections.abc import Callable
    from typing import Any

try:        # the C module itself: signal.py's enums cost a run over a millisecond to import
    import _signal as signal
except ImportError:     # pragma: no cover - other Pythons
    import signal

TIME_BUDGET = 2.0
MAX_PROSE = 300_000      # characters of prose compared with the tables (about 150 pages)
MAX_PATTERN = 500
# A number never starts inside another one (that would make long digit runs quadratic).
NUM = (r"(?:(?P<pre>约|大约|近|将近|超过|逾)\s*)?(?<![0-9０-９.．,，])"
       r"(?P<n>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(?P<post>余|多)?")
_SENTENCE_END = regex_cache.compile(r"[。！？!?\n]")
_LEADS = ("其中", "其余", "分别", "具体", "包括")
_ENTRY_KEYS = {"pattern", "equals", "context", "exclude", "unit"}


class MentionTimeout(Exception):
    """The prose of one file took longer than the time budget."""


class Entry(ValueRecord):
    pattern: "CheckedPattern"
    equals: str
    tree: Node                                     # equals, parsed
    context: "CheckedPattern | None"
    exclude: "CheckedPattern | None"
    unit: str | None
    bound: dict                                    # template id -> equals bound to its keys, or None
    kept: Callable[[str], Any] | None              # template id -> what an earlier run bound, or NOT_KEPT

    def __init__(self, pattern, equals, tree, context, exclude, unit, bound=None, kept=None):
        self.pattern = pattern
        self.equals = equals
        self.tree = tree
        self.context = context
        self.exclude = exclude
        self.unit = unit
        self.bound = {} if bound is None else bound
        self.kept = kept

    def bind(self, template):
        """``equals`` bound to the template's keys (kept); ExprError when it does not fit."""
        self.bound[template.id] = None
        node = bind_keys(self.tree, template.key_space(), groups=template.named)
        self.bound[template.id] = node
        return node

    def bound_to(self, template):
        """``equals`` bound to the template's keys, or None when it does not fit."""
        if template.id not in self.bound:
            kept = self.kept(template.id) if self.kept is not None else NOT_KEPT
            if kept is not NOT_KEPT:
                self.bound[template.id] = kept
                return kept
            try:
                self.bind(template)
            except ExprError:
                pass
        return self.bound[template.id]


NOT_KEPT = object()             # Entry.kept: nothing kept for this template


class CheckedPattern:
    """A pattern that passed the safety check, compiled on first use.

    ``anchor`` is a piece of text every match contains (or ``""``): where it does
    not occur, the pattern cannot match, and is neither compiled nor run.
    """

    __slots__ = ("source", "anchor", "_compiled")

    def __init__(self, source: str, anchor: str):
        self.source, self.anchor, self._compiled = source, anchor, None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = regex_cache.compile(self.source)
        return self._compiled

    def finditer(self, text: str):
        if self.anchor and self.anchor not in text:
            return iter(())
        return self.compiled.finditer(text)

    def search(self, text: str):
        if self.anchor and self.anchor not in text:
            return None
        return self.compiled.search(text)


# --- rule files ------------------------------------------------------------------

def _sre():
    try:
        from re import _parser as parser   # Python 3.11 and later
    except ImportError:                     # pragma: no cover - older Pythons
        import sre_parse as parser
    return parser


def _unsafe(items, inside_repeat: bool = False) -> str | None:
    """Why a parsed pattern could backtrack without bound, or None."""
    for op, value in items:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "不允许反向引用"
        if name.endswith("REPEAT"):
            low, high, sub = value
            repeats = high is None or high > 1 or str(high) == "MAXREPEAT"
            if repeats and inside_repeat:
                return "不允许嵌套的重复（如 (a+)+）"
            reason = _unsafe(sub, inside_repeat or repeats)
            if reason:
                return reason
        elif name == "BRANCH":
            if inside_repeat:
                return "不允许对含“|”的分组重复"
            for branch in value[1]:
                reason = _unsafe(branch, inside_repeat)
                if reason:
                    return reason
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            sub = value[-1]
            reason = _unsafe(sub, inside_repeat)
            if reason:
                return reason
        elif name in ("ASSERT", "ASSERT_NOT"):
            reason = _unsafe(value[1], inside_repeat)
            if reason:
                return reason
    return None


def _anchor(items) -> str:
    """The longest run of literal characters every match of the parsed pattern must contain."""
    best = run = ""
    for op, value in items:
        if str(op) == "LITERAL":
            run += chr(value)
            continue
        best, run = max(best, run, key=len), ""
        if str(op) == "SUBPATTERN":                 # a group: its own literals count too
            best = max(best, _anchor(value[-1]), key=len)
    return max(best, run, key=len)


# Patterns that passed the check, with their anchors: kept in the cache, so that a
# later run neither re-parses nor compiles a pattern its report gives no chance to match.
_CHECKED = cache.KeptTable("patterns", "checked", 20_000)     # pattern -> anchor


def save_checked() -> None:
    _CHECKED.save()


def compile_pattern(text, where: str, field: str = "pattern", needs_number: bool = True) -> CheckedPattern:
    if not isinstance(text, str) or not text:
        raise RuleError(f"{where}：{field} 应为非空字符串")
    if len(text) > MAX_PATTERN:
        raise RuleError(f"{where}：{field} 过长（{len(text)} 个字符，上限 {MAX_PATTERN}）")
    source = text.replace("NUM", NUM) if needs_number else text
    known = _CHECKED.get(source)
    if isinstance(known, str):
        return CheckedPattern(source, known)
    try:
        compiled = regex_cache.compile(source)
        parsed = _sre().parse(source)
        reason = _unsafe(parsed)
    except (re.error, RecursionError, OverflowError) as error:
        raise RuleError(f"{where}：{field} 不是有效的正则表达式（{error}）") from None
    if reason:
        raise RuleError(f"{where}：{field} 可能无限回溯：{reason}")
    if needs_number and "n" not in compiled.groupindex:
        raise RuleError(f"{where}：{field} 应含 NUM（或命名分组 (?P<n>…)）表示所述数字")
    anchor = "" if compiled.flags & re.IGNORECASE else _anchor(parsed)
    _CHECKED.add(source, anchor)
    checked = CheckedPattern(source, anchor)
    checked._compiled = compiled
    return checked


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
            pattern=compile_pattern(item.get("pattern"), at),
            equals=item["equals"], tree=tree,
            context=compile_pattern(item["context"], at, "context", False) if item.get("context") else None,
            exclude=compile_pattern(item["exclude"], at, "exclude", False) if item.get("exclude") else None,
            unit=unit,
        ))
    return entries


def validate(rule: Rule, catalog, validated: bool = False) -> None:
    """Compile the rule's entries (kept on the rule) and bind their keys to the templates it names.

    Entries of files that passed this check before (*validated*) are bound when a
    report first needs them.
    """
    rule.entries = parse_entries(rule)
    if validated:
        return
    for index, entry in enumerate(rule.entries):
        errors = []
        for template in catalog.templates:
            if rule.names(template.id):
                try:
                    entry.bind(template)
                except ExprError as error:
                    errors.append(f"模板 {template.id}：{error}")
        if all(node is None for node in entry.bound.values()):   # fits some of the templates, not none
            raise RuleError(f"{rule.source}：规则 {rule.id}：mention[{index}] 的 equals "
                            f"不适用于任何模板（{'；'.join(errors)}）")


# --- time budget -----------------------------------------------------------------

class time_limit:
    """``with time_limit(seconds):`` interrupts what runs inside with :class:`MentionTimeout`.

    Only on the main thread on Unix, where signals can interrupt it; elsewhere there is no limit.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False
        self.previous = None

    def __enter__(self):
        if not hasattr(signal, "setitimer"):
            return self
        try:
            self.previous = signal.signal(signal.SIGALRM, _expire)
        except ValueError:          # not the main thread
            return self
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *_exception):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            # None: a handler set outside Python, which cannot be put back; the default is
            signal.signal(signal.SIGALRM, signal.SIG_DFL if self.previous is None else self.previous)
            self.armed = False
        return False


def _expire(_signum, _frame):
    raise MentionTimeout()


# --- numbers ---------------------------------------------------------------------

def stated_number(text: str) -> Decimal | None:
    """The number as written, or None; more than 20 digits is no figure a report states."""
    digits = normalize_digits(text).replace(",", "")
    if sum(char.isdigit() for char in digits) > 20:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _step(number: Decimal) -> Decimal:
    """One unit of the last nonzero digit: 5500 -> 100, 610 -> 10, 7 -> 1."""
    if number != number.to_integral_value():
        return Decimal(1).scaleb(number.as_tuple().exponent)
    digits = str(int(abs(number)))
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(10) ** zeros if zeros else Decimal(1)


def agrees(stated: Decimal, table: Decimal, before: str | None, after: str | None) -> bool:
    step = _step(stated)
    if after in ("余", "多") or before in ("超过", "逾"):
        return stated <= table < stated + max(step, Decimal(10) if step == 1 else step)
    if before in ("约", "大约"):
        return abs(table - stated) <= step
    if before in ("近", "将近"):
        return stated - step <= table <= stated
    places = -stated.as_tuple().exponent if stated.as_tuple().exponent < 0 else 0
    if places:
        return table.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == stated
    return table == stated


# --- prose -----------------------------------------------------------------------

def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def context_of(text: str, offset: int) -> str:
    """The sentence holding *offset*, with the one before if it opens with 其中 and the like."""
    spans = _sentences(text)
    for index, (start, end) in enumerate(spans):
        if start <= offset <= end:
            sentence = text[start:end]
            if sentence.lstrip("，,：: ").startswith(_LEADS) and index:
                previous = spans[index - 1]
                return text[previous[0]:previous[1]] + "。" + sentence
            return sentence
    return ""


def _span_cell(paragraph: Paragraph, start: int, end: int) -> Cell:
    line, column = paragraph.locate(start)
    end_line, end_column = paragraph.locate(end)
    return Cell("", "", line, column, end_line, end_column)


class _Prose:
    """All the report's prose in one string, so that a pattern runs once per report, not once a paragraph.

    Paragraphs are joined with ``\n。\n``: no pattern matches across a full stop, so none
    spans two paragraphs. Only the first :data:`MAX_PROSE` characters are checked, so that
    the work per report is bounded by its size, not by the machine's speed.
    """

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


def _table_value(bound: dict, table_sets: list):
    """The table value an entry states, from the first table set of a template it fits."""
    for template_id, facts in table_sets:
        node = bound.get(template_id)
        if node is None:
            continue
        value = evaluate(node, facts)
        return value, [facts[key] for key in keys_in(node) if key in facts]
    return None, []


def _applies(entry: Entry, paragraph: Paragraph, offset: int) -> bool:
    """Whether the entry reads the number at *offset* of *paragraph*: its context says so."""
    if entry.context is None and entry.exclude is None:
        return True
    context = context_of(paragraph.text, offset)
    if entry.context and not entry.context.search(context):
        return False
    return not (entry.exclude and entry.exclude.search(context))


def _check_match(rule: Rule, entry: Entry, bound: dict, severity: str, report: LoadedReport,
                 table_sets: list, paragraph: Paragraph, shift: int, match: re.Match) -> Finding | None:
    """*match* is in the joined prose; *shift* is where *paragraph* starts in it; *bound* holds
    the entry's ``equals`` bound to each template of the report."""
    stated = stated_number(match.group("n"))
    if stated is None:
        return None
    value, used = _table_value(bound, table_sets)
    if not isinstance(value, Decimal):
        return None
    unit = match.groupdict().get("unit")
    compared = stated
    if unit in MONEY_UNITS and entry.unit in MONEY_UNITS:
        compared = stated * MONEY_UNITS[unit] / MONEY_UNITS[entry.unit]
        value_in_unit = value * MONEY_UNITS[entry.unit] / MONEY_UNITS[unit]
        if agrees(stated, value_in_unit, match.group("pre"), match.group("post")):
            return None
    elif agrees(compared, value, match.group("pre"), match.group("post")):
        return None
    snippet = match.group(0).strip()
    label = fact_label(used[0]) if len(used) == 1 else "、".join(dict.fromkeys(fact_label(f) for f in used[:3]))
    table_text = format_number(value) + (entry.unit or "")
    message = fill(rule.message, {"snippet": snippet, "stated": match.group("n").strip() + (unit or ""),
                                  "table": table_text, "label": label})
    cell = _span_cell(paragraph, match.start("n") - shift, match.end("n") - shift)
    return at_cell(rule.id, severity, message, report.path, cell, related=[fact.cell for fact in used],
                   context=f"{snippet}|{table_text}", title=rule.title)


def check_mentions(report: LoadedReport, rules: list[Rule], severities: dict[str, str],
                   lang: str = "zh") -> list[Finding]:
    """All mention rules over the report's prose; each number is compared once."""
    findings: list[Finding] = []
    if not report.binding.tables:
        return findings
    claimed: set[int] = set()
    templates = {table.template.id: table.template for table in report.binding.tables}
    prose = _Prose(report.document.paragraphs)
    table_sets = scopes(report.binding.tables)
    current = rules[0] if rules else None
    try:
        with time_limit(TIME_BUDGET):
            for rule in rules:
                current = rule
                for entry in rule.entries:
                    bound = {template_id: entry.bound_to(template)
                             for template_id, template in templates.items() if rule.names(template_id)}
                    if all(node is None for node in bound.values()):
                        continue
                    for match in entry.pattern.finditer(prose.text):
                        place = match.start("n")
                        if place in claimed:
                            continue
                        index, paragraph, offset = prose.at(place)
                        if not _applies(entry, paragraph, offset):
                            continue
                        claimed.add(place)
                        finding = _check_match(rule, entry, bound, severities[rule.id], report, table_sets,
                                               paragraph, prose.starts[index], match)
                        if finding is not None:
                            findings.append(finding)
    except MentionTimeout:
        findings.append(timeout_finding(report, current, lang))
    return findings


def timeout_finding(report: LoadedReport, rule: Rule | None, lang: str = "zh") -> Finding:
    name = rule.id if rule else "？"
    first = Cell("", "", 1, 1, 1, 1)
    if lang == "en":
        message = (f"Checking the prose took more than {TIME_BUDGET:g} s (the pattern of rule {name}); "
                   "the rest of the prose was not checked")
        title = "Prose check timed out"
    else:
        message = f"正文核对超过 {TIME_BUDGET:g} 秒未完成（规则 {name} 的正则表达式），其余正文未核对"
        title = "正文核对超时"
    return at_cell(name, "warning", message, report.path, first, context=f"timeout|{name}", title=title)


# --- stated shares -----------------------------------------------------------------

_SHARE_RE = regex_cache.compile(r"(?:占|比例为|比例是)(?:总数|总量|全部|总体|总件数)?(?:的)?\s*"
                       r"(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]")
_COUNT_RE = regex_cache.compile(r"(?<![0-9０-９,，.．])([0-9０-９][0-9０-９,，]*)\s*(件|条|次|人次|人|个|篇|项|名)")
_TOTAL_LEAD = regex_cache.compile(r"(?:共|总|合计|累计|全年)[^。；;，,]{0,12}$")
_TOTAL_TAIL = regex_cache.compile(r"^[，,。；;\s]*其中")


def shares(report: LoadedReport, rule: Rule, severity: str) -> list[Finding]:
    """{pct}: the stated share; {count}, {total}: the figures it divides; {expected}: the right share."""
    findings = []
    for paragraph in report.document.paragraphs:
        text = paragraph.text
        if "%" not in text and "％" not in text:
            continue
        figures = _Figures(text)
        for share in _SHARE_RE.finditer(text):
            finding = _check_share(rule, severity, report, paragraph, figures, share)
            if finding is not None:
                findings.append(finding)
    return findings


class _Figures:
    """The counts (N件, N条 …) of a paragraph, and for each the last total (共N件 …) before it."""

    def __init__(self, text: str):
        self.counts = list(_COUNT_RE.finditer(text))
        self.ends = [match.end() for match in self.counts]
        self.last_total: list[re.Match | None] = []
        latest: dict[str, re.Match] = {}
        for match in self.counts:
            self.last_total.append(latest.get(match.group(2)))      # before this one, same unit
            if _is_total(text, match):
                latest[match.group(2)] = match

    def before(self, offset: int) -> int:
        """The index of the last count ending at or before *offset*, or -1."""
        return bisect_right(self.ends, offset) - 1


def _is_total(text: str, match: re.Match) -> bool:
    return bool(_TOTAL_LEAD.search(text[max(0, match.start() - 14):match.start()])
                or _TOTAL_TAIL.match(text[match.end():match.end() + 6]))


def _check_share(rule, severity, report, paragraph, figures: _Figures, share) -> Finding | None:
    text = paragraph.text
    index = figures.before(share.start())
    if index < 0:
        return None
    count = figures.counts[index]
    if _SENTENCE_END.search(text[count.end():share.start()]) or share.start() - count.end() > 12:
        return None
    total = figures.last_total[index]
    if total is None:
        return None
    count_value, total_value = stated_number(count.group(1)), stated_number(total.group(1))
    stated = stated_number(share.group("pct"))
    if not total_value or count_value is None or stated is None or count_value > total_value:
        return None
    places = max(0, -stated.as_tuple().exponent)
    expected = (count_value * 100 / total_value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if expected == stated:
        return None
    unit = count.group(2)
    message = fill(rule.message, {"pct": f"{share.group('pct')}%", "count": f"{count.group(1)}{unit}",
                                  "total": f"{total.group(1)}{unit}", "expected": f"{expected}%"})
    cell = _span_cell(paragraph, share.start("pct"), share.end())
    finding = at_cell(rule.id, severity, message, report.path, cell,
                      context=f"{share.group(0)}|{count.group(0)}|{total.group(0)}", title=rule.title)
    finding.related = [Location(*paragraph.locate(m.start(1))) for m in (count, total)]
    return finding
