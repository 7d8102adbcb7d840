"""The ontology holds every term of the scoring contract, labelled, documented and aligned."""
from __future__ import annotations

from functools import cache

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import SH

from skillgraph.resources import SG as SG_IRI
from skillgraph import vocab
from skillgraph.resources import ontology_path

SG = Namespace(SG_IRI)
ONTOLOGY_IRI = URIRef("https://w3id.org/skillgraph/ontology")

# The classes skillgraph writes and a gold file scores: none may be a subclass of another sg class.
SCORED_CLASSES = list(vocab.CLASSES)
CLASSES = SCORED_CLASSES + ["Mention", "Sentence", "Qualifier"]
OBJECT_PROPERTIES = [
    "issuedBy", "coIssuedWith", "signedBy", "repliesTo", "addressedTo", "proposedBy", "masterOf",
    "hasTier", "includes", "partOf", "awardedTo", "inEvent", "hasMeasure", "counts",
    "qualifier", "mention", "sentence", "inDocument",
]
DATATYPE_PROPERTIES = [
    "documentNumber", "indexNumber", "date", "subjectCategory", "sourceFile",
    "proposalNumber", "year", "edition", "rank", "awardLevel", "planned", "order",
    "value", "unit", "indicator", "periodStart", "isTarget", "beginIndex", "endIndex", "anchorOf",
]
FUNCTIONAL = ["beginIndex", "endIndex", "anchorOf", "value", "rank", "qualifier"]
QUALIFIERS = ["Exact", "AtLeast", "AtMost", "Approximately"]


@cache
def ontology() -> Graph:
    return Graph().parse(ontology_path())


@cache
def shapes() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"))


def languages(graph: Graph, term: URIRef, prop: URIRef) -> set[str | None]:
    return {lit.language for lit in graph.objects(term, prop)}


def superclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    """Every class reachable from `cls` by rdfs:subClassOf."""
    seen, todo = set(), [cls]
    while todo:
        for parent in graph.objects(todo.pop(), RDFS.subClassOf):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def sg_classes(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and c.startswith(SG)}


def test_ontology_header():
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert {"en", "zh"} <= languages(g, ONTOLOGY_IRI, RDFS.label)


@pytest.mark.parametrize("name", CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES + QUALIFIERS)
def test_term_is_labelled_and_documented(name):
    g, term = ontology(), SG[name]
    assert {"en", "zh"} <= languages(g, term, RDFS.label)
    assert "en" in languages(g, term, RDFS.comment)


@pytest.mark.parametrize("name", CLASSES)
def test_class_is_declared_and_aligned(name):
    g = ontology()
    assert (SG[name], RDF.type, OWL.Class) in g
    outside = {c for c in superclasses(g, SG[name]) if isinstance(c, URIRef) and not c.startswith(SG)}
    assert outside, f"sg:{name} is not aligned to any external class"


@pytest.mark.parametrize(
    "name, kind",
    [(p, OWL.ObjectProperty) for p in OBJECT_PROPERTIES]
    + [(p, OWL.DatatypeProperty) for p in DATATYPE_PROPERTIES],
)
def test_property_has_kind_domain_and_range(name, kind):
    g = ontology()
    assert (SG[name], RDF.type, kind) in g
    assert g.value(SG[name], RDFS.domain) is not None
    assert g.value(SG[name], RDFS.range) is not None


@pytest.mark.parametrize("name", FUNCTIONAL)
def test_functional_properties(name):
    assert (SG[name], RDF.type, OWL.FunctionalProperty) in ontology()


def test_every_sg_term_is_labelled():
    g = ontology()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(SG)}
    assert {t for t in terms if {"en", "zh"} - languages(g, t, RDFS.label)} == set()


@pytest.mark.parametrize("name", SCORED_CLASSES)
def test_no_scored_class_is_an_sg_subclass(name):
    """The scorer credits a node for every sg superclass of its type."""
    sg_parents = {c for c in superclasses(ontology(), SG[name]) if c.startswith(SG)}
    assert sg_parents == set()


def test_qualifier_individuals():
    g = ontology()
    assert {q for q in g.subjects(RDF.type, SG.Qualifier)} == {SG[q] for q in QUALIFIERS}


def test_ranges_that_admit_two_classes_are_unions():
    g = ontology()
    for prop, members in [("addressedTo", {SG.Person, SG.Agency, SG.Organization}), ("awardedTo", {SG.Person, SG.Organization}),
                          ("proposedBy", {SG.Person, SG.Organization}), ("coIssuedWith", {SG.Agency, SG.Organization})]:
        union = g.value(g.value(SG[prop], RDFS.range), OWL.unionOf)
        assert set(g.items(union)) == members


def test_every_class_has_a_shape():
    targets = set(shapes().objects(None, SH.targetClass))
    assert sg_classes(ontology()) - targets == set()
    assert {SG[c] for c in CLASSES} <= targets


def test_shapes_target_only_known_classes():
    assert set(shapes().objects(None, SH.targetClass)) <= sg_classes(ontology())


def test_shapes_use_only_ontology_properties():
    g = ontology()
    declared = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    paths = {p for p in shapes().objects(None, SH.path) if p.startswith(SG)}
    assert paths - declared == set()


def test_every_shape_has_a_message():
    g = shapes()
    rules = set(g.subjects(SH.targetClass, None)) | set(g.subjects(SH.targetSubjectsOf, None))
    assert {r for r in rules if g.value(r, SH.message) is None} == set()
