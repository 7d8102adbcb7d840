"""How fast `skillgraph build` is, end to end, on seeded corpora of N replies (benchmarks/corpus.py).

    .venv/bin/python benchmarks/bench_build.py [--sizes 100 1000 10000] [--jobs 2] [--seed 1] [--repeat 1]

For each N: the corpus is generated, then `skillgraph build DIR --no-page --quiet --jobs J`
runs as a new process (`--repeat` times, each from nothing: the median wall and cpu time are
reported, with the range of the wall times, as a shared machine's speed varies). Reported: wall time, documents/s, documents per cpu-second (per
core), peak memory of the build and its workers together (sampled), triples, the Turtle's
size, whether the planted facts are in the graph (each reply's issuing agency and its
技能大师工作室 figure), and the time of a rebuild after one document changed (the others
come from the cache); and, in this process on one core, the documents per cpu-second of
read → Turtle alone (`pipeline.build` into a `TurtleWriter`: no store, no page, no cache).
Then the seed document alone, cold, in a new process. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SKILLGRAPH = Path(sys.executable).parent / "skillgraph"
SEED = ROOT / "data" / "documents" / "000_425f8ebd1574510b.txt"
PLANTED = f"""PREFIX sg: <https://w3id.org/skillgraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?doc ?issuer ?value WHERE {{
  {{ ?doc sg:issuedBy/rdfs:label ?issuer }}
  UNION
  {{ ?s sg:counts <https://w3id.org/skillgraph/id/platform-type/{corpus.PLANTED_KIND}> ; sg:value ?value ;
        prov:wasDerivedFrom ?doc }}
}}"""


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total, pending = 0, [pid]
    while pending:
        p = pending.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * resource.getpagesize()
            for task in Path(f"/proc/{p}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def timed(command: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, cpu seconds of the process tree, peak memory of the tree, standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak[0], out


def planted_found(turtle: Path, expected: dict[str, corpus.Expected]) -> tuple[float, float]:
    """The share of replies whose issuer, and whose planted figure, the graph has."""
    store = ox.Store()
    store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    issuers, figures = set(), set()
    for row in store.query(PLANTED):  # type: ignore[union-attr]
        doc = unquote(row["doc"].value.partition("/id/doc/")[2])  # 000%2Freply_000000.txt; empty for a policy document's issuer
        if row["issuer"] is not None:
            issuers.add((doc, row["issuer"].value))
        if row["value"] is not None:
            figures.add((doc, int(float(row["value"].value))))
    found_issuers = sum((doc, e.issuer) in issuers for doc, e in expected.items())
    found_figures = sum((doc, e.workshops) in figures for doc, e in expected.items())
    return found_issuers / len(expected), found_figures / len(expected)


def read_to_turtle(docs: Path) -> float:
    """Documents per cpu-second of read → extract → resolve → Turtle, in this process, one core."""
    from skillgraph import pipeline
    from skillgraph.turtle import TurtleWriter

    collected = pipeline.collect([docs])
    pipeline.build_one(collected.sources[0])  # the lexicons and the dictionary loaded first
    start = time.process_time()
    with tempfile.TemporaryFile() as spill, tempfile.TemporaryFile() as out:
        writer = TurtleWriter(spill)
        pipeline.build(collected, writer, 1)
        writer.write(out)
    return len(collected.sources) / (time.process_time() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1, help="builds of each corpus: the median is reported, and the range")
    args = ap.parse_args()
    print(f"{'docs':>6} {'jobs':>4} {'wall s':>7} {'range s':>11} {'docs/s':>7} {'docs/cpu-s':>10} {'ms/doc':>7} {'peak MB':>8} "
          f"{'triples':>9} {'ttl MB':>7} {'issuers':>8} {'figures':>8} {'1 changed s':>11} {'read→ttl docs/cpu-s':>19}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            docs, out = Path(tmp) / "docs", Path(tmp) / "out"
            expected = corpus.write(n, docs, args.seed)
            command = [str(SKILLGRAPH), "build", str(docs), "--out", str(out), "--no-page", "--quiet",
                       "--jobs", str(args.jobs)]
            runs = []
            for _ in range(args.repeat):  # each from nothing: no cache, no store
                shutil.rmtree(out, ignore_errors=True)
                runs.append(timed(command))
            wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
            peak, stdout = max(r[2] for r in runs), runs[-1][3]
            spread = f"{min(r[0] for r in runs):.1f}–{max(r[0] for r in runs):.1f}"
            triples = int(re.search(r"triples: (\d+)", stdout).group(1))  # type: ignore[union-attr]
            turtle = out / "skillgraph.ttl"
            issuers, figures = planted_found(turtle, expected)
            size = turtle.stat().st_size
            changed = docs / corpus.name(n // 2)
            changed.write_text(changed.read_text(encoding="utf-8") + "二是加强技能人才培养。\n", encoding="utf-8")
            again = timed(command)[0]
            one_core = read_to_turtle(docs)
            print(f"{n:>6} {args.jobs:>4} {wall:>7.1f} {spread:>11} {n / wall:>7.1f} {n / cpu:>10.1f} {1000 * wall / n:>7.2f} "
                  f"{peak / 1e6:>8.0f} {triples:>9} {size / 1e6:>7.1f} {issuers:>8.1%} {figures:>8.1%} {again:>11.1f} "
                  f"{one_core:>19.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        cold = [timed([str(SKILLGRAPH), "build", str(SEED), "--out", tmp, "--no-page", "--quiet"])[0] for _ in range(3)]
        page = timed([str(SKILLGRAPH), "build", str(SEED), "--out", tmp, "--quiet"])[0]
    print(f"seed alone, cold, new process: {min(cold):.2f} s without the page (best of 3), {page:.2f} s with it")


if __name__ == "__main__":
    main()
