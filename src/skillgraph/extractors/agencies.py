"""Government bodies: [place][level] core suffix (咸阳市人力资源和社会保障局, 市人社局, 教育部门).

The entity key of a mention is its AgencyKey, `region|core|suffix` in canonical spelling,
so 人社局 and 人力资源和社会保障局 of one region resolve to one node (resolve.py).
"""
from __future__ import annotations

import bisect
import re
from functools import cache

from ..document import DOC_NUMBER, Doc
from ..model import SELF_REFERENCE, Mention
from ..resources import lexicon
from ..vocab import AgencyKey
from .phrases import alternation, initials
from .gazetteer import common_words, gazetteer, short_name
from .names import word_edge
from .spans import Occupied



BRACKETED_LEVEL = re.compile(r"[省市县区]\([市县区旗、]+\)[市县区旗]?$")  # 各县(市、区), 各县(市)区


@cache
def _pattern() -> re.Pattern:
    lex = lexicon("agencies")
    variants = [v for vs in lex["cores"].values() for v in vs]
    return re.compile(
        initials(lex["fixed"], variants, lex["standalone"], lex["centres"])  # every name begins with one of these
        + rf"(?:(?P<fixed>{alternation(lex['fixed'])})(?!门)(?P<fixed_department>{lex['departments']}|办公厅)?"
        rf"|(?P<core>{alternation(variants)})(?P<suffix>{alternation(lex['suffixes'])})(?![法理学事署分件])"
        rf"(?P<department>{lex['departments']}|办公厅|办公室)?"  # 人力资源社会保障部办公厅, 省教育厅办公室
        rf"|(?P<standalone>{alternation(lex['standalone'])})(?P<office>{'|'.join(lex['offices'])})?"
        rf"|(?P<centre>{alternation(lex['centres'])})中心)"
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
    if start >= 3 and text[start - 3 : start] in lex["autonomous_levels"] and text[max(0, start - 4) : start - 3] != "族":
        return start - 3, text[start - 3 : start]  # 自治区人民政府; not 广西壮族自治区 (a place, below)
    bracketed = BRACKETED_LEVEL.search(text, max(0, start - 8), start)
    if bracketed:  # 各县(市、区)人力资源和社会保障局
        return bracketed.start(), bracketed.group()
    if start and text[start - 1] in lex["levels"] and (division := division_before(text, start)):
        return division  # 咸阳市人社局; 沙市区教体局, not the joint level 市区 below
    if text[max(0, start - 2) : start] in lex["party_levels"] + lex["joint_levels"]:  # 市委组织部, 各县区人社局
        return start - 2, text[start - 2 : start]
    if start and text[start - 1] in lex["levels"]:
        return start - 1, text[start - 1]
    return start, ""


def division_before(text: str, start: int) -> tuple[int, str] | None:
    """The division whose name, level and all, ends at `start`: (its start, its full name)."""
    names = gazetteer()
    for length in range(8, 2, -1):
        form = text[max(0, start - length) : start]
        if start - length >= 0 and form in names and short_name(names[form]) not in common_words():
            return start - length, names[form]
    return None


def find_agencies(doc: Doc) -> list[Mention]:
    lex = lexicon("agencies")
    text, found = doc.text, []
    numbers = [n.span() for n in DOC_NUMBER.finditer(text)]  # 中办发〔2022〕58号 names no body
    for m in _pattern().finditer(text):
        if any(s <= m.start() < e for s, e in numbers):
            continue
        start, region = region_before(text, m.start())
        if m.group("fixed"):
            key = AgencyKey("", "", lex["fixed"][m.group("fixed")] + (m.group("fixed_department") or ""))  # 教育部职业教育与成人教育司
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
    by_pattern = Occupied(found)
    found += [m for m in leading_group_offices(doc, by_pattern) + ministry_departments(doc) + bureaus(doc)
              if not by_pattern.overlaps(m.span.start, m.span.end)]
    for word in lex["self_references"]:
        for m in re.finditer(re.escape(word), text):
            found.append(Mention("Agency", word, doc.span(m.start(), m.end()), entity_key=SELF_REFERENCE))
    return found


GROUP = re.compile(r"(?:[省市县区]委|[省市县区州])(?:“[^”\n]{1,20}”)?[\u4e00-\u9fff]{0,12}$")
BUREAU_LEVELS = "省市县区州旗"
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
DEPARTMENT_LINE = re.compile(r"^[ \t]*(?P<name>[\u4e00-\u9fff]{2,8}(?<![公上官])司)[ \t]*$", re.M)


def leading_group_offices(doc: Doc, found: Occupied) -> list[Mention]:
    """市“人人持证、技能河南”建设工作领导小组办公室, 市委人才工作领导小组: a level written as a
    word of its own (and its place), an optional quoted name, the task, 领导小组 and its office;
    not 以市长为组长的…, 区委区政府成立…领导小组."""
    out, breaking = [], lexicon("phrases")["breaking_characters"]
    for m in re.finditer(r"领导小组(?P<office>办公室|办)?", doc.text):
        search_from = max(0, m.start() - 40)
        while (level := GROUP.search(doc.text, search_from, m.start())) is not None:
            search_from = level.start() + 1
            level_end = level.start() + (2 if doc.text[level.start() + 1] == "委" else 1)
            task = doc.text[level_end : m.start()]
            if (word_edge(doc, level_end) and not found.overlaps(level_end, m.start())
                    and not any(ch in breaking for ch in re.sub(r"“[^”]*”", "", task))):
                start, region = region_before(doc.text, level_end)
                key = str(AgencyKey(region, f"{task}领导小组", "办公室" if m.group("office") else ""))
                out.append(Mention("Agency", doc.text[start : m.end()], doc.span(start, m.end()), entity_key=key))
                break
    return out


def bureaus(doc: Doc) -> list[Mention]:
    """市数据资源局, 区行政审批服务局: a level, then words that end in 局 (not 市场|布局, 产业布局)."""
    out, text = [], doc.text
    breaking, not_bureaus = lexicon("phrases")["breaking_characters"], tuple(lexicon("agencies")["not_bureaus"])
    for m in re.finditer("局", text):
        end = m.end()
        if not word_edge(doc, end) or doc.tokens[bisect.bisect_right(doc.token_starts, m.start()) - 1].text.endswith(not_bureaus):
            continue
        for level in range(m.start() - 3, max(-1, m.start() - 10), -1):  # the nearest level with two or more words' worth
            core = text[level + 1 : m.start()]
            if not CJK_RUN.fullmatch(core) or any(ch in breaking for ch in core):
                break
            if text[level] in BUREAU_LEVELS and word_edge(doc, level + 1):
                start, region = region_before(text, level + 1)
                out.append(Mention("Agency", text[start:end], doc.span(start, end), entity_key=str(AgencyKey(region, core, "局"))))
                break
    return out


def ministry_departments(doc: Doc) -> list[Mention]:
    """职业能力建设司 on a line of its own (a signature, the publisher in the metadata)."""
    return [Mention("Agency", m.group("name"), doc.span(m.start("name"), m.end("name")), entity_key=str(AgencyKey("", m.group("name")[:-1], "司")))
            for m in DEPARTMENT_LINE.finditer(doc.text)]


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
