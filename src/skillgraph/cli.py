"""The `skillgraph` command line: build, query, export, validate, eval, view, serve."""
from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from . import __version__
from .errors import UserError

DEFAULT_DOCUMENTS = Path("data/documents")
DEFAULT_GOLD = Path("data/gold")
DEFAULT_OUT = Path("output")
DEFAULT_GRAPH = DEFAULT_OUT / "skillgraph.ttl"
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "trig", "graphml", "gexf", "csv")
QUERY_FORMATS = ("table", "csv", "tsv", "json")


def load_graph(path: Path):
    """A built graph as an rdflib Graph, parsed with Oxigraph's fast Turtle parser."""
    from . import store

    return store.to_rdflib(store.load([path]))


# ---------------------------------------------------------------- commands


def cmd_build(args) -> int:
    from . import pipeline, store, view
    from .files import write_atomic
    from .turtle import to_turtle

    triples, report = pipeline.build_files(args.paths or [DEFAULT_DOCUMENTS])
    print(report.text())
    for message in report.failures:
        print(f"skillgraph: error: {message}", file=sys.stderr)
    if not report.documents:
        print("skillgraph: nothing written: no document could be read", file=sys.stderr)
        return 2
    turtle = args.out / "skillgraph.ttl"
    write_atomic(turtle, to_turtle(triples))
    view.write_html(store.to_rdflib(triples), args.out / "skillgraph.html")
    print(f"wrote {turtle} and {args.out / 'skillgraph.html'}")
    return 2 if report.failures else 0


def cmd_text(args) -> int:
    from . import document

    doc = document.read(args.path)
    sys.stdout.write(doc.source if not args.sentences else "".join(
        f"{s.start}\t{s.end}\t{doc.source[s.start:s.end]}\n" for s in doc.sentences))
    return 0


def cmd_query(args) -> int:
    from . import store

    given = [x for x in (args.sparql, args.file, args.name) if x]
    if len(given) != 1:
        raise UserError("give exactly one query: a SPARQL string, --file F.rq or --name NAME (see `skillgraph queries`)")
    if args.name:
        sparql = store.named_query(args.name).text
    elif args.file:
        sparql = store.read_query_file(args.file)
    else:
        sparql = args.sparql
    result = store.run_query(store.load([args.graph]), sparql)
    print(store.format_result(result, args.format), end="")
    return 0


def cmd_queries(args) -> int:
    from . import store

    for name, query in store.named_queries().items():
        print(f"{name:20} {query.description}")
    return 0


def cmd_export(args) -> int:
    from . import export

    from . import store

    export.export(store.load([args.graph]), args.format, args.out)
    if args.out:
        print(f"wrote {args.out}")
    return 0


def cmd_validate(args) -> int:
    from .validate import validate

    report = validate(load_graph(args.graph))
    print(report.text())
    return 0 if report.conforms else 1


def cmd_eval(args) -> int:
    from . import evaluate, pipeline, store

    def build(path: Path):
        triples, doc = pipeline.build_document(path)
        return store.to_rdflib(triples), doc.source

    result = evaluate.evaluate_corpus(args.gold, build, args.documents)
    if args.json:
        print(result.to_json())
        return 0
    print(result.text())
    for score in result.documents if args.verbose else []:
        print("\n" + score.text(verbose=True))
    return 0


def cmd_view(args) -> int:
    from . import store, view

    if args.query:
        sparql = store.read_query_file(Path(args.query)) if args.query.endswith(".rq") else args.query
        result = store.run_query(store.load([args.graph]), sparql)
        if result.kind != "graph":
            raise UserError("--query must be a CONSTRUCT or DESCRIBE query: the view draws a graph")
        graph = store.to_rdflib(result.triples or ())
    else:
        graph = load_graph(args.graph)
    view.write_html(graph, args.out, document=args.document)
    print(f"wrote {args.out}")
    if args.open:
        open_in_browser(args.out)
    return 0


def open_in_browser(page: Path) -> None:
    import os
    import webbrowser

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise UserError(f"no display to open a browser on; open {page} on a machine with one")
    if not webbrowser.open(page.resolve().as_uri()):
        raise UserError(f"found no browser to open {page}; open it in one yourself")


def cmd_serve(args) -> int:
    from . import server

    server.serve([args.graph], args.host, args.port)
    return 0


# ---------------------------------------------------------------- argument parsing


def _command(sub, name: str, run, help: str, example: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=help, epilog=f"example:\n  {example}",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(run=run)
    return p


def _graph_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", type=Path, default=DEFAULT_GRAPH, help=f"a built graph (default {DEFAULT_GRAPH})")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="skillgraph",
        description="Turn Chinese government documents on skills training and employment into an RDF "
        "knowledge graph with provenance, and query, view and export it.",
        epilog=textwrap.dedent("""\
            start with:
              skillgraph build                      # data/documents → output/skillgraph.ttl, .html
              skillgraph query --name figures       # every reported figure
              skillgraph --help / skillgraph COMMAND --help"""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"skillgraph {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = _command(sub, "build", cmd_build, "build the graph (Turtle and HTML view) from documents",
                 "skillgraph build data/documents/000_425f8ebd1574510b.txt --out /tmp/one")
    b.add_argument("paths", nargs="*", type=Path, help=f"documents (.txt, .html) or folders (default {DEFAULT_DOCUMENTS})")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")

    t = _command(sub, "text", cmd_text, "print a document's text as skillgraph reads it (what the offsets count in)",
                 "skillgraph text page.html --sentences")
    t.add_argument("path", type=Path, help="a .txt or .html document")
    t.add_argument("--sentences", action="store_true", help="one sentence a line, with its begin and end offsets")

    q = _command(sub, "query", cmd_query, "run a SPARQL query on a built graph",
                 "skillgraph query 'SELECT ?a ?l WHERE { ?a a sg:Agency ; rdfs:label ?l }' --format csv")
    q.add_argument("sparql", nargs="?", help="the query text (prefixes sg:, id:, rdfs:, skos:, prov:, xsd: are predefined)")
    q.add_argument("--file", type=Path, help="read the query from a .rq file")
    q.add_argument("--name", help="run a named query (list them with `skillgraph queries`)")
    q.add_argument("--format", choices=QUERY_FORMATS, default="table", help="result format (default table)")
    _graph_option(q)

    _command(sub, "queries", cmd_queries, "list the named queries", "skillgraph queries")

    e = _command(sub, "export", cmd_export, "export a built graph in another format",
                 "skillgraph export --format graphml --out output/skillgraph.graphml")
    e.add_argument("--format", choices=EXPORT_FORMATS, required=True,
                   help="RDF (ttl, nt, jsonld, trig), network (graphml, gexf) or the statistics table (csv)")
    e.add_argument("--out", type=Path, help="output file (default: standard output)")
    _graph_option(e)

    v = _command(sub, "validate", cmd_validate, "check a built graph against the SHACL shapes",
                 "skillgraph validate --graph output/skillgraph.ttl")
    _graph_option(v)

    ev = _command(sub, "eval", cmd_eval, "score extraction against gold annotations (precision, recall, F1)",
                  "skillgraph eval --gold data/gold --verbose")
    ev.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"folder of gold *.yaml files (default {DEFAULT_GOLD})")
    ev.add_argument("--documents", type=Path, default=DEFAULT_DOCUMENTS,
                    help=f"folder with the documents the gold files describe (default {DEFAULT_DOCUMENTS})")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--verbose", action="store_true", help="list what was missed and what was extra")

    w = _command(sub, "view", cmd_view, "draw a built graph, one document of it or a CONSTRUCT slice of it "
                 "as an interactive HTML page",
                 "skillgraph view --open                  # above 1,000 nodes: an overview of documents, agencies\n"
                 "                                          # and places; click one to expand it\n"
                 "  skillgraph view --document 000_425f8ebd1574510b --out reply.html   # one reply, as a reading aid\n"
                 "  skillgraph view --out who.html --query 'CONSTRUCT {\n"
                 "        ?r a sg:Reply ; rdfs:label ?t ; ?p ?o . ?o a ?c ; rdfs:label ?l }\n"
                 "      WHERE { ?r a sg:Reply ; rdfs:label ?t ; ?p ?o . ?o a ?c ; rdfs:label ?l .\n"
                 "        FILTER(?c IN (sg:Agency, sg:Person)) }'   # documents, their agencies and people")
    _graph_option(w)
    w.add_argument("--out", type=Path, default=DEFAULT_OUT / "view.html", help="the HTML file (default output/view.html)")
    w.add_argument("--document", metavar="ID", help="draw one document and what comes from it, in reading order: "
                   "issuer, proposal, people, then policies, measures, figures (ID as in "
                   "`skillgraph query --name documents`, with or without id:doc/)")
    w.add_argument("--query", help="draw only the result of this CONSTRUCT query (text or a .rq file); keep the "
                   "rdf:type triples of the nodes it returns")
    w.add_argument("--open", action="store_true", help="open the page in a browser")

    s = _command(sub, "serve", cmd_serve, "serve a built graph at a SPARQL 1.1 endpoint",
                 "skillgraph serve --port 7878\n"
                 "  curl -G --data-urlencode 'query=ASK { ?s ?p ?o }' http://127.0.0.1:7878/sparql   # from another terminal")
    _graph_option(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as exc:
        print(f"skillgraph: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `skillgraph query … | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
