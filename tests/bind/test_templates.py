"""linter.bind.templates: the national formats as data, and what a broken template file gets."""

import pytest

from linter.bind.templates import Catalog, TemplateError, builtin_catalog, load_templates, yaml_files


def test_builtin_templates():
    catalog = builtin_catalog()
    assert [t.id for t in catalog.templates] == ["2008", "2019", "2021"]
    t2019, t2021 = catalog.get("2019"), catalog.get("2021")
    assert set(t2019.sections) == set(t2021.sections) == {"active", "apply", "review"}
    assert "apply.other.total" in t2019.keys() and "apply.other.other.total" in t2021.keys()
    assert "active.procurement.amount" in t2019.keys() and "active.procurement.amount" not in t2021.keys()
    assert len([k for k in t2021.keys() if k.startswith("review.")]) == 15
    assert catalog.get("2008").fits_year(2018) and not catalog.get("2008").fits_year(2019)
    assert catalog.get("1999") is None


def test_fact_keys_leave_out_a_single_column_and_an_unlabelled_row():
    catalog = builtin_catalog()
    assert "stats.apply.received" in catalog.get("2008").keys()            # one value column: no column key
    assert "review.reconsideration.total" in catalog.get("2019").keys()    # one row without label: no row key
    assert "apply.total.natural_person" in catalog.get("2019").keys()


def test_variant_rows_are_inserted_after_their_anchor():
    stats = builtin_catalog().get("2008").sections["stats"]
    keys = [row.key for row in stats.rows]
    at = keys.index("active.normative_issued")
    assert keys[at + 1] == "active.key_areas"
    assert all(row.optional for row in stats.rows if row.key.startswith("active.key_areas"))
    assert [row.order for row in stats.rows] == list(range(len(stats.rows)))
    assert builtin_catalog().get("2008").variants == ["北京市重点领域公开"]


def test_named_lists():
    t2019 = builtin_catalog().get("2019")
    assert t2019.named("apply", "columns")[-1] == "total" and len(t2019.named("apply", "columns")) == 7
    assert t2019.named("review", "groups") == ["reconsideration", "litigation_direct", "litigation_after"]
    rows = t2019.named("apply", "rows")
    assert rows[:3] == ["new", "carried_over", "granted"] and "refused" not in rows     # group rows left out
    assert t2019.named("apply", "no_such_list") is None and t2019.named("nowhere", "rows") is None


def test_row_groups_with_alternatives():
    # 2019: （六）其他处理 is one row. 2021: three rows under a heading row, and a report may still give it
    # whole in the 2019 manner: the group holds both, the parts first
    t2019, t2021 = builtin_catalog().get("2019"), builtin_catalog().get("2021")
    assert t2019.named("apply", "results")[-1] == "other"
    results = t2021.named("apply", "results")
    assert results[:2] == ["granted", "partly_granted"] and "refused.state_secret" in results
    assert results[-1] == (("other.no_correction", "other.unpaid_fee", "other.other"), ("other",))
    assert t2021.named("apply", "other_handling") == [results[-1]]
    assert "refused" not in results                    # a wildcard takes value rows only, not the heading


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
id: "X1"
years: [2030, 2031]
sections:
  stats:
    columns: [{key: value, label: 统计数}]
    rows: [{key: a, label: 甲}, {key: b, label: 乙, group: true}, {key: b.c, label: 丙}, {key: b.d, label: 丁}]
    groups:
      parts: [a, [b.*, b]]
"""


def test_a_new_format_is_a_yaml_file(tmp_path):
    (template,) = load_templates([write(tmp_path, "x.yaml", GOOD)])
    assert template.id == "X1" and template.keys() == ["stats.a", "stats.b", "stats.b.c", "stats.b.d"]
    assert template.fits_year(2030) and not template.fits_year(2032)
    assert template.named("stats", "parts") == ["a", (("b.c", "b.d"), ("b",))]
    assert template.row("stats.b.c").label == "丙" and template.row("stats.zz") is None
    catalog = Catalog([template])
    assert catalog.row_index.exact("丙")[0].key == "b.c"


@pytest.mark.parametrize("text, words", [
    (GOOD.replace("years", "yaers"), "未知的键 yaers"),
    (GOOD.replace('"X1"', "1"), "id 应为字符串"),
    (GOOD.replace("[2030, 2031]", "[2030]"), ".years：应为 [起始年, 结束年]"),
    (GOOD.replace("stats:", "misc:"), "未知的部分 misc"),
    (GOOD.replace("{key: a, label: 甲}", "{key: a, label: 甲, colour: red}"), "未知的键 colour"),
    (GOOD.replace("{key: a, label: 甲}", "{key: b.c, label: 甲}"), "行 key 重复：b.c"),
    (GOOD.replace("{key: a, label: 甲}", "{label: 甲}"), "行必须有字符串 key"),
    (GOOD.replace("[{key: value, label: 统计数}]", "[]"), "columns：应为非空列表"),
    (GOOD.replace("parts: [a, [b.*, b]]", "parts: [a, [b.*]]"), "groups：应为 名称: [行 key, …] 的映射"),
    (GOOD.replace("parts: [a, [b.*, b]]", "parts: a"), "groups：应为"),
    ("id: [unclosed", "YAML 语法错误"),
])
def test_broken_template_is_named(tmp_path, text, words):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(TemplateError) as caught:
        load_templates([path])
    assert str(path) in str(caught.value) and words in str(caught.value)


def test_two_templates_with_one_id(tmp_path):
    with pytest.raises(TemplateError, match="模板 id X1 已在"):
        load_templates([write(tmp_path, "a.yaml", GOOD), write(tmp_path, "b.yaml", GOOD)])


def test_variant_needs_an_existing_anchor(tmp_path):
    base = write(tmp_path, "a.yaml", GOOD)
    variant = write(tmp_path, "b.yaml", "extends: X1\nsections:\n  stats:\n    insert_after: zzz\n"
                                          "    rows: [{key: e, label: 戊}]\n")
    with pytest.raises(TemplateError, match="没有行 zzz"):
        load_templates([base, variant])


@pytest.mark.parametrize("variant, words", [
    ("extends: X9\nsections: {}\n", "没有模板 X9"),
    ("extends: X1\nsections:\n  active: {insert_after: a, rows: []}\n", "模板 X1 没有这一部分"),
    ("extends: X1\nsections:\n  stats: {insert_after: a, rows: [{key: a, label: 甲二}]}\n", "行 key 与模板重复：a"),
    ("extends: true\nsections: {}\n", "extends：应为模板 id"),
])
def test_broken_variants(tmp_path, variant, words):
    with pytest.raises(TemplateError, match=words):
        load_templates([write(tmp_path, "a.yaml", GOOD), write(tmp_path, "b.yaml", variant)])


def test_a_variant_is_applied_after_every_base_whatever_the_file_order(tmp_path):
    variant = write(tmp_path, "a.yaml", "extends: X1\nvariant: 加一行\nsections:\n  stats:\n    insert_after: a\n"
                                          "    rows: [{key: e, label: 戊}]\n")
    (template,) = load_templates([variant, write(tmp_path, "b.yaml", GOOD)])
    assert [row.key for row in template.sections["stats"].rows] == ["a", "e", "b", "b.c", "b.d"]
    assert template.variants == ["加一行"]
    assert template.row("stats.e").columns is template.row("stats.a").columns     # the anchor's columns


def test_yaml_files_are_sorted_yaml_first(tmp_path):
    for name in ("b.yml", "a.yml", "d.yaml", "c.yaml", "notes.txt"):
        write(tmp_path, name, "")
    assert [path.rsplit("/", 1)[-1] for path in yaml_files(str(tmp_path))] == ["c.yaml", "d.yaml", "a.yml", "b.yml"]
    assert yaml_files(str(tmp_path / "missing")) == []
