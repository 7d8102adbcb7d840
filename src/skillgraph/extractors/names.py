"""Name tests and canonical names that more than one component needs."""
from __future__ import annotations

import bisect
import re
from functools import cache

from ..document import Doc
from ..model import Mention
from ..normalize import CN_NUMERAL
from ..resources import lexicon
from ..segment import word_frequency, word_tags
from ..vocab import AgencyKey
from .phrases import alternation, initials


@cache
def _surnames() -> frozenset[str]:
    return frozenset(lexicon("people")["surnames"].split())


@cache
def compound_surnames() -> frozenset[str]:
    """欧阳, 司马: the surnames of two characters."""
    return frozenset(s for s in _surnames() if len(s) == 2)


def is_name(text: str, listed: bool = False) -> bool:
    """A plausible Chinese personal name: a known surname and one or two more characters,
    and not a word the dictionary knows as something else (武汉市 is a place), unless it
    knows the word barely (高志, a noun seen 4 times) or the text lists it among names
    (`listed`: 钟莺、程志…等5名代表, where 程志 is a noun of the dictionary)."""
    tag, lex = word_tags().get(text), lexicon("people")
    if ((not listed and tag and not tag.startswith("nr") and not barely_known(text))
            or any(ch in lex["not_in_names"] for ch in text[1:])):
        return False
    surnames = _surnames()  # of one character or two (欧阳)
    return 2 <= len(text) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", text) is not None and (
        (text[:1] in surnames and len(text) <= 3) or (text[:2] in surnames and len(text) >= 3))


def barely_known(word: str) -> bool:
    """A word the dictionary counts so rarely that its tag is no evidence (高志/n, 黄洋/ns: 3)."""
    return word_frequency(word) <= lexicon("people")["rare_word_frequency"]


def is_generic_department(mention: Mention) -> bool:
    """教育部门, 人社部门: a kind of department, an entity only where it takes part in a fact."""
    agency = AgencyKey.parse(mention.entity_key)
    return agency is not None and agency.suffix == lexicon("agencies")["generic_suffix"]


@cache
def platform_kind_pattern() -> re.Pattern:
    """A platform kind with its level word: (县级)(公共实训基地), (中等职业学校): a grade makes another kind."""
    lex = lexicon("platforms")
    # a quick test first: the level and grade are optional, so the engine would try them at every position
    return re.compile(initials(lex["levels"], lex["grades"], lex["types"])
                      + rf"(?P<level>{alternation(lex['levels'])})?(?P<kind>(?:{alternation(lex['grades'])})?(?:{alternation(lex['types'])}))")


def canonical_kind(text: str) -> str:
    """县级公共实训基地 → 公共实训基地; 高技能人才培养基地 → 高技能人才培训基地."""
    lex = lexicon("platforms")
    m = platform_kind_pattern().fullmatch(text)
    kind = m.group("kind") if m else text
    return lex["synonyms"].get(kind, kind)


COUNT = rf"[\d{CN_NUMERAL}]+(?:\.\d+)?万?[余多]?[所家个处座]"  # 41所, 81个 (not 一批: a batch is no count)
COUNT_BEFORE = re.compile(COUNT + "$")
COUNT_AFTER = re.compile(r"[((]?(?:[^()()]{1,4}[))])?" + COUNT + r"(?!(?!以上|左右)[\u4e00-\u9fff])")


def counted(text: str, start: int, end: int) -> bool:
    """A count written right before [start, end) (41所技工院校) or right after it (职教集团(联盟)81个):
    what is counted is a kind, not one named body. A count after a name that a noun follows
    sums up a list instead (…、巫溪县宝源返乡创业园3个农民工返乡创业园)."""
    return bool(COUNT_BEFORE.search(text[max(0, start - 8) : start]) or COUNT_AFTER.match(text, end))


def word_edge(doc: Doc, offset: int) -> bool:
    """True where a word of the segmented text starts at `offset` (or the text ends there)."""
    return offset >= len(doc.text) or bool(word_at(doc, offset))


def word_at(doc: Doc, offset: int) -> str:
    """The word of the segmented text that starts at `offset` ("" where none does)."""
    i = bisect.bisect_left(doc.token_starts, offset)
    return doc.tokens[i].text if i < len(doc.token_starts) and doc.token_starts[i] == offset else ""
