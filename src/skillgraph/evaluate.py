"""Score a graph built from one document against that document's gold annotation.

A gold file lists entities (`id`, `class`, `labels`, `optional`; an Award has
`awarded_to` and `level` instead of labels), statistics (`value`, `unit`, `qualifier`,
`indicator`, optional `period_start` and `counts`), relations `[subject, property, object]`
and literals `[subject, property, value]`. The matching rules:

- Labels match after NFKC, with white space and 《》“”"「」 removed; a Measure label also
  matches where one of the two begins with the other, if the shorter has 4 characters or more.
- A node counts for class C where it is typed C, or typed a (transitive) subclass of C
  that the gold does not score itself.
- Nodes are taken in IRI order; each takes the first gold item (in gold order) it matches
  that is still free. A node that matches only taken items is a duplicate, and a false
  positive unless those items are all optional; a node that matches nothing is a false
  positive. Optional items are neither credited nor penalised.
- An Award matches through `sg:awardedTo` (the node assigned to its `awarded_to`) and its
  level, which its label or `sg:awardLevel` must contain.
- A statistic matches on value, unit and indicator (the gold phrase occurs in the node's
  `sg:indicator`); qualifier, period and counted entity are then scored as attributes.
- A relation counts where both ends are assigned nodes; precision is over the predicted
  triples of the gold's properties whose ends are both assigned to gold entities.
- Literals are scored for recall: the gold lists the values that matter, and an unlisted
  value is not an error. `date` is also read from dcterms:date, `year` from any date
  (a year matches a value that begins with it), and numbers compare by value.
- Relations and literals that touch an optional entity are left out.
- The headline is micro-F1 over entities, statistics, relations and literals together.
- With the document's text, each assigned node's mentions are checked: a span is verified
  where `sg:anchorOf` is exactly the text between `sg:beginIndex` and `sg:endIndex`.
"""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

import yaml
from rdflib import RDF, RDFS, SKOS, Graph, Namespace
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from .errors import UserError
from .resources import SG as SG_IRI

SG = Namespace(SG_IRI)
MARKS = set('《》“”"「」')
QUALIFIERS = {"exact": "Exact", "at_least": "AtLeast", "approximately": "Approximately"}
LITERAL_SOURCES = {"date": (SG.date, DCTERMS.date), "year": (SG.year, SG.date, DCTERMS.date)}
DOCUMENT_SUFFIXES = (".txt", ".html")
MIN_PREFIX = 4  # a Measure headline shorter than this is too vague to match by prefix


# --- results -----------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}

    def line(self) -> str:
        return (f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(tp {self.tp} fp {self.fp} fn {self.fn})")


@dataclass
class Attribute:
    """How many matched statistics got one attribute right, of those the gold gives it for."""

    correct: int = 0
    total: int = 0


@dataclass
class Provenance:
    verified: int  # assigned nodes with at least one verified span
    matched: int  # assigned nodes
    wrong_spans: int  # their mentions whose span does not hold


@dataclass(frozen=True)
class Item:
    """A missed gold item or an extra predicted one: `kind` is a class, "relation" or "literal"."""

    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


@dataclass
class Score:
    document: str
    classes: dict[str, Counts]
    statistics: Counts
    attributes: dict[str, Attribute]  # "qualifier", "period_start", "counts"
    relations: Counts
    literals: Counts
    provenance: Provenance | None  # None when scored without the text
    missed: list[Item]
    extra: list[Item]

    @property
    def entities(self) -> Counts:
        return sum(self.classes.values(), Counts())

    @property
    def overall(self) -> Counts:
        return self.entities + self.statistics + self.relations + self.literals

    @property
    def headline(self) -> float:
        return self.overall.f1

    def text(self, verbose: bool = False) -> str:
        lines = [f"document: {self.document}"]
        lines += [f"{name:<12}{counts.line()}" for name, counts in self.sections().items()]
        lines += [f"  {cls:<18}{self.classes[cls].line()}" for cls in sorted(self.classes)]
        attributes = ", ".join(f"{name} {a.correct}/{a.total}" for name, a in self.attributes.items())
        lines.append(f"statistic attributes: {attributes or '-'}")
        if (p := self.provenance) is not None:
            lines.append(f"provenance: {p.verified}/{p.matched} matched nodes with a verified span, "
                         f"{p.wrong_spans} wrong spans")
        lines.append(f"headline micro-F1: {self.headline:.3f}")
        if verbose:
            lines += [f"  missed  {item}" for item in self.missed]
            lines += [f"  extra   {item}" for item in self.extra]
        return "\n".join(lines)

    def sections(self) -> dict[str, Counts]:
        return {"entities": self.entities, "statistics": self.statistics,
                "relations": self.relations, "literals": self.literals}

    def as_dict(self) -> dict:
        p = self.provenance
        return {
            "document": self.document,
            "headline_f1": round(self.headline, 4),
            "overall": self.overall.as_dict(),
            **{name: counts.as_dict() for name, counts in self.sections().items()},
            "per_class": {cls: counts.as_dict() for cls, counts in sorted(self.classes.items())},
            "statistic_attributes": {name: {"correct": a.correct, "total": a.total}
                                     for name, a in self.attributes.items()},
            "provenance": None if p is None else {"verified": p.verified, "matched": p.matched,
                                                  "wrong_spans": p.wrong_spans},
            "missed": [str(item) for item in self.missed],
            "extra": [str(item) for item in self.extra],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


@dataclass
class CorpusScore:
    documents: list[Score]

    @property
    def mean_headline(self) -> float:
        return sum(s.headline for s in self.documents) / len(self.documents) if self.documents else 0.0

    def pooled(self) -> dict[str, Counts]:
        """Counts of each section summed over all documents, and their total."""
        pooled = {name: Counts() for name in ("entities", "statistics", "relations", "literals")}
        for s in self.documents:
            for name, counts in s.sections().items():
                pooled[name] += counts
        return pooled | {"overall": sum(pooled.values(), Counts())}

    @property
    def headline(self) -> float:
        """Micro-F1 pooled over every gold item of every document."""
        return self.pooled()["overall"].f1

    def text(self) -> str:
        names = ["document", "micro (pooled)", "mean headline", *(s.document for s in self.documents)]
        width = max(map(len, names)) + 2

        def row(name: str, cells: list[str]) -> str:
            line = f"{name:<{width}}" + "".join(f"{c:>12}" for c in cells[:-1]) + f"{cells[-1]:>16}"
            return line.rstrip()

        lines = [row("document", ["entities", "statistics", "relations", "literals", "headline",
                                  "verified spans"])]
        for s in self.documents:
            cells = [f1(c) for c in (*s.sections().values(), s.overall)]
            lines.append(row(s.document, cells + [spans(s.provenance)]))
        pooled = self.pooled()
        checked = [s.provenance for s in self.documents if s.provenance is not None]
        total = Provenance(*(sum(getattr(p, name) for p in checked)
                             for name in ("verified", "matched", "wrong_spans"))) if checked else None
        lines.append(row("micro (pooled)", [f1(c) for c in pooled.values()] + [spans(total)]))
        lines.append(row("mean headline", [""] * 4 + [f"{self.mean_headline:.3f}", ""]))
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            "documents": [s.as_dict() for s in self.documents],
            "mean_headline_f1": round(self.mean_headline, 4),
            "micro_f1": round(self.headline, 4),
            "pooled": {name: counts.as_dict() for name, counts in self.pooled().items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def f1(counts: Counts) -> str:
    """F1 for a table cell: "-" where there is nothing to score."""
    return f"{counts.f1:.3f}" if counts != Counts() else "-"


def spans(p: Provenance | None) -> str:
    return f"{p.verified}/{p.matched}" if p else "-"


# --- the gold annotation -----------------------------------------------------------


@dataclass(frozen=True)
class GoldEntity:
    id: str
    cls: str
    labels: tuple[str, ...]  # normalised, in gold order
    optional: bool = False
    awarded_to: str | None = None  # Award only
    level: str | None = None  # Award only, normalised

    def describe(self) -> str:
        if self.cls == "Award":
            return f"{self.level} awarded to {self.awarded_to}"
        return self.labels[0]


@dataclass(frozen=True)
class GoldStatistic:
    id: str
    value: Decimal
    unit: str
    qualifier: str  # a local name: Exact, AtLeast, Approximately
    indicator: str
    period_start: str | None = None
    counts: str | None = None

    def describe(self) -> str:
        return f"{self.value} {self.unit} {self.indicator}"


@dataclass(frozen=True)
class Gold:
    document: str
    entities: list[GoldEntity]
    statistics: list[GoldStatistic]
    relations: list[tuple[str, str, str]]
    literals: list[tuple[str, str, str]]


def load_gold(path: Path | str) -> dict:
    """Read and check a gold file; the error names the file and what is wrong with it."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"gold file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"cannot read gold file {path}: {e}") from None
    except yaml.YAMLError as e:
        raise UserError(f"gold file {path} is not valid YAML: {e}") from None
    try:
        parse_gold(data)
    except UserError as e:
        raise UserError(f"gold file {path}: {e}") from None
    return data


def parse_gold(data: object) -> Gold:
    if not isinstance(data, dict):
        raise UserError("expected a mapping with entities, statistics, relations and literals")
    entities = [parse_entity(e) for e in section(data, "entities")]
    ids = {e.id for e in entities}
    if len(ids) < len(entities):
        raise UserError("entity ids are not unique")
    statistics = [parse_statistic(s, i) for i, s in enumerate(section(data, "statistics"))]
    triples = {name: [parse_triple(t, name) for t in section(data, name)]
               for name in ("relations", "literals")}
    known = ids | {s.id for s in statistics}
    refs = [e.awarded_to for e in entities if e.awarded_to] + [s.counts for s in statistics if s.counts]
    refs += [t[0] for t in triples["literals"]]
    refs += [end for t in triples["relations"] for end in (t[0], t[2])]
    if unknown := sorted(set(refs) - known):
        raise UserError(f"unknown entity ids: {', '.join(unknown)}")
    return Gold(str(data.get("document") or ""), entities, statistics,
                triples["relations"], triples["literals"])


def section(data: dict, name: str) -> list:
    items = data.get(name) or []
    if not isinstance(items, list):
        raise UserError(f"'{name}' must be a list")
    return items


def parse_entity(e: object) -> GoldEntity:
    if not isinstance(e, dict) or not e.get("id") or not e.get("class"):
        raise UserError(f"an entity needs an id and a class: {e!r}")
    common = {"id": str(e["id"]), "cls": str(e["class"]), "optional": bool(e.get("optional"))}
    if e["class"] == "Award":
        if not e.get("awarded_to") or not e.get("level"):
            raise UserError(f"Award {e['id']} needs awarded_to and level")
        return GoldEntity(labels=(), awarded_to=str(e["awarded_to"]),
                          level=normalise(str(e["level"])), **common)
    labels = e.get("labels")
    if not isinstance(labels, list) or not labels:
        raise UserError(f"entity {e['id']} needs a list of labels")
    return GoldEntity(labels=tuple(dict.fromkeys(normalised(str(label) for label in labels))), **common)


def parse_statistic(s: object, index: int) -> GoldStatistic:
    if not isinstance(s, dict) or not {"value", "unit", "qualifier", "indicator"} <= s.keys():
        raise UserError(f"a statistic needs value, unit, qualifier and indicator: {s!r}")
    if s["qualifier"] not in QUALIFIERS:
        raise UserError(f"statistic qualifier must be one of {', '.join(QUALIFIERS)}: {s!r}")
    value = decimal(s["value"])
    if value is None:
        raise UserError(f"statistic value is not a number: {s!r}")
    period = s.get("period_start")
    return GoldStatistic(str(s.get("id") or f"statistic {index + 1}"), value,
                         normalise(str(s["unit"])), QUALIFIERS[s["qualifier"]],
                         normalise(str(s["indicator"])), None if period is None else str(period),
                         s.get("counts") and str(s["counts"]))


def parse_triple(t: object, name: str) -> tuple[str, str, str]:
    if not isinstance(t, list) or len(t) != 3:
        raise UserError(f"each of {name} must be [subject id, property, object]: {t!r}")
    return str(t[0]), str(t[1]), str(t[2])


# --- text and values ------------------------------------------------------------------


def normalise(text: str) -> str:
    """NFKC, without white space and the marks 《》“”"「」."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text)
                   if not ch.isspace() and ch not in MARKS)


def normalised(texts: Iterable[str]) -> list[str]:
    """The non-empty normal forms of `texts`."""
    return [n for n in map(normalise, texts) if n]


def decimal(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def labels_match(cls: str, gold: Iterable[str], found: set[str]) -> bool:
    if not found.isdisjoint(gold):
        return True
    return cls == "Measure" and any(is_prefix(a, b) or is_prefix(b, a) for a in gold for b in found)


def is_prefix(short: str, long: str) -> bool:
    return len(short) >= MIN_PREFIX and long.startswith(short)


def literal_matches(prop: str, gold: str, found: str) -> bool:
    gold, found = normalise(gold), normalise(found)
    if gold == found or (prop == "year" and gold and found.startswith(gold)):
        return True
    number = decimal(gold)
    return number is not None and number == decimal(found)


# --- matching -------------------------------------------------------------------------

G = TypeVar("G", GoldEntity, GoldStatistic)


@dataclass
class Assignment:
    """The outcome of matching the nodes of one class against the gold items of that class."""

    taken: dict[str, Node] = field(default_factory=dict)  # gold id -> node
    extra: list[Node] = field(default_factory=list)  # match nothing
    duplicates: list[Node] = field(default_factory=list)  # match only taken, scored items


def assign(nodes: Iterable[Node], golds: list[G], matches: Callable[[Node, G], bool],
           optional: set[str]) -> Assignment:
    """Greedy one-to-one matching: nodes in IRI order, each takes its first free gold item."""
    result = Assignment()
    for node in sorted(set(nodes), key=str):
        candidates = [g for g in golds if matches(node, g)]
        free = next((g for g in candidates if g.id not in result.taken), None)
        if free:
            result.taken[free.id] = node
        elif not candidates:
            result.extra.append(node)
        elif not all(g.id in optional for g in candidates):
            result.duplicates.append(node)
    return result


def typed_nodes(graph: Graph, cls: str, scored: set[str]) -> set[Node]:
    """Nodes typed `cls`, or typed a subclass of it that the gold does not score."""
    target, scored_iris = SG[cls], {SG[c] for c in scored}
    nodes = set()
    for typ in set(graph.objects(None, RDF.type)):
        if typ == target or (typ not in scored_iris
                             and target in graph.transitive_objects(typ, RDFS.subClassOf)):
            nodes.update(graph.subjects(RDF.type, typ))
    return nodes


def node_labels(graph: Graph, node: Node) -> set[str]:
    return set(normalised(str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(node, p)))


def node_name(graph: Graph, node: Node) -> str:
    labels = sorted(str(o) for o in graph.objects(node, RDFS.label))
    return labels[0] if labels else str(node)


def entity_matcher(graph: Graph, cls: str, taken: dict[str, Node]) -> Callable[[Node, GoldEntity], bool]:
    if cls == "Award":
        def matches(node: Node, gold: GoldEntity) -> bool:
            names = " ".join(normalise(str(o)) for p in (RDFS.label, SG.awardLevel)
                             for o in graph.objects(node, p))
            winner = taken.get(gold.awarded_to)
            return winner is not None and (node, SG.awardedTo, winner) in graph and gold.level in names
        return matches
    return lambda node, gold: labels_match(cls, gold.labels, node_labels(graph, node))


def statistic_matches(graph: Graph, node: Node, gold: GoldStatistic) -> bool:
    values = {decimal(v) for v in graph.objects(node, SG.value)}
    units = {normalise(str(u)) for u in graph.objects(node, SG.unit)}
    indicators = [normalise(str(i)) for i in graph.objects(node, SG.indicator)]
    return gold.value in values and gold.unit in units and any(gold.indicator in i for i in indicators)


def attributes(graph: Graph, gold: list[GoldStatistic], taken: dict[str, Node],
               entities: dict[str, Node]) -> dict[str, Attribute]:
    """Qualifier, period and counted entity of each matched statistic, where the gold gives one."""
    result = {"qualifier": Attribute(), "period_start": Attribute(), "counts": Attribute()}
    for s in gold:
        node = taken.get(s.id)
        if node is None:
            continue
        checks = {"qualifier": (node, SG.qualifier, SG[s.qualifier]) in graph}
        if s.period_start is not None:
            checks["period_start"] = any(literal_matches("year", s.period_start, str(o))
                                         for o in graph.objects(node, SG.periodStart))
        if s.counts is not None:
            checks["counts"] = s.counts in entities and (node, SG.counts, entities[s.counts]) in graph
        for name, ok in checks.items():
            result[name].total += 1
            result[name].correct += ok
    return {name: a for name, a in result.items() if a.total}


def mention_holds(graph: Graph, mention: Node, text: str) -> bool:
    begin, end = (decimal(graph.value(mention, p)) for p in (SG.beginIndex, SG.endIndex))
    anchor = graph.value(mention, SG.anchorOf)
    if begin is None or end is None or anchor is None or not 0 <= begin <= end <= len(text):
        return False
    return begin == int(begin) and end == int(end) and text[int(begin):int(end)] == str(anchor)


def provenance(graph: Graph, nodes: set[Node], text: str) -> Provenance:
    verified = wrong = 0
    for node in nodes:
        holds = [mention_holds(graph, m, text) for m in graph.objects(node, SG.mention)]
        verified += any(holds)
        wrong += holds.count(False)
    return Provenance(verified, len(nodes), wrong)


# --- scoring --------------------------------------------------------------------------


@dataclass
class Part:
    """The counts of one section of a score, with what it missed and what it added."""

    counts: Counts = field(default_factory=Counts)
    missed: list[Item] = field(default_factory=list)
    extra: list[Item] = field(default_factory=list)


def score(gold: dict, graph: Graph, text: str | None = None) -> Score:
    """Score `graph`, built from one document, against that document's gold annotation.

    With `text` (the document's decoded text), provenance spans are checked too.
    """
    g = parse_gold(gold)
    optional = {e.id for e in g.entities if e.optional}
    classes, entities = match_entities(graph, g.entities, optional)
    statistics = assign(graph.subjects(RDF.type, SG.Statistic), g.statistics,
                        lambda node, gold: statistic_matches(graph, node, gold), set())
    scored = {gid: node for gid, node in entities.items() if gid not in optional}
    stats = statistics_part(graph, g.statistics, statistics)
    relations = relations_part(graph, g.relations, scored, optional)
    literals = literals_part(graph, g.literals, scored, optional)
    parts = [*classes.values(), stats, relations, literals]
    assigned = set(entities.values()) | set(statistics.taken.values())
    return Score(
        document=g.document,
        classes={cls: part.counts for cls, part in classes.items() if part.counts != Counts()},
        statistics=stats.counts,
        attributes=attributes(graph, g.statistics, statistics.taken, entities),
        relations=relations.counts,
        literals=literals.counts,
        provenance=None if text is None else provenance(graph, assigned, text),
        missed=[item for part in parts for item in part.missed],
        extra=[item for part in parts for item in part.extra],
    )


def match_entities(graph: Graph, gold: list[GoldEntity],
                   optional: set[str]) -> tuple[dict[str, Part], dict[str, Node]]:
    """Each class's part of the score, and the node assigned to each gold entity.

    Awards come last: they match through the node assigned to their winner.
    """
    classes = sorted(dict.fromkeys(e.cls for e in gold), key=lambda cls: cls == "Award")
    parts: dict[str, Part] = {}
    taken: dict[str, Node] = {}
    for cls in classes:
        golds = [e for e in gold if e.cls == cls]
        a = assign(typed_nodes(graph, cls, set(classes)), golds, entity_matcher(graph, cls, taken), optional)
        taken |= a.taken
        lost = [e for e in golds if not e.optional and e.id not in a.taken]
        found = sum(1 for e in golds if not e.optional and e.id in a.taken)
        parts[cls] = Part(Counts(found, len(a.extra) + len(a.duplicates), len(lost)),
                          [Item(cls, e.describe()) for e in lost],
                          [Item(cls, node_name(graph, n)) for n in a.extra]
                          + [Item(cls, f"{node_name(graph, n)} (duplicate)") for n in a.duplicates])
    return parts, taken


def statistics_part(graph: Graph, gold: list[GoldStatistic], a: Assignment) -> Part:
    lost = [s for s in gold if s.id not in a.taken]
    return Part(Counts(len(a.taken), len(a.extra) + len(a.duplicates), len(lost)),
                [Item("Statistic", s.describe()) for s in lost],
                [Item("Statistic", describe_statistic(graph, n)) for n in a.extra + a.duplicates])


def relations_part(graph: Graph, gold: list[tuple[str, str, str]], taken: dict[str, Node],
                   optional: set[str]) -> Part:
    """Recall over the gold relations; precision over predicted triples of the same properties."""
    scored = {(s, p, o) for s, p, o in gold if s not in optional and o not in optional}
    ids: dict[Node, list[str]] = {}
    for gid, node in taken.items():
        ids.setdefault(node, []).append(gid)
    part = Part()
    for s, p, o in sorted(scored):
        if s in taken and o in taken and (taken[s], SG[p], taken[o]) in graph:
            part.counts.tp += 1
        else:
            part.counts.fn += 1
            part.missed.append(Item("relation", f"{s} {p} {o}"))
    for p in sorted({p for _, p, _ in scored}):
        for a, b in graph.subject_objects(SG[p]):
            pairs = [(s, o) for s in ids.get(a, []) for o in ids.get(b, [])]
            if pairs and not any((s, p, o) in scored for s, o in pairs):
                part.counts.fp += 1
                part.extra.append(Item("relation", f"{pairs[0][0]} {p} {pairs[0][1]}"))
    part.extra.sort(key=str)
    return part


def literals_part(graph: Graph, gold: list[tuple[str, str, str]], taken: dict[str, Node],
                  optional: set[str]) -> Part:
    """Recall only: a value the gold does not list is not counted against the graph."""
    part = Part()
    for subject, prop, value in gold:
        if subject in optional:
            continue
        node = taken.get(subject)
        found = [] if node is None else sorted(
            str(o) for p in LITERAL_SOURCES.get(prop, (SG[prop],)) for o in graph.objects(node, p))
        if any(literal_matches(prop, value, f) for f in found):
            part.counts.tp += 1
        else:
            part.counts.fn += 1
            seen = f" (found {', '.join(found)})" if found else ""
            part.missed.append(Item("literal", f"{subject} {prop} {value}{seen}"))
    return part


def describe_statistic(graph: Graph, node: Node) -> str:
    parts = [", ".join(sorted(str(o) for o in graph.objects(node, p)))
             for p in (SG.value, SG.unit, SG.indicator)]
    return " ".join(part for part in parts if part) or str(node)


# --- a corpus -------------------------------------------------------------------------


def evaluate_corpus(gold_dir: Path, build: Callable[[Path], tuple[Graph, str]],
                    documents_dir: Path) -> CorpusScore:
    """Score each gold file NAME.yaml against the graph `build` makes from NAME.txt (or .html)."""
    gold_paths = sorted(Path(gold_dir).glob("*.yaml"))
    if not gold_paths:
        raise UserError(f"no gold files (*.yaml) in {gold_dir}")
    scores = []
    for path in gold_paths:
        gold = load_gold(path)
        document = find_document(Path(documents_dir), path.stem)
        graph, text = build(document)
        scores.append(replace(score(gold, graph, text), document=document.name))
    return CorpusScore(scores)


def find_document(documents_dir: Path, name: str) -> Path:
    for suffix in DOCUMENT_SUFFIXES:
        if (path := documents_dir / f"{name}{suffix}").is_file():
            return path
    raise UserError(f"no document {name}.txt or {name}.html in {documents_dir} for gold file {name}.yaml")
