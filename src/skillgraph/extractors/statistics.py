"""Reported figures: 1000多万元 补贴资金 → 10000000 元 AtLeast, period 2022, and what they count;
the year a sentence gives them, and whether they are targets rather than results."""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..document import Doc
from ..model import Figure, Mention, Span
from ..normalize import CN_NUMERAL, RELATIVE_YEAR, fraction_to_percent, to_decimal
from ..resources import lexicon
from ..segment import word_tags
from .phrases import CJK, alternation, is_generic, longest_first, phrase_after, phrase_before, tokens_in
from .gazetteer import divisions_at, gazetteer, gazetteer_hits, written_out
from .names import canonical_kind
from .spans import Occupied

BEFORE_TIME = re.compile(r"(?:较|比|由|从)?(?:19|20)\d{2}年(?:底|末|同期)?的?(?:增长|提高|下降|减少|增加)?$")
SINCE = r"(?:以来|来(?!自))"
PERIOD = re.compile(rf"((?:19|20)\d{{2}})年{SINCE}|(前年|去年|上年|今年|本年){SINCE}")
YEAR = re.compile(rf"(?<![\d〔\[(【])((?:19|20)\d{{2}})年(?!{SINCE})|(前年|去年|上年|今年|本年|明年)(?!{SINCE})")
BASELINE = ("从", "由", "较", "比", "同比")
CHANGE = re.compile(r"(?:同比|环比|较上年|比上年|较去年|比去年|上年)?(?:增加|增长|减少|下降|提高|上升|降低|提升)了?")
TARGET_YEAR = re.compile(r"(?:到|至)((?:19|20)\d{2})年")
CLAUSE_END = re.compile(r"[,;:]")
MEDAL = re.compile(rf"(\d{{1,3}}|[{CN_NUMERAL}]{{1,3}})([金银铜])")
# a pattern that can only begin with a few characters tests that first ("(?=[…])"): the engine then
# skips every other position at once instead of trying the whole pattern there
MEDAL_RUN = re.compile(rf"(?=[\d{CN_NUMERAL}])(?<![\d.])(?:{MEDAL.pattern}){{1,3}}")  # 2银3铜, 1金2银3铜
FRACTION = re.compile(rf"(?=[\d{CN_NUMERAL}])(?:(?<![\d/.])(\d)/(\d{{1,2}})(?![\d/])|([{CN_NUMERAL}]{{1,3}})分之([{CN_NUMERAL}]{{1,3}}))")
COUNTING_UNITS = ("家", "个", "所", "处", "座")
LOOKBACK = 120  # characters of a sentence read back for its year or target words
PERIOD_LOOKBACK = 480  # … and for the 2022年以来 its period starts with
SHORT_NAME = re.compile(r"简称[“\"]?([^,。;:()“”\"]{1,12}?\d[^,。;:()“”\"]{0,8}?)[”\")]")  # (以下简称职教20条)
NAMES = ("Reply", "Proposal", "PolicyDocument", "Person", "Competition", "CompetitionEvent", "Award", "Organization",
         "Concept", "PlatformSystem")  # a number inside one of these names is part of the name


@dataclass(frozen=True)
class Written:
    """One number as written: where it starts (with a qualifier before it), where its number
    starts and its unit ends, and where it ends (with a qualifier after it)."""

    start: int
    number_start: int
    unit_end: int
    end: int
    number: str
    value: Decimal
    unit: str
    qualifier: str
    qualified_before: bool
    medal: str | None = None  # 2银 → 银牌: the figure says what it counts


@dataclass(frozen=True)
class Reading:
    """What a figure counts: the text of the indicator, and the phrase in the text it rests on."""

    text: str
    core: Span


@cache
def _figure() -> re.Pattern:
    """A number and its unit; the qualifier before it is read back from it (see `written`),
    so that the search can skip quickly to the next digit or numeral."""
    lex = lexicon("statistics")
    after = alternation(w for kind in lex["qualifiers"].values() for w in kind.get("after", []))
    return re.compile(
        rf"(?=[\d{CN_NUMERAL}])"  # the first character tested first
        rf"(?P<number>\d{{1,15}}(?:,\d{{3}}){{0,5}}(?:\.\d{{1,6}})?|[{CN_NUMERAL}]{{1,12}})"  # bounded: linear
        rf"(?P<more>多|余)?(?P<magnitude>[十百千万亿])?(?P<more2>多|余)?"
        rf"(?P<unit>{alternation(lex['units'])})(?P<after>{after})?"
    )


@cache
def _qualifier_after() -> re.Pattern:
    q = lexicon("statistics")["qualifiers"]
    return re.compile(alternation(w for kind in q.values() for w in kind.get("after", [])))


@cache
def _qualifier_before() -> re.Pattern:
    q = lexicon("statistics")["qualifiers"]
    return re.compile(f"(?:{alternation(w for kind in q.values() for w in kind.get('before', []))})$")


@cache
def _qualifier_kinds() -> dict[str, str]:
    """Each qualifier word → its kind (不超过 → AtMost)."""
    q = lexicon("statistics")["qualifiers"]
    return {word: kind for kind, words in q.items() for word in words.get("before", []) + words.get("after", [])}


def qualifier_of(words: set[str]) -> str:
    """AtMost (不超过, 以内), AtLeast (多, 以上), Approximately (近, 左右), else Exact."""
    found = {_qualifier_kinds().get(w) for w in words}
    return next((kind for kind in ("AtMost", "AtLeast", "Approximately") if kind in found), "Exact")


def written(doc: Doc, m: re.Match) -> Written:
    before = _qualifier_before().search(doc.text, max(0, m.start() - 4), m.start())
    words = {before and before.group(), m.group("more"), m.group("more2"), m.group("after")} - {None}
    return Written(before.start() if before else m.start(), m.start(), m.end("unit"), m.end(), m.group("number"),
                   to_decimal(m.group("number"), m.group("magnitude") or ""), m.group("unit"), qualifier_of(words),
                   before is not None)


@cache
def _range_low() -> re.Pattern:
    """The low end of a range, written right before the high end's number (5至|15天)."""
    return re.compile(rf"(?<![\d.])(\d{{1,6}}(?:\.\d{{1,4}})?)(?:{alternation(lexicon('statistics')['range_marks'])})$")


def ranges(doc: Doc, figures: list[Written]) -> list[tuple[Written, Written]]:
    """5至15天, 3-5万元: the low end of a range (written up to the high end, so the two are a run that
    shares an indicator), with the high end's unit and magnitude, and the high end."""
    out = []
    for high in figures:
        m = _range_low().search(doc.text, max(0, high.number_start - 12), high.number_start)
        if m is None or high.unit == "%" or not to_decimal(high.number):
            continue
        magnitude = high.value / to_decimal(high.number)
        before = _qualifier_before().search(doc.text, max(0, m.start() - 4), m.start())
        words = {before.group()} if before else set()
        out.append((Written(before.start() if before else m.start(), m.start(), m.end(1), m.end(), m.group(1),
                            to_decimal(m.group(1)) * magnitude, high.unit, qualifier_of(words), before is not None), high))
    return out


def fractions(doc: Doc) -> list[Written]:
    """1/2以上 → 50 % AtLeast, 三分之一 → 33.33 %."""
    out = []
    for m in FRACTION.finditer(doc.text):
        top, bottom = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        value = fraction_to_percent(top, bottom)
        if not 0 < value < 100:
            continue
        before = _qualifier_before().search(doc.text, max(0, m.start() - 4), m.start())
        after = _qualifier_after().match(doc.text, m.end())
        words = {q.group() for q in (before, after) if q}
        out.append(Written(before.start() if before else m.start(), m.start(), m.end(), after.end() if after else m.end(),
                           m.group(), value, "%", qualifier_of(words), before is not None))
    return out


def medal_runs(doc: Doc) -> list[Written]:
    """2银3铜, 获得1金: counts of medals, where they come in a run or after a verb of winning."""
    lex = lexicon("statistics")
    out = []
    for run in MEDAL_RUN.finditer(doc.text):
        items = list(MEDAL.finditer(doc.text, run.start(), run.end()))
        won = doc.text.endswith(tuple(lex["medal_verbs"]), 0, run.start())
        if len(items) < 2 and not (won and doc.text[run.end() : run.end() + 1] in "牌和、,。"):
            continue  # 五险一金 is no medal
        out += [Written(m.start(), m.start(), m.end(), m.end(), m.group(1), to_decimal(m.group(1)), "个", "Exact",
                        False, lex["medals"][m.group(2)]) for m in items]
    return out


def is_figure(doc: Doc, w: Written, lead: int | None = None) -> bool:
    """Not an ordinal (第二届), a session (十届四次会议), a date (2022年), an article (是一项重要…)
    or a number in a name. `lead`: where the words before it are read (a range's low end)."""
    lex = lexicon("statistics")
    text = doc.text
    lead = w.number_start if lead is None else lead
    after = text[w.unit_end : w.unit_end + 8]
    if text.endswith(tuple(lex["not_after"]), 0, lead) or after.startswith(tuple(lex["not_before"])):
        return False
    if w.unit in lex["units_needing_next"]:
        if after.startswith(tuple(lex["units_needing_next"][w.unit])):
            return True
        short = len(w.number) <= 2 or not w.number[0].isdigit()
        return short and (text.endswith(tuple(lex["durations_after"]), 0, lead)  # 为期3年, 3年500亿元
                          or (_figure().match(text, w.end) is not None and not divisions_at(text, w.end)))  # not 10年|三门县
    if w.number == "一" and ((w.unit in lex["once_units"] and not w.qualified_before) or after.startswith("一")):
        return False  # 每两年举办一次: once, not a count; 一人一档, 一对一: a pattern
    article = lex["article"]
    if w.number == "一" and w.unit in article["units"] and (
            text.endswith(tuple(article["before"]), 0, w.number_start) or after.startswith(tuple(article["after"]))):
        return False
    if w.number[0].isdigit() or w.qualified_before:
        return True
    if text.endswith(("数", "几", "若干"), 0, w.number_start):
        return False  # 数十家, 几百人: no figure given
    # a Chinese numeral must start a word of its own (一个…, not 统一个)
    i = bisect.bisect_left(doc.token_starts, w.number_start)
    return i < len(doc.token_starts) and doc.token_starts[i] == w.number_start


def indicator_of(doc: Doc, w: Written) -> Reading | None:
    """What is counted: the words right after the unit (10家技能大师工作室, 1600元的培训补贴),
    else right before the number (技能大师工作室9个, 小额信贷(5万元), 产值达1.1亿元), else
    the object of the verb after it (6.7万人取得职业技能等级证书). A share is of what precedes
    it (就业率达95%), or of what follows 的 (27%的目标任务)."""
    lex = lexicon("statistics")
    if w.medal:
        return Reading(w.medal, doc.span(w.number_start, w.unit_end))
    if w.unit == "%":
        following = _after(doc, w.end) if doc.text[w.end : w.end + 1] == "的" else None
        return following or _before(doc, w.start) or _after(doc, w.end)
    first = _medal_won(doc, w.end) or _participation(doc, w) or _after(doc, w.end)
    not_counted = tuple(lex["not_counted"])
    if doc.text[w.end : w.end + 1] != "的" and first and first.core.text.startswith(not_counted):
        return first  # 3个方面: an enumeration, dropped by the caller
    later = (lambda: _before(doc, w.start),
             lambda: _after(doc, w.end, over_verb=True), lambda: _verb_before(doc, w.start))
    readings = itertools.chain([first], (read() for read in later))  # read only as far as needed
    return next((r for r in readings if r and not r.core.text.startswith(not_counted)), first)  # 360万人的目标


def _reading(span: Span | None) -> Reading | None:
    return Reading(span.text, span) if span else None


def _after(doc: Doc, start: int, over_verb: bool = False) -> Reading | None:
    if re.match(rf"/{CJK.pattern}", doc.text[start : start + 2]):  # 12000元/生的标准: a rate per student
        start += 2
    if doc.text[start : start + 1] == "的":
        start += 1
    if doc.text.startswith("标准", start):  # 按每人1200元标准(每年)给予培训补贴: a rate, of what is given
        start, over_verb = _without_links_after(doc, start + 2), True
    if over_verb:
        verbs = longest_first("phrases", "stop_words") + longest_first("statistics", "rate_verbs")
        verb = next((w for w in verbs if doc.text.startswith(w, start)), "")
        if not verb:
            return None
        start += len(verb)
    end = _listed_end(doc, start, _phrase_end(doc, start))
    close = doc.text.find(")", start, end)
    if close >= 0 and "(" not in doc.text[start:close]:
        end = close  # (其中2个为国家级): the note ends at its bracket
    if doc.text.startswith(tuple(lexicon("statistics")["changes"]), start):
        return None  # 48%提高到73%: what follows is a change, not what is counted
    return _reading(doc.span(start, end)) if end > start and CJK.match(doc.text[start]) else None


def _phrase_end(doc: Doc, start: int) -> int:
    """phrase_after, with a leading 生均/人均 taken in (生均经费)."""
    head = next((p for p in lexicon("statistics")["per_head"] if doc.text.startswith(p, start)), "")
    end = phrase_after(doc, start + len(head))
    return end if end > start + len(head) or not head else start


def _listed_end(doc: Doc, start: int, end: int) -> int:
    """25所中职、技工院校: kinds listed with 、 share the count, unless the next one has its own number."""
    for _ in range(4):
        if doc.text[end : end + 1] != "、" or end - start > 8:
            break
        further = phrase_after(doc, end + 1)
        if further == end + 1 or not CJK.match(doc.text[end + 1]) or doc.text[further : further + 1].isdigit():
            break
        end = further
    return end


def _without_links_after(doc: Doc, start: int) -> int:
    """Where the words after `start` begin once 每年, 共 and the like are skipped."""
    links = longest_first("statistics", "links")
    word = next((w for w in links if doc.text.startswith(w, start)), "")
    return start + len(word)


def _medal_won(doc: Doc, start: int) -> Reading | None:
    """2个项目获得银牌: a count of silver medals."""
    lex = lexicon("statistics")
    carrier = next((c for c in lex["medal_carriers"] if doc.text.startswith(c, start)), None)
    if carrier is None:
        return None
    at = start + len(carrier)
    verb = next((v for v in longest_first("statistics", "medal_verbs") if doc.text.startswith(v, at)), None)
    if verb is None:
        return None
    at += len(verb) + doc.text.startswith("了", at + len(verb))
    medal = lex["medals"].get(doc.text[at : at + 1])
    if medal is None or doc.text[at + 1 : at + 2] not in ("牌", "奖"):
        return None
    return Reading(medal, doc.span(at, at + 2))


def _participation(doc: Doc, w: Written) -> Reading | None:
    """8000余人参加: people counted by what they did."""
    lex = lexicon("statistics")
    if w.unit not in lex["person_units"]:
        return None
    verb = next((v for v in lex["participation_verbs"] if doc.text.startswith(v, w.end)), None)
    if verb is None:
        return None
    done = doc.span(w.end, max(phrase_after(doc, w.end + len(verb)), w.end + len(verb)))
    who = _before(doc, w.start)
    if who and who.core.end == w.start:  # 帮助农民工3000人就业 → 农民工就业; not 记者共8000人参加
        return Reading(who.text + done.text, done)
    return _reading(done)


def _without_links(doc: Doc, stop: int) -> int:
    """Where the words before `stop` end once the verbs that link a thing to its number are
    skipped (年销售产值达|1.1亿元)."""
    links = longest_first("statistics", "links")
    while doc.text.endswith(links, 0, stop):
        stop -= len(next(w for w in links if doc.text.endswith(w, 0, stop)))
    return stop


def _verb_before(doc: Doc, stop: int) -> Reading | None:
    """截至5月底已完成1.2万人次: where nothing names what is counted, the verb that did it."""
    stop = _without_links(doc, stop)
    i = bisect.bisect_left(doc.token_starts, stop) - 1
    token = doc.tokens[i] if i >= 0 else None
    if token is None or token.end != stop or len(token.text) < 2 or not CJK.fullmatch(token.text[-1]) or \
            token.text in lexicon("statistics")["not_verbs"]:
        return None
    done_to = phrase_before(doc, token.start)  # 高素质农民培育1572人: those the action was done to
    if CJK.search(doc.text[done_to : token.start]) and not CHANGE.fullmatch(token.text):  # 较上年|增加
        return _reading(doc.span(done_to, stop))
    return _reading(token)


def _share(doc: Doc, stop: int, previous: Reading | None, depth: int = 2) -> Reading | None:
    """占全市技能人才的31.4% → 高技能人才占全市技能人才; 占比31.4% → 高技能人才占比;
    占从业人员的比重达30% → 高技能人才占从业人员的比重: the share of what precedes, in what."""
    whole = _before(doc, stop)
    if whole is None:
        return None
    if whole.core.text in lexicon("statistics")["share_words"]:
        inner = _share(doc, whole.core.start, previous, depth - 1) if depth else None
        if inner:
            return Reading(f"{inner.text}的{whole.core.text}", whole.core)
        return Reading(previous.text + whole.core.text, whole.core) if previous else None
    at = doc.text.rfind("占", max(0, whole.core.start - 4), whole.core.end)  # 占全市|技能人才
    if at < 0:
        return None
    subject = doc.span(phrase_before(doc, at), at)
    part = subject.text if CJK.search(subject.text) else previous.text if previous else ""
    return Reading(f"{part}占{doc.text[at + 1 : whole.core.end]}", whole.core) if part else None


def _before(doc: Doc, stop: int) -> Reading | None:
    if doc.text[stop - 1 : stop] in "(“":  # 小额信贷(5万元), 提升行动“3年500亿元…”
        stop -= 1
    if doc.text[stop - 1 : stop] in "”\"":  # 设立“户外劳动者驿站”7个: the quoted name is what is counted
        floor = max(0, stop - 20)
        opening = max(doc.text.rfind("“", floor, stop - 1), doc.text.rfind('"', floor, stop - 1))
        if opening >= 0:
            return _reading(doc.span(opening + 1, stop - 1))
    time = BEFORE_TIME.search(doc.text, max(0, stop - 16), stop)  # 专业占比由2022年的48%: skip the time
    stop = _without_links(doc, time.start() if time else stop)
    lex = lexicon("statistics")
    if doc.text.endswith(tuple(lex["rate_prepositions"]), 0, stop):
        return None  # 按10800元的标准: named by what follows, if anything
    start = phrase_before(doc, stop)
    if start == stop and doc.text[stop - 1 : stop] in lex["noun_suffixes"]:  # 匹配度达91%
        start = phrase_before(doc, stop - 1)
        start = stop if start == stop - 1 else start
    if not CJK.search(doc.text[start:stop]):
        return None
    core = doc.span(start, stop)
    if core.text in lex["rate_words"] and doc.text[start - 1 : start] == ",":  # 给予创业补贴,标准为2万元
        of = phrase_before(doc, start - 1)
        if CJK.search(doc.text[of : start - 1]):
            return Reading(doc.text[of : start - 1] + core.text, core)
    note_of = _bracketed_of(doc, start)
    if note_of is not None:  # 定额拨款(职院1980万元/年,民院670万元/年) → 职院定额拨款
        return Reading(core.text + note_of.text, core)
    return Reading(doc.text[_widened(doc, start) : stop], core)


def _bracketed_of(doc: Doc, start: int) -> Span | None:
    """The phrase a bracketed note belongs to, where `start` begins an item of it:
    补贴标准(初级500元、中级800元) → 补贴标准 for the item 初级."""
    if doc.text[start - 1 : start] not in ("(", ",", "、"):
        return None
    opening = doc.text.rfind("(", max(0, start - 24), start)
    if opening < 0 or ")" in doc.text[opening:start]:
        return None
    words = tokens_in(doc, phrase_before(doc, opening), opening)
    verbs = [i for i, word in enumerate(words[:-1]) if word_tags().get(word.text) == "v"]  # 以前实行|定额拨款
    words = words[verbs[-1] + 1 :] if verbs else words
    return doc.span(_widened(doc, words[0].start), opening) if words and CJK.search(words[0].text) else None


def _widened(doc: Doc, start: int) -> int:
    """Where a counted phrase begins once the words that belong to it are taken back in:
    在岗职工, “巴渝家政”培训, 保安及保洁人员, 新增技能人才."""
    lex = lexicon("statistics")
    text = doc.text
    if text[start - 1 : start + 1] in lex["bound_words"]:
        start -= 1
    if text.endswith(tuple(lex["per_head"]), 0, start):  # 生均|经费
        start -= 2
    if text[start - 1 : start] == "”":
        opening = text.rfind("“", max(0, start - 20), start - 1)
        start = opening if opening >= 0 else start
    joiner = next((j for j in longest_first("statistics", "joiners") if text.endswith(j, 0, start)), None)
    if joiner:
        left = phrase_before(doc, start - len(joiner), max_chars=8)
        if left < start - len(joiner) and CJK.search(text[left : start - len(joiner)]):
            start = left
    verb = next((v for v in longest_first("statistics", "counted_verbs") if text.endswith(v, 0, start)), None)
    return start - len(verb) if verb else start


class Kinds:
    """The platform kinds the text names, by where they start and by the head they end with."""

    def __init__(self, kinds: list[Mention]):
        self.kinds = sorted(kinds, key=lambda k: (k.span.start, k.span.end))
        self.starts = [k.span.start for k in self.kinds]
        self.by_head: dict[str, dict[str, Mention]] = {}
        for head in lexicon("platforms")["institution_heads"]:
            for k in kinds:  # the first mention of each kind, in the order found
                if k.entity_key.endswith(head):
                    self.by_head.setdefault(head, {}).setdefault(k.entity_key, k)

    def inside(self, span: Span) -> list[Mention]:
        i, j = bisect.bisect_left(self.starts, span.start), bisect.bisect_left(self.starts, span.end)
        return [k for k in self.kinds[i:j] if k.span.end <= span.end]


def counted_kind(doc: Doc, indicator: Span, unit: str, kinds: Kinds) -> Mention | None:
    """The platform kind a count is of: a known kind, or a new kind named by the indicator
    (21家政府补贴培训目录清单机构) where it names a kind of institution."""
    inside = kinds.inside(indicator)
    heads = tuple(lexicon("platforms")["institution_heads"])
    if indicator.text in heads:  # 确定8家工作室: the one kind of 工作室 the text names
        known = kinds.by_head.get(indicator.text, {})
        return next(iter(known.values())) if len(known) == 1 else None
    named = _without_actions(doc, indicator)
    place = next(iter(divisions_at(doc.text, named.start)), "")
    if place and len(place) < len(named.text):  # 贵州省|职业院校: a kind, counted in a place
        named = doc.span(named.start + len(place), named.end)
    if unit in COUNTING_UNITS and named.text.endswith(heads) and len(named.text) > 2:  # 7家企业: too general a kind
        kind_end = inside[-1].span.end if inside else None
        if not inside or (kind_end == named.end and not is_generic(doc, named.start, inside[-1].span.start)):
            return Mention("PlatformType", named.text, named, entity_key=canonical_kind(named.text))
    return inside[-1] if inside else None


def _without_actions(doc: Doc, phrase: Span) -> Span:
    """The phrase without the actions written before the kind (新认定|市级技能大师工作室, 服务|企业)."""
    words = tokens_in(doc, phrase.start, phrase.end)
    actions = lexicon("statistics")["kind_leading_verbs"]
    kept = next((i for i, word in enumerate(words) if word.text not in actions), len(words))
    return doc.span(words[kept].start, phrase.end) if kept < len(words) else phrase


def year_of(doc: Doc, start: int, sentence: Span, names: Occupied, reference: int | None) -> str | None:
    """The year the sentence gives a figure: the last one written before it (2023年…,
    去年… against the document's date), not one inside a name or a document number."""
    found, window = None, max(sentence.start, start - LOOKBACK)
    for m in YEAR.finditer(doc.text, window, start):
        if names.overlaps(m.start(), m.end()) or doc.text.endswith(BASELINE, 0, m.start()):
            continue  # 从2022年的3家增加到6家, 较上年: the year compared with
        if m.group(1):
            found = m.group(1), m.end()
        elif reference is not None:
            found = str(reference + RELATIVE_YEAR[m.group(2)]), m.end()
    if found is None or any(w in doc.text[found[1] : start] for w in lexicon("statistics")["present_words"]):
        return None  # 2023年,印发…,截至目前,备案20家: as things stand now
    return found[0]


def period_of(doc: Doc, start: int, sentence: Span, reference: int | None) -> str | None:
    """2022年以来 → 2022; 今年以来 → the document's year."""
    found = None
    for m in PERIOD.finditer(doc.text, max(sentence.start, start - PERIOD_LOOKBACK), start):
        if m.group(1):
            found = m.group(1)
        elif reference is not None:
            found = str(reference + RELATIVE_YEAR[m.group(2)])
    return found


def is_target(doc: Doc, start: int, sentence: Span, names: Occupied, planned_from: int | None,
              reference: int | None) -> bool:
    """A figure the text plans: in the 下一步 part, after 力争/预计/目标是… in its sentence, after
    计划 in its clause, or in a sentence that looks ahead to a year not yet reached (到2025年)."""
    if planned_from is not None and start >= planned_from:
        return True
    lex = lexicon("statistics")
    window = max(sentence.start, start - LOOKBACK)
    text = doc.text[window:start]
    if any(p in text for p in lex["target_phrases"]):
        return True
    if any(w in text for w in lex["target_words"] + lex["target_clause_words"]):
        clause_start = max((m.end() for m in CLAUSE_END.finditer(doc.text, window, start)), default=window)
        for token in tokens_in(doc, window, start):
            in_clause = token.start >= clause_start and doc.text[token.end : token.end + 1] != "的"  # 年度计划的80%
            if (token.text in lex["target_words"] or (in_clause and token.text in lex["target_clause_words"])) and \
                    not names.overlaps(token.start, token.end):  # 《…计划》 is a name
                return True
    ahead = [int(m.group(1)) for m in TARGET_YEAR.finditer(doc.text, window, start)]
    return bool(ahead) and reference is not None and max(ahead) >= reference


def run(doc: Doc) -> None:
    lex = lexicon("statistics")
    plain = [written(doc, m) for m in _figure().finditer(doc.text)]
    spans = ranges(doc, plain)
    judged = {w.start: (high, low.number_start) for low, high in spans for w in (low, high)}  # by the whole range
    found = sorted(plain + [low for low, _ in spans] + fractions(doc) + medal_runs(doc), key=lambda w: (w.start, w.end))
    names = Occupied([m for m in doc.mentions.of(*NAMES) if not is_quoted_run(m, found)] + short_names(doc)
                     + numbered_divisions(doc))
    kinds = Kinds(doc.mentions.of("PlatformType"))
    reference = int(doc.date[:4]) if doc.date else None
    planned_from = next((s.marker.start for s in doc.sections if s.planned), None)
    figures = [w for w in found
               if is_figure(doc, *judged.get(w.start, (w, None))) and not names.overlaps(w.number_start, w.unit_end)]
    figures = [w for i, w in enumerate(figures) if not (i and figures[i - 1].end > w.start)]  # one reading of a text
    readings = listed_indicators(doc, figures)
    previous: Reading | None = None
    for w in figures:
        sentence = doc.sentence_at(w.start)
        reading = readings[w.start]
        if reading is None and previous and previous.core.start >= sentence.start and doc.text.endswith(
                tuple(lex["changed_to"]), 0, w.start):
            reading = previous  # 从3家银行增加到6家: the same thing, counted again
        if reading is None or (w.unit != "%" and reading.core.text.startswith(tuple(lex["not_counted"]))):
            continue
        previous = reading
        doc.figures.append(Figure(
            w.value, w.unit, w.qualifier, reading.text, doc.span(w.start, w.end),
            period_of(doc, w.start, sentence, reference), counted_kind(doc, reading.core, w.unit, kinds),
            year_of(doc, w.start, sentence, names, reference),
            is_target(doc, w.start, sentence, names, planned_from, reference)))


def numbered_divisions(doc: Doc) -> list[Mention]:
    """Divisions with a numeral in their name (三元区, 五台县人社局): the numeral and the
    character after it are part of the name, no figure; so is a short form of one the
    document also writes in full (三门县…, 三门中职: not 3 门)."""
    numbered = [(start, end, form) for start, end, form in gazetteer_hits(doc.text)
                if any(c.isdigit() or c in CN_NUMERAL for c in form)]
    written = {form for *_, form in numbered if written_out(form)}
    return [Mention("Place", form, doc.span(start, end)) for start, end, form in numbered
            if form in written or gazetteer()[form] in written]


def short_names(doc: Doc) -> list[Mention]:
    """Short names with a number that the text gives (以下简称职教20条), wherever they recur."""
    given = list(dict.fromkeys(m.group(1) for m in SHORT_NAME.finditer(doc.text)))[:20]  # a few per document
    if not given:
        return []
    return [Mention("Concept", m.group(), doc.span(m.start(), m.end()))
            for m in re.finditer(alternation(given), doc.text)]


def is_quoted_run(name: Mention, found: list[Written]) -> bool:
    """A quote that is nothing but a run of figures (“3年500亿元2000万人次”) sums figures up; it
    is no name that hides them."""
    if name.cls != "Concept":
        return False
    i = bisect.bisect_left(found, name.span.start, key=lambda w: w.start)
    end, count = name.span.start, 0
    while i + count < len(found) and found[i + count].start == end and found[i + count].end <= name.span.end:
        end, count = found[i + count].end, count + 1
    return count >= 2 and end == name.span.end


def listed_indicators(doc: Doc, figures: list[Written]) -> dict[int, Reading | None]:
    """Indicators by figure. In a list of figures (800元、1200元, 2万元和8000元, a run such as
    3年500亿元) they share one: the last one's where it is written after the list
    (800元、1200元、1600元的培训补贴), else the first one's (国家级、省级技能大师工作室分别达到2个、15个)."""
    lex = lexicon("statistics")
    joiners, category_units = ("、", *lex["joiners"]), lex["category_units"]

    def listed(w: Written, n: Written) -> bool:
        if w.medal or n.medal:
            return False
        if n.start == w.end:
            return w.unit not in category_units  # a run: 3年500亿元2000万人次; not 15大类46个项目
        return doc.text[w.end : n.start] in joiners and n.unit == w.unit

    out: dict[int, Reading | None] = {}
    following: Written | None = None
    for w in reversed(figures):
        shared = following is not None and listed(w, following) and _after(doc, following.end)
        out[w.start] = out[following.start] if following is not None and shared else indicator_of(doc, w)
        following = w
    for w, n in itertools.pairwise(figures):
        if listed(w, n) and (out[n.start] is None or n.start == w.end):
            out[n.start] = out[w.start]
    previous: Reading | None = None
    for w in figures:  # a share reads the count before it: 高技能人才158万人,占比31.4%
        reading = out[w.start]
        if previous is not None and previous.core.start < doc.sentence_at(w.start).start:
            previous = None
        if reading is None:
            continue
        if previous is not None and CHANGE.fullmatch(reading.core.text):
            out[w.start] = Reading(previous.text + reading.text, reading.core)  # 工作室30个,较上年增加5个
            continue
        if w.unit == "%":
            out[w.start] = _share(doc, w.start, previous) or reading
            continue
        levels = longest_first("statistics", "part_modifiers")
        if previous is not None and reading.core.text in levels:
            # 技能大师工作室15个,其中国家级2个: a part of what was just counted (省级基地6个,其中2个为国家级)
            counted = previous.core.text
            level = next((x for x in levels if counted.startswith(x)), "")
            out[w.start] = Reading(reading.core.text + counted[len(level) :], previous.core)
        else:
            previous = reading
    return out
