"""linter.check.loading: built-in and user rule and template files, sorted by what they hold, loaded once."""

import os

import pytest

from linter.check import loading
from linter.check.engine import run_rules
from linter.check.loading import load_all, yaml_under
from linter.check.prose import VocabularyEntry
from linter.check.rules import RuleError

from ..conftest import SEEDS, load_fixture

GOOD_RULE = """\
rules:
  - id: USR001
    title: 测试
    message: 申请总数为负
    severity: warning
    templates: ["2019"]
    assert: apply.total.total >= 0
"""

VARIANT = """\
# a provincial variant
extends: "2008"
variant: 测试变体
sections:
  stats:
    insert_after: complaints
    rows:
      - {key: letters, label: 群众来信数量, unit: 件, optional: true}
"""


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_same_files_are_loaded_once():
    assert load_all() is load_all()


def test_a_rule_file_is_checked_again_once_edited(tmp_path):
    rules = write(tmp_path, "mine.yaml", GOOD_RULE)
    first = load_all([rules])
    assert first.ruleset.by_id("USR001") is not None and load_all([rules]) is first
    rules.write_text(GOOD_RULE.replace("apply.total.total", "apply.no_such.key"), encoding="utf-8")
    stat = rules.stat()
    os.utime(rules, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))   # as an editor saving later
    with pytest.raises(RuleError, match="USR001"):
        load_all([rules])


def test_a_new_rule_file_is_checked_though_the_built_ins_were(tmp_path):
    load_all()
    rules = write(tmp_path, "mine.yaml", GOOD_RULE.replace("apply.total.total", "apply.no_such.key"))
    with pytest.raises(RuleError, match="USR001"):
        load_all([rules])


def test_user_rules_come_after_the_built_in_ones(tmp_path):
    ruleset = load_all([write(tmp_path, "mine.yaml", GOOD_RULE)]).ruleset
    assert ruleset.rules[-1].id == "USR001"
    assert [rule.id for rule in ruleset.rules[:-1]] == [rule.id for rule in load_all().ruleset.rules]


def test_a_folder_is_searched_in_order_and_its_files_sorted_by_what_they_hold(tmp_path):
    write(tmp_path, "b/rules.yml", GOOD_RULE.replace("USR001", "USR002"))
    write(tmp_path, "a/variant.yaml", VARIANT)
    write(tmp_path, "rules.yaml", GOOD_RULE)
    write(tmp_path, "notes.txt", "not yaml")
    assert yaml_under(str(tmp_path)) == [str(tmp_path / "rules.yaml"), str(tmp_path / "a" / "variant.yaml"),
                                         str(tmp_path / "b" / "rules.yml")]
    loaded = load_all([tmp_path])
    assert [rule.id for rule in loaded.ruleset.rules[-2:]] == ["USR001", "USR002"]
    assert loaded.catalog.get("2008").variants == ["北京市重点领域公开", "测试变体"]     # the built-in one first
    assert "stats.letters" in loaded.catalog.get("2008").keys()


def test_a_template_file_is_told_by_its_first_keys(tmp_path):
    assert loading._is_template(str(write(tmp_path, "v.yaml", VARIANT)))
    assert loading._is_template(str(write(tmp_path, "t.yaml", 'id: "2099"\nyears: [2030, 2031]\n')))
    assert not loading._is_template(str(write(tmp_path, "r.yaml", "# rules\n" + GOOD_RULE)))
    assert not loading._is_template(str(tmp_path / "missing.yaml"))


def test_a_variant_changes_what_reports_are_bound_with_only_where_it_is_given(tmp_path):
    with_variant = load_all([write(tmp_path, "variant.yaml", VARIANT)])
    assert "stats.letters" in with_variant.catalog.get("2008").keys()
    assert "stats.letters" not in load_all().catalog.get("2008").keys()        # the built-ins are untouched


def test_missing_path(tmp_path):
    with pytest.raises(RuleError) as caught:
        load_all([tmp_path / "nope.yaml"])
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}：规则文件或文件夹不存在"
    assert caught.value.text("en") == f"{tmp_path / 'nope.yaml'}: no such rule file or folder"


def test_built_in_rules_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "rules_dir", lambda: str(tmp_path))
    with pytest.raises(RuleError, match="内置规则缺失"):
        loading.builtin_rule_files()


def test_mention_rules_are_compiled_when_loaded():
    for rule in load_all().ruleset.rules:
        if rule.kind == "mention":
            assert rule.entries
            for entry in rule.entries:
                assert isinstance(entry, VocabularyEntry) and entry.prefixes or entry.pattern.groupindex.get("n")


@pytest.mark.parametrize("seed", [path.name[:3] for path in SEEDS])
def test_loading_again_finds_the_same(seed, tmp_path):
    # a user file that adds nothing changes nothing: the built-ins load the same way beside it
    report = load_fixture(f"seeds/{seed}")
    empty = write(tmp_path, "empty.yaml", "rules: []\n")
    assert [f.sort_key for f in run_rules(report, load_all([empty]).ruleset)] == \
        [f.sort_key for f in run_rules(report, load_all().ruleset)]


def test_built_in_mention_rules_fit_their_templates():
    # gxlint's own vocabulary is not checked at each start (a user's rules are): checked here
    from linter.check.prose import validate

    loaded = load_all()
    mentions = [rule for rule in loaded.ruleset.rules if rule.kind == "mention"]
    assert mentions
    for rule in mentions:
        validate(rule, loaded.catalog)
