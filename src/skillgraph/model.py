"""Plain data classes that flow through the pipeline.

A `Doc` (see document.py) is read once; extractors turn it into `Mention`s, `Fact`s and
`Figure`s that point at character spans of the original text; resolve.py groups mentions
into `Entity`s; rdf.py maps the result to triples.
"""
from __future__ import annotations

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


@dataclass
class Extraction:
    """Everything the extractors found in one document, before resolution."""

    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def add(self, other: "Extraction") -> None:
        self.mentions += other.mentions
        self.facts += other.facts
        self.figures += other.figures


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
