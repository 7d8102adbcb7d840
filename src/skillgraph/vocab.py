"""The vocabulary, stated once: namespaces and prefixes, the ontology's classes, the IRIs of
things (minting and shortening), and the key that names a government body."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

SG = "https://w3id.org/skillgraph/ontology#"
ID = "https://w3id.org/skillgraph/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Usable in every query without a PREFIX line, and used to shorten IRIs for people.
PREFIXES = {"sg": SG, "id": ID, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "prov": PROV, "xsd": XSD}

CLASSES = (
    "Reply", "Proposal", "PolicyDocument", "Policy", "Agency", "Organization", "Person",
    "Place", "PlatformSystem", "PlatformTier", "PlatformType", "Competition",
    "CompetitionEvent", "Award", "Measure", "Concept", "Statistic",
)
# The IRI path of each class: things that recur across documents are named by their
# canonical name (id:agency/…); the others live under their document (id:doc/D/person/…).
SHARED_PATHS = {
    "Agency": "agency", "Place": "place", "Organization": "organization", "PolicyDocument": "policy-document",
    "Policy": "policy", "Concept": "concept", "PlatformType": "platform-type", "Competition": "competition",
}
DOCUMENT_PATHS = {
    "Person": "person", "Proposal": "proposal", "Measure": "measure", "PlatformTier": "platform-tier",
    "PlatformSystem": "platform-system", "CompetitionEvent": "competition-event", "Award": "award",
}
# What RFC 3987 allows in an IRI path segment (ipchar but "/"): unreserved ASCII, sub-delims,
# ":", "@" and the ucschar ranges. Everything else is %-encoded as UTF-8, and so is white space.
SEGMENT_CHARS = (r"A-Za-z0-9\-._~!$&'()*+,;=:@\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
                 + "".join(f"\\U{plane:04x}0000-\\U{plane:04x}fffd" for plane in range(1, 14)) + r"\U000e1000-\U000efffd")
IRI_FORBIDDEN = re.compile(rf"[^{SEGMENT_CHARS}]|\s")
LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def iri_segment(name: str) -> str:
    """A name as one IRI path segment, the one way every IRI is minted: Chinese kept readable,
    what an IRI may not hold (brackets, private-use and control characters, spaces, "/", "%",
    "<", ">") %-encoded, and "." or ".." spelled %2E so no segment reads as a path step."""
    if name in (".", ".."):
        return "%2E" * len(name)
    return IRI_FORBIDDEN.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), name)


@lru_cache(maxsize=1024)  # asked for every span of a document, one document after another
def document_id(doc_id: str) -> str:
    return f"doc/{iri_segment(doc_id)}"


def shared_id(cls: str, name: str) -> str:
    """id:agency/咸阳市人力资源和社会保障局: the same name is the same node in every document."""
    return f"{SHARED_PATHS[cls]}/{iri_segment(name)}"


def in_document_id(doc_id: str, cls: str, name: str) -> str:
    """id:doc/D/person/张卫婷: a thing known only within one document."""
    path = DOCUMENT_PATHS.get(cls) or SHARED_PATHS[cls]
    return f"{document_id(doc_id)}/{path}/{iri_segment(name)}"


def span_id(doc_id: str, kind: str, start: int, end: int) -> str:
    """id:doc/D/mention/10-16, id:doc/D/sentence/0-40, id:doc/D/statistic/674-676."""
    return f"{document_id(doc_id)}/{kind}/{start}-{end}"


def shorten(iri: str) -> str | None:
    """`https://w3id.org/skillgraph/id/agency/X` → `id:agency/X`; None outside the prefixes."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


def vocabulary_name(iri: str) -> str | None:
    """`sg:Agency`, `xsd:integer`: a vocabulary term as Turtle may write it (a prefix and a
    plain local name; instance IRIs hold Chinese names and slashes, and stay whole)."""
    for prefix, namespace in PREFIXES.items():
        if prefix != "id" and iri.startswith(namespace) and LOCAL_NAME.fullmatch(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


class AgencyKey(NamedTuple):
    """How a government body is named, in canonical spelling: 咸阳市|人力资源和社会保障|局.
    市人社局 and 咸阳市人力资源和社会保障局 differ in region only, so resolution can join them."""

    region: str  # 咸阳市, 市 (a level: which city only the document knows), 国家, or ""
    core: str  # 人力资源和社会保障, 人民政府, …
    suffix: str  # 局, 厅, 部门, …

    def __str__(self) -> str:
        return f"{self.region}|{self.core}|{self.suffix}"

    @property
    def name(self) -> str:
        return self.region + self.core + self.suffix

    @classmethod
    def parse(cls, entity_key: str) -> AgencyKey | None:
        """The key of an agency mention; None for one named only by its words (a signature line)."""
        parts = entity_key.split("|")
        return cls(*parts) if len(parts) == 3 else None
