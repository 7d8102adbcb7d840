"""The endpoint's query page in headless Chromium: named queries, a table of results, IRIs linked to their details."""
import json
import time

import pyoxigraph as ox
import pytest

from skillgraph.store import load, named_queries, run_query
from test_browser import Chromium
from test_server import SEED_GRAPH, running

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
def page(store, tmp_path_factory):
    with running(store) as url:
        browser = Chromium(tmp_path_factory.mktemp("query-page"))
        try:
            browser.open(url.removesuffix("sparql"), "document.body && document.body.dataset.state === 'ready'")
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
