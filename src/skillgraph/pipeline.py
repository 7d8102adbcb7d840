"""Files → documents → extraction → entities → triples: the stages, composed.

A build streams: each document is read, extracted, resolved and rendered as Turtle on its
own (`build_one`, in worker processes with `jobs` > 1), and the writer keeps only what
documents share. Results are taken in the order of the files, so any number of jobs gives
the same bytes.
"""
from __future__ import annotations

import os
import pickle
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, TypeVar

import pyoxigraph as ox

from . import document
from .cache import Cache
from .curation import Curation
from .errors import UserError
from .extractors import extract
from .files import DOCUMENT_SUFFIXES
from .model import ResolvedDocument
from .rdf import document_triples, emit, to_rdf
from .resolve import resolve, resolve_document
from .turtle import TEXT, Rendered, TurtleWriter, render, render_text
from .vocab import ID, document_id


R = TypeVar("R")
WORKER_NICENESS = 5  # workers yield to the build's own process and the store's loader, which must keep pace with them


@dataclass(frozen=True)
class Source:
    """A document to read, and its id: its path relative to the build's root folder."""

    path: Path
    doc_id: str


@dataclass
class Collected:
    sources: list[Source] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # one message per path that is not there
    skipped: dict[str, list[Path]] = field(default_factory=dict)  # suffix → files in folders not read as documents


def collect(paths: list[Path], exclude: Path | None = None) -> Collected:
    """The documents named by the paths (folders searched recursively, leaving out `exclude`,
    the build's own output folder). Each document's id is its path relative to the deepest
    folder holding all the paths, so a/index.html and b/index.html, or x.txt and x.html, are
    two documents, and a folder's documents keep their ids whichever folder it is built from."""
    found = Collected()
    files: list[Path] = []
    skip = exclude.resolve() if exclude else None
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if (skip and p.resolve().is_relative_to(skip)) or not p.is_file():
                    continue
                if p.suffix.lower() in DOCUMENT_SUFFIXES:
                    files.append(p)
                else:
                    found.skipped.setdefault(p.suffix.lower() or "(none)", []).append(p)
        elif path.exists():
            files.append(path)
        else:
            found.missing.append(f"{path}: no such file or folder; check the path")
    if files:
        roots = [p.absolute() if p.is_dir() else p.absolute().parent for p in paths if p.exists()]
        root = Path(os.path.commonpath(roots))
        ids: dict[str, Path] = {}
        for p in files:
            ids.setdefault(Path(os.path.relpath(p.absolute(), root)).as_posix(), p)  # made an IRI segment by vocab
        found.sources = [Source(p, doc_id) for doc_id, p in sorted(ids.items())]
    return found


@dataclass
class DocumentOutput:
    """What one document adds to a build, as plain data a worker process can send back."""

    doc_id: str
    error: str | None = None  # why the file could not be read
    rendered: Rendered = field(default_factory=Rendered)
    nodes: list[tuple[str, str]] = field(default_factory=list)  # (class, id) of each node it resolved
    statistics: int = 0
    quads: bytes = b""  # its triples in its own named graph, as sorted N-Quads, where asked for
    key: str = ""  # its cache entry
    cached: bool = False  # taken from the cache, not read again


def read(source: Source) -> document.Doc:
    doc = document.read(source.path)
    doc.id = source.doc_id
    return doc


def build_one(source: Source, key: str = "", *, named_graph: bool = False, cache: Cache | None = None,
              curation: Curation | None = None) -> DocumentOutput:
    """Read, extract, resolve and render one document (raises nothing for an unusable file);
    with `named_graph`, also its triples in a graph named by the document's IRI. With a
    cache, the output is kept there under `key` for the next build; with a curation, its
    corrections are made."""
    try:
        doc = read(source)
    except UserError as exc:
        return DocumentOutput(source.doc_id, error=str(exc))
    resolved = resolve_document(extract(doc))
    doc_iri = ID + document_id(source.doc_id)
    quads = b""
    if named_graph or (curation is not None and (curation.merged or curation.renamed or curation.removed)):
        triples = document_triples(resolved)
        if curation is not None:
            triples = curation.apply(triples)
        rendered = render(triples, doc_iri)
        quads = in_graph(triples, doc_iri) if named_graph else b""
    else:  # the Turtle's text made directly: the same bytes, without a pyoxigraph object for each term
        rendered = render_text(emit(resolved, TEXT), doc_iri)
    out = DocumentOutput(source.doc_id, None, rendered, [(e.cls, e.id) for e in resolved.entities],
                         len(resolved.statistics), quads, key)
    if cache is not None and key:
        cache.put(key, out)
    return out


def build_pickled(source: Source, key: str = "", *, named_graph: bool = False, curation: Curation | None = None
                  ) -> bytes:
    """`build_one`, pickled where it is made: a worker process sends these bytes back, and the
    main process keeps them in the cache as they are and unpickles them once."""
    return pickle.dumps(build_one(source, key, named_graph=named_graph, curation=curation),
                        protocol=pickle.HIGHEST_PROTOCOL)


def cache_key(source: Source, named_graph: bool, cache: Cache, curation: Curation | None) -> str:
    """The key of a document's cache entry ("" for a file that cannot be read)."""
    try:
        data = source.path.read_bytes()
    except OSError:
        return ""
    return cache.key(data, source.doc_id, "named graph" if named_graph else "", curation.digest if curation else "")


def named_graphs_in(path: Path) -> Iterator[tuple[str, list[ox.Triple]]]:
    """Each document's graph in an N-Quads file the build wrote (a graph's quads together)."""
    graph = ""
    triples: list[ox.Triple] = []
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            if name != graph and triples:
                yield graph, triples
                triples = []
            graph = name
            triples.append(quad.triple)
    except (OSError, SyntaxError) as exc:
        raise UserError(f"{path}: not a shard's N-Quads ({exc}); pass the skillgraph.nq of `build --shard K/N`") from None
    if triples:
        yield graph, triples


def in_graph(triples: list[ox.Triple], graph: str) -> bytes:
    """The triples in one named graph, as N-Quads, one a line, sorted."""
    name = ox.NamedNode(graph)
    data = ox.serialize([ox.Quad(t.subject, t.predicate, t.object, name) for t in triples], format=ox.RdfFormat.N_QUADS)
    return b"".join(line + b"\n" for line in sorted(set((data or b"").splitlines())))


@dataclass
class BuildReport:
    documents: int = 0
    unchanged: int = 0  # taken from the cache
    failures: list[str] = field(default_factory=list)  # one clear message per unusable input
    skipped: dict[str, list[Path]] = field(default_factory=dict)
    nodes: Counter = field(default_factory=Counter)  # entity nodes by class
    statistics: int = 0
    triples: int = 0
    _shared: set[str] = field(default_factory=set, repr=False)

    def count(self, out: DocumentOutput) -> None:
        if out.error:
            self.failures.append(out.error)
            return
        self.documents += 1
        self.unchanged += out.cached
        self.statistics += out.statistics
        own = document_id(out.doc_id)
        for cls, id_ in out.nodes:
            if id_ == own or id_.startswith(own + "/"):
                self.nodes[cls] += 1
            elif id_ not in self._shared:  # a node documents share is counted once
                self._shared.add(id_)
                self.nodes[cls] += 1

    def text(self) -> str:
        lines = [f"documents: {self.documents} read, {len(self.failures)} failed"
                 + (f"; {self.unchanged} unchanged since the last build" if self.unchanged else "")]
        if self.skipped:
            kinds = ", ".join(f"{suffix} {len(files)}" for suffix, files in sorted(self.skipped.items()))
            examples = ", ".join(str(files[0]) for _, files in sorted(self.skipped.items())[:3])
            lines.append(f"skipped: {sum(map(len, self.skipped.values()))} files not read as documents ({kinds}; "
                         f"e.g. {examples}); documents are {', '.join(DOCUMENT_SUFFIXES)}")
        lines += [f"  {cls:17} {n}" for cls, n in sorted(self.nodes.items())]
        lines += [f"statistics: {self.statistics}", f"triples: {self.triples}"]
        return "\n".join(lines)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cache_keys(sources: list[Source], named_graphs: bool, cache: Cache | None, curation: Curation | None) -> list[str]:
    """Each source's cache key (all "" without a cache)."""
    return [cache_key(s, named_graphs, cache, curation) if cache else "" for s in sources]


def run_all(sources: list[Source], jobs: int, named_graphs: bool = False, cache: Cache | None = None,
            curation: Curation | None = None, scheduler: str | None = None, keys: list[str] | None = None
            ) -> Iterator[DocumentOutput]:
    """The output of every source, in their order: unchanged ones from the cache, the others
    built in `jobs` worker processes, or on the dask cluster whose scheduler is at `scheduler`.
    `keys` are the sources' cache keys, where already made (`cache_keys`)."""
    keys = keys if keys is not None else cache_keys(sources, named_graphs, cache, curation)
    cached = {k for k in keys if k and cache and cache.has(k)}
    todo = [(s, k) for s, k in zip(sources, keys) if k not in cached]
    one = partial(build_one, named_graph=named_graphs, cache=cache, curation=curation)
    if scheduler:  # the cluster's workers keep their cache entries themselves
        built = _on_cluster(one, todo, scheduler)
    elif jobs <= 1 or len(todo) <= 1:
        built = (one(source, key) for source, key in todo)
    else:  # worker processes send their outputs pickled: kept in the cache here as they are, unpickled once
        built = _local(_build_all(partial(build_pickled, named_graph=named_graphs, curation=curation), todo, jobs),
                       todo, cache)
    for source, key in zip(sources, keys):
        out = cache.get(key) if cache and key in cached else None
        if isinstance(out, DocumentOutput):
            out.cached = True
            yield out
        elif key in cached:  # an entry that cannot be read any more
            yield one(source, key)
        else:
            yield next(built)


def _local(pickled: Iterator[bytes], todo: list[tuple[Source, str]], cache: Cache | None) -> Iterator[DocumentOutput]:
    for (_, key), data in zip(todo, pickled):
        out = pickle.loads(data)
        if cache is not None and key and out.error is None:
            cache.put_pickled(key, data)
        yield out


def _build_all(one: Callable[[Source, str], R], todo: list[tuple[Source, str]], jobs: int) -> Iterator[R]:
    if jobs <= 1 or len(todo) <= 1:
        yield from (one(source, key) for source, key in todo)
        return
    from concurrent.futures import ProcessPoolExecutor

    from .segment import tokenize

    tokenize("预热")  # load the dictionary once, before the workers are forked from this process
    with ProcessPoolExecutor(min(jobs, len(todo)), initializer=os.nice, initargs=(WORKER_NICENESS,)) as pool:
        yield from pool.map(one, *zip(*todo), chunksize=max(1, min(16, len(todo) // (jobs * 8))))


def _on_cluster(one: Callable[[Source, str], DocumentOutput], todo: list[tuple[Source, str]], scheduler: str
                ) -> Iterator[DocumentOutput]:
    """Build on a dask.distributed cluster (the optional extra `skillgraph[dask]`). Its workers
    read the documents at the same paths (a shared file system) and send back their outputs,
    which are taken in the files' order and released one by one."""
    if not todo:
        return
    try:
        from distributed import Client
    except ImportError:
        raise UserError("--executor dask needs dask.distributed: pip install 'skillgraph[dask]'") from None
    try:
        client = Client(scheduler, timeout="20s")
    except OSError as exc:
        raise UserError(f"cannot reach the dask scheduler at {scheduler} ({exc}); start one (`dask scheduler`) "
                        "or check --scheduler") from None
    with client:
        futures = client.map(one, *zip(*todo), pure=False)
        for future in futures:
            yield future.result()
            future.release()


def build(collected: Collected, writer: TurtleWriter, jobs: int = 1,
          progress: Callable[[DocumentOutput], None] | None = None, named_graphs: IO[bytes] | None = None,
          cache: Cache | None = None, curation: Curation | None = None, scheduler: str | None = None,
          keys: list[str] | None = None) -> BuildReport:
    """Every collected document into `writer` (and, one graph per document, into `named_graphs`);
    unreadable ones are reported, not fatal. With a cache, unchanged documents come from it,
    and entries of documents no longer built leave it."""
    report = BuildReport(failures=list(collected.missing), skipped=collected.skipped)
    used = set()
    for out in run_all(collected.sources, jobs, named_graphs is not None, cache, curation, scheduler, keys):
        report.count(out)
        used.add(out.key)
        writer.add(out.rendered)
        if named_graphs is not None:
            named_graphs.write(out.quads)
        if progress:
            progress(out)
    if curation is not None and report.documents:
        writer.add(render(curation.additions()))
    report.triples = writer.triples
    if cache is not None:
        cache.keep_only(used)
    return report


def process(doc: document.Doc) -> ResolvedDocument:
    """One document's extraction, resolved on its own."""
    return resolve_document(extract(doc))


def build_document(path: Path) -> tuple[list[ox.Triple], document.Doc]:
    """One document's triples (raises UserError for an unusable file)."""
    doc = document.read(path)
    return to_rdf(resolve([extract(doc)])), doc


def build_files(paths: list[Path]) -> tuple[list[ox.Triple], BuildReport]:
    """The triples of every readable document, in memory (the Python API); the same graph
    `skillgraph build` writes."""
    collected = collect(paths)
    report = BuildReport(failures=list(collected.missing), skipped=collected.skipped)
    found = []
    for source in collected.sources:
        try:
            found.append(extract(read(source)))
        except UserError as exc:
            report.failures.append(str(exc))
    entities = resolve(found)
    for resolved in entities.documents:
        report.count(DocumentOutput(resolved.doc_id, None, Rendered(), [(e.cls, e.id) for e in resolved.entities],
                                    len(resolved.statistics)))
    triples = to_rdf(entities)
    report.triples = len(triples)
    return triples, report
