"""Reported figures, rule by rule, on short sentences of the genre: what each figure counts,
its qualifier, its year, whether it is a target, and what is not a figure at all."""
from decimal import Decimal

import pytest
from rdflib import XSD, Literal, Namespace

import skillgraph
from skillgraph import pipeline
from skillgraph.document import from_text
from skillgraph.normalize import fraction_to_percent
from skillgraph.resources import SG as SG_IRI
from skillgraph.validate import validate

SG = Namespace(SG_IRI)
SIGNED = "\n\n某某市人力资源和社会保障局\n2025年5月10日"  # a signature date: 今年 is 2025


def statistics(text: str):
    return pipeline.process(from_text(text, doc_id="t")).statistics


def found(text: str) -> list[tuple]:
    """(value, unit, qualifier, indicator) of each statistic, in text order."""
    return [(s.figure.value.normalize(), s.figure.unit, s.figure.qualifier, s.figure.indicator) for s in statistics(text)]


def one(text: str):
    (s,) = statistics(text)
    return s.figure


def d(x) -> Decimal:
    return Decimal(x).normalize()


# ---------------------------------------------------------------- what is counted

@pytest.mark.parametrize("sentence, indicators", [
    # a verb that says what the count is of stays in the indicator
    ("全市累计开展各类职业培训10.5万人次,新增技能人才5.64万人,新增高技能人才2万人。",
     ["各类职业培训", "新增技能人才", "新增高技能人才"]),
    ("建成行业或区域职教集团81个,参与企业数达600余个。", ["区域职教集团", "参与企业数"]),
    # the first of two joined nouns, a word that begins with 在, a quoted name before the noun
    ("全市共有保安及保洁人员300多人。", ["保安及保洁人员"]),
    ("全市在岗职工9.4万人。", ["在岗职工"]),
    ("开展“巴渝家政”培训3万人次。", ["“巴渝家政”培训"]),
    # a one-character noun suffix before 达
    ("专业与重点产业匹配度达91%,就业率达99%。", ["专业与重点产业匹配度", "就业率"]),
])
def test_the_indicator_holds_the_counted_phrase(sentence, indicators):
    assert [i for *_, i in found(sentence)] == indicators


def test_a_percentage_before_de_is_of_what_follows():
    assert found("超额完成省定一季度27%的目标任务。") == [(d(27), "%", "Exact", "目标任务")]


@pytest.mark.parametrize("sentence, share", [
    ("全市高技能人才达到158万人,占全市技能人才的31.4%。", "高技能人才占全市技能人才"),
    ("全市共有技能人才503.2万人,占全市就业人口的29.62%。", "技能人才占全市就业人口"),
    ("其中高技能人才58万人,占比31.4%。", "高技能人才占比"),
])
def test_a_share_names_the_part_and_the_whole(sentence, share):
    assert found(sentence)[-1][3] == share


def test_a_share_of_a_share_word():
    assert found("高技能人才占从业人员的比重达30%。")[0][3] == "高技能人才占从业人员的比重"
    assert found("全市技能人才52万人,其中高技能人才15万人,占技能人才总量的28.8%。")[-1][3] == "高技能人才占技能人才总量"


def test_a_level_alone_counts_a_part_of_what_was_just_counted():
    assert [i for *_, i in found("全市现有技能大师工作室15个,其中国家级2个、省级13个。")] == [
        "技能大师工作室", "国家级技能大师工作室", "省级技能大师工作室"]
    assert [i for *_, i in found("共建设省级高技能人才培训基地6个(其中2个为国家级)。")] == [
        "省级高技能人才培训基地", "国家级高技能人才培训基地"]


def test_a_change_is_of_what_was_just_counted():
    assert found("全市共有技能大师工作室30个,较上年增加5个。")[-1] == (d(5), "个", "Exact", "技能大师工作室增加")
    assert found("培训补贴资金支出1.2亿元,同比增长15%。")[-1][3] == "培训补贴资金支出同比增长"


def test_the_kind_counted_leaves_out_the_action_before_it():
    (studios,) = statistics("新认定市级技能大师工作室8个。")
    assert studios.counts and studios.counts.endswith("/技能大师工作室")
    (firms,) = statistics("我局选派科技特派员,服务企业30余家。")
    assert firms.counts is None  # 企业 alone is too general a kind


def test_people_counted_by_what_they_did():
    assert found("以及有关媒体记者共8000余人参加。") == [(d(8000), "人", "AtLeast", "参加")]
    assert found("帮助返乡农民工3000人就业。") == [(d(3000), "人", "Exact", "帮助返乡农民工就业")]


def test_where_no_noun_says_what_is_counted_the_verb_does():
    assert found("截至5月底已完成1.2万人次。") == [(d(12000), "人次", "Exact", "完成")]
    assert found("截至5月底,共计1.2万人次。") == []


# ---------------------------------------------------------------- lists and runs

def test_fenbie_lists_share_one_indicator():
    assert found("补贴标准分别为2万元和8000元。") == [(d(20000), "元", "Exact", "补贴标准"),
                                                (d(8000), "元", "Exact", "补贴标准")]
    assert [i for *_, i in found("分别完成年度目标的47.73%、43.14%、45.06%。")] == ["年度目标"] * 3


def test_a_rate_is_of_what_the_clause_before_names():
    assert [i for *_, i in found("给予一次性创业补贴,标准分别为2万元和8000元。")] == ["一次性创业补贴标准"] * 2
    assert found("发放求职创业补贴,补贴标准为每人1000元。") == [(d(1000), "元", "Exact", "补贴标准")]


def test_a_run_of_figures_shares_the_phrase_before_it():
    assert found("实施职业技能提升行动3年500亿元2000万人次。") == [
        (d(3), "年", "Exact", "职业技能提升行动"), (d(50000000000), "元", "Exact", "职业技能提升行动"),
        (d(20000000), "人次", "Exact", "职业技能提升行动")]


def test_a_quoted_run_of_figures_is_no_name_that_hides_them():
    assert [v for v, *_ in found("实施职业技能提升行动“3年500亿元2000万人次”。")] == [d(3), d(50000000000), d(20000000)]
    assert found("打造“15分钟就业服务圈”。") == []


# ---------------------------------------------------------------- durations, fractions, medals

@pytest.mark.parametrize("sentence, expected", [
    ("学制3年,为期6个月。", [(d(3), "年", "Exact", "学制"), (d(6), "个月", "Exact", "为期")]),
    ("计划用3年时间,从扩容省份、新增企业、拓展行业推进。", [(d(3), "年", "Exact", "时间")]),
    ("补贴期限最长不超过3年。", [(d(3), "年", "AtMost", "补贴期限")]),
])
def test_durations(sentence, expected):
    assert found(sentence) == expected


def test_a_year_is_no_duration():
    assert found("2023年全市开展培训。") == []


def test_fractions_are_percentages():
    assert fraction_to_percent("1", "2") == 50
    assert fraction_to_percent("一", "三") == Decimal("33.33")
    assert found("参训学员中女性占1/2以上。") == [(d(50), "%", "AtLeast", "参训学员中女性")]
    assert found("农民工占三分之一。") == [(d("33.33"), "%", "Exact", "农民工")]


def test_medal_counts():
    assert found("湖北选手获得2银3铜和52个优胜奖。") == [
        (d(2), "个", "Exact", "银牌"), (d(3), "个", "Exact", "铜牌"), (d(52), "个", "Exact", "优胜奖")]
    assert found("在电工和西式烹调2个项目获得银牌。") == [(d(2), "个", "Exact", "银牌")]
    assert found("参保职工享受五险一金。") == []


def test_a_figure_repeated_in_a_headline_is_one_statistic():
    text = "湖北选手获得2银3铜\n\n大赛中,湖北选手在电工和西式烹调2个项目获得银牌。"
    silver = [s for s in statistics(text) if s.figure.indicator == "银牌"]
    assert len(silver) == 1 and len(silver[0].mentions) == 2


# ---------------------------------------------------------------- qualifiers

@pytest.mark.parametrize("sentence, qualifier", [
    ("每人补贴不超过5000元。", "AtMost"), ("培训时间不足6个月。", "AtMost"), ("班级规模30人以内。", "AtMost"),
    ("年龄45周岁以下的学员20人以下。", "AtMost"), ("每期培训人数最多40人。", "AtMost"),
    ("覆盖企业300多家。", "AtLeast"), ("校企合作率超过90%。", "AtLeast"), ("培养技能人才近20万人。", "Approximately"),
    ("培训技能人才2万人。", "Exact"),
])
def test_qualifiers(sentence, qualifier):
    assert found(sentence)[-1][2] == qualifier


# ---------------------------------------------------------------- not figures

@pytest.mark.parametrize("sentence", [
    "技能人才队伍建设是一项重要民生工程。",
    "这是党中央作出的一项重要部署。",
    "全市技能人才总量位居全国前3名。",
    "第二届全省职业技能大赛在我市举办。",
    "根据《关于扩大长期护理保险制度试点的指导意见》(医保发〔2020〕37号)开展工作。",
    "您提出的建议收悉,5月10日已办理。",
    "建立一人一档,提供一对一服务。",
    "吸引数十家企业参与,培训几百人。",
])
def test_not_figures(sentence):
    assert found(sentence) == []


# ---------------------------------------------------------------- year and target

def test_the_year_a_sentence_gives():
    assert one("2021年我市共培训高素质农民20976人次。").year == "2021"
    this, last = statistics("今年全市培训4.2万人次,去年培训3万人次。" + SIGNED)
    assert (this.figure.year, last.figure.year) == ("2025", "2024")


def test_no_year_for_a_figure_as_things_stand_or_after_a_year_compared_with():
    assert one("2023年,会同教育部门下发了通知,截至目前,全市共备案评价机构20家。").year is None
    assert [s.figure.year for s in statistics("扩大承贷范围,从2022年的3家银行增加到6家。")] == [None, None]
    assert [s.figure.year for s in statistics("截至2024年底,全市技能人才总量达到52万人。")] == ["2024"]


def test_a_year_inside_a_document_number_is_not_the_figures_year():
    assert one("按照医保发〔2020〕37号要求,在全国24个省开展试点。").year is None


def test_since_this_year_starts_the_period():
    figure = one("今年以来,累计考核科技特派员146名。" + SIGNED)
    assert (figure.period_start, figure.year) == ("2025", None)


@pytest.mark.parametrize("sentence, target", [
    ("力争到2027年,全市新增技能人才5万人。", True),
    ("2025年开设中药专业,计划招生40人。", True),
    ("预计全年培训农民工3000人次。", True),
    ("目标是建成技能大师工作室10个。", True),
    ("到2027年,全市建成公共实训基地12个。" + SIGNED, True),
    ("到2020年,全市建成公共实训基地12个。" + SIGNED, False),
    ("实施技能提升计划,培训1万人次。", False),
    ("完成年度计划的80%。", False),
    ("2021年我市共培训高素质农民20976人次。", False),
])
def test_targets_are_told_from_results(sentence, target):
    assert statistics(sentence)[0].figure.is_target is target


def test_figures_in_the_next_steps_are_targets():
    text = "一、工作成效\n全市培训技能人才2万人。\n二、下一步工作打算\n新建技能大师工作室5个。"
    done, planned = statistics(text)
    assert (done.figure.is_target, planned.figure.is_target) == (False, True)


# ---------------------------------------------------------------- in the graph

def test_the_graph_writes_at_most_year_and_target_and_conforms(tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("力争到2027年,每期培训不超过40人。" + SIGNED, encoding="utf-8")
    graph = skillgraph.build([reply])
    (node,) = graph.subjects(SG.indicator, None)
    assert graph.value(node, SG.qualifier) == SG.AtMost
    assert graph.value(node, SG.year) == Literal("2027", datatype=XSD.gYear)
    assert graph.value(node, SG.isTarget) == Literal(True)
    assert validate(graph).conforms


# ---------------------------------------------------------------- money, ranges, names

def test_a_rate_is_named_by_what_follows_it_never_by_the_preposition():
    assert found("2016年按10800元的标准测算。") == []
    assert found("2016年市本级按10800元/生的标准安排生均经费10620万元。") == [
        (d(10800), "元", "Exact", "生均经费"), (d(106200000), "元", "Exact", "生均经费")]


def test_per_head_words_belong_to_what_is_measured():
    assert found("市本级就需新增生均经费将近6000万元。") == [(d(60000000), "元", "Approximately", "新增生均经费")]


def test_items_of_a_bracketed_note_are_of_the_phrase_before_it():
    assert [i for *_, i in found("2015年以前实行定额拨款(职院1980万元/年,民院670万元/年)。")] == [
        "职院定额拨款", "民院定额拨款"]


def test_a_range_gives_both_ends_with_one_unit_and_indicator():
    assert found("每期培训时间5至15天。") == [(d(5), "天", "Exact", "每期培训时间"), (d(15), "天", "Exact", "每期培训时间")]
    assert [v for v, *_ in found("投入1-2亿元。")] == [d(100000000), d(200000000)]


def test_a_noun_before_the_verb_says_whom_the_count_is_of():
    assert found("2020年完成高素质农民培育1572人。") == [(d(1572), "人", "Exact", "高素质农民培育")]


def test_kinds_listed_with_a_pause_share_the_count():
    assert found("我市25所中职、技工院校参加。")[0][3].startswith("中职、技工院校")
    assert found("设立10个站点、开展培训50场。")[0][3] == "站点"


def test_categories_and_the_items_in_them_are_two_figures():
    assert found("选手参加了专业技能15大类46个项目的竞赛。") == [
        (d(15), "大类", "Exact", "专业技能"), (d(46), "个", "Exact", "项目")]


def test_a_magnitude_without_a_measure_word_and_an_article_are_no_figures():
    assert found("对于一个可用财力并不富裕的地级市来说,要挤出将近一个亿的资金预算。") == []


def test_a_short_name_with_a_number_is_a_name_wherever_it_recurs():
    assert found("印发《国家职业教育改革实施方案》(以下简称“职教20条”)。按照职教20条的部署推进。") == []


def test_a_numeral_in_the_name_of_a_division_is_no_figure():
    # 洛江区 of a real sentence, read as 三元区 and 五台县: 3 元, 5 台 otherwise
    assert found("在台商投资区洛阳片区以及三元区河市片区高质量建设泉州高教职教园区。") == []
    assert found("五台县人社局开展职业技能培训3000人次。") == [(Decimal(3000), "人次", "Exact", "职业技能培训")]


def test_a_short_form_of_a_numbered_division_the_text_names_in_full_is_no_figure():
    # 崇阳县 of a real sentence, read as 三门县: 3 门 and 10 年 (a run with 三门) otherwise
    assert found("而未来10年三门县初中毕业生最高峰值不足7000人,三门中职办学规模已足够满足需求。") == [
        (Decimal(7000), "人", "AtMost", "三门县初中毕业生最高峰值")]
    assert found("全县开设三门课程。") == [(Decimal(3), "门", "Exact", "课程")]
