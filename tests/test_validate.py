"""validate() accepts a graph written as docs/rdf-model.md describes and reports what breaks it."""
from __future__ import annotations

import pytest
from rdflib import RDFS, Graph, Literal, Namespace

from skillgraph.resources import ID as ID_IRI
from skillgraph.resources import SG as SG_IRI
from skillgraph.validate import ValidationReport, validate

SG = Namespace(SG_IRI)
ID = Namespace(ID_IRI)
DOC = ID["doc/000"]

VALID = """
@prefix sg:   <https://w3id.org/skillgraph/ontology#> .
@prefix id:   <https://w3id.org/skillgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/skillgraph/id/doc/000> a sg:Reply ;
    rdfs:label "咸人社函〔2025〕140号"@zh ;
    sg:documentNumber "咸人社函〔2025〕140号" ;
    sg:date "2025-05-22"^^xsd:date ;
    sg:sourceFile "000.txt" ;
    sg:issuedBy <https://w3id.org/skillgraph/id/agency/咸阳市人力资源和社会保障局> ;
    sg:signedBy <https://w3id.org/skillgraph/id/doc/000/person/李卫东> ;
    sg:addressedTo <https://w3id.org/skillgraph/id/doc/000/person/张卫婷> ;
    sg:repliesTo <https://w3id.org/skillgraph/id/doc/000/proposal> .

<https://w3id.org/skillgraph/id/agency/咸阳市人力资源和社会保障局> a sg:Agency ;
    rdfs:label "咸阳市人力资源和社会保障局"@zh ;
    skos:altLabel "市人社局"@zh ;
    sg:mention <https://w3id.org/skillgraph/id/doc/000/mention/10-14> ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/000> .

<https://w3id.org/skillgraph/id/doc/000/person/李卫东> a sg:Person ;
    rdfs:label "李卫东"@zh ;
    sg:mention <https://w3id.org/skillgraph/id/doc/000/mention/40-43> ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/000> .

<https://w3id.org/skillgraph/id/doc/000/person/张卫婷> a sg:Person ;
    rdfs:label "张卫婷"@zh ;
    sg:mention <https://w3id.org/skillgraph/id/doc/000/mention/0-3> ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/000> .

<https://w3id.org/skillgraph/id/doc/000/proposal> a sg:Proposal ;
    rdfs:label "关于大力发展职业教育的建议"@zh ;
    sg:proposalNumber "440" ;
    sg:proposedBy <https://w3id.org/skillgraph/id/doc/000/person/张卫婷> ;
    sg:mention <https://w3id.org/skillgraph/id/doc/000/mention/4-10> ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/000> .

<https://w3id.org/skillgraph/id/platform-type/技能大师工作室> a sg:PlatformType ;
    rdfs:label "技能大师工作室"@zh ;
    sg:mention <https://w3id.org/skillgraph/id/doc/000/mention/20-27> ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/000> .

<https://w3id.org/skillgraph/id/doc/000/statistic/20-29> a sg:Statistic ;
    rdfs:label "技能大师工作室 9个"@zh ;
    sg:value 9.0 ;
    sg:unit "个" ;
    sg:qualifier sg:Exact ;
    sg:indicator "技能大师工作室" ;
    sg:periodStart "2022"^^xsd:gYear ;
    sg:counts <https://w3id.org/skillgraph/id/platform-type/技能大师工作室> ;
    sg:mention <https://w3id.org/skillgraph/id/doc/000/mention/20-29> ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/000> .

<https://w3id.org/skillgraph/id/doc/000/mention/0-3> a sg:Mention ;
    sg:beginIndex 0 ; sg:endIndex 3 ; sg:anchorOf "张卫婷" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/000/sentence/0-14> ;
    sg:inDocument <https://w3id.org/skillgraph/id/doc/000> .
<https://w3id.org/skillgraph/id/doc/000/mention/4-10> a sg:Mention ;
    sg:beginIndex 4 ; sg:endIndex 10 ; sg:anchorOf "大力发展职业" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/000/sentence/0-14> ;
    sg:inDocument <https://w3id.org/skillgraph/id/doc/000> .
<https://w3id.org/skillgraph/id/doc/000/mention/10-14> a sg:Mention ;
    sg:beginIndex 10 ; sg:endIndex 14 ; sg:anchorOf "市人社局" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/000/sentence/0-14> ;
    sg:inDocument <https://w3id.org/skillgraph/id/doc/000> .
<https://w3id.org/skillgraph/id/doc/000/mention/20-27> a sg:Mention ;
    sg:beginIndex 20 ; sg:endIndex 27 ; sg:anchorOf "技能大师工作室" ;
    sg:inDocument <https://w3id.org/skillgraph/id/doc/000> .
<https://w3id.org/skillgraph/id/doc/000/mention/20-29> a sg:Mention ;
    sg:beginIndex 20 ; sg:endIndex 29 ; sg:anchorOf "技能大师工作室9个" ;
    sg:inDocument <https://w3id.org/skillgraph/id/doc/000> .
<https://w3id.org/skillgraph/id/doc/000/mention/40-43> a sg:Mention ;
    sg:beginIndex 40 ; sg:endIndex 43 ; sg:anchorOf "李卫东" ;
    sg:inDocument <https://w3id.org/skillgraph/id/doc/000> .

<https://w3id.org/skillgraph/id/doc/000/sentence/0-14> a sg:Sentence ;
    sg:beginIndex 0 ; sg:endIndex 14 ; sg:anchorOf "张卫婷:大力发展职业市人社局" ;
    sg:inDocument <https://w3id.org/skillgraph/id/doc/000> .
"""

AGENCY = ID["agency/咸阳市人力资源和社会保障局"]
STATISTIC = ID["doc/000/statistic/20-29"]
MENTION = ID["doc/000/mention/10-14"]
SIGNER = ID["doc/000/person/李卫东"]
PROPOSER = ID["doc/000/person/张卫婷"]


def valid() -> Graph:
    return Graph().parse(data=VALID, format="turtle")


def found(report: ValidationReport) -> set[tuple]:
    return {(v.focus, v.path) for v in report.violations}


def test_valid_graph_conforms():
    report = validate(valid())
    assert report.conforms, report.text()
    assert report.violations == []
    assert report.text() == "Conforms."


def test_validate_leaves_the_graph_untouched():
    graph = valid()
    before = len(graph)
    validate(graph)
    assert len(graph) == before


def without(*triples) -> Graph:
    graph = valid()
    for triple in triples:
        graph.remove(triple)
    return graph


def replaced(subject, prop, new) -> Graph:
    graph = valid()
    graph.set((subject, prop, new))
    return graph


@pytest.mark.parametrize(
    "graph, focus, path",
    [
        pytest.param(without((AGENCY, RDFS.label, None)), AGENCY, RDFS.label, id="missing label"),
        pytest.param(replaced(STATISTIC, SG.value, Literal("9")), STATISTIC, SG.value, id="string value"),
        pytest.param(without((MENTION, SG.endIndex, None)), MENTION, SG.endIndex, id="no endIndex"),
        pytest.param(replaced(MENTION, SG.endIndex, Literal(10)), MENTION, SG.beginIndex, id="empty span"),
        pytest.param(replaced(STATISTIC, SG.qualifier, SG.Roughly), STATISTIC, SG.qualifier, id="bad qualifier"),
        pytest.param(replaced(DOC, SG.issuedBy, SIGNER), DOC, SG.issuedBy, id="issuedBy a person"),
        pytest.param(replaced(DOC, SG.addressedTo, ID["doc/000/proposal"]), DOC, SG.addressedTo,
                     id="addressedTo a proposal"),
        pytest.param(replaced(DOC, SG.date, Literal("2025年5月22日")), DOC, SG.date, id="untyped date"),
        pytest.param(replaced(SIGNER, SG.masterOf, AGENCY), SIGNER, SG.masterOf, id="masterOf an agency"),
        pytest.param(without((SIGNER, SG.mention, None)), SIGNER, SG.mention, id="no mention"),
        pytest.param(without((STATISTIC, SG.unit, None)), STATISTIC, SG.unit, id="no unit"),
    ],
)
def test_broken_graph_is_reported(graph, focus, path):
    report = validate(graph)
    assert not report.conforms
    assert (focus, path) in found(report), report.text()


def test_reply_without_mention_conforms():
    graph = valid()
    assert graph.value(DOC, SG.mention) is None
    assert validate(graph).conforms


def test_award_date_may_be_a_month():
    award = ID["doc/000/award/1"]
    graph = valid()
    graph.parse(data=f"""
        @prefix sg: <{SG}> . @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <{award}> a sg:Award ; <{RDFS.label}> "铜奖"@zh ; sg:awardLevel "铜奖" ;
            sg:date "2024-05"^^xsd:gYearMonth ; sg:awardedTo <{PROPOSER}> ;
            sg:mention <{MENTION}> ; prov:wasDerivedFrom <{DOC}> .
    """, format="turtle")
    assert validate(graph).conforms, validate(graph).text()


def test_report_text_is_sorted_and_readable():
    graph = without((AGENCY, RDFS.label, None), (STATISTIC, SG.unit, None))
    lines = validate(graph).text().splitlines()
    assert lines == [
        "Does not conform: 2 results.",
        "Violation: id:agency/咸阳市人力资源和社会保障局 rdfs:label: "
        "needs an rdfs:label: a literal, at most one per language",
        "Violation: id:doc/000/statistic/20-29 sg:unit: needs exactly one sg:unit, a non-empty xsd:string",
    ]
