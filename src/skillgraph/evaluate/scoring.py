"""Scoring a graph against a gold annotation, by the rules in the package's docstring."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from rdflib import RDF, RDFS, SKOS, Graph, Namespace
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from ..errors import UserError
from ..files import DOCUMENT_SUFFIXES
from ..normalize import normal_name
from ..vocab import SG as SG_IRI
from .gold import GoldEntity, GoldStatistic, decimal, load_gold, normalised, parse_gold
from .report import Attribute, CorpusScore, Counts, Item, Provenance, Score

SG = Namespace(SG_IRI)
LITERAL_SOURCES = {"date": (SG.date, DCTERMS.date), "year": (SG.year, SG.date, DCTERMS.date)}
MIN_PREFIX = 4  # a Measure headline shorter than this is too vague to match by prefix


def labels_match(cls: str, gold: Iterable[str], found: set[str]) -> bool:
    if not found.isdisjoint(gold):
        return True
    return cls == "Measure" and any(is_prefix(a, b) or is_prefix(b, a) for a in gold for b in found)


def is_prefix(short: str, long: str) -> bool:
    return len(short) >= MIN_PREFIX and long.startswith(short)


def literal_matches(prop: str, gold: str, found: str) -> bool:
    gold, found = normal_name(gold), normal_name(found)
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
    nodes: set[Node] = set()
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
            names = " ".join(normal_name(str(o)) for p in (RDFS.label, SG.awardLevel)
                             for o in graph.objects(node, p))
            winner = taken.get(gold.awarded_to or "")
            return winner is not None and (node, SG.awardedTo, winner) in graph and (gold.level or "") in names
        return matches
    return lambda node, gold: labels_match(cls, gold.labels, node_labels(graph, node))


def statistic_matches(graph: Graph, node: Node, gold: GoldStatistic) -> bool:
    values = {decimal(v) for v in graph.objects(node, SG.value)}
    units = {normal_name(str(u)) for u in graph.objects(node, SG.unit)}
    indicators = [normal_name(str(i)) for i in graph.objects(node, SG.indicator)]
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
