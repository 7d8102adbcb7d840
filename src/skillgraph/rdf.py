"""Resolved entities → triples in the ontology's terms (docs/rdf-model.md), as pyoxigraph terms
(or, for a build's Turtle, as the text of those terms: `emit` makes both)."""
from __future__ import annotations

from functools import cache
from typing import Any, Generic, TypeVar

import pyoxigraph as ox

from .model import Entities, ResolvedDocument, Span
from .normalize import plain
from .vocab import ID, PROV, RDF, RDFS, SG, SKOS, XSD, document_id, span_id

LITERAL_TYPES = {
    "year": "gYear",
    "edition": "integer",
    "rank": "integer",
    "order": "integer",
    "planned": "boolean",
}
XSD_INTEGER = XSD + "integer"
T = TypeVar("T")  # a term
R = TypeVar("R")  # a triple


def to_rdf(entities: Entities) -> list[ox.Triple]:
    """The triples of every resolved document, each once, in the order first made."""
    triples: dict[ox.Triple, None] = {}
    for resolved in entities.documents:
        triples.update(dict.fromkeys(document_triples(resolved)))
    return list(triples)


class Terms(Generic[T, R]):
    """How `emit` makes a triple's terms: pyoxigraph objects (`OX`), or the text the Turtle
    writer writes for them (`turtle.TEXT`), which a build renders without making objects."""

    def node(self, iri: str) -> T:  # an IRI
        raise NotImplementedError

    def literal(self, value: str, language: str = "", datatype: str = "") -> T:  # a plain string without either
        raise NotImplementedError

    def triple(self, s: T, p: T, o: T) -> R:
        raise NotImplementedError


class OxTerms(Terms[Any, ox.Triple]):
    def node(self, iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    def literal(self, value: str, language: str = "", datatype: str = "") -> ox.Literal:
        if language:
            return ox.Literal(value, language=language)
        return ox.Literal(value, datatype=_datatype(datatype)) if datatype else ox.Literal(value)

    def triple(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> ox.Triple:
        return ox.Triple(s, p, o)


@cache
def _datatype(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


OX = OxTerms()


def document_triples(resolved: ResolvedDocument) -> list[ox.Triple]:
    """One document's triples; each mention and sentence is one node with its span and quote."""
    return emit(resolved, OX)


def emit(resolved: ResolvedDocument, terms: Terms[T, R]) -> list[R]:
    """One document's triples, made by `terms`; each mention and sentence is one node with its span and quote."""
    out: list[R] = []
    triple, iri, literal = terms.triple, terms.node, terms.literal
    vocabulary: dict[str, T] = {}

    def sg(name: str) -> T:  # the ontology's terms, made once a document
        made = vocabulary.get(name)
        if made is None:
            made = vocabulary[name] = iri(SG + name)
        return made

    def node(local_id: str) -> T:
        return iri(ID + local_id)

    def integer(value: int) -> T:
        return literal(str(value), datatype=XSD_INTEGER)

    type_, label, alt_label, derived_from = iri(RDF + "type"), iri(RDFS + "label"), iri(SKOS + "altLabel"), iri(PROV + "wasDerivedFrom")
    # the terms of every span node, made once
    begin_index, end_index, anchor_of, in_document = sg("beginIndex"), sg("endIndex"), sg("anchorOf"), sg("inDocument")
    in_sentence, has_mention, mention_class, sentence_class = sg("sentence"), sg("mention"), sg("Mention"), sg("Sentence")
    doc_node = node(document_id(resolved.doc_id))
    spans: dict[tuple[str, int, int], T] = {}

    def span_node(kind: str, cls: T, span: Span) -> T:
        start, end = span.start, span.end
        made = spans.get((kind, start, end))
        if made is None:
            n = spans[kind, start, end] = node(span_id(resolved.doc_id, kind, start, end))
            out.extend((triple(n, type_, cls),
                        triple(n, begin_index, integer(start)),
                        triple(n, end_index, integer(end)),
                        triple(n, anchor_of, literal(resolved.source[start:end])),
                        triple(n, in_document, doc_node)))
            if kind == "mention":
                out.append(triple(n, in_sentence, span_node("sentence", sentence_class, resolved.sentence_at(start))))
            return n
        return made

    def mentioned(subject: T, mentions: list[Span]) -> None:
        for span in mentions:
            out.append(triple(subject, has_mention, span_node("mention", mention_class, span)))

    if resolved.source_file is not None:
        out.append(triple(doc_node, sg("sourceFile"), literal(resolved.source_file)))
    for entity in resolved.entities:
        n = node(entity.id)
        out.append(triple(n, type_, sg(entity.cls)))
        out.append(triple(n, label, literal(entity.label, language="zh")))
        for alt in entity.alt_labels:
            out.append(triple(n, alt_label, literal(alt, language="zh")))
        if n != doc_node:
            out.append(triple(n, derived_from, doc_node))
        mentioned(n, entity.mentions)
    for subject, prop, obj in resolved.relations:
        out.append(triple(node(subject), sg(prop), node(obj)))
    for subject, prop, value in resolved.literals:
        out.append(triple(node(subject), sg(prop), literal(value, datatype=literal_type(prop, value))))
    for stat in resolved.statistics:
        f, n = stat.figure, node(stat.id)
        out.append(triple(n, type_, sg("Statistic")))
        out.append(triple(n, label, literal(f"{f.indicator} {format(f.value.normalize(), 'f')}{f.unit}", language="zh")))
        out.append(triple(n, sg("value"), literal(plain(f.value), datatype=XSD + "decimal")))
        out.append(triple(n, sg("unit"), literal(f.unit)))
        out.append(triple(n, sg("qualifier"), sg(f.qualifier)))
        out.append(triple(n, sg("indicator"), literal(f.indicator)))
        if f.period_start:
            out.append(triple(n, sg("periodStart"), literal(f.period_start, datatype=XSD + "gYear")))
        if f.year:
            out.append(triple(n, sg("year"), literal(f.year, datatype=XSD + "gYear")))
        if f.is_target:
            out.append(triple(n, sg("isTarget"), literal("true", datatype=XSD + "boolean")))
        if stat.counts:
            out.append(triple(n, sg("counts"), node(stat.counts)))
        out.append(triple(n, derived_from, doc_node))
        mentioned(n, stat.mentions)
    return out


def literal_type(prop: str, value: str) -> str:
    """The datatype IRI of a literal property's value ("" for a plain string)."""
    if prop == "date":  # a day or a month
        return XSD + ("date" if len(value) == 10 else "gYearMonth")
    datatype = LITERAL_TYPES.get(prop)
    return XSD + datatype if datatype else ""
