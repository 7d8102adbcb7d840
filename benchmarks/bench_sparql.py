"""SPARQL speed at scale: a synthetic graph of about 2,000,000 triples made of copies of the
built seed graph (each copy's documents renamed, the agencies, platform kinds and policy
documents they share kept shared, so hubs grow as in a real corpus). It measures

  - the p50 of each named query in process (pyoxigraph), from the CLI and over HTTP from
    `skillgraph serve`, and over HTTP from `oxigraph serve` on the same data, as a ratio;
  - 8 clients × 100 queries over HTTP (those with a p50 under 1 s): requests per second, p50, p95.

    .venv/bin/python benchmarks/bench_sparql.py [--triples 2000000] [--runs 5] [--work DIR]

Needs the `oxigraph` server (pip install oxigraph, part of the test extra).
"""
from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from skillgraph.remote import with_prefixes  # noqa: E402
from skillgraph.store import PREFIXES, load, named_queries  # noqa: E402

SEED = ROOT / "output" / "skillgraph.ttl"
BIN = Path(sys.executable).parent
DOC = re.compile(r"(https://w3id\.org/skillgraph/id/doc/[^/>]+)")


def synthetic_graph(target: int, out: Path) -> int:
    """Write about `target` triples to `out` (N-Triples): copies of the seed graph; the triple count."""
    seed = [q.triple for q in load([SEED])]
    lines = [str(t) + " .\n" for t in seed]
    per_document = [line for line in lines if DOC.search(line)]
    shared = [line for line in lines if not DOC.search(line)]
    copies = max(1, (target - len(shared)) // max(1, len(per_document)))
    with out.open("w", encoding="utf-8") as fh:
        fh.writelines(shared)
        for copy in range(copies):
            fh.write(DOC.sub(rf"\1_{copy}", "".join(per_document)))
    return len(shared) + copies * len(per_document)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped: {url}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url}")


def http_query(url: str, sparql: str, accept: str = "application/sparql-results+json") -> float:
    data = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": accept,
                                     "Content-Type": "application/x-www-form-urlencoded"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()
    return time.perf_counter() - start


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def clients(url: str, queries: list[str], n_clients: int = 8, each: int = 100) -> tuple[float, float, float]:
    """Requests per second, p50 and p95 latency of n_clients × each queries."""
    def one(index: int) -> list[float]:
        return [http_query(url, queries[(index + i) % len(queries)]) for i in range(each)]

    start = time.perf_counter()
    with ThreadPoolExecutor(n_clients) as pool:
        times = sorted(t for ts in pool.map(one, range(n_clients)) for t in ts)
    wall = time.perf_counter() - start
    return len(times) / wall, p50(times), times[int(0.95 * len(times))]


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--triples", type=int, default=2_000_000)
    args.add_argument("--runs", type=int, default=5)
    args.add_argument("--work", type=Path, default=Path("/tmp/skillgraph-bench"))
    args.add_argument("--skip-cli", action="store_true", help="leave out the CLI timings (each run reloads the graph)")
    args.add_argument("--only", nargs="+", metavar="NAME", help="only these named queries")
    options = args.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    graph = options.work / f"synthetic-{options.triples}.nt"
    start = time.perf_counter()
    if not graph.exists():  # made once per size
        synthetic_graph(options.triples, graph)
    triples = sum(1 for _ in graph.open(encoding="utf-8"))
    print(f"synthetic graph: {triples} triples, {graph.stat().st_size >> 20} MiB, {time.perf_counter() - start:.1f} s")
    queries = {name: q.text for name, q in named_queries().items() if not options.only or name in options.only}
    simple = "SELECT (COUNT(*) AS ?n) WHERE { ?s a sg:Agency }"
    queries_with_simple = {"simple count": simple, **queries}

    ours_port, theirs_port = free_port(), free_port()
    ours = subprocess.Popen([str(BIN / "skillgraph"), "serve", "--graph", str(graph), "--port", str(ours_port),
                             "--workers", "2", "--timeout", "600", "--max-result-mb", "1024"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store_dir = options.work / f"oxigraph-{options.triples}"
    if not store_dir.exists():
        subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(store_dir), "--file", str(graph)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    theirs = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(store_dir),
                               "--bind", f"127.0.0.1:{theirs_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ours_url, theirs_url = f"http://127.0.0.1:{ours_port}/sparql", f"http://127.0.0.1:{theirs_port}/query"
    try:
        wait_for(ours_url + "?query=ASK%7B%7D", ours)
        wait_for(theirs_url + "?query=ASK%7B%7D", theirs)
        store = load([graph])
        print(f"\n{'query':20} {'in process':>11} {'CLI':>9} {'HTTP':>9} {'oxigraph':>9} {'ratio':>6}")
        fast = []
        for name, text in queries_with_simple.items():
            local = []
            for _ in range(options.runs):
                start = time.perf_counter()
                list(store.query(text, prefixes=PREFIXES))
                local.append(time.perf_counter() - start)
            cli = []
            if not options.skip_cli and name != "simple count":
                start = time.perf_counter()
                subprocess.run([str(BIN / "skillgraph"), "query", "--name", name, "--graph", str(graph), "--format",
                                "csv"], check=True, stdout=subprocess.DEVNULL)
                cli.append(time.perf_counter() - start)
            http = [http_query(ours_url, text) for _ in range(options.runs)]
            other = [http_query(theirs_url, with_prefixes(text)) for _ in range(options.runs)]
            if p50(http) < 1:
                fast.append(text)
            print(f"{name:20} {p50(local) * 1000:9.1f}ms {p50(cli) if cli else float('nan'):8.2f}s "
                  f"{p50(http) * 1000:7.1f}ms {p50(other) * 1000:7.1f}ms {p50(http) / p50(other):6.2f}")
        for label, url, texts in (("skillgraph serve", ours_url, fast),
                                  ("oxigraph serve", theirs_url, [with_prefixes(t) for t in fast])):
            rate, median, p95 = clients(url, texts)
            print(f"8 clients × 100 of the queries under 1 s, {label}: {rate:.1f} requests/s, p50 {median * 1000:.1f} ms, "
                  f"p95 {p95 * 1000:.1f} ms")
    finally:
        for process in (ours, theirs):
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
