"""linter.bind.labels: labels compared the way a reader compares them."""

import random
import time
from difflib import SequenceMatcher

import pytest

from linter.bind.labels import MAX_LABEL, LabelIndex, display, normalize, normalize_full, numbering
from linter.bind.templates import builtin_catalog


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
    ("行政規範性檔案", "行政规范性文件"),               # a converter that also changes words
    ("第二十條第(一)項", "第二十条第项"),               # without its brackets' contents (see the full form)
])
def test_normalize(written, words):
    assert normalize(written) == words


def test_full_form_keeps_bracketed_item_number():
    assert normalize_full("第二十条第（一）项") == normalize_full("第二十條第(一)項") == "第二十条第一项"
    assert normalize_full("第二十条第（五）项") != normalize_full("第二十条第（六）项")


@pytest.mark.parametrize("label, number", [("1.属于国家秘密", "1"), ("（三）不予公开", "三"),
                                           ("其中：涉及国家秘密", ""), ("一、本年新收", "一"), ("②传真", "2")])
def test_numbering(label, number):
    assert numbering(label) == number


@pytest.mark.parametrize("label, shown", [
    ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "（一）主动公开政府信息数"),
    ("  3.政务微博公开政府信息数 ", "3.政务微博公开政府信息数"),
    ("统 计　指  标", "统 计 指 标"),
    ("（不同渠道和方式公开相同信息计1条）", "（不同渠道和方式公开相同信息计1条）"),   # nothing else to show
    ("规章（件）", "规章（件）"),                                                 # a short note stays
])
def test_display(label, shown):
    assert display(label) == shown


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
    assert index.near("", 0.5) == []


def test_index_full_form_first():
    index = LabelIndex()
    index.add(["第二十条第（一）项"], "item1")
    index.add(["第二十条第（五）项"], "item5")
    assert index.exact("第二十條第(五)項") == ["item5"]
    assert index.exact("第二十条第项") == ["item1", "item5"]         # the short form names both


def test_index_starting_and_entries():
    index = LabelIndex()
    entry = object()
    index.add(["（一）主动公开政府信息数", "主动公开信息数"], entry)
    index.add(["（二）其他"], "other")
    assert index.starting("主动公开") == [entry]                     # a label wrapped onto the next line
    assert index.starting("主") == []                                # too short to say
    assert index.entries() == [entry, "other"]
    index.add(["（一）主动公开政府信息数"], entry)                    # added again: still one entry
    assert index.exact("主动公开政府信息数") == [entry]


def test_deep_notes_and_long_prefixes_are_stripped_in_bounded_time():
    assert normalize("规章" + "（" * 150 + "注" + "）" * 150 + "数") == "规章数"
    # beyond MAX_LABEL characters only the head is read (the old test nested 300 deep, 604 characters:
    # now its head ends inside the notes, which are dropped as cut off)
    assert normalize("规章" + "（" * 300 + "注" + "）" * 300 + "数") == "规章"
    assert normalize("其中：一、" * 30 + "（三）不予公开") == "不予公开"
    start = time.monotonic()
    for garbage in ("(" * 200_000 + ")" * 200_000, "其中：一、" * 200_000, "【" * 200_000 + "】" * 200_000):
        normalize(garbage)
    assert time.monotonic() - start < 5             # each took minutes: one pass per level or prefix


def test_a_long_text_is_compared_by_its_first_characters():
    head = "主动公开政府信息数"
    assert normalize(head + "x" * MAX_LABEL) == normalize(head + "x" * MAX_LABEL + "different tail")


def _near_by_difflib(labels, label, threshold):
    """What near() answers, computed the plain way: difflib's ratio against every label."""
    key, best = normalize(label), {}
    if not key:
        return []
    for text, entry in labels:
        candidate = normalize(text)
        score = SequenceMatcher(None, key, candidate, autojunk=False).ratio()
        if score >= threshold and score > best.get(entry, 0.0):
            best[entry] = score
    return sorted(((score, entry) for entry, score in best.items()), key=lambda item: -item[0])


def test_near_misses_are_difflibs_ratio_with_its_bounds_taken_first():
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
