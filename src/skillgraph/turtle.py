"""The one Turtle writer, for `build` and `export`: the same graph always gives the same bytes.

Written in one sorted pass (subjects by IRI; rdf:type first, then properties and objects in
order), which stays linear where general serializers do not. Vocabulary terms are written
with their prefix, instance IRIs whole (they hold Chinese names and slashes). Decimals are
written in one form (16000.0), whether they come from the build or from a store that keeps
them canonical (16000).

A build renders each document's triples where it extracts them (`render`): the subjects
that belong to the document (its node and the IRIs under it) become finished blocks of
text, which `TurtleWriter` spills to a file; only the subjects documents share (agencies,
places …) are kept until the end, when everything is merged in subject order.
"""
from __future__ import annotations

import heapq
import io
import mmap
import struct
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import IO, NamedTuple

import pyoxigraph as ox

from .normalize import plain
from .rdf import Terms
from .vocab import ID, PREFIXES, RDF, XSD, vocabulary_name

TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "id"}
HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(TURTLE_PREFIXES.items()))
RDF_TYPE = RDF + "type"
XSD_STRING, XSD_DECIMAL = XSD + "string", XSD + "decimal"
DOCUMENT_PREFIX = ID + "doc/"
DOC_TERM = "<" + DOCUMENT_PREFIX  # an object term that may be a document's node or under one
SHARED_GRAPH = ID + "shared"  # the store's graph of what is said of a shared thing alone
LENGTHS = struct.Struct("<II")  # a spilled block's entry in its run's index: its subject's and its text's byte lengths

Pair = tuple[bool, str, str]  # (not rdf:type, predicate, object), as written


def quoted(text: str) -> str:
    """A Turtle string: long quotes for text with line breaks (a quote keeps its lines)."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + '\\"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


def term(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(node, ox.NamedNode):
        return f"<{node.value}>" if node.value.startswith(ID) else _vocabulary_term(node.value)
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    if isinstance(node, ox.Literal):
        if node.language:
            return f"{quoted(node.value)}@{node.language}"
        datatype = node.datatype.value
        if datatype == XSD_STRING:
            return quoted(node.value)
        value = plain(Decimal(node.value)) if datatype == XSD_DECIMAL else node.value
        return f"{quoted(value)}^^{vocabulary_name(datatype) or f'<{datatype}>'}"
    raise ValueError(f"RDF-star triples cannot be written as Turtle 1.1: {node}")


def document_of(iri: str) -> str:
    """The document an IRI belongs to (id:doc/D for id:doc/D and id:doc/D/…), or ""."""
    if not iri.startswith(DOCUMENT_PREFIX):
        return ""
    end = iri.find("/", len(DOCUMENT_PREFIX))
    return iri if end < 0 else iri[:end]


@cache
def _vocabulary_term(iri: str) -> str:
    return vocabulary_name(iri) or f"<{iri}>"


def block(subject: str, pairs: Iterable[Pair]) -> str:
    """One subject with all its properties, as written between blank lines."""
    ordered = sorted(pairs)
    lines = ["", subject]
    for i, (_, p, o) in enumerate(ordered):
        same = i > 0 and ordered[i - 1][1] == p
        end = " ." if i == len(ordered) - 1 else (" ," if ordered[i + 1][1] == p else " ;")
        lines.append(("        " if same else f"    {'a' if p == 'rdf:type' else p} ") + o + end)
    return "\n".join(lines) + "\n"


@dataclass
class Rendered:
    """Triples as Turtle text: finished blocks of the subjects one document owns, sorted by IRI,
    and the pairs of subjects documents may share (merged across documents before writing)."""

    own: list[tuple[str, bytes]] = field(default_factory=list)  # (subject IRI, its block in UTF-8)
    own_triples: int = 0
    shared: dict[str, tuple[str, set[Pair]]] = field(default_factory=dict)  # IRI → (subject, pairs)


def render(triples: Iterable[ox.Triple], own_prefix: str | None = None) -> Rendered:
    """Render triples; subjects that are `own_prefix` or under it (`own_prefix/…`) are finished."""
    grouped: dict[str, tuple[str, set[Pair]]] = {}
    for t in triples:
        if isinstance(t.subject, ox.Triple):
            raise ValueError(f"RDF-star triples cannot be written as Turtle 1.1: {t.subject}")
        key = t.subject.value
        entry = grouped.get(key)
        if entry is None:
            entry = grouped[key] = (term(t.subject), set())
        entry[1].add((t.predicate.value != RDF_TYPE, term(t.predicate), term(t.object)))
    return _finished(grouped, own_prefix)


def render_text(triples: Iterable[tuple[str, str, str]], own_prefix: str | None = None) -> Rendered:
    """`render` for triples whose terms are already their Turtle text (`TEXT`): the same bytes,
    without making a pyoxigraph object for each term first."""
    grouped: dict[str, tuple[str, set[Pair]]] = {}
    for s, p, o in triples:
        entry = grouped.get(s)
        if entry is None:
            entry = grouped[s] = (s, set())
        entry[1].add((p != "rdf:type", p, o))
    return _finished({_iri_of(s): entry for s, entry in grouped.items()}, own_prefix)


def _iri_of(text: str) -> str:
    """The IRI a term's text writes (<…> or a prefixed name)."""
    if text.startswith("<"):
        return text[1:-1]
    prefix, _, local = text.partition(":")
    return TURTLE_PREFIXES[prefix] + local


def _finished(grouped: dict[str, tuple[str, set[Pair]]], own_prefix: str | None) -> Rendered:
    rendered = Rendered()
    for key in sorted(grouped):
        if own_prefix is not None and (key == own_prefix or key.startswith(own_prefix + "/")):
            rendered.own.append((key, block(*grouped[key]).encode()))
            rendered.own_triples += len(grouped[key][1])
        else:
            rendered.shared[key] = grouped[key]
    return rendered


class TextTerms(Terms[str, tuple[str, str, str]]):
    """Terms as the text `term` writes for them, for `rdf.emit` and `render_text`."""

    def node(self, iri: str) -> str:
        return f"<{iri}>" if iri.startswith(ID) else _vocabulary_term(iri)

    def literal(self, value: str, language: str = "", datatype: str = "") -> str:
        if language:
            return f"{quoted(value)}@{language}"
        if not datatype or datatype == XSD_STRING:
            return quoted(value)
        if datatype == XSD_DECIMAL:
            value = plain(Decimal(value))
        return f"{quoted(value)}^^{_vocabulary_term(datatype)}"

    def triple(self, s: str, p: str, o: str) -> tuple[str, str, str]:
        return s, p, o


TEXT = TextTerms()


class TurtleWriter:
    """Collects rendered documents and writes one Turtle file in subject order. With a `spill`
    file, each document's finished blocks go there at once, so memory holds only the shared
    subjects.

    With a `dataset`, the same triples are written as TriG in the on-disk store's layout too
    (`store.quads`: each in the named graph of its subject's document, else of its object's,
    else id:shared), so the store bulk loads them as they are: as a document arrives, its own
    blocks and the shared subjects' triples about it; the rest of the shared subjects' at the
    end, before the Turtle is written."""

    def __init__(self, spill: IO[bytes] | None = None, dataset: TrigParts | None = None) -> None:
        self._spill, self._dataset = spill, dataset
        # each document's blocks: (first IRI, last IRI, the blocks in memory or where they are in the spill)
        self._runs: list[tuple[str, str, list[tuple[str, bytes]] | Spilled]] = []
        self._shared: dict[str, tuple[str, set[Pair]]] = {}
        self._own_triples = 0

    @property
    def triples(self) -> int:
        return self._own_triples + sum(len(pairs) for _, pairs in self._shared.values())

    def add(self, rendered: Rendered) -> None:
        self._own_triples += rendered.own_triples
        if rendered.own:  # one document's blocks
            span = rendered.own[0][0], rendered.own[-1][0]
            if self._spill is None:
                self._runs.append((*span, rendered.own))
            else:  # an index of the subjects, then the blocks' text, which a document alone in its range is copied as
                index = []
                for iri, data in rendered.own:
                    key = iri.encode()
                    index.append(LENGTHS.pack(len(key), len(data)) + key)
                start = self._spill.tell()
                self._spill.write(b"".join(index))
                text = self._spill.tell()
                self._spill.write(b"".join(data for _, data in rendered.own))
                self._runs.append((*span, Spilled(start, text, self._spill.tell())))
            graph = document_of(rendered.own[0][0])
            if self._dataset is not None and graph not in self._dataset.skip:
                self._dataset.add(graph, b"".join(data for _, data in rendered.own))
        for iri, (subject, pairs) in rendered.shared.items():
            entry = self._shared.get(iri)
            if entry is None:
                self._shared[iri] = (subject, set(pairs))
            else:
                entry[1].update(pairs)
            if self._dataset is not None and not document_of(iri):
                _add_to_documents_graphs(self._dataset, subject, pairs)

    def _in_subject_order(self, subjects: list[str], spilled: mmap.mmap | None) -> Iterator[bytes]:
        """Every block, the shared subjects' and the documents', in subject order. A document's
        blocks whose IRIs no other document's fall between are read through as they are; those
        of documents whose IRIs interleave (doc/x, doc/x.txt, doc/x/…) are merged, with the
        shared subjects among them."""

        def blocks(run: list[tuple[str, bytes]] | Spilled) -> Iterator[tuple[str, bytes]]:
            return iter(run) if isinstance(run, list) else _spilled_run(spilled, run)

        def whole(run: list[tuple[str, bytes]] | Spilled) -> bytes:
            if isinstance(run, list):
                return b"".join(data for _, data in run)
            assert spilled is not None
            return spilled[run.text : run.end]

        def shared(iris: list[str]) -> Iterator[tuple[str, bytes]]:
            return ((iri, block(*self._shared[iri]).encode()) for iri in iris)

        runs, i, at = sorted(self._runs, key=itemgetter(0)), 0, 0
        while i < len(runs):
            first, last, j = runs[i][0], runs[i][1], i + 1
            while j < len(runs) and runs[j][0] <= last:  # documents whose IRIs interleave
                last, j = max(last, runs[j][1]), j + 1
            before = bisect_left(subjects, first, at)
            inside = bisect_right(subjects, last, before)
            yield from (data for _, data in shared(subjects[at:before]))
            if j == i + 1 and before == inside:
                yield whole(runs[i][2])
            else:
                group = heapq.merge(shared(subjects[before:inside]), *(blocks(run[2]) for run in runs[i:j]),
                                    key=itemgetter(0))
                yield from (data for _, data in group)
            i, at = j, inside
        yield from (data for _, data in shared(subjects[at:]))

    def write(self, out: IO[bytes]) -> None:
        """The rest of the TriG into the dataset, which is then closed (so that a store loads it
        meanwhile), and the Turtle into `out`."""
        subjects = sorted(self._shared)
        if self._dataset is not None:
            for iri in subjects:
                subject, pairs = self._shared[iri]
                own = document_of(iri)  # a document's subject said elsewhere too: all in its graph
                rest = pairs if own else {pair for pair in pairs if not pair[2].startswith(DOC_TERM)}
                if rest:
                    self._dataset.add(own or SHARED_GRAPH, block(subject, rest).encode())
            self._dataset.close()
        out.write(HEADER.encode())
        spilled = None
        if self._spill is not None and self._spill.tell():
            self._spill.flush()
            spilled = mmap.mmap(self._spill.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            for text in self._in_subject_order(subjects, spilled):
                out.write(text)
        finally:
            if spilled is not None:
                spilled.close()


def _add_to_documents_graphs(dataset: TrigParts, subject: str, pairs: set[Pair]) -> None:
    """A shared subject's triples whose object is a document's (its mentions,
    prov:wasDerivedFrom), each in that document's graph; its others go to id:shared at the
    end (`TurtleWriter.write`)."""
    graphs: dict[str, set[Pair]] = {}
    for pair in pairs:
        if pair[2].startswith(DOC_TERM):
            graph = document_of(pair[2][1:-1])
            if graph not in dataset.skip:  # a graph the store keeps: not written again
                graphs.setdefault(graph, set()).add(pair)
    for graph, part in sorted(graphs.items()):
        dataset.add(graph, block(subject, part).encode())


class TrigParts:
    """Blocks of text written as TriG graph blocks into streams that `open_part` opens: one,
    or (with `part_bytes`) a new one once one holds that many bytes, every part whole TriG, so
    a store can load a large graph part by part, in bounded memory. Each part, once written,
    is handed to `finished`; `close` hands over the last and then calls `ended`. The blocks of
    the graphs in `skip` (those a store keeps from its last build) are left out."""

    def __init__(self, open_part: Callable[[], IO[bytes]], part_bytes: int = 0,
                 finished: Callable[[IO[bytes]], None] | None = None, skip: frozenset[str] = frozenset(),
                 ended: Callable[[], None] | None = None) -> None:
        self.open_part, self.part_bytes, self.finished, self.skip, self.ended = open_part, part_bytes, finished, skip, ended
        self.stream: IO[bytes] | None = None
        self.graph, self.written = "", 0  # the graph block open, the bytes in this part

    def add(self, graph: str, data: bytes) -> None:
        if graph in self.skip:
            return
        if self.stream is None or (self.part_bytes and self.written >= self.part_bytes):
            self._end_part()
            self.stream = self.open_part()
            self.stream.write(HEADER.encode())
            self.written = 0
        if graph != self.graph:
            self.stream.write(b"%s<%s> {\n" % (b"}\n" if self.graph else b"", graph.encode()))
            self.graph = graph
        self.stream.write(data)
        self.written += len(data)

    def close(self) -> None:
        """Hand over the last part: no more come."""
        self._end_part()
        if self.ended is not None:
            self.ended()

    def _end_part(self) -> None:
        """End the part being written and hand it over."""
        if self.stream is not None:
            if self.graph:
                self.stream.write(b"}\n")
            if self.finished is not None:
                self.stream.flush()
                self.finished(self.stream)
        self.stream, self.graph = None, ""


class Spilled(NamedTuple):
    """Where a document's blocks are in the spill: its index from `start`, their text from `text` to `end`."""

    start: int
    text: int
    end: int


def _spilled_run(spilled: mmap.mmap | None, run: Spilled) -> Iterator[tuple[str, bytes]]:
    assert spilled is not None
    at, data = run.start, run.text
    while at < run.text:
        key_length, data_length = LENGTHS.unpack_from(spilled, at)
        at += LENGTHS.size
        iri = spilled[at : at + key_length].decode()
        at += key_length
        yield iri, spilled[data : data + data_length]
        data += data_length


def to_turtle(triples: Iterable[ox.Triple]) -> str:
    writer = TurtleWriter()
    writer.add(render(triples))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue().decode("utf-8")
