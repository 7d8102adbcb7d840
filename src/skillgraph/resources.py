"""Where the data files that ship with skillgraph live (lexicons, queries, ontology)."""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

PACKAGE = Path(str(files("skillgraph")))
SG = "https://w3id.org/skillgraph/ontology#"
ID = "https://w3id.org/skillgraph/id/"


def ontology_path(name: str = "skillgraph.ttl") -> Path:
    """A file of the repository's ontology/ folder, which installs as the package skillgraph.ontology."""
    return Path(str(files("skillgraph.ontology") / name))


def query_dir() -> Path:
    return PACKAGE / "queries"


@cache
def lexicon(name: str) -> dict:
    """A YAML lexicon from src/skillgraph/lexicons/, parsed once."""
    with open(PACKAGE / "lexicons" / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)
