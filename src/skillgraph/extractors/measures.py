"""The reply's measures: numbered items (一是…, 一、…, (一)…) and planned actions (下一步)."""
from __future__ import annotations

import re

from ..document import Doc, Section
from ..model import Fact, Mention, Span
from ..resources import lexicon


CLOSING = re.compile("|".join(lexicon("structure")["closing"]))
INTRODUCING_HEADING = re.compile(r"(?:以下|如下)[^。]{0,12}:$")
INTRODUCES = re.compile(  # 我们做了以下工作: / 从以下3个方面发力: the answer follows, it is no action (45岁以下 is)
    r"如下|以下(?:几|[一二三四五六七八九十\d]+[个项点条]|方面|工作|措施|举措)|[::]$")


def planned_sentences(doc: Doc, block: Section, sections: list[Section]) -> list[Span]:
    """Under a 下一步 heading with no numbered items of its own, each sentence is an action."""
    later = [s for s in sections if s.marker.start > block.headline.end]
    if later and later[0].style in ("shi", "paren", "arabic"):
        return []  # numbered items follow: they are the actions
    body_end = later[0].marker.start if later else len(doc.text)
    actions = []
    for sentence in doc.sentences:
        if not block.headline.end < sentence.start < body_end:
            continue
        if INTRODUCES.search(sentence.text):
            continue
        if CLOSING.match(sentence.text) or (len(sentence.text) <= 30 and not sentence.text.endswith(("。", ";", "!"))):
            break  # 专此函复 / a signature or date line: the plans are over
        actions.append(_without_stop(doc, sentence))
    return actions


def inline_plan(doc: Doc, block: Section, sections: list[Section]) -> Span | None:
    """下一步,X将…。 in running text is one planned action, from 下一步 to the full stop, unless it
    only introduces numbered actions (下一步,我们将从以下三个方面发力:)."""
    if block.style != "next" or doc.text[block.marker.end : block.marker.end + 1] not in ",,":
        return None
    later = [s for s in sections if s.marker.start > block.headline.end]
    numbered_next = bool(later) and later[0].style in ("shi", "paren", "arabic") and later[0].marker.start - block.headline.end <= 3
    if INTRODUCES.search(block.headline.text) or numbered_next:
        return None
    return doc.span(block.marker.start, block.headline.end)


def _without_stop(doc: Doc, sentence: Span) -> Span:
    end = sentence.end
    while end > sentence.start and doc.text[end - 1] in "。!?!?":
        end -= 1
    return doc.span(sentence.start, end)


def run(doc: Doc) -> None:
    reply = doc.reply
    order = 0

    def add(span: Span, planned: bool) -> None:
        nonlocal order
        order += 1
        measure = Mention("Measure", span.text.rstrip(",:"), span, entity_key=f"measure-{order}")
        doc.mentions.add([measure])
        doc.facts += [Fact(measure, "planned", "true" if planned else "false"), Fact(measure, "order", str(order)),
                      Fact(reply, "hasMeasure", measure)]

    sections = doc.sections
    for section in sections:
        opens_plans = section.style == "next" or section.headline.text.startswith("下一步")
        paragraph = opens_plans and inline_plan(doc, section, sections)
        if paragraph:
            add(paragraph, True)
        elif opens_plans:  # 下一步 / 二、下一步工作打算: a heading, its actions follow
            for sentence in planned_sentences(doc, section, sections):
                add(sentence, True)
        elif not INTRODUCING_HEADING.search(section.headline.text):  # 一、…方面,我们做了以下工作: is no measure
            add(section.headline, section.planned)
