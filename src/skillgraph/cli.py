"""The `skillgraph` command line: build, query, export, validate, eval, view, serve."""
from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from . import __version__
from .errors import UserError

DEFAULT_DOCUMENTS = Path("data/documents")
DEFAULT_GOLD = Path("data/gold")
DEFAULT_CURATION = Path("data/curation.yaml")
DEFAULT_OUT = Path("output")
DEFAULT_GRAPH = DEFAULT_OUT / "skillgraph.ttl"
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "nq", "trig", "graphml", "gexf", "csv")
QUERY_FORMATS = ("table", "csv", "tsv", "json")


def note(text: str) -> None:
    print(f"skillgraph: note: {text}", file=sys.stderr)


def open_graph(args, named_graphs: bool = False):
    """The built graph of --graph/--db, from its on-disk store (made or remade when stale);
    with `named_graphs`, with the documents' graphs of a `.nq` beside it (see store.open_graph)."""
    from . import store

    return store.open_graph(args.graph, args.db, note=note, named_graphs=named_graphs)


def load_graph(args):
    """The built graph of --graph/--db as an rdflib Graph."""
    from . import store

    return store.to_rdflib(open_graph(args))


# ---------------------------------------------------------------- commands


CACHE = ".skillgraph-cache"  # in --out: what each document gave, for the next build
STORE_PART_BYTES = 32_000_000  # the store is bulk loaded from parts of TriG this large (about 450,000 quads, 350 MB to load)


def cmd_build(args) -> int:
    import signal
    import tempfile
    from contextlib import nullcontext

    from . import pipeline, store
    from .cache import Cache
    from .curation import load as load_curation
    from .files import OutputFolder, cannot_write
    from .turtle import TrigParts, TurtleWriter
    from .vocab import ID, document_id

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a killed build cleans up after itself
    curation = load_curation(args.curation) if args.curation or DEFAULT_CURATION.exists() else None
    if args.executor == "dask" and not args.scheduler:
        raise UserError("--executor dask needs the cluster's scheduler: add --scheduler tcp://HOST:8786")
    # a bad or busy --out is refused before any work. The store that query, view, export and
    # validate open is loaded while the build goes on: the writer hands it the graph as TriG
    # in the store's layout, part after part, and it is put in place last. The graphs of the
    # documents unchanged since the store was made are kept as they are, not loaded again
    with OutputFolder(args.out) as out:
        collected = pipeline.collect(args.paths or [DEFAULT_DOCUMENTS], exclude=args.out)
        if args.shard:  # every N-th document, from the K-th: one part of a build spread over machines
            collected.sources = collected.sources[args.shard[0] - 1 :: args.shard[1]]
        named = bool(args.named_graphs or args.shard)
        cache = None if args.no_cache else Cache(args.out / CACHE)
        keys = pipeline.cache_keys(collected.sources, named, cache, curation)
        documents = {ID + document_id(s.doc_id): key for s, key in zip(collected.sources, keys)}
        db = args.out / store.STORE_DIR
        kept = store.documents_kept(db, args.out / "skillgraph.ttl", documents)
        with store.StoreLoader(db, kept, {graph: key for graph, key in documents.items() if key}) as loader:
            try:
                with (tempfile.TemporaryFile(dir=out.staging) as spill, _progress(len(collected.sources), args.quiet) as bar,
                      open(out.path("skillgraph.nq"), "wb") if named else nullcontext() as quads):
                    writer = TurtleWriter(spill, TrigParts(loader.new_part, STORE_PART_BYTES, loader.load, loader.keep,
                                                           loader.end))
                    report = pipeline.build(collected, writer, args.jobs or pipeline.default_jobs(),
                                            lambda _: bar.update() if bar else None, quads, cache, curation,
                                            args.scheduler if args.executor == "dask" else None, keys)
                    if report.documents:
                        write_outputs(out, writer, report, args.no_page)
            except OSError as exc:  # a full disk, a folder made read-only meanwhile
                raise cannot_write(args.out, exc) from None
            written = out.publish() if report.documents else []
            print(report.text())
            for message in report.failures:
                print(f"skillgraph: error: {message}", file=sys.stderr)
            if written:
                loader.finish(args.out / "skillgraph.ttl")
    if not written:
        print("skillgraph: nothing written: no document could be read", file=sys.stderr)
        return 2
    print(f"wrote {' and '.join(map(str, written))}")
    return 2 if report.failures else 0


def cmd_merge(args) -> int:
    """Shards of a build (`build --shard K/N`) → the outputs one build of all documents writes."""
    import shutil
    import tempfile

    from . import pipeline
    from .files import OutputFolder, cannot_write
    from .turtle import TurtleWriter, render

    with OutputFolder(args.out) as out:
        try:
            with tempfile.TemporaryFile(dir=out.staging) as spill, open(out.path("skillgraph.nq"), "wb") as quads:
                writer, report = TurtleWriter(spill), pipeline.BuildReport()
                for shard in args.shards:
                    for graph, triples in pipeline.named_graphs_in(shard):
                        writer.add(render(triples, graph))
                        report.documents += 1
                    with open(shard, "rb") as fh:
                        shutil.copyfileobj(fh, quads)
                report.triples = writer.triples
                write_outputs(out, writer, report, args.no_page)
        except OSError as exc:
            raise cannot_write(args.out, exc) from None
        written = out.publish()
    print(f"documents: {report.documents} from {len(args.shards)} shards\ntriples: {report.triples}")
    print(f"wrote {' and '.join(map(str, written))}")
    return 0


def shard(spec: str) -> tuple[int, int]:
    """`2/8` → (2, 8): the second of eight shards."""
    k, _, n = spec.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"{spec!r} is no shard; write K/N with 1 ≤ K ≤ N, e.g. 2/8")
    return int(k), int(n)


def write_outputs(out, writer, report, no_page: bool) -> None:
    """Every output of a build, written into `out`'s staging folder; `publish` then puts them
    in place together."""
    turtle = out.path("skillgraph.ttl")
    with open(turtle, "wb") as fh:
        writer.write(fh)
    # (further outputs of a build are written here, beside these two)
    if not no_page:
        from . import view  # the view's libraries load only to draw the page; a large graph's page is its overview

        view.write_turtle_page(turtle, out.path("skillgraph.html"), report.triples)


def _progress(total: int, quiet: bool):
    """A progress bar with documents/s and the time left, on a terminal; nothing otherwise."""
    from contextlib import nullcontext

    if quiet or total < 2 or not sys.stderr.isatty():
        return nullcontext(None)
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, smoothing=0.1, dynamic_ncols=True)


WHY = """SELECT ?doc ?anchor ?begin ?sentence WHERE {
  <%s> sg:mention ?m . ?m sg:inDocument ?doc ; sg:anchorOf ?anchor ; sg:beginIndex ?begin .
  OPTIONAL { ?m sg:sentence/sg:anchorOf ?sentence }
} ORDER BY ?doc ?begin"""


def cmd_why(args) -> int:
    """Why a node is one node: every document that names it, and where and how each does."""
    import pyoxigraph as ox

    from . import store
    from .vocab import PREFIXES, RDFS, SG

    prefix, _, local = args.iri.partition(":")
    iri = PREFIXES[prefix] + local if prefix in PREFIXES and not local.startswith("//") else args.iri.strip("<>")
    graph = store.load([args.graph])
    node = ox.NamedNode(iri)
    labels = [store.show_term(q.object) for q in graph.quads_for_pattern(node, ox.NamedNode(RDFS + "label"), None)]
    if not labels:
        raise UserError(f"{args.iri} is no node of {args.graph}; find one with `skillgraph query` "
                        "(e.g. --name agencies)")
    rows = [[store.show_term(t) if t is not None else "" for t in row] for row in store.run_query(graph, WHY % iri).rows]
    documents = sorted({doc for doc, *_ in rows})
    print(f"{store.show_term(node)}  {labels[0]}")
    print(f"one node for {len(documents)} document{'s' * (len(documents) != 1)}, named {len(rows)} times:")
    numbers = sorted(store.show_term(q.object) for q in graph.quads_for_pattern(node, ox.NamedNode(SG + "documentNumber"), None))
    if numbers and iri.startswith(PREFIXES["id"] + "policy-document/"):  # merged by its 文号, however written
        print(f"  by its 文号, written {', '.join(numbers)}")
    if iri.startswith(PREFIXES["id"] + "person/") and "/" in iri[len(PREFIXES["id"] + "person/"):]:
        role = ox.NamedNode(iri.rsplit("/", 1)[0].replace("/person/", "/", 1))  # id:person/agency/X/张三 → id:agency/X
        named = [store.show_term(q.object) for q in graph.quads_for_pattern(role, ox.NamedNode(RDFS + "label"), None)]
        how = {"agency": "signs its replies", "organization": "is who it is named after",
               "competition": "won a prize in it"}.get(iri[len(PREFIXES["id"] + "person/"):].split("/", 1)[0], "has a role at it")
        print(f"  by name and role: {how}, {store.show_term(role)}{'  ' + named[0] if named else ''}"
              " (a name alone joins no documents)")
    for doc in documents:
        print(f"  {doc}")
        for _, anchor, begin, sentence in (row for row in rows if row[0] == doc):
            print(f"    {anchor} at {begin}: {store.truncate(' '.join(sentence.split()), 80)}")
    return 0


def cmd_curate(args) -> int:
    """Append one correction to the curation file, after checking its nodes are in the graph."""
    import pyoxigraph as ox

    from . import curation, store

    wanted = {"merge": (2, None), "rename": (2, 2), "remove": (1, 1), "add": (3, 3)}[args.kind]
    if len(args.values) < wanted[0] or (wanted[1] and len(args.values) > wanted[1]):
        raise UserError(f"curate {args.kind} takes {CURATE_USAGE[args.kind]}")
    nodes = args.values if args.kind == "merge" else args.values[:1]
    graph = store.load([args.graph])
    for name in nodes:
        if next(iter(graph.quads_for_pattern(ox.NamedNode(curation.iri(name)), None, None)), None) is None:
            raise UserError(f"{name} is no node of {args.graph}; find it with `skillgraph query` or `skillgraph why`")
    text = curation.entry(args.kind, args.values)
    args.file.parent.mkdir(parents=True, exist_ok=True)
    with open(args.file, "a", encoding="utf-8") as fh:
        fh.write(text)
    curation.load(args.file)  # the file still reads
    print(f"added to {args.file}:\n{text}run `skillgraph build` to apply it")
    return 0


CURATE_USAGE = {"merge": "two or more nodes: the first is kept", "rename": "a node and its new name",
                "remove": "one node", "add": "a subject, a property and an object (text in double quotes)"}


def cmd_text(args) -> int:
    from . import document

    doc = document.read(args.path)
    sys.stdout.write(doc.source if not args.sentences else "".join(
        f"{s.start}\t{s.end}\t{doc.source[s.start:s.end]}\n" for s in doc.sentences))
    return 0


def cmd_query(args) -> int:
    from . import guard, store

    given = [x for x in (args.sparql, args.file, args.name) if x]
    if len(given) != 1:
        raise UserError("give exactly one query: a SPARQL string, --file F.rq or --name NAME (see `skillgraph queries`)")
    named = store.named_query(args.name) if args.name else None
    if named:  # --limit and --offset take the place of its own LIMIT
        sparql = named.paged(args.limit, args.offset)
    else:
        sparql = store.read_query_file(args.file) if args.file else args.sparql
        sparql = guard.paged(sparql, args.limit, args.offset)
    guard.check_query(sparql)  # before any graph is opened: a query that would crash the engine costs nothing
    if args.endpoint:
        from . import remote  # its HTTP client loads only for a remote query

        headers = remote.credentials_from(args.user, args.password)
        result = remote.query(remote.Connection(args.endpoint, headers), sparql)
        text = store.format_result(result, args.format)
        rows: int | None = len(result.rows) if result.kind == "solutions" else None
        sys.stdout.write(text)
    else:
        raw = store.execute(open_graph(args), sparql)
        sys.stdout.flush()
        rows = store.write_result(raw, args.format, sys.stdout.buffer)  # as the rows come
    limit = args.limit or (named.limit if named else None)
    if named and limit and rows is not None and rows >= limit:
        start = (args.offset or 0) + limit
        note(f"{rows} rows shown, there may be more: the next with `--name {named.name} --offset {start}` "
             f"(--limit N for N at a time)")
    return 0


def cmd_push(args) -> int:
    from . import remote, store

    connection = remote.Connection(args.endpoint, remote.credentials_from(args.user, args.password),
                                   retries=args.retries)
    report = remote.push(store.load([args.graph]), connection, args.graph_iri or remote.DEFAULT_GRAPH_IRI, args.batch,
                         progress=lambda line: print(line, flush=True))
    print(f"pushed {report.triples} triples in {report.graphs} graphs to {args.endpoint}"
          + (f"; deleted {len(report.deleted)} graphs of documents no longer built" if report.deleted else ""))
    return 0


def cmd_queries(args) -> int:
    from . import store

    for name, query in store.named_queries().items():
        print(f"{name:20} {query.description}")
    return 0


def cmd_load(args) -> int:
    from . import store

    graph = args.graph or store.DEFAULT_GRAPH
    db = args.db or graph.parent / store.STORE_DIR
    count = store.load_db(graph, db)
    print(f"loaded {count} triples of {graph} into {db}")
    return 0


def cmd_export(args) -> int:
    from . import export

    graph = open_graph(args, named_graphs=args.format in export.DATASET_FORMATS)  # nq, trig: a graph per document
    export.export(graph, args.format, args.out)
    if args.out:
        print(f"wrote {args.out}")
    return 0


def cmd_validate(args) -> int:
    from .validate import validate

    report = validate(load_graph(args))
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
        result = store.run_query(open_graph(args), sparql)
        if result.kind != "graph":
            raise UserError("--query must be a CONSTRUCT or DESCRIBE query: the view draws a graph")
        graph = store.to_rdflib(result.triples or ())
    else:
        graph = open_graph(args)
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
    from . import server, store

    # the on-disk store, checked and made as for `query` (each worker opens it read-only), or the
    # graph in memory where no store can be written
    source = store.current_store(args.graph, args.db, note=note)
    limits = server.Limits(timeout=args.timeout, max_result_bytes=args.max_result_mb << 20)
    options = server.ServerOptions(host=args.host, port=args.port, workers=args.workers, cors=args.cors,
                                   allowed_hosts=tuple(args.allow_host), access_log=args.access_log, limits=limits)
    server.serve(source, options)
    return 0


# ---------------------------------------------------------------- argument parsing


def _command(sub, name: str, run, help: str, example: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=help, epilog=f"example:\n  {example}",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(run=run)
    return p


def _graph_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", type=Path, default=DEFAULT_GRAPH, help=f"a built graph (default {DEFAULT_GRAPH})")


def _store_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", type=Path, help=f"a built graph (default {DEFAULT_GRAPH})")
    p.add_argument("--db", type=Path, help="its on-disk store, made again when missing or when the graph has changed "
                   "(default: the folder `store` beside the graph)")


def _positive_int(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _natural(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    return int(text)


def _credential_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", help="user name for the endpoint (or set SKILLGRAPH_USER)")
    p.add_argument("--password", help="password (better: set SKILLGRAPH_PASSWORD, or a token in SKILLGRAPH_TOKEN)")


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
    b.add_argument("paths", nargs="*", type=Path, help=f"documents (.txt, .html …) or folders (default {DEFAULT_DOCUMENTS})")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    b.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--no-page", action="store_true", help="write the Turtle only, not the HTML page")
    b.add_argument("--no-cache", action="store_true",
                   help=f"read every document again (unchanged ones are otherwise taken from --out's {CACHE})")
    b.add_argument("--curation", type=Path, default=None,
                   help=f"corrections to apply (default {DEFAULT_CURATION}, where it exists; see `skillgraph curate`)")
    b.add_argument("--executor", choices=("processes", "dask"), default="processes",
                   help="where documents are built: worker processes here (default), or a dask.distributed cluster")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="the dask scheduler, e.g. tcp://HOST:8786 (its workers must see the documents' paths)")
    b.add_argument("--shard", type=shard, metavar="K/N",
                   help="build every N-th document from the K-th, with its named graphs; join shards with `skillgraph merge`")
    b.add_argument("--named-graphs", action="store_true",
                   help="also write skillgraph.nq: each document's triples in a graph named by its IRI")

    m = _command(sub, "merge", cmd_merge, "join the shards of a build (build --shard K/N) into one graph",
                 "skillgraph merge shard-1/skillgraph.nq shard-2/skillgraph.nq --out output")
    m.add_argument("shards", nargs="+", type=Path, help="the skillgraph.nq of each shard")
    m.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    m.add_argument("--no-page", action="store_true", help="write the Turtle only, not the HTML page")

    y = _command(sub, "why", cmd_why, "show why a node is one node: each document that names it, where and how",
                 "skillgraph why id:agency/武汉市人力资源和社会保障局")
    y.add_argument("iri", help="the node, as id:… or a full IRI")
    _graph_option(y)

    c = _command(sub, "curate", cmd_curate, "write a correction (merge, rename, remove, add) that every build applies",
                 "skillgraph curate merge id:agency/武汉市人力资源和社会保障局 id:doc/14.txt/agency/市人力资源和社会保障局")
    c.add_argument("kind", choices=tuple(CURATE_USAGE), help="; ".join(f"{k}: {v}" for k, v in CURATE_USAGE.items()))
    c.add_argument("values", nargs="+", help="nodes as id:… or full IRIs; names and text as they are")
    c.add_argument("--file", type=Path, default=DEFAULT_CURATION, help=f"the curation file (default {DEFAULT_CURATION})")
    _graph_option(c)

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
    q.add_argument("--limit", type=_positive_int, help="at most this many rows (appends LIMIT; a named query's "
                   "own LIMIT, its first rows, is replaced)")
    q.add_argument("--offset", type=_natural, help="skip this many rows first (appends OFFSET), to page with --limit")
    q.add_argument("--endpoint", metavar="URL",
                   help="run the query at this SPARQL endpoint instead, e.g. http://127.0.0.1:7878/query "
                        "(oxigraph serve) or http://127.0.0.1:8890/sparql (Virtuoso)")
    _credential_options(q)
    _store_options(q)

    lo = _command(sub, "load", cmd_load, "load a built graph into an on-disk store that queries open at once",
                  "skillgraph load output/skillgraph.ttl --db /tmp/store")
    lo.add_argument("graph", nargs="?", type=Path, help=f"a built graph (default {DEFAULT_GRAPH})")
    lo.add_argument("--db", type=Path, help="the store's folder (default: the folder `store` beside the graph)")

    pu = _command(sub, "push", cmd_push,
                  "load a built graph into a triple store (SPARQL 1.1 Graph Store HTTP Protocol), a graph per document",
                  "skillgraph push --endpoint http://127.0.0.1:7878/store   # an `oxigraph serve` store\n"
                  "  SKILLGRAPH_USER=dba SKILLGRAPH_PASSWORD=… skillgraph push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth"
                  "   # Virtuoso")
    pu.add_argument("--endpoint", required=True, metavar="URL", help="the store's Graph Store endpoint")
    pu.add_argument("--graph-iri", metavar="IRI",
                    help="base IRI of the named graphs (default https://w3id.org/skillgraph/graph/)")
    pu.add_argument("--batch", type=_positive_int, default=50_000, help="triples a request (default 50000)")
    pu.add_argument("--retries", type=_natural, default=3, help="retries of a failed request (default 3)")
    _credential_options(pu)
    _graph_option(pu)

    _command(sub, "queries", cmd_queries, "list the named queries", "skillgraph queries")

    e = _command(sub, "export", cmd_export, "export a built graph in another format",
                 "skillgraph export --format graphml --out output/skillgraph.graphml")
    e.add_argument("--format", choices=EXPORT_FORMATS, required=True,
                   help="RDF (ttl, nt, jsonld; nq and trig with each document's graph where built with --named-graphs), network (graphml, gexf) or the statistics table (csv)")
    e.add_argument("--out", type=Path, help="output file (default: standard output)")
    _store_options(e)

    v = _command(sub, "validate", cmd_validate, "check a built graph against the SHACL shapes",
                 "skillgraph validate --graph output/skillgraph.ttl")
    _store_options(v)

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
                 "  skillgraph view --document 000_425f8ebd1574510b.txt --out reply.html   # one reply, as a reading aid\n"
                 "  skillgraph view --out who.html --query 'CONSTRUCT {\n"
                 "        ?r a sg:Reply ; rdfs:label ?t ; ?p ?o . ?o a ?c ; rdfs:label ?l }\n"
                 "      WHERE { ?r a sg:Reply ; rdfs:label ?t ; ?p ?o . ?o a ?c ; rdfs:label ?l .\n"
                 "        FILTER(?c IN (sg:Agency, sg:Person)) }'   # documents, their agencies and people")
    _store_options(w)
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
    _store_options(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    s.add_argument("--workers", type=_positive_int, default=2, help="query processes (default 2)")
    s.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default 30)")
    s.add_argument("--max-result-mb", type=_positive_int, default=64, help="largest result in MiB (default 64)")
    s.add_argument("--cors", action="store_true", help="let web pages of any origin query the endpoint")
    s.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="a Host name to answer besides the bound address, e.g. a DNS name (repeatable)")
    s.add_argument("--access-log", type=Path, metavar="FILE", help="append one line per request to FILE")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except UserError as exc:
        print(f"skillgraph: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `skillgraph build … | head`: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        return 141  # 128 + SIGPIPE, what a shell reports for a tool the closed pipe stopped


if __name__ == "__main__":
    sys.exit(main())
