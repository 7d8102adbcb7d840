"""score() applies each matching rule of the gold format; evaluate_corpus() scores a corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from rdflib import Graph

from helpers import entity, gold, statistic, turtle
from skillgraph.errors import UserError
from skillgraph.evaluate import Attribute, Counts, Provenance, evaluate_corpus, load_gold, score

# --- entities -------------------------------------------------------------------------


def test_labels_match_after_nfkc_without_white_space_and_brackets():
    g = gold([entity("notice", "PolicyDocument", "关于开展第1批试点的通知"),
              entity("bureau", "Agency", "市人社局")])
    graph = turtle("""
        ex:a a sg:PolicyDocument ; rdfs:label "《关于开展第１批 试点的通知》"@zh .
        ex:b a sg:Agency ; rdfs:label "“市人社局”" .
    """)
    assert score(g, graph).classes == {"PolicyDocument": Counts(1, 0, 0), "Agency": Counts(1, 0, 0)}


def test_corner_and_single_quotes_are_ignored_and_pref_label_and_document_number_are_names():
    g = gold([entity("concept", "Concept", "技能中国行动"), entity("model", "Concept", "‘双元制’"),
              entity("bureau", "Agency", "市人社局"), entity("notice", "PolicyDocument", "渝人社发〔2023〕5号")])
    graph = turtle("""
        ex:a a sg:Concept ; rdfs:label "『技能中国行动』" .
        ex:b a sg:Concept ; rdfs:label "'双元制'" .
        ex:c a sg:Agency ; skos:prefLabel "市人社局" .
        ex:d a sg:PolicyDocument ; sg:documentNumber "渝人社发〔2023〕5号" .
    """)
    assert score(g, graph).entities == Counts(4, 0, 0)


def test_alt_label_matches():
    g = gold([entity("bureau", "Agency", "咸阳市人力资源和社会保障局")])
    graph = turtle('ex:a a sg:Agency ; rdfs:label "人社局" ; skos:altLabel "咸阳市人力资源和社会保障局" .')
    assert score(g, graph).classes["Agency"] == Counts(1, 0, 0)


def test_measure_label_matches_by_prefix_either_way_other_classes_do_not():
    g = gold([entity("m1", "Measure", "完善制度规范,明确发展边界"),
              entity("m2", "Measure", "全面促进高质量就业"),
              entity("m3", "Measure", "持续优化评价机制"),
              entity("bureau", "Agency", "咸阳市人社局")])
    graph = turtle("""
        ex:a a sg:Measure ; rdfs:label "完善制度规范" .
        ex:b a sg:Measure ; rdfs:label "全面促进高质量就业,拓宽渠道" .
        ex:c a sg:Measure ; rdfs:label "持续优" .
        ex:d a sg:Agency ; rdfs:label "咸阳市人社局机关" .
    """)
    s = score(g, graph)
    assert s.classes["Measure"] == Counts(2, 1, 1)  # "持续优" is too short to match by prefix
    assert s.classes["Agency"] == Counts(0, 1, 1)


def test_second_node_for_one_entity_is_a_false_positive():
    g = gold([entity("bureau", "Agency", "市人社局")])
    graph = turtle("""
        ex:a a sg:Agency ; rdfs:label "市人社局" .
        ex:b a sg:Agency ; rdfs:label "市人社局" .
    """)
    s = score(g, graph)
    assert s.classes["Agency"] == Counts(1, 1, 0)
    assert [str(item) for item in s.extra] == ["Agency: 市人社局 (duplicate)"]


def test_nodes_in_iri_order_take_the_first_free_entity_they_match():
    g = gold([entity("x", "Agency", "某局", "共同"), entity("y", "Agency", "共同")])
    both = turtle('ex:a a sg:Agency ; rdfs:label "共同" . ex:b a sg:Agency ; rdfs:label "共同" .')
    # ex:a takes x, the first entity it matches, so ex:b finds x taken
    blocked = turtle('ex:a a sg:Agency ; rdfs:label "共同" . ex:b a sg:Agency ; rdfs:label "某局" .')
    assert score(g, both).classes["Agency"] == Counts(2, 0, 0)
    assert score(g, blocked).classes["Agency"] == Counts(1, 1, 1)


def test_unmatched_node_of_a_scored_class_is_a_false_positive_other_classes_are_ignored():
    g = gold([entity("bureau", "Agency", "市人社局")])
    graph = turtle("""
        ex:a a sg:Agency ; rdfs:label "市财政局" .
        ex:p a sg:Person ; rdfs:label "张三" .
    """)
    s = score(g, graph)
    assert s.classes == {"Agency": Counts(0, 1, 1)}
    assert [str(item) for item in s.missed] == ["Agency: 市人社局"]


def test_optional_entities_are_neither_credited_nor_penalised():
    g = gold([entity("project", "Policy", "职业技能提升工程", optional=True),
              entity("system", "Policy", "终身职业技能培训制度", optional=True),
              entity("bureau", "Agency", "市人社局")])
    graph = turtle("""
        ex:a a sg:Policy ; rdfs:label "职业技能提升工程" .
        ex:b a sg:Policy ; rdfs:label "职业技能提升工程" .
        ex:c a sg:Policy ; rdfs:label "另一个工程" .
        ex:d a sg:Agency ; rdfs:label "市人社局" .
    """)
    # matched, duplicated and missing optional entities do not count; a stray node of the class does
    assert score(g, graph).classes == {"Policy": Counts(0, 1, 0), "Agency": Counts(1, 0, 0)}


def test_subclass_counts_for_its_superclass_unless_the_gold_scores_it():
    g = gold([entity("school", "Organization", "枣庄理工学校"),
              entity("reply", "Reply", "复函"),
              entity("notice", "PolicyDocument", "通知")])
    graph = turtle("""
        ex:School rdfs:subClassOf ex:Institution . ex:Institution rdfs:subClassOf sg:Organization .
        sg:Reply rdfs:subClassOf sg:PolicyDocument .
        ex:a a ex:School ; rdfs:label "枣庄理工学校" .
        ex:b a sg:Reply ; rdfs:label "通知" .
    """)
    s = score(g, graph)
    assert s.classes["Organization"] == Counts(1, 0, 0)
    assert s.classes["PolicyDocument"] == Counts(0, 0, 1)  # a Reply is scored as a Reply only
    assert s.classes["Reply"] == Counts(0, 1, 1)


def test_award_is_matched_by_its_winner_and_level():
    g = gold([entity("yang", "Person", "杨婉洁"),
              {"id": "bronze", "class": "Award", "awarded_to": "yang", "level": "铜"}])
    people = 'ex:p1 a sg:Person ; rdfs:label "杨婉洁" . ex:p2 a sg:Person ; rdfs:label "杨婉洁" .'

    def award(triples: str) -> Counts:
        return score(g, turtle(people + f"ex:w a sg:Award ; {triples} .")).classes["Award"]

    assert award('rdfs:label "奖项" ; sg:awardLevel "铜 奖" ; sg:awardedTo ex:p1') == Counts(1, 0, 0)
    assert award('rdfs:label "铜奖" ; sg:awardedTo ex:p2') == Counts(0, 1, 1)  # p2 duplicates p1
    assert award('rdfs:label "银奖" ; sg:awardedTo ex:p1') == Counts(0, 1, 1)


# --- statistics -----------------------------------------------------------------------


def test_statistic_matches_on_value_unit_and_indicator_then_scores_attributes():
    g = gold([entity("studio", "PlatformType", "技能大师工作室")],
             statistics=[statistic(9, "个", "技能大师工作室", counts="studio"),
                         statistic(16000, "人次", "等级认定", "at_least", period_start=2022),
                         statistic(5, "个", "公共实训基地", "approximately", period_start=2022),
                         statistic(7, "个", "基地")])
    graph = turtle("""
        ex:t a sg:PlatformType ; rdfs:label "技能大师工作室" .
        ex:s1 a sg:Statistic ; sg:value 9.0 ; sg:unit "个" ; sg:indicator "新建技能大师工作室" ;
            sg:qualifier sg:Exact ; sg:counts ex:t .
        ex:s2 a sg:Statistic ; sg:value "1.6E4"^^xsd:double ; sg:unit "人次" ;
            sg:indicator "职业技能等级认定" ; sg:qualifier sg:Exact ; sg:periodStart "2022"^^xsd:gYear .
        ex:s3 a sg:Statistic ; sg:value 5 ; sg:unit "个" ; sg:indicator "县级公共实训基地" ;
            sg:qualifier sg:Approximately ; sg:periodStart "2021"^^xsd:gYear .
        ex:s4 a sg:Statistic ; sg:value 7 ; sg:unit "家" ; sg:indicator "基地" .
        ex:s5 a sg:Statistic ; sg:value 9 ; sg:unit "个" ; sg:indicator "技能大师工作室" .
    """)
    s = score(g, graph)
    assert s.statistics == Counts(3, 2, 1)  # s4 has the wrong unit, s5 repeats s1
    assert s.attributes == {"qualifier": Attribute(2, 3), "period_start": Attribute(1, 2),
                            "counts": Attribute(1, 1)}


def test_at_most_is_a_qualifier():
    g = gold(statistics=[statistic(20000, "元", "补贴", "at_most")])
    graph = turtle('ex:s a sg:Statistic ; sg:value 20000 ; sg:unit "元" ; sg:indicator "培训补贴" ; sg:qualifier sg:AtMost .')
    assert score(g, graph).attributes == {"qualifier": Attribute(1, 1)}


def test_optional_statistics_are_neither_credited_nor_penalised_and_take_their_node():
    g = gold(statistics=[statistic(9, "个", "工作室"), statistic(3, "个", "基地", optional=True),
                         statistic(5, "个", "中心", optional=True)])
    graph = turtle("""
        ex:s1 a sg:Statistic ; sg:value 9 ; sg:unit "个" ; sg:indicator "技能大师工作室" ; sg:qualifier sg:Exact .
        ex:s2 a sg:Statistic ; sg:value 3 ; sg:unit "个" ; sg:indicator "实训基地" .
        ex:s3 a sg:Statistic ; sg:value 3 ; sg:unit "个" ; sg:indicator "实训基地" .
    """)
    s = score(g, graph)
    assert s.statistics == Counts(1, 1, 0)  # ex:s2 is the optional figure's; ex:s3 repeats it
    assert s.attributes == {"qualifier": Attribute(1, 1)}


def test_counted_entity_must_be_the_node_assigned_to_it():
    g = gold([entity("studio", "PlatformType", "技能大师工作室")],
             statistics=[statistic(9, "个", "技能大师工作室", counts="studio")])
    graph = turtle("""
        ex:t1 a sg:PlatformType ; rdfs:label "技能大师工作室" .
        ex:t2 a sg:PlatformType ; rdfs:label "技能大师工作室" .
        ex:s a sg:Statistic ; sg:value 9 ; sg:unit "个" ; sg:indicator "技能大师工作室" ;
            sg:qualifier sg:Exact ; sg:counts ex:t2 .
    """)
    assert score(g, graph).attributes["counts"] == Attribute(0, 1)


# --- relations and literals -----------------------------------------------------------


def test_relation_precision_is_over_gold_properties_between_matched_entities():
    g = gold([entity("reply", "Reply", "复函"), entity("hrss", "Agency", "市人社局"),
              entity("finance", "Agency", "市财政局"), entity("edu", "Agency", "教育部门", optional=True),
              entity("zhang", "Person", "张三")],
             relations=[["reply", "issuedBy", "hrss"], ["reply", "coIssuedWith", "finance"],
                        ["reply", "coIssuedWith", "edu"]])
    graph = turtle("""
        ex:r a sg:Reply ; rdfs:label "复函" ;
            sg:issuedBy ex:a1, ex:a1b, ex:a2, ex:ed, ex:x ;
            sg:coIssuedWith ex:a1 ;
            sg:signedBy ex:p .
        ex:a1 a sg:Agency ; rdfs:label "市人社局" .
        ex:a1b a sg:Agency ; rdfs:label "市人社局" .
        ex:a2 a sg:Agency ; rdfs:label "市财政局" .
        ex:ed a sg:Agency ; rdfs:label "教育部门" .
        ex:x a sg:Agency ; rdfs:label "无关局" .
        ex:p a sg:Person ; rdfs:label "张三" .
    """)
    s = score(g, graph)
    # counted: issuedBy a1 (tp), issuedBy a2 and coIssuedWith a1 (fp); not counted: the duplicate
    # a1b, the optional ed, the unmatched x, and signedBy (no gold relation uses it)
    assert s.relations == Counts(1, 2, 1)
    assert [str(i) for i in s.missed] == ["relation: reply coIssuedWith finance"]


def test_literals_read_aliases_years_by_prefix_and_numbers_by_value():
    g = gold([entity("reply", "Reply", "复函"), entity("contest", "Competition", "职业技能大赛"),
              entity("tier", "PlatformTier", "基础"), entity("guide", "PolicyDocument", "指引", optional=True)],
             literals=[["reply", "date", "2025-05-22"], ["reply", "documentNumber", "140号"],
                       ["contest", "year", "2023"], ["contest", "edition", "1"],
                       ["tier", "rank", "1"], ["tier", "year", "2020"], ["guide", "year", "2023"]])
    graph = turtle("""
        ex:r a sg:Reply ; rdfs:label "复函" ; dcterms:date "2025-05-22"^^xsd:date ;
            sg:documentNumber "141号", "其他" .
        ex:c a sg:Competition ; rdfs:label "职业技能大赛" ; sg:date "2023-06-01"^^xsd:date ;
            sg:edition "1.0"^^xsd:decimal .
        ex:t a sg:PlatformTier ; rdfs:label "基础" ; sg:rank 1 ; sg:date "2020-01-01"^^xsd:date .
    """)
    s = score(g, graph)
    # tier rank 1 and year 2020 (from its date) are found; unlisted values are not errors
    assert s.literals == Counts(5, 0, 1)
    assert [str(i) for i in s.missed] == ["literal: reply documentNumber 140号 (found 141号, 其他)"]


def test_a_date_is_read_from_dcterms_issued_a_year_is_not():
    g = gold([entity("reply", "Reply", "复函")], literals=[["reply", "date", "2025-05-22"], ["reply", "year", "2025"]])
    graph = turtle('ex:r a sg:Reply ; rdfs:label "复函" ; dcterms:issued "2025-05-22"^^xsd:date .')
    assert score(g, graph).literals == Counts(1, 0, 1)


def test_a_date_is_not_matched_by_prefix():
    g = gold([entity("reply", "Reply", "复函")], literals=[["reply", "date", "2024-05"]])
    graph = turtle('ex:r a sg:Reply ; rdfs:label "复函" ; sg:date "2024-05-12"^^xsd:date .')
    assert score(g, graph).literals == Counts(0, 0, 1)


# --- provenance and the headline --------------------------------------------------------

TEXT = "咸阳市人社局发布\r\n技能大师工作室9个。"


def test_provenance_checks_spans_against_the_text():
    g = gold([entity("city", "Place", "咸阳市"), entity("hrss", "Agency", "市人社局"),
              entity("studio", "PlatformType", "技能大师工作室")],
             statistics=[statistic(9, "个", "技能大师工作室")])
    graph = turtle("""
        ex:c a sg:Place ; rdfs:label "咸阳市" ;
            sg:mention [ sg:beginIndex 0 ; sg:endIndex 3 ; sg:anchorOf "咸阳市" ] ,
                       [ sg:beginIndex 1 ; sg:endIndex 3 ; sg:anchorOf "咸阳市" ] .
        ex:h a sg:Agency ; rdfs:label "市人社局" ;
            sg:mention [ sg:beginIndex 2 ; sg:endIndex 6 ; sg:anchorOf "市人社局 " ] .
        ex:h2 a sg:Agency ; rdfs:label "市人社局" ;
            sg:mention [ sg:beginIndex 0 ; sg:endIndex 1 ; sg:anchorOf "?" ] .
        ex:t a sg:PlatformType ; rdfs:label "技能大师工作室" ;
            sg:mention [ sg:beginIndex 10 ; sg:endIndex 17 ; sg:anchorOf "技能大师工作室" ] .
        ex:s a sg:Statistic ; sg:value 9 ; sg:unit "个" ; sg:indicator "技能大师工作室" ;
            sg:mention [ sg:beginIndex 17 ; sg:endIndex 99 ; sg:anchorOf "9个。" ] .
    """)
    # offsets count \r\n as two code points; the duplicate ex:h2 is not checked;
    # offsets are read as a slice, so a span running past the end holds if the text it reaches is the anchor
    assert score(g, graph, TEXT).provenance == Provenance(verified=3, matched=4, wrong_spans=2)
    assert score(g, graph).provenance is None


def test_headline_is_micro_f1_over_every_item():
    g = gold([entity("reply", "Reply", "复函"), entity("hrss", "Agency", "市人社局")],
             statistics=[statistic(9, "个", "工作室")],
             relations=[["reply", "issuedBy", "hrss"]],
             literals=[["reply", "date", "2025-05-22"]])
    graph = turtle("""
        ex:r a sg:Reply ; rdfs:label "复函" ; sg:issuedBy ex:h .
        ex:h a sg:Agency ; rdfs:label "市人社局" .
        ex:x a sg:Agency ; rdfs:label "市财政局" .
        ex:s a sg:Statistic ; sg:value 8 ; sg:unit "个" ; sg:indicator "工作室" .
    """)
    s = score(g, graph)
    assert s.overall == Counts(tp=3, fp=2, fn=2)
    assert s.headline == pytest.approx(0.6)


def test_text_lists_missed_and_extra_items_only_when_verbose():
    g = gold([entity("hrss", "Agency", "市人社局")])
    s = score(g, turtle('ex:x a sg:Agency ; rdfs:label "市财政局" .'))
    assert "missed  Agency: 市人社局" in s.text(verbose=True)
    assert "extra   Agency: 市财政局" in s.text(verbose=True)
    assert "missed" not in s.text()
    assert json.loads(s.to_json())["extra"] == ["Agency: 市财政局"]


# --- gold files and a corpus ------------------------------------------------------------


def test_load_gold_reads_a_gold_file(tmp_path):
    path = tmp_path / "doc.yaml"
    path.write_text(yaml.safe_dump(gold([entity("hrss", "Agency", "市人社局")]), allow_unicode=True),
                    encoding="utf-8")
    assert load_gold(path)["entities"][0]["labels"] == ["市人社局"]


@pytest.mark.parametrize("content, message", [
    (None, "not found"),
    ("entities: [unclosed", "not valid YAML"),
    ("- a list", "expected a mapping"),
    ("entities: [{id: a, class: Agency}]", "needs a list of labels"),
    ("entities: [{id: a, class: Agency, labels: [x]}]\nrelations: [[a, issuedBy, b]]",
     "unknown entity ids: b"),
    ("statistics: [{value: many, unit: 个, qualifier: exact, indicator: x}]", "not a number"),
    ("statistics: [{value: 1, unit: 个, qualifier: some, indicator: x}]", "qualifier must be one of"),
])
def test_load_gold_names_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message) as error:
        load_gold(path)
    assert str(path) in str(error.value)


def write_corpus(root: Path) -> tuple[Path, Path]:
    gold_dir, docs = root / "gold", root / "documents"
    gold_dir.mkdir()
    docs.mkdir()
    for name, label in (("a", "市人社局"), ("b", "市财政局")):
        g = gold([entity("agency", "Agency", label)], literals=[["agency", "year", "2020"]])
        (gold_dir / f"{name}.yaml").write_text(yaml.safe_dump(g, allow_unicode=True), encoding="utf-8")
    (docs / "a.txt").write_text("市人社局", encoding="utf-8")
    (docs / "b.html").write_text("<p>市财政局</p>", encoding="utf-8")
    return gold_dir, docs


def test_evaluate_corpus_scores_each_gold_file_against_its_document(tmp_path):
    gold_dir, docs = write_corpus(tmp_path)
    graphs = {"a.txt": 'ex:a a sg:Agency ; rdfs:label "市人社局" ; sg:year "2020" ;'
                       ' sg:mention [ sg:beginIndex 0 ; sg:endIndex 4 ; sg:anchorOf "市人社局" ] .',
              "b.html": 'ex:b a sg:Agency ; rdfs:label "市财政局" .'
                        ' ex:c a sg:Agency ; rdfs:label "市税务局" . ex:d a sg:Agency ; rdfs:label "市民政局" .'}
    built = []

    def build(path: Path) -> tuple[Graph, str]:
        built.append(path.name)
        return turtle(graphs[path.name]), path.read_text(encoding="utf-8")

    corpus = evaluate_corpus(gold_dir, build, docs)
    assert built == ["a.txt", "b.html"]
    assert [s.document for s in corpus.documents] == ["a.txt", "b.html"]
    assert [s.headline for s in corpus.documents] == [1.0, pytest.approx(0.4)]  # b: tp 1, fp 2, fn 1
    assert corpus.mean_headline == pytest.approx(0.7)
    assert corpus.headline == pytest.approx(2 * 3 / (2 * 3 + 2 + 1))  # pooled: tp 3, fp 2, fn 1
    report = corpus.text()
    assert report.splitlines()[0].split() == ["document", "entities", "statistics", "relations",
                                              "literals", "headline", "verified", "spans"]
    assert report.splitlines()[1].split() == ["a.txt", "1.000", "-", "-", "1.000", "1.000", "1/1"]
    assert report == evaluate_corpus(gold_dir, build, docs).text()
    assert json.loads(corpus.to_json())["micro_f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_evaluate_corpus_reports_a_missing_document(tmp_path):
    gold_dir, docs = write_corpus(tmp_path)
    (docs / "b.html").unlink()
    with pytest.raises(UserError, match=r"no document b\.txt or b\.html"):
        evaluate_corpus(gold_dir, lambda path: (Graph(), ""), docs)
