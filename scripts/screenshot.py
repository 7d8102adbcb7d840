"""Make docs/screenshot.png: the view of a built graph in headless Chromium, zoomed on the
seed document's own nodes, with the tooltip of its issuing agency showing.

    .venv/bin/python scripts/screenshot.py [--graph output/skillgraph.ttl] [--out docs/screenshot.png]

If the graph is not there, the seed document is built first. Needs Chromium and the test extra.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

import skillgraph
from skillgraph import view
from skillgraph.files import write_atomic

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "documents" / "000_425f8ebd1574510b.txt"
sys.path.insert(0, str(ROOT / "tests"))
from test_browser import READY, Chromium, hover  # noqa: E402

DOCUMENT = "id:doc/000_425f8ebd1574510b"  # zoom on the seed document's own nodes (IRIs under its IRI)
FOCUS = "咸阳市人力资源和社会保障局"  # the node whose tooltip shows
ZOOM = f"""skillgraph.network.fit({{
    nodes: skillgraph.nodes.getIds({{filter: (n) => n.info.iri.startsWith("{DOCUMENT}")}})}})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "output" / "skillgraph.ttl", help="a built graph")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = parser.parse_args()
    graph = Graph().parse(args.graph) if args.graph.exists() else skillgraph.build([SEED])
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "view.html"
        view.write_html(graph, page)
        browser = Chromium(Path(tmp) / "profile", width=1400, height=900)
        try:
            browser.open(page.as_uri(), READY)
            browser.evaluate(ZOOM)
            iri = browser.evaluate(f"skillgraph.nodes.get({{filter: (n) => n.info.labels[0] === '{FOCUS}'}})[0].info.iri")
            hover(browser, iri)
            time.sleep(0.2)
            write_atomic(args.out, browser.screenshot())
        finally:
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
