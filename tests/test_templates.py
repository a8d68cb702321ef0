"""linter.templates: the national formats as data, and what a broken template file gets."""

import pytest

from linter.templates import TemplateError, builtin_catalog, load_templates


def test_builtin_templates():
    catalog = builtin_catalog()
    assert [t.id for t in catalog.templates] == ["2008", "2019", "2021"]
    t2019, t2021 = catalog.get("2019"), catalog.get("2021")
    assert set(t2019.sections) == set(t2021.sections) == {"active", "apply", "review"}
    assert "apply.other.total" in t2019.keys() and "apply.other.other.total" in t2021.keys()
    assert "active.procurement.amount" in t2019.keys() and "active.procurement.amount" not in t2021.keys()
    assert len([k for k in t2021.keys() if k.startswith("review.")]) == 15
    assert catalog.get("2008").fits_year(2018) and not catalog.get("2008").fits_year(2019)


def test_variant_rows_are_inserted_after_their_anchor():
    stats = builtin_catalog().get("2008").sections["stats"]
    keys = [row.key for row in stats.rows]
    at = keys.index("active.normative_issued")
    assert keys[at + 1] == "active.key_areas"
    assert all(row.optional for row in stats.rows if row.key.startswith("active.key_areas"))
    assert [row.order for row in stats.rows] == list(range(len(stats.rows)))


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
    rows: [{key: a, label: 甲}]
"""


def test_a_new_format_is_a_yaml_file(tmp_path):
    (template,) = load_templates([write(tmp_path, "x.yaml", GOOD)])
    assert template.id == "X1" and template.keys() == ["stats.a"]


@pytest.mark.parametrize("text, words", [
    (GOOD.replace("years", "yaers"), "未知的键 yaers"),
    (GOOD.replace('"X1"', "1"), "id 应为字符串"),
    (GOOD.replace("stats:", "misc:"), "未知的部分 misc"),
    (GOOD.replace("{key: a, label: 甲}", "{key: a, label: 甲, colour: red}"), "未知的键 colour"),
    (GOOD.replace("rows: [{key: a, label: 甲}]", "rows: [{key: a}, {key: a}]"), "行 key 重复"),
    ("id: [unclosed", "YAML 语法错误"),
])
def test_broken_template_is_named(tmp_path, text, words):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(TemplateError) as caught:
        load_templates([path])
    assert str(path) in str(caught.value) and words in str(caught.value)


def test_variant_needs_an_existing_anchor(tmp_path):
    base = write(tmp_path, "a.yaml", GOOD)
    variant = write(tmp_path, "b.yaml", "extends: X1\nsections:\n  stats:\n    insert_after: zzz\n"
                                          "    rows: [{key: b, label: 乙}]\n")
    with pytest.raises(TemplateError, match="没有行 zzz"):
        load_templates([base, variant])
