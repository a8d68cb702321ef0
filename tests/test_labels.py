"""linter.labels: labels compared the way a reader compares them."""

import pytest

from linter.labels import LabelIndex, normalize, normalize_full, numbering


@pytest.mark.parametrize("written, words", [
    ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "主动公开政府信息数"),
    ("(一) 主动公开政府信息数 (不同渠道和方式公开相同信息计1条)", "主动公开政府信息数"),  # seed 003
    ("　　（一）主动公开政府信息数", "主动公开政府信息数"),
    ("其中：主动公开规范性文件数", "主动公开规范性文件数"),
    ("其中: 主要负责同志参加新闻发布会次数", "主要负责同志参加新闻发布会次数"),
    ("统　计　指　标", "统计指标"),
    ("统 计 指 标", "统计指标"),
    ("3.危及“三安全一稳定”", "危及三安全一稳定"),
    ("5.属于三类内部事务信息", "属于三类内部事务信息"),  # 三类 is a word, not numbering
    ("1. 政府公报公开政府信息数", "政府公报公开政府信息数"),
    ("2、政府网站公开政府信息数", "政府网站公开政府信息数"),
    ("①当面申请数", "当面申请数"),
    ("三、本年度办理结果", "本年度办理结果"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    ("（二）部分公开（区分处理的", "部分公开"),            # note cut off before its bracket closes
    ("不是《条例》所指政府信息", "不是条例所指政府信息"),
    ("商业 企业", "商业企业"),
    ("規章", "规章"),                                   # traditional characters (web-007)
    ("本年制發(fā)件數(shù)", "本年制发件数"),            # with the pinyin a converter left in
    ("行政規範性文件", "行政规范性文件"),
])
def test_normalize(written, words):
    assert normalize(written) == words


def test_full_form_keeps_bracketed_item_number():
    assert normalize_full("第二十条第（一）项") == normalize_full("第二十條第(一)項") == "第二十条第一项"
    assert normalize_full("第二十条第（五）项") != normalize_full("第二十条第（六）项")


@pytest.mark.parametrize("label, number", [("1.属于国家秘密", "1"), ("（三）不予公开", "三"),
                                           ("其中：涉及国家秘密", ""), ("一、本年新收", "一")])
def test_numbering(label, number):
    assert numbering(label) == number


def test_index_exact_alias_and_near_miss():
    index = LabelIndex()
    index.add(["二、上年结转政府信息公开申请数量"], "carried_over")
    index.add(["（七）总计"], "total")
    assert index.exact("上年结转政府信息公开申请数量") == ["carried_over"]
    assert index.exact("（七）总计") == ["total"]
    assert index.exact("上年转结政府信息公开申请数量") == []
    near = index.near("二、上年转结政府信息公开申请数量", 0.8)   # seed 001 swaps 结转
    assert near and near[0][1] == "carried_over"
    assert index.near("政府网站在线访谈次数", 0.8) == []


def test_deep_notes_and_long_prefixes_are_stripped_in_bounded_time():
    import time

    from linter.labels import normalize

    assert normalize("规章" + "（" * 300 + "注" + "）" * 300 + "数") == "规章数"
    assert normalize("其中：一、" * 300 + "（三）不予公开") == "不予公开"
    start = time.monotonic()
    for garbage in ("(" * 200_000 + ")" * 200_000, "其中：一、" * 200_000, "【" * 200_000 + "】" * 200_000):
        normalize(garbage)
    assert time.monotonic() - start < 5             # each took minutes: one pass per level or prefix


def _near_by_difflib(labels, label, threshold):
    """What near() answers, computed the plain way: difflib's ratio against every label."""
    from difflib import SequenceMatcher

    key, best = normalize(label), {}
    for text, entry in labels:
        candidate = normalize(text)
        if abs(len(candidate) - len(key)) > max(len(candidate), len(key)) * (1 - threshold) + 1:
            continue
        score = SequenceMatcher(None, key, candidate, autojunk=False).ratio()
        if score >= threshold and score > best.get(entry, 0.0):
            best[entry] = score
    return sorted(((score, entry) for entry, score in best.items()), key=lambda item: -item[0])


def test_near_misses_are_difflibs_ratio_with_its_bounds_taken_first():
    import random

    from linter.templates import builtin_catalog

    labels = sorted({(label, row.key or row.section) for template in builtin_catalog().templates
                     for section in template.sections.values() for row in section.rows for label in row.labels})
    index = LabelIndex()
    for label, entry in labels:
        index.add([label], entry)
    rng = random.Random(7)
    for _ in range(300):
        text = list(rng.choice(labels)[0])
        for _ in range(rng.randrange(4)):        # a few characters dropped, swapped or mistyped
            at = rng.randrange(len(text))
            choice = rng.randrange(3)
            if choice == 0 and len(text) > 1:
                del text[at]
            elif choice == 1:
                text[at], text[-1] = text[-1], text[at]
            else:
                text[at] = rng.choice("数量申请公开政府信息")
        label, threshold = "".join(text), rng.choice([0.6, 0.8, 0.9])
        assert [(round(score, 12), entry) for score, entry in index.near(label, threshold)] == \
            [(round(score, 12), entry) for score, entry in _near_by_difflib(labels, label, threshold)]


@pytest.fixture
def kept_forms(tmp_path, monkeypatch):
    from linter import cache, labels

    monkeypatch.setenv("GXLINT_CACHE_DIR", str(tmp_path / "cache"))
    cache.reset()
    labels.forget_forms()
    yield labels
    cache.reset()
    labels.forget_forms()


def test_label_forms_are_kept_for_later_runs(kept_forms):
    label = "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"
    assert kept_forms.forms(label) == (normalize(label), normalize_full(label))
    kept_forms.save_forms()
    kept_forms.forget_forms()                              # as a new process would start
    table = kept_forms._forms_table()
    assert table.get(label) == [normalize(label), normalize_full(label)]
    table.add("規章", ["kept", "forms"])
    kept_forms.save_forms()
    kept_forms.forget_forms()
    assert kept_forms.forms("規章") == ("kept", "forms")      # what the cache says is what is used


def test_kept_label_forms_are_not_used_once_the_character_table_changes(kept_forms, tmp_path, monkeypatch):
    kept_forms._forms_table().add("規章", ["kept", "forms"])
    kept_forms.save_forms()
    kept_forms.forget_forms()
    assert kept_forms.forms("規章") == ("kept", "forms")
    table = tmp_path / "hanzi.yaml"
    table.write_bytes(open(kept_forms._hanzi_path(), "rb").read() + b"\n")
    monkeypatch.setattr(kept_forms, "_hanzi_path", lambda: str(table))
    kept_forms.forget_forms()
    assert kept_forms.forms("規章") == (normalize("規章"), normalize_full("規章")) == ("规章", "规章")


def test_every_template_label_comes_back_from_the_cache_as_worked_out(kept_forms):
    from linter.templates import builtin_catalog

    labels = [label for template in builtin_catalog().templates for section in template.sections.values()
              for label in [*section.column_labels(), *section.captions, *section.headers,
                            *(label for row in section.rows for label in row.labels)]]
    assert len(labels) > 300
    first = [kept_forms.forms(label) for label in labels]
    kept_forms.save_forms()
    kept_forms.forget_forms()
    assert all(kept_forms._forms_table().get(label) is not None for label in labels)
    assert [kept_forms.forms(label) for label in labels] == first == \
        [(normalize(label), normalize_full(label)) for label in labels]


def test_labels_are_prepared_as_the_plain_definition_prepares_them():
    # _prepare skips the translations a label does not need; the result is the plain definition's:
    # circled numbers spelt out, NFKC, traditional characters made simplified, no white space.
    import unicodedata
    from pathlib import Path

    from linter import labels

    table = labels._traditional_table()
    folder = Path(__file__).parent / "fixtures"
    texts = {cell for path in sorted(folder.rglob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
             for cell in line.replace("|", "\t").split("\t")}
    texts |= {"①当面申请数", "本年制發(fā)件數(shù)", "ＡＢＣ１２３（一）", "行政規範性文件\u00a0", "⑳其他", "ｶﾀｶﾅ 規章", ""}
    assert len(texts) > 700
    for text in texts:
        plain = unicodedata.normalize("NFKC", text.translate(labels._CIRCLED)).translate(table)
        assert labels._prepare(text) == "".join(plain.split()), text


def test_a_label_written_as_the_template_writes_it_is_not_worked_out_again(kept_forms, monkeypatch):
    label = "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"
    expected = (normalize(label), normalize_full(label))
    kept_forms.forms(label)
    kept_forms.save_forms()
    kept_forms.forget_forms()                              # a later run
    monkeypatch.setattr(kept_forms, "_normalize_cached", lambda text: pytest.fail("worked out again"))
    monkeypatch.setattr(kept_forms, "_normalize_full_cached", lambda text: pytest.fail("worked out again"))
    assert (kept_forms.normalize(label), kept_forms.normalize_full(label)) == expected
    assert kept_forms.forms(label) == expected
    monkeypatch.undo()
    assert kept_forms.normalize("其中：规章") == "规章"                # not kept: worked out as usual


def test_what_exact_found_is_remembered_until_labels_are_added(monkeypatch):
    from linter import labels

    monkeypatch.setattr(labels, "_FOUND_LIMIT", 2)
    index = LabelIndex()
    assert index.exact("总计") == []
    index.add(["（七）总计"], "total")                      # the index changed: asked again
    assert index.exact("总计") == ["total"]
    for text in ("总计", "合计", "（七）总计", "总计"):      # beyond the limit it starts over
        assert index.exact(text) == ([] if text == "合计" else ["total"])
    assert len(index._found) <= 2
