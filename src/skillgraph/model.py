"""Plain data classes that flow through the pipeline.

A `Doc` (see document.py) is read once; extractors turn it into `Mention`s, `Fact`s and
`Figure`s that point at character spans of the original text; resolve.py groups mentions
into `Entity`s; rdf.py maps the result to triples.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range of Unicode code points in the document's decoded text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One place in the text that names an entity of an ontology class.

    `label` is the name as it should be shown (it may differ from `span.text`, e.g. a
    title without its brackets); `key` is a resolution hint: mentions of one class with
    the same key are one entity.
    """

    cls: str
    label: str
    span: Span
    key: str = ""


@dataclass(frozen=True)
class Fact:
    """A relation (object is a Mention) or a literal (object is a str) about a mention."""

    subject: Mention
    predicate: str
    object: Mention | str


@dataclass(frozen=True)
class Figure:
    """One reported number: 1000多万元 补贴资金 → 10000000 元, AtLeast."""

    value: Decimal
    unit: str
    qualifier: str  # "Exact" | "AtLeast" | "Approximately"
    indicator: str
    span: Span
    period_start: str | None = None
    counts: Mention | None = None


class Mentions:
    """The mentions found in one document, in the order found, indexed by class (the model is
    spaCy's `doc.spans`). While a component runs, `readable` and `writable` hold the classes it
    declared; reading or writing any other class raises, so the declared order is the real one."""

    def __init__(self) -> None:
        self._by_class: dict[str, list[tuple[int, Mention]]] = {}
        self._count = 0
        self.readable: frozenset[str] | None = None
        self.writable: frozenset[str] | None = None

    def add(self, mentions: Iterable[Mention]) -> None:
        for m in mentions:
            if self.writable is not None and m.cls not in self.writable:
                raise RuntimeError(f"writes {m.cls} mentions without declaring them; add {m.cls} to its assigns")
            self._by_class.setdefault(m.cls, []).append((self._count, m))
            self._count += 1

    def of(self, *classes: str) -> list[Mention]:
        """The mentions of these classes found so far, in the order found."""
        for cls in classes:
            self.check_readable(cls)
        found = [pair for cls in classes for pair in self._by_class.get(cls, [])]
        return [m for _, m in (sorted(found, key=lambda pair: pair[0]) if len(classes) > 1 else found)]

    def all(self) -> list[Mention]:
        return self.of(*self._by_class)

    def check_readable(self, cls: str) -> None:
        if self.readable is not None and cls not in self.readable:
            raise RuntimeError(f"reads {cls} mentions without declaring them; add {cls} to its requires")


@dataclass
class Entity:
    """A resolved node: one thing, however many times and names the text uses for it."""

    id: str  # the local part of its IRI, e.g. "agency/咸阳市人力资源和社会保障局"
    cls: str
    label: str
    alt_labels: list[str]
    mentions: list[Span]


@dataclass
class Statistic:
    """One reported fact; `mentions` holds every place the text reports it."""

    id: str
    figure: Figure
    counts: str | None  # entity id
    mentions: list[Span]


@dataclass
class Graph:
    """One document, resolved: entities, relations and literals between them, statistics."""

    doc_id: str
    entities: list[Entity]
    relations: list[tuple[str, str, str]]  # (subject id, property, object id)
    literals: list[tuple[str, str, str]]  # (subject id, property, lexical value)
    statistics: list[Statistic]
    sentences: list[Span]
