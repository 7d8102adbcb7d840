"""Load built graphs into an in-memory pyoxigraph store, run SPARQL on them, print results.

    store = load([Path("output/skillgraph.ttl")])
    result = run_query(store, named_query("figures").text)
    print(format_result(result, "table"))
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from skillgraph.errors import UserError
from skillgraph.resources import query_dir
from skillgraph.vocab import PREFIXES, XSD, shorten

if TYPE_CHECKING:
    import rdflib

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

XSD_STRING = XSD + "string"
FORMATS = ("table", "csv", "tsv", "json")
MAX_CELL_WIDTH = 60  # display columns; longer table cells are cut with "…"
DEFAULT_GRAPH = Path("output/skillgraph.ttl")
UPDATE_KEYWORD = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I | re.M)


@dataclass(frozen=True)
class QueryResult:
    """A fully read query result: exactly one of rows (SELECT), boolean (ASK), triples."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] | None = None

    @property
    def kind(self) -> str:
        if self.triples is not None:
            return "graph"
        return "boolean" if self.boolean is not None else "solutions"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str


# --- loading -------------------------------------------------------------------------


def load(paths: Sequence[Path]) -> ox.Store:
    """Parse RDF files (Turtle, or by extension .nt/.nq/.trig/.rdf/.jsonld) into one store."""
    if not paths:
        raise UserError(f"no graph given; pass --graph FILE (default {DEFAULT_GRAPH})")
    store = ox.Store()
    for path in paths:
        _load_file(store, Path(path))
    return store


def _load_file(store: ox.Store, path: Path) -> None:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    if path.is_dir():
        raise UserError(f"{path} is a directory; pass the graph file in it, e.g. --graph {path / 'skillgraph.ttl'}")
    if not path.exists():
        raise UserError(f"{path} does not exist; run `skillgraph build` first, or pass --graph FILE")
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as err:
        line, column = _error_position(err)
        raise UserError(
            f"{path}:{line}:{column}: not valid {fmt.name}: {_first_line(err.msg)}; "
            "fix the file there, or rebuild it with `skillgraph build`"
        ) from None
    except OSError as err:
        raise UserError(
            f"{path} cannot be read ({err.strerror or err}); check that it is a readable file, "
            "or rebuild it with `skillgraph build`"
        ) from None


def _error_position(err: SyntaxError) -> tuple[int, int]:
    if err.lineno is not None:
        return err.lineno, err.offset or 0
    match = re.search(r"line (\d+) column (\d+)", str(err))
    return (int(match[1]), int(match[2])) if match else (0, 0)


def store_of(triples: Iterable[ox.Triple]) -> ox.Store:
    """A store holding the triples in its default graph."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store


def triples_of(store: ox.Store) -> list[ox.Triple]:
    """The triples of the store's default graph."""
    return [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]


def to_rdflib(source: ox.Store | Iterable[ox.Triple]) -> rdflib.Graph:
    """A copy as an rdflib Graph (through N-Triples), for the Python API, SHACL and drawing.

    From a store, literals come back in the canonical form it keeps: "9.0"^^xsd:decimal is "9".
    """
    import rdflib

    triples = triples_of(source) if isinstance(source, ox.Store) else source
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")


def from_rdflib(graph: rdflib.Graph) -> ox.Store:
    """A pyoxigraph store holding the triples of an rdflib Graph."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


# --- querying --------------------------------------------------------------------------


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResult:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE); updates are refused.

    `default_graphs`/`named_graphs` are graph IRIs that define the dataset, as in the
    SPARQL protocol's default-graph-uri/named-graph-uri; by default the whole store.
    """
    try:
        raw = store.query(
            sparql,
            prefixes=PREFIXES,
            default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
        )
        return _read_result(raw)
    except SyntaxError as err:
        raise UserError(_query_error_message(sparql, err.msg)) from None
    except (OSError, ValueError) as err:
        raise UserError(f"the query failed: {err}") from None


def _read_result(raw: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(boolean=bool(raw))
    if isinstance(raw, ox.QueryTriples):
        return QueryResult(triples=tuple(raw))
    variables = tuple(v.value for v in raw.variables)
    rows = tuple(tuple(solution[v] for v in variables) for solution in raw)
    return QueryResult(variables=variables, rows=rows)


def _query_error_message(sparql: str, message: str) -> str:
    """The parser's message ("error at LINE:COLUMN: …") with the offending line and a caret."""
    text = f"malformed SPARQL query: {_first_line(message)}"
    match = re.search(r"(\d+):(\d+)", message)
    lines = sparql.splitlines()
    if match and 0 < int(match[1]) <= len(lines):
        line = lines[int(match[1]) - 1]
        caret = " " * display_width(line[: int(match[2]) - 1]) + "^"
        text += f"\n    {line}\n    {caret}"
    if UPDATE_KEYWORD.search(sparql):
        text += "\nnote: SPARQL Update is not supported; the graph is read-only"
    return text


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else message


# --- named queries -----------------------------------------------------------------------


def named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    """The queries in src/skillgraph/queries/NAME.rq, by name, in name order."""
    paths = sorted((directory or query_dir()).glob("*.rq"))
    return {p.stem: _read_named_query(p) for p in paths}


def _read_named_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    description = first.lstrip("#").strip() if first.startswith("#") else ""
    return NamedQuery(name=path.stem, description=description, text=text)


def named_query(name: str) -> NamedQuery:
    """The named query NAME, or a UserError listing the names there are."""
    queries = named_queries()
    if name not in queries:
        raise UserError(f"no named query {name!r}; available: {', '.join(queries)} (see `skillgraph queries`)")
    return queries[name]


def read_query_file(path: Path) -> str:
    """The text of a .rq file given with --file."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path} does not exist; give the path of a SPARQL query file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"{path} cannot be read as UTF-8 text ({err})") from None


# --- output ------------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result: table|csv|tsv|json for SELECT/ASK; a graph is always Turtle."""
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        return serialize(result, ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt == "table":
        return format_table(result)
    return serialize(result, _RESULTS_FORMATS[fmt]).decode("utf-8")


_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


def serialize(result: QueryResult, fmt: ox.QueryResultsFormat | ox.RdfFormat) -> bytes:
    """A result in a W3C format: SPARQL JSON/XML/CSV/TSV results, or an RDF syntax for graphs."""
    if result.kind == "graph":
        if not isinstance(fmt, ox.RdfFormat):
            raise ValueError(f"a graph result cannot be written as {fmt.name}")
        triples = sorted(result.triples or (), key=str)
        return ox.serialize(triples, format=fmt, prefixes=_used_prefixes(triples)) or b""
    if not isinstance(fmt, ox.QueryResultsFormat):
        raise ValueError(f"a {result.kind} result cannot be written as {fmt.name}")
    data = results_json(result).encode("utf-8")
    if fmt == ox.QueryResultsFormat.JSON:
        return data
    return ox.parse_query_results(data, ox.QueryResultsFormat.JSON).serialize(format=fmt) or b""


def results_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON, indented, keys in a fixed order."""
    if result.kind == "boolean":
        document: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {var: _json_term(term) for var, term in zip(result.variables, row) if term is not None}
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: _json_term(v) for k, v in parts.items()}}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        encoded["datatype"] = term.datatype.value
    return encoded


def _used_prefixes(triples: Sequence[ox.Triple]) -> dict[str, str]:
    """The vocabulary prefixes the triples use; instance IRIs stay whole (their "/" would need escaping)."""
    iris = {t.value for triple in triples for t in triple if isinstance(t, ox.NamedNode)}
    return {p: ns for p, ns in PREFIXES.items() if p != "id" and any(i.startswith(ns) for i in iris)}


# --- plain-text table --------------------------------------------------------------------


def format_table(result: QueryResult) -> str:
    """Aligned columns for a terminal; CJK characters count as two columns."""
    if result.kind == "boolean":
        return "true\n" if result.boolean else "false\n"
    header = list(result.variables)
    body = [[_cell(term) for term in row] for row in result.rows]
    widths = [max(display_width(c) for c in column) for column in zip(header, *body)] if header else []
    lines = [_table_line(header, widths), "  ".join("-" * w for w in widths).rstrip()]
    lines += [_table_line(cells, widths) for cells in body]
    count = len(body)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(pad(c, w) for c, w in zip(cells, widths)).rstrip()


def _cell(term: Term | None) -> str:
    text = " ".join(show_term(term).split()) if term is not None else ""
    return truncate(text, MAX_CELL_WIDTH)


def show_term(term: Term) -> str:
    """A short human form: prefixed IRIs, a literal's text, _:blank, << triple >>."""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value) or f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return "<< " + " ".join(show_term(t) for t in term) + " >>"
    return term.value


def char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def truncate(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        if used + char_width(char) > width - 1:
            break
        out.append(char)
        used += char_width(char)
    return "".join(out) + "…"
