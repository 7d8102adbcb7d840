"""How the network view scales, on graphs built from real documents: page size, Python time
and peak memory to write the page, time to first paint and to interactive in headless
Chromium, at about 100 / 1,000 / 5,000 / 20,000 nodes.

    .venv/bin/python benchmarks/bench_view.py [--nodes 100 1000 5000 20000] [--repeat 3] [--keep DIR]

The graphs are built by the pipeline from a synthetic corpus: copies of the documents in
data/documents with their places swapped for other Chinese divisions (so their agencies
differ: 宝鸡市人力资源和社会保障局) and their counted figures varied, national agencies
and platform kinds shared as in real corpora (hubs included). A graph of N nodes is the
first documents of that corpus that reach N nodes. Above 1,000 nodes the page opens on its
aggregated overview. The page is written from the graph's store, as `skillgraph view` does
(python s, peak MB: that step, in this process). First paint: seconds from navigation to
vis-network's first drawing (the page's `readyMs`); interactive: to the first task run after
it (the page's `interactiveMs`: the main thread is free to answer input); then where the
first paint's time goes (the page's `skillgraph.phases`). A benchmark, not a test: it
needs Chromium and the test extra.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from itertools import pairwise
from statistics import median

import pyoxigraph as ox

import skillgraph
from skillgraph import store, view
from skillgraph.extractors.gazetteer import gazetteer, short_name
from skillgraph.netgraph import scan

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "data" / "documents"
sys.path.insert(0, str(ROOT / "tests"))
from test_browser import READY, Chromium  # noqa: E402

COUNTED = re.compile(r"(\d+)(?=[个家人名次项所元万亿%])")  # a figure: digits before a measure word
SERIAL = re.compile(r"(〔\d{4}〕|第)(\d+)(?=号)")  # a document's or proposal's number
NODES_PER_DOCUMENT = 17  # about, in the built graph of this corpus


def varied(text: str, divisions: list[str], rng: random.Random) -> str:
    """The text with every division it names swapped for another of the same kind
    (市 for 市, 县 for 县; short forms alike), each counted figure scaled, and other
    document and proposal numbers."""
    found = sorted({d for d in gazetteer() if len(d) > 2 and d in text}, key=len, reverse=True)
    swaps = {}
    for name in found:
        other = rng.choice([d for d in divisions if d[-1] == name[-1]] or divisions)
        swaps[name] = other
        if len(short_name(name)) >= 2:
            swaps.setdefault(short_name(name), short_name(other))
    if swaps:
        text = re.sub("|".join(map(re.escape, sorted(swaps, key=len, reverse=True))), lambda m: swaps[m.group()], text)
    text = SERIAL.sub(lambda m: m.group(1) + str(rng.randint(1, 999)), text)
    return COUNTED.sub(lambda m: str(max(1, round(int(m.group(1)) * rng.uniform(0.5, 3)))), text)


def synthetic_corpus(documents: int, folder: Path, seed: int = 1) -> list[Path]:
    """`documents` files in `folder`: the real documents in turn, each copy varied."""
    sources = sorted(DOCUMENTS.glob("*.txt"))
    divisions = sorted(d for d in gazetteer() if len(d) > 2 and d[-1] in "市县区")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(documents):
        source = sources[k % len(sources)]
        path = folder / f"{k:05d}_{source.stem}.txt"
        path.write_text(varied(source.read_text(encoding="utf-8"), divisions, random.Random(seed * 100003 + k)),
                        encoding="utf-8")
        paths.append(path)
    return paths


def graph_of(nodes: int, folder: Path, keep: Path | None = None) -> tuple[ox.Store, int]:
    """The graph (a store, as `skillgraph view` reads it) of the first documents of the corpus
    that reach `nodes` nodes; kept as N-Triples in `keep`, if given, for the next run."""
    kept = keep / f"graph-{nodes}.nt" if keep else None
    if kept and kept.exists():
        documents = int(kept.with_suffix(".documents").read_text())
        return store.load([kept]), documents
    count = max(1, round(nodes / NODES_PER_DOCUMENT))
    while True:
        graph = store.from_rdflib(skillgraph.build(synthetic_corpus(count, folder / f"corpus-{count}")))
        if len(scan(graph, evidence=False)) >= nodes or count > 10 * nodes:
            break
        count += max(1, count // 10)
    if kept:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(ox.serialize(graph, format=ox.RdfFormat.N_QUADS) or b"")
        kept.with_suffix(".documents").write_text(str(count))
    return graph, count


TIMES = """new Promise((done) => {
    const wait = () => document.body.dataset.interactiveMs ? done([Number(document.body.dataset.readyMs),
        Number(document.body.dataset.interactiveMs)]) : setTimeout(wait, 10);
    wait();
})"""


PHASES = ("script", "parsed", "datasets", "network", "setup", "drawn")


def measure(nodes: int, browser: Chromium, folder: Path, repeat: int, keep: Path | None) -> dict:
    graph, documents = graph_of(nodes, folder, keep)
    found = scan(graph, evidence=False)
    path = folder / f"view-{nodes}.html"
    start = time.perf_counter()
    view.write_html(graph, path)
    python = time.perf_counter() - start
    tracemalloc.start()
    view.write_html(graph, path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    first, interactive, phases = [], [], []
    for _ in range(repeat):
        browser.call("Page.navigate", url="about:blank")
        browser.open(path.as_uri(), READY, timeout=300)
        ready, idle = browser.evaluate(TIMES)
        first.append(ready / 1000)
        interactive.append(idle / 1000)
        phases.append(browser.evaluate("skillgraph.phases"))
    middle = phases[sorted(range(repeat), key=first.__getitem__)[repeat // 2]]
    return {"documents": documents, "nodes": len(found), "edges": len(found.edges), "triples": len(graph),
            "mode": "overview" if len(found) > view.OVERVIEW_ABOVE else "full",
            "drawn": browser.evaluate("skillgraph.drawn().nodes"), "size_mb": path.stat().st_size / 1e6,
            "python_s": python, "peak_mb": peak / 1e6, "first_s": median(first), "interactive_s": median(interactive),
            "phases": middle}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100, 1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (medians are shown)")
    parser.add_argument("--keep", type=Path, help="keep the built graphs here (N-Quads) and reuse them next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        browser = Chromium(Path(tmp) / "profile", width=1400, height=900)
        try:
            rows = [measure(n, browser, Path(tmp), args.repeat, args.keep) for n in args.nodes]
        finally:
            browser.close()
    print(f"{'docs':>5} {'nodes':>6} {'edges':>6} {'triples':>8} {'page':>8} {'drawn':>6} {'page MB':>8} {'python s':>9} "
          f"{'peak MB':>8} {'first paint s':>14} {'interactive s':>14}")
    for r in rows:
        print(f"{r['documents']:>5} {r['nodes']:>6} {r['edges']:>6} {r['triples']:>8} {r['mode']:>8} {r['drawn']:>6} "
              f"{r['size_mb']:>8.2f} {r['python_s']:>9.2f} {r['peak_mb']:>8.0f} {r['first_s']:>14.2f} "
              f"{r['interactive_s']:>14.2f}")
    print("\nwhere the first paint goes (ms, the median load): to the page's script (HTML, vis-network), "
          "reading the data, the DataSets, vis.Network, the rest of the set-up, the first drawing (of it: labels)")
    for r in rows:
        p = r["phases"]
        steps = [p["script"]] + [p[b] - p[a] for a, b in pairwise(PHASES)]
        print(f"{r['nodes']:>6}  " + "  ".join(f"{name} {ms:.0f}" for name, ms in zip(PHASES, steps))
              + f"  (labels {p.get('labels', 0):.0f})")


if __name__ == "__main__":
    main()
