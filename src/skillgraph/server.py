"""A read-only SPARQL 1.1 Protocol endpoint over built graphs, safe to leave running.

    GET  /sparql?query=…                      (also at /)
    POST /sparql  Content-Type: application/sparql-query           body: the query
    POST /sparql  Content-Type: application/x-www-form-urlencoded  body: query=…
    GET  /sparql  without a query: the service description (RDF) or the query page (HTML)

The result format follows the Accept header. Queries run in worker processes forked from
the server: each opens the on-disk store read-only (or shares the server's memory, where the
graph was read into memory): a query that overruns its time is killed with its worker and
answered 503, a crash or the memory cap costs one worker, never the server. Before a worker
sees a query, `guard.check_query` refuses deep or huge queries, SERVICE and updates.

Results stream: the worker serializes as the engine produces rows; a result that fits in its
first `Limits.whole_bytes` is sent whole with its Content-Length (and one over the cap within
them is a 503), a larger one goes out in chunks (Transfer-Encoding: chunked) as it is written,
and one that passes the cap after that ends without the final chunk, so the client sees an
incomplete response, never a cut one that looks whole. Connections are served by a bounded
thread pool with socket timeouts, one request each; requests are logged only with --access-log.
"""
from __future__ import annotations

import ctypes
import faulthandler
import json
import ipaddress
import logging
import os
import queue
import re
import resource
import signal
import socket
import stat
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from skillgraph.errors import UserError
from skillgraph.guard import check_query
from skillgraph.resources import PACKAGE
from skillgraph.store import _query_error_message, names_dataset, named_queries, open_read_only
from skillgraph.vocab import PREFIXES

ENDPOINT_PATHS = ("/", "/sparql")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
MAX_DRAIN = 64 << 20  # bytes of a refused body read and dropped so that the client sees the 413
CONTENT_LENGTH = re.compile(r"[0-9]{1,15}")
PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a process gets when its parent ends
log = logging.getLogger("skillgraph.server")
log.addHandler(logging.NullHandler())
log.propagate = False


@dataclass(frozen=True)
class Limits:
    """What one query may cost."""

    timeout: float = 30.0  # seconds from dispatch to the end of the answer
    max_result_bytes: int = 64 << 20  # the serialized result
    whole_bytes: int = 1 << 20  # a result up to this size is sent whole, with its length; a larger one streams
    chunk_bytes: int = 64 << 10  # the size of a streamed chunk
    max_memory_bytes: int | None = 4 << 30  # address space a worker may add to what it inherited
    max_body_bytes: int = 1 << 20  # a query is text, not data


@dataclass(frozen=True)
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 7878
    workers: int = 2  # query processes
    threads: int = 16  # connections served at once; as many more wait, the rest get 503
    socket_timeout: float = 10.0  # seconds a client may take to send its next bytes
    cors: bool = False
    allowed_hosts: tuple[str, ...] = ()  # Host header names accepted besides the bound address
    access_log: Path | None = None
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class Offer:
    media_type: str  # what the response says it is
    accepted: tuple[str, ...]  # media types in Accept that select it
    format: ox.QueryResultsFormat | ox.RdfFormat | None  # None: the HTML page


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
    Offer("application/ld+json", ("application/ld+json",), ox.RdfFormat.JSON_LD),
    Offer("application/rdf+xml", ("application/rdf+xml",), ox.RdfFormat.RDF_XML),
)
PAGE_OFFERS = (Offer("text/html", ("text/html", "application/xhtml+xml"), None), *GRAPH_OFFERS)


@dataclass(frozen=True)
class Response:
    status: HTTPStatus
    content_type: str
    body: bytes
    stream: Iterable[bytes] | None = None  # the body in chunks, after `body`, as a worker writes them


@dataclass(frozen=True)
class Head:
    """From a worker: a result too large to send whole begins; chunks (bytes) follow, then END or an Abort."""

    status: HTTPStatus
    content_type: str


@dataclass(frozen=True)
class Abort:
    """From a worker: a streamed result cannot be finished (over the cap, the engine failed)."""

    reason: str


END = "end"  # from a worker: the streamed result is complete


class StreamAborted(Exception):
    """A streamed response cannot be finished: its body is left incomplete."""


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    accept: str


# --- the server --------------------------------------------------------------------------


def serve(source: ox.Store | Path, options: ServerOptions) -> None:
    """Answer SPARQL queries over `source` until interrupted (Ctrl-C): the folder of an on-disk
    store, which each worker opens read-only, or a store in memory the workers share."""
    if isinstance(source, Path):
        open_read_only(source)  # a store that cannot be opened is said here, not by every worker
        serving = f"the store {source}"
    else:
        serving = f"{len(source)} triples in memory"
    if not is_loopback(options.host):
        print(f"skillgraph: warning: listening on {options.host}, not loopback: every machine that reaches it "
              "can query this endpoint", file=sys.stderr)
    try:
        server = SparqlServer(source, options)
    except OSError as err:
        raise UserError(f"cannot listen on {options.host}:{options.port} ({err.strerror}); "
                        "choose another --port or --host") from None
    print(f"SPARQL endpoint on http://{url_host(options.host)}:{server.server_port}/sparql "
          f"({serving}); Ctrl-C stops it", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def make_server(source: ox.Store | Path, options: ServerOptions = ServerOptions()) -> SparqlServer:
    """A server over a store in memory or the folder of an on-disk store, bound to
    options.host:port (port 0: any free port, see .server_port); not yet serving."""
    return SparqlServer(source, options)


class SparqlServer(HTTPServer):
    request_queue_size = 1024  # listen backlog
    allow_reuse_address = True

    def __init__(self, source: ox.Store | Path, options: ServerOptions):
        family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
        self.address_family = family
        super().__init__((options.host, options.port), SparqlHandler)
        self.options = options
        self.allowed_hosts = allowed_host_names(options.host, options.allowed_hosts)
        self.base_url = f"http://{url_host(options.host)}:{self.server_port}"
        if options.access_log:
            handler = logging.FileHandler(options.access_log, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(message)s"))
            log.addHandler(handler)
            log.setLevel(logging.INFO)
        self.workers = QueryWorkers(source, options.workers, options.limits)  # forked before any thread starts
        self._threads = ThreadPoolExecutor(options.threads, thread_name_prefix="sparql")
        self._slots = threading.BoundedSemaphore(2 * options.threads)

    def process_request(self, request: socket.socket, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            refuse_busy(request)
            self.shutdown_request(request)
            return
        self._threads.submit(self._process, request, client_address)

    def _process(self, request: socket.socket, client_address) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - one broken connection must not end the server
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        log.exception("error serving %s", client_address[0])

    def server_close(self) -> None:
        super().server_close()
        self._threads.shutdown(wait=False, cancel_futures=True)
        self.workers.close()


def refuse_busy(request: socket.socket) -> None:
    """Answer 503 at once, without a handler thread, to a connection over the limit."""
    message = b"the endpoint is busy; retry in a moment\n"
    try:
        request.settimeout(1)
        request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        b"Retry-After: 1\r\nContent-Length: %d\r\n\r\n%s" % (len(message), message))
    except OSError:
        pass


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "skillgraph"
    protocol_version = "HTTP/1.1"  # for chunked results; every response still closes its connection

    def setup(self) -> None:
        self.timeout = self.server.options.socket_timeout
        super().setup()

    def do_GET(self) -> None:
        if self._host_allowed():
            self._send(handle(self.server, "GET", self.path, self.headers, b""))

    def do_POST(self) -> None:
        if not self._host_allowed():
            return
        limit = self.server.options.limits.max_body_bytes
        length = self.headers.get("Content-Length")
        if length is None or "Transfer-Encoding" in self.headers:
            self._send(text(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length header"))
        elif not CONTENT_LENGTH.fullmatch(length.strip()):
            self._send(text(HTTPStatus.BAD_REQUEST, f"malformed Content-Length {length[:40]!r}; "
                                                    "send the body's size in bytes"))
        elif int(length) > limit:
            self._send(text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"the body has {int(length)} bytes; send at most {limit} (a query, not data)"))
            self._drain(int(length))
        else:
            body = self.rfile.read(int(length))
            if len(body) < int(length):
                self._send(text(HTTPStatus.BAD_REQUEST, "the body is shorter than its Content-Length"))
            else:
                self._send(handle(self.server, "POST", self.path, self.headers, body))

    def do_OPTIONS(self) -> None:
        if self._host_allowed():
            self._send(Response(HTTPStatus.NO_CONTENT, "", b""), allow="GET, POST, OPTIONS")

    def _host_allowed(self) -> bool:
        host = self.headers.get("Host")
        if host is None or host_name(host) in self.server.allowed_hosts:
            return True
        self._send(text(HTTPStatus.MISDIRECTED_REQUEST,
                        f"Host {host[:100]!r} is not served here; use {self.server.base_url}/sparql, "
                        "or start the server with --allow-host NAME"))
        return False

    def _drain(self, length: int) -> None:
        """Read and drop a refused body so that closing the socket sends FIN, not RST."""
        deadline = time.monotonic() + self.server.options.socket_timeout
        left = min(length, MAX_DRAIN)
        try:
            while left > 0 and time.monotonic() < deadline:
                chunk = self.rfile.read1(min(left, 1 << 16))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass
        self.close_connection = True

    def _send(self, response: Response, allow: str | None = None) -> None:
        try:
            self._write(response, allow)
        finally:
            if isinstance(response.stream, WorkerStream):
                response.stream.close()  # a stream left early (the client went away) stops its worker

    def _write(self, response: Response, allow: str | None) -> None:
        self.close_connection = True  # one request a connection: an idle client never holds a thread
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        chunked = response.stream is not None and self.request_version != "HTTP/1.0"
        if response.stream is None:
            self.send_header("Content-Length", str(len(response.body)))
        elif chunked:
            self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.send_header("Vary", "Accept")
        if allow:
            self.send_header("Allow", allow)
        if self.server.options.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.end_headers()
        if response.stream is None:
            self.wfile.write(response.body)
            return
        try:
            for chunk in response.stream:
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except StreamAborted:
            pass  # no final chunk: the client sees an incomplete response

    def log_message(self, format: str, *args) -> None:
        if log.isEnabledFor(logging.INFO):
            log.info("%s - [%s] %s", self.client_address[0], self.log_date_time_string(), format % args)


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def allowed_host_names(bound: str, extra: Sequence[str]) -> frozenset[str]:
    """Host header names (no port) the server answers: against DNS rebinding, not its own name."""
    return frozenset({bound.lower(), *LOOPBACK_NAMES, *(name.lower() for name in extra)})


def host_name(host_header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets: [::1]:7878 → ::1."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]")[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


# --- query workers -------------------------------------------------------------------------


@dataclass
class Worker:
    pid: int
    connection: Connection


class QueryWorkers:
    """A fixed set of processes, forked from the server; each opens the on-disk store read-only
    (or shares the server's store in memory) and answers one query at a time."""

    def __init__(self, source: ox.Store | Path, size: int, limits: Limits):
        self.source, self.limits = source, limits
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._running: set[int] = set()  # pids, idle or busy
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._idle.put(self._start())

    def _start(self) -> Worker:
        ours, theirs = Pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                ours.close()
                run_worker(self.source, theirs, self.limits)
            except BaseException:  # noqa: BLE001 - a worker never returns into the server's code
                code = 1
            finally:
                os._exit(code)
        theirs.close()
        with self._lock:
            self._running.add(pid)
        return Worker(pid, ours)

    def answer(self, request: QueryRequest) -> Response:
        """The worker's response (whole, or streamed as it writes it), or 503 when none is free in
        time, the query overruns or kills its worker."""
        timeout = self.limits.timeout
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return text(HTTPStatus.SERVICE_UNAVAILABLE, "every query worker is busy; retry in a moment")
        try:
            worker.connection.send(request)
            message = self._next(worker, deadline)
        except (TimeoutError, EOFError, OSError) as err:
            self._replace(worker)
            return text(HTTPStatus.SERVICE_UNAVAILABLE, self._problem(err))
        if isinstance(message, Head):
            return Response(message.status, message.content_type, b"", WorkerStream(self, worker, deadline))
        self._idle.put(worker)
        return message

    def _next(self, worker: Worker, deadline: float):
        """The worker's next message; TimeoutError past the deadline."""
        if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
            raise TimeoutError
        return worker.connection.recv()

    def _problem(self, err: Exception) -> str:
        if isinstance(err, TimeoutError):
            return (f"the query ran longer than the {self.limits.timeout:g} s limit and was stopped; "
                    "narrow it, or page it with LIMIT and OFFSET")
        return ("the query stopped its worker (it needed more memory than the limit, or crashed the "
                "query engine); narrow it, or page it with LIMIT and OFFSET")

    def release(self, worker: Worker, finished: bool) -> None:
        """A worker back after a streamed result: idle when it finished, else stopped and replaced."""
        if finished:
            self._idle.put(worker)
        else:
            self._replace(worker)

    def _replace(self, worker: Worker) -> None:
        self._stop(worker.pid)
        worker.connection.close()
        if not self._closed:
            self._idle.put(self._start())

    def close(self) -> None:
        """Stop every worker, also those still running a query."""
        self._closed = True
        for pid in list(self._running):
            self._stop(pid)

    def _stop(self, pid: int) -> None:
        with self._lock:
            if pid not in self._running:
                return
            self._running.discard(pid)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


class WorkerStream:
    """The chunks of a streamed result as a worker sends them; StreamAborted when it cannot
    finish. `close()` gives the worker back: idle when the result was complete, else (the
    client went away, the query overran or failed) stopped and replaced."""

    def __init__(self, workers: QueryWorkers, worker: Worker, deadline: float):
        self.workers, self.worker, self.deadline = workers, worker, deadline
        self.finished = False
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        while not self.finished:
            try:
                message = self.workers._next(self.worker, self.deadline)
            except (TimeoutError, EOFError, OSError) as err:
                log.info("a streamed result was cut: %s", self.workers._problem(err))
                raise StreamAborted from None
            if message == END:
                self.finished = True
            elif isinstance(message, Abort):
                self.finished = True  # the worker said so and waits for the next query
                log.info("a streamed result was cut: %s", message.reason)
                raise StreamAborted
            else:
                yield message

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.workers.release(self.worker, self.finished)


def run_worker(source: ox.Store | Path, connection: Connection, limits: Limits) -> None:
    """In a forked worker: answer the queries that come through `connection` until it closes,
    over the store in memory it inherited or the on-disk store it opens read-only."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # and so does its death, however it comes
    faulthandler.disable()  # a crash here is answered 503; nothing is written to the server's stderr
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    close_inherited_sockets(keep=connection.fileno())
    store = source if isinstance(source, ox.Store) else open_read_only(source)
    if limits.max_memory_bytes is not None:
        resource.setrlimit(resource.RLIMIT_AS, (address_space() + limits.max_memory_bytes, resource.RLIM_INFINITY))
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        answer(store, request, limits, connection)


def close_inherited_sockets(keep: int) -> None:
    """Drop the listening socket and other clients' connections a forked worker inherits."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            if fd != keep and stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def address_space() -> int:
    """This process's virtual memory size in bytes (VmSize)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


# --- one query: text → response, in a worker --------------------------------------------


class ResultTooLarge(Exception):
    pass


class ResultSink:
    """The binary sink a worker serializes a result into: it holds the first `whole_bytes`
    (a result that fits is answered whole, with its length), then sends `chunk_bytes` at a
    time to the server as they are written; it refuses to pass `max_result_bytes` in all."""

    def __init__(self, connection: Connection | None, limits: Limits, media_type: str):
        self.connection, self.limits, self.media_type = connection, limits, media_type
        self.buffer = bytearray()
        self.size = 0
        self.started = False  # a Head has been sent: the rest goes out in chunks

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limits.max_result_bytes:
            raise ResultTooLarge
        self.buffer += data
        if len(self.buffer) >= (self.limits.chunk_bytes if self.started else self.limits.whole_bytes):
            self._send_chunk()
        return len(data)

    def flush(self) -> None:
        pass

    def _send_chunk(self) -> None:
        if self.connection is None:
            return  # no server to stream to: hold it all (the cap still holds)
        if not self.started:
            self.connection.send(Head(HTTPStatus.OK, self.media_type))
            self.started = True
        self.connection.send(bytes(self.buffer))
        self.buffer.clear()

    def finish(self) -> Response | None:
        """The whole response, or None when the rest was sent as the stream's last chunk and its end."""
        if not self.started:
            return Response(HTTPStatus.OK, self.media_type, bytes(self.buffer))
        assert self.connection is not None
        if self.buffer:
            self.connection.send(bytes(self.buffer))
        self.connection.send(END)
        return None

    def fail(self, response: Response) -> Response | None:
        """`response` in place of the result, or None when the stream had begun (then it is aborted)."""
        if not self.started:
            return response
        assert self.connection is not None
        self.connection.send(Abort(response.body.decode("utf-8")))
        return None


def answer(store: ox.Store, request: QueryRequest, limits: Limits, connection: Connection) -> None:
    """Answer one query through `connection`: a Response, or a Head, chunks and END (or an Abort)."""
    response = run(store, request, limits, connection)
    if response is not None:
        connection.send(response)


def run(store: ox.Store, request: QueryRequest, limits: Limits, connection: Connection | None = None) -> Response | None:
    """Check, run and serialize one query, in the format Accept prefers, within the result cap.
    A result larger than `limits.whole_bytes` is streamed through `connection` (then None)."""
    try:
        check_query(request.query)
        result = store.query(
            request.query,
            prefixes=PREFIXES,
            use_default_graph_as_union=not request.default_graphs and not names_dataset(request.query),
            default_graph=[ox.NamedNode(g) for g in request.default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in request.named_graphs] or None,
        )
    except UserError as err:
        return text(HTTPStatus.BAD_REQUEST, str(err))
    except SyntaxError as err:
        return text(HTTPStatus.BAD_REQUEST, _query_error_message(request.query, err.msg))
    except ValueError as err:
        return text(HTTPStatus.BAD_REQUEST, f"the query cannot run: {err}")
    offers = GRAPH_OFFERS if isinstance(result, ox.QueryTriples) else SOLUTION_OFFERS
    offer = negotiate(request.accept, offers)
    if offer is None:
        supported = ", ".join(o.media_type for o in offers)
        return text(HTTPStatus.NOT_ACCEPTABLE,
                    f"cannot answer with {request.accept}; this result is available as {supported}")
    sink = ResultSink(connection, limits, f"{offer.media_type}; charset=utf-8")
    try:
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, sink, offer.format, prefixes=VOCABULARY_PREFIXES)
        else:
            result.serialize(sink, offer.format)
    except ResultTooLarge:
        return sink.fail(text(HTTPStatus.SERVICE_UNAVAILABLE, f"the result is larger than {limits.max_result_bytes} "
                                                              "bytes; page it with LIMIT and OFFSET"))
    except (OSError, ValueError) as err:
        return sink.fail(text(HTTPStatus.BAD_REQUEST, f"the query failed: {err}"))
    except MemoryError:
        return sink.fail(text(HTTPStatus.SERVICE_UNAVAILABLE, "the query needed more memory than the limit; narrow it"))
    return sink.finish()


VOCABULARY_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "id"}  # instance IRIs stay whole


# --- request → response, without sockets -----------------------------------------------


def handle(server: SparqlServer, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Response:
    """Route a GET or POST request as the SPARQL 1.1 Protocol's query operation says."""
    url = urlsplit(target)
    if url.path == "/view":
        return view_page(server, method, url.query)
    if url.path not in ENDPOINT_PATHS:
        return text(HTTPStatus.NOT_FOUND, f"nothing at {url.path[:200]}; the endpoint is /sparql")
    try:
        params = parse_qs(url.query, keep_blank_values=True, encoding="utf-8", errors="strict")
        if method == "POST":
            content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type == "application/sparql-query":
                params["query"] = [body.decode("utf-8")]
            elif content_type == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-update":
                return refuse_update()
            else:
                return text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            "POST the query as application/sparql-query or application/x-www-form-urlencoded")
    except UnicodeDecodeError:
        return text(HTTPStatus.BAD_REQUEST, "the query is not UTF-8 text; encode it as UTF-8 "
                                            "(and percent-encode it in a URL or form)")
    if "update" in params:
        return refuse_update()
    if "query" not in params:
        if method == "GET":
            return describe(server, headers.get("Accept", ""))
        return text(HTTPStatus.BAD_REQUEST, "the request has no query")
    if len(params["query"]) != 1:
        return text(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
    request = QueryRequest(params["query"][0], tuple(params.get("default-graph-uri", [])),
                           tuple(params.get("named-graph-uri", [])), headers.get("Accept", ""))
    return server.workers.answer(request)


def describe(server: SparqlServer, accept: str) -> Response:
    """The query page for browsers, the SPARQL 1.1 service description for RDF clients."""
    offer = negotiate(accept, PAGE_OFFERS)
    if offer is None or offer.format is None:
        return Response(HTTPStatus.OK, "text/html; charset=utf-8", query_page().encode("utf-8"))
    turtle = (PACKAGE / "templates" / "service.ttl").read_text(encoding="utf-8").replace("{endpoint}", server.base_url + "/sparql")
    data = ox.serialize(ox.parse(turtle, ox.RdfFormat.TURTLE), format=offer.format)
    return Response(HTTPStatus.OK, f"{offer.media_type}; charset=utf-8", data)


VIEW_MAX_TRIPLES = 30_000  # a larger graph is refused: the page is drawn in the server process
DRAWING = threading.BoundedSemaphore(1)  # one page drawn at a time; the others wait up to the timeout


def view_page(server: SparqlServer, method: str, url_query: str) -> Response:
    """GET /view?query=CONSTRUCT…: the network view of the query's graph, the page `skillgraph
    view --query` writes. The query runs as /sparql runs it (checked, in a worker, within the
    time and result limits); the page is drawn from its N-Triples, one page at a time."""
    if method != "GET":
        return text(HTTPStatus.METHOD_NOT_ALLOWED, "GET /view?query=CONSTRUCT…; the view is a page, not an operation")
    try:
        params = parse_qs(url_query, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return text(HTTPStatus.BAD_REQUEST, "the query is not UTF-8 text; percent-encode it as UTF-8")
    if len(params.get("query", [])) != 1:
        return text(HTTPStatus.BAD_REQUEST, "give exactly one query parameter: /view?query=CONSTRUCT…")
    sparql = params["query"][0]
    from skillgraph.guard import shape

    try:
        check_query(sparql)
    except UserError as err:
        return text(HTTPStatus.BAD_REQUEST, str(err))
    form = next((w for w in shape(sparql).bare_words if w in ("select", "construct", "describe", "ask")), None)
    if form not in ("construct", "describe"):
        return text(HTTPStatus.BAD_REQUEST, f"the view draws a graph: give a CONSTRUCT or DESCRIBE query, not "
                                            f"{(form or 'no query form').upper()} (run that at /sparql)")
    answer = server.workers.answer(QueryRequest(sparql, (), (), "application/n-triples"))
    if answer.status != HTTPStatus.OK:
        return answer
    triples = list(ox.parse(answer.body, ox.RdfFormat.N_TRIPLES))
    if len(triples) > VIEW_MAX_TRIPLES:
        return text(HTTPStatus.SERVICE_UNAVAILABLE, f"the graph has {len(triples)} triples; the view draws at most "
                                                    f"{VIEW_MAX_TRIPLES}: narrow the CONSTRUCT")
    if not DRAWING.acquire(timeout=server.options.limits.timeout):
        return text(HTTPStatus.SERVICE_UNAVAILABLE, "another page is being drawn; retry in a moment")
    try:
        from skillgraph import store, view  # the view's libraries load with the first page

        page = view.render(view.network(store.to_rdflib(triples)))
    except UserError as err:
        return text(HTTPStatus.BAD_REQUEST, str(err))
    finally:
        DRAWING.release()
    return Response(HTTPStatus.OK, "text/html; charset=utf-8", page.encode("utf-8"))


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


def query_page() -> str:
    """The page at / : an editor prefilled with the named queries, results as a table."""
    queries = {q.name: {"description": q.description, "text": q.text} for q in named_queries().values()}
    template = (PACKAGE / "templates" / "query.html").read_text(encoding="utf-8")
    return template.replace("{named}", script_json(queries)).replace("{prefixes}", script_json(PREFIXES))


def script_json(value) -> str:
    """JSON that cannot end the <script> element it is written into."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
