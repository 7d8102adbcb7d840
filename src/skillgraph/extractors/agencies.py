"""Government bodies: [place][level] core suffix (咸阳市人力资源和社会保障局, 市人社局, 教育部门).

The entity key of a mention is its AgencyKey, `region|core|suffix` in canonical spelling,
so 人社局 and 人力资源和社会保障局 of one region resolve to one node (resolve.py).
"""
from __future__ import annotations

import re
from functools import cache

from ..document import DOC_NUMBER, Doc
from ..model import SELF_REFERENCE, Mention
from ..resources import lexicon
from ..vocab import AgencyKey
from .phrases import alternation
from .gazetteer import common_words, gazetteer, short_name



BRACKETED_LEVEL = re.compile(r"[省市县区]\([市县区旗、]+\)$")


@cache
def _pattern() -> re.Pattern:
    lex = lexicon("agencies")
    variants = [v for vs in lex["cores"].values() for v in vs]
    return re.compile(
        rf"(?P<fixed>{alternation(lex['fixed'])})(?!门)"
        rf"|(?P<core>{alternation(variants)})(?P<suffix>{alternation(lex['suffixes'])})(?![法理学事署分件])"
        rf"(?P<department>{lex['departments']})?"
        rf"|(?P<standalone>{alternation(lex['standalone'])})(?P<office>{'|'.join(lex['offices'])})?"
        rf"|(?P<centre>{alternation(lex['centres'])})中心"
    )


@cache
def _canonical_core() -> dict[str, str]:
    return {v: canon for canon, vs in lexicon("agencies")["cores"].items() for v in vs}


def region_before(text: str, start: int) -> tuple[int, str]:
    """The region written just before `start`: (its start, its canonical form).

    '咸阳市' + core → (.., '咸阳市'); '市' + core → (.., '市'); '国家' → '国家'; nothing → ''.
    """
    lex = lexicon("agencies")
    if text[max(0, start - 2) : start] in ("国家", "中央"):
        return start - 2, text[start - 2 : start]
    bracketed = BRACKETED_LEVEL.search(text, max(0, start - 8), start)
    if bracketed:  # 各县(市、区)人力资源和社会保障局
        return bracketed.start(), bracketed.group()
    if text[max(0, start - 2) : start] in lex["party_levels"] + lex["joint_levels"]:  # 市委组织部, 各县区人社局
        return start - 2, text[start - 2 : start]
    if start and text[start - 1] in lex["levels"]:
        level = text[start - 1]
        names = gazetteer()
        for length in range(7, 1, -1):
            form = text[max(0, start - 1 - length) : start]
            if start - 1 - length >= 0 and form in names and short_name(names[form]) not in common_words():
                return start - 1 - length, names[form]
        return start - 1, level
    return start, ""


def find_agencies(doc: Doc) -> list[Mention]:
    lex = lexicon("agencies")
    text, found = doc.text, []
    numbers = [n.span() for n in DOC_NUMBER.finditer(text)]  # 中办发〔2022〕58号 names no body
    for m in _pattern().finditer(text):
        if any(s <= m.start() < e for s, e in numbers):
            continue
        start, region = region_before(text, m.start())
        if m.group("fixed"):
            key = AgencyKey("", "", lex["fixed"][m.group("fixed")])
            start = m.start()
        elif m.group("core"):
            key = AgencyKey(region, _canonical_core()[m.group("core")], lex["suffixes"][m.group("suffix")] + (m.group("department") or ""))
        elif m.group("standalone"):
            if not region:
                continue  # 政府主导, 政协委员: a level or place is needed (市政府, 区政协)
            key = AgencyKey(region, lex["standalone"][m.group("standalone")], m.group("office") or "")
        else:
            key = AgencyKey(region, m.group("centre"), "中心")
        for prefix in lex["plural_prefixes"]:
            if text[max(0, start - len(prefix)) : start] == prefix:
                start -= len(prefix)
                break
        found.append(Mention("Agency", text[start : m.end()], doc.span(start, m.end()), entity_key=str(key)))
    found = _joined_to_their_government(doc, found)
    for word in lex["self_references"]:
        for m in re.finditer(re.escape(word), text):
            found.append(Mention("Agency", word, doc.span(m.start(), m.end()), entity_key=SELF_REFERENCE))
    return found


def _joined_to_their_government(doc: Doc, found: list[Mention]) -> list[Mention]:
    """宜宾市人民政府|国有资产监督管理委员会, 国务院|国资委: a body of a government is one name."""
    out: list[Mention] = []
    for m in found:
        key, government = AgencyKey.parse(m.entity_key), AgencyKey.parse(out[-1].entity_key) if out else None
        if (key and government and out[-1].span.end == m.span.start and not key.region
                and (government.core, government.suffix) in (("人民政府", ""), ("", "国务院"))):
            region = government.region + (government.core or government.suffix)
            out[-1] = Mention("Agency", out[-1].label + m.label, doc.span(out[-1].span.start, m.span.end),
                              entity_key=str(key._replace(region=region)))
        else:
            out.append(m)
    return out


def run(doc: Doc) -> None:
    doc.mentions.add(find_agencies(doc))
