"""Name tests and canonical names that more than one component needs."""
from __future__ import annotations

import re
from functools import cache

from ..model import Mention
from ..resources import lexicon
from ..segment import word_tags
from ..vocab import AgencyKey
from .phrases import alternation


@cache
def _surnames() -> tuple[str, ...]:
    return tuple(sorted(lexicon("people")["surnames"].split(), key=len, reverse=True))


def is_name(text: str) -> bool:
    """A plausible Chinese personal name: a known surname and one or two more characters,
    and not a word the dictionary knows as something else (武汉市 is a place)."""
    tag = word_tags().get(text)
    if (tag and not tag.startswith("nr")) or any(ch in lexicon("people")["not_in_names"] for ch in text[1:]):
        return False
    return 2 <= len(text) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", text) is not None and any(
        text.startswith(s) and 1 <= len(text) - len(s) <= 2 for s in _surnames()
    )


def is_generic_department(mention: Mention) -> bool:
    """教育部门, 人社部门: a kind of department, an entity only where it takes part in a fact."""
    agency = AgencyKey.parse(mention.entity_key)
    return agency is not None and agency.suffix == lexicon("agencies")["generic_suffix"]


@cache
def platform_kind_pattern() -> re.Pattern:
    """A platform kind with its level word: (县级)(公共实训基地)."""
    lex = lexicon("platforms")
    return re.compile(rf"(?P<level>{alternation(lex['levels'])})?(?P<kind>{alternation(lex['types'])})")


def canonical_kind(text: str) -> str:
    """县级公共实训基地 → 公共实训基地; 高技能人才培养基地 → 高技能人才培训基地."""
    lex = lexicon("platforms")
    m = platform_kind_pattern().fullmatch(text)
    kind = m.group("kind") if m else text
    return lex["synonyms"].get(kind, kind)
