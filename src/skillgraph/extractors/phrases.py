"""Reading a noun phrase out of segmented text, leftwards or rightwards from a head.

Shared by the extractors that must find where a name or a counted thing begins
(枣庄理工学校 in "…院校有枣矿集团技术学院和枣庄理工学校", 补贴资金 in "拨付补贴资金1000多万元").
"""
from __future__ import annotations

import bisect
import re
from functools import cache

from ..document import Doc
from ..model import Span
from ..resources import lexicon
from ..segment import word_tags
from .gazetteer import gazetteer

LEADING_TAGS = ("v", "d", "p", "c", "r", "u")  # verb, adverb, preposition, conjunction, pronoun, particle
CJK = re.compile(r"[\u4e00-\u9fff]")
PUNCTUATION = re.compile(r"[\s,,。;;::、!!??“”\"'‘’《》〈〉<>【】\[\]|/·…—\-～.]")
OPENING, CLOSING = "((", "))"


def alternation(words) -> str:
    """A regular expression matching any of the words, longest first. It is written as a trie
    (人力资源(?:和社会保障|社)…), so the engine follows one branch a character instead of trying
    every word; the words that match at one place are prefixes of one another, and each
    branch tries its longer words first, so it matches as the list of words longest first."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return "|".join(_branches(trie))


def initials(*word_lists, also: str = "") -> str:
    """A lookahead for the first characters of the words (and the characters of the class
    `also`): put before a pattern that can only begin with one of them, it lets the engine skip
    every other position at once instead of trying each alternative there."""
    return "(?=[" + also + "".join(sorted({re.escape(word[0]) for words in word_lists for word in words})) + "])"


def _branches(node: dict) -> list[str]:
    """The words below a node of the trie as alternatives, the word that ends there last."""
    alternatives = []
    for ch, child in sorted(node.items()):
        if ch:
            rest = _branches(child)
            alternatives.append(re.escape(ch) + (f"(?:{'|'.join(rest)})" if len(rest) > 1 else rest[0]))
    return alternatives + [""] * ("" in node)


@cache
def longest_first(lexicon_name: str, key: str) -> tuple[str, ...]:
    """A word list of a lexicon, longest first, for prefix and suffix tests."""
    return tuple(sorted(lexicon(lexicon_name)[key], key=len, reverse=True))


def tokens_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The words wholly inside [start, end)."""
    i, out = _token_index(doc, start), []
    while i < len(doc.tokens) and doc.tokens[i].end <= end:
        out.append(doc.tokens[i])
        i += 1
    return out


@cache
def stop_words() -> frozenset[str]:
    return frozenset(lexicon("phrases")["stop_words"])


@cache
def generic_modifiers() -> frozenset[str]:
    return frozenset(lexicon("phrases")["generic_modifiers"])


def _token_index(doc: Doc, offset: int) -> int:
    """Index of the token that starts at or after `offset`."""
    return bisect.bisect_left(doc.token_starts, offset)


def _is_boundary(token: Span) -> bool:
    """Punctuation, a number or a stop word ends a phrase; of single characters only the
    ones that cannot sit inside a phrase do (福达 keeps its 达, 赛项 its 项)."""
    if PUNCTUATION.fullmatch(token.text[:1]) or token.text[0].isdigit():
        return True
    if len(token.text) == 1:
        return token.text in lexicon("phrases")["breaking_characters"]
    return token.text in stop_words()


def phrase_before(doc: Doc, end: int, floor: int = 0, max_chars: int = 24, names: bool = False) -> int:
    """Start of the phrase that ends at `end`: walk left over words to a boundary.

    A short bracketed part is kept whole (格力暖通制冷设备(武汉)有限公司). `floor` is a hard
    left limit, e.g. the end of a name just before (names glued together in a list).
    For `names`, verbs the walk took in at the front are dropped again.
    """
    tokens, start = doc.tokens, end
    i = _token_index(doc, end) - 1
    while i >= 0 and tokens[i].start >= floor:
        if tokens[i].text in CLOSING:
            j = _bracket_partner(tokens, i, -1)
            if j is None:
                break
            start, i = tokens[j].start, j - 1
            continue
        if _is_boundary(tokens[i]) or tokens[i].text in OPENING or end - tokens[i].start > max_chars:
            break
        start, i = tokens[i].start, i - 1
    return without_leading_verbs(doc, min(start, end), end) if names else min(start, end)


def without_leading_verbs(doc: Doc, start: int, end: int) -> int:
    """Drop verbs, adverbs and prepositions the walk took in at the front (支持|遵义职业技术学院,
    清退|不合格培训机构); one-character words stay (付一鸣: 付 is a name here)."""
    tags = word_tags()
    i = _token_index(doc, start)
    while i < len(doc.tokens) and doc.tokens[i].end < end:
        token = doc.tokens[i]
        tag = tags.get(token.text, "")
        if len(token.text) < 2 or tag == "vn" or token.text in gazetteer() or not (
                tag.startswith(LEADING_TAGS) or token.text in stop_words()):
            break  # 遵义 is tagged as a verb, but it is a city
        start, i = token.end, i + 1
    return start


def phrase_after(doc: Doc, start: int, max_chars: int = 16) -> int:
    """End of the phrase that starts at `start`: walk right over words to a boundary."""
    tokens, end = doc.tokens, start
    i = _token_index(doc, start)
    if i and tokens[i - 1].end > start:  # `start` falls inside a word (个赛|项): take its rest
        rest = doc.span(start, tokens[i - 1].end)
        if _is_boundary(rest):
            return start
        end = rest.end
    while i < len(tokens):
        if tokens[i].text in OPENING:
            j = _bracket_partner(tokens, i, +1)
            if j is None:
                break
            end, i = tokens[j].end, j + 1
            continue
        if _is_boundary(tokens[i]) or tokens[i].end - start > max_chars:
            break
        end, i = tokens[i].end, i + 1
    return end


def _bracket_partner(tokens: list[Span], i: int, step: int, reach: int = 6) -> int | None:
    """The matching bracket a few words away, with only words (no punctuation) between."""
    pair = OPENING if step < 0 else CLOSING
    for j in range(i + step, i + step * (reach + 1), step):
        if not 0 <= j < len(tokens):
            return None
        if tokens[j].text in pair:
            return j
        if PUNCTUATION.fullmatch(tokens[j].text[:1]) or tokens[j].text[0].isdigit():
            return None  # (8家) is a note, not part of a name
    return None


def is_generic(doc: Doc, start: int, end: int) -> bool:
    """True where [start, end) is made only of generic modifiers (我区, 县级, 职业技能) or is empty."""
    rest = doc.text[start:end]
    words = longest_first("phrases", "generic_modifiers")
    while rest:
        word = next((w for w in words if rest.startswith(w)), None)
        if word is None:
            return False
        rest = rest[len(word) :]
    return True
