"""A read-only SPARQL 1.1 Protocol endpoint over built graphs (HTTP from the standard library).

    GET  /sparql?query=…                      (also at /)
    POST /sparql  Content-Type: application/sparql-query           body: the query
    POST /sparql  Content-Type: application/x-www-form-urlencoded  body: query=…

The result format follows the Accept header; updates are refused.
"""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pyoxigraph as ox

from skillgraph.errors import UserError
from skillgraph.store import load, named_queries, run_query, serialize

ENDPOINT_PATHS = ("/", "/sparql")
MAX_BODY = 1 << 20  # bytes; a query is text, not data


@dataclass(frozen=True)
class Offer:
    media_type: str  # what the response says it is
    accepted: tuple[str, ...]  # media types in Accept that select it
    format: ox.QueryResultsFormat | ox.RdfFormat


SOLUTION_OFFERS = (
    Offer("application/sparql-results+json", ("application/sparql-results+json", "application/json"),
          ox.QueryResultsFormat.JSON),
    Offer("application/sparql-results+xml", ("application/sparql-results+xml", "application/xml", "text/xml"),
          ox.QueryResultsFormat.XML),
    Offer("text/csv", ("text/csv",), ox.QueryResultsFormat.CSV),
    Offer("text/tab-separated-values", ("text/tab-separated-values",), ox.QueryResultsFormat.TSV),
)
GRAPH_OFFERS = (
    Offer("text/turtle", ("text/turtle", "application/x-turtle", "application/turtle"), ox.RdfFormat.TURTLE),
    Offer("application/n-triples", ("application/n-triples", "text/plain"), ox.RdfFormat.N_TRIPLES),
    Offer("application/rdf+xml", ("application/rdf+xml",), ox.RdfFormat.RDF_XML),
)


@dataclass(frozen=True)
class Response:
    status: HTTPStatus
    content_type: str
    body: bytes


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, store: ox.Store, address: tuple[str, int]):
        super().__init__(address, SparqlHandler)
        self.store = store


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 8000) -> SparqlServer:
    """A server bound to host:port (port 0: any free port, see .server_port); not yet serving."""
    return SparqlServer(store, (host, port))


def serve(paths: Sequence[Path], host: str = "127.0.0.1", port: int = 8000) -> None:
    """Load the graphs and answer SPARQL queries until interrupted (Ctrl-C)."""
    store = load(paths)
    try:
        server = make_server(store, host, port)
    except OSError as err:
        raise UserError(f"cannot listen on {host}:{port} ({err.strerror}); choose another --port") from None
    print(f"SPARQL endpoint on http://{host}:{server.server_port}/sparql ({len(store)} triples); Ctrl-C stops it")
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer

    def do_GET(self) -> None:
        self._send(handle(self.server.store, "GET", self.path, self.headers, b""))

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            self._send(text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"send a Content-Length of at most {MAX_BODY} bytes"))
            return
        self._send(handle(self.server.store, "POST", self.path, self.headers, self.rfile.read(int(length))))

    def do_OPTIONS(self) -> None:
        """CORS preflight."""
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        self.wfile.write(response.body)


# --- request → response, without sockets -----------------------------------------------


def handle(store: ox.Store, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Response:
    """Route a GET or POST request as the SPARQL 1.1 Protocol's query operation says."""
    url = urlsplit(target)
    if url.path not in ENDPOINT_PATHS:
        return text(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; the endpoint is /sparql")
    params = parse_qs(url.query, keep_blank_values=True)
    if method == "POST":
        content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type == "application/sparql-query":
            params["query"] = [body.decode("utf-8", errors="replace")]
        elif content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif content_type == "application/sparql-update":
            return refuse_update()
        else:
            return text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "POST the query as application/sparql-query or application/x-www-form-urlencoded")
    if "update" in params:
        return refuse_update()
    if "query" not in params:
        if method == "GET":
            return Response(HTTPStatus.OK, "text/html; charset=utf-8", usage_page().encode("utf-8"))
        return text(HTTPStatus.BAD_REQUEST, "the request has no query")
    return answer(store, params, headers.get("Accept", ""))


def answer(store: ox.Store, params: dict[str, list[str]], accept: str) -> Response:
    """Run the one `query` in params and write its result in the best format Accept allows."""
    queries = params.get("query", [])
    if len(queries) != 1:
        return text(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
    try:
        result = run_query(store, queries[0], default_graphs=params.get("default-graph-uri", []),
                           named_graphs=params.get("named-graph-uri", []))
    except UserError as err:
        return text(HTTPStatus.BAD_REQUEST, str(err))
    offers = GRAPH_OFFERS if result.kind == "graph" else SOLUTION_OFFERS
    offer = negotiate(accept, offers)
    if offer is None:
        supported = ", ".join(o.media_type for o in offers)
        return text(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer with {accept}; this result is available as {supported}")
    return Response(HTTPStatus.OK, f"{offer.media_type}; charset=utf-8", serialize(result, offer.format))


def negotiate(accept: str, offers: Sequence[Offer]) -> Offer | None:
    """The offer with the highest quality in Accept; ties go to the first offer (RFC 9110)."""
    ranges = parse_accept(accept) or [("*/*", 1.0)]
    best, best_q = None, 0.0
    for offer in offers:
        q = quality(offer, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


def parse_accept(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def quality(offer: Offer, ranges: Sequence[tuple[str, float]]) -> float:
    """The q of the most specific range naming the offer: its types, then type/*, then */*."""
    kind = offer.media_type.split("/")[0]
    for patterns in (offer.accepted, (f"{kind}/*",), ("*/*",)):
        matches = [q for media, q in ranges if media in patterns]
        if matches:
            return max(matches)
    return 0.0


def refuse_update() -> Response:
    return text(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only: SPARQL Update is not supported")


def text(status: HTTPStatus, message: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def usage_page() -> str:
    examples = "".join(
        f'<li><a href="/sparql?query={html.escape(quote(q.text, safe=""))}">{html.escape(q.name)}</a>: '
        f"{html.escape(q.description)}</li>"
        for q in named_queries().values()
    )
    return USAGE_PAGE.format(examples=examples)


USAGE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>skillgraph SPARQL endpoint</title></head>
<body>
<h1>skillgraph SPARQL endpoint</h1>
<p>A read-only <a href="https://www.w3.org/TR/sparql11-protocol/">SPARQL 1.1 Protocol</a>
endpoint at <code>/sparql</code>. Send a query as</p>
<ul>
<li><code>GET /sparql?query=…</code> (URL-encoded),</li>
<li><code>POST /sparql</code> with <code>Content-Type: application/sparql-query</code> and the query as body, or</li>
<li><code>POST /sparql</code> with a form field <code>query=…</code>.</li>
</ul>
<p>Choose the result format with <code>Accept</code>: for SELECT and ASK
<code>application/sparql-results+json</code> (default), <code>application/sparql-results+xml</code>,
<code>text/csv</code>, <code>text/tab-separated-values</code>; for CONSTRUCT and DESCRIBE
<code>text/turtle</code> (default), <code>application/n-triples</code>, <code>application/rdf+xml</code>.
The prefixes sg:, id:, rdf:, rdfs:, skos:, prov: and xsd: are predefined.</p>
<pre>curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT ?agency WHERE {{ ?a a sg:Agency ; rdfs:label ?agency }}' http://HOST:PORT/sparql</pre>
<form action="/sparql" method="get">
<textarea name="query" rows="6" cols="80">SELECT ?class (COUNT(?s) AS ?n) WHERE {{ ?s a ?class }} GROUP BY ?class ORDER BY DESC(?n)</textarea><br>
<button type="submit">Run</button>
</form>
<h2>Named queries</h2>
<ul>{examples}</ul>
</body></html>
"""
