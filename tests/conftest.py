"""Shared fixtures: the repository's documents, and the graph built from them once a session."""
from pathlib import Path

import pytest
import rdflib

from skillgraph import pipeline, store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def documents_dir() -> Path:
    return ROOT / "data" / "documents"


@pytest.fixture(scope="session")
def corpus_triples(documents_dir: Path) -> list:
    """The pyoxigraph triples `skillgraph build` makes of data/documents."""
    triples, report = pipeline.build_files([documents_dir])
    assert not report.failures, report.failures
    return triples


@pytest.fixture(scope="session")
def corpus_graph(corpus_triples: list) -> rdflib.Graph:
    """The same graph as the Python API gives it (`skillgraph.build`)."""
    return store.to_rdflib(corpus_triples)
