"""The results of scoring, and how they read: one line per section, a corpus table, JSON."""
from __future__ import annotations

import json
from dataclasses import dataclass


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
