"""The `skillgraph` command line."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import UserError

DEFAULT_DOCUMENTS = Path("data/documents")
DEFAULT_OUT = Path("output")


def cmd_build(args) -> int:
    from . import pipeline, rdf

    graph, report = pipeline.build_files(args.paths or [DEFAULT_DOCUMENTS])
    if report.documents:
        pipeline.write_atomic(args.out / "skillgraph.ttl", rdf.to_turtle(graph))
    print(report.text())
    if report.documents:
        print(f"wrote {args.out / 'skillgraph.ttl'}")
    return 2 if report.failures else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="skillgraph", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the graph from documents",
                       epilog="example: skillgraph build data/documents --out output")
    b.add_argument("paths", nargs="*", type=Path, help="documents or folders (default: data/documents)")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: output)")
    b.set_defaults(run=cmd_build)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as exc:
        print(f"skillgraph: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
