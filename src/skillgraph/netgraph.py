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

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
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


TYPE, LABEL, ALT_LABEL = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
MENTION, DERIVED = SG + "mention", str(PROV.wasDerivedFrom)
SPAN = {SG + "beginIndex": 0, SG + "endIndex": 1, SG + "anchorOf": 2, SG + "sentence": 3, SG + "inDocument": 4}
DOCUMENT_PREFIX = ID + "doc/"
ONTOLOGY_GRAPH = "https://w3id.org/skillgraph/ontology"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"

Term = tuple[str, str, str, bool, str]  # subject, predicate, object (IRI or lexical form), a literal?, language


def terms(source) -> Iterator[Term]:
    """The triples of an rdflib Graph, a pyoxigraph Store (but the ontology's graph), or an
    iterable of pyoxigraph triples or quads, one at a time, as plain strings; blank nodes left out."""
    if isinstance(source, Graph):
        for s, p, o in source:
            if isinstance(s, URIRef):
                if isinstance(o, Literal):
                    yield str(s), str(p), str(o), True, o.language or ""
                elif isinstance(o, URIRef):
                    yield str(s), str(p), str(o), False, ""
        return
    import pyoxigraph as ox

    for t in source:
        s, o = t.subject, t.object
        if type(s) is not ox.NamedNode or (type(t) is ox.Quad and getattr(t.graph_name, "value", None) == ONTOLOGY_GRAPH):
            continue
        if type(o) is ox.Literal:
            value = o.value
            if o.datatype.value == XSD_DECIMAL and "." in value:  # as a store keeps it: 9.0 → 9
                value = format(Decimal(value).normalize(), "f")
            yield s.value, t.predicate.value, value, True, o.language or ""
        elif type(o) is ox.NamedNode:
            yield s.value, t.predicate.value, o.value, False, ""


def document_of(mention: str) -> str | None:
    """id:doc/D/mention/1-4 → id:doc/D: a mention lives under its document."""
    if not mention.startswith(DOCUMENT_PREFIX):
        return None
    cut = mention.find("/", len(DOCUMENT_PREFIX))
    return mention if cut < 0 else mention[:cut]


@dataclass
class Scan:
    """The drawable part of a graph, read in one pass over its triples: for each node (in
    IRI order) its class, names, literals and documents (and, with `evidence`, source
    sentences); the relations between nodes as (source, target, property) in order.
    Mentions and sentences are read only for the evidence; otherwise nothing is kept of
    them, so memory grows with the nodes, not with the triples."""

    iris: list[str]
    classes: list[str]
    labels: list[list[str]]
    literals: list[dict[str, list[str]]]
    documents: list[list[str]]
    edges: list[tuple[int, int, str]]
    edge_labels: dict[str, str]
    names: dict[str, str]
    evidence: list[list[tuple[str, str, list[list[int]]]]] | None = None
    triples: int = 0

    def __len__(self) -> int:
        return len(self.iris)


def _preferred(labels: list[tuple[str, str]] | None) -> str | None:
    rank = {"zh": 0, "en": 1}
    return min(labels, key=lambda item: (rank.get(item[0], 2), item[1]))[1] if labels else None


def scan(source, evidence: bool | str = True) -> Scan:
    """One pass over `source` (see `terms`) → a `Scan`; the same triples in any order give the
    same. `evidence`: read the source sentences, or not, or (an IRI prefix, `id:doc/D`) only
    those of the mentions under it: one document's."""
    under = evidence if isinstance(evidence, str) else ""
    rank = {SG + c: i for i, c in enumerate(CLASSES)}
    classes: dict[str, int] = {}
    labels: dict[str, list[tuple[str, str]]] = {}
    alternatives: dict[str, set[str]] = {}
    docs: dict[str, set[str]] = {}
    mentions: dict[str, list[str]] = {}
    values: dict[str, list[tuple[str, str, bool]]] = {}
    spans: dict[str, list] = {}
    loose: list[tuple[str, str]] = []  # (node, mention) of mentions outside any document's IRIs
    count = 0
    for s, p, o, literal, lang in terms(source):
        count += 1
        if p == TYPE:
            if o in rank and rank[o] < classes.get(s, len(CLASSES)):
                classes[s] = rank[o]
        elif p in (LABEL, ALT_LABEL):
            if p == LABEL and literal:
                labels.setdefault(s, []).append((lang, o))
            alternatives.setdefault(s, set()).add(o)
        elif p == MENTION:
            if not literal:
                document = document_of(o)
                if document is None:
                    loose.append((s, o))
                else:
                    docs.setdefault(s, set()).add(document)
                if evidence and o.startswith(under):
                    mentions.setdefault(s, []).append(o)
        elif p in SPAN:
            if (evidence and s.startswith(under)) or (p == SG + "inDocument" and not s.startswith(DOCUMENT_PREFIX)):
                spans.setdefault(s, [None] * 5)[SPAN[p]] = o
        else:
            if p == DERIVED and not literal:
                docs.setdefault(s, set()).add(o)
            values.setdefault(s, []).append((p, o, literal))
    for node, mention in loose:
        if (found := spans.get(mention, [None] * 5)[4]) is not None:
            docs.setdefault(node, set()).add(found)

    def term_label(term: str) -> str:
        return _preferred(labels.get(term)) or ontology_label(term) or local_name(term)

    iris = sorted(classes)
    index = {iri: i for i, iri in enumerate(iris)}
    names = {CLASSES[c]: term_label(SG + CLASSES[c]) for c in sorted(set(classes.values()), key=lambda c: CLASSES[c])}
    result = Scan(iris, [CLASSES[classes[iri]] for iri in iris], [], [], [], [], {}, names,
                  [] if evidence else None, count)
    edges = set()
    for i, node in enumerate(iris):
        literals: dict[str, list[str]] = {}
        for p, o, literal in values.get(node, ()):
            if not literal and o in index:
                edges.add((i, index[o], p))
                continue
            name = local_name(p)
            literals.setdefault(name, []).append(o if literal else _preferred(labels.get(o)) or ontology_label(o)
                                                 or compact(o))
            if name not in names:
                names[name] = term_label(p)
        every = alternatives.get(node, set())
        main = _preferred(labels.get(node)) or min(every, default=None) or local_name(node)
        result.labels.append([main] + sorted(every - {main}))
        result.literals.append({k: sorted(v) for k, v in sorted(literals.items())})
        found = docs.get(node, set()) | ({node} if result.classes[i] == "Reply" else set())
        result.documents.append(sorted(found))
        if result.evidence is not None:
            result.evidence.append(_evidence(mentions.get(node, ()), spans))
    result.edges = sorted(edges, key=lambda e: (e[0], e[1], e[2]))
    result.edge_labels = {p: term_label(p) for p in sorted({p for _, _, p in edges})}
    result.names = dict(sorted(names.items()))
    return result


def _evidence(mentions, spans: dict) -> list[tuple[str, str, list[list[int]]]]:
    """As `evidence`, from the spans a scan kept."""
    found: dict[str, tuple[str, int, str, list]] = {}
    for mention in mentions:
        start, end, _, sentence, _ = spans.get(mention, [None] * 5)
        if sentence is None or (sentence_span := spans.get(sentence)) is None or sentence_span[2] is None:
            continue
        begin, text = int(sentence_span[0] or 0), sentence_span[2]
        marks = found.setdefault(sentence, (sentence_span[4] or "", begin, text, []))[3]
        if start is not None and end is not None and 0 <= int(start) - begin < int(end) - begin <= len(text):
            marks.append([int(start) - begin, int(end) - begin])
    return [(doc, text, sorted(marks)) for doc, _, text, marks in sorted(found.values())]


def to_networkx(graph, evidence: bool = True) -> nx.MultiDiGraph:
    """The drawable part of `graph` (rdflib Graph, pyoxigraph Store or triples, or a `Scan`);
    the same graph gives the same nodes, edges and order."""
    found = graph if isinstance(graph, Scan) else scan(graph, evidence)
    g = nx.MultiDiGraph(names=found.names)
    for i, node in enumerate(found.iris):
        proof = found.evidence[i] if found.evidence is not None else []
        g.add_node(node, **{
            "class": found.classes[i], "label": found.labels[i][0], "labels": found.labels[i],
            "literals": found.literals[i], "sentences": [text for _, text, _ in proof],
            "marks": [marks for _, _, marks in proof], "documents": found.documents[i],
        })
    for u, v, p in found.edges:
        g.add_edge(found.iris[u], found.iris[v], key=p, property=p, label=found.edge_labels[p])
    return g
