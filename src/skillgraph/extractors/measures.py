"""The reply's measures: numbered items (一是…, 一、…, (一)…) and planned actions (下一步)."""
from __future__ import annotations

import re

from ..document import Doc, Section
from ..model import Fact, Mention, Span
from ..resources import lexicon


CLOSING = re.compile("|".join(lexicon("structure")["closing"]))


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
        if CLOSING.match(sentence.text) or (len(sentence.text) <= 30 and not sentence.text.endswith(("。", ";", "!"))):
            break  # 专此函复 / a signature or date line: the plans are over
        actions.append(_without_stop(doc, sentence))
    return actions


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
        if opens_plans:  # 下一步 / 二、下一步工作打算: a heading, its actions follow
            for sentence in planned_sentences(doc, section, sections):
                add(sentence, True)
        else:
            add(section.headline, section.planned)
