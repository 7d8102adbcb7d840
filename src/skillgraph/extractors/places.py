"""Places: administrative divisions (咸阳市, 薛城, 枣庄) and development zones (两江新区).

Only places the text uses on their own: a place inside an agency's, organisation's or
other entity's name is part of that name, not a Place.
"""
from __future__ import annotations

import bisect
import re

from ..document import Doc
from ..model import Mention
from ..resources import lexicon
from ..segment import word_frequency, word_tags
from .gazetteer import common_words, gazetteer, gazetteer_hits, written_out
from .names import word_edge
from .phrases import phrase_before, tokens_in
from .spans import Occupied

ZONE_SUFFIX = re.compile(r"新区|高新区|经开区|开发区|自贸区|示范区|管理区|度假区|大湾区")
TOWN = re.compile(r"(?:^|(?<=[、,:在与和及]))(?P<name>(?![各全本该每乡镇村])[\u4e00-\u9fff]{2})(?P<suffix>街道|镇|乡)(?=[、,。;和及与建设])", re.M)
NOT_ZONE = re.compile(r"[的在和与对将为是]")
PART = re.compile(r"片区")  # 台商投资区洛阳片区, 洛江区河市片区: a part of a place, named after one


def find_places(doc: Doc, occupied: Occupied) -> list[Mention]:
    names, text = gazetteer(), doc.text
    hits = gazetteer_hits(text)
    fulls_in_text = {names[form] for _, _, form in hits if written_out(form)}
    found = parts(doc, hits, occupied)
    occupied = Occupied(doc.mentions.of(*NAMES) + found)
    for start, end, form in hits:
        full = written_out(form)  # full names (汇川区, 红河州) stand on their own wherever they are written
        if text[end : end + 1] == "级":
            continue  # 嘉兴市级技能大师工作室: a level of designation, not the place itself
        if ((full or (word_edge(doc, start) and word_edge(doc, end))) and not occupied.overlaps(start, end)
                and _stands_alone(form, names[form], fulls_in_text) and not _inside_longer_place(text, end)):
            found.append(Mention("Place", form, doc.span(start, end), entity_key=names[form]))
    for m in ZONE_SUFFIX.finditer(text):  # 两江新区, 粤港澳大湾区: the name ends with the zone word
        start = phrase_before(doc, m.start(), max_chars=10, names=True)
        name = text[start : m.end()]
        if (m.start() - start >= 2 and not NOT_ZONE.search(name) and not occupied.overlaps(start, m.end())
                and not _has_plain_words(doc, start, m.start())):
            found.append(Mention("Place", name, doc.span(start, m.end()), entity_key=name))
    for m in TOWN.finditer(text):  # 在唐口街道、喻屯镇建设: towns the gazetteer does not list
        if word_tags().get(m.group("name"), "ns")[:2] in ("ns", "nr", "nz") and not occupied.overlaps(m.start(), m.end("suffix")):
            found.append(Mention("Place", m.group("name") + m.group("suffix"), doc.span(m.start("name"), m.end("suffix")),
                                 entity_key=m.group("name") + m.group("suffix")))
    return found


def parts(doc: Doc, hits: tuple[tuple[int, int, str], ...], occupied: Occupied) -> list[Mention]:
    """台商投资区洛阳片区 and later 洛阳片区: a part (片区) whose name holds a division; one
    part however many of the districts before it are written (its key: the name after them)."""
    found, starts = [], [h[0] for h in hits]
    for m in PART.finditer(doc.text):
        start = phrase_before(doc, m.start(), max_chars=12, names=True)
        i = bisect.bisect_left(starts, start)
        if i == len(hits) or hits[i][1] > m.start() or occupied.overlaps(start, m.end()) or _not_a_name(doc.text, start, m.end(), hits[i:]):
            continue
        name = doc.text[start : m.end()]
        found.append(Mention("Place", name, doc.span(start, m.end()), entity_key=re.sub(r"^.*?区(?=..+片区$)", "", name)))
    return found


def _not_a_name(text: str, start: int, end: int, hits: tuple[tuple[int, int, str], ...]) -> bool:
    """A word outside the divisions' names in [start, end) joins or relates phrases (…片区以及|洛江区…;
    but 仁和区河市片区: the 和 of 仁和区 is part of a name)."""
    for first, last, _ in hits:
        if first >= end:
            break
        if NOT_ZONE.search(text, start, first):
            return True
        start = max(start, last)
    return bool(NOT_ZONE.search(text, start, end))


def _has_plain_words(doc: Doc, start: int, end: int) -> bool:
    """积极组织|开发区: verbs, adverbs or adjectives do not name a zone; a division does, however
    tagged (营口高新区: 营口 is tagged a verbal noun)."""
    return any(word_tags().get(t.text, "")[:1] in ("v", "d", "a") and len(t.text) > 1 and t.text not in gazetteer()
               for t in tokens_in(doc, start, end))


def _inside_longer_place(text: str, end: int) -> bool:
    """西湖|管理区, 新蒲|新区: the form is the start of another place's name."""
    return bool(re.match(r"(?:管理区|新区|开发区|度假区|片区|镇|乡|村|街道)", text[end : end + 3]))


def _stands_alone(form: str, full: str, fulls_in_text: set[str]) -> bool:
    """A short form counts where the dictionary knows it as a place or a personal name (拉萨), or
    as a rare noun, verb or modifier (奉化: tagged a verb, 高密 an adjective, but no everyday
    word), where it is a city known by it (合肥, 大连), where it is a word
    of three characters or more (石家庄, 张家口: tagged as personal names), or where its full
    name is used too."""
    if written_out(form) or len(form) >= 3:
        return True
    if form in common_words():
        return full in fulls_in_text
    lex = lexicon("places")
    tag = word_tags().get(form, "")
    rare = tag[:1] in lex["rare_word_tags"] and word_frequency(form) <= lex["rare_word_frequency"]
    return tag in lex["place_tags"] or rare or form in lex["known_short_forms"] or full in fulls_in_text


NAMES = ("Agency", "Reply", "Proposal", "PolicyDocument", "Person", "Competition", "CompetitionEvent", "Award",
         "Organization", "Concept", "PlatformSystem", "PlatformTier", "PlatformType")  # a place inside one is part of it


def run(doc: Doc) -> None:
    doc.mentions.add(find_places(doc, Occupied(doc.mentions.of(*NAMES))))
