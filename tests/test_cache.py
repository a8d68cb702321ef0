"""linter.cache and linter.datafile: what is kept between runs, and that a bad cache costs only time."""

import json
import os
from pathlib import Path

import pytest

from linter import cache, expr, mentions
from linter.datafile import DataFileError, read_limited, read_yaml
from linter.loading import KNOWN_CHECKS, builtin_rule_files
from linter.rules import load_rule_files


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GXLINT_CACHE_DIR", str(tmp_path / "cache"))
    cache.reset()
    yield tmp_path / "cache"
    cache.reset()


def test_store_and_load(folder):
    cache.store("thing", "key", {"a": [1, "二"]})
    assert cache.load("thing", "key") == {"a": [1, "二"]}
    assert cache.load("thing", "other") is None
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)


def test_damaged_or_foreign_entries_are_ignored(folder):
    cache.store("thing", "key", [1])
    (entry,) = folder.glob("thing-*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert cache.load("thing", "key") is None
    entry.write_text(json.dumps({"version": "0.0.0", "key": "key", "data": [2]}), encoding="utf-8")
    assert cache.load("thing", "key") is None              # another gxlint's entry


def test_the_folder_is_pruned_to_the_most_recent_entries(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    monkeypatch.setattr(cache, "KEPT_AFTER_PRUNING", 3)
    for number in range(5):
        cache.store("thing", f"key{number}", number)
        entry = cache._path("thing", f"key{number}")
        os.utime(entry, ns=(number * 10**9, number * 10**9))     # written in this order
    assert len(list(folder.glob("*.json"))) == 5
    cache.store("thing", "key5", 5)
    assert [cache.load("thing", f"key{number}") for number in range(6)] == [None, None, None, 3, 4, 5]


def test_off(monkeypatch):
    monkeypatch.setenv("GXLINT_CACHE_DIR", "off")
    cache.reset()
    try:
        assert cache.folder() is None
        cache.store("thing", "key", 1)                     # quietly nothing
        assert cache.load("thing", "key") is None
    finally:
        cache.reset()


def test_unwritable_folder_turns_the_cache_off(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("GXLINT_CACHE_DIR", str(locked / "cache"))
    cache.reset()
    try:
        assert cache.folder() is None
    finally:
        cache.reset()


def test_yaml_is_read_from_the_cache_until_the_file_changes(folder, tmp_path, monkeypatch):
    path = tmp_path / "rules.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    assert read_yaml(path, 1000) == {"a": [1, 2]}
    import yaml
    monkeypatch.setattr(yaml, "safe_load", lambda text: pytest.fail("parsed again"))
    assert read_yaml(path, 1000) == {"a": [1, 2]}           # from the cache
    monkeypatch.undo()
    path.write_text("a: [1, 2, 3]\n", encoding="utf-8")      # a new size: read again
    assert read_yaml(path, 1000) == {"a": [1, 2, 3]}


def test_data_json_cannot_keep_is_not_cached(folder, tmp_path):
    path = tmp_path / "dates.yaml"
    path.write_text("day: 2019-01-31\n1: one\n", encoding="utf-8")
    data = read_yaml(path, 1000)
    assert data[1] == "one"
    assert list(folder.glob("yaml-*.json")) == []


def test_read_limited(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(DataFileError, match="过大"):
        read_limited(path, 1000)
    if os.path.exists("/dev/zero"):
        with pytest.raises(DataFileError, match="过大"):
            read_limited(Path("/dev/zero"), 1000)
    with pytest.raises(DataFileError, match="不存在"):
        read_limited(tmp_path / "nope.yaml", 1000)


def test_expression_trees_survive_the_cache():
    texts = []
    for rule in load_rule_files(builtin_rule_files(), KNOWN_CHECKS):
        texts += [text for text in (rule.assertion_text,) if text]
    assert len(texts) > 20
    for text in texts:
        fresh = expr._parse_with_lark(text)
        assert expr.from_json(json.loads(json.dumps(expr.to_json(fresh)))) == fresh


@pytest.mark.parametrize("raw", [["num", "x"], ["ref", [["bogus", "a"]]], ["binary", "//", ["num", "1"], ["num", "2"]],
                                 ["eval", "1"], "junk"])
def test_a_tampered_tree_is_refused(raw):
    with pytest.raises((ValueError, TypeError, KeyError, IndexError, ArithmeticError)):
        expr.from_json(raw)


def test_checked_patterns_keep_their_anchor(folder):
    first = mentions.compile_pattern("主动公开(?:政府)?信息NUM\\s*条", "here")
    assert first.anchor == "主动公开"
    mentions.save_checked()
    mentions._CHECKED.forget()                             # as a new process would start
    again = mentions.compile_pattern("主动公开(?:政府)?信息NUM\\s*条", "here")
    assert again._compiled is None and again.anchor == "主动公开"
    assert [m.group("n") for m in again.finditer("全年主动公开信息979条")] == ["979"]
    assert list(again.finditer("全年公开信息979条")) == []


def test_a_kept_table_merges_runs_and_starts_over_beyond_its_limit(folder):
    table = cache.KeptTable("table", "key", limit=3)
    table.add("a", 1)
    table.add("b", 2)
    table.save()
    table.forget()                                         # a later run
    assert (table.get("a"), table.get("b"), table.get("c")) == (1, 2, None)
    table.add("c", 3)
    table.save()
    table.forget()
    assert [table.get(name) for name in "abc"] == [1, 2, 3]
    table.add("d", 4)                                      # four would be more than the limit
    table.save()
    table.forget()
    assert [table.get(name) for name in "abcd"] == [None, None, None, 4]


def _random_json(rng, depth=0):
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.choice([0, -7, 2 ** 70, rng.randrange(-10 ** 6, 10 ** 6)])
    if kind == 2:
        return rng.choice([0.5, -1e-9, 1.5e300, rng.random()])
    if kind in (3, 4):
        return "".join(rng.choice("a\"\\/\n\t\x01 é统計\U0001F600{}[],:") for _ in range(rng.randrange(6)))
    if kind == 5:
        return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {str(_random_json(rng, 4)): _random_json(rng, depth + 1) for _ in range(rng.randrange(4))}


def test_entries_are_decoded_as_the_json_package_decodes_them():
    import random

    rng = random.Random(7)
    for _ in range(2000):
        value = _random_json(rng)
        for text in (json.dumps(value), json.dumps(value, ensure_ascii=False), json.dumps(value, indent=1),
                     f" \n{json.dumps(value)}\t\r\n"):
            assert cache.decode(text) == json.loads(text)
    assert cache.decode("[NaN, Infinity, -Infinity]")[1:] == [float("inf"), float("-inf")]


@pytest.mark.parametrize("text", ["", " ", "{", "[1,]", "{'a': 1}", "[1] 2", "[1]x", "\"a\x01\"", "nul",
                                  "01", "[1e]", "\"\\x\"", "{\"a\" 1}", "\ufeff[1]"])
def test_what_is_not_json_is_refused_as_the_json_package_refuses_it(text):
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(ValueError):
        cache.decode(text)


def test_a_run_with_the_cache_warm_does_not_import_json(tmp_path):
    import subprocess
    import sys

    report = tmp_path / "r.txt"
    report.write_text("2023年度政府信息公开工作年度报告\n", encoding="utf-8")
    program = ("import sys; from linter import cli; cli.main(['--format', 'concise', sys.argv[1]]); "
               "print('json' in sys.modules)")
    env = {**os.environ, "GXLINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", program, str(report)], capture_output=True, text=True,
                           env=env, check=False) for _ in range(2)]
    assert [run.stdout.strip().splitlines()[-1] for run in runs] == ["True", "False"], runs[1].stderr


def test_a_file_replaced_or_a_link_pointed_elsewhere_gets_another_key(tmp_path):
    first, second, link = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "link.yaml"
    first.write_text("rules: []\n", encoding="utf-8")
    second.write_text("rules: []\n", encoding="utf-8")
    status = first.stat()
    os.utime(second, ns=(status.st_atime_ns, status.st_mtime_ns))      # same size, same time
    link.symlink_to(first)
    before = cache.file_key(str(link))
    assert before == cache.file_key(str(link)) and before is not None
    link.unlink()
    link.symlink_to(second)
    assert cache.file_key(str(link)) != before
    kept = cache.file_key(str(first))
    os.replace(second, first)                                           # replaced, as editors save
    assert cache.file_key(str(first)) != kept
    assert cache.file_key(str(tmp_path / "missing.yaml")) is None
