"""Comparing row and column labels the way a reader does.

Real drafts write the same label in many ways: full- or half-width brackets,
spaces and U+3000 inside (``统　计　指　标``), numbering prefixes (``一、``,
``（一）``, ``1.``, ``1、``, ``①``), a leading ``其中：``, notes in brackets
(``（不同渠道和方式公开相同信息计1条）``), quotes (``危及“三安全一稳定”``),
traditional characters (``規章``) and the words a converter to traditional
characters changes with them (``規範性檔案``). :func:`normalize` reduces a label
to the words that carry its meaning; :class:`LabelIndex` finds a template entry
for a label, exactly, or as a near miss.

The character and word tables are data: ``rules/hanzi.yaml``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from ..datafiles import read_yaml, rules_dir

_NUMERALS = "一二三四五六七八九十"
_NUMBER_TOKEN = rf"[{_NUMERALS}]{{1,3}}[、.]|\(?[{_NUMERALS}]{{1,3}}\)[、.]?|\d{{1,2}}[、.)](?!\d)|\(\d{{1,2}}\)"
_NUMBERING_RE = re.compile(rf"^(?:{_NUMBER_TOKEN})+")
# Numbering, 其中, and the year a caption may start with (2020年度政府信息公开工作情况统计表).
_PREFIXES_RE = re.compile(rf"^(?:{_NUMBER_TOKEN}|其中[:,]?|(?:19|20)\d\d年度?)+")
_BRACKETED_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_NON_WORD_RE = re.compile(r"[\W_]+")
_SPACE_RE = re.compile(r"\s+")
# NFKC would turn ① into a bare 1; keep it recognisable as numbering.
_CIRCLED = {0x2460 + n: f"({n + 1})" for n in range(20)}
MAX_LABEL = 400          # longer texts are no labels: compared by their first characters only


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[int, str], list[tuple[str, str]]]:
    data = read_yaml(os.path.join(rules_dir(), "hanzi.yaml"), 1024 * 1024)
    table = {ord(pair[0]): pair[1] for pair in data["traditional_to_simplified"].split() if len(pair) == 2}
    table.update(_CIRCLED)
    words = sorted((data.get("words") or {}).items(), key=lambda item: -len(item[0]))
    return table, [(str(old), str(new)) for old, new in words]


def _prepare(label: str) -> str:
    table, words = _vocabulary()
    label = unicodedata.normalize("NFKC", label[:MAX_LABEL].translate(_CIRCLED)).translate(table)
    for old, new in words:
        if old in label:
            label = label.replace(old, new)
    return _SPACE_RE.sub("", label)


def _strip_prefixes(text: str) -> str:
    return _PREFIXES_RE.sub("", text, count=1)


@lru_cache(maxsize=65536)
def normalize(label: str) -> str:
    """The words of *label* without numbering, notes in brackets or punctuation."""
    text = _strip_prefixes(_prepare(label))
    while True:                      # innermost notes first: real labels nest two or three deep
        inner_removed = _BRACKETED_RE.sub("", text)
        if inner_removed == text:
            break
        text = inner_removed
    if "(" in text:
        text = text[: text.index("(")]      # a note cut off before its closing bracket
    return _NON_WORD_RE.sub("", _strip_prefixes(text))


@lru_cache(maxsize=65536)
def normalize_full(label: str) -> str:
    """Like :func:`normalize` but keeping what brackets hold: ``第二十条第（一）项`` stays distinct."""
    return _NON_WORD_RE.sub("", _prepare(label))


_NOTE_RE = re.compile(r"[（(][^（()）]{6,}[)）]?$|[（(][^（()）]{6,}[)）]")


def display(label: str) -> str:
    """A label for messages: notes in brackets left out, spaces collapsed (（一）numbering kept)."""
    text = " ".join(label.split())
    shorter = _NOTE_RE.sub("", text).strip()
    return shorter or text


@lru_cache(maxsize=65536)
def numbering(label: str) -> str:
    """The numbering a label starts with (``1.``, ``（三）``), normalised, or ``''``."""
    match = _NUMBERING_RE.match(_prepare(label))
    return _NON_WORD_RE.sub("", match.group(0)) if match else ""


class LabelIndex:
    """Entries reachable by their labels (any objects, compared by identity)."""

    NEAR_KEPT = 4096            # near misses remembered per index (labels repeat across reports)

    def __init__(self):
        self._exact: dict[str, list] = {}
        self._labels: list[tuple[str, object, Counter]] = []
        self._sorted: list[tuple[str, int]] | None = None
        self._near: dict[tuple[str, float], list[tuple[float, object]]] = {}

    def add(self, labels: Iterable[str], entry: object) -> None:
        for label in labels:
            short, full = normalize(label), normalize_full(label)
            for key in dict.fromkeys((short, full)):
                found = self._exact.setdefault(key, []) if key else None
                if found is not None and not any(item is entry for item in found):
                    found.append(entry)
            if short:
                self._labels.append((short, entry, Counter(short)))
        self._sorted, self._near = None, {}

    def entries(self) -> list:
        """The entries that have a label, in the order they were added."""
        return list({id(entry): entry for _, entry, _ in self._labels}.values())

    def exact(self, label: str) -> list:
        """The entries *label* names exactly (its full form first)."""
        return self._exact.get(normalize_full(label)) or self._exact.get(normalize(label), [])

    def starting(self, label: str) -> list:
        """The entries whose label begins with *label* (a label wrapped onto the next line)."""
        key = normalize(label)
        if len(key) < 2:
            return []
        if self._sorted is None:
            self._sorted = sorted((short, index) for index, (short, _, _) in enumerate(self._labels))
        found: dict[int, object] = {}
        for short, index in self._sorted[bisect_left(self._sorted, (key, -1)):]:
            if not short.startswith(key):
                break
            entry = self._labels[index][1]
            found.setdefault(id(entry), entry)
        return list(found.values())

    def near(self, label: str, threshold: float) -> list[tuple[float, object]]:
        """Entries whose label is at least *threshold* similar (difflib's ratio), best first."""
        key = normalize(label)
        if not key:
            return []
        kept = self._near.get((key, threshold))
        if kept is None:
            kept = self._near_of(key, threshold)
            if len(self._near) >= self.NEAR_KEPT:
                self._near.clear()
            self._near[(key, threshold)] = kept
        return kept

    def _near_of(self, key: str, threshold: float) -> list[tuple[float, object]]:
        counted = Counter(key)
        scored: dict[int, tuple[float, object]] = {}
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(key)
        for candidate, entry, letters in self._labels:
            length = len(key) + len(candidate)
            # difflib's two cheap upper bounds of the ratio first: most labels fall short
            if 2.0 * min(len(key), len(candidate)) / length < threshold:
                continue
            if 2.0 * sum((letters & counted).values()) / length < threshold:
                continue
            matcher.set_seq1(candidate)
            score = matcher.ratio()
            if score >= threshold and score > scored.get(id(entry), (0.0, None))[0]:
                scored[id(entry)] = (score, entry)
        return sorted(scored.values(), key=lambda item: -item[0])
