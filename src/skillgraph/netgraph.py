"""An RDF graph as a networkx graph, for drawing and for Gephi.

Nodes are the entities and statistics (anything typed with one of `CLASSES`), keyed by
IRI; edges are the object properties between them, keyed by property IRI (a
MultiDiGraph, so two properties between the same pair stay two edges). Mentions and
sentences are not nodes: the sentences an entity was found in become its `sentences`.

Node attributes: `class` (local name, e.g. "Agency"), `label` (the main name), `labels`
(every name), `literals` ({property local name: [values]}: dates, 文号, a statistic's
value/unit/qualifier, …), `sentences` (the source sentences, in document order), `marks`
(for each sentence, the [start, end) offsets of the node's mentions in it) and `documents`
(the IRIs of the documents it comes from: its prov:wasDerivedFrom and its mentions'
sg:inDocument; a document itself among them).
Edge attributes: `property` (IRI) and `label` (the property's Chinese or English label).
Graph attribute `names`: {class or property local name: its label}, for legends and tooltips.
"""
from __future__ import annotations

from functools import cache

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from .resources import ID, SG, ontology_path

SG_NS = Namespace(SG)
PROV = Namespace("http://www.w3.org/ns/prov#")
CLASSES = (
    "Reply", "Proposal", "PolicyDocument", "Policy", "Agency", "Organization", "Person",
    "Place", "PlatformSystem", "PlatformTier", "PlatformType", "Competition",
    "CompetitionEvent", "Award", "Measure", "Concept", "Statistic",
)
PREFIXES = {"sg:": SG, "id:": ID, "prov:": str(PROV), "rdfs:": str(RDFS), "skos:": str(SKOS)}
FALLBACK_LABELS = {str(PROV.wasDerivedFrom): "来源文档"}  # terms the ontology does not name
NAME_PROPERTIES = (RDFS.label, SKOS.altLabel)
SKIPPED = (RDF.type, SG_NS.mention, *NAME_PROPERTIES)  # shown otherwise, or not at all


def compact(iri: str) -> str:
    """`https://w3id.org/skillgraph/id/agency/X` → `id:agency/X`."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace):]
    return iri


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def preferred(literals) -> str | None:
    """The Chinese one, else the English one, else any; the smallest of equals."""
    rank = {"zh": 0, "en": 1}
    ordered = sorted(literals, key=lambda lit: (rank.get(getattr(lit, "language", None) or "", 2), str(lit)))
    return str(ordered[0]) if ordered else None


@cache
def vocabulary() -> Graph:
    """The packaged ontology, for the labels of classes, properties and qualifiers."""
    graph = Graph()
    if ontology_path().exists():
        graph.parse(ontology_path(), format="turtle")
    return graph


@cache
def ontology_label(term: str) -> str | None:
    return preferred(vocabulary().objects(URIRef(term), RDFS.label)) or FALLBACK_LABELS.get(term)


def label_of(graph: Graph, term: URIRef) -> str | None:
    """A term's label, from the graph itself or else from the ontology."""
    return preferred(graph.objects(term, RDFS.label)) or ontology_label(str(term))


def term_label(graph: Graph, term: URIRef) -> str:
    return label_of(graph, term) or local_name(str(term))


def entity_classes(graph: Graph) -> dict:
    """IRI → class local name, for every node typed with one of `CLASSES` (the first, if several)."""
    rank = {SG_NS[c]: i for i, c in enumerate(CLASSES)}
    found = {}
    for node, cls in graph.subject_objects(RDF.type):
        if cls in rank and isinstance(node, URIRef) and rank[cls] < found.get(node, len(CLASSES)):
            found[node] = rank[cls]
    return {node: CLASSES[i] for node, i in found.items()}


def names(graph: Graph, node: URIRef) -> tuple[str, list[str]]:
    """The main label and every name (main label first, then the others sorted)."""
    every = {str(o) for p in NAME_PROPERTIES for o in graph.objects(node, p)}
    main = preferred(graph.objects(node, RDFS.label)) or min(every, default=None) or local_name(str(node))
    return main, [main] + sorted(every - {main})


def evidence(graph: Graph, node: URIRef) -> list[tuple[str, str, list[list[int]]]]:
    """(document IRI, sentence text, [[start, end] of each mention in it]) for each sentence
    the node's mentions lie in, in document order, each sentence once."""
    found = {}
    for mention in graph.objects(node, SG_NS.mention):
        start, end = graph.value(mention, SG_NS.beginIndex), graph.value(mention, SG_NS.endIndex)
        for sentence in graph.objects(mention, SG_NS.sentence):
            text = graph.value(sentence, SG_NS.anchorOf)
            if text is None:
                continue
            begin = int(graph.value(sentence, SG_NS.beginIndex) or 0)
            doc = str(graph.value(sentence, SG_NS.inDocument) or "")
            marks = found.setdefault(sentence, (doc, begin, str(text), []))[3]
            if start is not None and end is not None and 0 <= int(start) - begin < int(end) - begin <= len(text):
                marks.append([int(start) - begin, int(end) - begin])
    return [(doc, text, sorted(marks)) for doc, _, text, marks in sorted(found.values())]


def sentences(graph: Graph, node: URIRef) -> list[str]:
    """The text of the sentences the node's mentions lie in, in document order, each once."""
    return [text for _, text, _ in evidence(graph, node)]


def documents(graph: Graph, node: URIRef, classes: dict) -> list[str]:
    """The documents a node comes from (a document comes from itself), sorted."""
    found = {str(node)} if classes.get(node) == "Reply" else set()
    found.update(str(d) for d in graph.objects(node, PROV.wasDerivedFrom))
    found.update(str(d) for m in graph.objects(node, SG_NS.mention) for d in graph.objects(m, SG_NS.inDocument))
    return sorted(found)


def value_text(graph: Graph, value) -> str:
    """A literal's lexical form; an IRI's label (sg:AtLeast → 至少) or compact IRI."""
    if isinstance(value, Literal):
        return str(value)
    return label_of(graph, value) or compact(str(value))


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The drawable part of `graph`; the same graph gives the same nodes, edges and order."""
    classes = entity_classes(graph)
    g = nx.MultiDiGraph(names={c: term_label(graph, SG_NS[c]) for c in sorted(set(classes.values()))})
    edges = []
    for node in sorted(classes):
        literals = {}
        for p, o in graph.predicate_objects(node):
            if p in SKIPPED or not isinstance(o, (Literal, URIRef)):
                continue
            if o in classes:
                edges.append((str(node), str(o), str(p)))
            else:
                literals.setdefault(local_name(str(p)), []).append(value_text(graph, o))
                if local_name(str(p)) not in g.graph["names"]:
                    g.graph["names"][local_name(str(p))] = term_label(graph, p)
        label, labels = names(graph, node)
        found = evidence(graph, node)
        g.add_node(str(node), **{
            "class": classes[node], "label": label, "labels": labels,
            "literals": {k: sorted(v) for k, v in sorted(literals.items())},
            "sentences": [text for _, text, _ in found], "marks": [marks for _, _, marks in found],
            "documents": documents(graph, node, classes),
        })
    labels = {p: term_label(graph, URIRef(p)) for p in {p for _, _, p in edges}}
    for source, target, p in sorted(edges):
        g.add_edge(source, target, key=p, property=p, label=labels[p])
    g.graph["names"] = dict(sorted(g.graph["names"].items()))
    return g
