"""Contests (咸阳市第一届职业技能大赛), their events (育婴赛项) and prizes won by named people."""
from __future__ import annotations

import re
from functools import cache

from ..document import Doc
from ..model import Extraction, Fact, Mention
from ..normalize import CN_NUMERAL, chinese_to_int, month_of
from ..resources import lexicon
from .places import gazetteer
from .reply import date_of
from .spans import Occupied


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern]:
    lex = lexicon("competitions")
    heads, stops = _alternation(lex["heads"]), _alternation(lex["not_followed_by"])
    return {
        "numbered": re.compile(rf"第(?P<edition>[{CN_NUMERAL}\d]{{1,4}})届[\u4e00-\u9fff]{{0,20}}?(?:{heads})(?!{stops})"),
        "scoped": re.compile(rf"(?:{_alternation(lex['scopes'])})[\u4e00-\u9fff]{{0,16}}?(?:{heads})(?!{stops})"),
        "levelled": re.compile(rf"级(?:{heads})(?!{stops})"),
        "event": re.compile(rf"[\u4e00-\u9fff]{{1,10}}?{lex['event_suffix']}"),
        "award": re.compile(rf"(?:{_alternation(lex['award_verbs'])})了?(?P<level>{_alternation(lex['award_levels'])})"),
    }


YEAR_LEAD = re.compile(r"(?:^|(?<=[,,。;;\n]))\s*((?:19|20)\d{2})年[,,]")


def _place_before(text: str, start: int) -> int:
    """Start of a place name written right before `start` (咸阳市|第一届…), else `start`."""
    names = gazetteer()
    for length in range(7, 1, -1):
        if start - length >= 0 and text[start - length : start] in names:
            return start - length
    return start


def competitions(doc: Doc, taken: Occupied) -> list[Mention]:
    p, text = _patterns(), doc.text
    out: list[Mention] = []

    def add(start: int, end: int) -> None:
        generic = any(w in text[start:end] for w in lexicon("competitions")["not_in_name"])
        if not generic and not any(c.span.start < end and start < c.span.end for c in out) and not taken.overlaps(start, end):
            out.append(Mention("Competition", text[start:end], doc.span(start, end), key=text[start:end]))

    for m in p["numbered"].finditer(text):  # (咸阳市)第一届职业技能大赛
        add(_place_before(text, m.start()), m.end())
    for m in p["scoped"].finditer(text):  # 全国乡村振兴职业技能大赛
        add(m.start(), m.end())
    for m in p["levelled"].finditer(text):  # 重庆市级职业技能竞赛
        place = _place_before(text, m.start())
        if place < m.start():
            add(place, m.end())
    return out


def extract(doc: Doc, found: Extraction) -> Extraction:
    taken = Occupied([m for m in found.mentions if m.cls in ("PolicyDocument", "Concept", "Proposal", "Reply")])
    out = Extraction()
    people = [m for m in found.mentions if m.cls == "Person"]
    reference = date_of(found)
    p = _patterns()
    for contest in competitions(doc, taken):
        out.mentions.append(contest)
        edition = re.search(rf"第([{CN_NUMERAL}\d]+)届", contest.label)
        if edition:
            number = edition.group(1)
            out.facts.append(Fact(contest, "edition", number if number.isdigit() else str(chinese_to_int(number))))
        sentence = doc.sentence_at(contest.span.start)
        year = [y.group(1) for y in YEAR_LEAD.finditer(doc.text[sentence.start : contest.span.start])]
        if year:
            out.facts.append(Fact(contest, "year", year[-1]))
        event_match = p["event"].match(doc.text, contest.span.end)
        event = None
        if event_match:
            event = Mention("CompetitionEvent", event_match.group(), doc.span(event_match.start(), event_match.end()),
                            key=f"{contest.key}/{event_match.group()}")
            out.mentions.append(event)
            out.facts.append(Fact(event, "partOf", contest))
        for award in p["award"].finditer(doc.text, contest.span.end, sentence.end):
            winners = [w for w in people if sentence.start <= w.span.start < contest.span.start]
            if not winners:
                continue
            level = award.group("level")
            prize = Mention("Award", level, doc.span(award.start("level"), award.end("level")),
                            key=f"award-{award.start('level')}")
            out.mentions.append(prize)
            out.facts += [Fact(prize, "awardLevel", level), Fact(prize, "awardedTo", winners[-1])]
            if event:
                out.facts.append(Fact(prize, "inEvent", event))
            when = month_of(doc.text[sentence.start : award.start()], reference)
            if when:
                out.facts.append(Fact(prize, "date", when))
    return out
