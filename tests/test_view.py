"""The network view: RDF → networkx (nodes, edges, attributes), layout, the HTML page."""
import math
import random
import re

import networkx as nx
import pytest
from rdflib import Graph

from skillgraph import view
from skillgraph.errors import UserError
from skillgraph.netgraph import to_networkx

ID = "https://w3id.org/skillgraph/id/"
DOC = ID + "doc/d1"
MALICIOUS = '<img src=x onerror="window.__pwned=1">'

# A small graph as the pipeline writes it (docs/rdf-model.md), with hostile text in it.
SAMPLE = """
@prefix sg: <https://w3id.org/skillgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/skillgraph/id/doc/d1> a sg:Reply ; rdfs:label "咸人社函〔2025〕140号"@zh ;
    sg:documentNumber "咸人社函〔2025〕140号" ; sg:date "2025-05-22"^^xsd:date ;
    sg:issuedBy <https://w3id.org/skillgraph/id/agency/咸阳市人力资源和社会保障局> ; sg:addressedTo <https://w3id.org/skillgraph/id/doc/d1/person/张卫婷> ;
    sg:signedBy <https://w3id.org/skillgraph/id/doc/d1/person/张卫婷> .
<https://w3id.org/skillgraph/id/agency/咸阳市人力资源和社会保障局> a sg:Agency ; rdfs:label "咸阳市人力资源和社会保障局"@zh ; skos:altLabel "市人社局"@zh ;
    sg:mention <https://w3id.org/skillgraph/id/doc/d1/mention/120-124>, <https://w3id.org/skillgraph/id/doc/d1/mention/10-14> ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/person/张卫婷> a sg:Person ; rdfs:label "张卫婷"@zh ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/platform-type/技能大师工作室> a sg:PlatformType ; rdfs:label "技能大师工作室"@zh ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/statistic/200-203> a sg:Statistic ; rdfs:label "技能大师工作室 9个"@zh ;
    sg:value 9.0 ; sg:unit "个" ; sg:qualifier sg:AtLeast ; sg:indicator "技能大师工作室" ;
    sg:counts <https://w3id.org/skillgraph/id/platform-type/技能大师工作室> ; prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/d1> ;
    sg:mention <https://w3id.org/skillgraph/id/doc/d1/mention/200-203> .
<https://w3id.org/skillgraph/id/concept/evil> a sg:Concept ; rdfs:label "<img src=x onerror=\\"window.__pwned=1\\">"@zh ;
    skos:altLabel "</script><script>window.__pwned=3</script>"@zh ;
    sg:mention <https://w3id.org/skillgraph/id/doc/d1/mention/300-310> .

<https://w3id.org/skillgraph/id/doc/d1/mention/10-14> a sg:Mention ; sg:beginIndex 10 ; sg:endIndex 14 ; sg:anchorOf "市人社局" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/d1/sentence/0-40> ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/mention/120-124> a sg:Mention ; sg:beginIndex 120 ; sg:endIndex 124 ; sg:anchorOf "市人社局" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/d1/sentence/100-180> ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/mention/200-203> a sg:Mention ; sg:beginIndex 200 ; sg:endIndex 203 ; sg:anchorOf "9个" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/d1/sentence/190-260> ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/mention/300-310> a sg:Mention ; sg:beginIndex 300 ; sg:endIndex 310 ; sg:anchorOf "x" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/d1/sentence/290-330> ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/sentence/0-40> a sg:Sentence ; sg:beginIndex 0 ; sg:endIndex 40 ;
    sg:anchorOf "第一句:市人社局高度重视。" ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/sentence/100-180> a sg:Sentence ; sg:beginIndex 100 ; sg:endIndex 180 ;
    sg:anchorOf "第二句:市人社局印发通知。" ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/sentence/190-260> a sg:Sentence ; sg:beginIndex 190 ; sg:endIndex 260 ;
    sg:anchorOf "建成技能大师工作室9个。" ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/sentence/290-330> a sg:Sentence ; sg:beginIndex 290 ; sg:endIndex 330 ;
    sg:anchorOf "<script>window.__pwned=2</script> 见 http://example.org/x" ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
"""
AGENCY = ID + "agency/咸阳市人力资源和社会保障局"
PERSON = DOC + "/person/张卫婷"
STATISTIC = DOC + "/statistic/200-203"


def sample_graph() -> Graph:
    return Graph().parse(data=SAMPLE, format="turtle")


def shuffled(graph: Graph, seed: int) -> Graph:
    """The same triples, added in another order."""
    triples = sorted(graph)
    random.Random(seed).shuffle(triples)
    other = Graph()
    for triple in triples:
        other.add(triple)
    return other


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return to_networkx(sample_graph())


def test_nodes_are_the_entities_and_statistics_not_mentions_or_sentences(g):
    assert {c for _, c in g.nodes(data="class")} == {"Reply", "Agency", "Person", "PlatformType", "Statistic", "Concept"}
    assert len(g) == 6


def test_node_attributes_hold_names_key_literals_and_source_sentences(g):
    agency = g.nodes[AGENCY]
    assert agency["label"] == "咸阳市人力资源和社会保障局"
    assert agency["labels"] == ["咸阳市人力资源和社会保障局", "市人社局"]
    assert agency["sentences"] == ["第一句:市人社局高度重视。", "第二句:市人社局印发通知。"]  # document order
    reply = g.nodes[DOC]["literals"]
    assert reply["documentNumber"] == ["咸人社函〔2025〕140号"] and reply["date"] == ["2025-05-22"]
    statistic = g.nodes[STATISTIC]["literals"]
    assert statistic["unit"] == ["个"] and float(statistic["value"][0]) == 9
    assert statistic["qualifier"] == ["以上"]  # the qualifier's label from the ontology, not a node
    assert g.graph["names"]["documentNumber"] == "文号" and g.graph["names"]["Agency"] == "政府机构"


def test_edges_are_object_properties_between_drawn_nodes_with_their_labels(g):
    edges = {(u, v, g.edges[u, v, k]["label"]) for u, v, k in g.edges(keys=True)}
    assert (DOC, AGENCY, "发文机关") in edges
    assert (STATISTIC, ID + "platform-type/技能大师工作室", "统计对象") in edges
    assert (AGENCY, DOC, "来源文档") in edges
    # addressedTo and signedBy between the same pair stay two edges
    assert {k for k in g[DOC][PERSON]} == {"https://w3id.org/skillgraph/ontology#addressedTo",
                                          "https://w3id.org/skillgraph/ontology#signedBy"}
    assert g.number_of_edges() == 8


def test_same_graph_same_networkx_graph_whatever_the_triple_order(g):
    other = to_networkx(shuffled(sample_graph(), 7))
    assert list(other.nodes(data=True)) == list(g.nodes(data=True))
    assert list(other.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))


def test_network_has_every_node_and_edge_styled_by_class_and_sized_by_degree():
    net = view.network(sample_graph())
    assert net.num_nodes() == 6 and net.num_edges() == 8
    nodes = {n["info"]["iri"]: n for n in net.nodes}
    reply, statistic = nodes["id:doc/d1"], nodes["id:doc/d1/statistic/200-203"]
    assert reply["group"] == "Reply" and reply["shape"] == view.STYLES["Reply"][1]
    assert reply["size"] > nodes["id:concept/evil"]["size"]  # degree 6 against 0
    assert statistic["info"]["literals"] == [["数值", "9.0"], ["单位", "个"], ["数量限定", "以上"], ["指标", "技能大师工作室"]]
    assert nodes["id:agency/咸阳市人力资源和社会保障局"]["info"]["sentences"][0] == "第一句:市人社局高度重视。"
    assert [c["id"] for c in net.legend] == ["Reply", "Agency", "Person", "PlatformType", "Concept", "Statistic"]


def test_layout_is_seeded_and_spreads_nodes_and_components():
    graph = nx.MultiDiGraph()
    for hub in range(8):  # eight stars of different sizes, two joined, plus isolated nodes
        graph.add_edges_from((f"{hub}-{leaf}", f"hub{hub}") for leaf in range(5 + 10 * hub))
    graph.add_edge("hub0", "hub1")
    graph.add_nodes_from(f"alone{i}" for i in range(30))
    first, second = view.layout(graph, seed=3), view.layout(graph, seed=3)
    assert first == second
    points = list(first.values())
    closest = min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1:])
    assert closest > 0.2  # in edge lengths: no two nodes on top of each other
    edge_lengths = [math.dist(first[u], first[v]) for u, v in graph.edges()]
    assert max(edge_lengths) < 10


def test_page_is_self_contained_utf8_and_deterministic(tmp_path):
    path = tmp_path / "view.html"
    view.write_html(sample_graph(), path)
    html = path.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in html
    assert "咸阳市人力资源和社会保障局" in html
    assert not re.search(r"https?://", html), "a URL left in the page"
    assert not re.search(r"<(link|img|iframe)\b|<script[^>]*\bsrc=|@import|url\((?!\"?data:)", html)
    assert "vis.Network" in html and "function describe" in html  # both scripts inlined
    again = tmp_path / "again.html"
    view.write_html(shuffled(sample_graph(), 11), again)
    assert again.read_bytes() == path.read_bytes()


def test_document_text_cannot_close_the_data_script(tmp_path):
    html = view.render(view.network(sample_graph()))
    assert MALICIOUS not in html and "</script><script>window.__pwned" not in html
    assert html.count("</script>") == 3  # vis-network, the data, the page's script


def test_write_html_replaces_the_file_atomically(tmp_path, monkeypatch):
    path = tmp_path / "view.html"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(view, "render", lambda net: "half a page \ud800")  # fails while being written
    with pytest.raises(UnicodeEncodeError):
        view.write_html(sample_graph(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_a_graph_with_nothing_to_draw_is_a_user_error(tmp_path):
    untyped = Graph().parse(data=SAMPLE.replace(" a sg:", " sg:was sg:"), format="turtle")
    with pytest.raises(UserError, match="rdf:type"):
        view.write_html(untyped, tmp_path / "view.html")
    assert not (tmp_path / "view.html").exists()
