"""A built graph in another triple store: push it there, query it there.

    push(store, "http://127.0.0.1:7878/store")            # SPARQL 1.1 Graph Store HTTP Protocol
    query("http://127.0.0.1:7878/query", named_query("people").text)

Every triple goes to exactly one named graph under the base IRI (default
https://w3id.org/skillgraph/graph/): `doc/ID` holds what a document says (triples about the
document, its parts, or pointing at them), `shared` what the documents share (the labels
and types of agencies, platform kinds, …). Over the union of the graphs the named queries
give the rows they give locally. The graph `index` lists the graphs pushed, so that a
document no longer in the build loses its graph on the next push. Pushing again replaces
each graph (PUT, then POST for the rest of a large graph): it is idempotent.
"""
from __future__ import annotations

import base64
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox

from skillgraph.errors import UserError
from skillgraph.store import QueryResult
from skillgraph.vocab import ID, PREFIXES

DEFAULT_GRAPH_IRI = "https://w3id.org/skillgraph/graph/"
MEMBER = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#member")
DOCUMENT = re.compile(re.escape(ID) + r"doc/([^/]+)")
RETRYABLE = frozenset({408, 429, 500, 502, 503, 504})
N_TRIPLES = "application/n-triples"
RESULT_TYPES = "application/sparql-results+json, application/n-triples;q=0.9"


@dataclass(frozen=True)
class Connection:
    """Where a store is and how to talk to it."""

    url: str
    headers: Mapping[str, str]  # e.g. Authorization
    retries: int = 3
    timeout: float = 60.0


def auth_headers(user: str | None, password: str | None, token: str | None) -> dict[str, str]:
    """An Authorization header: Bearer for a token, Basic for a user and password, none without."""
    if token:
        return {"Authorization": f"Bearer {token}"}
    if user:
        pair = f"{user}:{password or ''}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def credentials_from(user: str | None, password: str | None, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Options first, then SKILLGRAPH_USER, SKILLGRAPH_PASSWORD or SKILLGRAPH_TOKEN from the environment."""
    return auth_headers(user or environ.get("SKILLGRAPH_USER"), password or environ.get("SKILLGRAPH_PASSWORD"),
                        None if user else environ.get("SKILLGRAPH_TOKEN"))


# --- which graph a triple goes to ------------------------------------------------------------


def document_of(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str | None:
    """The id of the document an IRI belongs to: id:doc/ID or anything under it."""
    if isinstance(term, ox.NamedNode) and (match := DOCUMENT.match(term.value)):
        rest = term.value[match.end():]
        return match[1] if rest == "" or rest.startswith("/") else None
    return None


def partition(triples: Sequence[ox.Triple], base: str = DEFAULT_GRAPH_IRI) -> dict[str, list[ox.Triple]]:
    """Graph IRI → its triples, each triple in one graph, graphs and triples in a fixed order."""
    graphs: dict[str, list[ox.Triple]] = {}
    for triple in triples:
        doc = document_of(triple.subject) or document_of(triple.object)
        graphs.setdefault(f"{base}doc/{doc}" if doc else f"{base}shared", []).append(triple)
    return {iri: sorted(graphs[iri], key=str) for iri in sorted(graphs)}


# --- Graph Store HTTP Protocol -----------------------------------------------------------------


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int
    deleted: tuple[str, ...]


def push(store: ox.Store, connection: Connection, base: str = DEFAULT_GRAPH_IRI, batch: int = 50_000,
         progress: Callable[[str], None] = lambda line: None) -> PushReport:
    """Replace the store's graphs under `base` with the default graph of `store`, one graph per document."""
    graphs = partition([q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())], base)
    index = f"{base}index"
    before = listed_graphs(connection, index)
    put_graph(connection, index, index_triples(index, sorted(set(graphs) | before)), batch)
    for number, (iri, triples) in enumerate(graphs.items(), 1):
        put_graph(connection, iri, triples, batch)
        progress(f"{number}/{len(graphs)} {iri} ({len(triples)} triples)")
    deleted = tuple(sorted(before - set(graphs)))
    for iri in deleted:
        request(connection, "DELETE", graph_url(connection.url, iri), ok=(404,))
        progress(f"deleted {iri}")
    put_graph(connection, index, index_triples(index, sorted(graphs)), batch)
    return PushReport(graphs=len(graphs), triples=sum(map(len, graphs.values())), deleted=deleted)


def index_triples(index: str, graphs: Sequence[str]) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(index), MEMBER, ox.NamedNode(iri)) for iri in graphs]


def listed_graphs(connection: Connection, index: str) -> set[str]:
    """The graphs the index of an earlier push lists; none when there is no index."""
    body = request(connection, "GET", graph_url(connection.url, index), headers={"Accept": N_TRIPLES}, ok=(404,))
    if body is None:
        return set()
    return {t.object.value for t in ox.parse(body, ox.RdfFormat.N_TRIPLES) if t.predicate == MEMBER}


def put_graph(connection: Connection, iri: str, triples: Sequence[ox.Triple], batch: int) -> None:
    """Replace graph `iri`: PUT the first `batch` triples, POST (add) the others `batch` at a time."""
    url = graph_url(connection.url, iri)
    for start in range(0, max(len(triples), 1), batch):
        data = ox.serialize(triples[start:start + batch], format=ox.RdfFormat.N_TRIPLES)
        request(connection, "PUT" if start == 0 else "POST", url, data, {"Content-Type": N_TRIPLES})


def graph_url(store_url: str, graph: str) -> str:
    return f"{store_url}{'&' if '?' in store_url else '?'}{urlencode({'graph': graph})}"


def request(connection: Connection, method: str, url: str, data: bytes | None = None,
            headers: Mapping[str, str] | None = None, ok: tuple[int, ...] = ()) -> bytes | None:
    """The response body of a request, retried on connection errors and 408/429/5xx with backoff.

    A status in `ok` gives None; any other error status is a UserError naming it.
    """
    for attempt in range(connection.retries + 1):
        outgoing = urllib.request.Request(url, data=data, method=method, headers={**connection.headers, **(headers or {})})
        try:
            with urllib.request.urlopen(outgoing, timeout=connection.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            if err.code in ok:
                return None
            problem = f"{err.code} {err.reason}: {first_line(err.read())}"
            if err.code not in RETRYABLE:
                raise UserError(f"{method} {url} failed with {problem}{hint(err.code)}") from None
        except (urllib.error.URLError, OSError) as err:
            problem = str(getattr(err, "reason", err))
        if attempt < connection.retries:
            time.sleep(0.5 * 2**attempt)
    raise UserError(f"{method} {url} failed {connection.retries + 1} times ({problem}); "
                    "check that the store is running at that URL")


def hint(status: int) -> str:
    if status in (401, 403):
        return "; give --user and --password, or set SKILLGRAPH_TOKEN (or SKILLGRAPH_USER/SKILLGRAPH_PASSWORD)"
    if status in (404, 405):
        return "; give the store's Graph Store endpoint (Oxigraph: http://HOST:PORT/store)"
    return ""


def first_line(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    return text.splitlines()[0][:300] if text else "(no message)"


# --- SPARQL over HTTP --------------------------------------------------------------------------


def query(connection: Connection, sparql: str) -> QueryResult:
    """Run a query at a remote SPARQL endpoint; our predefined prefixes are declared for it."""
    body = request(connection, "POST", connection.url, with_prefixes(sparql).encode("utf-8"),
                   {"Content-Type": "application/sparql-query", "Accept": RESULT_TYPES}) or b""
    if body.lstrip().startswith(b"{"):
        results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        if isinstance(results, ox.QueryBoolean):
            return QueryResult(boolean=bool(results))
        variables = tuple(v.value for v in results.variables)
        return QueryResult(variables=variables, rows=tuple(tuple(s[v] for v in variables) for s in results))
    return QueryResult(triples=tuple(ox.parse(body, ox.RdfFormat.N_TRIPLES)))


def with_prefixes(sparql: str) -> str:
    """The query with PREFIX lines for the predefined prefixes it uses but does not declare."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w.-]*):", sparql, re.I)}
    used = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w<]){p}:", sparql)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + sparql
