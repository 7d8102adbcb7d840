"""How fast `build` is: documents per second and characters per second, by corpus size.

    .venv/bin/python benchmarks/bench_build.py [--copies 1 10 50]

Copies the documents in data/documents under new names (so IRIs of their own documents do
not collide) and times extraction, RDF and Turtle separately. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from skillgraph import document, pipeline, rdf
from skillgraph.model import Entities
from skillgraph.turtle import to_turtle

DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"


def corpus(folder: Path, copies: int) -> list[Path]:
    paths = []
    for i in range(copies):
        for source in sorted(DOCUMENTS.glob("*.txt")):
            target = folder / f"{source.stem}_{i:05d}.txt"
            target.write_bytes(source.read_bytes())
            paths.append(target)
    return paths


def measure(paths: list[Path]) -> dict[str, float]:
    started = time.perf_counter()
    docs = [document.read(p) for p in paths]
    read = time.perf_counter()
    graphs = [pipeline.process(d) for d in docs]
    extracted = time.perf_counter()
    triples = rdf.to_rdf(Entities(graphs))
    made = time.perf_counter()
    turtle = to_turtle(triples)
    written = time.perf_counter()
    return {"documents": len(docs), "chars": sum(len(d.text) for d in docs), "triples": len(triples),
            "read": read - started, "extract": extracted - read, "rdf": made - extracted,
            "turtle": written - made, "turtle_mb": len(turtle.encode()) / 1e6}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 10, 50])
    args = ap.parse_args()
    pipeline.process(document.from_text("预热。"))  # load the segmenter's dictionary once
    print(f"{'docs':>6} {'chars':>9} {'triples':>9} {'extract s':>10} {'chars/s':>9} {'rdf s':>7} {'turtle s':>9} {'MB':>6}")
    for copies in args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            m = measure(corpus(Path(tmp), copies))
        print(f"{m['documents']:>6} {m['chars']:>9} {m['triples']:>9} {m['extract']:>10.2f} "
              f"{m['chars'] / m['extract']:>9.0f} {m['rdf']:>7.2f} {m['turtle']:>9.2f} {m['turtle_mb']:>6.1f}")


if __name__ == "__main__":
    main()
