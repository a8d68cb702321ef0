"""Comparing row and column labels the way a reader does.

Real drafts write the same label in many ways: full- or half-width brackets,
spaces and U+3000 inside (``统　计　指　标``), numbering prefixes (``一、``,
``（一）``, ``1.``, ``1、``, ``①``), a leading ``其中：``, notes in brackets
(``（不同渠道和方式公开相同信息计1条）``), quotes (``危及“三安全一稳定”``) and
traditional characters (``規章``). :func:`normalize` reduces a label to the
words that carry its meaning; :class:`LabelIndex` finds a template entry for a
label, exactly, by alias, or as a near miss.
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from . import cache, regex_cache
from .datafile import read_yaml
from .resources import rules_dir

_NUMERALS = "一二三四五六七八九十"
_NUMBER_TOKEN = rf"[{_NUMERALS}]{{1,3}}[、.]|\(?[{_NUMERALS}]{{1,3}}\)[、.]?|\d{{1,2}}[、.)](?!\d)|\(\d{{1,2}}\)"
_NUMBERING_RE = regex_cache.compile(rf"^(?:{_NUMBER_TOKEN})+")
# Numbering and 其中 in any order and number (一、其中：1.): one pass, so a long run of them costs
# no more than its length.
_PREFIXES_RE = regex_cache.compile(rf"^(?:{_NUMBER_TOKEN}|其中[:,]?)+")
_BRACKETED_RE = regex_cache.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
# Each pass removes the innermost notes (real labels nest two or three deep) and reads the whole
# text. The passes stop at the fixpoint, or when they have read some ten million characters: a
# cell of garbage such as 200000 "(" and as many ")" would otherwise take one pass per level.
# Below 4000 characters the fixpoint is always reached.
_PASS_BUDGET = 10_000_000
_NON_WORD_RE = regex_cache.compile(r"[\W_]+")


def _hanzi_path() -> str:
    return os.path.join(rules_dir(), "hanzi.yaml")


@lru_cache(maxsize=1)
def _traditional_table() -> dict[int, str]:
    data = read_yaml(_hanzi_path(), 1024 * 1024)
    table: dict[int, str] = {}
    for pair in data["traditional_to_simplified"].split():
        if len(pair) == 2:
            table[ord(pair[0])] = pair[1]
    return table


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    return frozenset(map(chr, _traditional_table()))


# NFKC would turn ① into a bare 1; keep it recognisable as numbering.
_CIRCLED = {0x2460 + n: f"({n + 1})" for n in range(20)}
_CIRCLED_RE = regex_cache.compile("[\u2460-\u2473]")


_SPACE_RE = regex_cache.compile(r"\s+")


def _prepare(label: str) -> str:
    # str.translate looks every character up, a few microseconds a label; most labels have
    # nothing to translate and are already in NFKC, which a regular expression, a set and
    # is_normalized find out in a fraction of that.
    if _CIRCLED_RE.search(label):
        label = label.translate(_CIRCLED)
    if not unicodedata.is_normalized("NFKC", label):
        label = unicodedata.normalize("NFKC", label)
    if not _traditional_chars().isdisjoint(label):
        label = label.translate(_traditional_table())
    return _SPACE_RE.sub("", label)


def _strip_prefixes(text: str) -> str:
    return _PREFIXES_RE.sub("", text, count=1)


# Every cell is looked up in several label indexes, in more than one stage of binding: labels
# up to this length are remembered (a long report has tens of thousands of distinct ones);
# longer texts are not labels anyway and are not kept.
_CACHED_LENGTH = 128
_CACHE_SIZE = 32768
_FOUND_LIMIT = 65536            # texts an index remembers what it found for (then it starts over)


def normalize(label: str) -> str:
    """The words of *label* without numbering, notes in brackets or punctuation."""
    known = (_known if _known is not None else _known_forms()).get(label)
    if known is not None:
        return known[0]
    return _normalize_cached(label) if len(label) <= _CACHED_LENGTH else _normalize(label)


def normalize_full(label: str) -> str:
    """Like :func:`normalize` but keeping what brackets hold: ``第二十条第（一）项`` stays distinct."""
    known = (_known if _known is not None else _known_forms()).get(label)
    if known is not None:
        return known[1]
    return _normalize_full_cached(label) if len(label) <= _CACHED_LENGTH else _normalize_full(label)


def _normalize(label: str) -> str:
    text = _strip_prefixes(_prepare(label))
    for _ in range(max(32, _PASS_BUDGET // (len(text) + 1))):
        inner_removed = _BRACKETED_RE.sub("", text)
        if inner_removed == text:
            break
        text = inner_removed
    if "(" in text:
        text = text[: text.index("(")]      # a note cut off before its closing bracket
    return _NON_WORD_RE.sub("", _strip_prefixes(text))


def _normalize_full(label: str) -> str:
    return _NON_WORD_RE.sub("", _prepare(label))


_normalize_cached = lru_cache(maxsize=_CACHE_SIZE)(_normalize)
_normalize_full_cached = lru_cache(maxsize=_CACHE_SIZE)(_normalize_full)

# Every run indexes the templates' labels, and most label cells of a report are written exactly
# as a template writes them: working out their forms took a fifth of a run of its own. So the
# forms of the templates' labels are kept in the cache (for this code, this table of characters
# and this Unicode version (NFKC)), and a label's forms are looked up there first.
_forms: cache.KeptTable | None | bool = False          # False: not looked up yet
_known: dict[str, tuple[str, str]] | None = None       # what the table kept, checked; None: not read yet


def _forms_table() -> cache.KeptTable | None:
    global _forms
    if _forms is False:
        code, table = cache.file_key(__file__), cache.file_key(_hanzi_path())
        _forms = None if code is None or table is None else cache.KeptTable(
            "labels", f"{unicodedata.unidata_version}\0{code}\0{table}", 20_000)
    return _forms


def _known_forms() -> dict[str, tuple[str, str]]:
    global _known
    if _known is None:
        table = _forms_table()
        kept = table.kept() if table is not None else {}
        _known = {label: (value[0], value[1]) for label, value in kept.items()
                  if isinstance(value, list) and len(value) == 2 and all(isinstance(form, str) for form in value)}
    return _known


def forms(label: str) -> tuple[str, str]:
    """``(normalize(label), normalize_full(label))``, as an earlier run kept them if it did."""
    known = _known_forms().get(label)
    if known is not None:
        return known
    worked_out = (normalize(label), normalize_full(label))
    table = _forms_table()
    if table is not None:
        table.add(label, list(worked_out))
    return worked_out


def save_forms() -> None:
    """Add the label forms this process worked out to the cache."""
    if _forms:
        _forms.save()


def forget_forms() -> None:
    """Look the kept forms up again on next use (tests change the cache folder)."""
    global _forms, _known
    _forms, _known = False, None


_NOTE_RE = regex_cache.compile(r"[（(][^（()）]{6,}[)）]?$|[（(][^（()）]{6,}[)）]")


def display(label: str) -> str:
    """A label for messages: notes in brackets left out, spaces collapsed (（一）numbering kept)."""
    text = " ".join(label.split())
    shorter = _NOTE_RE.sub("", text).strip()
    return shorter or text


def numbering(label: str) -> str:
    """The numbering a label starts with (``1.``, ``（三）``), normalised, or ``''``."""
    match = _NUMBERING_RE.match(_prepare(label))
    return _NON_WORD_RE.sub("", match.group(0)) if match else ""


class LabelIndex:
    """Entries reachable by their normalised labels (any objects, compared with ``==``)."""

    def __init__(self):
        self._exact: dict[str, list[object]] = {}
        self._labels: list[tuple[str, object]] = []
        self._counts: dict[int, Counter] = {}               # labels' characters, counted when asked
        self._matchers: dict[int, object] = {}              # difflib's, for labels that came close
        self._found: dict[str, list[object]] = {}           # what exact() found, by the text asked

    def add(self, labels: Iterable[str], entry: object) -> None:
        exact = self._exact
        for label in labels:
            short, full = forms(label)
            for key in (short, full) if full != short else (short,):
                found = exact.get(key)
                if found is None:
                    if key:
                        exact[key] = [entry]
                elif entry not in found:
                    found.append(entry)
            self._labels.append((short, entry))
        if self._counts or self._matchers or self._found:       # worked out from the labels before
            self._counts, self._matchers, self._found = {}, {}, {}

    def entries(self) -> list[object]:
        """The entries that have a label, in the order they were added."""
        return list({id(entry): entry for _, entry in self._labels}.values())

    def exact(self, label: str) -> list[object]:
        """The entries *label* names exactly (its full form first); not to be changed."""
        found = self._found.get(label)
        if found is None:
            found = self._exact.get(normalize_full(label)) or self._exact.get(normalize(label), [])
            if len(self._found) >= _FOUND_LIMIT:
                self._found.clear()
            self._found[label] = found
        return found

    def near(self, label: str, threshold: float) -> list[tuple[float, object]]:
        """Entries whose label is at least *threshold* similar (difflib's ratio), best first."""
        key = normalize(label)
        if not key:
            return []
        key_count = Counter(key)
        scored: dict[int, tuple[float, object]] = {}
        for index, (candidate, entry) in enumerate(self._labels):
            if abs(len(candidate) - len(key)) > max(len(candidate), len(key)) * (1 - threshold) + 1:
                continue
            # difflib's two cheap upper bounds of the ratio first (its real_quick_ratio and
            # quick_ratio, the same figures): most labels fall short, and a table of thousands
            # of unknown labels once spent seconds here
            length = len(key) + len(candidate)
            if 2.0 * min(len(key), len(candidate)) / length < threshold:
                continue
            if 2.0 * _common(key_count, self._count(index)) / length < threshold:
                continue
            score = self._matcher(index, key).ratio()
            if score >= threshold and score > scored.get(id(entry), (0.0, None))[0]:
                scored[id(entry)] = (score, entry)
        return sorted(scored.values(), key=lambda item: -item[0])

    def _count(self, index: int) -> Counter:
        """Label *index*'s characters, counted (once, and only for labels that pass the length bounds)."""
        counted = self._counts.get(index)
        if counted is None:
            counted = self._counts[index] = Counter(self._labels[index][0])
        return counted

    def _matcher(self, index: int, key: str):
        """difflib's matcher of *key* against label *index*, that label's side prepared once."""
        matcher = self._matchers.get(index)
        if matcher is None:
            from difflib import SequenceMatcher      # imported by the first label that comes close

            matcher = self._matchers[index] = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(self._labels[index][0])
        matcher.set_seq1(key)
        return matcher


def _common(first: Counter, second: Counter) -> int:
    """How many characters two texts share, counted with repeats."""
    return sum(min(count, second.get(char, 0)) for char, count in first.items())
