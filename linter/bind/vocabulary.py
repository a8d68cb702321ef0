"""How report prose names the indicators of the table templates: ``rules/vocabulary.yaml``.

A report's text states figures for the table's indicators in its own words:
``当面申请20件`` for the row “1.当面申请数”, ``行政复议351件，其中结果维持72件`` for the
review table's columns, ``含上年度结转申请34件`` for “二、上年结转政府信息公开申请数量”.
This module reads the vocabulary that ties such words to fact keys:

- the template's own labels, as prose writes them: the row label cleaned like any label
  (:func:`linter.bind.labels.normalize`) and without its last 数/数量/次数…, for the rows of
  a single-column section (the 2008 table) and the 总计 column of the application table;
- the ``indicators`` of ``rules/vocabulary.yaml``: other words for a key or an expression
  (``words`` before the number, ``after`` it), the units prose writes, the ``scope`` a figure
  must be in (行政复议 or 行政诉讼, 规章 or 规范性文件 …) and the ``whole`` it is a part of;
- ``fillers`` that may stand between the words and the number, ``skip`` words that make the
  figure another one (a change, an average), ``parts`` that make it a part of the indicator,
  ``overlapping`` channels whose figures are never parts adding up to a total, and
  ``contexts``: words one of which must stand before a figure for indicators that other work
  of an agency shares words with (applications, reconsideration, staff, training).

Text is compared after :func:`clean`: full-width forms folded, traditional characters made
simplified (``rules/hanzi.yaml``), quotes, brackets and spaces left out, and the marks that
end a clause (，；：) kept as ``|`` so that no phrase reaches across them.

The table binder may use the same words later (they are data, not code); the matching of
prose against them lives in :mod:`linter.check.figures`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..datafiles import DataFileError, read_yaml, rules_dir
from ..messages import TwoLanguageError
from .labels import normalize
from .templates import Template

MAX_VOCABULARY_FILE = 1024 * 1024
INNER_GAP = 8        # characters … stands for inside a phrase
TAIL_GAP = 12        # characters … stands for at a phrase's end (or start, for words after a number)
MIN_LABEL = 4        # shorter labels (其他, 总计) name nothing in prose on their own
CLAUSE = "|"
_CLAUSE_MARKS = "，,；;：:"
_LABEL_SUFFIXES = ("总次数", "次数", "总数", "数量", "数")
_KEYS = {"fillers", "skip", "parts", "overlapping", "section_units", "units", "scopes", "contexts", "templates"}
_INDICATOR_KEYS = {"key", "equals", "equals_also", "words", "after", "units", "unit", "scope", "whole"}


class VocabularyError(TwoLanguageError):
    """The vocabulary file is invalid; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words naming an indicator: *parts* (cleaned) with up to :data:`INNER_GAP` characters
    between them; *loose* lets :data:`TAIL_GAP` characters stand between the phrase and the
    number (written ``…`` at the end, or at the start of a phrase after a number)."""
    text: str
    parts: tuple[str, ...]
    loose: bool

    @property
    def size(self) -> int:
        return sum(len(part) for part in self.parts)


@dataclass(eq=False)
class Indicator:
    """What a figure named by these words states: ``equals`` (an expression over fact keys;
    ``also`` lists other values the figure may agree with)."""
    equals: str
    also: tuple[str, ...]
    words: tuple[Phrase, ...]
    after: tuple[Phrase, ...]
    units: tuple[str, ...]           # units prose writes it in
    money: bool
    scope: tuple[str, str] | None    # (family, scope)
    whole: str | None                # the expression it is a part of (the base of a share)
    origin: str                      # where it comes from, for messages about the vocabulary
    context: tuple[str, ...] = ()    # words one of which must stand before the figure


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    pick: str                        # "last" or "only"
    scopes: dict


@dataclass(eq=False)
class TemplateWords:
    """The vocabulary of one template."""
    template_id: str
    indicators: list[Indicator]


@dataclass(eq=False)
class Vocabulary:
    path: str
    fillers: tuple[str, ...]
    skip: tuple[str, ...]
    parts: tuple[re.Pattern, ...]
    overlapping: tuple[str, ...]
    section_units: dict
    units: dict
    families: dict[str, Family]
    contexts: dict[str, tuple[str, ...]]
    templates: dict[str, dict]
    _compiled: dict = field(default_factory=dict)

    def for_template(self, template: Template) -> TemplateWords:
        """The indicators of *template*: its labels and the entries of the file for its id."""
        found = self._compiled.get(id(template))
        if found is None or found[0] is not template:
            found = (template, _template_words(self, template))
            self._compiled[id(template)] = found
        return found[1]


# --- cleaning text -------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _simplified() -> dict[int, str]:
    data = read_yaml(os.path.join(rules_dir(), "hanzi.yaml"), 1024 * 1024)
    return {ord(pair[0]): pair[1] for pair in data["traditional_to_simplified"].split() if len(pair) == 2}


@lru_cache(maxsize=8192)
def _folded(char: str) -> str:
    """What one character becomes: folded, simplified, ``|`` for a clause mark, '' if dropped."""
    if char in _CLAUSE_MARKS:
        return CLAUSE
    folded = unicodedata.normalize("NFKC", char).translate(_simplified())
    return "".join(CLAUSE if piece in _CLAUSE_MARKS else piece for piece in folded
                   if piece.isalnum() or piece in _CLAUSE_MARKS)


def clean(text: str) -> tuple[str, list[int]]:
    """*text* as phrases are compared, and for each character kept the offset it came from."""
    kept: list[str] = []
    offsets: list[int] = []
    for offset, char in enumerate(text):
        for piece in _folded(char):
            kept.append(piece)
            offsets.append(offset)
    return "".join(kept), offsets


_DROPPED = re.compile(r"[\W_]+")


def clean_words(text: str) -> str:
    """*text* as phrases are compared, clause marks left out too (no offsets: quicker)."""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", text).translate(_simplified()))


# --- reading the file ----------------------------------------------------------------------------------------

def _fail(path: str, where: str, message: str) -> VocabularyError:
    return VocabularyError(f"{path}：{where}：{message}", f"{path}: {where}: {message}")


def _strings(value: Any, path: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise _fail(path, where, "应为非空字符串的列表")
    return tuple(value)


def phrase(text: str, path: str = "", where: str = "", after: bool = False) -> Phrase:
    loose = text.startswith("…") if after else text.endswith("…")
    pieces = tuple(clean_words(part) for part in text.strip("…").split("…"))
    if not all(pieces):
        raise _fail(path, where, f"“{text}” 应为文字，… 只能在文字之间或{'开头' if after else '末尾'}")
    return Phrase(text, pieces, loose)


def load_vocabulary(path: str) -> Vocabulary:
    try:
        data = read_yaml(path, MAX_VOCABULARY_FILE, "词表文件")
    except DataFileError as error:
        raise VocabularyError(f"{path}：{error}", f"{path}: {error.english}") from None
    if not isinstance(data, dict) or set(map(str, data)) - _KEYS:
        raise _fail(path, "顶层", f"应为含 {', '.join(sorted(_KEYS))} 的映射")
    parts = []
    for text in _strings(data.get("parts"), path, "parts"):
        try:
            parts.append(re.compile(text))
        except re.error as error:
            raise _fail(path, "parts", f"“{text}” 不是有效的正则表达式（{error}）") from None
    units = data.get("units") or {}
    if not isinstance(units, dict):
        raise _fail(path, "units", "应为 表格单位: [正文单位, …] 的映射")
    families = {}
    for name, family in (data.get("scopes") or {}).items():
        if not isinstance(family, dict) or family.get("pick") not in ("last", "only") \
                or not isinstance(family.get("scopes"), dict):
            raise _fail(path, f"scopes.{name}", "应有 pick（last 或 only）和 scopes")
        families[str(name)] = Family(str(name), family["pick"], {
            str(scope): tuple(clean_words(word) for word in _strings(words, path, f"scopes.{name}.{scope}"))
            for scope, words in family["scopes"].items()})
    contexts = data.get("contexts") or {}
    if not isinstance(contexts, dict):
        raise _fail(path, "contexts", "应为 名称: [词, …] 的映射")
    templates = data.get("templates") or {}
    if not isinstance(templates, dict) or not all(isinstance(value, dict) for value in templates.values()):
        raise _fail(path, "templates", "应为 模板 id: {indicators: […]} 的映射")
    return Vocabulary(
        path=path, fillers=tuple(clean_words(w) for w in _strings(data.get("fillers"), path, "fillers")),
        skip=tuple(clean_words(w) for w in _strings(data.get("skip"), path, "skip")), parts=tuple(parts),
        overlapping=tuple(clean_words(w) for w in _strings(data.get("overlapping"), path, "overlapping")),
        section_units=dict(data.get("section_units") or {}),
        units={str(unit): _strings(written, path, f"units.{unit}") for unit, written in units.items()},
        families=families, templates={str(key): value for key, value in templates.items()},
        contexts={str(name): tuple(clean_words(word) for word in _strings(words, path, f"contexts.{name}"))
                  for name, words in contexts.items()})


@lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    return load_vocabulary(os.path.join(rules_dir(), "vocabulary.yaml"))


# --- one template's indicators -------------------------------------------------------------------------------

def _flat(items: Any, path: str, where: str) -> list:
    """The indicators of a template: a list whose items may be lists themselves (YAML anchors
    shared between templates)."""
    if not isinstance(items, list):
        raise _fail(path, where, "应为列表")
    flat = []
    for item in items:
        flat.extend(_flat(item, path, where) if isinstance(item, list) else [item])
    return flat


def _scope_of(vocabulary: Vocabulary, text: Any, where: str) -> tuple[str, str] | None:
    if text is None:
        return None
    family, _, scope = str(text).partition(".")
    if family not in vocabulary.families or scope not in vocabulary.families[family].scopes:
        raise _fail(vocabulary.path, where, f"没有范围 {text}（scopes 中定义，如 case.review）")
    return family, scope


def _scope_by_key(vocabulary: Vocabulary, scope_keys: dict, key: str, where: str) -> tuple[str, str] | None:
    """The scope of the longest key prefix that ``scope_keys`` names."""
    best = None
    for prefix, scope in scope_keys.items():
        if key == prefix or key.startswith(prefix + "."):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, scope)
    return _scope_of(vocabulary, best[1], where) if best else None


def _context_of(vocabulary: Vocabulary, context_keys: dict, equals: str, where: str) -> tuple[str, ...]:
    """The context words of the longest key prefix ``context_keys`` names for the first key of
    *equals*."""
    found = _FIRST_KEY.search(equals)
    key = found.group() if found else equals
    best = max((prefix for prefix in context_keys if key == prefix or key.startswith(prefix + ".")),
               key=len, default=None)
    if best is None:
        return ()
    name = context_keys[best]
    if name not in vocabulary.contexts:
        raise _fail(vocabulary.path, where, f"没有语境 {name}（contexts 中定义）")
    return vocabulary.contexts[name]


_FIRST_KEY = re.compile(r"[a-z_]+(?:\.[a-z_*@]+)+")


def _written_units(vocabulary: Vocabulary, unit: str | None) -> tuple[str, ...]:
    if unit is None:
        return ()
    return vocabulary.units.get(unit, (unit,))


def _entry(vocabulary: Vocabulary, template: Template, data: Any, scope_keys: dict, context_keys: dict,
           where: str) -> Indicator:
    path = vocabulary.path
    if not isinstance(data, dict) or set(map(str, data)) - _INDICATOR_KEYS:
        raise _fail(path, where, f"应为映射，键为 {', '.join(sorted(_INDICATOR_KEYS))}")
    equals = data.get("key") or data.get("equals")
    if not isinstance(equals, str) or ("key" in data) == ("equals" in data):
        raise _fail(path, where, "应有 key 或 equals 之一（字符串）")
    words = tuple(phrase(text, path, where) for text in _strings(data.get("words"), path, f"{where}.words"))
    after = tuple(phrase(text, path, where, after=True) for text in _strings(data.get("after"), path, f"{where}.after"))
    if not words and not after:
        raise _fail(path, where, "应有 words 或 after")
    key = equals if "key" in data else None
    row = template.row(key.rsplit(".", 1)[0]) if key and key.startswith(("apply.", "active.")) else \
        template.row(key) if key else None
    unit = data.get("unit") or (row.unit if row else None) or _section_unit(vocabulary, equals)
    units = _strings(data.get("units"), path, f"{where}.units") or _written_units(vocabulary, unit)
    scope = _scope_of(vocabulary, data.get("scope"), where) if data.get("scope") else \
        _scope_by_key(vocabulary, scope_keys, key, where) if key else None
    whole = data.get("whole")
    if whole is not None and not isinstance(whole, str):
        raise _fail(path, where, "whole 应为表达式字符串")
    return Indicator(equals=equals, also=_strings(data.get("equals_also"), path, f"{where}.equals_also"),
                     words=words, after=after, units=units, money=unit == "万元", scope=scope,
                     whole=whole if whole else _parent(template, key), origin=f"{path}：{where}",
                     context=_context_of(vocabulary, context_keys, equals, where))


def _section_unit(vocabulary: Vocabulary, equals: str) -> str | None:
    section = equals.split("(")[-1].split(".")[0]
    return vocabulary.section_units.get(section)


def _parent(template: Template, key: str | None) -> str | None:
    """The nearest ancestor of a row of a single-column section that holds a value
    (``stats.apply.received`` for ``stats.apply.received.in_person``)."""
    if not key or not key.startswith("stats."):
        return None
    section, _, rest = key.partition(".")
    pieces = rest.split(".")
    for size in range(len(pieces) - 1, 0, -1):
        row = template.row(f"{section}.{'.'.join(pieces[:size])}")
        if row is not None and row.value_row:
            return f"{section}.{row.key}"
    return None


def _label_words(label: str) -> str:
    words = normalize(label)
    for suffix in _LABEL_SUFFIXES:
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
            break
    return clean_words(words)


def _label_indicators(vocabulary: Vocabulary, template: Template, scope_keys: dict,
                      context_keys: dict) -> list[Indicator]:
    """The template's labels as prose writes them: rows of single-column sections, and the 总计
    column of the application table."""
    found = []
    for section in template.sections.values():
        total_column = next((column for part in section.parts for column in part.columns
                             if column.key == "total"), None)
        if not section.single_column and not (section.name == "apply" and total_column):
            continue
        for row in section.rows:
            if not row.value_row or not row.key:
                continue
            words = tuple(dict.fromkeys(w for w in map(_label_words, row.labels) if len(w) >= MIN_LABEL))
            if not words:
                continue
            key = section.fact_key(row, total_column) if not section.single_column else f"{section.name}.{row.key}"
            unit = row.unit or vocabulary.section_units.get(section.name)
            where = f"模板 {template.id} 的标签“{row.label}”"
            found.append(Indicator(
                equals=key, also=(), words=tuple(Phrase(w, (w,), False) for w in words), after=(),
                units=_written_units(vocabulary, unit), money=unit == "万元",
                scope=_scope_by_key(vocabulary, scope_keys, key, where), whole=_parent(template, key),
                origin=where, context=_context_of(vocabulary, context_keys, key, where)))
    return found


def _template_words(vocabulary: Vocabulary, template: Template) -> TemplateWords:
    data = vocabulary.templates.get(template.id) or {}
    where = f"templates.{template.id}"
    scope_keys = data.get("scope_keys") or {}
    context_keys = data.get("context_keys") or {}
    if not isinstance(scope_keys, dict) or not isinstance(context_keys, dict):
        raise _fail(vocabulary.path, where, "scope_keys、context_keys 应为 键前缀: 名称 的映射")
    labels = _label_indicators(vocabulary, template, scope_keys, context_keys)
    entries = [_entry(vocabulary, template, item, scope_keys, context_keys, f"{where}.indicators[{index}]")
               for index, item in enumerate(_flat(data.get("indicators") or [], vocabulary.path,
                                                  f"{where}.indicators"))]
    for label in labels:
        # a label names what an entry for the same value does: the values it may also agree with,
        # the total it is a part of
        same = next((entry for entry in entries if entry.equals == label.equals and entry.scope == label.scope), None)
        if same is not None:
            label.also = label.also or same.also
            label.whole = label.whole or same.whole
    return TemplateWords(template.id, labels + entries)
