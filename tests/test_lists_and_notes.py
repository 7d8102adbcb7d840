"""Two rules on real sentences: a bracket holding a number is a note, not part of a name; a
list of figures written after what it counts shares that indicator."""
from decimal import Decimal

from skillgraph import pipeline
from skillgraph.document import from_text
from skillgraph.extractors.phrases import phrase_before


def phrase_ending_at(text: str, head: str) -> str:
    doc = from_text(text, doc_id="t")
    end = text.index(head)
    return text[phrase_before(doc, end) : end]


def test_a_bracket_of_words_stays_inside_the_name():
    assert phrase_ending_at("引进格力暖通制冷设备(武汉)有限公司等企业。", "有限公司") == "格力暖通制冷设备(武汉)"


def test_a_bracket_holding_a_number_is_a_note_that_ends_the_phrase():
    assert phrase_ending_at("全年发放创业担保贷款(个人最高30万元)5亿元。", "5亿元") == ""
    assert phrase_ending_at("建成高技能人才培训基地(2023年)3个。", "3个") == ""


def test_a_note_in_brackets_is_not_part_of_what_a_figure_counts():
    statistics = pipeline.process(from_text("全年发放创业担保贷款(个人最高30万元)5亿元。", doc_id="t")).statistics
    assert all("(" not in s.figure.indicator for s in statistics)
    assert Decimal(500000000) not in {s.figure.value for s in statistics}


def test_figures_listed_after_their_indicator_share_it():
    statistics = pipeline.process(from_text("国家级、省级技能大师工作室分别达到2个、15个。", doc_id="t")).statistics
    assert [(s.figure.value, s.figure.unit, s.figure.indicator) for s in statistics] == [
        (Decimal(2), "个", "省级技能大师工作室"), (Decimal(15), "个", "省级技能大师工作室")]
    assert {s.counts for s in statistics} == {"platform-type/技能大师工作室"}


def test_a_principle_quoted_from_a_report_over_several_clauses_is_one_concept():
    g = pipeline.process(from_text("党的二十大报告提出“统筹职业教育、高等教育、继续教育协同创新,推进职普融通、产教融合、科教融汇,"
                                   "优化职业教育类型定位”。\n", doc_id="t"))
    assert [e.label for e in g.entities if e.cls == "Concept"] == [
        "统筹职业教育、高等教育、继续教育协同创新,推进职普融通、产教融合、科教融汇,优化职业教育类型定位"]
