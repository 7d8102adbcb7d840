"""Check a graph against the SHACL shapes of ontology/shapes.ttl."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from skillgraph.resources import ontology_path
from skillgraph.vocab import shorten


@dataclass(frozen=True)
class Violation:
    """One SHACL result."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: Node | None
    path: Node | None
    message: str
    value: Node | None

    def line(self) -> str:
        value = f" (value {short(self.value)})" if self.value is not None else ""
        return f"{self.severity}: {short(self.focus)} {short(self.path)}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation]

    def text(self) -> str:
        if self.conforms:
            return "Conforms."
        header = f"Does not conform: {len(self.violations)} results."
        return "\n".join([header] + [v.line() for v in self.violations])


@cache
def shapes() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"))


@cache
def ontology() -> Graph:
    return Graph().parse(ontology_path())


def validate(data: Graph) -> ValidationReport:
    """Validate `data` (left untouched) against the shapes.

    The ontology is mixed into a copy of `data`, so that targets and sh:class follow its
    rdfs:subClassOf axioms. No inference: it is slow, and RDFS range inference would
    mask wrong links (an sg:issuedBy to a person would become an agency)."""
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes(), ont_graph=ontology(), inference="none", advanced=False
    )
    found = (_violation(results, r) for r in results.subjects(RDF.type, SH.ValidationResult))
    return ValidationReport(conforms=bool(conforms), violations=sorted(found, key=Violation.line))


def _violation(results: Graph, result: Node) -> Violation:
    severity = results.value(result, SH.resultSeverity)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    return Violation(
        severity=short(severity).removeprefix("sh:"),
        focus=results.value(result, SH.focusNode),
        path=results.value(result, SH.resultPath),
        message=messages[0] if messages else "",
        value=results.value(result, SH.value),
    )


def short(term: Node | None) -> str:
    """A compact, readable form of a term: known prefixes, literals in Turtle."""
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        named = "sh:" + term[len(str(SH)):] if term.startswith(str(SH)) else shorten(str(term))
        if named:
            return named
    if isinstance(term, (URIRef, Literal)):
        return term.n3()
    return f"_:{term}"
