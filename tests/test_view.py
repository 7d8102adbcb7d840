"""The network view: RDF → networkx (nodes, edges, attributes), layout, the HTML page."""
import html
import json
import math
import random
import re

import networkx as nx
import numpy as np
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
    sg:mention <https://w3id.org/skillgraph/id/doc/d1/mention/104-108>, <https://w3id.org/skillgraph/id/doc/d1/mention/4-8> ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/person/张卫婷> a sg:Person ; rdfs:label "张卫婷"@zh ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/platform-type/技能大师工作室> a sg:PlatformType ; rdfs:label "技能大师工作室"@zh ;
    prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/statistic/199-201> a sg:Statistic ; rdfs:label "技能大师工作室 9个"@zh ;
    sg:value 9.0 ; sg:unit "个" ; sg:qualifier sg:AtLeast ; sg:indicator "技能大师工作室" ;
    sg:counts <https://w3id.org/skillgraph/id/platform-type/技能大师工作室> ; prov:wasDerivedFrom <https://w3id.org/skillgraph/id/doc/d1> ;
    sg:mention <https://w3id.org/skillgraph/id/doc/d1/mention/199-201> .
<https://w3id.org/skillgraph/id/concept/evil> a sg:Concept ; rdfs:label "<img src=x onerror=\\"window.__pwned=1\\">"@zh ;
    skos:altLabel "</script><script>window.__pwned=3</script>"@zh ;
    sg:mention <https://w3id.org/skillgraph/id/doc/d1/mention/300-310> .

<https://w3id.org/skillgraph/id/doc/d1/mention/4-8> a sg:Mention ; sg:beginIndex 4 ; sg:endIndex 8 ; sg:anchorOf "市人社局" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/d1/sentence/0-13> ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/mention/104-108> a sg:Mention ; sg:beginIndex 104 ; sg:endIndex 108 ; sg:anchorOf "市人社局" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/d1/sentence/100-113> ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/mention/199-201> a sg:Mention ; sg:beginIndex 199 ; sg:endIndex 201 ; sg:anchorOf "9个" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/d1/sentence/190-202> ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/mention/300-310> a sg:Mention ; sg:beginIndex 300 ; sg:endIndex 310 ; sg:anchorOf "x" ;
    sg:sentence <https://w3id.org/skillgraph/id/doc/d1/sentence/290-330> ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/sentence/0-13> a sg:Sentence ; sg:beginIndex 0 ; sg:endIndex 13 ;
    sg:anchorOf "第一句:市人社局高度重视。" ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/sentence/100-113> a sg:Sentence ; sg:beginIndex 100 ; sg:endIndex 113 ;
    sg:anchorOf "第二句:市人社局印发通知。" ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/sentence/190-202> a sg:Sentence ; sg:beginIndex 190 ; sg:endIndex 202 ;
    sg:anchorOf "建成技能大师工作室9个。" ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
<https://w3id.org/skillgraph/id/doc/d1/sentence/290-330> a sg:Sentence ; sg:beginIndex 290 ; sg:endIndex 330 ;
    sg:anchorOf "<script>window.__pwned=2</script> 见 http://example.org/x" ; sg:inDocument <https://w3id.org/skillgraph/id/doc/d1> .
"""
AGENCY = ID + "agency/咸阳市人力资源和社会保障局"
PERSON = DOC + "/person/张卫婷"
STATISTIC = DOC + "/statistic/199-201"


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
    reply, statistic = nodes["id:doc/d1"], nodes["id:doc/d1/statistic/199-201"]
    assert reply["group"] == "Reply" and net.options["groups"]["Reply"]["shape"] == view.STYLES["Reply"][1]
    assert reply["size"] > nodes["id:concept/evil"]["size"]  # degree 6 against 0
    assert statistic["info"]["literals"] == [["数值", "9.0"], ["单位", "个"], ["数量限定", "以上"], ["指标", "技能大师工作室"]]
    assert [c["id"] for c in net.legend] == ["Reply", "Agency", "Person", "PlatformType", "Concept", "Statistic"]


def test_nodes_carry_canvas_text_rank_documents_and_marked_sentences():
    net = view.network(sample_graph())
    nodes = {n["info"]["iri"]: n for n in net.nodes}
    agency, statistic = nodes["id:agency/咸阳市人力资源和社会保障局"], nodes["id:doc/d1/statistic/199-201"]
    assert [[net.sentences[k], marks] for k, marks in agency["info"]["sentences"]] == [
        ["第一句:市人社局高度重视。", [[4, 8]]], ["第二句:市人社局印发通知。", [[4, 8]]]]
    assert len(net.sentences) == len(set(net.sentences)) == 4  # each sentence in the page once
    assert agency["text"] == "咸阳市人社局"  # the usual short form of a long name
    assert statistic["text"] == "技能大师工作室 9个"
    by_rank = [n["group"] for n in sorted(net.nodes, key=lambda n: n["rank"])]
    assert by_rank[:2] == ["Reply", "Agency"] and by_rank[-1] == "Statistic"
    reply = nodes["id:doc/d1"]["id"]
    assert agency["docs"] == [reply] and nodes["id:concept/evil"]["docs"] == [reply]  # from its mention


@pytest.mark.parametrize("label, shown", [
    ("咸人社函〔2025〕140号", "咸人社函〔2025〕140号"),  # one character over: kept whole
    ("补贴资金共计12345678901元整已发放", "补贴资金共计12345678901…"),  # the number whole
    ("关于市政协十三届三次会议第20190244号提案的答复", "关于市政协十三届三次会…"),
    ("市政协十三届三次会议第20190244号提案", "市政协十三届三次会议第20190244…"),  # the number whole, not dropped
    ("巫溪县人力资源和社会保障局财务科", "巫溪县人社局财务科"),
])
def test_short_labels_shorten_words_and_never_cut_a_number(label, shown):
    assert view.short(label) == shown


def test_a_document_titled_only_reply_is_named_by_its_number_or_file():
    reply = {"class": "Reply", "label": "答复", "literals": {}}
    assert view.display(reply, ID + "doc/07_wuxi.txt") == "答复 · 07_wuxi"
    assert view.display(reply, ID + "doc/a%2F51_zhuhai_rsj_fanxiang.html") == "答复 · a/51_zhuha…"
    assert view.display({**reply, "literals": {"documentNumber": ["渝高技办〔2024〕3号"]}}, DOC) == "渝高技办〔2024〕3号"
    assert view.display({**reply, "label": "关于加快技能人才培养的建议的答复"}, DOC) == "关于加快技能人才培养的…"


@pytest.mark.parametrize("value, text", [
    (680000, "68万"), (6800000, "680万"), (110000000, "1.1亿"), (24441000, "2444.1万"),
    (16000, "1.6万"), (12345, "12345"), (115, "115"), (9.0, "9"), (1.5, "1.5"),
])
def test_amounts_read_as_a_reader_writes_them_and_stay_exact(value, text):
    assert view.amount(value) == text
    number = float(text.removesuffix("万").removesuffix("亿")) * (1e4 if "万" in text else 1e8 if "亿" in text else 1)
    assert number == pytest.approx(value, rel=1e-12)


def test_a_hub_with_thousands_of_leaves_is_laid_out_without_overlaps():
    star = nx.Graph((f"leaf{i}", "hub") for i in range(3000))
    positions = view.layout(star)
    points = np.array([positions[n] for n in star])
    order = np.lexsort(points.T)  # neighbours in x among the sorted points: a cheap nearest-pair bound
    gaps = np.sqrt(((points[order][1:] - points[order][:-1]) ** 2).sum(1))
    assert np.median(gaps) > 0.05
    radius = np.sqrt(((points - positions["hub"]) ** 2).sum(1))
    assert np.median(radius) < 60  # the leaves stay around their hub


def corpus(documents: int) -> Graph:
    """`documents` replies sharing the ministry, a platform kind and a city, two by two."""
    lines = ["@prefix sg: <https://w3id.org/skillgraph/ontology#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix prov: <http://www.w3.org/ns/prov#> .",
             f"<{ID}agency/部> a sg:Agency ; rdfs:label \"人力资源和社会保障部\" .",
             f"<{ID}place/咸阳市> a sg:Place ; rdfs:label \"咸阳市\" ; prov:wasDerivedFrom <{ID}doc/r0> ."]
    for d in range(documents):
        doc = f"<{ID}doc/r{d}>"
        lines += [f"{doc} a sg:Reply ; rdfs:label \"第{d}号答复\" ; sg:issuedBy <{ID}agency/部> .",
                  f"<{ID}agency/部> prov:wasDerivedFrom {doc} .",
                  f"<{ID}platform-type/p{d // 2}> a sg:PlatformType ; rdfs:label \"平台{d // 2}\" ; prov:wasDerivedFrom {doc} ."]
        lines += [f"<{ID}doc/r{d}/measure/{m}> a sg:Measure ; rdfs:label \"措施{m}\" ; prov:wasDerivedFrom {doc} ."
                  for m in range(3)]
    return Graph().parse(data="\n".join(lines), format="turtle")


def test_a_large_graph_opens_on_an_overview_of_documents_agencies_and_places():
    net = view.network(corpus(6), overview_above=10)
    iri = {n["id"]: n["info"]["iri"] for n in net.nodes}
    shown = {iri[n["id"]]: n for n in net.overview["nodes"]}
    assert set(shown) == {f"id:doc/r{d}" for d in range(6)} | {"id:agency/部"}  # 咸阳市: named by one document
    assert shown["id:agency/部"]["size"] > shown["id:doc/r0"]["size"] > shown["id:doc/r1"]["size"]
    assert shown["id:agency/部"]["rank"] == 0  # 12 relations: labelled first
    assert shown["id:doc/r0"]["facts"] == 6  # its three measures, platform, agency and place
    links = {frozenset((iri[e["from"]], iri[e["to"]])) for e in net.overview["edges"]}
    assert frozenset(("id:doc/r0", "id:doc/r1")) in links  # they share 平台0
    assert frozenset(("id:doc/r1", "id:doc/r2")) not in links
    assert frozenset(("id:doc/r3", "id:agency/部")) in links
    assert set(iri.values()) == set(shown)  # the page's data holds the overview; each document's part the rest
    parts = {iri[d]: json.loads(text) for d, text in net.parts}
    assert set(parts) == {f"id:doc/r{d}" for d in range(6)}
    iri.update({n["id"]: n["info"]["iri"] for part in parts.values() for n in part["nodes"]})
    around = {d: [iri[n] for n, _, _ in part["around"]] for d, part in parts.items()}
    assert sorted(around["id:doc/r0"]) == ["id:doc/r0/measure/0", "id:doc/r0/measure/1", "id:doc/r0/measure/2",
                                           "id:place/咸阳市", "id:platform-type/p0"]
    drawn = {(iri[u], iri[v]) for part in parts.values() for _, u, v, _ in part["edges"]}
    assert ("id:doc/r1", "id:agency/部") in drawn and ("id:platform-type/p0", "id:doc/r1") in drawn  # each relation in a part
    assert len({k for part in parts.values() for k, *_ in part["edges"]}) == net.totals["edges"] == 37
    assert all("x" not in n for n in net.nodes)  # no full layout is computed for the overview
    assert view.network(corpus(6)).overview is None  # 42 nodes: below the default threshold


def test_a_node_many_documents_name_carries_how_many_nodes_its_expansion_brings():
    """The page draws a hub's neighbours a batch at a time and says how many are left: its
    record holds their number, those outside the overview (its documents are in it)."""
    graph = corpus(25)
    for d in range(25):
        graph.parse(format="turtle", data=f"""
            @prefix sg: <https://w3id.org/skillgraph/ontology#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix prov: <http://www.w3.org/ns/prov#> .
            <{ID}platform-type/kind> a sg:PlatformType ; rdfs:label "技能大师工作室" ; prov:wasDerivedFrom <{ID}doc/r{d}> .
            <{ID}doc/r{d}/statistic/0> a sg:Statistic ; rdfs:label "技能大师工作室数" ; sg:counts <{ID}platform-type/kind> ;
                prov:wasDerivedFrom <{ID}doc/r{d}> .""")
    net = view.network(graph, overview_above=10)
    reach = {n["info"]["iri"]: n.get("reach") for n in net.nodes}
    assert reach["id:platform-type/kind"] == 25  # the statistic of each document
    assert reach["id:agency/部"] == 0  # its neighbours, the documents, are all in the overview
    assert reach["id:doc/r0"] is None  # a document brings its part whole


def test_an_overview_of_many_documents_keeps_fewer_edges_and_no_entity_alone(monkeypatch):
    edges = len(view.network(corpus(6), overview_above=10).overview["edges"])
    monkeypatch.setattr(view, "MANY_DOCUMENTS", 3)
    net = view.network(corpus(6), overview_above=10)
    iri = {n["id"]: n["info"]["iri"] for n in net.nodes}
    linked = {iri[end] for e in net.overview["edges"] for end in (e["from"], e["to"])}
    assert len(net.overview["edges"]) <= edges and "id:agency/部" in linked  # 10,000 documents: 45,945 → 23,308


def test_the_overview_is_made_from_the_triples_alone_in_any_form():
    from skillgraph import store

    graph = corpus(6)
    pages = [view.render(view.network(source, overview_above=10))
             for source in (graph, store.from_rdflib(graph), list(store.from_rdflib(graph)))]
    assert pages[0] == pages[1] == pages[2]
    assert pages[0].count('<script type="application/json" id="part-') == 6


def test_document_page_draws_what_comes_from_one_document_in_reading_columns():
    net = view.network(corpus(4), document="r1")
    drawn = {n["info"]["iri"]: n for n in net.nodes}
    assert set(drawn) == {"id:doc/r1", "id:agency/部", "id:platform-type/p0"} | {f"id:doc/r1/measure/{m}" for m in range(3)}
    x = {iri: n["x"] for iri, n in drawn.items()}
    assert x["id:doc/r1"] < x["id:agency/部"] < x["id:platform-type/p0"] < x["id:doc/r1/measure/0"]
    assert x["id:doc/r1/measure/0"] == x["id:doc/r1/measure/2"]
    assert view.network(corpus(4), document="id:doc/r1").node_ids == net.node_ids
    suffixed = Graph().parse(data=SAMPLE.replace("/doc/d1", "/doc/d1.txt"), format="turtle")
    assert len(view.network(suffixed, document="d1").nodes) == 6  # the id without its suffix
    with pytest.raises(UserError, match=r"no document 'r9'.*--name documents"):
        view.network(corpus(4), document="r9")


def test_a_very_large_graph_keeps_no_sentences_in_the_page(monkeypatch):
    monkeypatch.setattr(view, "DETAIL_TRIPLES", 3)
    net = view.network(sample_graph())
    assert net.trimmed and all(n["info"]["sentences"] == [] for n in net.nodes) and net.sentences == []
    assert view.network(sample_graph(), evidence=True).sentences  # unless asked for
    assert len(view.network(sample_graph(), document="d1").sentences) == 4  # and one document's always


def test_the_pyvis_network_shows_the_same_page_in_a_notebook_and_as_a_file(tmp_path):
    net = view.network(sample_graph())
    frame = net._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and html.unescape(frame).count(view.render(net)) == 1
    net.write_html(str(tmp_path / "net.html"))
    assert (tmp_path / "net.html").read_text(encoding="utf-8") == view.render(net)


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


def test_view_command_draws_one_document_or_says_which_ids_exist(tmp_path, capsys):
    from skillgraph import cli

    graph = tmp_path / "corpus.ttl"
    graph.write_text(corpus(3).serialize(format="turtle"), encoding="utf-8")
    out = tmp_path / "r2.html"
    assert cli.main(["view", "--graph", str(graph), "--document", "r2", "--out", str(out)]) == 0
    assert "id:doc/r2/measure/2" in out.read_text(encoding="utf-8") and "id:doc/r1/" not in out.read_text(encoding="utf-8")
    assert cli.main(["view", "--graph", str(graph), "--document", "r7", "--out", str(tmp_path / "x.html")]) == 2
    error = capsys.readouterr().err
    last = error.splitlines()[-1]  # after a note that the store was made
    assert "no document 'r7'" in last and "--name documents" in last
    assert not (tmp_path / "x.html").exists()


def test_the_help_example_query_draws_connected_documents(capsys):
    from pathlib import Path

    from skillgraph import cli, store

    with pytest.raises(SystemExit):
        cli.main(["view", "--help"])
    query = re.search(r"--query '(.*?)'", capsys.readouterr().out, re.S).group(1)
    built = Path(__file__).resolve().parents[1] / "output" / "skillgraph.ttl"
    result = store.run_query(store.load([built]), query)
    g = to_networkx(store.to_rdflib(result.triples))
    classes = {cls for _, cls in g.nodes(data="class")}
    assert classes == {"Reply", "Agency", "Person"}
    assert all(degree > 0 for _, degree in g.degree())  # no node alone: documents with who issued, signed, received them
    assert all(g.nodes[u]["class"] == "Reply" for u, _ in g.edges())
    assert all(not label.startswith("http") for _, label in g.nodes(data="label"))  # named, not IRIs
