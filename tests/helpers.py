"""What several test modules need: a text resolved into entities and the names of a class
(the rule tests), and small Turtle graphs with the gold items they are scored against
(the scoring tests)."""
from __future__ import annotations

from rdflib import Graph

from skillgraph import pipeline
from skillgraph.document import from_text
from skillgraph.model import ResolvedDocument


def resolved(text: str) -> ResolvedDocument:
    """One text, extracted and resolved as the document `t`."""
    return pipeline.process(from_text(text, doc_id="t"))


def labels(graph: ResolvedDocument, cls: str) -> set[str]:
    return {e.label for e in graph.entities if e.cls == cls}


def all_names(graph: ResolvedDocument, cls: str) -> set[str]:
    """Every name of the entities of a class: their labels and their other names."""
    return {n for e in graph.entities if e.cls == cls for n in [e.label, *e.alt_labels]}


PREFIXES = """
@prefix sg:      <https://w3id.org/skillgraph/ontology#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex:      <https://example.org/> .
"""


def turtle(text: str) -> Graph:
    """A small graph written in Turtle, with the prefixes above."""
    return Graph().parse(data=PREFIXES + text, format="turtle")


def gold(entities=(), statistics=(), relations=(), literals=()) -> dict:
    """A gold annotation of one document, as a gold file holds it."""
    return {"document": "doc.txt", "entities": list(entities), "statistics": list(statistics),
            "relations": list(relations), "literals": list(literals)}


def entity(id: str, cls: str, *labels: str, optional: bool = False) -> dict:
    return {"id": id, "class": cls, "labels": list(labels), "optional": optional}


def statistic(value, unit: str, indicator: str, qualifier: str = "exact", **more) -> dict:
    """A gold statistic; `id=` and the other attributes as keywords."""
    return {"value": value, "unit": unit, "indicator": indicator, "qualifier": qualifier, **more}
