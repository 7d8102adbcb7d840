"""Platform kinds (公共实训基地, 技能大师工作室 …) and tiered platform systems:
"以A、B和C为基础,D为标杆,E、F为引领的三级技能人才培养平台体系"."""
from __future__ import annotations

import re
from functools import cache

from ..document import Doc
from ..model import Fact, Mention
from ..normalize import CN_NUMERAL, chinese_to_int
from ..resources import lexicon
from .gazetteer import divisions_at
from .phrases import alternation, is_generic, longest_first, phrase_before
from .names import COUNT, canonical_kind, counted, platform_kind_pattern, word_edge
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


COUNT_BEFORE_WORDS = re.compile(COUNT + r"[\u4e00-\u9fff]{0,12}$")  # 1个|市域产教|联合体
UNIT = re.compile(r"[所家个处座]")


def _category(doc: Doc, kind: Mention, kinds: list[Mention], i: int) -> bool:
    """A kind that needs more than a mention (职业院校, 实训基地) is one where it is counted,
    has its level word (县级), or is listed next to another kind (技工院校、职业院校)."""
    if kind.entity_key not in lexicon("platforms")["kinds_needing_a_count"] or kind.label != kind.entity_key:
        return True
    neighbours = [k for k in (kinds[i - 1] if i else None, kinds[i + 1] if i + 1 < len(kinds) else None) if k]
    listed = any(re.fullmatch(r"[、和及与或]", doc.text[min(k.span.end, kind.span.end) : max(k.span.start, kind.span.start)])
                 for k in neighbours)
    return listed or counted(doc.text, kind.span.start, kind.span.end)


@cache
def _counted_heads() -> re.Pattern:
    return re.compile(rf"(?:{alternation(lexicon('platforms')['counted_heads'])})(?:[((][\u4e00-\u9fff]{{1,4}}[))])?")


def counted_kinds(doc: Doc, taken: Occupied) -> list[Mention]:
    """Kinds named by a productive head and counted (行业或区域职教集团(联盟)81个,
    现代学徒制试点专业点41个, 3个市域产教联合体): the words before the head, without the level
    word, the body that set them up or modifiers of scope (区域, 行业或…)."""
    lex = lexicon("platforms")
    modifiers = longest_first("platforms", "levels") + longest_first("platforms", "scope_modifiers")
    out = []
    for m in _counted_heads().finditer(doc.text):
        if not counted(doc.text, m.end(), m.end()) and not (
                UNIT.search(doc.text, max(0, m.start() - 20), m.start()) and COUNT_BEFORE_WORDS.search(doc.text, max(0, m.start() - 20), m.start())):
            continue
        start = phrase_before(doc, m.start(), max_chars=14)
        while start < m.start():  # 教育部|…, 市级|…, 区域|…, 贵州省|… (a whole word: not 区域|性…)
            skip = next((w for w in (*modifiers, *divisions_at(doc.text, start)) if doc.text.startswith(w, start)
                         and word_edge(doc, start + len(w))), "")
            if not skip and not taken.overlaps(start, start + 1):
                break
            start += len(skip) or 1
        name = doc.text[start : m.end()]
        if m.start() - start < 2 or taken.overlaps(start, m.end()) or not re.fullmatch(r"[\u4e00-\u9fff]+(?:[((][\u4e00-\u9fff]+[))])?", name):
            continue
        if name.startswith(tuple(lex["not_kinds"])) or (len(name) <= 4 and is_generic(doc, start, m.start())):
            continue  # 其中…, 培训基地: no kind of its own
        out.append(Mention("PlatformType", name, doc.span(start, m.end()), entity_key=canonical_kind(name)))
    return out


LIST = re.compile(r"[\u4e00-\u9fff()()]{2,20}(?:、[\u4e00-\u9fff()()]{2,20})+")


def listed_kinds(doc: Doc, kinds: list[Mention], taken: Occupied) -> list[Mention]:
    """Kinds listed with a known kind (公共实训基地、技能人才驿站等平台): an item of the list that
    ends with a productive head is a kind too."""
    known = {(k.span.start, k.span.end) for k in kinds}
    heads = tuple(lexicon("platforms")["counted_heads"])
    out = []
    in_lists = [k for k in kinds if "、" in (doc.text[k.span.start - 1 : k.span.start], doc.text[k.span.end : k.span.end + 1])]
    sentences = {doc.sentence_at(k.span.start) for k in in_lists}
    for m in (m for sentence in sorted(sentences) if "、" in sentence.text
              for m in LIST.finditer(doc.text, sentence.start, sentence.end)):
        items = [(m.start() + i.start(), m.start() + i.end()) for i in re.finditer(r"[^、]+", m.group())]
        items[-1] = (items[-1][0], items[-1][0] + len(doc.text[items[-1][0] : items[-1][1]].split("等")[0]))
        items[0] = (phrase_before(doc, items[0][1], floor=items[0][0], names=True), items[0][1])
        if not any(item in known for item in items):
            continue
        for start, end in items:
            name = doc.text[start:end]
            if (start, end) not in known and name.endswith(heads) and len(name) > 4 and not taken.overlaps(start, end):
                out.append(Mention("PlatformType", name, doc.span(start, end), entity_key=canonical_kind(name)))
    return out


NAMES = ("Reply", "Proposal", "PolicyDocument", "Competition", "CompetitionEvent", "Award", "Organization", "Concept")
BODIES = ("Agency",)  # a counted kind starts after the body that set it up (教育部|现代学徒制试点专业点)
REQUIRES = NAMES + BODIES


def run(doc: Doc) -> None:
    mentions, facts = tier_systems(doc)
    # a kind named inside a title, a quote or a named body is part of that name
    taken = Occupied(doc.mentions.of(*NAMES) + mentions)
    kinds = [k for k in kind_mentions(doc) if not taken.overlaps(k.span.start, k.span.end)]
    mentions += [k for i, k in enumerate(kinds) if _category(doc, k, kinds, i)]
    mentions += counted_kinds(doc, Occupied(doc.mentions.of(*REQUIRES) + mentions + kinds))
    mentions += listed_kinds(doc, kinds, Occupied(doc.mentions.of(*REQUIRES) + mentions))
    doc.mentions.add(mentions)
    doc.facts += facts
