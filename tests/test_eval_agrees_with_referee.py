"""`skillgraph eval` and the project's referee (../shared/eval/score.py) give the same scores.

For every gold document, and for small graphs at the edges of the rules, both scorers count
the same tp/fp/fn per part and per class, the same statistic attributes and verified spans,
and the same headline.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from rdflib import Graph

from helpers import entity, gold, statistic, turtle
from skillgraph import pipeline
from skillgraph.evaluate import Score, score
from skillgraph.turtle import to_turtle

ROOT = Path(__file__).resolve().parents[1]
REFEREE = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = sorted((ROOT / "data" / "gold").glob("*.yaml"))
PARTS = ("entities", "statistics", "relations", "literals")


@pytest.fixture(scope="module")
def referee() -> ModuleType:
    if not REFEREE.is_file():
        pytest.skip(f"the referee is not at {REFEREE}: nothing to compare skillgraph eval with")
    spec = importlib.util.spec_from_file_location("referee_score", REFEREE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(s: Score) -> dict:
    """skillgraph's score in the referee's terms."""
    counts = {name: (c.tp, c.fp, c.fn) for name, c in s.sections().items()}
    p = s.provenance
    return {"headline": round(s.headline, 3), **counts,
            "per_class": {cls: (c.tp, c.fp, c.fn) for cls, c in s.classes.items()},
            "attributes": {name: f"{a.correct}/{a.total}" for name, a in s.attributes.items()},
            "provenance": None if p is None else (f"{p.verified}/{p.matched}", p.wrong_spans)}


def theirs(r: dict) -> dict:
    p = r.get("provenance")
    return {"headline": r["headline_f1"], **{name: (r[name]["tp"], r[name]["fp"], r[name]["fn"]) for name in PARTS},
            "per_class": {cls: (c["tp"], c["fp"], c["fn"]) for cls, c in r["per_class"].items()},
            "attributes": r["statistic_attributes"],
            "provenance": None if p is None else (p["matched_nodes_with_verified_span"], p["wrong_spans"])}


def both(referee: ModuleType, gold: dict, graph: Graph, text: str | None = None) -> dict:
    """The score both give, after checking that they give the same one."""
    mine = ours(score(gold, graph, text))
    assert mine == theirs(referee.score(gold, graph, text))
    return mine


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_both_score_each_gold_document_alike(referee, gold_path):
    document = ROOT / "data" / "documents" / f"{gold_path.stem}.txt"
    triples, doc = pipeline.build_document(document)
    graph = Graph().parse(data=to_turtle(triples), format="turtle")  # the graph as `build` writes it
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    result = both(referee, gold, graph, doc.source)
    assert sum(result["entities"]) > 0


# --- the edges of the rules, on tiny graphs -----------------------------------------------

def test_corner_and_single_quotes_are_ignored_in_names(referee):
    g = gold([entity("concept", "Concept", "技能中国行动"), entity("model", "Concept", "‘双元制’")])
    graph = turtle('ex:a a sg:Concept ; rdfs:label "『技能中国行动』" . ex:b a sg:Concept ; rdfs:label "\'双元制\'" .')
    assert both(referee, g, graph)["entities"] == (2, 0, 0)


def test_a_node_named_only_by_pref_label_or_document_number_matches(referee):
    g = gold([entity("bureau", "Agency", "市人社局"), entity("notice", "PolicyDocument", "渝人社发〔2023〕5号")])
    graph = turtle("""
        ex:a a sg:Agency ; skos:prefLabel "市人社局" .
        ex:d a sg:PolicyDocument ; sg:documentNumber "渝人社发〔2023〕5号" .
    """)
    assert both(referee, g, graph)["entities"] == (2, 0, 0)


def test_a_date_is_read_from_dcterms_issued_a_year_is_not(referee):
    g = gold([entity("reply", "Reply", "复函")], literals=[["reply", "date", "2025-05-22"], ["reply", "year", "2025"]])
    graph = turtle('ex:r a sg:Reply ; rdfs:label "复函" ; dcterms:issued "2025-05-22"^^xsd:date .')
    assert both(referee, g, graph)["literals"] == (1, 0, 1)


def test_an_at_most_qualifier_is_scored(referee):
    g = gold(statistics=[statistic(20000, "元", "补贴", "at_most", id="cap"), statistic(30, "天", "培训", "at_most", id="days")])
    graph = turtle("""
        ex:s1 a sg:Statistic ; sg:value 20000 ; sg:unit "元" ; sg:indicator "培训补贴" ; sg:qualifier sg:AtMost .
        ex:s2 a sg:Statistic ; sg:value 30 ; sg:unit "天" ; sg:indicator "培训时长" ; sg:qualifier sg:AtLeast .
    """)
    result = both(referee, g, graph)
    assert result["statistics"] == (2, 0, 0)
    assert result["attributes"] == {"qualifier": "1/2"}


def test_an_optional_statistic_is_neither_credited_nor_penalised_found_or_not(referee):
    g = gold(statistics=[statistic(9, "个", "工作室", id="sure"),
                         statistic(3, "个", "基地", optional=True, id="doubtful"),
                         statistic(5, "个", "中心", optional=True, id="cut")])
    graph = turtle("""
        ex:s1 a sg:Statistic ; sg:value 9 ; sg:unit "个" ; sg:indicator "技能大师工作室" ; sg:qualifier sg:Exact .
        ex:s2 a sg:Statistic ; sg:value 3 ; sg:unit "个" ; sg:indicator "实训基地" .
        ex:s3 a sg:Statistic ; sg:value 3 ; sg:unit "个" ; sg:indicator "实训基地" .
    """)
    result = both(referee, g, graph)
    assert result["statistics"] == (1, 1, 0)  # ex:s2 is the optional one's and not extra; ex:s3 repeats it
    assert result["attributes"] == {"qualifier": "1/1"}


def test_duplicates_measures_and_awards(referee):
    g = gold([entity("yang", "Person", "杨婉洁"), entity("m1", "Measure", "完善制度规范,明确发展边界"),
              {"id": "bronze", "class": "Award", "awarded_to": "yang", "level": "铜奖"}])
    graph = turtle("""
        ex:p1 a sg:Person ; rdfs:label "杨婉洁" .
        ex:p2 a sg:Person ; rdfs:label "杨婉洁" .
        ex:m a sg:Measure ; rdfs:label "完善制度规范" .
        ex:w1 a sg:Award ; rdfs:label "育婴赛项铜奖" ; sg:awardedTo ex:p1 .
        ex:w2 a sg:Award ; sg:awardLevel "铜奖" ; sg:awardedTo ex:p2 .
    """)
    assert both(referee, g, graph)["per_class"] == {"Person": (1, 1, 0), "Measure": (1, 0, 0), "Award": (1, 1, 0)}


def test_relation_precision_counts_predicted_triples_whose_ends_both_matched(referee):
    g = gold([entity("reply", "Reply", "复函"), entity("hrss", "Agency", "市人社局"),
              entity("finance", "Agency", "市财政局"), entity("edu", "Agency", "教育局", optional=True)],
             relations=[["reply", "issuedBy", "hrss"], ["reply", "coIssuedWith", "edu"]])
    graph = turtle("""
        ex:r a sg:Reply ; rdfs:label "复函" ; sg:issuedBy ex:h, ex:f, ex:e, ex:x ; sg:coIssuedWith ex:f ; sg:signedBy ex:h .
        ex:h a sg:Agency ; rdfs:label "市人社局" .
        ex:f a sg:Agency ; rdfs:label "市财政局" .
        ex:e a sg:Agency ; rdfs:label "教育局" .
        ex:x a sg:Agency ; rdfs:label "无关局" .
    """)
    # issuedBy f is wrong; coIssuedWith and signedBy are not gold properties here; e is optional, x unmatched
    assert both(referee, g, graph)["relations"] == (1, 1, 0)


def test_spans_are_checked_alike(referee):
    text = "咸阳市人社局\r\n技能大师工作室9个。"
    g = gold([entity("hrss", "Agency", "咸阳市人社局")], statistics=[statistic(9, "个", "工作室", id="s")])
    graph = turtle("""
        ex:h a sg:Agency ; rdfs:label "咸阳市人社局" ;
            sg:mention [ sg:beginIndex 0 ; sg:endIndex 6 ; sg:anchorOf "咸阳市人社局" ] , [ sg:beginIndex 1 ; sg:endIndex 6 ] .
        ex:s a sg:Statistic ; sg:value 9 ; sg:unit "个" ; sg:indicator "技能大师工作室" ;
            sg:mention [ sg:beginIndex 15 ; sg:endIndex 99 ; sg:anchorOf "9个。" ] .
    """)
    assert both(referee, g, graph, text)["provenance"] == ("2/2", 1)
