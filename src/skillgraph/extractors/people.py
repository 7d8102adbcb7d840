"""Named people in role contexts: 选手杨婉洁, 梁家豪同学, 付一鸣技能大师工作室 (the studio's
master), 楼晓峰、陈美玲、何军3名同志, a table row "1 王建伟 男 …", 联系人:李明, officials after
their titles (人力资源社会保障部部长张纪南, 副院长王某(现…)), people after their school or company
(武汉市第一商业学校王勇的…), winners (李某(湖北某公司)获得…), names with the middle dot.

Addressees and signers are found with the document (reply.py)."""
from __future__ import annotations

import bisect
import re
from functools import cache

from ..document import Doc
from ..model import Mention
from ..resources import lexicon
from ..segment import tokenize, word_tags
from .gazetteer import divisions_at, written_out
from .names import barely_known, compound_surnames, is_name, word_at, word_edge
from .phrases import alternation, phrase_before

NAME = r"[\u4e00-\u9fff]{2,4}"
CELL_GAP = r"(?:[ \t]{2,}|\t|[ \t]*\|[ \t]*)"


@cache
def _patterns() -> dict[str, re.Pattern]:
    lex = lexicon("people")
    return {
        "after_role": re.compile(rf"(?:{alternation(lex['before_name'])})[ \t]*(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?=(?:{lex['after_name']}))"),
        "before_role": re.compile(rf"(?:{alternation(lex['after_name_roles'] + lex['titles_after_name'])})"
                                  rf"(?!{lex['not_a_role_after']})"),
        "studio": re.compile(alternation(lex["studio_suffixes"])),
        # what closes a counted list of names, and the list read back from it (at most 60 characters)
        "list": re.compile(rf"(?:等)?[\d一二三四五六七八九十]+(?:名|位|人)"
                           rf"(?:{alternation(lex['after_name_roles'] + lex['counted_roles'])})"),
        # 王某、李某委员, 王某、李某、张某等: a list of names closed by a role, or by 等 (then all must be names)
        "list_closing": re.compile(rf"、(?P<last>[\u4e00-\u9fff]{{2,3}})(?:等?(?P<role>{alternation(lex['after_name_roles'])})"
                                   rf"(?!{lex['not_a_role_after']})|等)"),
        "counted_list": re.compile(rf"(?:{NAME}、)*{NAME}$"),
        "named_list": re.compile(r"(?P<names>(?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})$"),
        # table rows flattened to text: "1 王建伟 男 …", "刘志鹏  哈尔滨电机厂…", "1\n钟国华\n…"
        "table_row": re.compile(rf"(?:^|\s)\d{{1,3}}\s+(?P<name>{NAME})\s+[男女]\s|^[ \t]*(?:\d{{1,3}}\s+)?(?P<cell>{NAME})"
                               rf"(?:[ \t]{{2,}}|[ \t]*\|)|^\d{{1,3}}\n(?P<line>{NAME})\n", re.M),
        # a name in a later cell of a row: "电工项目  李子安  凌云科技集团有限责任公司"
        "table_cell": re.compile(rf"(?<=[^\s|]){CELL_GAP}(?P<middle>{NAME})(?={CELL_GAP}|[ \t]*$)", re.M),
        # 部长张纪南, 省委副书记、省长王某: a name read after a title (its length by the words that follow)
        "titled": re.compile(rf"(?:{alternation(lex['titles'])})(?=[\u4e00-\u9fff])"),
        # 武汉市第一商业学校王勇的…: a name right after the school or company a person belongs to
        "member": re.compile(rf"(?:{alternation(lexicon('organizations')['member_heads'])})(?=[\u4e00-\u9fff]{{2,3}}(?:{lex['after_name']}|[((]))"),
        # 李某(湖北某公司)获得…, 王某在…大赛中荣获…: a winner opening a clause
        "winner": re.compile(rf"(?:^|(?<=[、,,;;::。 \t\n]))(?P<name>[\u4e00-\u9fff]{{2,3}})(?=(?:[((][^()()\n]{{2,40}}[))])?"
                             rf"(?:在[^,,。;;\n]{{2,40}}?中)?(?:{alternation(lex['winning_verbs'])}))", re.M),
        # 克里斯·汉弗莱斯: two parts of a transcribed name joined by the middle dot
        "dotted": re.compile(r"(?=[·•・])(?<=[\u4e00-\u9fff])[·•・](?=[\u4e00-\u9fff])"),  # the dot tested first
    }


def _name_after(doc: Doc, start: int) -> int | None:
    """End of a personal name that starts at `start`: three characters where the third is not a
    word of its own that follows a name (王伟|说, 王勇|的) and a word starts after it, or 等 and
    a verb follow (高俊平等出席: the segmenter reads 平等), else two, where a word or a word after
    a name starts after them (李平|等同志)."""
    three = doc.text[start : start + 3]
    if (is_name(three) and (word_edge(doc, start + 3) or _etc_and_verb(doc, start + 3))
            and not _follows_a_name(doc, start + 2)):
        return start + 3
    two = doc.text[start : start + 2]
    return start + 2 if is_name(two) and (word_edge(doc, start + 2) or _follows_a_name(doc, start + 2)) else None


def _etc_and_verb(doc: Doc, offset: int) -> bool:
    """等 at `offset` and a verb after it (…等出席, …等参加)."""
    after = word_at(doc, offset + 1) if doc.text.startswith("等", offset) else ""
    return bool(after) and (word_tags().get(after) or "").startswith("v")


def _follows_a_name(doc: Doc, offset: int) -> bool:
    """The character at `offset` is a word that follows a name, not its last character (的, 说, 在)."""
    char = doc.text[offset : offset + 1]
    return char in lexicon("phrases")["breaking_characters"] or (
        _word_at(doc, offset) == char and char in lexicon("people")["words_after_name"])


def _word_at(doc: Doc, offset: int) -> str:
    i = bisect.bisect_right(doc.token_starts, offset) - 1
    return doc.tokens[i].text if i >= 0 else ""


def named_after(doc: Doc, pattern: re.Pattern) -> list[Mention]:
    """A name read right after each match of the pattern (a title, a school)."""
    out = []
    for m in pattern.finditer(doc.text):
        end = _name_after(doc, m.end())
        if end:
            out.append(Mention("Person", doc.text[m.end() : end], doc.span(m.end(), end)))
    return out


PERSON_TAGS = ("nr", "nrt", "nrfg")
FUNCTION_TAGS = "vpducr"  # verbs, prepositions, adverbs, particles, conjunctions, pronouns


def dotted_names(doc: Doc) -> list[Mention]:
    """克里斯·汉弗莱斯: the words on each side of the dot are names or unknown single characters."""
    out = []
    for m in _patterns()["dotted"].finditer(doc.text):
        start = _name_part(doc, m.start(), -1)
        end = _name_part(doc, m.end(), +1)
        if m.start() - start >= 1 and end - m.end() >= 1 and end - start <= 16:
            out.append(Mention("Person", doc.text[start:end], doc.span(start, end)))
    return out


def _name_part(doc: Doc, offset: int, step: int) -> int:
    """Walk from the dot over words tagged as names, or single characters that are no function
    word, and return where the walk stopped."""
    tags, breaking = word_tags(), lexicon("phrases")["breaking_characters"]
    i = bisect.bisect_left(doc.token_starts, offset) + (-1 if step < 0 else 0)
    edge = offset
    while 0 <= i < len(doc.tokens) and abs(edge - offset) < 8:
        word = doc.tokens[i].text
        tag = tags.get(word)
        if not re.fullmatch(r"[\u4e00-\u9fff]+", word) or not (
                tag in PERSON_TAGS or (len(word) == 1 and word not in breaking and (tag or "x")[:1] not in FUNCTION_TAGS)):
            break
        edge = doc.tokens[i].start if step < 0 else doc.tokens[i].end
        i += step
    return edge


class Found:
    """The people found so far and the characters their names cover, for a constant-time test
    of whether a new name starts inside one already found."""

    def __init__(self) -> None:
        self.people: list[Mention] = []
        self.covered: set[int] = set()

    def taken(self, start: int) -> bool:
        return start in self.covered

    def add(self, mention: Mention) -> None:
        self.people.append(mention)
        self.covered.update(range(mention.span.start, mention.span.end))


def names_before_roles(doc: Doc, found: Found) -> None:
    """梁家豪同学, 王某局长 → the 2 or 3 characters before that are a name (3 first)."""
    for m in _patterns()["before_role"].finditer(doc.text):
        _name_right_before(doc, m.start(), found)


def _name_right_before(doc: Doc, end: int, found: Found) -> None:
    """The 2 or 3 characters before `end` (3 first, unless the third is a word after a name:
    李平|等同志)."""
    for length in (3, 2):
        start = end - length
        name = doc.text[max(0, start) : end]
        if (start >= 0 and is_name(name) and not found.taken(start) and word_edge(doc, start)
                and not (length == 3 and _follows_a_name(doc, end - 1))
                and not _ends_name(doc.text[max(0, start - 8) : start + 1])):
            found.add(Mention("Person", name, doc.span(start, end)))
            return


MAX_STUDIO_FIELD = 12  # characters of the trade or field between a master's name and the studio's kind


def studio_masters(doc: Doc, found: Found) -> None:
    """The master whose name opens a studio's name: 付一鸣技能大师工作室, 周秀梅焊工技能大师工作室,
    公司(苗建海洋油气开采技能大师工作室); where no name opens it, the name right before its kind
    (武汉地铁集团有限公司杨开龙技能大师工作室)."""
    for m in _patterns()["studio"].finditer(doc.text):
        start = phrase_before(doc, m.start(), names=True)
        end = _master_end(doc, start, m.start())
        if end is None:
            _name_right_before(doc, m.start(), found)
        elif not found.taken(start):
            found.add(Mention("Person", doc.text[start:end], doc.span(start, end)))


def _master_end(doc: Doc, start: int, kind: int) -> int | None:
    """End of the master's name that opens the studio name [start, kind), or None: a surname
    that is a word of its own (or opens a word tagged as a name, or one the dictionary barely
    knows: 黄洋|海洋) and one or two characters.
    Where a trade or field follows, the name written alone elsewhere in the text decides its
    end; else the field: the longer name is taken unless the field read from its shorter
    end has no more words (苗建|海洋油气开采, not 苗建海|洋油气开采; but 周秀梅|焊工, not
    周秀|梅焊工, and 魏欣华|新能源电池技术, not 魏欣|华新能源电池技术)."""
    text, tags = doc.text, word_tags()
    surname = 2 if text[start : start + 2] in compound_surnames() else 1
    first = word_at(doc, start)
    if not first or not (len(first) == surname or (tags.get(first) or "").startswith("nr") or barely_known(first)):
        return None
    if any(written_out(form) for form in divisions_at(text, start)):
        return None  # 蒙自市技能大师工作室: a division's studios
    ends = [end for end in (start + surname + 2, start + surname + 1)
            if end <= kind and kind - end <= MAX_STUDIO_FIELD and start + len(first) <= end
            and is_name(text[start:end]) and not _names_a_body(text[end:kind])]
    if len(ends) < 2:
        return ends[0] if ends else None
    longer, shorter = ends
    written_longer, written_shorter = text.count(text[start:longer]), text.count(text[start:shorter])
    if written_longer > 1 or written_shorter > written_longer:  # 魏欣华同志 elsewhere; 苗建 alone elsewhere
        return longer if written_longer > 1 else shorter
    return shorter if len(tokenize(text[shorter:kind])) <= len(tokenize(text[longer:kind])) else longer


def _names_a_body(text: str) -> bool:
    """The text holds the head of a school's or company's name (…有限公司杨开龙)."""
    lex = lexicon("organizations")
    return any(head in text for head in lex["member_heads"] + lex["heads"])


def listed_names(doc: Doc) -> list[Mention]:
    """楼晓峰、陈美玲、何军3名同志 / 李国庆等8名同志: each listed name."""
    out, p = [], _patterns()
    for close in p["list"].finditer(doc.text):
        m = p["counted_list"].search(doc.text, max(0, close.start() - 60), close.start())
        if m is None:
            continue
        offset = m.start()
        for part in re.finditer(r"[^、]+", m.group()):
            text, start = part.group(), offset + part.start()
            for cut in range(0, len(text) - 1):  # the first name may carry a word before it (确定李国庆)
                if is_name(text[cut:], listed=True) and word_edge(doc, start + cut):
                    out.append(Mention("Person", text[cut:], doc.span(start + cut, start + len(text))))
                    break
    return out


def names_in_lists(doc: Doc) -> list[Mention]:
    """乔艳红、王某委员: each name of a list closed by a role; 王某、李某等: every item a name."""
    out, p = [], _patterns()
    for close in p["list_closing"].finditer(doc.text):
        m = p["named_list"].search(doc.text, max(0, close.end("last") - 40), close.end("last"))
        if m is None:
            continue
        items = [(doc.text[m.start("names") + i.start() : m.start("names") + i.end()], m.start("names") + i.start())
                 for i in re.finditer(r"[^、]+", m.group("names"))]
        named = [(text, start) for text, start in items if is_name(text, listed=bool(close.group("role"))) and word_edge(doc, start)]
        if close.group("role") or len(named) == len(items):
            out += [Mention("Person", text, doc.span(start, start + len(text))) for text, start in named]
    return out


def _ends_name(text: str) -> bool:
    """True where the text ends a company's or school's name (…有限公司|段杨: 司 is not a surname here)."""
    lex = lexicon("organizations")
    return text.endswith(tuple(lex["heads"] + lex["company_heads"]))


def run(doc: Doc) -> None:
    p = _patterns()
    found = Found()
    studio_masters(doc, found)
    names_before_roles(doc, found)
    for listed in listed_names(doc) + names_in_lists(doc):
        if not found.taken(listed.span.start):
            found.add(listed)
    rows = [line for line in doc.lines if "  " in line.text or "\t" in line.text or "|" in line.text]
    for pattern in ("after_role", "table_row", "table_cell", "winner"):
        spans = rows if pattern == "table_cell" else [doc.span(0, len(doc.text))]
        for m in (m for span in spans for m in p[pattern].finditer(doc.text, span.start, span.end)):
            group = next(g for g in ("name", "cell", "line", "middle") if g in m.re.groupindex and m.group(g))
            start, end = m.start(group), m.end(group)
            if pattern == "after_role" and end - start == 3 and _follows_a_name(doc, start + 2):
                end -= 1  # 选手王伟|说
            if is_name(doc.text[start:end]) and not found.taken(start):
                found.add(Mention("Person", doc.text[start:end], doc.span(start, end)))
    for person in named_after(doc, p["titled"]) + named_after(doc, p["member"]) + dotted_names(doc):
        if not found.taken(person.span.start):
            found.add(person)
    if "contact" in doc.metadata:  # 联系人:王建国,联系电话:…
        span = doc.metadata["contact"]
        name = re.match(r"[\u4e00-\u9fff]{2,4}", span.text)
        if name and is_name(name.group()):
            found.add(Mention("Person", name.group(), doc.span(span.start, span.start + name.end())))
    doc.mentions.add(found.people)
