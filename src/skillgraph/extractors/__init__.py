"""Extraction: small components, one per kind of fact, run in order over one `Doc`.

Each component reads what earlier components found from the Doc (to respect names already
claimed, or to link to them) and writes what it finds onto it. `COMPONENTS` declares, for
each, the classes it reads (`requires`) and writes (`assigns`); the Doc refuses any other
read or write, and `check_order` refuses a list in which a component runs before one that
assigns what it requires.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..document import Doc
from ..model import DocumentFacts
from ..vocab import CLASSES
from . import agencies, competitions, concepts, documents, measures, organizations, people, places, platforms, reply, statistics


@dataclass(frozen=True)
class Component:
    name: str
    run: Callable[[Doc], None]
    requires: frozenset[str]  # the classes of mentions it reads ("Reply": the document's identity)
    assigns: frozenset[str]  # the classes of mentions it writes ("Statistic": figures)


def component(name: str, run: Callable[[Doc], None], requires: Sequence[str], assigns: Sequence[str]) -> Component:
    return Component(name, run, frozenset(requires), frozenset(assigns))


COMPONENTS = (
    component("agencies", agencies.run, requires=(), assigns=("Agency",)),
    component("reply", reply.run, requires=("Agency",), assigns=("Reply", "Agency", "Person", "Organization", "Proposal")),
    component("documents", documents.run, requires=("Agency", "Proposal", "Reply"), assigns=("PolicyDocument",)),
    component("measures", measures.run, requires=("Reply",), assigns=("Measure",)),
    component("people", people.run, requires=(), assigns=("Person",)),
    component("competitions", competitions.run, requires=("PolicyDocument", "Proposal", "Reply", "Person"),
              assigns=("Competition", "CompetitionEvent", "Award")),
    component("organizations", organizations.run, requires=organizations.TAKEN + ("Person",),
              assigns=("Organization",)),
    component("concepts", concepts.run, requires=concepts.NAMES, assigns=("Concept",)),
    component("platforms", platforms.run, requires=platforms.REQUIRES,
              assigns=("PlatformSystem", "PlatformTier", "PlatformType")),
    component("places", places.run, requires=places.NAMES, assigns=("Place",)),
    component("statistics", statistics.run, requires=statistics.NAMES + ("PlatformType",), assigns=("Statistic",)),
)


def check_order(components: Sequence[Component]) -> None:
    """Raise where a component names a class the ontology lacks, or runs before another that
    assigns a class it requires."""
    for c in components:
        if unknown := sorted((c.requires | c.assigns) - set(CLASSES)):
            raise ValueError(f"component {c.name!r} declares {', '.join(unknown)}, not a class of the ontology; "
                             f"use one of {', '.join(CLASSES)}")
    for i, earlier in enumerate(components):
        for later in components[i + 1 :]:
            early = sorted(earlier.requires & later.assigns)
            if early:
                raise ValueError(f"component {earlier.name!r} requires {', '.join(early)}, which {later.name!r} "
                                 f"assigns after it; move {earlier.name!r} after {later.name!r}")


check_order(COMPONENTS)


def extract(doc: Doc, components: Sequence[Component] = COMPONENTS) -> DocumentFacts:
    """Run the components over the Doc in order, each held to the classes it declared, and
    return what they found."""
    doc.forget_findings()
    for c in components:
        doc.mentions.readable, doc.mentions.writable = c.requires, c.assigns
        try:
            c.run(doc)
        finally:
            doc.mentions.readable = doc.mentions.writable = None
    return DocumentFacts(doc.id, doc.path.name if doc.path else None, doc.source, doc.sentences,
                         doc.mentions.all(), doc.facts, doc.figures, doc.identity.issuer if doc.identity else None)
