"""linter.regex_cache: compiled patterns kept between runs match exactly as re.compile's do."""

import json
import re

import pytest

from linter import cache, regex_cache
from linter.mentions import NUM

PATTERNS = [
    ("主动公开(?:政府)?信息(?:数)?(?:共|共计|合计)?" + NUM + r"\s*条", 0),
    (r"^(?:[—–\-－‐―─/／\\、]+|无|不适用|N/?A)$", re.IGNORECASE),
    (r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月", 0),
]
TEXTS = ["主动公开政府信息共１,２34条，", "主动公开信息 约300余条", "n/a", "——", "2020年1月15日", "abc"]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder, and a process that has not read it yet."""
    monkeypatch.setenv("GXLINT_CACHE_DIR", str(tmp_path / "cache"))
    cache.reset()
    regex_cache._PARTS.forget()
    yield tmp_path / "cache"
    cache.reset()
    regex_cache._PARTS.forget()


def new_process(monkeypatch):
    regex_cache._PARTS.forget()


def same_matches(compiled, reference):
    for text in TEXTS:
        mine, theirs = compiled.search(text), reference.search(text)
        assert (mine and (mine.span(), mine.groupdict(), mine.groups())) == \
               (theirs and (theirs.span(), theirs.groupdict(), theirs.groups()))


@pytest.mark.skipif(regex_cache._sre is None, reason="this Python compiles patterns as usual")
def test_a_pattern_is_kept_and_rebuilt_from_the_cache(fresh, monkeypatch):
    for pattern, flags in PATTERNS:
        regex_cache.compile(pattern, flags)
    regex_cache.save()
    assert list(fresh.glob("regex-*.json"))

    new_process(monkeypatch)
    monkeypatch.setattr(re, "compile", None)           # a rebuilt pattern never calls re.compile
    for pattern, flags in PATTERNS:
        compiled = regex_cache.compile(pattern, flags)
        reference = re._compiler.compile(pattern, flags)
        assert (compiled.pattern, compiled.flags, compiled.groupindex) == \
               (reference.pattern, reference.flags, reference.groupindex)
        same_matches(compiled, reference)


@pytest.mark.skipif(regex_cache._sre is None, reason="this Python compiles patterns as usual")
def test_a_damaged_entry_is_refused_and_the_pattern_compiled_again(fresh, monkeypatch):
    pattern, flags = PATTERNS[0]
    regex_cache.compile(pattern, flags)
    regex_cache.save()
    (entry,) = fresh.glob("regex-*.json")
    stored = json.loads(entry.read_text(encoding="utf-8"))
    parts = stored["data"][f"{flags}:{pattern}"]
    parts[1] = "01000000" * 3 + parts[1][24:]            # code the engine must refuse
    entry.write_text(json.dumps(stored), encoding="utf-8")

    assert regex_cache._rebuild(pattern, parts) is None
    assert regex_cache._rebuild(pattern, [0, "not hexadecimal", 3, {}, []]) is None

    new_process(monkeypatch)
    compiled = regex_cache.compile(pattern, flags)
    same_matches(compiled, re.compile(pattern, flags))


def test_without_a_cache_patterns_compile_as_usual(monkeypatch):
    monkeypatch.setenv("GXLINT_CACHE_DIR", "off")
    cache.reset()
    new_process(monkeypatch)
    try:
        for pattern, flags in PATTERNS:
            same_matches(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
        regex_cache.save()
    finally:
        cache.reset()


def test_bad_patterns_raise_as_re_does(fresh):
    with pytest.raises(re.error):
        regex_cache.compile("(unclosed")
