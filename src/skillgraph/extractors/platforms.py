"""Platform kinds (公共实训基地, 技能大师工作室 …) and tiered platform systems:
"以A、B和C为基础,D为标杆,E、F为引领的三级技能人才培养平台体系"."""
from __future__ import annotations

import re
from functools import cache

from ..document import Doc
from ..model import Fact, Mention
from ..normalize import CN_NUMERAL, chinese_to_int
from ..resources import lexicon
from .phrases import alternation
from .names import canonical_kind, platform_kind_pattern
from .spans import Occupied


def kind_mentions(doc: Doc, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every written platform kind in [start, end), its level word included in the mention."""
    out = []
    for m in platform_kind_pattern().finditer(doc.text, start, len(doc.text) if end is None else end):
        out.append(Mention("PlatformType", m.group(), doc.span(m.start(), m.end()), entity_key=canonical_kind(m.group())))
    return out


@cache
def _system_pattern() -> re.Pattern:
    heads = alternation(lexicon("platforms")["tier_system_heads"])
    return re.compile(
        rf"以(?P<body>[^。;;以]{{4,160}}?为[^。;;]{{1,6}})的(?P<name>(?P<count>[{CN_NUMERAL}\d]{{1,3}})(?:级|层|层级)[^,,。;;的]{{0,20}}?(?:{heads}))"
    )


TIER = re.compile(r"(?P<members>[^,,]+?)为(?P<tier>[\u4e00-\u9fff]{1,6})(?:[,,]|$)")
MEMBER = re.compile(r"[^、和及与]+")


def tier_systems(doc: Doc) -> tuple[list[Mention], list[Fact]]:
    """The systems, their tiers and the kinds in each tier, and the facts between them."""
    mentions: list[Mention] = []
    facts: list[Fact] = []
    for m in _system_pattern().finditer(doc.text):
        count = m.group("count")
        tiers = list(TIER.finditer(m.group("body")))
        if len(tiers) != (int(count) if count.isdigit() else chinese_to_int(count)):
            continue
        system = Mention("PlatformSystem", m.group("name"), doc.span(m.start("name"), m.end("name")),
                         entity_key=f"system-{m.start('name')}")
        mentions.append(system)
        base = m.start("body")
        for rank, tier in enumerate(tiers, start=1):
            tier_mention = Mention("PlatformTier", tier.group("tier"),
                                   doc.span(base + tier.start("tier"), base + tier.end("tier")),
                                   entity_key=f"tier-{m.start('name')}-{rank}")
            mentions.append(tier_mention)
            facts += [Fact(system, "hasTier", tier_mention), Fact(tier_mention, "rank", str(rank))]
            offset = base + tier.start("members")
            for member in MEMBER.finditer(tier.group("members")):
                span = doc.span(offset + member.start(), offset + member.end())
                kind = Mention("PlatformType", span.text, span, entity_key=canonical_kind(span.text))
                mentions.append(kind)
                facts.append(Fact(tier_mention, "includes", kind))
    return mentions, facts


NAMES = ("Reply", "Proposal", "PolicyDocument", "Competition", "CompetitionEvent", "Award", "Organization", "Concept")


def run(doc: Doc) -> None:
    mentions, facts = tier_systems(doc)
    # a kind named inside a title, a quote or a named body is part of that name
    taken = Occupied(doc.mentions.of(*NAMES) + mentions)
    mentions += [k for k in kind_mentions(doc) if not taken.overlaps(k.span.start, k.span.end)]
    doc.mentions.add(mentions)
    doc.facts += facts
