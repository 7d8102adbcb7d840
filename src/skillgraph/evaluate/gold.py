"""Gold annotations: reading a gold file and checking it, with errors that name the problem."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from ..errors import UserError
from ..normalize import normal_name

QUALIFIERS = {"exact": "Exact", "at_least": "AtLeast", "approximately": "Approximately"}


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
    id_, cls, optional = str(e["id"]), str(e["class"]), bool(e.get("optional"))
    if cls == "Award":
        if not e.get("awarded_to") or not e.get("level"):
            raise UserError(f"Award {id_} needs awarded_to and level")
        return GoldEntity(id_, cls, (), optional, awarded_to=str(e["awarded_to"]), level=normal_name(str(e["level"])))
    labels = e.get("labels")
    if not isinstance(labels, list) or not labels:
        raise UserError(f"entity {id_} needs a list of labels")
    return GoldEntity(id_, cls, tuple(dict.fromkeys(normalised(str(label) for label in labels))), optional)


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
                         normal_name(str(s["unit"])), QUALIFIERS[s["qualifier"]],
                         normal_name(str(s["indicator"])), None if period is None else str(period),
                         s.get("counts") and str(s["counts"]))


def parse_triple(t: object, name: str) -> tuple[str, str, str]:
    if not isinstance(t, list) or len(t) != 3:
        raise UserError(f"each of {name} must be [subject id, property, object]: {t!r}")
    return str(t[0]), str(t[1]), str(t[2])


def normalised(texts: Iterable[str]) -> list[str]:
    """The non-empty normal forms of `texts`."""
    return [n for n in map(normal_name, texts) if n]


def decimal(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
