"""linter.check.figures and the vocabulary: which table value each figure of the prose states.

The lists below were made by reading the reports (their prose and their tables), not from
gxlint's output: each entry is a figure the text states for a table indicator, with the key
of that indicator in the table.
"""

import pytest

from linter.bind.vocabulary import builtin_vocabulary, clean, load_vocabulary, phrase
from linter.check.engine import run_rules
from linter.check.figures import figures_in, read_report
from linter.check.loading import load_all
from linter.check.prose import Prose

from ..conftest import fixture_text, line_of, load_text

FIGURE_RULES = {"GX301", "GX302", "GX303", "GX304", "GX305", "GX311", "GX312", "GX313"}

# (fixture, line, text around the figure, the figure, the key of the table value it states)
STATED = [
    # seed 000 (2008 table): 全系统主动公开信息979条 — （一）主动公开政府信息数 979
    ("seeds/000", 19, "主动公开信息979条", "979", "stats.active.total"),
    # seed 001 (2019 tables, 2008 appendix): the appendix has 政务微博 269, 政务微信 341
    ("seeds/001", 18, "共发送各类信息269条", "269", "stats.active.channel.weibo"),
    ("seeds/001", 18, "共推送博文341条", "341", "stats.active.channel.wechat"),
    # seed 002 (Beijing's 2008 table)
    ("seeds/002", 29, "微博发布信息5475条", "5475", "stats.active.channel.weibo"),
    ("seeds/002", 29, "推送1050余条", "1050", "stats.active.channel.wechat"),
    ("seeds/002", 40, "受理依申请公开44件", "44", "stats.apply.received"),
    ("seeds/002", 48, "信息数610条", "610", "stats.active.total"),
    ("seeds/002", 48, "规范性文件2条", "2", "stats.active.normative"),
    ("seeds/002", 48, "政府信息3134条", "3134", "stats.active.key_areas"),
    ("seeds/002", 48, "行政经费信息数2条", "2", "stats.active.key_areas.budget"),
    ("seeds/002", 48, "监督管理的信息数3132条", "3132", "stats.active.key_areas.public_institutions"),
    ("seeds/002", 49, "信息数46条", "46", "stats.active.channel.website"),
    ("seeds/002", 49, "信息数5475条", "5475", "stats.active.channel.weibo"),
    ("seeds/002", 49, "信息数1050条", "1050", "stats.active.channel.wechat"),
    ("seeds/002", 51, "舆情135次", "135", "stats.response.total"),
    ("seeds/002", 51, "发布会3次", "3", "stats.response.press"),
    ("seeds/002", 51, "访谈3次", "3", "stats.response.interview"),
    ("seeds/002", 51, "解读32篇", "32", "stats.response.interpretation"),
    ("seeds/002", 51, "事件90次", "90", "stats.response.weibo_wechat"),
    ("seeds/002", 51, "事件61次", "61", "stats.response.other"),
    ("seeds/002", 54, "受理申请44件", "44", "stats.apply.received"),
    ("seeds/002", 54, "当面申请20件", "20", "stats.apply.received.in_person"),
    ("seeds/002", 54, "形式申请8件", "8", "stats.apply.received.letter"),
    ("seeds/002", 54, "互联网申请16件", "16", "stats.apply.received.online"),
    ("seeds/002", 54, "受理的44件", "44", "stats.apply.received"),
    ("seeds/002", 54, "不存在”的2件", "2", "stats.apply.replied.nonexistent"),
    ("seeds/002", 54, "同意公开”的20件", "20", "stats.apply.replied.granted"),
    ("seeds/002", 54, "范围”的1件", "1", "stats.apply.replied.already_public"),
    ("seeds/002", 54, "部分公开”的1件", "1", "stats.apply.replied.partly_granted"),
    ("seeds/002", 54, "办理”的1件", "1", "stats.apply.replied.other_channel"),
    ("seeds/002", 56, "复议申请15件", "15", "stats.review"),
    ("seeds/002", 56, "行为的13件", "13", "stats.review.upheld"),
    ("seeds/002", 56, "情形数2件", "2", "stats.review.other"),
    ("seeds/002", 56, "诉讼案14件", "14", "stats.litigation"),
    ("seeds/002", 56, "请求6件", "6", "stats.litigation.upheld"),
    ("seeds/002", 56, "情形数8件", "8", "stats.litigation.other"),       # the report's own mistake (7)
    ("seeds/002", 58, "机构1个", "1", "stats.organization.bodies"),
    ("seeds/002", 58, "查阅点1个", "1", "stats.organization.reading_points"),
    ("seeds/002", 58, "人员2名", "2", "stats.organization.staff"),
    ("seeds/002", 58, "专职人员1名", "1", "stats.organization.staff.full_time"),
    ("seeds/002", 58, "兼职人员1名", "1", "stats.organization.staff.part_time"),
    ("seeds/002", 58, "经费18500元", "18500", "stats.organization.funds"),
    ("seeds/002", 58, "会议数2次", "2", "stats.training.meetings"),
    ("seeds/002", 58, "培训班数2次", "2", "stats.training.classes"),
    ("seeds/002", 58, "培训150人", "150", "stats.training.attendees"),
    # seed 003 states none of its table's figures (26 条 and 7 条 are items of 业务工作信息 and 财政预决算)
    # seed 004 (2019 tables): 行政处罚 处理决定数量 306
    ("seeds/004", 9, "行政处罚306条", "306", "active.penalty.decisions"),
]

# Hongze 2024 (2021 tables, text as pdftotext -raw gives it), with sentences added in the
# manner of real reports, each figure taken from its tables: 本年新收 95, 上年结转 0, 予以公开 50,
# 部分公开 9, 不予公开 3, 无法提供 32, 不予处理 1, 其他处理 0, 总计 95, 结转下年度 0; 行政复议 1 1 0 0 2;
# 未经复议直接起诉 1 0 0 0 1, 复议后起诉 2 0 1 0 3; 行政规范性文件 制发 3 废止 0 现行有效 8; 行政许可 9487.
HONGZE_ADDED = ("本年度共收到政府信息公开申请95件，答复政府信息公开申请95件（含上年度结转申请0件，另有0件申请"
                "顺延到下年度答复）。予以公开及部分公开59件，不予公开3件，因本机关不掌握等原因无法提供32件，"
                "不予处理1件，其他处理0件。政府信息公开行政复议2件，其中结果维持1件，结果纠正1件，其他结果0件，"
                "尚未审结0件；行政诉讼4件，其中未经复议直接起诉1件，复议后起诉3件，复议后起诉的结果维持2件。"
                "全年制发行政规范性文件3件，废止0件，现行有效8件；作出行政许可决定9487件。")
HONGZE_STATED = [
    ("共收到政府信息公开申请95件", "95", "apply.new.total"),
    ("答复政府信息公开申请95件", "95", "apply.total.total"),
    ("结转申请0件", "0", "apply.carried_over.total"),
    ("另有0件", "0", "apply.carried_forward.total"),
    ("部分公开59件", "59", "apply.granted.total + apply.partly_granted.total"),
    ("不予公开3件", "3", "sum(apply.refused.*.total)"),
    ("无法提供32件", "32", "sum(apply.unavailable.*.total)"),
    ("不予处理1件", "1", "sum(apply.not_handled.*.total)"),
    ("其他处理0件", "0", "sum(apply.@other_handling.total)"),
    ("行政复议2件", "2", "review.reconsideration.total"),
    ("结果维持1件", "1", "review.reconsideration.upheld"),
    ("结果纠正1件", "1", "review.reconsideration.corrected"),
    ("其他结果0件", "0", "review.reconsideration.other"),
    ("尚未审结0件", "0", "review.reconsideration.pending"),
    ("行政诉讼4件", "4", "review.litigation_direct.total + review.litigation_after.total"),
    ("直接起诉1件", "1", "review.litigation_direct.total"),
    ("复议后起诉3件", "3", "review.litigation_after.total"),
    ("结果维持2件", "2", "review.litigation_after.upheld"),
    ("规范性文件3件", "3", "active.normative.issued"),
    ("废止0件", "0", "active.normative.repealed"),
    ("现行有效8件", "8", "active.normative.in_force"),
    ("行政许可决定9487件", "9487", "active.licensing.decisions"),
]


def hongze(added: str = HONGZE_ADDED) -> str:
    lines = fixture_text("real/hongze-2024.raw").split("\n")
    assert lines[29] == "信息公开申请 17 件，均已在法定期限内予以答复。"
    lines[29] += added
    return "\n".join(lines)


def readings(text: str) -> dict[tuple[int, int], tuple[str, bool]]:
    """(line, column) of each figure read -> (what it states, whether as a part)."""
    report = load_text(text)
    paragraphs = Prose(report.document.paragraphs).paragraphs
    found = {}
    for figures in read_report(report, builtin_vocabulary()):
        for by_figure in figures.readings.values():
            for reading in by_figure.values():
                place = paragraphs[figures.index].locate(reading.figure.n_start)
                found[place] = (reading.bound.indicator.equals, reading.part)
    return found


def figure_findings(text: str):
    return [f for f in run_rules(load_text(text), load_all().ruleset) if f.rule in FIGURE_RULES]


def changed(text: str, line: int, around: str, figure: str) -> tuple[str, tuple[int, int]]:
    """*text* with *figure* (inside *around*, on *line*) one more, and where it stands."""
    lines = text.split("\n")
    start = lines[line - 1].index(around)
    column = start + around.index(figure) + 1
    lines[line - 1] = lines[line - 1].replace(around, around.replace(figure, str(int(figure) + 1), 1), 1)
    return "\n".join(lines), (line, column)


@pytest.mark.parametrize("fixture, line, around, figure, key", STATED,
                         ids=[f"{fixture}-{line}-{around}" for fixture, line, around, *_ in STATED])
def test_each_stated_figure_is_read_as_its_indicator(fixture, line, around, figure, key):
    text = fixture_text(fixture)
    start = text.split("\n")[line - 1].index(around) + around.index(figure) + 1
    assert readings(text).get((line, start)) == (key, False)


@pytest.mark.parametrize("fixture, line, around, figure, key", STATED,
                         ids=[f"{fixture}-{line}-{around}" for fixture, line, around, *_ in STATED])
def test_each_stated_figure_one_more_is_reported_at_it(fixture, line, around, figure, key):
    text, place = changed(fixture_text(fixture), line, around, figure)
    assert place in {(f.line, f.column) for f in figure_findings(text)}


def test_the_seeds_state_no_other_figure_of_their_tables():
    for fixture in ("seeds/000", "seeds/001", "seeds/002", "seeds/003", "seeds/004"):
        text = fixture_text(fixture)
        listed = {(line, text.split("\n")[line - 1].index(around) + around.index(figure) + 1)
                  for name, line, around, figure, _ in STATED if name == fixture}
        read = {place for place, (_, part) in readings(text).items() if not part}
        assert read == listed, fixture


@pytest.mark.parametrize("around, figure, key", HONGZE_STATED, ids=[around for around, *_ in HONGZE_STATED])
def test_2021_sentences_are_read_in_their_section(around, figure, key):
    text = hongze()
    line, column = line_of(text, around)
    assert readings(text).get((line, column + around.index(figure))) == (key, False)


@pytest.mark.parametrize("around, figure, key", HONGZE_STATED, ids=[around for around, *_ in HONGZE_STATED])
def test_2021_sentences_one_more_are_reported(around, figure, key):
    text = hongze()
    line, _ = line_of(text, around)
    text, place = changed(text, line, around, figure)
    assert place in {(f.line, f.column) for f in figure_findings(text)}


def test_the_2021_sentences_agree_with_the_tables():
    text = hongze()
    assert [f for f in figure_findings(text) if f.line == 30] == []
    assert [f for f in run_rules(load_text(text), load_all().ruleset) if f.rule in ("GX321", "GX322")] == []


def test_a_2021_finding_names_the_sum_it_compares_with():
    text = hongze().replace("予以公开及部分公开59件", "予以公开及部分公开60件")
    (finding,) = [f for f in figure_findings(text) if f.line == 30]
    assert finding.rule == "GX311"
    assert finding.message == "正文写“予以公开及部分公开60件”，表格中“（一）予以公开“总计”、（二）部分公开“总计””为 59"
    assert len(finding.related) == 2                      # the two cells added up


# --- what a figure is about ------------------------------------------------------------------------------------

def test_a_figure_qualified_as_a_part_is_compared_as_at_most():
    # seed 001: 针对…等热点焦点问题回应公众关注热点、解读相应政策13次; the table has 58 in all
    text = fixture_text("seeds/001")
    place = line_of(text, "13次")
    assert readings(text)[place] == ("stats.response.total", True)
    assert figure_findings(text) == []
    assert [(f.rule, f.line, f.column) for f in figure_findings(text.replace("政策13次", "政策59次"))] == \
        [("GX302", *place)]
    # without the qualifiers it states the total
    plain = text.replace("针对医疗卫生服务领域“最多跑一次”改革，健康余姚建设、县域医共体建设、医疗服务品质提升、"
                         "公立医院改革等热点焦点问题", "全年")
    assert [f.rule for f in figure_findings(plain)] == ["GX302"]


def test_one_office_acting_for_the_agency_states_a_part():
    # Hongze: 区政府办代表区政府受理政府信息公开申请 17 件 (one office's share); the table has 95 in all
    text = fixture_text("real/hongze-2024.layout")
    place = line_of(text, "17 件")
    assert readings(text)[place] == ("apply.new.total", True)
    assert figure_findings(text) == []
    assert [(f.rule, f.line, f.column) for f in figure_findings(text.replace("申请 17 件", "申请 96 件"))] == \
        [("GX311", *place)]
    # 人大代表建议 names deputies, not an office acting for the agency
    assert not any(pattern.search("办理人大代表建议") for pattern in builtin_vocabulary().parts)


def test_of_which_the_same_indicator_is_a_part():
    text = fixture_text("seeds/002").replace(
        "回应公众关注热点或重大舆情135次，", "回应公众关注热点或重大舆情135次，其中回应公众关注热点或重大舆情100次，")
    place = line_of(text, "100次")
    assert readings(text)[place] == ("stats.response.total", True)
    assert [f for f in figure_findings(text) if f.line == 51] == []


def test_naming_the_agency_is_no_qualifier():
    # seed 002: 针对我委政府信息公开的行政诉讼案14件 states the table's 14
    text = fixture_text("seeds/002")
    assert readings(text)[line_of(text, "14件")] == ("stats.litigation", False)
    assert [f.line for f in figure_findings(text.replace("诉讼案14件", "诉讼案13件"))] == [56, 56]


@pytest.mark.parametrize("sentence", [
    "收到政府信息公开申请较上年增加5件。",            # a change
    "2017年共受理政府信息公开申请30件。",             # another year
    "累计受理政府信息公开申请300件。",                # since ever
    "平均每月受理政府信息公开申请4件。",
])
def test_figures_of_another_kind_are_not_compared(sentence):
    text = fixture_text("seeds/002") + "\n" + sentence + "\n"
    line = line_of(text, sentence)[0]
    assert [place for place in readings(text) if place[0] == line] == []
    # the same figure stated plainly is compared (seed 002 received 44 applications)
    plain = fixture_text("seeds/002") + "\n共受理政府信息公开申请45件。\n"
    assert [f.rule for f in figure_findings(plain) if f.line == line] == ["GX303"]


@pytest.mark.parametrize("words, key", [("同意公开答复", "stats.apply.replied.granted"),
                                        ("同意部分公开答复", "stats.apply.replied.partly_granted"),
                                        ("部分公开答复", "stats.apply.replied.partly_granted"),
                                        ("不同意公开答复", "stats.apply.replied.refused"),
                                        ("不予公开答复", "stats.apply.replied.refused")])
def test_the_rows_of_the_2008_table_named_as_the_table_names_them(words, key):
    # 2.同意公开答复数, 3.同意部分公开答复数, 4.不同意公开答复数 (their labels are phrases of the
    # vocabulary), also written without 同意: the words before 答复, not 答复 alone
    sentence = f"答复政府信息公开申请25件，其中{words}3件。"
    text = fixture_text("seeds/002") + "\n" + sentence + "\n"
    line, column = line_of(text, f"{words}3件")
    assert readings(text)[line, column + len(words)] == (key, False)


def test_the_sentence_says_which_section():
    base = fixture_text("seeds/002")
    # 其他情形数 is a row under 行政复议 and under 行政诉讼: with neither named, it is not read
    text = base + "\n政府信息公开工作中，其他情形数9件。\n"
    line = line_of(text, "其他情形数9件")[0]
    assert [f for f in figure_findings(text) if f.line == line] == []
    text = base + "\n本年度政府信息公开行政诉讼中，其他情形数9件。\n"
    assert [f.rule for f in figure_findings(text) if f.line == line] == ["GX304"]
    text = base + "\n本年度政府信息公开行政复议中，其他情形数9件。\n"
    assert [f.message for f in figure_findings(text) if f.line == line] == \
        ["正文写“其他情形数9件”，统计表中“（三）其他情形数”为 2"]


def test_the_unit_tells_indicators_apart():
    # 培训: 举办各类培训班数 in 次, 接受培训人员数 in 人次 (seed 002: 2 and 150)
    text = fixture_text("seeds/002") + "\n全年组织政府信息公开培训2次，培训150人次。\n"
    line = line_of(text, "全年组织")[0]
    found = readings(text)
    assert found[(line, text.split("\n")[line - 1].index("2次") + 1)] == ("stats.training.classes", False)
    assert found[(line, text.split("\n")[line - 1].index("150") + 1)] == ("stats.training.attendees", False)


def test_two_channels_in_one_sentence_leave_a_bare_count_unread():
    # seed 000: 网站、微博 … 两个微信公众号 … 共推送141期、487条: whose 487 is, the sentence does not say
    text = fixture_text("seeds/000")
    assert line_of(text, "487条") not in readings(text)


def test_traditional_characters_are_read():
    text = fixture_text("seeds/002").replace("我委共受理申请44件", "我委共受理申請45件")
    assert (54, 8) in {(f.line, f.column) for f in figure_findings(text)}


def test_figures_in_text():
    found = figures_in("收到申请44件，约300余条，占45.4%，第3次，2018年，5.5万条，18500元，abc12件")
    assert [(str(f.number), f.unit) for f in found] == [
        ("44", "件"), ("300", "条"), ("45.4", "%"), ("2018", None), ("5.5", "条"), ("18500", "元")]
    assert found[1].pre == "约" and found[1].post == "余" and found[4].scale == 10000


# --- the vocabulary ----------------------------------------------------------------------------------------

def test_cleaning_keeps_clause_marks_and_offsets():
    text, offsets = clean("“同意公开”的 20件，範圍")
    assert text == "同意公开的20件|范围"
    assert [offsets[i] for i in (0, 5, 9, 10)] == [1, 8, 12, 13]     # 同, 2, 範, 圍


def test_phrases():
    assert phrase("信函…申请").parts == ("信函", "申请") and not phrase("信函…申请").loose
    assert phrase("维持…").loose and phrase("…顺延", after=True).loose


def test_the_template_labels_are_words_of_the_vocabulary(catalog):
    words = builtin_vocabulary().for_template(catalog.get("2008"))
    by_key = {}
    for indicator in words.indicators:
        by_key.setdefault(indicator.equals, set()).update(p.parts[0] for p in indicator.words)
    assert "当面申请" in by_key["stats.apply.received.in_person"]            # 1.当面申请数
    assert "其他情形" in by_key["stats.review.other"] and "其他情形" in by_key["stats.litigation.other"]
    assert "微博微信回应事件" in by_key["stats.response.weibo_wechat"]      # 事件数: only 数 goes


def test_a_bad_vocabulary_is_refused(tmp_path):
    from linter.bind.vocabulary import VocabularyError

    path = tmp_path / "vocabulary.yaml"
    path.write_text("templates:\n  '2008':\n    indicators:\n      - {key: stats.fees}\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="应有 words 或 after"):
        load_vocabulary(str(path)).for_template(load_all().catalog.get("2008"))
    path.write_text("colour: red\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="顶层"):
        load_vocabulary(str(path))


def test_reading_stops_at_its_deadline():
    import time

    from linter.check.figures import FiguresTimeout, figures_of

    report = load_text(fixture_text("seeds/002") + "\n" + "其他情形数8件，" * 3000 + "\n")
    with pytest.raises(FiguresTimeout):
        read_report(report, builtin_vocabulary(), time.monotonic() - 1)
    # the checks of shares and breakdowns then go on with the figures alone
    assert all(paragraph.readings == {} for paragraph in figures_of(report, seconds=-1))
    assert any(paragraph.readings for paragraph in figures_of(report))


def test_a_vocabulary_entry_names_the_cells_it_compares(catalog):
    from linter.check.expr import keys_in

    rule = load_all().ruleset.by_id("GX304")
    keys = set(keys_in(rule.entries[0].bound_to(catalog.get("2008"))))
    assert {"stats.review", "stats.review.other", "stats.litigation.upheld"} <= keys
    assert not any(key.startswith("stats.apply") for key in keys)


def test_applications_received_may_count_those_carried_over():
    # Hongze's table with 3 carried over (line 82): 共收到 98 is 95 new and 3 carried over, 97 is neither
    lines = hongze("本年度共收到政府信息公开申请98件。").split("\n")
    assert lines[81] == "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0"
    lines[81] = "二、上年结转政府信息公开申请数量 3 0 0 0 0 0 3"
    text = "\n".join(lines)
    assert [f for f in figure_findings(text) if f.line == 30] == []
    wrong = text.replace("申请98件", "申请97件")
    assert [f.message for f in figure_findings(wrong) if f.line == 30] == \
        ["正文写“收到政府信息公开申请97件”，表格中“一、本年新收政府信息公开申请数量“总计””为 95"]


def test_other_work_of_the_agency_is_not_compared():
    # a reconsideration office's own caseload, staff and training are no information-disclosure figures
    base = fixture_text("seeds/002")
    for sentence in ("全年共受理行政复议申请356件，其中维持原行政行为200件。", "我局现有工作人员120名。",
                     "全年举办各类业务培训班12次，培训医务人员3000人次。", "全年受理行政许可申请2000件。"):
        text = base + "\n" + sentence + "\n"
        line = line_of(text, sentence)[0]
        assert [place for place in readings(text) if place[0] == line] == [], sentence
    # the same words about information disclosure are compared
    text = base + "\n全年共受理政府信息公开行政复议申请16件。\n"
    assert [f.rule for f in figure_findings(text) if f.line == line_of(text, "全年共受理政府")[0]] == ["GX304"]
