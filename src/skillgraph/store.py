"""Load built graphs into pyoxigraph, keep them in an on-disk store, run SPARQL, print results.

    store = open_graph(Path("output/skillgraph.ttl"))   # output/store/, made or remade when stale
    result = run_query(store, named_query("figures").text)
    print(format_result(result, "table"))

The on-disk store (RocksDB, one folder) holds one named graph per document (its IRI, id:doc/D),
id:shared for what is said of a shared thing alone (an agency's names, a policy document's
issuer), and the ontology in its own graph; queries see the union of them all.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from skillgraph.errors import UserError
from skillgraph.files import write_atomic
from skillgraph.guard import check_query, shape
from skillgraph.resources import ontology_path, query_dir
from skillgraph.vocab import ID, PREFIXES, XSD, shorten

if TYPE_CHECKING:
    import rdflib

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

XSD_STRING = XSD + "string"
FORMATS = ("table", "csv", "tsv", "json")
MAX_CELL_WIDTH = 60  # display columns; longer table cells are cut with "…"
DEFAULT_GRAPH = Path("output/skillgraph.ttl")
STORE_DIR = "store"  # the store of a graph is the folder `store` beside it: output/store
STAMP = "skillgraph-source.json"  # in the store folder: the Turtle it was made from
DOCUMENTS = "skillgraph-documents.json"  # in the store folder, after a build: each document's graph → its cache key
LAYOUT = 1  # the graphs' layout in a store; a store of another layout is remade
COMPACTED_SHARE = 0.25  # a build compacts the store where it loaded at least this share of its documents' graphs
DOCUMENT_PREFIX = ID + "doc/"
SHARED_GRAPH = ox.NamedNode(ID + "shared")
ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/skillgraph/ontology")
UPDATE_KEYWORD = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I | re.M)


@dataclass(frozen=True)
class QueryResult:
    """A fully read query result: exactly one of rows (SELECT), boolean (ASK), triples."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] | None = None

    @property
    def kind(self) -> str:
        if self.triples is not None:
            return "graph"
        return "boolean" if self.boolean is not None else "solutions"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str

    @property
    def limit(self) -> int | None:
        """The rows of its page: a listing that grows with the corpus shows a page at a time."""
        match = PAGE.search(self.text)
        return int(match["limit"]) if match else None

    def paged(self, limit: int | None, offset: int | None) -> str:
        """The text with `limit` and `offset` in its page's LIMIT line (a query without one gets
        them appended); its own LIMIT where `limit` is None."""
        if not PAGE.search(self.text):
            from skillgraph.guard import paged

            return paged(self.text, limit, offset)
        limit = limit if limit is not None else self.limit
        clause = f"LIMIT {limit}" + (f" OFFSET {offset}" if offset else "")
        return PAGE.sub(lambda m: m["indent"] + clause + m["comment"], self.text, count=1)


# The line of a named query that says how many rows a page has: `LIMIT 1000  # page …`, in the
# subquery that chooses the rows (then only they are looked up) or at the end.
PAGE = re.compile(r"^(?P<indent>[ \t]*)LIMIT[ \t]+(?P<limit>\d+)(?:[ \t]+OFFSET[ \t]+\d+)?(?P<comment>[ \t]*#[ \t]*page\b.*)$",
                  re.M)


# --- loading -------------------------------------------------------------------------


def load(paths: Sequence[Path]) -> ox.Store:
    """Parse RDF files (Turtle, or by extension .nt/.nq/.trig/.rdf/.jsonld) into one store."""
    if not paths:
        raise UserError(f"no graph given; pass --graph FILE (default {DEFAULT_GRAPH})")
    store = ox.Store()
    for path in paths:
        _load_file(store, Path(path))
    return store


def _load_file(store: ox.Store, path: Path) -> None:
    fmt = _format_of(path)
    _check_file(path)
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as err:
        raise _syntax_error(path, fmt, err) from None
    except OSError as err:
        raise UserError(
            f"{path} cannot be read ({err.strerror or err}); check that it is a readable file, "
            "or rebuild it with `skillgraph build`"
        ) from None


def _format_of(path: Path) -> ox.RdfFormat:
    return ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise UserError(f"{path} is a directory; pass the graph file in it, e.g. --graph {path / 'skillgraph.ttl'}")
    if not path.exists():
        raise UserError(f"{path} does not exist; run `skillgraph build` first, or pass --graph FILE")


def _syntax_error(path: Path, fmt: ox.RdfFormat, err: SyntaxError) -> UserError:
    line, column = _error_position(err)
    return UserError(
        f"{path}:{line}:{column}: not valid {fmt.name}: {_first_line(err.msg or '')}; "
        "fix the file there, or rebuild it with `skillgraph build`"
    )


def _error_position(err: SyntaxError) -> tuple[int, int]:
    if err.lineno is not None:
        return err.lineno, err.offset or 0
    match = re.search(r"line (\d+) column (\d+)", str(err))
    return (int(match[1]), int(match[2])) if match else (0, 0)


def store_of(triples: Iterable[ox.Triple]) -> ox.Store:
    """A store holding the triples in its default graph."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store


def triples_of(store: ox.Store) -> list[ox.Triple]:
    """The graph's triples: every graph of the store but the ontology's."""
    return [q.triple for q in store if q.graph_name != ONTOLOGY_GRAPH]


def to_rdflib(source: ox.Store | Iterable[ox.Triple]) -> rdflib.Graph:
    """A copy as an rdflib Graph (through N-Triples), for the Python API, SHACL and drawing.

    From a store, literals come back in the canonical form it keeps: "9.0"^^xsd:decimal is "9".
    """
    import rdflib

    triples = triples_of(source) if isinstance(source, ox.Store) else source
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")


def from_rdflib(graph: rdflib.Graph) -> ox.Store:
    """A pyoxigraph store holding the triples of an rdflib Graph."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


# --- the on-disk store ------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """The Turtle file a store was made from, as it was then."""

    source: str  # absolute path
    size: int
    mtime_ns: int
    sha256: str
    layout: int = LAYOUT

    @classmethod
    def of(cls, path: Path, sha256: str | None = None) -> Stamp:
        stat = path.stat()
        return cls(str(path.resolve()), stat.st_size, stat.st_mtime_ns, sha256 or _sha256(path))


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def read_stamp(db: Path) -> Stamp | None:
    """The stamp of the store in `db`; None when there is no store (or one from another layout)."""
    try:
        stamp = Stamp(**json.loads((db / STAMP).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return stamp if stamp.layout == LAYOUT else None


def is_current(stamp: Stamp | None, graph: Path) -> bool:
    """Whether the store stamped `stamp` holds `graph` as it is now: same size and time, or same bytes."""
    if stamp is None:
        return False
    stat = graph.stat()
    if stat.st_size != stamp.size:
        return False
    same_file = stamp.source == str(graph.resolve()) and stat.st_mtime_ns == stamp.mtime_ns
    return same_file or _sha256(graph) == stamp.sha256


def quads(triples: Iterable[ox.Triple | ox.Quad]) -> Iterator[ox.Quad]:
    """Each triple in the named graph of its document: the document of its subject (id:doc/D/…),
    else of its object (an agency's mention, its prov:wasDerivedFrom); what is said of a shared
    thing alone (an agency's names, a policy document's issuer) goes to id:shared."""
    graphs: dict[str, ox.NamedNode] = {}
    for t in triples:
        iri = _document_of(t.subject) or _document_of(t.object)
        graph = SHARED_GRAPH if iri is None else graphs.get(iri) or graphs.setdefault(iri, ox.NamedNode(iri))
        yield ox.Quad(t.subject, t.predicate, t.object, graph)


def _document_of(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str | None:
    if not isinstance(term, ox.NamedNode) or not term.value.startswith(DOCUMENT_PREFIX):
        return None
    end = term.value.find("/", len(DOCUMENT_PREFIX))
    return term.value if end < 0 else term.value[:end]


class StoreNotWritten(UserError):
    """A store could not be written (a read-only folder, a full disk)."""


def write_db(triples: Iterable[ox.Triple | ox.Quad], db: Path, source: Path) -> int:
    """Replace the store in `db` with one holding the triples (in the store's layout, `quads`)
    and the ontology, stamped as made from the Turtle file `source`; the number of triples."""
    written = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal written
        for quad in quads(triples):
            written += 1
            yield quad

    with StoreLoader(db) as loader:
        loader.extend(counted())
        loader.finish(source)
    return written


class StoreLoader:
    """A new store for `db`, filled while its caller goes on. Parts of TriG in the store's
    layout are handed to `load` (named files from `new_part`); a graph of one part is loaded
    in this process by `finish`, a larger one by a process of the loader's own (`load_parts`),
    started with the second part, which loads each part in order while the caller writes the
    next, so memory stays that of one part. (Not a thread: pyoxigraph's loader, beside a busy
    Python thread, waits for the interpreter so often that it runs several times slower.)
    At the end of its input (`end`: no more parts come) that process compacts the store while
    its caller goes on (a build draws its page meanwhile); else `finish` does. `finish` stamps the store
    as made from a Turtle file and renames it into place; leaving
    the `with` block without `finish` (an error, a stopped build) removes it, and the old
    store stays as it was. The new store is made beside `db` and renamed, so readers of the
    old one keep reading it meanwhile."""

    def __init__(self, db: Path, keep: frozenset[str] = frozenset(), documents: dict[str, str] | None = None) -> None:
        """`keep`: graphs of the store now in `db` that the new one keeps as they are (the
        documents unchanged since it was made, `documents_kept`); `self.keep` says which it
        could keep. The ontology's graph is kept with them. With `documents` (each document's
        graph → its cache key), the next build keeps the graphs of the documents that have
        not changed."""
        if db.exists() and not (db / "CURRENT").exists() and any(db.iterdir()):
            raise UserError(f"{db} is a folder that holds no store; pass --db a new folder, or empty it")
        self.db, self.new, self.parts, self.keep = db, _beside(db, "new"), _beside(db, "parts"), keep
        try:
            self.parts.mkdir(parents=True)
            if not (keep and _copy_keeping(db, self.new, keep | {ONTOLOGY_GRAPH.value})):
                self.keep = frozenset()
                self.new.mkdir()
        except OSError as err:
            raise StoreNotWritten(f"no store can be made in {db} ({err.strerror or err}); pass --db DIR") from None
        self.documents = documents
        # compacting makes reads faster; a few graphs loaded into a kept store are left to the
        # database's background compaction (compacting all of it would cost most of a rebuild)
        self.compact = self._loaded_share() >= COMPACTED_SHARE
        self._held: list[str] = []  # parts not yet given to a loader process
        self._loader: subprocess.Popen[bytes] | None = None
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the loader): the loader process's stderr
        self._store: ox.Store | None = None  # the new store, once open in this process

    def new_part(self) -> IO[bytes]:
        """A file to write a part of TriG into, then hand to `load`."""
        return tempfile.NamedTemporaryFile(dir=self.parts, suffix=".trig", delete=False)  # noqa: SIM115 (closed by `load`)

    def load(self, part: IO[bytes]) -> None:
        """Close `part` (whole TriG) and have it loaded; the file is removed once it is."""
        part.close()
        self._held.append(part.name)
        if self._loader is None and len(self._held) > 1:
            self._loader = self._start_loader()
        if self._loader is not None:
            assert self._loader.stdin is not None
            try:
                self._loader.stdin.write(b"".join(os.fsencode(path) + b"\n" for path in self._held))
                self._loader.stdin.flush()
            except BrokenPipeError:
                self._wait()  # the loader stopped: say why
            self._held.clear()

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Load quads from this process."""
        self._open().bulk_extend(quads)

    def end(self) -> None:
        """No more parts come: a loader process loads those it has and compacts, meanwhile."""
        if self._loader is not None:
            _close_input(self._loader)

    def finish(self, source: Path) -> None:
        """Put the store in place, stamped as made from `source`."""
        compacted_by_loader = self._loader is not None  # at the end of its input
        store = self._open()
        try:
            if self.compact and not compacted_by_loader:
                store.optimize()
            self._store = None
            del store  # closes the database before its folder is renamed
            if self.documents is not None:
                write_atomic(self.new / DOCUMENTS, json.dumps(self.documents, ensure_ascii=False, sort_keys=True) + "\n")
            write_atomic(self.new / STAMP, json.dumps(asdict(Stamp.of(source)), indent=2) + "\n")
            _replace_folder(self.new, self.db)
        except OSError as err:
            raise self._not_written(str(err.strerror or err)) from None

    def _loaded_share(self) -> float:
        """The share of the documents' graphs the new store loads rather than keeps."""
        if not self.keep or not self.documents:
            return 1.0
        return sum(graph not in self.keep for graph in self.documents) / len(self.documents)

    def __enter__(self) -> StoreLoader:
        return self

    def __exit__(self, *_: object) -> None:
        if self._loader is not None:  # not finished: stopped
            self._loader.kill()
            self._loader.wait()
        self._store = None
        self._errors.close()
        shutil.rmtree(self.new, ignore_errors=True)
        shutil.rmtree(self.parts, ignore_errors=True)

    def _start_loader(self) -> subprocess.Popen[bytes]:
        """The loader process (`load_parts`), importing this skillgraph."""
        package_root = str(Path(__file__).resolve().parents[1])
        path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        return subprocess.Popen(
            [sys.executable, "-c", "from skillgraph.store import load_parts; load_parts()", str(self.new),
             "" if self.keep else "ontology", "compact" if self.compact else ""],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._errors, env={**os.environ, "PYTHONPATH": path})

    def _open(self) -> ox.Store:
        """The new store, open in this process: once the loader process has loaded every part
        it was given, or with the ontology and the parts held loaded here."""
        if self._store is None:
            by_loader = self._loader is not None
            self._wait()
            self._store = ox.Store(self.new)
            if not by_loader:
                try:
                    _load_into(self._store, self._held, ontology=not self.keep)
                except (OSError, SyntaxError) as err:
                    raise self._not_written(str(err)) from None
            self._held.clear()
        return self._store

    def _wait(self) -> None:
        """Wait for the loader process to load every part given to it; its error is raised here."""
        if self._loader is None:
            return
        loader, self._loader = self._loader, None
        _close_input(loader)
        if loader.wait() != 0:
            self._errors.seek(0)
            lines = self._errors.read().decode(errors="replace").strip().splitlines()
            raise self._not_written(lines[-1] if lines else f"its loader stopped with status {loader.returncode}")

    def _not_written(self, reason: str) -> StoreNotWritten:
        return StoreNotWritten(f"the store in {self.db} cannot be written ({reason}); "
                               "check the disk has room, or pass --db DIR")


def load_parts() -> None:
    """The process of a `StoreLoader`: the store in the folder given as its first argument
    gets the ontology (where the second is "ontology"), then each TriG file named on a line of
    stdin; at the end of stdin it is compacted (where the third is "compact")."""
    store = ox.Store(sys.argv[1])
    _load_into(store, (os.fsdecode(line.rstrip(b"\n")) for line in sys.stdin.buffer), ontology=sys.argv[2] == "ontology")
    if sys.argv[3] == "compact":
        store.optimize()


def _load_into(store: ox.Store, parts: Iterable[str], ontology: bool = True) -> None:
    """The ontology in its graph, then each file of TriG (removed once loaded)."""
    if ontology:
        store.bulk_load(path=ontology_path(), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    for path in parts:
        store.bulk_load(path=path, format=ox.RdfFormat.TRIG)
        os.remove(path)


def _close_input(process: subprocess.Popen[bytes]) -> None:
    assert process.stdin is not None
    try:
        process.stdin.close()
    except BrokenPipeError:  # it stopped: its status says why
        pass


def _copy_keeping(db: Path, new: Path, keep: frozenset[str]) -> bool:
    """Copy the store in `db` into `new` (a checkpoint: its files hard-linked) holding only the
    graphs `keep` (and the default graph, which a built store leaves empty); False, and no
    copy, where the store is busy (another process writes it)."""
    try:
        ox.Store(db).backup(new)  # opened to write: a store opened read-only may not hold what it last wrote
    except OSError:
        shutil.rmtree(new, ignore_errors=True)
        return False
    copy = ox.Store(new)
    for graph in list(copy.named_graphs()):
        if isinstance(graph, ox.NamedNode) and graph.value not in keep:
            copy.remove_graph(graph)
    return True


def documents_kept(db: Path, graph: Path, documents: dict[str, str]) -> frozenset[str]:
    """The documents' graphs that the store in `db` holds as they are now: the store holds
    `graph` as it is (its stamp), and each of them has the cache key it had when the store was
    made (`documents`: graph → key). Empty when the store cannot be used so."""
    if not graph.exists() or not is_current(read_stamp(db), graph):
        return frozenset()
    try:
        before = json.loads((db / DOCUMENTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(g for g, key in documents.items() if key and before.get(g) == key)


def _beside(folder: Path, kind: str) -> Path:
    """A fresh name beside `folder` for this process: .store.1234.new (a crashed run's is removed)."""
    path = folder.parent / f".{folder.name}.{os.getpid()}.{kind}"
    shutil.rmtree(path, ignore_errors=True)
    return path


def _replace_folder(new: Path, target: Path) -> None:
    if not target.exists():
        os.rename(new, target)
        return
    old = _beside(target, "old")
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def load_db(graph: Path, db: Path) -> int:
    """Make the store in `db` from a built graph (Turtle); the number of triples loaded."""
    _check_file(graph)
    fmt = _format_of(graph)
    try:
        return write_db(ox.parse(path=graph, format=fmt), db, graph)
    except SyntaxError as err:
        raise _syntax_error(graph, fmt, err) from None


def open_graph(
    graph: Path | None = None,
    db: Path | None = None,
    note: Callable[[str], None] | None = None,
    *,
    named_graphs: bool = False,
) -> ox.Store:
    """The built graph `graph` (default output/skillgraph.ttl) from its store `db` (default:
    the folder `store` beside it), opened read-only. A missing or stale store (the Turtle
    changed) is made again from the Turtle first, saying so through `note`; where none can be
    written the Turtle is read into memory. With `db` alone, the store is checked against the
    Turtle it was made from, and used as it is when that file is gone.

    With `named_graphs`, a `.nq` beside the Turtle (`build --named-graphs`: each document's
    triples in a graph named by its IRI) is read with the Turtle into memory instead, so that
    the documents' graphs are the ones the build wrote."""
    if named_graphs:
        turtle = source_of(graph, db)
        documents = turtle.with_suffix(".nq") if turtle is not None else None
        if turtle is not None and documents is not None and turtle.suffix != ".nq" and documents.exists():
            return load([turtle, documents])
    found = current_store(graph, db, note)
    return found if isinstance(found, ox.Store) else open_read_only(found)


def source_of(graph: Path | None = None, db: Path | None = None) -> Path | None:
    """The Turtle file `open_graph(graph, db)` reads: `graph`, else the one the store `db` was
    made from (None when that file is gone), else output/skillgraph.ttl."""
    if graph is None and db is not None:
        stamp = read_stamp(db)
        return Path(stamp.source) if stamp is not None and Path(stamp.source).exists() else None
    return graph or DEFAULT_GRAPH


def current_store(
    graph: Path | None = None, db: Path | None = None, note: Callable[[str], None] | None = None
) -> Path | ox.Store:
    """The folder of the current on-disk store of `graph` (as `open_graph` finds, checks and
    makes it), for a process that opens it itself (each worker of `skillgraph serve`); or the
    graph read into memory where no store can be written."""
    if graph is None and db is not None:
        stamp = read_stamp(db)
        if stamp is None:
            raise UserError(f"{db} holds no store; make one with `skillgraph load GRAPH.ttl --db {db}`")
        if not Path(stamp.source).exists():
            return db
        graph = Path(stamp.source)
    graph = graph or DEFAULT_GRAPH
    db = db or graph.parent / STORE_DIR
    _check_file(graph)
    stamp = read_stamp(db)
    if is_current(stamp, graph):
        if stamp and (stamp.source, stamp.mtime_ns) != (str(graph.resolve()), graph.stat().st_mtime_ns):
            _restamp(db, graph, stamp.sha256)
        return db
    say = note or (lambda _: None)
    if stamp is None:
        say(f"loading {graph} into the store {db} (once)")
    elif stamp.source == str(graph.resolve()):
        say(f"{graph} changed since its store {db} was made; loading it again")
    else:
        say(f"the store {db} holds {stamp.source}; loading {graph} into it instead")
    try:
        load_db(graph, db)
    except StoreNotWritten as err:
        say(f"{err}; reading {graph} instead")
        return load([graph])
    return db


def _restamp(db: Path, graph: Path, sha256: str) -> None:
    """Record the Turtle's new time (a copy, a checkout), so its bytes are not hashed again."""
    try:
        write_atomic(db / STAMP, json.dumps(asdict(Stamp.of(graph, sha256)), indent=2) + "\n")
    except OSError:
        pass


def open_read_only(db: Path) -> ox.Store:
    """Read-only: many readers at once, beside a running `skillgraph serve`, on read-only disks."""
    try:
        return ox.Store.read_only(str(db))
    except OSError as err:
        raise UserError(f"the store in {db} cannot be opened ({err}); "
                        f"make it again with `skillgraph load GRAPH.ttl --db {db}`") from None


# --- querying --------------------------------------------------------------------------


RawResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResult:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE); updates are refused.

    `default_graphs`/`named_graphs` are graph IRIs that define the dataset, as in the
    SPARQL protocol's default-graph-uri/named-graph-uri; by default the whole store.
    """
    raw = execute(store, sparql, default_graphs=default_graphs, named_graphs=named_graphs)
    try:
        return _read_result(raw)
    except (OSError, ValueError) as err:
        raise UserError(f"the query failed: {err}") from None


def execute(
    store: ox.Store,
    sparql: str,
    *,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> RawResult:
    """The engine's result of a query, read lazily: rows are computed as they are taken (see
    `write_result`). The default graph is the union of the store's graphs unless the query
    names its dataset (FROM) or `default_graphs` do."""
    check_query(sparql)
    try:
        return store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=not default_graphs and not names_dataset(sparql),
            default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
        )
    except SyntaxError as err:
        raise UserError(_query_error_message(sparql, err.msg)) from None
    except (OSError, ValueError) as err:
        raise UserError(f"the query failed: {err}") from None


def names_dataset(sparql: str) -> bool:
    """Whether the query names its dataset (FROM, FROM NAMED): then the default graph is what it names."""
    return "from" in shape(sparql).bare_words


def _read_result(raw: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(boolean=bool(raw))
    if isinstance(raw, ox.QueryTriples):
        return QueryResult(triples=tuple(raw))
    variables = tuple(v.value for v in raw.variables)
    rows = tuple(tuple(solution[v] for v in variables) for solution in raw)
    return QueryResult(variables=variables, rows=rows)


# What a query is made of, far enough to find the prefixes of its prefixed names.
QUERY_TOKEN = re.compile(r"""
    "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'            # strings
  | <[^<>"{}|^`\\\s]*>                                     # IRIs
  | \#[^\n]*                                               # comments
  | [?$]\w+ | _:[\w.-]*                                      # variables, blank nodes
  | (?P<declaration>(?i:PREFIX)\s+(?P<declared>[^\W\d_][\w.-]*)?:)
  | (?P<name>(?P<used>[^\W\d_](?:[\w.-]*\w)?)?:[\w.:%\\-]*)  # a prefixed name
""", re.X)


def unknown_prefixes(sparql: str) -> list[str]:
    """The prefixes the query uses that it does not declare and that are not predefined, in order."""
    declared, used = set(PREFIXES), []
    for match in QUERY_TOKEN.finditer(sparql):
        if match["declaration"]:
            declared.add(match["declared"] or "")
        elif match["name"]:
            used.append(match["used"] or "")
    return list(dict.fromkeys(p for p in used if p not in declared))


def _query_error_message(sparql: str, message: str) -> str:
    """The parser's message ("error at LINE:COLUMN: …") with the offending line and a caret;
    one line for prefixes that are not declared."""
    unknown = unknown_prefixes(sparql)
    if unknown:
        names = ", ".join(f"{p}:" for p in unknown)
        return (f"unknown prefix{'es' if len(unknown) > 1 else ''} {names} in the query; the predefined ones are "
                f"{', '.join(f'{p}:' for p in PREFIXES)}; declare others with PREFIX {unknown[0]}: <IRI>")
    text = f"malformed SPARQL query: {_first_line(message)}"
    match = re.search(r"(\d+):(\d+)", message)
    lines = sparql.splitlines()
    if match and 0 < int(match[1]) <= len(lines):
        line = lines[int(match[1]) - 1]
        caret = " " * display_width(line[: int(match[2]) - 1]) + "^"
        text += f"\n    {line}\n    {caret}"
    if UPDATE_KEYWORD.search(sparql):
        text += "\nnote: SPARQL Update is not supported; the graph is read-only"
    return text


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else message


# --- named queries -----------------------------------------------------------------------


def named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    """The queries in src/skillgraph/queries/NAME.rq, by name, in name order."""
    paths = sorted((directory or query_dir()).glob("*.rq"))
    return {p.stem: _read_named_query(p) for p in paths}


def _read_named_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    description = first.lstrip("#").strip() if first.startswith("#") else ""
    return NamedQuery(name=path.stem, description=description, text=text)


def named_query(name: str) -> NamedQuery:
    """The named query NAME, or a UserError listing the names there are."""
    queries = named_queries()
    if name not in queries:
        raise UserError(f"no named query {name!r}; available: {', '.join(queries)} (see `skillgraph queries`)")
    return queries[name]


def read_query_file(path: Path) -> str:
    """The text of a .rq file given with --file."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path} does not exist; give the path of a SPARQL query file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"{path} cannot be read as UTF-8 text ({err})") from None


# --- output ------------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result: table|csv|tsv|json for SELECT/ASK; a graph is always Turtle."""
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        return serialize(result, ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt == "table":
        return format_table(result)
    return serialize(result, _RESULTS_FORMATS[fmt]).decode("utf-8")


_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


def serialize(result: QueryResult, fmt: ox.QueryResultsFormat | ox.RdfFormat) -> bytes:
    """A result in a W3C format: SPARQL JSON/XML/CSV/TSV results, or an RDF syntax for graphs."""
    if result.kind == "graph":
        if not isinstance(fmt, ox.RdfFormat):
            raise ValueError(f"a graph result cannot be written as {fmt.name}")
        triples = sorted(result.triples or (), key=str)
        return ox.serialize(triples, format=fmt, prefixes=_used_prefixes(triples)) or b""
    if not isinstance(fmt, ox.QueryResultsFormat):
        raise ValueError(f"a {result.kind} result cannot be written as {fmt.name}")
    data = results_json(result).encode("utf-8")
    return ox.parse_query_results(data, ox.QueryResultsFormat.JSON).serialize(format=fmt) or b""


def write_result(raw: RawResult, fmt: str, out: BinaryIO) -> int | None:
    """Write a result to `out` as the engine produces it (the rows are never all held): SPARQL
    CSV/TSV/JSON from pyoxigraph's serializers, a table of aligned columns, Turtle for a graph.
    The number of rows written (for CSV and JSON as their separators count them), None for
    ASK and graphs."""
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        if isinstance(raw, ox.QueryBoolean):
            out.write(format_result(QueryResult(boolean=bool(raw)), fmt).encode("utf-8"))
            return None
        if isinstance(raw, ox.QueryTriples):
            ox.serialize(raw, out, ox.RdfFormat.TURTLE, prefixes=VOCABULARY_PREFIXES)
            return None
        if fmt == "table":
            return write_table(raw, out)
        counter = RowCounter(out, fmt)
        raw.serialize(counter, _RESULTS_FORMATS[fmt])  # type: ignore[arg-type]  # any object with write()
        return counter.rows
    except (OSError, ValueError) as err:
        if isinstance(err, BrokenPipeError):
            raise
        raise UserError(f"the query failed: {err}") from None


VOCABULARY_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "id"}  # instance IRIs stay whole


class RowCounter:
    """Passes bytes to `out`, counting rows by their separators: TSV and CSV lines (a CSV line
    break inside quotes is not counted), JSON bindings (`},{` between them)."""

    def __init__(self, out: BinaryIO, fmt: str):
        self.out, self.fmt = out, fmt
        self.separators = 0
        self.quoted = False  # CSV: inside a quoted field
        self.tail = b""  # JSON: the last bytes written, where a separator or the bindings may begin
        self.bindings = False  # JSON: at least one binding

    def write(self, data: bytes) -> int:
        if self.fmt == "tsv":
            self.separators += data.count(b"\n")
        elif self.fmt == "csv":
            for index, part in enumerate(data.split(b'"')):
                if index:
                    self.quoted = not self.quoted
                if not self.quoted:
                    self.separators += part.count(b"\n")
        else:
            seen = self.tail + data
            self.separators += (self.tail[-2:] + data).count(b"},{")  # across writes, none counted twice
            self.bindings = self.bindings or b'"bindings":[{' in seen
            self.tail = seen[-12:]
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()

    @property
    def rows(self) -> int:
        if self.fmt == "json":
            return self.separators + 1 if self.bindings else 0
        return max(0, self.separators - 1)  # the header line


def results_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON, indented, keys in a fixed order."""
    if result.kind == "boolean":
        document: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {var: _json_term(term) for var, term in zip(result.variables, row) if term is not None}
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: _json_term(v) for k, v in parts.items()}}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        encoded["datatype"] = term.datatype.value
    return encoded


def _used_prefixes(triples: Sequence[ox.Triple]) -> dict[str, str]:
    """The vocabulary prefixes the triples use; instance IRIs stay whole (their "/" would need escaping)."""
    iris = {t.value for triple in triples for t in triple if isinstance(t, ox.NamedNode)}
    return {p: ns for p, ns in PREFIXES.items() if p != "id" and any(i.startswith(ns) for i in iris)}


# --- plain-text table --------------------------------------------------------------------


def format_table(result: QueryResult) -> str:
    """Aligned columns for a terminal; CJK characters count as two columns."""
    if result.kind == "boolean":
        return "true\n" if result.boolean else "false\n"
    header = list(result.variables)
    body = [[_cell(term) for term in row] for row in result.rows]
    widths = [max(display_width(c) for c in column) for column in zip(header, *body)] if header else []
    lines = [_table_line(header, widths), "  ".join("-" * w for w in widths).rstrip()]
    lines += [_table_line(cells, widths) for cells in body]
    count = len(body)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


TABLE_WIDTH_ROWS = 1000  # the rows the columns are measured on; a wider cell further down pushes its row


def write_table(solutions: ox.QuerySolutions, out: BinaryIO) -> int:
    """`format_table`, written as the rows come: the columns are as wide as the header and the
    first TABLE_WIDTH_ROWS rows need; the number of rows."""
    header = [v.value for v in solutions.variables]
    rows = iter(solutions)
    first = []
    for solution in rows:
        first.append([_cell(solution[name]) for name in header])
        if len(first) == TABLE_WIDTH_ROWS:
            break
    widths = [max(display_width(c) for c in column) for column in zip(header, *first)] if header else []
    lines = [_table_line(header, widths), "  ".join("-" * w for w in widths).rstrip()]
    lines += [_table_line(cells, widths) for cells in first]
    out.write(("\n".join(lines) + "\n").encode("utf-8"))
    count = len(first)
    batch: list[str] = []
    for solution in rows:
        batch.append(_table_line([_cell(solution[name]) for name in header], widths))
        count += 1
        if len(batch) == TABLE_WIDTH_ROWS:
            out.write(("\n".join(batch) + "\n").encode("utf-8"))
            batch = []
    if batch:
        out.write(("\n".join(batch) + "\n").encode("utf-8"))
    out.write(f"({count} row{'' if count == 1 else 's'})\n".encode())
    return count


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(pad(c, w) for c, w in zip(cells, widths)).rstrip()


def _cell(term: Term | None) -> str:
    text = " ".join(show_term(term).split()) if term is not None else ""
    return truncate(text, MAX_CELL_WIDTH)


def show_term(term: Term) -> str:
    """A short human form: prefixed IRIs, a literal's text, _:blank, << triple >>."""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value) or f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return "<< " + " ".join(show_term(t) for t in term) + " >>"
    return term.value


def char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def truncate(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        if used + char_width(char) > width - 1:
            break
        out.append(char)
        used += char_width(char)
    return "".join(out) + "…"
