"""How the network view scales: page size, time to build it in Python, and time to
interactive in headless Chromium, for synthetic graphs of 100 / 1,000 / 5,000 nodes.

    .venv/bin/python benchmarks/bench_view.py [--nodes 100 1000 5000] [--repeat 3]

The synthetic graph follows docs/rdf-model.md: replies with about fifty entities each
(agencies, people, platform types, measures, concepts, statistics, …), every entity linked
to its reply, one relation within its document each, and one entity in five shared with
another document; so about two edges per node. Time to interactive is the page's own
mark: milliseconds from navigation start to vis-network's first complete drawing, with all
scripts run. A benchmark, not a test: it needs Chromium and the test extra.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from skillgraph import view
from skillgraph.netgraph import to_networkx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_browser import READY, Chromium  # noqa: E402

SG = Namespace("https://w3id.org/skillgraph/ontology#")
ID = "https://w3id.org/skillgraph/id/"
PROV = Namespace("http://www.w3.org/ns/prov#")
PER_DOCUMENT = 50
KINDS = [("Agency", SG.issuedBy), ("Person", SG.signedBy), ("PlatformType", SG.includes),
         ("Measure", SG.hasMeasure), ("Concept", SG.partOf), ("Organization", SG.awardedTo),
         ("PolicyDocument", SG.coIssuedWith), ("Statistic", SG.counts), ("Place", SG.addressedTo)]


def synthetic(nodes: int, seed: int = 1) -> Graph:
    """A graph of about `nodes` entities shaped like the pipeline's output."""
    rng = random.Random(seed)
    g = Graph()
    shared: list[URIRef] = []
    for d in range((nodes + PER_DOCUMENT - 1) // PER_DOCUMENT):
        doc = URIRef(f"{ID}doc/d{d:05d}")
        g.add((doc, RDF.type, SG.Reply))
        g.add((doc, RDFS.label, Literal(f"某人社函〔2025〕{d}号", lang="zh")))
        g.add((doc, SG.date, Literal(f"2025-{1 + d % 12:02d}-15")))
        entities = [doc]
        for e in range(min(PER_DOCUMENT, nodes - d * PER_DOCUMENT) - 1):
            cls, _ = rng.choice(KINDS)
            entity = URIRef(f"{doc}/{cls.lower()}/{e}")
            sentence = URIRef(f"{doc}/sentence/{e * 100}-{e * 100 + 60}")
            mention = URIRef(f"{doc}/mention/{e * 100 + 5}-{e * 100 + 9}")
            g.add((entity, RDF.type, SG[cls]))
            g.add((entity, RDFS.label, Literal(f"{cls}实体第{d}号文件第{e}个", lang="zh")))
            g.add((entity, PROV.wasDerivedFrom, doc))
            g.add((entity, SG.mention, mention))
            g.add((mention, RDF.type, SG.Mention))
            g.add((mention, SG.sentence, sentence))
            g.add((sentence, RDF.type, SG.Sentence))
            g.add((sentence, SG.beginIndex, Literal(e * 100)))
            g.add((sentence, SG.anchorOf, Literal(f"这是第{d}号文件中关于实体{e}的一句话,用于检验提示框。")))
            if cls == "Statistic":
                g.add((entity, SG.value, Literal(rng.randint(1, 20000))))
                g.add((entity, SG.unit, Literal("人次")))
            entities.append(entity)
        for entity in entities[1:]:
            g.add((entity, dict(KINDS)[str(g.value(entity, RDF.type)).rsplit("#", 1)[1]], rng.choice(entities)))
            if shared and rng.random() < 0.2:
                g.add((rng.choice(shared), PROV.wasDerivedFrom, doc))
        shared += entities[1:4]
    return g


REDRAW = """new Promise((done) => {
    const start = performance.now();
    skillgraph.network.once("afterDrawing", () => done(performance.now() - start));
    skillgraph.network.redraw();
})"""


def measure(nodes: int, browser: Chromium, folder: Path, repeat: int) -> dict:
    """Page size and Python build time; time to interactive (first load, median of all) and
    one full redraw (median)."""
    graph = synthetic(nodes)
    g = to_networkx(graph)
    start = time.perf_counter()
    net = view.network(graph)
    html = view.render(net)
    build = time.perf_counter() - start
    path = folder / f"view-{nodes}.html"
    path.write_text(html, encoding="utf-8")
    interactive, redraw = [], []
    for _ in range(repeat):
        browser.open(path.as_uri(), READY, timeout=300)
        drawn = browser.evaluate("skillgraph.drawn()")
        assert drawn == {"nodes": len(g), "edges": g.number_of_edges()}, drawn
        interactive.append(int(browser.evaluate(READY)) / 1000)
        redraw.append(browser.evaluate(REDRAW))
    return {"nodes": len(g), "edges": g.number_of_edges(), "size_mb": len(html.encode("utf-8")) / 1e6,
            "build_s": build, "first_s": interactive[0], "interactive_s": median(interactive),
            "redraw_ms": median(redraw)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (medians are shown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        browser = Chromium(Path(tmp) / "profile", width=1400, height=900)
        try:
            rows = [measure(n, browser, Path(tmp), args.repeat) for n in args.nodes]
        finally:
            browser.close()
    print(f"{'nodes':>6} {'edges':>6} {'page MB':>8} {'build s':>8} {'interactive s: first':>21} "
          f"{'median':>7} {'redraw ms':>10}")
    for r in rows:
        print(f"{r['nodes']:>6} {r['edges']:>6} {r['size_mb']:>8.2f} {r['build_s']:>8.2f} {r['first_s']:>21.2f} "
              f"{r['interactive_s']:>7.2f} {r['redraw_ms']:>10.0f}")


if __name__ == "__main__":
    main()
