"""Pushing to and querying a real Virtuoso 7 (Debian's virtuoso-opensource-7-bin), started on
loopback in a temporary folder with its own virtuoso.ini and stopped by PID.

Writes go to /sparql-graph-crud-auth as `dba` (Virtuoso's default password `dba`), with the
digest authentication it asks for; queries go to /sparql, which needs none. One server serves
the module: a new database takes 10-15 s to initialise. `make test` installs the package
(scripts/install-virtuoso.sh); where apt cannot, these tests skip and say so.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from skillgraph import remote
from skillgraph.store import format_result, load, named_queries, run_query
from test_remote import SEED_GRAPH, SKILLGRAPH, answers_within, assert_cli_queries_agree, default_triples, free_port

VIRTUOSO = shutil.which("virtuoso-t")
LIBC = ctypes.CDLL(None)
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends
BASE = remote.DEFAULT_GRAPH_IRI
CREDENTIALS = {"SKILLGRAPH_USER": "dba", "SKILLGRAPH_PASSWORD": "dba"}  # a fresh database's administrator

pytestmark = pytest.mark.skipif(
    VIRTUOSO is None, reason="virtuoso-t is not installed and apt could not install it "
    "(scripts/install-virtuoso.sh, run by `make test`: apt-get install virtuoso-opensource-7-bin)")

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ServerThreads = 10
CheckpointInterval = 0
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


class Virtuoso:
    """`virtuoso-t` in the foreground on free loopback ports (SQL and HTTP), its database in `folder`."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.http_port = free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        ini = folder / "virtuoso.ini"
        ini.write_text(INI.format(folder=folder, sql_port=free_port(), http_port=self.http_port), encoding="utf-8")
        started = time.monotonic()
        self.process = subprocess.Popen([str(VIRTUOSO), "+foreground", "+configfile", str(ini)], cwd=folder,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        preexec_fn=lambda: LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM))  # no orphan
        if not answers_within(f"{self.url}/sparql?query={quote('ASK {}')}", self.process, 90):
            log = (folder / "virtuoso.log").read_text(errors="replace")[-2000:] if (folder / "virtuoso.log").exists() else ""
            self.stop()
            pytest.fail(f"virtuoso-t did not start:\n{log}")
        self.startup = time.monotonic() - started

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def store(self, **options) -> remote.Connection:
        """The Graph Store endpoint, as dba (digest authentication)."""
        return remote.Connection(self.url + "/sparql-graph-crud-auth", remote.credentials_from(None, None, CREDENTIALS),
                                 **options)

    def sparql(self) -> remote.Connection:
        return remote.Connection(self.url + "/sparql", {})

    def quads(self) -> set[ox.Quad]:
        """Every quad in a graph under BASE (Virtuoso's own graphs left out)."""
        result = remote.query(self.sparql(), f'SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                                             f'FILTER(STRSTARTS(STR(?g), "{BASE}")) }}')
        return {ox.Quad(s, p, o, g) for g, s, p, o in result.rows}


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[Virtuoso]:
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seed() -> ox.Store:
    return load([SEED_GRAPH])


@pytest.fixture(scope="module")
def pushed(virtuoso: Virtuoso, seed: ox.Store) -> Virtuoso:
    """Virtuoso holding the seed graph as one push leaves it (a test that changes that restores it)."""
    remote.push(seed, virtuoso.store())
    return virtuoso


def data_triples(quads: set[ox.Quad]) -> set[ox.Triple]:
    return {q.triple for q in quads if q.graph_name.value != BASE + "index"}


def test_push_puts_every_triple_in_one_document_graph(virtuoso: Virtuoso, seed: ox.Store):
    connection = virtuoso.store()
    report = remote.push(seed, connection)
    assert connection.session.scheme == "digest"  # Virtuoso asked for it, and was answered
    quads = virtuoso.quads()
    data = [q for q in quads if q.graph_name.value != BASE + "index"]
    assert len(data) == len(seed) == report.triples
    assert data_triples(quads) == default_triples(seed)  # literals too, xsd:boolean read back canonical
    graphs = {q.graph_name.value for q in data}
    assert graphs == set(remote.partition(list(default_triples(seed))))
    assert report.graphs == len(graphs)
    assert {q.object.value for q in quads if q.graph_name.value == BASE + "index"} == graphs


def test_push_again_is_idempotent_and_batches_give_the_same_graphs(pushed: Virtuoso, seed: ox.Store):
    first = pushed.quads()
    report = remote.push(seed, pushed.store(), batch=500)
    assert report.deleted == () and pushed.quads() == first


def test_a_removed_document_loses_its_graph(pushed: Virtuoso, seed: ox.Store):
    gone = f"{BASE}doc/000_425f8ebd1574510b.txt"
    kept = ox.Store()
    kept.extend(ox.Quad(t.subject, t.predicate, t.object)
                for iri, triples in remote.partition(list(default_triples(seed))).items() if iri != gone for t in triples)
    report = remote.push(kept, pushed.store())
    assert report.deleted == (gone,)
    graphs = {q.graph_name.value for q in pushed.quads()}
    assert gone not in graphs and len(graphs) == report.graphs + 1  # and the index
    remote.push(seed, pushed.store())  # back as the other tests expect it
    assert gone in {q.graph_name.value for q in pushed.quads()}


def same_rows(csv: str) -> tuple[str, list[str]]:
    """CSV rows as both engines may rightly give them: SPARQL leaves the order of rows that tie
    under ORDER BY, and of the values GROUP_CONCAT joins, to the engine, so rows and joined
    values are sorted; Virtuoso 7.2 writes a GROUP_CONCAT separator outside Latin-1 (the named
    queries' 、) as `?`, the values it joins keep their characters."""
    header, *rows = csv.replace("、", "?").splitlines()
    return header, sorted(",".join("?".join(sorted(cell.split("?"))) for cell in row.split(",")) for row in rows)


@pytest.mark.parametrize("name", list(named_queries()))
def test_named_queries_give_the_same_rows_on_virtuoso(pushed: Virtuoso, seed: ox.Store, name: str):
    query = named_queries()[name]
    local = format_result(run_query(seed, query.text), "csv")
    there = format_result(remote.query(pushed.sparql(), query.text), "csv")
    assert len(local.splitlines()) > 1
    assert same_rows(there) == same_rows(local)


def test_construct_gives_the_same_triples(pushed: Virtuoso, seed: ox.Store):
    sparql = ("CONSTRUCT { ?a a sg:Agency ; rdfs:label ?l ; sg:isTarget ?t } WHERE { { ?a a sg:Agency ; rdfs:label ?l } "
              "UNION { ?a a sg:Statistic ; sg:isTarget ?t } }")
    local = run_query(seed, sparql).triples or ()
    there = remote.query(pushed.sparql(), sparql)
    assert there.kind == "graph" and set(there.triples or ()) == set(local) and len(local) > 80
    assert remote.query(pushed.sparql(), "ASK { ?a a sg:Agency }").boolean is True


def test_cli_push_with_credentials_from_the_environment_and_query(virtuoso: Virtuoso):
    environment = {**os.environ, **CREDENTIALS}
    pushed = subprocess.run([str(SKILLGRAPH), "push", "--endpoint", f"{virtuoso.url}/sparql-graph-crud-auth",
                             "--graph", str(SEED_GRAPH)], capture_output=True, text=True, timeout=120, env=environment)
    assert pushed.returncode == 0, pushed.stderr
    assert pushed.stdout.splitlines()[-1].startswith("pushed 10") and "graphs to" in pushed.stdout
    assert_cli_queries_agree(f"{virtuoso.url}/sparql", ["--name", "competitions"])


def test_wrong_or_missing_credentials_are_one_clear_error(virtuoso: Virtuoso, seed: ox.Store):
    wrong = subprocess.run([str(SKILLGRAPH), "push", "--endpoint", f"{virtuoso.url}/sparql-graph-crud-auth",
                            "--graph", str(SEED_GRAPH), "--retries", "0"], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "SKILLGRAPH_USER": "dba", "SKILLGRAPH_PASSWORD": "not-the-password"})
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert "401" in wrong.stderr and "SKILLGRAPH_USER" in wrong.stderr
    with pytest.raises(Exception, match=r"403.*SKILLGRAPH_USER"):  # the unauthenticated endpoint may not write
        remote.push(seed, remote.Connection(virtuoso.url + "/sparql-graph-crud", {}, retries=0))
