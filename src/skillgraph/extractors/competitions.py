"""Contests (咸阳市第一届职业技能大赛), their events (育婴赛项) and prizes won by named people."""
from __future__ import annotations

import bisect
import re
from functools import cache

from ..document import Doc
from ..model import Fact, Mention
from ..normalize import CN_NUMERAL, MONTH, chinese_to_int, month_of
from ..resources import lexicon
from .gazetteer import gazetteer
from .phrases import alternation, initials, longest_first, phrase_before
from .spans import Occupied



@cache
def _patterns() -> dict[str, re.Pattern]:
    lex = lexicon("competitions")
    heads, stops = alternation(lex["heads"]), alternation(lex["not_followed_by"])
    name = r"[\u4e00-\u9fff“”\"]"  # 南海区第四届“技能之星”职业技能竞赛
    return {
        # a numbered contest stays one before 获奖, 选手, 成绩 (第十六届…技能竞赛获奖名单)
        "numbered": re.compile(rf"(?:第(?P<edition>[{CN_NUMERAL}\d]{{1,4}})届|首届)(?:{name}|[、(（][\u4e00-\u9fff]{{1,6}}[)）]?){{0,24}}?(?:{heads})"
                               rf"(?!{alternation(lex['numbered_not_followed_by'])})"),
        "scoped": re.compile(rf"(?:{alternation(lex['scopes'])}){name}{{0,16}}?(?:{heads})(?!{stops})"),
        "head": re.compile(rf"(?:{heads})(?!{stops})"),
        "event": re.compile(rf"(?:{alternation(lex['event_suffixes'])})"),
        # what cannot sit between a contest and its event (大赛|中荣获|汽车技术项目)
        "level": re.compile(alternation(lex["award_levels"])),
        "not_before_event": re.compile(rf"{alternation(lex['award_verbs'])}|[中的在]"),
        "award": re.compile(rf"(?P<verb>{alternation(lex['award_verbs'])})了?(?:{alternation(lex['award_modifiers'])})?"
                            rf"(?P<event>[\u4e00-\u9fff]{{2,12}}?)?"
                            rf"(?P<level>{alternation(lex['award_levels'])})(?![\d{CN_NUMERAL}])"),
        "event_in": re.compile(rf"在(?P<event>[\u4e00-\u9fff]{{2,12}}?(?:{alternation(lex['event_suffixes'])}))中"),
        "event_list": re.compile(rf"(?P<items>[\u4e00-\u9fff、]{{2,80}}?)(?P<etc>等?)(?P<count>[\d{CN_NUMERAL}]{{1,6}})个"
                                 rf"(?:{alternation(lex['event_suffixes'])}|工种)"
                                 rf"|(?:{alternation(lex['event_suffixes'])})[\d{CN_NUMERAL}]{{1,6}}个[::](?P<after>[^。;\n]{{2,120}})"),
        # what every event_list match holds, found at a fraction of its cost: where it is not, event_list is not searched
        "event_count": re.compile(initials(lex["event_suffixes"], also=rf"\d{CN_NUMERAL}")  # a quick test of the first character
                                  + rf"(?:[\d{CN_NUMERAL}]个(?:{alternation(lex['event_suffixes'])}|工种)"
                                  rf"|(?:{alternation(lex['event_suffixes'])})[\d{CN_NUMERAL}]{{1,6}}个[::])"),
    }


def _listed_items(items: str, count: str | None, etc: str | None) -> list[re.Match]:
    """The items of a list: split at 、, or also at 和/及/与 where that gives the count written
    after them (电工和西式烹调2个项目: two events; 焊工、电工等12个: the ones written)."""
    by_comma = list(re.finditer(r"[^、]+", items))
    if count and not etc and len(by_comma) != _number(count):
        joined = list(re.finditer(rf"[^、{lexicon('competitions')['list_joiners']}]+", items))
        if len(joined) == _number(count):
            return joined
    return by_comma


def _number(written: str) -> int:
    return int(written) if written.isdigit() else chinese_to_int(written)


YEAR = re.compile(r"((?:19|20)\d{2})年(?!以来|底|度|前|后)")
SCHOOL_YEAR = re.compile(r"((?:19|20)\d{2})\s*[-—–~至]\s*(?:19|20)?\d{2}学年")  # 2020-2021学年: the year it starts


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
    covered: set[int] = set()

    def add(start: int, end: int) -> None:
        generic = any(w in text[start:end] for w in lexicon("competitions")["not_in_name"])
        if not generic and covered.isdisjoint(range(start, end)) and not taken.overlaps(start, end):
            out.append(Mention("Competition", text[start:end], doc.span(start, end), entity_key=text[start:end]))
            covered.update(range(start, end))

    for m in p["numbered"].finditer(text):  # (2020-2021学年)(咸阳市|中华人民共和国)第一届职业技能大赛
        start = _scope_before(text, _place_before(text, m.start()))
        school_year = SCHOOL_YEAR.search(text, max(0, start - 12), start)
        add(school_year.start() if school_year and school_year.end() == start else start, m.end())
    for m in p["scoped"].finditer(text):  # 全国乡村振兴职业技能大赛
        add(m.start(), m.end())
    for m in p["head"].finditer(text):  # 山东省职工职业技能大赛, 重庆市级职业技能竞赛: a place first
        start = phrase_before(doc, m.start())
        place = next((n for n in range(7, 1, -1) if text[start : start + n] in gazetteer()), 0)
        if place and (start + place < m.start() or len(m.group()) >= 4):  # not a bare 市大赛
            add(start, m.end())
    return _one_key_per_contest(sorted(out, key=lambda c: c.span.start))


def _scope_before(text: str, start: int) -> int:
    """Start of a scope word written right before `start` (中华人民共和国|第一届…), else `start`."""
    scope = next((w for w in longest_first("competitions", "scopes") if text.endswith(w, 0, start)), "")
    return start - len(scope)


def _same_contest_form(name: str) -> str:
    """One spelling for the ways a text writes one contest: 中华人民共和国第一届职业技能大赛 and
    第一届全国技能大赛 are both 全国第一届技能大赛; 中职(技工)院校 and 中职、技工院校 are one."""
    lex = lexicon("competitions")
    name = re.sub(r"[、(（]([\u4e00-\u9fff]{1,6})[)）]?", r"\1", name)
    for written, same in lex["same_words"].items():
        name = name.replace(written, same)
    return _edition_then_scope().sub(r"\2\1", name)


@cache
def _edition_then_scope() -> re.Pattern:
    return re.compile(rf"^(第[^届]{{1,4}}届)({alternation(lexicon('competitions')['scopes'])})")


def _one_key_per_contest(contests: list[Mention]) -> list[Mention]:
    """Contests written two ways in one text share the key of the first way."""
    first: dict[str, str] = {}
    out = []
    for c in contests:
        key = first.setdefault(_same_contest_form(c.label), c.entity_key)
        out.append(Mention(c.cls, c.label, c.span, entity_key=key))
    return out


def _line_at(doc: Doc, line_starts: list[int], offset: int):
    """The line (paragraph) that contains `offset`."""
    i = bisect.bisect_right(line_starts, offset) - 1
    line = doc.lines[i] if i >= 0 else None
    return line if line is not None and offset <= line.end else doc.span(offset, offset)


CELL = re.compile(r"[^\s|]+(?: [^\s|]+)*")


def winner_rows(doc: Doc, people: list[Mention]) -> list[tuple]:
    """Rows of a list of winners under a heading line that is a prize (银牌), up to the next
    line that is not a row, or rows with the prize in a cell of their own ("1  电子技术  张三
    福州某学校  一等奖"): (the prize, the winner, the cell before the winner: the event)."""
    levels = set(lexicon("competitions")["award_levels"])
    if not people or not _patterns()["level"].search(doc.text):
        return []
    people = sorted(people, key=lambda w: w.span.start)
    starts = [w.span.start for w in people]
    out, heading = [], None
    for line in doc.lines:
        if heading is None and not _patterns()["level"].search(line.text):
            continue
        cells = [doc.span(line.start + c.start(), line.start + c.end()) for c in CELL.finditer(line.text)]
        if len(cells) == 1 and cells[0].text in levels:
            heading = cells[0]
            continue
        prize = next((c for c in cells if c.text in levels), None) if len(cells) >= 3 else None
        if (prize or heading) is None or len(cells) < 2:
            heading = None if cells else heading
            continue
        i = bisect.bisect_left(starts, line.start)
        winner = people[i] if i < len(people) and people[i].span.end <= line.end else None
        if winner is None:
            continue
        before = [c for c in cells if c.end <= winner.span.start and re.fullmatch(r"[\u4e00-\u9fff]{2,12}", c.text)
                  and c.text not in levels]
        out.append((prize or heading, winner, before[0] if before else None))
    return out


def run(doc: Doc) -> None:
    taken = Occupied(doc.mentions.of("PolicyDocument", "Proposal"))  # a contest in the reply's own title is one
    people = doc.mentions.of("Person")
    reference = doc.date
    p = _patterns()
    mentions: list[Mention] = []
    facts: list[Fact] = []
    contests = competitions(doc, taken)
    contest_starts, line_starts = [c.span.start for c in contests], [line.start for line in doc.lines]
    years: dict[int, list[tuple[int, str]]] = {}  # the years each sentence writes, where they end
    for contest in contests:
        mentions.append(contest)
        edition = re.search(rf"第([{CN_NUMERAL}\d]+)届|首届", contest.label)
        if edition:
            number = edition.group(1) or "1"
            facts.append(Fact(contest, "edition", number if number.isdigit() else str(chinese_to_int(number))))
        sentence = doc.sentence_at(contest.span.start)
        school_year = SCHOOL_YEAR.match(contest.label)
        if school_year:
            facts.append(Fact(contest, "year", school_year.group(1)))
            continue
        if sentence.start not in years:
            years[sentence.start] = [(m.end(), m.group(1)) for m in YEAR.finditer(doc.text, sentence.start, sentence.end)]
        i = bisect.bisect_right(years[sentence.start], (contest.span.start, "~"))
        if i:
            facts.append(Fact(contest, "year", years[sentence.start][i - 1][1]))

    def contest_before(offset: int) -> Mention | None:
        """The contest named last before `offset` in its sentence, else in its paragraph, else
        the one the document is about, the first it names (大赛中,湖北选手在电工…项目获得银牌)."""
        i = bisect.bisect_left(contest_starts, offset)
        for part in (doc.sentence_at(offset), _line_at(doc, line_starts, offset)):
            if i and part.start <= contests[i - 1].span.start:
                return contests[i - 1]
        return contests[0] if contests else None

    def add_event(event: Mention) -> Mention:
        contest = contest_before(event.span.start)
        event = Mention("CompetitionEvent", event.label, event.span, entity_key=f"{contest.entity_key if contest else ''}/{event.label}")
        mentions.append(event)
        if contest:
            facts.append(Fact(event, "partOf", contest))
        return event

    for contest in contests:  # 第二届全国乡村振兴职业技能大赛育婴赛项
        follows = p["event"].search(doc.text, contest.span.end, contest.span.end + 12)
        between = doc.text[contest.span.end : follows.start()] if follows else ""
        if follows and not re.search(r"[^\u4e00-\u9fff]", between) and not p["not_before_event"].search(between):
            add_event(Mention("CompetitionEvent", doc.text[contest.span.end : follows.end()],
                              doc.span(contest.span.end, follows.end())))
    listings = p["event_list"].finditer(doc.text) if p["event_count"].search(doc.text) else ()
    for listing in listings:  # 设置焊工、电工等12个比赛项目 / 选拔项目6个:焊接、数控铣
        group = "items" if listing.group("items") else "after"
        base = listing.start(group)
        items = _listed_items(listing.group(group), listing.group("count"), listing.group("etc"))
        if len(items) < 2:
            continue
        first = items[0]
        contest_words = [h.end() for h in p["head"].finditer(doc.text, base + first.start(), base + first.end())]
        start = phrase_before(doc, base + first.end(), floor=max([base + first.start(), *contest_words]))  # 大赛|设置焊工
        intro = next((w for w in longest_first("competitions", "event_list_intro") if doc.text.startswith(w, start)), "")
        start += len(intro)  # 设置|工业机器人系统运维、数控车…
        for item in items:
            span = doc.span(max(start, base + item.start()), base + item.end())
            if 1 < len(span.text) <= 12 and not re.search(r"\d", span.text):
                add_event(Mention("CompetitionEvent", span.text, span))
    people = sorted(people, key=lambda w: w.span.start)
    starts = [w.span.start for w in people]
    events = sorted((e for e in mentions if e.cls == "CompetitionEvent"), key=lambda e: e.span.start)
    event_starts = [e.span.start for e in events]
    previous, months = None, {}  # the award before and its sentence; the first month of each sentence
    for award in p["award"].finditer(doc.text):
        sentence = doc.sentence_at(award.start())
        floor = previous[0].end() if previous and previous[1] == sentence else sentence.start
        previous = (award, sentence)
        i = bisect.bisect_right(starts, award.start())
        while i and people[i - 1].span.end > award.start():
            i -= 1
        if not i or people[i - 1].span.start < floor:
            continue
        winner = people[i - 1]
        level = award.group("level")
        prize = Mention("Award", level, doc.span(award.start("level"), award.end("level")), entity_key=f"award-{award.start('level')}")
        mentions.append(prize)
        facts += [Fact(prize, "awardLevel", level), Fact(prize, "awardedTo", winner)]
        event, new = None, True
        if award.group("event") and not re.search(r"[级类]$", award.group("event")):  # 获得国家级一等奖: no event
            event = Mention("CompetitionEvent", award.group("event"), doc.span(award.start("event"), award.end("event")))
        else:  # 在…大赛育婴赛项中荣获铜奖, 在水处理技术项目中荣获银牌
            j = bisect.bisect_left(event_starts, floor)
            while j < len(events) and events[j].span.start < award.start() and events[j].span.end > award.start():
                j += 1
            if j < len(events) and events[j].span.end <= award.start():
                event, new = events[j], False
            written = p["event_in"].search(doc.text, floor, award.start())
            if event is None and written:
                event = Mention("CompetitionEvent", written.group("event"), doc.span(written.start("event"), written.end("event")))
        if event is not None:
            if new:
                event = add_event(event)
            facts.append(Fact(prize, "inEvent", event))
        if sentence.start not in months:
            months[sentence.start] = MONTH.search(doc.text, sentence.start, sentence.end)
        month = months[sentence.start]
        when = month and month.end() <= award.start() and month_of(month.group(), reference)
        if when:
            facts.append(Fact(prize, "date", when))
    for heading, winner, cell in winner_rows(doc, people):  # 银牌 / 电工项目  李子安  凌云科技集团…
        prize = Mention("Award", heading.text, heading, entity_key=f"award-{winner.span.start}")
        mentions.append(prize)
        facts += [Fact(prize, "awardLevel", heading.text), Fact(prize, "awardedTo", winner)]
        if cell is not None:
            short = cell.text.removesuffix("项目")
            if short != cell.text and any(e.cls == "CompetitionEvent" and e.label == short for e in mentions):
                cell = doc.span(cell.start, cell.start + len(short))  # 电工项目 is the 电工 listed before
            facts.append(Fact(prize, "inEvent", add_event(Mention("CompetitionEvent", cell.text, cell))))
    doc.mentions.add(mentions)
    doc.facts += facts
