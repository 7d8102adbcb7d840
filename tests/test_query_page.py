"""The endpoint's query page in headless Chromium: named queries, a table of results, IRIs linked
to their details, a CONSTRUCT's graph one click from its network view; /view over raw HTTP."""
import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from skillgraph import server
from skillgraph.netgraph import compact
from skillgraph.server import Limits
from skillgraph.store import load, named_queries, run_query
from test_browser import Chromium
from test_server import SEED_GRAPH, product_store, running

EVIL = "https://w3id.org/skillgraph/id/agency/evil"
MALICIOUS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = load([SEED_GRAPH])
    agency = ox.NamedNode("https://w3id.org/skillgraph/ontology#Agency")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    store.extend([ox.Quad(ox.NamedNode(EVIL), kind, agency), ox.Quad(ox.NamedNode(EVIL), label, ox.Literal(MALICIOUS))])
    return store


@pytest.fixture(scope="module")
def endpoint(store):
    """The URL of /sparql of a server over the store."""
    with running(store) as url:
        yield url


@pytest.fixture(scope="module")
def page(endpoint, tmp_path_factory):
    browser = Chromium(tmp_path_factory.mktemp("query-page"))
    try:
        browser.open(endpoint.removesuffix("sparql"), "document.body && document.body.dataset.state === 'ready'")
        yield browser
    finally:
        browser.close()


def wait_done(page: Chromium, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while (state := page.evaluate("document.body.dataset.state")) not in ("done", "error"):
        assert time.monotonic() < deadline, "the query did not finish"
        time.sleep(0.05)
    return state


def table(page: Chromium) -> list[list[str]]:
    return page.evaluate("[...document.querySelectorAll('#results tr')].map((r) => [...r.cells].map((c) => c.textContent))")


def test_named_query_runs_into_a_table(page: Chromium, store: ox.Store):
    names = page.evaluate("[...document.querySelectorAll('#named option')].map((o) => o.value)")
    assert names == list(named_queries())
    page.evaluate("const s = document.getElementById('named'); s.value = 'platforms-by-tier'; s.dispatchEvent(new Event('change'))")
    assert page.evaluate("document.getElementById('query').value") == named_queries()["platforms-by-tier"].text
    page.evaluate("document.getElementById('run').click()")
    assert wait_done(page) == "done"
    expected = run_query(store, named_queries()["platforms-by-tier"].text)
    rows = table(page)
    assert rows[0] == list(expected.variables)
    assert [row[:3] for row in rows[1:]] == [[t.value if t else "" for t in r[:3]] for r in expected.rows]
    assert page.evaluate("document.getElementById('status').textContent") == f"{len(expected.rows)} rows"


def test_an_iri_links_to_its_details(page: Chromium):
    page.evaluate("document.getElementById('query').value = "
                  + json.dumps("SELECT ?a WHERE { ?a a sg:Agency ; rdfs:label '咸阳市人力资源和社会保障局'@zh }"))
    page.evaluate("document.getElementById('run').click()")
    assert wait_done(page) == "done"
    assert table(page)[1] == ["id:agency/咸阳市人力资源和社会保障局"]
    page.evaluate("document.body.dataset.state = 'clicked'; document.querySelector('#results td a').click()")
    assert wait_done(page) == "done"
    details = table(page)
    assert details[0] == ["property", "value"]
    assert ["rdfs:label", "咸阳市人力资源和社会保障局"] in details


def test_hostile_values_stay_text(page: Chromium):
    page.evaluate("document.getElementById('query').value = "
                  + json.dumps(f"SELECT ?label WHERE {{ <{EVIL}> rdfs:label ?label }}"))
    page.evaluate("document.getElementById('run').click()")
    assert wait_done(page) == "done"
    assert table(page)[1] == [MALICIOUS]
    assert page.evaluate("document.querySelectorAll('#results img, #results script').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_errors_are_shown(page: Chromium):
    page.evaluate("document.getElementById('query').value = 'SELECT ?a WHERE { ?a a }'")
    page.evaluate("document.getElementById('run').click()")
    assert wait_done(page) == "error"
    assert page.evaluate("document.getElementById('status').textContent").startswith("400: malformed SPARQL query")
    assert page.exceptions() == []


# Documents, their agencies (the hostile one too: typed, labelled) and people.
WHO = """CONSTRUCT { ?r a sg:Reply ; rdfs:label ?t ; ?p ?o . ?o a ?c ; rdfs:label ?l }
WHERE { { ?r a sg:Reply ; rdfs:label ?t ; ?p ?o . ?o a ?c ; rdfs:label ?l . FILTER(?c IN (sg:Agency, sg:Person)) }
  UNION { ?o a ?c ; rdfs:label ?l . FILTER(?o = <""" + EVIL + """>) } }"""


def test_a_construct_opens_as_a_network(page: Chromium, store: ox.Store):
    page.evaluate("document.getElementById('query').value = " + json.dumps(WHO))
    page.evaluate("document.getElementById('run').click()")
    assert wait_done(page) == "done"
    assert page.evaluate("document.getElementById('view').hidden") is False
    assert page.evaluate("document.getElementById('view').textContent") == "view as network"
    page.evaluate("document.getElementById('view').click()")
    deadline = time.monotonic() + 60
    while not page.evaluate("location.pathname === '/view' && Boolean(document.body && document.body.dataset.readyMs)"):
        assert time.monotonic() < deadline, f"the view did not draw: {page.exceptions()}"
        time.sleep(0.05)
    triples = run_query(store, WHO).triples or ()
    typed = {compact(t.subject.value) for t in triples if t.predicate.value.endswith("#type")}
    drawn = set(page.evaluate("skillgraph.nodes.get().map((n) => n.info.iri)"))
    assert drawn == typed and len(drawn) > 30
    assert page.evaluate("skillgraph.drawn().nodes") == len(typed)
    assert "id:agency/咸阳市人力资源和社会保障局" in drawn
    assert page.evaluate("typeof window.__pwned") == "undefined"  # the hostile label stayed text
    assert all(url.startswith(("http://127.0.0.1", "data:")) for url in page.requested())  # nothing from elsewhere
    page.evaluate("history.back()")  # back to the query page, which runs the query again
    deadline = time.monotonic() + 30
    while not page.evaluate("location.pathname !== '/view' && document.body && document.body.dataset.state === 'done'"):
        assert time.monotonic() < deadline, "the query page did not come back"
        time.sleep(0.05)
    assert page.evaluate("document.getElementById('query').value") == WHO
    assert page.evaluate("document.getElementById('view').hidden") is False
    assert page.exceptions() == []


def test_a_select_offers_no_network(page: Chromium):
    page.evaluate("document.getElementById('query').value = 'SELECT ?a WHERE { ?a a sg:Agency } LIMIT 1'")
    page.evaluate("document.getElementById('run').click()")
    assert wait_done(page) == "done"
    assert page.evaluate("document.getElementById('view').hidden") is True


def get(url: str, method: str = "GET") -> tuple[int, str, str]:
    """Status, Content-Type and body of a request."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method, data=b"" if method == "POST" else None),
                                    timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read().decode("utf-8")


def view_url(endpoint: str, query: str) -> str:
    return endpoint.removesuffix("sparql") + "view?" + urllib.parse.urlencode({"query": query})


def test_view_route_answers_a_page_for_a_graph(endpoint: str):
    status, content_type, body = get(view_url(endpoint, WHO))
    assert status == 200 and content_type == "text/html; charset=utf-8"
    assert body.startswith("<!") and "vis-network" in body and "咸阳市人力资源和社会保障局" in body
    assert "<script src=" not in body and MALICIOUS not in body  # offline; the label escaped inside the data
    status, _, body = get(view_url(endpoint, "DESCRIBE <https://w3id.org/skillgraph/id/agency/咸阳市人力资源和社会保障局>"))
    assert status == 200 and "咸阳市人社局" in body


@pytest.mark.parametrize(("query", "status", "message"), [
    ("SELECT ?a WHERE { ?a a sg:Agency }", 400, "give a CONSTRUCT or DESCRIBE query, not SELECT"),
    ("ASK { ?a a sg:Agency }", 400, "not ASK"),
    ("CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p }", 400, "malformed SPARQL query"),
    ("CONSTRUCT { ?a ?p ?o } WHERE { SERVICE <http://example.org/> { ?a ?p ?o } }", 400, "SERVICE"),
    ("CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a rdfs:label ?l }", 400, "nothing to draw"),
    ("CONSTRUCT " + "{" * 100 + "}" * 100, 400, "nests"),
])
def test_view_route_refuses_what_it_cannot_draw(endpoint: str, query: str, status: int, message: str):
    got, content_type, body = get(view_url(endpoint, query))
    assert (got, content_type) == (status, "text/plain; charset=utf-8") and message in body, body


def test_view_route_statuses(endpoint: str, store: ox.Store, monkeypatch):
    base = endpoint.removesuffix("sparql")
    status, _, body = get(base + "view")
    assert status == 400 and "give exactly one query parameter" in body
    assert get(base + "view?query=a&query=b")[0] == 400
    assert get(base + "view?query=%FF")[0] == 400
    assert get(view_url(endpoint, WHO), method="POST")[0] == 405
    monkeypatch.setattr(server, "VIEW_MAX_TRIPLES", 10)
    status, _, body = get(view_url(endpoint, WHO))
    assert status == 503 and "the view draws at most 10" in body
    with running(store, limits=Limits(max_result_bytes=1000)) as small:  # the result cap of /sparql holds
        status, _, body = get(view_url(small, WHO))
        assert status == 503 and "larger than 1000 bytes" in body
    slow = "CONSTRUCT { ?a ?p ?x } WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"
    with running(product_store(), limits=Limits(timeout=1.0)) as limited:  # and so does its time limit
        start = time.monotonic()
        status, _, body = get(view_url(limited, slow))
        assert status == 503 and "1 s limit" in body and time.monotonic() - start < 5
