"""Plain data classes that flow between the stages (docs/architecture.md).

    read(path) -> Doc                                  document.py
    extract(Doc) -> DocumentFacts                      extractors/
    resolve(list[DocumentFacts]) -> Entities            resolve.py
    to_rdf(Entities) -> triples                        rdf.py

The components of extraction write `Mention`s, `Fact`s and `Figure`s onto the Doc, each
pointing at character spans of the text; `DocumentFacts` is what they found, with the text
and sentences provenance needs and no reference back to the Doc; resolution groups mentions
into `Entity`s and figures into `Statistic`s.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import NamedTuple

SELF_REFERENCE = "self"  # the entity_key of 我局, 本局 …: whoever issued the document


class Span(NamedTuple):
    """A half-open range of Unicode code points in the document's decoded text (a named tuple:
    a document makes one for each of its words, and a tuple is made in half the time of a
    frozen dataclass)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that names an entity of an ontology class.

    `label` is the name as it should be shown (it may differ from `span.text`, e.g. a
    title without its brackets). `entity_key` says which entity it names: mentions of one
    class with one entity_key are one entity. It is the canonical name (公共实训基地 for
    县级公共实训基地), an agency's `region|core|suffix` (vocab.AgencyKey), SELF_REFERENCE,
    or a slot of this document ("reply", "measure-3", "award-674"); empty means the label,
    normalised.
    """

    cls: str
    label: str
    span: Span
    entity_key: str = ""

    @property
    def is_self_reference(self) -> bool:
        return self.entity_key == SELF_REFERENCE


@dataclass(frozen=True, slots=True)
class Fact:
    """A relation (object is a Mention) or a literal (object is a str) about a mention."""

    subject: Mention
    predicate: str
    object: Mention | str


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported number: 1000多万元 补贴资金 → 10000000 元, AtLeast."""

    value: Decimal
    unit: str
    qualifier: str  # "Exact" | "AtLeast" | "AtMost" | "Approximately"
    indicator: str
    span: Span
    period_start: str | None = None
    counts: Mention | None = None
    year: str | None = None  # the year the sentence gives the figure (2023年…培训4.2万人次)
    is_target: bool = False  # a planned figure (力争到2025年…, 计划…), not a result


@dataclass(frozen=True, slots=True)
class Identity:
    """The document itself (its Reply mention), who issued it, and when (an ISO date)."""

    reply: Mention
    issuer: Mention | None
    date: str | None


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
        return [m for _, m in (sorted(found, key=itemgetter(0)) if len(classes) > 1 else found)]

    def all(self) -> list[Mention]:
        """Every mention, in the order found."""
        return self.of(*self._by_class)

    def check_readable(self, cls: str) -> None:
        if self.readable is not None and cls not in self.readable:
            raise RuntimeError(f"reads {cls} mentions without declaring them; add {cls} to its requires")


def sentence_at(sentences: list[Span], offset: int, text_length: int) -> Span:
    """The sentence that contains `offset` (the whole text where there are no sentences)."""
    if not sentences:
        return Span(0, text_length, "")
    return sentences[max(0, bisect.bisect_right(sentences, offset, key=attrgetter("start")) - 1)]


@dataclass
class DocumentFacts:
    """What extraction found in one document, before resolution: plain, picklable data."""

    doc_id: str
    source_file: str | None  # the file's name, where it came from a file
    source: str  # the text exactly as decoded: provenance quotes it
    sentences: list[Span]
    mentions: list[Mention]  # in the order found
    facts: list[Fact]
    figures: list[Figure]
    issuer: Mention | None

    def sentence_at(self, offset: int) -> Span:
        return sentence_at(self.sentences, offset, len(self.source))


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
class ResolvedDocument:
    """One document, resolved: entities, relations and literals between them, statistics,
    and the text and sentences their provenance points into."""

    doc_id: str
    source_file: str | None
    source: str
    sentences: list[Span]
    entities: list[Entity]
    relations: list[tuple[str, str, str]]  # (subject id, property, object id)
    literals: list[tuple[str, str, str]]  # (subject id, property, lexical value)
    statistics: list[Statistic]

    def sentence_at(self, offset: int) -> Span:
        return sentence_at(self.sentences, offset, len(self.source))


@dataclass
class Entities:
    """Every document, resolved. Things that recur across documents share an id (an IRI
    from their canonical name), so the same agency is one node whichever document names it."""

    documents: list[ResolvedDocument]
