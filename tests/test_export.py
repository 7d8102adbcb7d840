"""Exports: RDF formats round-trip and are byte-stable; GraphML/GEXF for Gephi; the statistics CSV."""
import csv
import io
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from skillgraph import cli
from skillgraph.errors import UserError
from skillgraph.export import FORMATS, export
from test_view import AGENCY, DOC, STATISTIC, sample_graph, shuffled

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def exported(graph: Graph, fmt: str, tmp_path) -> bytes:
    out = tmp_path / f"out.{fmt}"
    export(graph, fmt, out)
    return out.read_bytes()


@pytest.mark.parametrize("fmt", RDFLIB_FORMATS)
def test_rdf_formats_hold_the_same_graph(fmt, tmp_path):
    data = exported(sample_graph(), fmt, tmp_path)
    if fmt == "trig":
        back = Graph()
        for triple in Dataset().parse(data=data, format="trig").triples((None, None, None)):
            back.add(triple)
    else:
        back = Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
    assert isomorphic(back, sample_graph())


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_graph_same_bytes_whatever_the_triple_order(fmt, tmp_path):
    first = exported(sample_graph(), fmt, tmp_path)
    assert exported(shuffled(sample_graph(), 5), fmt, tmp_path) == first


def test_turtle_is_sorted_grouped_by_subject_with_short_prefixes(tmp_path):
    text = exported(sample_graph(), "ttl", tmp_path).decode("utf-8")
    assert "@prefix sg: <https://w3id.org/skillgraph/ontology#> ." in text
    subjects = [line.split(" ", 1)[0].strip("<>") for line in text.splitlines() if line.startswith("<")]
    assert subjects == sorted(subjects) and len(subjects) == len(set(subjects))  # by IRI, as `build` writes


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_carry_labels_classes_and_literals(fmt, read, tmp_path):
    out = tmp_path / f"g.{fmt}"
    export(sample_graph(), fmt, out)
    g = read(out)
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 8
    agency = g.nodes[AGENCY]
    assert agency["label"] == "咸阳市人力资源和社会保障局" and agency["class"] == "Agency"
    assert agency["labels"] == "咸阳市人力资源和社会保障局 | 市人社局"
    assert agency["sentences"].splitlines() == ["第一句:市人社局高度重视。", "第二句:市人社局印发通知。"]
    assert g.nodes[DOC]["documentNumber"] == "咸人社函〔2025〕140号"
    assert g.nodes[STATISTIC]["unit"] == "个"
    assert {d["label"] for _, _, d in g.edges(data=True)} >= {"发文机关", "统计对象", "来源文档"}


def test_csv_is_the_statistics_table(tmp_path):
    rows = list(csv.DictReader(io.StringIO(exported(sample_graph(), "csv", tmp_path).decode("utf-8"))))
    assert rows == [{
        "statistic": STATISTIC, "label": "技能大师工作室 9个", "indicator": "技能大师工作室",
        "value": "9.0", "unit": "个", "qualifier": "AtLeast", "period_start": "",
        "counts": "https://w3id.org/skillgraph/id/platform-type/技能大师工作室", "counts_label": "技能大师工作室",
        "document": DOC, "sentence": "建成技能大师工作室9个。",
    }]


def test_without_out_writes_to_standard_output(capsysbinary):
    export(sample_graph(), "nt")
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert len(lines) == len(sample_graph()) and lines == sorted(lines)


def test_unknown_format_names_the_valid_ones(tmp_path):
    with pytest.raises(UserError) as error:
        export(sample_graph(), "xml", tmp_path / "x")
    assert "xml" in str(error.value) and all(fmt in str(error.value) for fmt in FORMATS)
    assert not (tmp_path / "x").exists()


def test_build_and_export_print_the_same_turtle(tmp_path):
    skillgraph = Path(sys.executable).parent / "skillgraph"
    seed = Path(__file__).resolve().parents[1] / "data" / "documents" / "000_425f8ebd1574510b.txt"
    subprocess.run([str(skillgraph), "build", str(seed), "--out", str(tmp_path)], check=True, capture_output=True)
    built = tmp_path / "skillgraph.ttl"
    exported = subprocess.run([str(skillgraph), "export", "--format", "ttl", "--graph", str(built)],
                              check=True, capture_output=True).stdout
    assert exported == built.read_bytes()


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_drop_characters_xml_forbids(fmt, read, tmp_path):
    graph = sample_graph()
    graph.set((URIRef(AGENCY), RDFS.label, Literal("咸阳市\x00人力资源\x0b和社会保障局\ufffe", lang="zh")))
    out = tmp_path / f"g.{fmt}"
    export(graph, fmt, out)
    assert read(out).nodes[AGENCY]["label"] == "咸阳市人力资源和社会保障局"


def test_export_to_a_file_says_what_it_wrote(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    export(sample_graph(), "ttl", graph)
    assert cli.main(["export", "--format", "gexf", "--graph", str(graph), "--out", str(tmp_path / "g.gexf")]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 'g.gexf'}\n"
