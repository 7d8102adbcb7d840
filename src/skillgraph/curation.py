"""Corrections a person makes, kept in a file and applied to every build after extraction.

    # data/curation.yaml: one entry a line, applied in this order on every build
    - merge: [id:agency/武汉市人力资源和社会保障局, id:doc/14.txt/agency/市人力资源和社会保障局]
    - rename: id:doc/14.txt/person/张三
      to: 张山
    - remove: id:doc/14.txt/concept/双师型
    - add: [id:agency/武汉市人力资源和社会保障局, sg:partOf, id:agency/武汉市人民政府]

`merge` makes the later nodes the first one (their labels become its alternative labels),
`rename` gives a node a new label (the old one becomes an alternative), `remove` drops a
node and every triple about it or pointing to it, `add` states a triple (an object in
quotes is text). Nodes a person touched, and added triples' subjects, are derived from
`id:curation` (provenance: curated). `skillgraph curate` writes entries.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import UserError
from .vocab import ID, PREFIXES, PROV, RDFS, SKOS

CURATED = ox.NamedNode(ID + "curation")
LABEL, ALT_LABEL, DERIVED_FROM = (ox.NamedNode(RDFS + "label"), ox.NamedNode(SKOS + "altLabel"),
                                  ox.NamedNode(PROV + "wasDerivedFrom"))
KINDS = ("merge", "rename", "remove", "add")


def iri(name: str) -> str:
    """`id:agency/X` or `<https://…>` or `https://…` → the full IRI."""
    prefix, _, local = name.strip().partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name.strip().strip("<>")


@dataclass
class Curation:
    merged: dict[str, str] = field(default_factory=dict)  # IRI → the IRI it is merged into
    renamed: dict[str, str] = field(default_factory=dict)  # IRI → its new label
    removed: set[str] = field(default_factory=set)
    added: list[ox.Triple] = field(default_factory=list)
    digest: str = ""  # of the file: part of each cache key

    def apply(self, triples: list[ox.Triple]) -> list[ox.Triple]:
        """One document's triples, corrected."""
        if not (self.merged or self.renamed or self.removed):
            return triples
        out: list[ox.Triple] = []
        touched: set[ox.NamedNode] = set()
        for t in triples:
            subject, obj = t.subject, t.object
            if not isinstance(subject, ox.NamedNode):  # the build makes IRIs only
                out.append(t)
                continue
            if subject.value in self.removed or (isinstance(obj, ox.NamedNode) and obj.value in self.removed):
                continue
            predicate = t.predicate
            if subject.value in self.merged:
                subject = ox.NamedNode(self.merged[subject.value])
                predicate = ALT_LABEL if predicate == LABEL else predicate
                touched.add(subject)
            if isinstance(obj, ox.NamedNode) and obj.value in self.merged:
                obj = ox.NamedNode(self.merged[obj.value])
            if subject.value in self.renamed and predicate == LABEL:
                out.append(ox.Triple(subject, ALT_LABEL, obj))
                obj = ox.Literal(self.renamed[subject.value], language="zh")
                touched.add(subject)
            if subject != obj:
                out.append(ox.Triple(subject, predicate, obj))
        out += [ox.Triple(s, DERIVED_FROM, CURATED) for s in touched]
        return out

    def additions(self) -> list[ox.Triple]:
        """The added triples, each subject derived from the curation."""
        return self.added + [ox.Triple(s, DERIVED_FROM, CURATED) for s in {t.subject for t in self.added}]


def load(path: Path) -> Curation:
    """The curation file; a clear error naming the entry that is wrong."""
    import yaml

    try:
        raw = path.read_bytes()
        entries = yaml.safe_load(raw) or []
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror}); check the path") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{path}: not valid YAML ({str(exc).splitlines()[0]}); fix it or remove it") from None
    curation = Curation(digest=hashlib.sha256(raw).hexdigest())
    if not isinstance(entries, list):
        raise UserError(f"{path}: expected a list of entries (- merge: …, - rename: …, - remove: …, - add: …)")
    for n, entry in enumerate(entries, 1):
        kind = next((k for k in KINDS if isinstance(entry, dict) and k in entry), None)
        value = entry[kind] if kind else None
        if kind == "merge" and isinstance(value, list) and len(value) >= 2:
            for other in value[1:]:
                curation.merged[iri(other)] = iri(value[0])
        elif kind == "rename" and isinstance(value, str) and isinstance(entry.get("to"), str):
            curation.renamed[iri(value)] = entry["to"]
        elif kind == "remove" and isinstance(value, str):
            curation.removed.add(iri(value))
        elif kind == "add" and isinstance(value, list) and len(value) == 3:
            s, p, o = value
            obj = ox.Literal(o[1:-1]) if o.startswith('"') and o.endswith('"') else ox.NamedNode(iri(o))
            curation.added.append(ox.Triple(ox.NamedNode(iri(s)), ox.NamedNode(iri(p)), obj))
        else:
            raise UserError(f"{path}: entry {n} is not one of - merge: [A, B], - rename: A + to: NAME, "
                            f"- remove: A, - add: [S, P, O]: {entry!r}")
    return curation


def entry(kind: str, values: list[str]) -> str:
    """One entry as a line of the file (`skillgraph curate`)."""
    def quoted(v: str) -> str:
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'

    if kind == "rename":
        return f"- rename: {quoted(values[0])}\n  to: {quoted(values[1])}\n"
    if kind == "remove":
        return f"- remove: {quoted(values[0])}\n"
    return f"- {kind}: [{', '.join(map(quoted, values))}]\n"
