"""Export a built graph: RDF (ttl, nt, jsonld, trig), a network for Gephi (graphml, gexf),
or the statistics table (csv). The same graph always gives the same bytes; Turtle is the
bytes `skillgraph build` writes (one writer, turtle.py).

RDF formats are written from pyoxigraph; the network formats and the table read the graph
through rdflib (netgraph.py)."""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, Graph

from .errors import UserError
from .files import write_atomic
from .netgraph import PROV, SG_NS, local_name, names, sentences, to_networkx
from .store import to_rdflib, triples_of
from .turtle import to_turtle
from .vocab import PREFIXES

RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG}
FORMATS = (*RDF_FORMATS, "graphml", "gexf", "csv")  # as in `skillgraph export --format`
SERIALIZER_PREFIXES = {p: PREFIXES[p] for p in ("sg", "prov", "rdfs", "skos", "xsd")}
STATISTIC_COLUMNS = ("statistic", "label", "indicator", "value", "unit", "qualifier", "period_start",
                     "counts", "counts_label", "document", "sentence")


def triples_in(graph: ox.Store | Graph) -> list[ox.Triple]:
    """The triples of a store, or of an rdflib Graph given through the Python API."""
    if isinstance(graph, ox.Store):
        return triples_of(graph)
    return [q.triple for q in ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)]


def sorted_ntriples(triples: list[ox.Triple]) -> str:
    """N-Triples, one triple a line, sorted: a canonical order (for graphs without blank nodes)."""
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return "".join(line + "\n" for line in lines)


def to_rdf(triples: list[ox.Triple], fmt: str) -> bytes:
    """Turtle from the one Turtle writer; the other syntaxes from Oxigraph's serializers fed
    the sorted triples (they follow the order they are given)."""
    if fmt == "ttl":
        return to_turtle(triples).encode("utf-8")
    ntriples = sorted_ntriples(triples)
    if fmt == "nt":
        return ntriples.encode("utf-8")
    sorted_triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(sorted_triples, format=RDF_FORMATS[fmt], prefixes=SERIALIZER_PREFIXES) or b""


XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text as XML 1.0 can hold it: control characters and U+FFFE/U+FFFF dropped."""
    return XML_FORBIDDEN.sub("", text)


def flat_network(graph: Graph) -> nx.MultiDiGraph:
    """The network with only text attributes (GraphML and GEXF take no lists): names joined
    by " | ", sentences by new lines, each literal property as its own attribute, and no
    character that XML forbids."""
    g = to_networkx(graph)
    flat = nx.MultiDiGraph()
    for node, attrs in g.nodes(data=True):
        literals = {key: "; ".join(values) for key, values in attrs["literals"].items()}
        texts = {**literals, "label": attrs["label"], "class": attrs["class"],
                 "class_label": g.graph["names"][attrs["class"]], "labels": " | ".join(attrs["labels"]),
                 "sentences": "\n".join(attrs["sentences"])}
        flat.add_node(node, **{key: xml_text(value) for key, value in texts.items()})
    for source, target, key, attrs in g.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, label=xml_text(attrs["label"]), property=attrs["property"])
    return flat


XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def to_graphml(graph: Graph) -> bytes:
    return (XML_DECLARATION + "\n".join(nx.generate_graphml(flat_network(graph))) + "\n").encode("utf-8")


def to_gexf(graph: Graph) -> bytes:
    """GEXF, without the writer's "last modified" date (the only thing that would vary)."""
    text = re.sub(r' lastmodifieddate="[^"]*"', "", "\n".join(nx.generate_gexf(flat_network(graph))), count=1)
    return (XML_DECLARATION + text + "\n").encode("utf-8")


def statistic_row(graph: Graph, st) -> dict:
    def text(p) -> str:
        return str(graph.value(st, p) or "")

    counts = graph.value(st, SG_NS.counts)
    return {
        "statistic": str(st), "label": names(graph, st)[0], "indicator": text(SG_NS.indicator),
        "value": text(SG_NS.value), "unit": text(SG_NS.unit), "qualifier": local_name(text(SG_NS.qualifier)),
        "period_start": text(SG_NS.periodStart), "counts": str(counts or ""),
        "counts_label": names(graph, counts)[0] if counts else "",
        "document": text(PROV.wasDerivedFrom), "sentence": "\n".join(sentences(graph, st)),
    }


def to_csv(graph: Graph) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=STATISTIC_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(statistic_row(graph, st) for st in sorted(graph.subjects(RDF.type, SG_NS.Statistic), key=str))
    return out.getvalue().encode("utf-8")


WRITERS = {"graphml": to_graphml, "gexf": to_gexf, "csv": to_csv}


def export(graph: ox.Store | Graph, fmt: str, out: Path | None = None) -> None:
    """Write `graph` in format `fmt` to `out` (atomically), or to standard output."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt in RDF_FORMATS:
        data = to_rdf(triples_in(graph), fmt)
    else:
        data = WRITERS[fmt](to_rdflib(graph) if isinstance(graph, ox.Store) else graph)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(Path(out), data)
