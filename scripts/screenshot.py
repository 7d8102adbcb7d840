"""Make the screenshots in docs/, as a user sees the pages in headless Chromium:

    docs/screenshot.png  the first view of output/skillgraph.html (the documents in data/)
    docs/focus.png       the same page opened at #node=… on an agency: its details, relations
                         and source sentences with the mention marked
    docs/document.png    `skillgraph view --document 000_425f8ebd1574510b`: one reply as a reading aid
    docs/overview.png    the first view of a 1,000-document synthetic corpus: the aggregated overview
    docs/expanded.png    the same after a click on its largest document: the document expanded

    .venv/bin/python scripts/screenshot.py [--graph output/skillgraph.ttl] [--corpus BUILT.ttl] [--out docs]

The corpus is made and built in a temporary folder (benchmarks/bench_view.py's copies of
data/documents with other places and figures; a few minutes) unless --corpus gives its
built graph (Turtle, N-Triples or N-Quads). Needs Chromium and the test extra.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import skillgraph
from skillgraph import store, view

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_view import synthetic_corpus  # noqa: E402
from test_browser import READY, Chromium, node_point  # noqa: E402

DOCUMENT = "000_425f8ebd1574510b"
FOCUS = "id:agency/咸阳市人力资源和社会保障局"


def shoot(browser: Chromium, url: str, out: Path, then=None) -> None:
    browser.call("Page.navigate", url="about:blank")
    browser.open(url, READY, timeout=300)
    if then:
        then(browser)
    time.sleep(0.3)
    out.write_bytes(browser.screenshot())
    print(f"wrote {out}")


def expand_largest_document(browser: Chromium) -> None:
    iri = browser.evaluate("""skillgraph.data.overview.nodes.filter((o) => skillgraph.data.nodes[o.id].group === "Reply")
        .sort((a, b) => b.facts - a.facts)[0].id""")
    browser.click(*node_point(browser, browser.evaluate(f"skillgraph.data.nodes[{iri}].info.iri")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "output" / "skillgraph.ttl", help="a built graph")
    parser.add_argument("--corpus", type=Path, help="the built graph of the synthetic corpus (else built here)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNG files")
    args = parser.parse_args()
    graph = store.load([args.graph])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.corpus:
            corpus = store.load([args.corpus])
        else:
            corpus = store.from_rdflib(skillgraph.build(synthetic_corpus(1000, tmp / "corpus")))
        view.write_html(graph, tmp / "view.html")
        view.write_html(graph, tmp / "document.html", document=DOCUMENT)
        view.write_html(corpus, tmp / "corpus.html")
        browser = Chromium(tmp / "profile", width=1400, height=900)
        try:
            shoot(browser, (tmp / "view.html").as_uri(), args.out / "screenshot.png")
            shoot(browser, (tmp / "view.html").as_uri() + "#node=" + FOCUS, args.out / "focus.png")
            shoot(browser, (tmp / "document.html").as_uri(), args.out / "document.png")
            shoot(browser, (tmp / "corpus.html").as_uri(), args.out / "overview.png")
            shoot(browser, (tmp / "corpus.html").as_uri(), args.out / "expanded.png", expand_largest_document)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
