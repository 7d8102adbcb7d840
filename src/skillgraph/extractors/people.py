"""Named people in role contexts: 选手杨婉洁, 付一鸣技能大师工作室 (the studio's master).

Addressees and signers are found with the document (reply.py)."""
from __future__ import annotations

import re
from functools import cache

from ..document import Doc
from ..model import Extraction, Mention
from ..resources import lexicon
from .reply import is_name


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    lex = lexicon("people")
    roles = "|".join(sorted(lex["before_name"], key=len, reverse=True))
    after_role = re.compile(rf"(?:{roles})(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?=(?:{lex['after_name']}))")
    studios = "|".join(sorted(lex["studio_suffixes"], key=len, reverse=True))
    studio = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?={studios})")
    return after_role, studio


def studio_masters(doc: Doc) -> list[Mention]:
    """付一鸣技能大师工作室 → 付一鸣 (2 or 3 characters: the one that is a name, preferring 3)."""
    lex = lexicon("people")
    out = []
    for suffix in lex["studio_suffixes"]:
        for m in re.finditer(re.escape(suffix), doc.text):
            for length in (3, 2):
                start = m.start() - length
                name = doc.text[max(0, start) : m.start()]
                if start >= 0 and is_name(name) and not _taken(out, start) and not _ends_name(doc.text[: start + 1]):
                    out.append(Mention("Person", name, doc.span(m.start() - length, m.start())))
                    break
    return out


def _ends_name(text: str) -> bool:
    """True where the text ends a company's or school's name (…有限公司|段杨: 司 is not a surname here)."""
    lex = lexicon("organizations")
    return text.endswith(tuple(lex["heads"] + lex["company_heads"]))


def _taken(found: list[Mention], start: int) -> bool:
    return any(m.span.start <= start < m.span.end for m in found)


def extract(doc: Doc, found: Extraction) -> Extraction:
    after_role, _ = _patterns()
    people = studio_masters(doc)
    if "contact" in doc.metadata:  # 联系人:王建国,联系电话:…
        span = doc.metadata["contact"]
        name = re.match(r"[\u4e00-\u9fff]{2,4}", span.text)
        if name and is_name(name.group()):
            people.append(Mention("Person", name.group(), doc.span(span.start, span.start + name.end())))
    for m in after_role.finditer(doc.text):
        if is_name(m.group("name")) and not _taken(people, m.start("name")):
            people.append(Mention("Person", m.group("name"), doc.span(m.start("name"), m.end("name"))))
    return Extraction(mentions=people)
