"""Checks on a SPARQL query's text before any engine parses it.

Oxigraph's parser and planner recurse once per nesting level and plan joins in time that
grows fast with the number of patterns: 3,000 nested `{}` or 10,000 FILTERs overflow the
stack (SIGSEGV), 150 triple patterns take half a minute to plan. A read-only endpoint
must also never follow SERVICE (an outbound request to any URL: SSRF) nor run an update.
`check_query` tokenizes the text as the SPARQL grammar does (strings, IRIs, comments,
names) and refuses such a query with a UserError that says what to change.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from skillgraph.errors import UserError

MAX_DEPTH = 64  # nested { ( [
MAX_TERMS = 600  # variables, IRIs, names and literals: about 200 triple patterns
UPDATE_WORDS = frozenset({"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"})

TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<name>(?:[\w\-.:%\u00b7\u0300-\u036f\u203f\u2040]|\\[_~.\-!$&'()*+,;=/?\#@%])+)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
TERM_KINDS = frozenset({"string", "iri", "variable", "name"})
WORD_CHAR = re.compile(r"\w")  # a name of punctuation only ("." "-") is an operator, not a term


@dataclass(frozen=True)
class QueryShape:
    depth: int  # deepest nesting of { ( [
    terms: int  # variables, IRIs, names and literals
    bare_words: tuple[str, ...]  # names without a prefix: keywords, functions, numbers, lowercased


def shape(sparql: str) -> QueryShape:
    """The nesting depth, term count and bare words of a query, read as SPARQL tokenizes it."""
    depth = deepest = terms = 0
    words = []
    for match in TOKEN.finditer(sparql):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
        elif kind in TERM_KINDS and WORD_CHAR.search(text := match.group()):
            terms += 1
            if kind == "name" and ":" not in text:
                words.append(text.lower())
    return QueryShape(depth=deepest, terms=terms, bare_words=tuple(words))


def check_query(sparql: str, max_depth: int = MAX_DEPTH, max_terms: int = MAX_TERMS) -> None:
    """Refuse, with a UserError, a query that is too deep or too large, uses SERVICE, or updates."""
    found = shape(sparql)
    if found.depth > max_depth:
        raise UserError(f"the query nests {{ ( [ {found.depth} levels deep; at most {max_depth} are allowed, "
                        "flatten the query")
    if found.terms > max_terms:
        raise UserError(f"the query has {found.terms} terms; at most {max_terms} are allowed, "
                        "split it into smaller queries")
    # A bare word containing "service" (SERVICE, 1SERVICE, trueSERVICE all parse as the keyword).
    if any("service" in word for word in found.bare_words):
        raise UserError("SERVICE (federated query) is not allowed: this endpoint never fetches other URLs; "
                        "query the other endpoint yourself")
    updates = sorted({word.upper() for word in found.bare_words if word in UPDATE_WORDS})
    if updates:
        raise UserError(f"{', '.join(updates)}: SPARQL Update is not supported; the graph is read-only")


def paged(sparql: str, limit: int | None, offset: int | None) -> str:
    """The query with LIMIT and OFFSET appended; a UserError if it ends with its own."""
    if limit is None and offset is None:
        return sparql
    tail: list[str] = []
    for match in TOKEN.finditer(sparql):
        if match.lastgroup in ("open", "close"):
            tail = []
        elif match.lastgroup == "name":
            tail.append(match.group().lower())
    if "limit" in tail or "offset" in tail:
        raise UserError("the query has its own LIMIT or OFFSET; remove it, or leave out --limit and --offset")
    clauses = ([f"LIMIT {limit}"] if limit is not None else []) + ([f"OFFSET {offset}"] if offset is not None else [])
    return sparql.rstrip() + "\n" + " ".join(clauses) + "\n"
