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

Tested against Oxigraph (`oxigraph serve`, /store and /query) and Virtuoso 7
(/sparql-graph-crud-auth with digest authentication, and /sparql). What they differ in is
handled here: a user and password are sent as the server asks (Basic or Digest, after its
401), queries are POSTed as a form (Virtuoso 7.2 never answers an application/sparql-query
body) with an Accept header for the query's form (Virtuoso answers a CONSTRUCT in solution
JSON when JSON comes first), and results are read by their Content-Type.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlencode, urlsplit
from urllib.request import parse_http_list, parse_keqv_list

import pyoxigraph as ox

from skillgraph.errors import UserError
from skillgraph.guard import TOKEN
from skillgraph.store import QueryResult
from skillgraph.vocab import ID, PREFIXES

DEFAULT_GRAPH_IRI = "https://w3id.org/skillgraph/graph/"
MEMBER = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#member")
DOCUMENT = re.compile(re.escape(ID) + r"doc/([^/]+)")
RETRYABLE = frozenset({408, 429, 500, 502, 503, 504})
N_TRIPLES = "application/n-triples"
SOLUTION_TYPES = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples, text/plain;q=0.5"
BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
DIGEST_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


@dataclass
class Session:
    """What a connection learned from the server's 401: how it wants the credentials."""

    scheme: str | None = None  # "basic" or "digest" once a challenge was answered
    challenge: dict[str, str] = field(default_factory=dict)  # the Digest challenge's parameters
    count: int = 0  # requests made with its nonce


@dataclass(frozen=True)
class Connection:
    """Where a store is and how to talk to it.

    An `Authorization: Basic` header in `headers` (what `credentials_from` gives for a user and
    password) is held back until the server asks for credentials: its 401 says whether it wants
    them as Basic or as Digest (Virtuoso's /sparql-graph-crud-auth), and later requests of the
    connection send them that way at once. Other headers (a Bearer token) are always sent.
    """

    url: str
    headers: Mapping[str, str]  # e.g. Authorization
    retries: int = 3
    timeout: float = 60.0
    session: Session = field(default_factory=Session, compare=False, repr=False)


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
    return exchange(connection, method, url, data, headers, ok)[0]


def exchange(connection: Connection, method: str, url: str, data: bytes | None = None,
             headers: Mapping[str, str] | None = None, ok: tuple[int, ...] = ()) -> tuple[bytes | None, str]:
    """As `request`, with the response's media type (lower case, no parameters)."""
    attempt, answered = 0, False
    while True:
        outgoing = urllib.request.Request(url, data=data, method=method,
                                          headers={**sent_headers(connection, method, url), **(headers or {})})
        try:
            with urllib.request.urlopen(outgoing, timeout=connection.timeout) as response:
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as err:
            if err.code == 401 and not answered and learn(connection, err.headers.get_all("WWW-Authenticate") or []):
                answered = True  # answer the challenge once, at once; a second 401 means wrong credentials
                err.read()
                continue
            if err.code in ok:
                return None, ""
            problem = f"{err.code} {err.reason}: {first_line(err.read())}"
            if err.code not in RETRYABLE:
                raise UserError(f"{method} {url} failed with {problem}{hint(err.code)}") from None
        except (urllib.error.URLError, OSError) as err:
            problem = str(getattr(err, "reason", err))
        if attempt >= connection.retries:
            raise UserError(f"{method} {url} failed {connection.retries + 1} times ({problem}); "
                            "check that the store is running at that URL")
        time.sleep(0.5 * 2**attempt)
        attempt += 1


# --- credentials as the server asks: Basic or Digest (RFC 7617, RFC 7616) ----------------------


def basic_credentials(headers: Mapping[str, str]) -> tuple[str, str] | None:
    """The user and password of an `Authorization: Basic` header, None without one."""
    value = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
    scheme, _, encoded = value.partition(" ")
    if scheme.lower() != "basic":
        return None
    user, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
    return user, password


def sent_headers(connection: Connection, method: str, url: str) -> dict[str, str]:
    """The connection's headers, with the credentials in the scheme the server asked for."""
    headers = {k: v for k, v in connection.headers.items() if k.lower() != "authorization"}
    credentials = basic_credentials(connection.headers)
    if credentials is None:
        return dict(connection.headers)
    if connection.session.scheme == "basic":
        headers["Authorization"] = auth_headers(*credentials, None)["Authorization"]
    elif connection.session.scheme == "digest":
        headers["Authorization"] = digest_authorization(connection.session, *credentials, method, url)
    return headers


def learn(connection: Connection, challenges: Sequence[str]) -> bool:
    """Take the scheme of a 401's challenges; False when there is nothing to answer them with."""
    if basic_credentials(connection.headers) is None:
        return False
    for challenge in challenges:
        scheme, _, rest = challenge.strip().partition(" ")
        if scheme.lower() == "digest":
            params = parse_keqv_list(parse_http_list(rest))
            if params.get("algorithm", "MD5").upper() in DIGEST_HASHES and "nonce" in params:
                connection.session.scheme, connection.session.challenge, connection.session.count = "digest", params, 0
                return True
    connection.session.scheme = "basic"  # asked for Basic, or for nothing we know: Basic as before
    return True


def digest_authorization(session: Session, user: str, password: str, method: str, url: str) -> str:
    """The Authorization header answering the session's Digest challenge (qop=auth or none)."""
    challenge = session.challenge
    algorithm = challenge.get("algorithm", "MD5").upper()
    digest = DIGEST_HASHES[algorithm]

    def h(text: str) -> str:
        return digest(text.encode("utf-8")).hexdigest()

    parts = urlsplit(url)
    uri = parts.path + (f"?{parts.query}" if parts.query else "")
    realm, nonce = challenge.get("realm", ""), challenge["nonce"]
    secret, target = h(f"{user}:{realm}:{password}"), h(f"{method}:{uri}")
    session.count += 1
    fields = {"username": user, "realm": realm, "nonce": nonce, "uri": uri, "algorithm": algorithm}
    if "auth" in [q.strip() for q in challenge.get("qop", "").split(",")]:
        count, cnonce = f"{session.count:08x}", os.urandom(8).hex()
        fields["response"] = h(f"{secret}:{nonce}:{count}:{cnonce}:auth:{target}")
        extra = f", qop=auth, nc={count}"
        fields["cnonce"] = cnonce
    else:
        fields["response"] = h(f"{secret}:{nonce}:{target}")
        extra = ""
    if "opaque" in challenge:
        fields["opaque"] = challenge["opaque"]
    return "Digest " + ", ".join(f'{k}="{v}"' for k, v in fields.items()) + extra


def hint(status: int) -> str:
    if status in (401, 403):
        return ("; give --user and --password, or set SKILLGRAPH_TOKEN (or SKILLGRAPH_USER/SKILLGRAPH_PASSWORD); "
                "Virtuoso writes at /sparql-graph-crud-auth as a user with the SPARQL_UPDATE role (e.g. dba)")
    if status in (404, 405):
        return ("; give the store's Graph Store endpoint to push, its SPARQL endpoint to query (Oxigraph: "
                "http://HOST:PORT/store and /query; Virtuoso: http://HOST:8890/sparql-graph-crud-auth and /sparql)")
    return ""


def first_line(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    return text.splitlines()[0][:300] if text else "(no message)"


# --- SPARQL over HTTP --------------------------------------------------------------------------


def query(connection: Connection, sparql: str) -> QueryResult:
    """Run a query at a remote SPARQL endpoint; our predefined prefixes are declared for it.

    The query is POSTed as a form (the SPARQL 1.1 Protocol's way every endpoint takes), asking
    for solutions as JSON or, for CONSTRUCT and DESCRIBE, a graph as N-Triples.
    """
    graph = query_form(sparql) in ("construct", "describe")
    form = urlencode({"query": with_prefixes(sparql)}).encode("ascii")
    body, media_type = exchange(connection, "POST", connection.url, form,
                                {"Content-Type": "application/x-www-form-urlencoded",
                                 "Accept": GRAPH_TYPES if graph else SOLUTION_TYPES})
    body = body or b""
    try:
        if graph:
            rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else ox.RdfFormat.N_TRIPLES
            if rdf_format is None or media_type == "application/json":
                raise ValueError("not RDF")
            return QueryResult(triples=tuple(ox.Triple(t.subject, t.predicate, canonical(t.object))
                                             for t in ox.parse(body, rdf_format)))
        results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        if isinstance(results, ox.QueryBoolean):
            return QueryResult(boolean=bool(results))
        variables = tuple(v.value for v in results.variables)
        return QueryResult(variables=variables, rows=tuple(tuple(canonical(s[v]) for v in variables) for s in results))
    except (SyntaxError, ValueError) as err:
        expected = "RDF" if graph else "SPARQL results as JSON"
        raise UserError(f"{connection.url} answered with {media_type or 'no media type'}, not {expected} ({err}); "
                        "give the store's SPARQL query endpoint (Oxigraph: /query, Virtuoso: /sparql)") from None


Term = TypeVar("Term")


def canonical(term: Term) -> Term:
    """The term, an xsd:boolean in its canonical form: Virtuoso stores true as 1 and answers "1"^^xsd:boolean."""
    if isinstance(term, ox.Literal) and term.datatype == BOOLEAN and term.value in ("1", "0"):
        return ox.Literal("true" if term.value == "1" else "false", datatype=BOOLEAN)  # type: ignore[return-value]
    return term


def query_form(sparql: str) -> str | None:
    """select, construct, describe or ask: the first such keyword as SPARQL tokenizes the text."""
    for match in TOKEN.finditer(sparql):
        if match.lastgroup == "name" and (word := match.group().lower()) in ("select", "construct", "describe", "ask"):
            return word
    return None


def with_prefixes(sparql: str) -> str:
    """The query with PREFIX lines for the predefined prefixes it uses but does not declare."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w.-]*):", sparql, re.I)}
    used = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w<]){p}:", sparql)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + sparql
