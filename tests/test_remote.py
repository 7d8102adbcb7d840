"""Pushing to and querying a real Oxigraph server (PyPI `oxigraph`), started on loopback and stopped by PID."""
from __future__ import annotations

import base64
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph import remote
from skillgraph.errors import UserError
from skillgraph.store import format_result, load, named_queries, run_query

ROOT = Path(__file__).resolve().parents[1]
SEED_GRAPH = ROOT / "output" / "skillgraph.ttl"
SKILLGRAPH = Path(sys.executable).parent / "skillgraph"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
BASE = remote.DEFAULT_GRAPH_IRI


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers_within(url: str, server: subprocess.Popen, seconds: float) -> bool:
    """Whether the server started as `server` answers `url` within `seconds` (False once it has exited)."""
    deadline = time.monotonic() + seconds
    while server.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class Oxigraph:
    """`oxigraph serve` on a free loopback port, its data in `location`."""

    def __init__(self, location: Path):
        if not OXIGRAPH.exists() and shutil.which("oxigraph") is None:
            pytest.fail("the oxigraph server is not installed: pip install oxigraph")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")), "serve", "--location", str(location),
             "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not answers_within(f"{self.url}/query?query=ASK%7B%7D", self.process, 30):
            self.stop()
            pytest.fail("oxigraph serve did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def connection(self, path: str = "/store", **options) -> remote.Connection:
        return remote.Connection(self.url + path, {}, **options)

    def quads(self) -> set[ox.Quad]:
        data = urllib.request.urlopen(urllib.request.Request(f"{self.url}/store", headers={"Accept": "application/n-quads"})).read()
        return set(ox.parse(data, ox.RdfFormat.N_QUADS))


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Oxigraph]:
    server = Oxigraph(tmp_path / "oxigraph")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seed() -> ox.Store:
    return load([SEED_GRAPH])


def default_triples(store: ox.Store) -> set[ox.Triple]:
    return {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def test_push_puts_every_triple_in_one_document_graph(oxigraph: Oxigraph, seed: ox.Store):
    report = remote.push(seed, oxigraph.connection())
    quads = oxigraph.quads()
    data = [q for q in quads if q.graph_name.value != BASE + "index"]
    assert len(data) == len(seed) == report.triples
    assert {q.triple for q in data} == default_triples(seed)
    graphs = {q.graph_name.value for q in data}
    replies = seed.query("SELECT ?d WHERE { ?d a sg:Reply }", prefixes={"sg": "https://w3id.org/skillgraph/ontology#"})
    assert graphs == {BASE + "shared"} | {f"{BASE}doc/{row['d'].value.rsplit('/', 1)[1]}" for row in replies}
    assert report.graphs == len(graphs) and report.deleted == ()
    assert {q.object.value for q in quads if q.graph_name.value == BASE + "index"} == graphs


def test_push_again_is_idempotent_and_batches_give_the_same_graphs(oxigraph: Oxigraph, seed: ox.Store):
    remote.push(seed, oxigraph.connection())
    first = oxigraph.quads()
    remote.push(seed, oxigraph.connection(), batch=100)
    assert oxigraph.quads() == first


def test_a_removed_document_loses_its_graph(oxigraph: Oxigraph, seed: ox.Store):
    remote.push(seed, oxigraph.connection())
    gone = "000_425f8ebd1574510b.txt"
    kept = ox.Store()
    rest = [t for iri, triples in remote.partition(list(default_triples(seed))).items()
            if iri != f"{BASE}doc/{gone}" for t in triples]
    kept.extend(ox.Quad(t.subject, t.predicate, t.object) for t in rest)
    report = remote.push(kept, oxigraph.connection())
    assert report.deleted == (f"{BASE}doc/{gone}",)
    graphs = {q.graph_name.value for q in oxigraph.quads()}
    assert f"{BASE}doc/{gone}" not in graphs and len(graphs) == report.graphs + 1  # and the index


def test_named_queries_give_the_same_rows_remotely(oxigraph: Oxigraph, seed: ox.Store):
    remote.push(seed, oxigraph.connection())
    for query in named_queries().values():
        local = format_result(run_query(seed, query.text), "csv")
        there = format_result(remote.query(oxigraph.connection("/query"), query.text), "csv")
        assert there == local, query.name


def test_cli_push_and_query_endpoint(oxigraph: Oxigraph):
    pushed = subprocess.run([str(SKILLGRAPH), "push", "--endpoint", f"{oxigraph.url}/store", "--graph", str(SEED_GRAPH)],
                            capture_output=True, text=True, timeout=120)
    assert pushed.returncode == 0, pushed.stderr
    assert pushed.stdout.splitlines()[-1].startswith("pushed ") and "graphs to" in pushed.stdout
    assert_cli_queries_agree(f"{oxigraph.url}/query", ["--name", "platforms-by-tier"])


def assert_cli_queries_agree(endpoint: str, named: list[str]) -> None:
    """`skillgraph query` prints the same rows from `endpoint` as from the seed graph, for a named
    query (`named`, its CLI arguments) and for the agencies' labels."""
    for args in (named, ["SELECT ?l WHERE { ?a a sg:Agency ; rdfs:label ?l } ORDER BY ?l"]):
        local = subprocess.run([str(SKILLGRAPH), "query", *args, "--graph", str(SEED_GRAPH)],
                               capture_output=True, text=True, timeout=120)
        there = subprocess.run([str(SKILLGRAPH), "query", *args, "--endpoint", endpoint],
                               capture_output=True, text=True, timeout=120)
        assert there.returncode == 0, there.stderr
        assert there.stdout == local.stdout and "(0 rows)" not in there.stdout


class FlakyProxy:
    """A proxy on loopback to a real store that, given `password` (a Basic Authorization header),
    answers 401 with a Basic challenge to a request without it, answers 503 to the first
    `failures` requests, and records the Authorization header of each request."""

    def __init__(self, target: str, failures: int, password: str | None = None):
        state = self
        self.failures, self.authorizations, self.challenges = failures, [], 0

        class Forward(http.server.BaseHTTPRequestHandler):
            def forward(self):
                state.authorizations.append(self.headers.get("Authorization"))
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if password is not None and self.headers.get("Authorization") != password:
                    state.challenges += 1
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="store"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if state.failures > 0:
                    state.failures -= 1
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                headers = {k: v for k, v in self.headers.items() if k in ("Content-Type", "Accept")}
                outgoing = urllib.request.Request(target + self.path, data=body or None, method=self.command, headers=headers)
                try:
                    with urllib.request.urlopen(outgoing) as response:
                        status, data = response.status, response.read()
                except urllib.error.HTTPError as err:
                    status, data = err.code, err.read()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = forward

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_retries_and_credentials_from_the_environment(oxigraph: Oxigraph, seed: ox.Store, monkeypatch):
    expected = "Basic " + base64.b64encode(b"reader:s3cret").decode()
    proxy = FlakyProxy(oxigraph.url, failures=2, password=expected)
    try:
        headers = remote.credentials_from(None, None, {"SKILLGRAPH_USER": "reader", "SKILLGRAPH_PASSWORD": "s3cret"})
        remote.push(seed, remote.Connection(proxy.url + "/store", headers, retries=2))
    finally:
        proxy.close()
    # the password goes out once the store asks for it, then with every request of the push
    assert proxy.challenges == 1 and proxy.authorizations[0] is None
    assert set(proxy.authorizations[1:]) == {expected}
    assert {q.triple for q in oxigraph.quads() if q.graph_name.value != BASE + "index"} == default_triples(seed)


def test_token_and_options_win(monkeypatch):
    assert remote.credentials_from(None, None, {"SKILLGRAPH_TOKEN": "t0k"}) == {"Authorization": "Bearer t0k"}
    assert remote.credentials_from("me", "pw", {"SKILLGRAPH_TOKEN": "t0k"})["Authorization"].startswith("Basic ")
    assert remote.credentials_from(None, None, {}) == {}


def test_unreachable_store_is_one_clear_error(tmp_path: Path):
    port = free_port()
    result = subprocess.run([str(SKILLGRAPH), "push", "--endpoint", f"http://127.0.0.1:{port}/store",
                             "--graph", str(SEED_GRAPH), "--retries", "1"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "failed 2 times" in result.stderr and "check that the store is running" in result.stderr


def test_wrong_path_says_where_the_store_is(oxigraph: Oxigraph, seed: ox.Store):
    with pytest.raises(Exception, match="Graph Store endpoint"):
        remote.push(seed, oxigraph.connection("/nothing-here", retries=0))


def test_partition_by_document():
    doc = ox.NamedNode(remote.ID + "doc/a")
    part = ox.NamedNode(remote.ID + "doc/a/statistic/1-2")
    agency = ox.NamedNode(remote.ID + "agency/x")
    other = ox.NamedNode(remote.ID + "doc/ab")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    derived = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    triples = [ox.Triple(part, label, ox.Literal("1")), ox.Triple(agency, derived, doc),
               ox.Triple(agency, label, ox.Literal("x")), ox.Triple(other, label, ox.Literal("b"))]
    graphs = remote.partition(triples, "g:")
    assert {iri: len(ts) for iri, ts in graphs.items()} == {"g:doc/a": 2, "g:doc/ab": 1, "g:shared": 1}


def test_digest_answer_is_rfc_2617s_example(monkeypatch):
    monkeypatch.setattr(remote.os, "urandom", lambda n: bytes.fromhex("0a4f113b"))
    session = remote.Session()
    connection = remote.Connection("http://h/dir/index.html", remote.auth_headers("Mufasa", "Circle Of Life", None),
                                   session=session)
    assert remote.learn(connection, ['Digest realm="testrealm@host.com", qop="auth,auth-int", '
                                     'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"'])
    header = remote.sent_headers(connection, "GET", "http://h/dir/index.html")["Authorization"]
    assert 'response="6629fae49393a05397450978507c4ef1"' in header and "nc=00000001" in header
    assert 'opaque="5ccc069c403ebaf9f0171e9517f40e41"' in header and 'cnonce="0a4f113b"' in header
    assert "nc=00000002" in remote.sent_headers(connection, "GET", "http://h/dir/index.html")["Authorization"]


def test_query_form():
    assert remote.query_form("PREFIX ask: <x:> # SELECT\nCONSTRUCT { ?s ?p 'SELECT' } WHERE { ?s ?p ?o }") == "construct"
    assert remote.query_form("select * { }") == "select" and remote.query_form("DESCRIBE <x:a>") == "describe"


def test_an_endpoint_that_answers_no_results_is_one_clear_error():
    class Page(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "6")
            self.end_headers()
            self.wfile.write(b"<html>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        with pytest.raises(UserError, match=r"text/html, not SPARQL results as JSON.*Virtuoso: /sparql"):
            remote.query(remote.Connection(url, {}, retries=0), "SELECT * WHERE { ?s ?p ?o }")
        with pytest.raises(UserError, match="text/html, not RDF"):
            remote.query(remote.Connection(url, {}, retries=0), "CONSTRUCT WHERE { ?s ?p ?o }")
    finally:
        server.shutdown()
        server.server_close()


def test_query_at_a_skillgraph_endpoint(seed: ox.Store):
    from test_server import running

    with running(seed) as url:
        for name in ("platforms-by-tier", "figures"):
            sparql = named_queries()[name].text
            assert remote.query(remote.Connection(url, {}), sparql) == run_query(seed, sparql)
        construct = "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a sg:Agency ; rdfs:label ?l }"
        there = remote.query(remote.Connection(url, {}), construct)
        assert set(there.triples or ()) == set(run_query(seed, construct).triples or ()) and there.triples
        assert remote.query(remote.Connection(url, {}), "ASK { ?a a sg:Agency }").boolean is True
