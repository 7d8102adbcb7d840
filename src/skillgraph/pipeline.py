"""Files → documents → extraction → entities → one RDF graph."""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from . import document, rdf
from .errors import UserError
from .extractors import extract
from .model import ResolvedDocument
from .resolve import resolve, resolve_document

SUFFIXES = (".txt", ".html", ".htm")


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
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        elif path.exists():
            files.append(path)
        else:
            missing.append(f"{path}: no such file or folder; check the path")
    return files, missing


def process(doc: document.Doc) -> ResolvedDocument:
    """One document's extraction, resolved on its own."""
    return resolve_document(extract(doc))


def build_document(path: Path) -> tuple[rdflib.Graph, document.Doc]:
    """One document's graph (raises UserError for an unusable file)."""
    doc = document.read(path)
    return rdf.to_rdf(resolve([extract(doc)])), doc


def build_files(paths: list[Path]) -> tuple[rdflib.Graph, BuildReport]:
    """Build one graph from every readable document; unreadable ones are reported, not fatal."""
    files, missing = collect(paths)
    report = BuildReport(failures=missing)
    found = []
    for path in files:
        try:
            doc = document.read(path)
        except UserError as exc:
            report.failures.append(str(exc))
            continue
        found.append(extract(doc))
    entities = resolve(found)
    for resolved in entities.documents:
        report.documents.append(resolved.doc_id)
        report.entities.update(e.cls for e in resolved.entities)
        report.statistics += len(resolved.statistics)
    graph = rdf.to_rdf(entities)
    report.triples = len(graph)
    return graph, report


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a failed write leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for everyone to read
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
