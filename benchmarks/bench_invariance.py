"""Does extraction generalise? A metamorphic study on the annotated documents.

    .venv/bin/python benchmarks/bench_invariance.py [--variants 2] [--seed 1] [--kinds places people ...]
                                                    [--documents 000 52] [--verbose] [--json OUT.json]
    .venv/bin/python benchmarks/bench_invariance.py --sweep

For every document of `data/documents` with a gold file in `data/gold`, variants are made by
consistent, meaning-preserving substitutions applied to the text and to the gold alike:

- places: each division of the gazetteer (lexicons/places.yaml) named in the text or by a
  gold Place becomes another division with the same suffix and a name of the same length,
  with its short forms (咸阳市/咸阳 → 宝鸡市/宝鸡; 红河州 with 红河哈尼族彝族自治州), none of them a
  common word of the gazetteer; provinces become provinces, counties counties (the pairing
  ignores which province holds what);
- people: each named person of the gold becomes another name of the same length, a common
  surname and given-name characters from fixed lists (no two new names alike in their first
  two characters, which would read as one person);
- numbers: each number written before a measure word (3个, 1.6万人次, 12.5%, 三个) becomes
  another written alike, and a gold figure with it where its value and unit are written near
  its indicator (16000 → 23000); not a small count of the items listed before it (电工和西式
  烹调2个项目) nor a numeral of a division's name (三元区), which would change the meaning;
- serials: the numbers before 号 (〔2025〕140号, 第440号) become others of as many digits, in
  the gold's document and proposal numbers too;
- years: every year (2025年, 〔2025〕, 2025-05-22, 2021—2025) moves by the same few years,
  in document numbers, dates and periods of the gold too;
- organisations: the proper part of each gold organisation's name (after a leading place,
  before its head, lexicons/organizations.yaml) becomes other characters of the same length
  (重庆城市职业学院 → 重庆恒远职业学院);
- combined: all of these at once, one after the other.

A kind makes no variant of a document it finds nothing to change in. The variants are seeded
and deterministic. Each is built with `skillgraph.build` from a file of the same name in a
temporary folder and scored with `skillgraph.evaluate.score` against its transformed gold;
the original is scored the same way. Reported: per kind the mean F1 of the originals and of
their variants and how many variants scored lower; per document and kind the scores; and with
`--verbose` the gold items a variant lost and the extras it gained (the original's misses and
extras, transformed, are left out). A drop means a rule is tied to a string of the seen
documents. With `--sweep`, instead: every short form of the gazetteer (not the common
words) in one real sentence, and how many are read as a Place. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import functools
import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

import skillgraph
from skillgraph.evaluate import score
from skillgraph.extractors.gazetteer import common_words, divisions_at, gazetteer, short_name
from skillgraph.resources import lexicon

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("places", "people", "numbers", "serials", "years", "organizations", "combined")
GIVEN = "伟芳敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂华英玉兰萍红娟建文辉宁佳志浩俊鹏斌宇凯晨欣怡瑶婷琳雪梅"
PROPER = "华信宏达恒通鑫源泰丰瑞安博远科创星辰盛联昌隆嘉兴润泽海川晟宸德辉航元"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕丁任沈姚卢"
MAGNITUDES = {"": 1, "万": 10**4, "亿": 10**8}
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d|\.\d|[%万亿多余号])")  # not 1980万元, 12.5%, 第2004号
DATE_FIELDS = ("date", "year", "period_start", "doc_date")
SERIAL_FIELDS = ("proposalNumber",)


@dataclass(frozen=True)
class Variant:
    kind: str
    text: Callable[[str], str]  # the rewrite of the text and of the gold's strings
    date: Callable[[str], str] = lambda s: s  # the rewrite of the gold's dates and years
    value: Callable[[Decimal, dict], Decimal] = lambda v, statistic: v  # the new value of a gold figure
    serial: Callable[[str], str] = lambda s: s  # the rewrite of the gold's proposal numbers
    changes: dict[str, str] = field(default_factory=dict)  # what was replaced, for the report


def replacer(mapping: dict[str, str]) -> Callable[[str], str]:
    """All keys of `mapping` replaced at once, the longest first where they overlap."""
    if not mapping:
        return lambda s: s
    pattern = re.compile("|".join(map(re.escape, sorted(mapping, key=len, reverse=True))))
    return lambda s: pattern.sub(lambda m: mapping[m.group()], s)


def gold_strings(gold: dict, cls: str) -> list[list[str]]:
    return [[str(x) for x in e.get("labels", [])] for e in gold["entities"]
            if e["class"] == cls and not e.get("optional")]


# --- places ------------------------------------------------------------------------------

def forms_of(full: str) -> list[str]:
    """The written forms of a division, the full name first."""
    return [full] + sorted((k for k, v in gazetteer().items() if v == full and k != full), key=len, reverse=True)


def shape(full: str) -> tuple:
    """What another division must share to stand in for this one: suffix and lengths of forms."""
    forms = forms_of(full)
    return (full[len(short_name(full)):], tuple(len(f) for f in forms))


def places(text: str, gold: dict, rng: random.Random) -> Variant | None:
    names, common = gazetteer(), common_words()
    named = {names[label] for labels in gold_strings(gold, "Place") for label in labels if label in names}
    named |= {full for full in set(names.values()) if len(full) > 2 and full in text}
    named = {full for full in named if short_name(full) not in common}
    if not named:
        return None
    by_shape: dict[tuple, list[str]] = {}
    for full in sorted(set(names.values())):
        forms = forms_of(full)
        if short_name(full) not in common and not any(f in text for f in forms):
            by_shape.setdefault(shape(full), []).append(full)
    mapping: dict[str, str] = {}
    for full in sorted(named, key=lambda f: (-len(f), f)):
        candidates = [c for c in by_shape.get(shape(full), []) if c not in mapping.values()]
        if candidates:
            other = rng.choice(candidates)
            mapping |= dict(zip(forms_of(full), forms_of(other), strict=True))
    return Variant("places", replacer(mapping), changes=mapping) if mapping else None


# --- people ------------------------------------------------------------------------------

def people(text: str, gold: dict, rng: random.Random) -> Variant | None:
    mapping: dict[str, str] = {}
    for labels in gold_strings(gold, "Person"):
        for name in labels:
            if name in mapping or not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name):
                continue
            while True:
                new = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in name[1:])
                if new not in text and not any(new[:2] == n[:2] for n in mapping.values()):  # no 杜琳 and 杜琳斌
                    break
            mapping[name] = new
    return Variant("people", replacer(mapping), changes=mapping) if mapping else None


# --- organisations -----------------------------------------------------------------------

def proper_part(name: str, heads: list[str]) -> str | None:
    """The characters between a leading division and the head (重庆|城市|职业学院 → 城市)."""
    head = next((h for h in heads if name.endswith(h)), None)
    if head is None:
        return None
    body = name[: -len(head)]
    lead = next((body[:n] for n in range(min(len(body), 7), 1, -1) if body[:n] in gazetteer()), "")
    proper = body[len(lead):]
    return proper if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", proper) else None  # longer, random characters read as no name


def organizations(text: str, gold: dict, rng: random.Random) -> Variant | None:
    heads = sorted(lexicon("organizations")["heads"], key=len, reverse=True)
    people_names = {n for labels in gold_strings(gold, "Person") for n in labels}
    mapping: dict[str, str] = {}
    made: list[str] = []
    for labels in gold_strings(gold, "Organization"):
        proper = proper_part(labels[0], heads)
        if proper is None or any(n in labels[0] for n in people_names):
            continue
        while True:  # another name that does not read as an abbreviation of one made before
            new = "".join(rng.choice(PROPER) for _ in proper)
            if new not in text and not any(new[:2] in n or n[:2] in new for n in made):
                break
        made.append(new)
        mapping |= {label: label.replace(proper, new) for label in labels if proper in label}
    return Variant("organizations", replacer(mapping), changes=mapping) if mapping else None


# --- numbers -----------------------------------------------------------------------------

CN_DIGITS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def number_pattern() -> re.Pattern[str]:
    """A number in digits (3, 1.6) or one Chinese numeral (三, 两) before a measure word."""
    units = sorted((u for u in lexicon("statistics")["units"] if u != "年"), key=len, reverse=True)
    words = "|".join(map(re.escape, units))
    return re.compile(rf"(?:(?<![\d.〔\[/-])\d+(?:\.\d+)?|(?<![第十百千万亿零一二三四五六七八九两])[两二三四五六七八九])"
                      rf"(?=(?:多|余)?(万|亿)?({words}))")


def number_value(number: str) -> Decimal:
    return Decimal(CN_DIGITS[number]) if number in CN_DIGITS else Decimal(number)


def another_number(old: str, rng: random.Random) -> str:
    """A different number written alike (7 for 3, 2.3 for 1.6, 七 for 三), not a year."""
    if old in CN_DIGITS:
        return rng.choice([c for c in "三四五六七八九" if CN_DIGITS[c] != CN_DIGITS[old]])
    whole, _, fraction = old.partition(".")
    while True:
        digits = [rng.randint(2 if len(whole) == 1 else 1, 9)] + [rng.randint(0, 9) for _ in whole[1:]]
        new_whole = "0" if whole == "0" else "".join(map(str, digits))
        new = new_whole + ("." + "".join(str(rng.randint(1, 9)) for _ in fraction) if fraction else "")
        if new != old and not YEAR.fullmatch(new_whole):
            return new


def left_alone(text: str, start: int) -> bool:
    """A number whose change would change the meaning or a name: one of a single digit that
    counts the items listed before it (电工和西式烹调2个项目), or a numeral of a division's name (三元区)."""
    clause = re.split(r"[,,;;。:：\n]", text[max(0, start - 60) : start])[-1]
    small = text[start] in CN_DIGITS or re.match(r"\d(?![\d.])", text[start:]) is not None
    return (small and re.search(r"[、和及与]", clause) is not None) or bool(divisions_at(text, start))


def numbers(text: str, gold: dict, rng: random.Random) -> Variant | None:
    pattern = number_pattern()
    every = list(pattern.finditer(text))
    found = sorted({m.group() for m in every if not left_alone(text, m.start())}, key=lambda s: (len(s), s))
    mapping: dict[str, str] = {}
    for old in found:
        new = another_number(old, rng)
        while old not in CN_DIGITS and (new in mapping.values() or new in found):  # digits: one to one
            new = another_number(old, rng)
        mapping[old] = new
    if not mapping:
        return None

    def value(v: Decimal, statistic: dict) -> Decimal:
        """The new value of a gold figure: that of the first number of its value and unit near its indicator."""
        for m in every:
            magnitude = MAGNITUDES[m.group(1) or ""]
            near = text[max(0, m.start() - 60) : m.end() + 60]
            if number_value(m.group()) * magnitude == v and m.group(2) == statistic["unit"] and statistic["indicator"] in near:
                return v if left_alone(text, m.start()) else number_value(mapping[m.group()]) * magnitude
        return v

    def rewrite(s: str) -> str:
        return pattern.sub(lambda m: m.group() if left_alone(s, m.start()) else mapping.get(m.group(), m.group()), s)

    return Variant("numbers", rewrite, value=value, changes=mapping)


# --- serial numbers ----------------------------------------------------------------------

SERIAL = re.compile(r"(?<![\d.〔\[])\d+(?=号)")  # not 国发〔201811号, a year run into its number


def serials(text: str, gold: dict, rng: random.Random) -> Variant | None:
    """Numbers of documents and proposals (〔2025〕140号, 第440号) become others of as many digits."""
    found = sorted(set(SERIAL.findall(text)))
    mapping: dict[str, str] = {}
    for old in found:
        new = old
        while new == old or new in found or new in mapping.values():
            new = "".join(c if c == "0" and i == 0 else str(rng.randint(1 if i == 0 else 0, 9)) for i, c in enumerate(old))
        mapping[old] = new
    if not mapping:
        return None
    return Variant("serials", lambda s: SERIAL.sub(lambda m: mapping[m.group()] if m.group() in mapping else m.group(), s),
                   serial=lambda s: mapping.get(s, s), changes=mapping)


# --- years -------------------------------------------------------------------------------

def years(text: str, gold: dict, rng: random.Random) -> Variant | None:
    if not YEAR.search(text):
        return None
    shift = rng.choice([-4, -3, -2, 2, 3, 4])
    move = lambda s: YEAR.sub(lambda m: str(int(m.group()) + shift), s)  # noqa: E731
    dates = lambda s: re.sub(r"(?<!\d)\d{4}(?!\d)", lambda m: str(int(m.group()) + shift), s)  # noqa: E731
    return Variant("years", move, date=dates, changes={"shift": f"{shift:+d}"})


def combined(text: str, gold: dict, rng: random.Random) -> Variant | None:
    """Every kind at once, one after the other on what the one before made (figures first,
    while their indicators are as written)."""
    made: list[Variant] = []
    for kind in ("numbers", "serials", "years", "organizations", "people", "places"):
        if (v := PLANNERS[kind](text, gold, rng)) is not None:
            made.append(v)
            text, gold = v.text(text), transform_gold(gold, v)
    if not made:
        return None

    def value(number: Decimal, statistic: dict) -> Decimal:
        for v in made:
            number, statistic = v.value(number, statistic), dict(statistic, indicator=v.text(statistic["indicator"]))
        return number

    return Variant("combined", text=functools.reduce(lambda f, v: lambda s: v.text(f(s)), made, lambda s: s),
                   date=functools.reduce(lambda f, v: lambda s: v.date(f(s)), made, lambda s: s),
                   serial=functools.reduce(lambda f, v: lambda s: v.serial(f(s)), made, lambda s: s),
                   value=value, changes={k: x for v in made for k, x in v.changes.items()})


PLANNERS = {"places": places, "people": people, "numbers": numbers, "serials": serials, "years": years,
            "organizations": organizations, "combined": combined}


# --- the gold, transformed ---------------------------------------------------------------

def transform_gold(gold: dict, v: Variant) -> dict:
    def labels(e: dict) -> dict:
        out = dict(e)
        if "labels" in e:
            out["labels"] = [v.text(str(x)) for x in e["labels"]]
        if "level" in e:
            out["level"] = v.text(str(e["level"]))
        return out

    def statistic(s: dict) -> dict:
        out = dict(s, indicator=v.text(str(s["indicator"])), value=str(v.value(Decimal(str(s["value"])), s)))
        if "period_start" in s:
            out["period_start"] = v.date(str(s["period_start"]))
        return out

    def literal(subject: str, prop: str, value: object) -> list:
        rewrite = v.date if prop in DATE_FIELDS else v.serial if prop in SERIAL_FIELDS else v.text
        return [subject, prop, rewrite(str(value))]

    out = dict(gold, entities=[labels(e) for e in gold.get("entities", [])],
               statistics=[statistic(s) for s in gold.get("statistics", [])],
               literals=[literal(*t) for t in gold.get("literals", [])])
    if "doc_date" in gold:
        out["doc_date"] = v.date(str(gold["doc_date"]))
    return out


# --- running -----------------------------------------------------------------------------

@dataclass
class Result:
    document: str
    kind: str
    f1: float
    lost: list[str]
    gained: list[str]
    changes: dict[str, str]


def scored(name: str, text: str, gold: dict, folder: Path):
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return score(gold, skillgraph.build([path]), text)


def study(kinds: list[str], variants: int, seed: int, only: list[str]) -> tuple[dict[str, float], list[Result]]:
    originals: dict[str, float] = {}
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for gold_path in sorted((ROOT / "data" / "gold").glob("*.yaml")):
            doc = ROOT / "data" / "documents" / f"{gold_path.stem}.txt"
            if not doc.is_file() or (only and not any(gold_path.stem.startswith(o) for o in only)):
                continue
            text = doc.read_text(encoding="utf-8")
            gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
            base = scored(doc.name, text, gold, folder)
            originals[doc.stem] = base.headline
            for kind in kinds:
                for i in range(variants):
                    rng = random.Random(f"{seed}/{doc.stem}/{kind}/{i}")
                    v = PLANNERS[kind](text, gold, rng)
                    if v is None:
                        break
                    s = scored(doc.name, v.text(text), transform_gold(gold, v), folder)
                    missed = {v.text(str(x)) for x in base.missed}
                    extra = {v.text(str(x)) for x in base.extra}
                    results.append(Result(doc.stem, kind, s.headline,
                                          sorted(str(x) for x in s.missed if v.text(str(x)) not in missed
                                                 and str(x) not in missed),
                                          sorted(str(x) for x in s.extra if str(x) not in extra), v.changes))
    return originals, results


SWEEP = "紧紧围绕{}支柱产业,全力培养符合新时期产业发展需求的高素质劳动者。"  # 遵义 in a real sentence


def sweep() -> tuple[int, list[str]]:
    """How many short forms of the gazetteer (not the common words) are a Place in one real
    sentence, and the others."""
    names, missed = gazetteer(), []
    forms = [form for form, full in names.items() if form != full and form not in common_words()]
    for form in forms:
        facts = skillgraph.extract(SWEEP.format(form))
        if not any(e.cls == "Place" and {form, names[form]} & {e.label, *e.alt_labels}
                   for e in facts.entities):
            missed.append(form)
    return len(forms), missed


def report(originals: dict[str, float], results: list[Result], verbose: bool) -> str:
    lines = [f"{'kind':<14}{'variants':>9}{'original':>10}{'variant':>9}{'lower':>7}"]
    for kind in KINDS:
        rows = [r for r in results if r.kind == kind]
        if rows:
            base = sum(originals[r.document] for r in rows) / len(rows)
            mean = sum(r.f1 for r in rows) / len(rows)
            lower = sum(r.f1 < originals[r.document] - 1e-9 for r in rows)
            lines.append(f"{kind:<14}{len(rows):>9}{base:>10.3f}{mean:>9.3f}{lower:>7}")
    everything = sum(r.f1 for r in results) / max(len(results), 1)
    lines.append(f"{'all':<14}{len(results):>9}{'':>10}{everything:>9.3f}"
                 f"{sum(r.f1 < originals[r.document] - 1e-9 for r in results):>7}")
    lines.append("")
    for doc, f1 in originals.items():
        cells = []
        for kind in KINDS:
            scores = [r.f1 for r in results if r.document == doc and r.kind == kind]
            if scores:
                cells.append(f"{kind} " + " ".join(f"{s:.3f}" for s in scores))
        lines.append(f"{doc[:40]:<41}{f1:.3f}  " + "; ".join(cells))
    if verbose:
        for r in results:
            if r.lost or r.gained:
                lines.append(f"\n{r.document} {r.kind} {r.f1:.3f} {json.dumps(r.changes, ensure_ascii=False)[:300]}")
                lines += [f"  lost   {x}" for x in r.lost] + [f"  gained {x}" for x in r.gained]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variants", type=int, default=2, help="variants of each kind per document")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", nargs="*", choices=KINDS, default=list(KINDS))
    ap.add_argument("--documents", nargs="*", default=[], help="only documents whose names begin so")
    ap.add_argument("--verbose", action="store_true", help="the items each variant lost or gained")
    ap.add_argument("--json", type=Path, help="write every result here")
    ap.add_argument("--sweep", action="store_true", help="only: every short place name in one real sentence")
    args = ap.parse_args(argv)
    if args.sweep:
        total, missed = sweep()
        print(f"short place names found: {total - len(missed)} of {total}; missed: {' '.join(missed)}")
        return 0
    originals, results = study(args.kinds, args.variants, args.seed, args.documents)
    print(report(originals, results, args.verbose))
    if args.json:
        args.json.write_text(json.dumps({"originals": originals, "results": [r.__dict__ for r in results]},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
