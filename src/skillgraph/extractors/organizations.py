"""Named non-government organisations: schools, companies, associations, and named
instances of a platform kind (西门子智能制造公共实训基地, 付一鸣技能大师工作室), with the master
of a studio named after them (付一鸣 sg:masterOf 付一鸣技能大师工作室)."""
from __future__ import annotations

import re
from functools import cache

from ..document import Doc
from ..model import Fact, Mention
from ..normalize import CN_NUMERAL
from ..resources import lexicon
from ..segment import word_tags
from .phrases import alternation, is_generic, phrase_after, phrase_before, tokens_in
from .gazetteer import common_words, divisions_at, gazetteer, short_name, written_out
from .names import counted
from .spans import Occupied



@cache
def _heads() -> re.Pattern:
    lex = lexicon("organizations")
    named_kinds = lexicon("platforms")["types"] + lexicon("people")["studio_suffixes"]
    heads = lex["heads"] + lex["heads_needing_place"] + lex["heads_needing_a_name"] + named_kinds
    return re.compile(rf"(?:{alternation(heads)})(?:[\u4e00-\u9fff]{{2,8}}?{lex['branch']})?")


@cache
def _kind_heads() -> frozenset[str]:
    """Heads that name one body only with a proper noun before them (公共实训基地, 公司)."""
    return frozenset(lexicon("platforms")["types"] + lexicon("people")["studio_suffixes"]
                     + lexicon("organizations")["heads_needing_a_name"])


def _starts_with_place(text: str) -> bool:
    return bool(divisions_at(text, 0))


FUNCTION_TAGS = ("r", "p", "u", "c", "d", "f", "m", "q", "v")


def _is_named(doc: Doc, start: int, end: int, people: Occupied) -> bool:
    """Words that name one body: a proper noun, a place (also one the segmenter cuts: 良|庆|区),
    a person, or an unknown word (written as single characters by the segmenter: 巽风, 宝源)."""
    if any(written_out(form) for form in divisions_at(doc.text, start)):
        return True
    proper = set(lexicon("organizations")["proper_tags"])
    tokens = tokens_in(doc, start, end)
    tags = word_tags()
    single_run = 0
    for t in tokens:
        unknown = len(t.text) == 1 and not tags.get(t.text, "").startswith(FUNCTION_TAGS) and t.text not in "区县市省镇乡级"
        single_run = single_run + 1 if unknown else 0
        if tags.get(t.text) in proper or t.text in gazetteer() or single_run >= 2:
            return True
    town = bool(tokens) and tokens[-1].text in lexicon("organizations")["place_suffixes"]  # 文峰|镇, not 返乡
    return people.overlaps(start, end) or town


def _created(doc: Doc, start: int) -> bool:
    """共建人工智能产业学院: the object of a founding verb is one body."""
    return doc.text[max(0, start - 2) : start] in lexicon("organizations")["founding_verbs"]


def candidates(doc: Doc, taken: Occupied, people: Occupied) -> list[Mention]:
    """Head words (学院, 有限公司, 公共实训基地 …) with the name read leftwards from them."""
    lex = lexicon("organizations")
    out: list[Mention] = []
    floor = 0
    for m in _heads().finditer(doc.text):
        head = m.group()
        if taken.overlaps(m.start(), m.end()):
            continue
        if out and out[-1].span.end == m.start():  # 芜湖图塔机器人职业培训学校|有限公司: one name
            name = out.pop().span
            out.append(Mention("Organization", doc.text[name.start : m.end()], doc.span(name.start, m.end()),
                               entity_key=doc.text[name.start : m.end()]))
            floor = m.end()
            continue
        if head in lex["heads_needing_boundary"] and not _boundary_after(doc, m.end()):
            continue  # 枣矿集团技术学院: 集团 is inside the name, not its end
        start = with_division(doc.text, phrase_before(doc, m.start(), floor=floor, names=True), floor)
        prefix = doc.text[start : m.start()]
        if re.search(r"年度?$", doc.text[max(0, start - 2) : start]) or prefix.endswith("级"):
            continue  # 2023年武汉市技能大师工作室, 金华市级技能大师工作室: a designation, not one body
        if len(prefix) < 2 or is_generic(doc, start, m.start()) or taken.overlaps(start, m.start()):
            continue
        if head.endswith(tuple(lex["category_heads"])) and prefix in gazetteer():
            continue  # 贵州省职业院校: the schools of a place
        if prefix.removeprefix("各") in lex["kinds_of_body"] or counted(doc.text, start, m.end()):
            continue  # 行业协会, 组建职教联盟3个: a kind of body, not one
        if any(head.startswith(h) for h in lex["heads_needing_place"]) and not _starts_with_place(prefix):
            continue
        quoted = doc.text[start - 1 : start] == "“" and doc.text[m.end() : m.end() + 1] == "”"  # “酱香酒产业学院”
        named = quoted or _is_named(doc, start, m.start(), people) or _created(doc, start)
        if head in lex["heads_needing_a_name"]:
            named = _names_a_company(doc, start, m.start())  # 京东方公司, 兰州石化公司; not 养老公司
        if head in _kind_heads() and not named:
            continue  # 公共实训基地 and the like name a body only with a proper noun before them
        out.append(Mention("Organization", doc.text[start : m.end()], doc.span(start, m.end()), entity_key=doc.text[start : m.end()]))
        floor = m.end()
    return out


def with_division(text: str, start: int, floor: int) -> int:
    """The start of a name moved back to a division written across it or up to it, cut by the
    segmenter (日|土一中, 和平|度达隆学校: 日 and 度 end phrases elsewhere)."""
    for k in range(start - 1, max(floor, start - 7) - 1, -1):
        if any(k + len(form) >= start and short_name(gazetteer()[form]) not in common_words()
               for form in divisions_at(text, k)):
            return k
    return start


def _boundary_after(doc: Doc, end: int) -> bool:
    return phrase_after(doc, end) == end


@cache
def _partner() -> re.Pattern:
    lex = lexicon("organizations")
    return re.compile(
        rf"(?:{alternation(lex['partner_before'])})(?P<name>[\u4e00-\u9fff]{{2,12}}?(?:{alternation(lex['partner_heads'])}))"
        rf"(?:{alternation(lex['partner_after'])})"
    )


def partners(doc: Doc, taken: Occupied) -> list[Mention]:
    """与巽风科技合作: a partner between 与 and 合作 whose name ends like a company's."""
    return [Mention("Organization", m.group("name"), doc.span(m.start("name"), m.end("name")), entity_key=m.group("name"))
            for m in _partner().finditer(doc.text) if not taken.overlaps(m.start("name"), m.end("name"))]


@cache
def _scoped() -> re.Pattern:
    lex = lexicon("organizations")
    return re.compile(rf"(?:{alternation(lex['scopes'])})(?P<body>[\u4e00-\u9fff]{{0,8}}?)(?P<head>{alternation(lex['scoped_heads'])})")


def scoped(doc: Doc, taken: Occupied) -> list[Mention]:
    """世界技能组织, 国际劳工组织, 全国总工会: a body named by its scope (world, international,
    national) and its head."""
    lex = lexicon("organizations")
    out = []
    for m in _scoped().finditer(doc.text):
        body = m.group("body")
        if (not body and m.group("head") not in lex["heads_named_by_scope"]) or body.startswith(tuple(lex["kinds_of_body"])):
            continue  # 国际组织, 全国行业协会: a kind, not a name
        if not taken.overlaps(m.start(), m.end()):
            out.append(Mention("Organization", m.group(), doc.span(m.start(), m.end()), entity_key=m.group()))
    return out


@cache
def _party() -> re.Pattern:
    parties = alternation(lexicon("organizations")["parties"])
    return re.compile(rf"(?P<party>{parties})(?:(?P<seat>[\u4e00-\u9fff]{{1,7}}?)(?:委员会|委会|支社|总支))?")


def party_committees(doc: Doc, taken: Occupied) -> list[Mention]:
    """农工党安康市委员会, 九三学社宜宾市委会, 市民建: a democratic party (or the federation of
    industry and commerce) with its place or level."""
    out = []
    for m in _party().finditer(doc.text):
        seat = m.group("seat") or ""
        placed = seat in "省市县区" or seat in gazetteer() or seat[:-1] in gazetteer()
        end = m.end() if seat and placed else m.end("party")
        start = m.start() - (doc.text[m.start() - 1 : m.start()] in ("省", "市", "县", "区"))  # 市|民建
        if (start == m.start() and end == m.end("party")) or taken.overlaps(start, end):
            continue
        out.append(Mention("Organization", doc.text[start:end], doc.span(start, end), entity_key=doc.text[start:end]))
    return out


@cache
def _listed_companies() -> tuple[re.Pattern, re.Pattern]:
    """What closes a list of companies (等龙头企业), and the list read back from it."""
    lex = lexicon("organizations")
    item = r"[\u4e00-\u9fffA-Za-z]{2,12}"
    return (re.compile(rf"等(?:[\d{CN_NUMERAL}]+家)?(?:{alternation(lex['company_kinds'])})"),
            re.compile(rf"(?P<items>(?:{item}、)+{item})$"))


def listed_companies(doc: Doc, taken: Occupied) -> list[Mention]:
    """格力、海尔、京东方等龙头企业: companies named without a legal form, in a list that says
    they are companies; each must be a word the segmenter knows as a proper name (not 电子、机械)."""
    out = []
    closing, listing = _listed_companies()
    for close in closing.finditer(doc.text):
        m = listing.search(doc.text, max(0, close.start() - 80), close.start())
        if m is None:
            continue
        base = m.start("items")
        for i, part in enumerate(re.finditer(r"[^、]+", m.group("items"))):
            start, end = base + part.start(), base + part.end()
            if i == 0:
                start = phrase_before(doc, end, floor=start, names=True)  # 组织|格力
            words = tokens_in(doc, start, end)
            if not words or words[0].start != start or taken.overlaps(start, end):
                continue
            if _names_a_company(doc, start, end):
                out.append(Mention("Organization", doc.text[start:end], doc.span(start, end), entity_key=doc.text[start:end]))
    return out


def _names_a_company(doc: Doc, start: int, end: int) -> bool:
    """A place, or words the segmenter knows as the proper name of a body, or a transcribed
    name of three characters or more (兰州石化, 比亚迪; not 养老, tagged as a personal name)."""
    tags, proper = word_tags(), set(lexicon("organizations")["company_name_tags"])
    return _starts_with_place(doc.text[start:end]) or any(
        tags.get(w.text) in proper or (tags.get(w.text) == "nr" and len(w.text) >= 3) for w in tokens_in(doc, start, end))


def longest_only(mentions: list[Mention]) -> list[Mention]:
    """Drop names contained in a longer one (枣矿集团 inside 枣矿集团技术学院)."""
    ordered = sorted(mentions, key=lambda m: (m.span.start, -m.span.end))
    out: list[Mention] = []
    for m in ordered:
        if out and m.span.end <= out[-1].span.end:
            continue
        out.append(m)
    return out


def masters(organizations: list[Mention], people: list[Mention]) -> list[Fact]:
    """付一鸣技能大师工作室, (苗建海洋油气开采技能大师工作室): the person whose name begins a
    studio's name is its master."""
    suffixes = tuple(lexicon("people")["studio_suffixes"])
    named_at = {p.span.start: p for p in people}
    return [Fact(named_at[o.span.start], "masterOf", o) for o in organizations
            if o.span.start in named_at and o.label.endswith(suffixes)]


TAKEN = ("Agency", "Reply", "Proposal", "PolicyDocument", "Competition", "CompetitionEvent", "Award")  # named before


def run(doc: Doc) -> None:
    taken = Occupied(doc.mentions.of(*TAKEN))
    people = doc.mentions.of("Person")
    found = longest_only(candidates(doc, taken, Occupied(people)) + partners(doc, taken) + scoped(doc, taken)
                         + party_committees(doc, taken) + listed_companies(doc, taken))
    doc.mentions.add(found)
    doc.facts += masters(found, people)
