"""Mentions → entities: one node per thing, however many names the text gives it.

Within a document: 我局 is the reply's issuer; 市人社局 is 咸阳市人力资源和社会保障局 where
the document names only one such bureau of a city; 高技能人才培养基地 is 高技能人才培训基地.
Across documents: things that can recur (agencies with a full name, places, policy documents,
platform kinds …) get IRIs from their canonical name, so the same name is the same node
whichever document mentions it, in whatever order documents are read.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import cache

from .document import DOC_NUMBER
from .model import SELF_REFERENCE, DocumentFacts, Entities, Entity, Fact, Figure, Mention, ResolvedDocument, Span, Statistic
from .normalize import normal_name
from .resources import lexicon
from .vocab import SHARED_PATHS, AgencyKey, document_id, in_document_id, iri_segment, shared_id, span_id


def _key(m: Mention) -> str:
    return m.entity_key or normal_name(m.label)


@cache
def _levels() -> frozenset[str]:
    """The levels an agency's region may be written as alone (市, 县, 自治区 …)."""
    return frozenset(lexicon("agencies")["levels"] + lexicon("agencies")["autonomous_levels"])


def _is_shared_agency(key: str) -> bool:
    """Whether an agency's name says which body it is wherever it is read (咸阳市人社局, 国务院)."""
    agency = AgencyKey.parse(key)
    if agency is None:
        return not key.startswith(tuple(lexicon("agencies")["plural_prefixes"]))
    lex = lexicon("agencies")
    region = agency.region
    if (region in _levels() and region != "国家") or region in lex["party_levels"] + lex["joint_levels"] or "(" in region:
        return False  # 市人社局 of which city? only this document knows
    return bool(region) or agency.suffix in ("部", "总局", "") or not (region or agency.core)


EDITION = re.compile(r"第[^届]{1,4}届|首届")


def merge_keys(mentions: list[Mention], issuer_key: str | None) -> dict[tuple[str, str], str]:
    """(class, key) → the key it resolves to. Each rule looks names up in an index (by what
    they share: an agency's core and suffix, a name's ending and characters, a contest
    without its edition), so the time grows with the names, not with their pairs."""
    keys = {(m.cls, _key(m)) for m in mentions}
    remap: dict[tuple[str, str], str] = {}
    agencies = sorted({a for c, k in keys if c == "Agency" and (a := AgencyKey.parse(k))})
    levels = _levels()
    issuer = AgencyKey.parse(issuer_key) if issuer_key else None
    home = issuer.region if issuer else ""
    party = set(lexicon("agencies")["party_levels"])
    named_bodies = defaultdict(list)  # (core, suffix) → the bodies of a named region (咸阳市|人社|局)
    for a in agencies:
        if len(a.region) > 1 and "(" not in a.region:  # not 各县(市)区…
            named_bodies[(a.core, a.suffix)].append(a)
    for agency in agencies:
        region, core, suffix = agency
        if region and region not in levels and region not in party:
            continue  # a named region; a bare 教育局 (来源:教育局) is read as a level of its own
        named = [a for a in named_bodies[(core, suffix)] if a.region.endswith(region) and a.region != region]
        if len(named) == 1:  # 市|人社|局 → the one named city's 人社局
            remap[("Agency", str(agency))] = str(named[0])
        elif not named and region and len(home) > 1 and home.endswith(region[0]):  # 市财政局 in a reply of 苏州市…局
            remap[("Agency", str(agency))] = str(AgencyKey(home + region[1:], core, suffix))
    if issuer_key:
        remap[("Agency", SELF_REFERENCE)] = remap.get(("Agency", issuer_key), issuer_key)
    for short, full in short_forms([k for c, k in keys if c == "Organization"]).items():
        remap[("Organization", short)] = full
    editions = defaultdict(list)  # 世界技能大赛 → its numbered editions (第47届世界技能大赛)
    for k in sorted(k for c, k in keys if c == "Competition"):
        editions[EDITION.sub("", k)].append(k)
    for name, group in editions.items():  # the contest is the one edition where the text names only one
        numbered = [k for k in group if k != name]
        if len(numbered) == 1 and ("Competition", name) in keys:
            remap[("Competition", name)] = numbered[0]
    kinds = sorted(k[::-1] for c, k in keys if c == "PlatformType")  # reversed: the kinds ending alike are neighbours
    for i, kind in enumerate(kinds):  # 评价机构 → 社会职业技能等级评价机构, where that is the only longer one
        longer = [k for k in kinds[i + 1 : i + 3] if k.startswith(kind)]
        if len(kind) >= 4 and len(longer) == 1:
            remap[("PlatformType", kind[::-1])] = longer[0][::-1]
    return remap


SHORT_FORM_MIN, LONGEST_NAME = 5, 40  # characters: shorter names are too general, longer ones names run together
AMBIGUOUS = 32  # a short name that more longer names than this might stand for is left alone


def short_forms(names: list[str]) -> dict[str, str]:
    """水利电力学院 → 重庆水利电力职业技术学院: a name of five characters or more that is the one
    longer name ending in the same two characters which holds all its characters in order
    (the longer name written short).

    Names are not compared pairwise: each longer name is indexed by its ending and by each
    pair of its characters in order (水…学), every list in order of length. A short name is
    compared only with the longer names in the shortest list of its own pairs (the names that
    could hold it), and where even that list holds more than AMBIGUOUS of them it is taken for
    ambiguous and left alone. Each name costs a bounded number of look-ups and comparisons,
    however many names a document gives."""
    names = sorted({k for k in names if len(k) <= LONGEST_NAME}, key=lambda k: (len(k), k))
    holding: dict[tuple[str, str], list[str]] = defaultdict(list)  # (ending, pair in order) → names, shortest first
    for k in names:
        for pair in {a + b for i, a in enumerate(k) for b in k[i + 1 :]}:
            holding[(k[-2:], pair)].append(k)
    lengths = {key: [len(k) for k in found] for key, found in holding.items()}
    out = {}
    for name in names:
        if len(name) < SHORT_FORM_MIN:
            continue
        lists = [(name[-2:], pair) for pair in sorted({a + b for a, b in itertools.pairwise(name)})]
        key, first = min(((key, bisect.bisect_right(lengths[key], len(name))) for key in lists),
                         key=lambda found: len(lengths[found[0]]) - found[1])
        candidates = holding[key][first:]
        if len(candidates) > AMBIGUOUS:
            continue
        longer = [k for k in candidates if _subsequence(name, k)]
        if len(longer) == 1:
            out[name] = longer[0]
    return out


@cache
def _divisions() -> frozenset[str]:
    return frozenset(lexicon("places")["divisions"])


def divisions_named(found: DocumentFacts) -> set[str]:
    """The divisions (武汉市, 湖北省) a document names as the place its own bodies and titles
    belong to: places it names, the regions of agencies named in full, and the division a
    policy document's title begins with (《武汉市职业培训管理暂行办法》)."""
    divisions, named = _divisions(), set()
    for m in found.mentions:
        if m.cls == "Place" and m.label in divisions:
            named.add(m.label)
        elif m.cls == "Agency" and (agency := AgencyKey.parse(_key(m))) and agency.region in divisions:
            named.add(agency.region)
        elif m.cls == "PolicyDocument":
            named.update(m.label[:n] for n in range(2, min(len(m.label), 9)) if m.label[:n] in divisions)
    return named


def in_context(mentions: list[Mention], remap: dict[tuple[str, str], str], named: set[str]) -> dict[tuple[str, str], str]:
    """市人社局 that nothing in the text ties to a named city yet: where the document names
    exactly one division of that level (one city for 市), the body of that division."""
    levels = _levels() - {"国家"}
    of_level = {level: [d for d in named if d.endswith(level) and len(d) > len(level)] for level in levels}
    found: dict[tuple[str, str], str] = {}
    for cls, key in sorted({(m.cls, _key(m)) for m in mentions}):
        agency = AgencyKey.parse(key) if cls == "Agency" else None
        if agency is None or agency.region not in levels or (cls, key) in remap:
            continue
        candidates = of_level[agency.region]
        if len(candidates) == 1:
            found[(cls, key)] = str(AgencyKey(candidates[0], agency.core, agency.suffix))
    return found


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def _name(cls: str, key: str) -> str:
    """The name a key stands for: an agency's parts joined (咸阳市|人力资源和社会保障|局 → …局)."""
    agency = AgencyKey.parse(key) if cls == "Agency" else None
    return agency.name if agency else key.replace("|", "")


def entity_id(doc_id: str, cls: str, key: str) -> str:
    if cls == "Reply":
        return document_id(doc_id)
    if cls in SHARED_PATHS and (cls != "Agency" or _is_shared_agency(key)):
        return shared_id(cls, _name(cls, key) if cls == "Agency" else key)
    return in_document_id(doc_id, cls, _name(cls, key))


def canonical_label(cls: str, key: str, mentions: list[Mention]) -> str:
    """Shared things are labelled by their canonical name; the rest as first written."""
    if cls == "Agency" and _is_shared_agency(key):
        return _name(cls, key)
    if cls in SHARED_PATHS and cls != "Agency":
        return key
    if cls == "Proposal":  # its title reads better than 第N号提案
        return next((m.label for m in mentions if m.label.startswith("关于")), mentions[0].label)
    if cls == "Reply":  # its 文号, where it has one
        return next((m.label for m in mentions if DOC_NUMBER.fullmatch(m.label)), mentions[0].label)
    return mentions[0].label


def resolve(documents: list[DocumentFacts]) -> Entities:
    """Mentions → entities, within each document and, through canonical names, across them."""
    return Entities([resolve_document(found) for found in documents])


def resolve_document(found: DocumentFacts) -> ResolvedDocument:
    issuer = found.issuer
    kinds = {m for m in found.mentions if m.cls == "PlatformType"}  # a figure may count a kind nothing else names
    mentions = found.mentions + [f.counts for f in found.figures if f.counts and f.counts not in kinds]
    remap = merge_keys(mentions, _key(issuer) if issuer else None)
    remap.update(in_context(mentions, remap, divisions_named(found)))
    if ("Agency", SELF_REFERENCE) in remap:  # 我局, where the issuer was resolved by context
        remap[("Agency", SELF_REFERENCE)] = remap.get(("Agency", remap[("Agency", SELF_REFERENCE)]),
                                                      remap[("Agency", SELF_REFERENCE)])

    by_number, numbered_mentions = numbered_documents(found.facts, lambda m: remap.get((m.cls, _key(m)), _key(m)))

    def resolved(m: Mention) -> tuple[str, str]:
        if (m.cls, m.span) in numbered_mentions:
            return m.cls, numbered_mentions[(m.cls, m.span)]
        key = remap.get((m.cls, _key(m)), _key(m))
        return m.cls, by_number.get(key, key) if m.cls == "PolicyDocument" else key

    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.span.start, m.span.end, m.cls)):
        if not m.is_self_reference or issuer:
            groups[resolved(m)].append(m)
    ids = {group: entity_id(found.doc_id, *group) for group in groups}

    def facts_between(ids: dict[tuple[str, str], str]) -> tuple[set, set]:
        relations, literals = set(), set()
        for fact in found.facts:
            subject = ids.get(resolved(fact.subject))
            if subject is None:
                continue
            if isinstance(fact.object, Mention):
                target = ids.get(resolved(fact.object))
                if target and target != subject:
                    relations.add((subject, fact.predicate, target))
            else:
                literals.add((subject, fact.predicate, fact.object))
        return relations, literals

    relations, literals = facts_between(ids)
    people = {group: id_ for group, id_ in ids.items() if group[0] == "Person"}
    anchored = people_by_role(people, relations)
    if anchored:  # 张三 who signs for 咸阳市人社局: the one 张三 of every document where he does
        ids = {group: anchored.get(id_, id_) for group, id_ in ids.items()}
        relations, literals = facts_between(ids)

    in_relations = {s for s, _, _ in relations} | {o for _, _, o in relations}
    entities = []
    for (cls, key), mentions in groups.items():
        id_ = ids[(cls, key)]
        agency = AgencyKey.parse(key) if cls == "Agency" else None
        if agency and agency.suffix == lexicon("agencies")["generic_suffix"] and id_ not in in_relations:
            continue  # 教育部门 is an entity only where it takes part in a fact
        label = canonical_label(cls, key, mentions)
        alt = sorted({m.label for m in mentions} - {label})
        spans = sorted({m.span for m in mentions if m.span.end > m.span.start})
        entities.append(Entity(id_, cls, label, alt, spans))
    kept = {e.id for e in entities}
    relations = {r for r in relations if r[0] in kept and r[2] in kept}
    literals = {lit for lit in literals if lit[0] in kept}
    statistics = merge_figures(found.doc_id, found.figures, lambda m: ids.get(resolved(m)))
    return ResolvedDocument(found.doc_id, found.source_file, found.source, found.sentences,
                            sorted(entities, key=lambda e: e.id), sorted(relations), sorted(literals), statistics)


BRACKETS = str.maketrans({"[": "〔", "(": "〔", "【": "〔", "]": "〕", ")": "〕", "】": "〕"})


def document_number(written: str) -> str:
    """A 文号 in one spelling: 人社部发［2023］12号, 人社部发[2023]12号 and 人社部发〔2023〕 12号
    are one number."""
    return "".join(unicodedata.normalize("NFKC", written).split()).translate(BRACKETS)


def numbered_documents(facts: list[Fact], key_of: Callable[[Mention], str]
                       ) -> tuple[dict[str, str], dict[tuple[str, Span], str]]:
    """Policy documents named by their 文号, the one thing that tells them apart wherever they
    are cited (a title may be written with or without its issuer, and two years' notices may
    share one): each title's key → its 文号, where the document gives the title one number; where
    it gives it several (关于…的通知 of 2019 and of 2023), each mention followed by a number → that
    number, and the others keep the title. A title that is itself a 文号 (《人社部发〔2023〕12号》)
    is that number."""
    numbers: dict[str, set[str]] = defaultdict(set)
    written: dict[tuple[str, Span], tuple[str, str]] = {}
    for fact in facts:
        for m in (fact.subject, fact.object):
            if isinstance(m, Mention) and m.cls == "PolicyDocument" and DOC_NUMBER.fullmatch(key_of(m)):
                numbers[key_of(m)].add(document_number(key_of(m)))
        if fact.predicate == "documentNumber" and fact.subject.cls == "PolicyDocument" and isinstance(fact.object, str):
            key, number = key_of(fact.subject), document_number(fact.object)
            numbers[key].add(number)
            written[(fact.subject.cls, fact.subject.span)] = key, number
    by_key = {key: next(iter(found)) for key, found in numbers.items() if len(found) == 1}
    by_mention = {at: number for at, (key, number) in written.items() if len(numbers[key]) > 1}
    return by_key, by_mention


def people_by_role(people: dict[tuple[str, str], str], relations: set[tuple[str, str, str]]) -> dict[str, str]:
    """The people a document ties to a shared node through a role: the agency whose reply they
    sign, the studio they are master of (付一鸣技能大师工作室), the contest of a prize they won,
    in that order. Each of them is named by that node and their name
    (id:person/agency/咸阳市人力资源和社会保障局/张三), so the same name in the same role is one
    person in every document; a name alone never joins two documents. Their in-document IRI →
    the shared one."""
    if not people:
        return {}
    objects: dict[tuple[str, str], list[str]] = defaultdict(list)  # (subject, property) → objects
    subjects: dict[tuple[str, str], list[str]] = defaultdict(list)  # (property, object) → subjects
    for s, p, o in relations:
        objects[(s, p)].append(o)
        subjects[(p, o)].append(s)
    out = {}
    for (_, name), id_ in sorted(people.items()):
        signed = sorted(a for reply in subjects[("signedBy", id_)] for a in objects[(reply, "issuedBy")])
        studios = sorted(objects[(id_, "masterOf")])
        contests = sorted(c for award in subjects[("awardedTo", id_)] for event in objects[(award, "inEvent")]
                          for c in objects[(event, "partOf")])
        roles = [role for role in signed + studios + contests if not role.startswith("doc/")]
        if roles:
            out[id_] = f"person/{roles[0]}/{iri_segment(name)}"
    return out


def merge_figures(doc_id: str, figures: list[Figure], entity_of: Callable[[Mention], str | None]) -> list[Statistic]:
    """One statistic per fact: 三个…创业园 in the summary and 3个…创业园 later are one."""
    merged: dict[tuple, Statistic] = {}
    for figure in sorted(figures, key=lambda f: f.span.start):
        counts = entity_of(figure.counts) if figure.counts else None
        # a count of one kind is one fact wherever it is repeated; so is a figure of one indicator and year
        # (a headline repeats the body's 2银3铜)
        key = (figure.value, figure.unit, counts) if counts else (figure.value, figure.unit, normal_name(figure.indicator),
                                                                    figure.year)
        if key in merged:
            merged[key].mentions.append(figure.span)
            continue
        id_ = span_id(doc_id, "statistic", figure.span.start, figure.span.end)
        merged[key] = Statistic(id_, figure, counts, [figure.span])
    return sorted(merged.values(), key=lambda s: s.figure.span.start)

