"""Resolved entities → triples in the ontology's terms (docs/rdf-model.md), as pyoxigraph terms."""
from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from .model import Entities, ResolvedDocument, Span, Statistic
from .normalize import plain
from .vocab import ID, PROV, RDF, RDFS, SG, SKOS, XSD, document_id, span_id

LITERAL_TYPES = {
    "year": "gYear",
    "edition": "integer",
    "rank": "integer",
    "order": "integer",
    "planned": "boolean",
}
TYPE, LABEL, ALT_LABEL, DERIVED_FROM = (ox.NamedNode(RDF + "type"), ox.NamedNode(RDFS + "label"),
                                        ox.NamedNode(SKOS + "altLabel"), ox.NamedNode(PROV + "wasDerivedFrom"))


def sg(name: str) -> ox.NamedNode:
    return ox.NamedNode(SG + name)


def node(local_id: str) -> ox.NamedNode:
    return ox.NamedNode(ID + local_id)


def xsd(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def chinese(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def typed(prop: str, value: str) -> ox.Literal:
    if prop == "date":  # a day or a month
        return xsd(value, "date" if len(value) == 10 else "gYearMonth")
    datatype = LITERAL_TYPES.get(prop)
    return xsd(value, datatype) if datatype else ox.Literal(value)


def to_rdf(entities: Entities) -> list[ox.Triple]:
    """The triples of every resolved document, each once, in the order first made."""
    triples: dict[ox.Triple, None] = {}
    for resolved in entities.documents:
        triples.update(dict.fromkeys(document_triples(resolved)))
    return list(triples)


def document_triples(resolved: ResolvedDocument) -> list[ox.Triple]:
    """One document's triples; each mention and sentence is one node with its span and quote."""
    out: list[ox.Triple] = []
    doc_node = node(document_id(resolved.doc_id))
    spans: set[str] = set()

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Triple(s, p, o))

    def span_node(kind: str, cls: str, span: Span) -> ox.NamedNode:
        local = span_id(resolved.doc_id, kind, span.start, span.end)
        if local not in spans:
            spans.add(local)
            n = node(local)
            add(n, TYPE, sg(cls))
            add(n, sg("beginIndex"), xsd(str(span.start), "integer"))
            add(n, sg("endIndex"), xsd(str(span.end), "integer"))
            add(n, sg("anchorOf"), ox.Literal(resolved.source[span.start : span.end]))
            add(n, sg("inDocument"), doc_node)
            if kind == "mention":
                add(n, sg("sentence"), span_node("sentence", "Sentence", resolved.sentence_at(span.start)))
        return node(local)

    def mentioned(subject: ox.NamedNode, mentions: list[Span]) -> None:
        for span in mentions:
            add(subject, sg("mention"), span_node("mention", "Mention", span))

    if resolved.source_file is not None:
        add(doc_node, sg("sourceFile"), ox.Literal(resolved.source_file))
    for entity in resolved.entities:
        n = node(entity.id)
        add(n, TYPE, sg(entity.cls))
        add(n, LABEL, chinese(entity.label))
        for alt in entity.alt_labels:
            add(n, ALT_LABEL, chinese(alt))
        if n != doc_node:
            add(n, DERIVED_FROM, doc_node)
        mentioned(n, entity.mentions)
    for subject, prop, obj in resolved.relations:
        add(node(subject), sg(prop), node(obj))
    for subject, prop, value in resolved.literals:
        add(node(subject), sg(prop), typed(prop, value))
    for stat in resolved.statistics:
        add_statistic(add, stat, doc_node)
        mentioned(node(stat.id), stat.mentions)
    return out


def add_statistic(add: Callable[[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal], None], stat: Statistic,
                  doc_node: ox.NamedNode) -> None:
    f, n = stat.figure, node(stat.id)
    add(n, TYPE, sg("Statistic"))
    add(n, LABEL, chinese(f"{f.indicator} {format(f.value.normalize(), 'f')}{f.unit}"))
    add(n, sg("value"), xsd(plain(f.value), "decimal"))
    add(n, sg("unit"), ox.Literal(f.unit))
    add(n, sg("qualifier"), sg(f.qualifier))
    add(n, sg("indicator"), ox.Literal(f.indicator))
    if f.period_start:
        add(n, sg("periodStart"), xsd(f.period_start, "gYear"))
    if f.year:
        add(n, sg("year"), xsd(f.year, "gYear"))
    if f.is_target:
        add(n, sg("isTarget"), xsd("true", "boolean"))
    if stat.counts:
        add(n, sg("counts"), node(stat.counts))
    add(n, DERIVED_FROM, doc_node)
