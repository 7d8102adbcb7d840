"""Named people in role contexts: 选手杨婉洁, 梁家豪同学, 付一鸣技能大师工作室 (the studio's
master), 楼晓峰、陈美玲、何军3名同志, a table row "1 王建伟 男 …", 联系人:李明.

Addressees and signers are found with the document (reply.py)."""
from __future__ import annotations

import re
from functools import cache

from ..document import Doc
from ..model import Mention
from ..resources import lexicon
from .phrases import alternation
from .names import is_name

NAME = r"[\u4e00-\u9fff]{2,4}"



@cache
def _patterns() -> dict[str, re.Pattern]:
    lex = lexicon("people")
    return {
        "after_role": re.compile(rf"(?:{alternation(lex['before_name'])})[ \t]*(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?=(?:{lex['after_name']}))"),
        "before_role": re.compile(rf"(?:{alternation(lex['studio_suffixes'] + lex['after_name_roles'])})(?!{lex['not_a_role_after']})"),
        "list": re.compile(rf"(?P<names>(?:{NAME}、)*{NAME}?)(?:等)?[\d一二三四五六七八九十]+(?:名|位|人)"
                           rf"(?:{alternation(lex['after_name_roles'])})"),
        # table rows flattened to text: "1 王建伟 男 …", "刘志鹏  哈尔滨电机厂…", "1\n钟国华\n…"
        "table_row": re.compile(rf"(?:^|\s)\d{{1,3}}\s+(?P<name>{NAME})\s+[男女]\s|^[ \t]*(?:\d{{1,3}}\s+)?(?P<cell>{NAME})"
                               rf"(?:[ \t]{{2,}}|[ \t]*\|)|^\d{{1,3}}\n(?P<line>{NAME})\n", re.M),
    }


def names_before_roles(doc: Doc) -> list[Mention]:
    """付一鸣技能大师工作室, 梁家豪同学 → the 2 or 3 characters before that are a name (3 first)."""
    out: list[Mention] = []
    for m in _patterns()["before_role"].finditer(doc.text):
        for length in (3, 2):
            start = m.start() - length
            name = doc.text[max(0, start) : m.start()]
            if start >= 0 and is_name(name) and not _taken(out, start) and not _ends_name(doc.text[max(0, start - 8) : start + 1]):
                out.append(Mention("Person", name, doc.span(start, m.start())))
                break
    return out


def listed_names(doc: Doc) -> list[Mention]:
    """楼晓峰、陈美玲、何军3名同志 / 李国庆等8名同志: each listed name."""
    out = []
    for m in _patterns()["list"].finditer(doc.text):
        offset = m.start("names")
        for part in re.finditer(r"[^、]+", m.group("names")):
            text, start = part.group(), offset + part.start()
            for cut in range(0, len(text) - 1):  # the first name may carry a word before it (确定李国庆)
                if is_name(text[cut:]):
                    out.append(Mention("Person", text[cut:], doc.span(start + cut, start + len(text))))
                    break
    return out


def _ends_name(text: str) -> bool:
    """True where the text ends a company's or school's name (…有限公司|段杨: 司 is not a surname here)."""
    lex = lexicon("organizations")
    return text.endswith(tuple(lex["heads"] + lex["company_heads"]))


def _taken(found: list[Mention], start: int) -> bool:
    return any(m.span.start <= start < m.span.end for m in found)


def run(doc: Doc) -> None:
    p = _patterns()
    people = names_before_roles(doc) + listed_names(doc)
    for m in list(p["after_role"].finditer(doc.text)) + list(p["table_row"].finditer(doc.text)):
        group = next(g for g in ("name", "cell", "line") if g in m.re.groupindex and m.group(g))
        if is_name(m.group(group)) and not _taken(people, m.start(group)):
            people.append(Mention("Person", m.group(group), doc.span(m.start(group), m.end(group))))
    if "contact" in doc.metadata:  # 联系人:王建国,联系电话:…
        span = doc.metadata["contact"]
        name = re.match(r"[\u4e00-\u9fff]{2,4}", span.text)
        if name and is_name(name.group()):
            people.append(Mention("Person", name.group(), doc.span(span.start, span.start + name.end())))
    doc.mentions.add(people)
