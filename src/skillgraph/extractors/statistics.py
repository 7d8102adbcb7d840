"""Reported figures: 1000多万元 补贴资金 → 10000000 元 AtLeast, period 2022, and what they count."""
from __future__ import annotations

import bisect
import itertools
import re
from functools import cache

from ..document import Doc
from ..model import Figure, Mention, Span
from ..normalize import CN_NUMERAL, to_decimal
from ..resources import lexicon
from .phrases import CJK, alternation, is_generic, longest_first, phrase_after, phrase_before
from .names import canonical_kind
from .spans import Occupied

BEFORE_TIME = re.compile(r"(?:较|比|由|从)?(?:19|20)\d{2}年(?:底|末|同期)?的?(?:增长|提高|下降|减少|增加)?$")
PERIOD = re.compile(r"((?:19|20)\d{2})年以来")
COUNTING_UNITS = ("家", "个", "所", "处", "座")
NAMES = ("Reply", "Proposal", "PolicyDocument", "Person", "Competition", "CompetitionEvent", "Award", "Organization",
         "Concept", "PlatformSystem")  # a number inside one of these names is part of the name


@cache
def _figure() -> re.Pattern:
    lex = lexicon("statistics")
    q = lex["qualifiers"]
    before = alternation(q["AtLeast"]["before"] + q["Approximately"]["before"])
    after = alternation(q["AtLeast"]["after"] + q["Approximately"]["after"] + q["Exact"]["after"])
    return re.compile(
        rf"(?P<before>{before})?"
        rf"(?P<number>\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUMERAL}]+)"
        rf"(?P<more>多|余)?(?P<magnitude>[十百千万亿])?(?P<more2>多|余)?"
        rf"(?P<unit>{alternation(lex['units'])})(?P<after>{after})?"
    )


def qualifier_of(m: re.Match) -> str:
    q = lexicon("statistics")["qualifiers"]
    words = {m.group("before"), m.group("more"), m.group("more2"), m.group("after")} - {None}
    if words & set(q["AtLeast"]["before"] + q["AtLeast"]["after"]):
        return "AtLeast"
    if words & set(q["Approximately"]["before"] + q["Approximately"]["after"]):
        return "Approximately"
    return "Exact"


def is_figure(doc: Doc, m: re.Match) -> bool:
    """Not an ordinal (第二届), a session (十届四次会议), a date (2022年) or a number in a name."""
    lex = lexicon("statistics")
    text = doc.text
    before = text[max(0, m.start("number") - 2) : m.start("number")]
    after = text[m.end("unit") :]
    if any(before.endswith(w) for w in lex["not_after"]) or after.startswith(tuple(lex["not_before"])):
        return False
    if m.group("unit") in lex["units_needing_next"]:
        return after.startswith(tuple(lex["units_needing_next"][m.group("unit")]))
    if m.group("number") == "一" and m.group("unit") in lex["once_units"]:
        return False  # 每两年举办一次: once, not a count
    if m.group("number")[0].isdigit() or m.group("before"):
        return True
    # a Chinese numeral must start a word of its own (一个…, not 统一个)
    i = bisect.bisect_left(doc.token_starts, m.start("number"))
    return i < len(doc.token_starts) and doc.token_starts[i] == m.start("number")


def indicator_span(doc: Doc, m: re.Match) -> Span | None:
    """What is counted: the words right after the unit (10家技能大师工作室, 1600元的培训补贴),
    else right before the number (技能大师工作室9个, 小额信贷(5万元), 产值达1.1亿元), else
    the object of the verb after it (6.7万人取得职业技能等级证书)."""
    readings: tuple[Span | None, ...]
    if m.group("unit") == "%":  # 就业率达95%: a share is of what precedes it
        readings = (_before(doc, m.start()), _after(doc, m.end()))
    else:
        readings = (_after(doc, m.end()), _before(doc, m.start()), _after(doc, m.end(), over_verb=True))
    not_counted = tuple(lexicon("statistics")["not_counted"])
    if doc.text[m.end() : m.end() + 1] != "的" and readings[0] and readings[0].text.startswith(not_counted):
        return readings[0]  # 3个方面: an enumeration, dropped by the caller
    return next((r for r in readings if r and not r.text.startswith(not_counted)), readings[0])  # 360万人的目标


def _after(doc: Doc, start: int, over_verb: bool = False) -> Span | None:
    if doc.text[start : start + 1] == "的":
        start += 1
    if doc.text.startswith("标准", start):  # 按每人1200元标准给予培训补贴: a rate, of what is given
        start, over_verb = start + 2, True
    if over_verb:
        verb = next((w for w in longest_first("phrases", "stop_words") if doc.text.startswith(w, start)), "")
        if not verb:
            return None
        start += len(verb)
    end = phrase_after(doc, start)
    if doc.text.startswith(tuple(lexicon("statistics")["changes"]), start):
        return None  # 48%提高到73%: what follows is a change, not what is counted
    return doc.span(start, end) if end > start and CJK.match(doc.text[start]) else None


def _before(doc: Doc, stop: int) -> Span | None:
    if doc.text[stop - 1 : stop] == "(":
        stop -= 1
    if doc.text[stop - 1 : stop] in "”\"":  # 设立“户外劳动者驿站”7个: the quoted name is what is counted
        opening = max(doc.text.rfind("“", 0, stop - 1), doc.text.rfind('"', 0, stop - 1))
        if opening >= 0 and stop - opening <= 20:
            return doc.span(opening + 1, stop - 1)
    time = BEFORE_TIME.search(doc.text, max(0, stop - 16), stop)  # 专业占比由2022年的48%: skip the time
    stop = time.start() if time else stop
    links = longest_first("statistics", "links")
    while doc.text.endswith(links, 0, stop):  # 年销售产值达1.1亿元: skip 达
        stop -= len(next(w for w in links if doc.text.endswith(w, 0, stop)))
    start = phrase_before(doc, stop)
    return doc.span(start, stop) if CJK.search(doc.text[start:stop]) else None


def counted_kind(doc: Doc, indicator: Span, unit: str, kinds: list[Mention]) -> Mention | None:
    """The platform kind a count is of: a known kind, or a new kind named by the indicator
    (21家政府补贴培训目录清单机构) where it names a kind of institution."""
    inside = [k for k in kinds if indicator.start <= k.span.start and k.span.end <= indicator.end]
    heads = tuple(lexicon("platforms")["institution_heads"])
    if indicator.text in heads:  # 确定8家工作室: the one kind of 工作室 the text names
        known = {k.entity_key for k in kinds if k.entity_key.endswith(indicator.text)}
        return next(k for k in kinds if k.entity_key in known) if len(known) == 1 else None
    named = indicator
    if unit in COUNTING_UNITS and named.text.endswith(heads) and len(named.text) > 2:  # 7家企业: too general a kind
        kind_end = inside[-1].span.end if inside else None
        if not inside or (kind_end == named.end and not is_generic(doc, named.start, inside[-1].span.start)):
            return Mention("PlatformType", named.text, named, entity_key=canonical_kind(named.text))
    return inside[-1] if inside else None


def run(doc: Doc) -> None:
    lex = lexicon("statistics")
    names = Occupied(doc.mentions.of(*NAMES))
    kinds = doc.mentions.of("PlatformType")
    matches = [m for m in _figure().finditer(doc.text)
               if is_figure(doc, m) and not names.overlaps(m.start("number"), m.end("unit"))]
    indicators = listed_indicators(doc, matches)
    previous: Span | None = None
    for m in matches:
        sentence = doc.sentence_at(m.start())
        indicator = indicators[m.start()]
        if indicator is None and previous and previous.start >= sentence.start and doc.text.endswith(
                tuple(lex["changed_to"]), 0, m.start()):
            indicator = previous  # 从3家银行增加到6家: the same thing, counted again
        if indicator is None or indicator.text.startswith(tuple(lex["not_counted"])):
            continue
        previous = indicator
        unit = m.group("unit")
        value = to_decimal(m.group("number"), m.group("magnitude") or "")
        period = [p.group(1) for p in PERIOD.finditer(doc.text, sentence.start, m.start())]
        kind = counted_kind(doc, indicator, unit, kinds)
        doc.figures.append(Figure(value, unit, qualifier_of(m), indicator.text, doc.span(m.start(), m.end()),
                                  period[-1] if period else None, kind))


def listed_indicators(doc: Doc, matches: list[re.Match]) -> dict[int, Span | None]:
    """Indicators by figure. In a list of figures they share one: the last one's where it is
    written after the list (800元、1200元、1600元的培训补贴), else the first one's
    (国家级、省级技能大师工作室分别达到2个、15个)."""
    def listed(m: re.Match, n: re.Match) -> bool:
        return n.start() == m.end() + 1 and doc.text[m.end()] == "、" and n.group("unit") == m.group("unit")

    out: dict[int, Span | None] = {}
    following: re.Match | None = None
    for m in reversed(matches):
        shared = following is not None and listed(m, following) and _after(doc, following.end())
        out[m.start()] = out[following.start()] if following is not None and shared else indicator_span(doc, m)
        following = m
    for m, n in itertools.pairwise(matches):
        if out[n.start()] is None and listed(m, n):
            out[n.start()] = out[m.start()]
    return out
