"""The SPARQL endpoint, queried over HTTP by real SPARQL clients."""
from __future__ import annotations

import contextlib
import http.client
import http.server
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from skillgraph.server import SOLUTION_OFFERS, Limits, ServerOptions, host_name, make_server, negotiate
from skillgraph.store import SHARED_GRAPH, current_store, format_result, load, named_queries, run_query

ROOT = Path(__file__).resolve().parents[1]
SEED_GRAPH = ROOT / "output" / "skillgraph.ttl"
SKILLGRAPH = Path(sys.executable).parent / "skillgraph"

SG = "https://w3id.org/skillgraph/ontology#"
GRAPH = """\
@base <https://w3id.org/skillgraph/id/> .
@prefix sg: <https://w3id.org/skillgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<agency/咸阳市人力资源和社会保障局> a sg:Agency ; rdfs:label "咸阳市人力资源和社会保障局"@zh .
<agency/教育部门> a sg:Agency ; rdfs:label "教育部门"@zh .
<doc/d1> a sg:Reply ; sg:issuedBy <agency/咸阳市人力资源和社会保障局> ; sg:date "2025-05-22"^^<http://www.w3.org/2001/XMLSchema#date> .
"""
AGENCIES = "SELECT ?a ?label WHERE { ?a a sg:Agency ; rdfs:label ?label } ORDER BY ?label"
HRSS = "https://w3id.org/skillgraph/id/agency/咸阳市人力资源和社会保障局"
EDU = "https://w3id.org/skillgraph/id/agency/教育部门"


def small_store() -> ox.Store:
    store = ox.Store()
    store.load(GRAPH, format=ox.RdfFormat.TURTLE)
    return store


@contextlib.contextmanager
def running(store: ox.Store, **options) -> Iterator[str]:
    """The URL of /sparql on a server over `store` on a free loopback port, shut down afterwards."""
    server = make_server(store, ServerOptions(port=0, **options))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sparql"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with running(small_store()) as url:
        yield url


def client(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper


def fetch(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body of a request, also for error statuses."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def get(endpoint: str, query: str, accept: str) -> tuple[int, dict, bytes]:
    return fetch(f"{endpoint}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})


# --- SPARQLWrapper -------------------------------------------------------------------------


def test_select_json(endpoint: str):
    data = client(endpoint, AGENCIES, JSON).query().convert()
    assert data["head"]["vars"] == ["a", "label"]
    assert [(b["a"]["value"], b["label"]["value"]) for b in data["results"]["bindings"]] == [
        (HRSS, "咸阳市人力资源和社会保障局"), (EDU, "教育部门")]
    assert data["results"]["bindings"][1]["label"]["xml:lang"] == "zh"


def test_select_xml(endpoint: str):
    document = client(endpoint, AGENCIES, XML).query().convert()
    ns = "http://www.w3.org/2005/sparql-results#"
    labels = [node.firstChild.data for node in document.getElementsByTagNameNS(ns, "literal")]
    uris = [node.firstChild.data for node in document.getElementsByTagNameNS(ns, "uri")]
    assert labels == ["咸阳市人力资源和社会保障局", "教育部门"]
    assert uris == [HRSS, EDU]


def test_select_csv_by_form_post(endpoint: str):
    wrapper = client(endpoint, AGENCIES, CSV)
    wrapper.setMethod(POST)
    text = wrapper.query().convert().decode("utf-8")
    assert text == f"a,label\r\n{HRSS},咸阳市人力资源和社会保障局\r\n{EDU},教育部门\r\n"


def test_select_by_direct_post(endpoint: str):
    wrapper = client(endpoint, AGENCIES, JSON)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(POSTDIRECTLY)
    assert len(wrapper.query().convert()["results"]["bindings"]) == 2


def test_ask(endpoint: str):
    assert client(endpoint, "ASK { ?r a sg:Reply }", JSON).query().convert()["boolean"] is True
    assert client(endpoint, "ASK { ?r a sg:Person }", JSON).query().convert()["boolean"] is False


def test_construct_as_turtle(endpoint: str):
    query = "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a sg:Agency ; rdfs:label ?l }"
    result = client(endpoint, query, TURTLE).query()
    assert result.info()["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=result.convert(), format="turtle")
    assert set(graph) == {
        (rdflib.URIRef(HRSS), rdflib.RDFS.label, rdflib.Literal("咸阳市人力资源和社会保障局", lang="zh")),
        (rdflib.URIRef(EDU), rdflib.RDFS.label, rdflib.Literal("教育部门", lang="zh")),
    }


def test_malformed_query_is_a_bad_request(endpoint: str):
    with pytest.raises(QueryBadFormed) as err:
        client(endpoint, "SELECT ?a WHERE { ?a a }", JSON).query()
    assert "1:" in str(err.value)


# --- rdflib's SPARQLStore ------------------------------------------------------------------


def test_rdflib_sparqlstore(endpoint: str):
    graph = rdflib.Graph(SPARQLStore(endpoint))
    rows = graph.query(f"SELECT ?label WHERE {{ ?a a <{SG}Agency> ; <{rdflib.RDFS.label}> ?label }} ORDER BY ?label")
    assert [str(row[0]) for row in rows] == ["咸阳市人力资源和社会保障局", "教育部门"]
    assert len(list(graph.triples((None, rdflib.RDF.type, None)))) == 3


# --- the protocol in detail ------------------------------------------------------------------


def test_tsv_and_ntriples_by_accept(endpoint: str):
    status, headers, body = get(endpoint, "SELECT ?d WHERE { ?r sg:date ?d }", "text/tab-separated-values")
    assert (status, headers["Content-Type"]) == (200, "text/tab-separated-values; charset=utf-8")
    assert body.decode() == '?d\n"2025-05-22"^^<http://www.w3.org/2001/XMLSchema#date>\n'
    status, headers, body = get(endpoint, "CONSTRUCT WHERE { ?r a sg:Reply }", "application/n-triples")
    assert headers["Content-Type"].startswith("application/n-triples")
    assert body.decode() == f"<https://w3id.org/skillgraph/id/doc/d1> <{rdflib.RDF.type}> <{SG}Reply> .\n"


def test_default_formats(endpoint: str):
    _, headers, body = get(endpoint, "ASK {}", "*/*")
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert json.loads(body) == {"head": {}, "boolean": True}
    _, headers, _ = get(endpoint, "DESCRIBE <https://w3id.org/skillgraph/id/doc/d1>", "")
    assert headers["Content-Type"].startswith("text/turtle")


def test_not_acceptable(endpoint: str):
    status, _, body = get(endpoint, "ASK {}", "image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_malformed_query_plain_text_400(endpoint: str):
    status, headers, body = get(endpoint, "SELECT ?a\nWHERE { ?a a }", "application/sparql-results+json")
    assert status == 400
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert b"error at 2:" in body


def test_updates_are_refused(endpoint: str):
    insert = "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }"
    status, _, body = fetch(endpoint, insert.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 405 and b"read-only" in body
    status, _, _ = fetch(endpoint, urllib.parse.urlencode({"update": insert}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 405
    assert get(endpoint, insert, "*/*")[0] == 400
    assert client(endpoint, "ASK { <https://example.org/a> ?p ?o }", JSON).query().convert()["boolean"] is False


def test_one_query_only(endpoint: str):
    url = f"{endpoint}?query=ASK%7B%7D&query=ASK%7B%7D"
    assert fetch(url)[0] == 400


def test_unsupported_post_body(endpoint: str):
    assert fetch(endpoint, b"ASK {}", {"Content-Type": "text/plain"})[0] == 415


def test_usage_page(endpoint: str):
    status, headers, body = fetch(endpoint.removesuffix("sparql"), headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode("utf-8")
    assert "application/sparql-query" in page and "platforms-by-tier" in page
    assert fetch(endpoint.removesuffix("sparql") + "elsewhere")[0] == 404


def test_cors_only_when_asked(endpoint: str):
    assert "Access-Control-Allow-Origin" not in get(endpoint, "ASK {}", "*/*")[1]
    with running(small_store(), cors=True) as url:
        assert get(url, "ASK {}", "*/*")[1]["Access-Control-Allow-Origin"] == "*"
        request = urllib.request.Request(url, method="OPTIONS")
        with urllib.request.urlopen(request) as response:
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert "POST" in response.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.4", "text/csv"),
    ("text/*, application/json;q=0.1", "text/csv"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ("text/html, */*;q=0.8", "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
])
def test_negotiate(accept: str, expected: str):
    assert negotiate(accept, SOLUTION_OFFERS).media_type == expected


def test_negotiate_nothing_acceptable():
    assert negotiate("image/png, text/html", SOLUTION_OFFERS) is None


def test_post_without_query(endpoint: str):
    status, _, body = fetch(endpoint, b"other=1", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"no query" in body


def test_oversized_body(endpoint: str):
    headers = {"Content-Type": "application/sparql-query", "Content-Length": str(2 << 20)}
    status, _, _ = fetch(endpoint, b"ASK {}", headers)  # refused before the body is read
    assert status == 413


def test_service_description(endpoint: str):
    status, headers, body = fetch(endpoint, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert set(graph.objects(None, sd.endpoint)) == {rdflib.URIRef(endpoint)}
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in graph
    formats = rdflib.Namespace("http://www.w3.org/ns/formats/")
    assert {formats.SPARQL_Results_JSON, formats.Turtle} <= set(graph.objects(None, sd.resultFormat))


def test_construct_as_json_ld(endpoint: str):
    query = "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a sg:Agency ; rdfs:label ?l }"
    status, headers, body = get(endpoint, query, "application/ld+json")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="json-ld")
    assert set(graph.objects(rdflib.URIRef(EDU), rdflib.RDFS.label)) == {rdflib.Literal("教育部门", lang="zh")}


# --- hardening: what must not take the server down --------------------------------------------


def raw_request(url: str, request: bytes, timeout: float = 10) -> bytes:
    """The bytes a server sends back to `request`, written as is on a new connection."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000,
    "SELECT * WHERE { ?s ?p ?o " + " ".join(f"FILTER(?o != {i})" for i in range(10_000)) + " }",
    "SELECT * WHERE { " + " ".join(f"?s <https://example.org/p{i}> ?o{i} ." for i in range(10_000)) + " }",
])
def test_queries_that_crash_the_engine_are_refused(endpoint: str, query: str):
    status, _, body = fetch(endpoint, query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"at most" in body
    assert client(endpoint, "ASK { ?r a sg:Reply }", JSON).query().convert()["boolean"] is True


class Canary:
    """An HTTP server on loopback that records every request it gets."""

    def __init__(self):
        hits = self.hits = []

        class Record(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record)
        self.url = f"http://127.0.0.1:{self.server.server_port}/canary"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    server = Canary()
    yield server
    server.close()


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o . SeRvIcE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?r sg:date ?d . ?r a sg:Reply . ?r ?p 1SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ ?s ?p ?o . # comment\n SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ ?s sg:x\\#y ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_without_any_request(endpoint: str, canary: Canary, template: str):
    query = template.format(url=canary.url)
    for method in ("GET", "POST"):
        if method == "GET":
            status, _, body = get(endpoint, query, "*/*")
        else:
            status, _, body = fetch(endpoint, query.encode(), {"Content-Type": "application/sparql-query"})
        assert status == 400 and b"SERVICE" in body, (method, body)
    assert canary.hits == []


def test_from_is_never_dereferenced(endpoint: str, canary: Canary):
    for query in (f"SELECT * FROM <{canary.url}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * FROM NAMED <{canary.url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        status, _, body = get(endpoint, query, "application/sparql-results+json")
        assert status == 200 and json.loads(body)["results"]["bindings"] == []
    dataset = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }", "default-graph-uri": canary.url})
    status, _, body = fetch(f"{endpoint}?{dataset}")
    assert status == 200 and json.loads(body)["boolean"] is False
    assert canary.hits == []


def test_load_is_refused_without_any_request(endpoint: str, canary: Canary):
    assert get(endpoint, f"LOAD <{canary.url}>", "*/*")[0] == 400
    status, _, _ = fetch(endpoint, urllib.parse.urlencode({"update": f"LOAD <{canary.url}>"}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 405
    assert canary.hits == []


def product_store(size: int = 200) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"https://example.org/n{i}"), ox.NamedNode(f"{SG}value"), ox.Literal(i))
                 for i in range(size))
    return store


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"


def test_timeout_stops_a_cartesian_product_and_others_are_answered():
    with running(product_store(), workers=2, limits=Limits(timeout=1.0)) as url:
        with ThreadPoolExecutor(2) as pool:
            start = time.monotonic()
            slow = pool.submit(get, url, CARTESIAN, "*/*")
            time.sleep(0.2)
            quick = get(url, "ASK { ?s ?p 7 }", "*/*")
            assert quick[0] == 200 and json.loads(quick[2])["boolean"] is True
            status, _, body = slow.result()
            assert status == 503 and b"1 s limit" in body
            assert time.monotonic() - start < 3
        for _ in range(3):  # the killed worker was replaced
            assert get(url, "ASK { ?s ?p 7 }", "*/*")[0] == 200


def children() -> set[int]:
    """The processes this one started, from each of its threads (a thread may end meanwhile)."""
    found = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            found.update(int(pid) for pid in (task / "children").read_text().split())
        except FileNotFoundError:
            continue
    return found


def test_closing_the_server_stops_its_workers_also_a_busy_one():
    before = children()
    with running(product_store(), workers=2, limits=Limits(timeout=60)) as url:
        workers = children() - before
        assert len(workers) == 2
        slow = threading.Thread(target=get, args=(url, CARTESIAN, "*/*"), daemon=True)
        slow.start()
        time.sleep(0.3)
    assert not workers & children()


def test_memory_cap_costs_a_worker_not_the_server():
    query = "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?x ?y ?z"
    limits = Limits(timeout=60, max_memory_bytes=64 << 20)
    with running(product_store(300), workers=1, limits=limits) as url:
        status, _, body = get(url, query, "*/*")
        assert status == 503 and b"memory" in body
        assert get(url, "ASK { ?s ?p 7 }", "*/*")[0] == 200


def test_result_size_cap(endpoint: str):
    """A result over the cap within the part that is sent whole (Limits.whole_bytes) is a 503."""
    with running(product_store(), limits=Limits(max_result_bytes=1000)) as url:
        status, _, body = get(url, "SELECT * WHERE { ?s ?p ?o }", "text/csv")
        assert status == 503 and b"LIMIT" in body
        status, _, body = get(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "text/csv")
        assert status == 200 and body.count(b"\r\n") == 4


def chunked_body(raw: bytes) -> tuple[list[int], bytes, bool]:
    """The chunk sizes, the body and whether the final (empty) chunk came, of a raw chunked response."""
    rest = raw.split(b"\r\n\r\n", 1)[1]
    sizes, body = [], []
    while rest:
        line, _, rest = rest.partition(b"\r\n")
        size = int(line, 16)
        if size == 0:
            return sizes, b"".join(body), True
        sizes.append(size)
        body.append(rest[:size])
        rest = rest[size + 2:]
    return sizes, b"".join(body), False


STREAMED = Limits(whole_bytes=4096, chunk_bytes=1024)  # small, so that a test result streams


def test_a_large_result_is_delivered_in_chunks_as_it_is_written():
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    with running(product_store(5000), limits=STREAMED) as url:
        path = f"/sparql?{urllib.parse.urlencode({'query': query})}"
        raw = raw_request(url, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n\r\n".encode())
        head = raw.split(b"\r\n\r\n", 1)[0].decode().lower()
        assert status_of(raw) == 200 and "transfer-encoding: chunked" in head and "content-length" not in head
        sizes, body, complete = chunked_body(raw)
        assert complete and len(sizes) > 10 and max(sizes) <= 16384  # as the serializer writes (8 KiB at a time)
        assert body.decode().splitlines()[0] == "s,o" and body.count(b"\r\n") == 5001
        data = client(url, query, JSON).query().convert()  # a real client reads the chunks as one result
        assert len(data["results"]["bindings"]) == 5000
        raw = raw_request(url, f"GET {path} HTTP/1.0\r\nAccept: text/csv\r\n\r\n".encode())  # no chunks in HTTP/1.0
        assert status_of(raw) == 200 and raw.split(b"\r\n\r\n", 1)[1].count(b"\r\n") == 5001


def test_a_small_result_is_sent_whole_with_its_length(endpoint: str):
    status, headers, body = get(endpoint, AGENCIES, "text/csv")
    assert status == 200 and int(headers["Content-Length"]) == len(body) and "Transfer-Encoding" not in headers


def test_the_cap_holds_for_a_streamed_result():
    limits = Limits(max_result_bytes=50_000, whole_bytes=4096, chunk_bytes=1024)
    with running(product_store(5000), workers=1, limits=limits) as url:
        query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
        path = f"/sparql?{urllib.parse.urlencode({'query': query})}"
        raw = raw_request(url, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n\r\n".encode())
        _, body, complete = chunked_body(raw)
        assert status_of(raw) == 200 and not complete  # cut: no final chunk, so no client takes it for whole
        assert 4096 <= len(body) <= 50_000
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.request("GET", path, headers={"Accept": "text/csv"})
        with pytest.raises(http.client.IncompleteRead):
            connection.getresponse().read()
        connection.close()
        with pytest.raises(http.client.IncompleteRead):  # SPARQLWrapper too sees an error, not a short result
            client(url, query, JSON).query().convert()
        status, _, body = get(url, query + " LIMIT 100", "text/csv")  # the worker answers again
        assert status == 200 and body.count(b"\r\n") == 101


def test_a_client_that_goes_away_mid_stream_costs_nothing():
    with running(product_store(20000), workers=1, limits=STREAMED) as url:
        parts = urllib.parse.urlsplit(url)
        path = f"/sparql?{urllib.parse.urlencode({'query': 'SELECT * WHERE { ?s ?p ?o }'})}"
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n\r\n".encode())
            assert sock.recv(1024).startswith(b"HTTP/1.1 200")
        for _ in range(3):  # the worker was stopped and replaced, or finished: queries are answered
            assert get(url, "ASK { ?s ?p 7 }", "*/*")[0] == 200


# --- the on-disk store -------------------------------------------------------------------------


def test_the_endpoint_over_an_on_disk_store_sees_the_union_of_its_graphs(tmp_path: Path):
    graph = tmp_path / "skillgraph.ttl"
    graph.write_text(GRAPH, encoding="utf-8")
    db = current_store(graph)
    assert isinstance(db, Path) and (db / "CURRENT").exists()
    with running(db, workers=2) as url:
        data = client(url, AGENCIES, JSON).query().convert()
        assert [b["label"]["value"] for b in data["results"]["bindings"]] == ["咸阳市人力资源和社会保障局", "教育部门"]
        ask = "ASK { GRAPH <https://w3id.org/skillgraph/id/doc/d1> { ?d sg:issuedBy ?a } }"
        assert client(url, ask, JSON).query().convert()["boolean"] is True
        dataset = f"SELECT (COUNT(*) AS ?n) FROM <{SHARED_GRAPH.value}> WHERE {{ ?a a sg:Agency }}"
        assert client(url, dataset, JSON).query().convert()["results"]["bindings"][0]["n"]["value"] == "2"
        writer = ox.Store(str(db))  # no worker holds the store's lock: they opened it read-only
        del writer


def test_serve_uses_the_store_beside_the_graph_and_makes_it_when_stale(tmp_path: Path):
    graph = tmp_path / "skillgraph.ttl"
    graph.write_text(GRAPH, encoding="utf-8")
    process = subprocess.Popen([str(SKILLGRAPH), "serve", "--graph", str(graph), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert f"(the store {tmp_path / 'store'})" in line
        port = int(line.split(":")[2].split("/")[0])
        data = client(f"http://127.0.0.1:{port}/sparql", AGENCIES, JSON).query().convert()
        assert len(data["results"]["bindings"]) == 2
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert f"loading {graph} into the store {tmp_path / 'store'} (once)" in process.stderr.read()


def test_huge_body_gets_a_413_the_client_reads(endpoint: str):
    parts = urllib.parse.urlsplit(endpoint)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("POST", "/sparql", body=b"#" * (20 << 20), headers={"Content-Type": "application/sparql-query"})
    response = connection.getresponse()
    assert response.status == 413 and b"at most" in response.read()
    connection.close()


@pytest.mark.parametrize(("length", "status"), [("-1", 400), ("abc", 400), ("1e3", 400), ("٣", 400), (None, 411)])
def test_malformed_content_length(endpoint: str, length: str | None, status: int):
    header = f"Content-Length: {length}\r\n" if length is not None else ""
    request = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
               f"{header}Connection: close\r\n\r\nASK {{}}").encode()
    assert status_of(raw_request(endpoint, request)) == status


def test_non_utf8_queries_are_bad_requests(endpoint: str):
    latin1 = 'ASK { ?s rdfs:label "café" }'.encode("latin-1")
    status, _, body = fetch(endpoint, latin1, {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"UTF-8" in body
    status, _, _ = fetch(endpoint, b"query=ASK%20%7B%22caf%E9%22%7D", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400
    assert fetch(f"{endpoint}?query=ASK%20%7B%22caf%E9%22%7D")[0] == 400


def test_host_header_is_checked(endpoint: str):
    port = urllib.parse.urlsplit(endpoint).port
    query = "/sparql?query=ASK%7B%7D"
    rebound = raw_request(endpoint, f"GET {query} HTTP/1.1\r\nHost: attacker.example:{port}\r\n\r\n".encode())
    assert status_of(rebound) == 421 and b"--allow-host" in rebound
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        assert status_of(raw_request(endpoint, f"GET {query} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())) == 200
    with running(small_store(), allowed_hosts=("sparql.example",)) as url:
        request = f"GET {query} HTTP/1.1\r\nHost: sparql.example\r\n\r\n".encode()
        assert status_of(raw_request(url, request)) == 200


@pytest.mark.parametrize(("header", "name"), [
    ("localhost:7878", "localhost"), ("[::1]:7878", "::1"), ("::1", "::1"), ("Example.ORG", "example.org")])
def test_host_name(header: str, name: str):
    assert host_name(header) == name


def test_idle_connections_time_out_and_the_pool_is_bounded():
    with running(small_store(), threads=1, socket_timeout=1.0) as url:
        parts = urllib.parse.urlsplit(url)
        idle = [socket.create_connection((parts.hostname, parts.port)) for _ in range(2)]  # one served, one waits
        time.sleep(0.2)
        assert status_of(raw_request(url, b"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\n\r\n")) == 503
        start = time.monotonic()
        for sock in idle:
            sock.settimeout(5)
            assert sock.recv(1024) is not None  # closed (b"") or a 408, not held open
            sock.close()
        assert time.monotonic() - start < 4
        assert status_of(raw_request(url, b"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\n\r\n")) == 200


def test_no_log_unless_asked_and_an_access_log(tmp_path: Path):
    log = tmp_path / "access.log"
    with running(small_store(), access_log=log) as url:
        for _ in range(3):
            get(url, "ASK {}", "*/*")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all("GET /sparql?query=ASK" in line and " 200 " in line for line in lines)


def test_serve_warns_off_loopback_and_never_blocks_on_its_own_output(tmp_path: Path):
    """stderr is a pipe nobody reads: 300 requests must all be answered."""
    process = subprocess.Popen([str(SKILLGRAPH), "serve", "--graph", str(SEED_GRAPH), "--host", "0.0.0.0",
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        port = int(line.split(":")[2].split("/")[0])
        url = f"http://127.0.0.1:{port}/sparql"
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda _: get(url, "ASK { ?s ?p ?o }", "*/*")[0], range(300)))
        assert statuses == [200] * 300
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert "warning" in process.stderr.read() and "not loopback" in line + "not loopback"


def test_default_bind_is_loopback():
    assert ServerOptions().host == "127.0.0.1"


# --- many clients -------------------------------------------------------------------------------


def test_eight_clients_run_the_named_queries_without_error():
    store = load([SEED_GRAPH])
    queries = list(named_queries().values())
    expected = {q.name: format_result(run_query(store, q.text), "csv") for q in queries}
    with running(store, workers=2) as url:
        def one_client(index: int) -> list[float]:
            times = []
            for n in range(100):
                query = queries[(index + n) % len(queries)]
                start = time.monotonic()
                status, _, body = get(url, query.text, "text/csv")
                times.append(time.monotonic() - start)
                assert status == 200 and body.decode("utf-8") == expected[query.name], query.name
            return times

        with ThreadPoolExecutor(8) as pool:
            times = sorted(t for client_times in pool.map(one_client, range(8)) for t in client_times)
    assert len(times) == 800
    print(f"800 named queries, 8 clients: p50 {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {times[int(0.95 * len(times))] * 1000:.1f} ms")
