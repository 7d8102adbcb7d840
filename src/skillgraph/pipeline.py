"""Files → documents → extraction → entities → triples: the stages, composed."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import document
from .errors import UserError
from .extractors import extract
from .files import DOCUMENT_SUFFIXES
from .model import ResolvedDocument
from .rdf import to_rdf
from .resolve import resolve, resolve_document


@dataclass
class BuildReport:
    documents: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one clear message per unusable input
    entities: Counter = field(default_factory=Counter)
    statistics: int = 0
    triples: int = 0

    def text(self) -> str:
        lines = [f"documents: {len(self.documents)} read, {len(self.failures)} failed"]
        lines += [f"  {cls:17} {n}" for cls, n in sorted(self.entities.items())]
        lines += [f"statistics: {self.statistics}", f"triples: {self.triples}"]
        return "\n".join(lines)


def collect(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Documents named by the paths (folders are searched recursively), and the paths that are not there."""
    files, missing = [], []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file())
        elif path.exists():
            files.append(path)
        else:
            missing.append(f"{path}: no such file or folder; check the path")
    return files, missing


def process(doc: document.Doc) -> ResolvedDocument:
    """One document's extraction, resolved on its own."""
    return resolve_document(extract(doc))


def build_document(path: Path) -> tuple[list[ox.Triple], document.Doc]:
    """One document's triples (raises UserError for an unusable file)."""
    doc = document.read(path)
    return to_rdf(resolve([extract(doc)])), doc


def build_files(paths: list[Path]) -> tuple[list[ox.Triple], BuildReport]:
    """The triples of every readable document; unreadable ones are reported, not fatal."""
    files, missing = collect(paths)
    report = BuildReport(failures=missing)
    found = []
    for path in files:
        try:
            found.append(extract(document.read(path)))
        except UserError as exc:
            report.failures.append(str(exc))
    entities = resolve(found)
    nodes: dict[str, str] = {}  # an agency named in three documents is one node
    for resolved in entities.documents:
        report.documents.append(resolved.doc_id)
        nodes.update((e.id, e.cls) for e in resolved.entities)
        report.statistics += len(resolved.statistics)
    report.entities = Counter(nodes.values())
    triples = to_rdf(entities)
    report.triples = len(triples)
    return triples, report
