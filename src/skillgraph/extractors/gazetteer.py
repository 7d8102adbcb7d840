"""The gazetteer: Chinese administrative divisions, with their short forms (咸阳 for 咸阳市)."""
from __future__ import annotations

from functools import cache

from ..resources import lexicon

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
    return names


@cache
def common_words() -> frozenset[str]:
    """Short forms of places that are also everyday words (会同, 新建)."""
    return frozenset(lexicon("places")["common_words"])


def short_name(full: str) -> str:
    for suffix in SUFFIXES:
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            return full[: -len(suffix)]
    return full
