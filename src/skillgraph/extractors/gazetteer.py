"""The gazetteer: Chinese administrative divisions, with their short forms (咸阳 for 咸阳市)."""
from __future__ import annotations

import re
from functools import cache, lru_cache

from ..resources import lexicon

CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "林区", "新区", "省", "市", "县", "区", "盟", "旗")


@cache
def gazetteer() -> dict[str, str]:
    """Every written form of a division → its full name (咸阳 → 咸阳市)."""
    names: dict[str, str] = {}
    for full in lexicon("places")["divisions"]:
        names[full] = full
        short = short_name(full)
        if short != full:
            names.setdefault(short, full)
        prefecture = _prefecture().fullmatch(full)  # 红河哈尼族彝族自治州 → 红河州
        if prefecture:
            names.setdefault(prefecture.group(1) + "州", full)
    return names


@cache
def _prefecture():
    """An autonomous prefecture: its own name, then its peoples (红河|哈尼族彝族|自治州)."""
    peoples = "|".join(sorted(lexicon("places")["peoples"].split(), key=len, reverse=True))
    return re.compile(rf"([\u4e00-\u9fff]{{2,4}}?)(?:(?:{peoples})族?)+自治州")


@cache
def common_words() -> frozenset[str]:
    """Short forms of places that are also everyday words (会同, 新建)."""
    return frozenset(lexicon("places")["common_words"])


def written_out(form: str) -> bool:
    """A form that names its division on its own, suffix and all: the full name, or an
    autonomous prefecture's own name with 州 (红河州, 恩施州)."""
    full = gazetteer().get(form)
    return form == full or (full is not None and form.endswith("州") and full.endswith("自治州"))


def divisions_at(text: str, start: int) -> list[str]:
    """The names of divisions written at `start` (贵州省|职业院校), longest first."""
    if text[start : start + 2] not in _heads():
        return []
    names = gazetteer()
    return [text[start : start + n] for n in range(7, 1, -1) if text[start : start + n] in names]


def short_name(full: str) -> str:
    for suffix in SUFFIXES:
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            return full[: -len(suffix)]
    return full


@lru_cache(maxsize=2)  # places and statistics both ask, of the same document
def gazetteer_hits(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every written division in the text, longest first at each position: (start, end, form).
    A short form gives way to a full name that begins inside it and runs past it (落后于|洪江市,
    not 于洪; 以来|凤泉区, not 来凤)."""
    names, heads = gazetteer(), _heads()
    longest = {}  # where a form begins → the length of the longest there
    for first in _first_characters().finditer(text):
        i = first.start()
        if text[i : i + 2] in heads:
            longest[i] = next((n for n in range(8, 1, -1) if text[i : i + n] in names), 0)
    hits, free = [], 0
    for i, length in longest.items():
        end = i + length
        if not length or i < free:
            continue  # no form here, or inside the division found just before
        if not written_out(text[i:end]) and any(
                longest.get(j) and j + longest[j] > end and written_out(text[j : j + longest[j]]) for j in range(i + 1, end)):
            continue
        hits.append((i, end, text[i:end]))
        free = end
    return tuple(hits)


@cache
def _heads() -> frozenset[str]:
    """The first two characters of every written division (a slice text[i:i+n], n >= 2, is a
    form only where text[i:i+2] is the beginning of one)."""
    return frozenset(form[:2] for form in gazetteer())


@cache
def _first_characters() -> re.Pattern[str]:
    """The first character of a written division (the scan skips every other character at C speed)."""
    return re.compile("[" + "".join(sorted({head[0] for head in _heads() if CJK_CHAR.match(head)})) + "]")
