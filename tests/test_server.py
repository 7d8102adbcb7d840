"""The SPARQL endpoint, queried over HTTP by real SPARQL clients."""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from skillgraph.server import SOLUTION_OFFERS, make_server, negotiate

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


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    store = ox.Store()
    store.load(GRAPH, format=ox.RdfFormat.TURTLE)
    server = make_server(store, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()
    thread.join()


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
    assert headers["Access-Control-Allow-Origin"] == "*"
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


def test_usage_page_and_cors(endpoint: str):
    status, headers, body = fetch(endpoint.removesuffix("sparql"))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Access-Control-Allow-Origin"] == "*"
    page = body.decode("utf-8")
    assert "application/sparql-query" in page and "platforms-by-tier" in page
    assert fetch(endpoint.removesuffix("sparql") + "elsewhere")[0] == 404


def test_cors_preflight(endpoint: str):
    request = urllib.request.Request(endpoint, method="OPTIONS")
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
