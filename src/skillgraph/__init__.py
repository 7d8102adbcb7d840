"""skillgraph: Chinese government documents on skills and employment → an RDF knowledge graph.

    import skillgraph
    graph = skillgraph.build(["data/documents"])          # rdflib.Graph
    facts = skillgraph.extract("……的答复全文")             # plain dataclasses, no RDF
    net = skillgraph.network(graph)                        # pyvis Network, for notebooks
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyvis.network
    import rdflib

    from .model import ResolvedDocument

__version__ = "0.1.0"


def build(paths) -> rdflib.Graph:
    """Build one RDF graph from documents or folders; unreadable files raise UserError."""
    from . import pipeline, store
    from .errors import UserError

    triples, report = pipeline.build_files([Path(p) for p in paths])
    if report.failures:
        raise UserError("; ".join(report.failures))
    return store.to_rdflib(triples)


def extract(text: str, doc_id: str = "document") -> ResolvedDocument:
    """The resolved extraction of one text: entities, relations, literals, statistics."""
    from . import document, pipeline

    return pipeline.process(document.from_text(text, doc_id=doc_id))


def network(graph) -> pyvis.network.Network:
    """The interactive network of a graph (see skillgraph.view)."""
    from . import view

    return view.network(graph)
