"""The one Turtle writer, for `build` and `export`: the same graph always gives the same bytes.

Written in one sorted pass (subjects by IRI; rdf:type first, then properties and objects in
order), which stays linear where general serializers do not. Vocabulary terms are written
with their prefix, instance IRIs whole (they hold Chinese names and slashes). Decimals are
written in one form (16000.0), whether they come from the build or from a store that keeps
them canonical (16000).
"""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pyoxigraph as ox

from .normalize import plain
from .vocab import PREFIXES, RDF, XSD, vocabulary_name

TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "id"}
RDF_TYPE = RDF + "type"
XSD_STRING, XSD_DECIMAL = XSD + "string", XSD + "decimal"


def quoted(text: str) -> str:
    """A Turtle string: long quotes for text with line breaks (a quote keeps its lines)."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + '\\"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


def term(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(node, ox.NamedNode):
        return vocabulary_name(node.value) or f"<{node.value}>"
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    if isinstance(node, ox.Literal):
        if node.language:
            return f"{quoted(node.value)}@{node.language}"
        datatype = node.datatype.value
        if datatype == XSD_STRING:
            return quoted(node.value)
        value = plain(Decimal(node.value)) if datatype == XSD_DECIMAL else node.value
        return f"{quoted(value)}^^{vocabulary_name(datatype) or f'<{datatype}>'}"
    raise ValueError(f"RDF-star triples cannot be written as Turtle 1.1: {node}")


def to_turtle(triples: Iterable[ox.Triple]) -> str:
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(TURTLE_PREFIXES.items())] + [""]
    by_subject: dict[str, list[tuple[bool, str, str]]] = {}
    subjects: dict[str, str] = {}
    for t in set(triples):
        if isinstance(t.subject, ox.Triple):
            raise ValueError(f"RDF-star triples cannot be written as Turtle 1.1: {t.subject}")
        key = t.subject.value
        subjects.setdefault(key, term(t.subject))
        by_subject.setdefault(key, []).append((t.predicate.value != RDF_TYPE, term(t.predicate), term(t.object)))
    for key in sorted(by_subject):
        pairs = sorted(by_subject[key])
        lines.append(subjects[key])
        for i, (_, p, o) in enumerate(pairs):
            same = i > 0 and pairs[i - 1][1] == p
            end = " ." if i == len(pairs) - 1 else (" ," if pairs[i + 1][1] == p else " ;")
            lines.append(("        " if same else f"    {'a' if p == 'rdf:type' else p} ") + o + end)
        lines.append("")
    return "\n".join(lines)
