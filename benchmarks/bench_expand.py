"""What a click on the largest hub of an aggregated page costs in headless Chromium: the
node of the page's data that the most documents name (on a corpus of benchmarks/corpus.py,
the platform kind 技能大师工作室), made visible by a click on its first document (for
comparison: a click on a document), then clicked; the time from each click until the page
has drawn and is free again, the nodes it drew, the document parts it read (JSON.parse
calls); then, while it has more, its next batch (the details panel's button); and, on the
page opened again, its focus (what a search hit, a link in the details or #node= does).

    .venv/bin/python benchmarks/bench_expand.py PAGE.html [--repeat 3]

PAGE is the page `skillgraph build` writes (skillgraph.html) for a corpus above 1,000 nodes.
A benchmark, not a test: it needs Chromium and the test extra.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_browser import READY, Chromium  # noqa: E402

HUB = """(() => {
    const hub = skillgraph.data.nodes.filter((n) => n && n.group !== "Reply").sort((a, b) => b.docs.length - a.docs.length)[0];
    return [hub.id, hub.info.labels[0], hub.docs.length, hub.docs[0]];
})()"""
COUNT_PARSE = "window.parsed = 0; JSON.parse = ((parse) => (...args) => (window.parsed++, parse(...args)))(JSON.parse)"
START = "window.parsed = 0; window.clicked = performance.now()"
SETTLED = """new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now() - window.clicked))))"""


def point(browser: Chromium, node: int) -> tuple[float, float]:
    return tuple(browser.evaluate(f"""(() => {{
        const p = skillgraph.network.canvasToDOM(skillgraph.network.getPositions([{node}])[{node}]);
        const box = document.getElementById("graph").getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }})()"""))


def click(browser: Chromium, node: int) -> tuple[float, int, int]:
    """Centre a node, click it: the milliseconds until the page is free, nodes drawn, parts read."""
    browser.evaluate(f"skillgraph.network.focus({node}, {{ scale: 1, animation: false }})")
    before = browser.evaluate("skillgraph.drawn().nodes")
    browser.evaluate(START)
    browser.click(*point(browser, node))
    ms = browser.evaluate(SETTLED)
    return ms, browser.evaluate("skillgraph.drawn().nodes") - before, browser.evaluate("window.parsed")


def opened(browser: Chromium, page: Path) -> list:
    """The page loaded, its parts parsed, JSON.parse counted: the hub's id, name, documents, first document."""
    browser.call("Page.navigate", url="about:blank")
    browser.open(page.as_uri(), READY, timeout=300)
    browser.evaluate("new Promise((done) => document.readyState === 'complete' ? done() : addEventListener('load', done))")
    browser.evaluate(COUNT_PARSE)
    return browser.evaluate(HUB)


def once(browser: Chromium, page: Path) -> dict:
    hub, label, documents, first = opened(browser, page)
    document_ms, document_added, _ = click(browser, first)
    ms, added, parts = click(browser, hub)
    row = {"hub": label, "documents": documents, "document_ms": document_ms, "document_added": document_added,
           "click_ms": ms, "added": added, "parts_read": parts, "details": browser.evaluate("document.querySelector('#details .pending')?.textContent || ''")}
    if browser.evaluate("Boolean(document.querySelector('#details button.more'))"):
        before = browser.evaluate("skillgraph.drawn().nodes")
        browser.evaluate(START + "; document.querySelector('#details button.more').click()")
        row |= {"more_ms": browser.evaluate(SETTLED), "more_added": browser.evaluate("skillgraph.drawn().nodes") - before,
                "more_parts_read": browser.evaluate("window.parsed")}
    opened(browser, page)
    browser.evaluate(START + f"; skillgraph.focus({hub})")
    row |= {"focus_ms": browser.evaluate(SETTLED), "focus_parts_read": browser.evaluate("window.parsed"),
            "relations": browser.evaluate("document.querySelector('#details strong').textContent")}
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:  # Chromium may still write as it ends
        browser = Chromium(Path(tmp) / "profile", width=1400, height=900)
        try:
            rows = [once(browser, args.page.resolve()) for _ in range(args.repeat)]
        finally:
            browser.close()
    first = rows[0]
    times = ", ".join(f"{r['document_ms']:.0f}" for r in rows)
    print(f"a click on its first document draws {first['document_added']} nodes in "
          f"{median(r['document_ms'] for r in rows):.0f} ms (runs: {times})")
    times = ", ".join(f"{r['click_ms']:.0f}" for r in rows)
    print(f"hub {first['hub']} ({first['documents']} documents): a click draws {first['added']} nodes, "
          f"reads {first['parts_read']} parts, in {median(r['click_ms'] for r in rows):.0f} ms (runs: {times})")
    times = ", ".join(f"{r['focus_ms']:.0f}" for r in rows)
    print(f"  its focus (a search hit, #node=): {first['focus_parts_read']} parts read, details {first['relations']}, "
          f"in {median(r['focus_ms'] for r in rows):.0f} ms (runs: {times})")
    if "more_ms" in first:
        times = ", ".join(f"{r['more_ms']:.0f}" for r in rows)
        print(f"  the details: {first['details']}")
        print(f"  its next batch: {first['more_added']} nodes, {first['more_parts_read']} parts, "
              f"in {median(r['more_ms'] for r in rows):.0f} ms (runs: {times})")


if __name__ == "__main__":
    main()
