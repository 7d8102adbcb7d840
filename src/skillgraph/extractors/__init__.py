"""Extraction: small components, one per kind of fact, run in order over one `Doc`.

Each component reads the document and what earlier components found (to respect names
already claimed, or to link to them) and returns what it adds.
"""
from __future__ import annotations

from ..document import Doc
from ..model import Extraction
from . import agencies, competitions, concepts, documents, measures, organizations, people, places, platforms, reply, statistics

COMPONENTS = (
    agencies.extract,
    reply.extract,
    documents.extract,
    measures.extract,
    people.extract,
    competitions.extract,
    organizations.extract,
    concepts.extract,
    platforms.extract,
    places.extract,
    statistics.extract,
)


def extract(doc: Doc) -> Extraction:
    found = Extraction()
    for component in COMPONENTS:
        found.add(component(doc, found))
    return found
