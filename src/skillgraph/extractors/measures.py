"""The reply's measures: numbered items (一是…, 一、…, (一)…) and planned actions (下一步)."""
from __future__ import annotations

import bisect
import itertools
import re

from ..document import Doc, Section
from ..model import Fact, Mention, Span
from ..resources import lexicon


CLOSING = re.compile("|".join(lexicon("structure")["closing"]))
# 关于高起点建设技师学院的建议,我局将积极配合…: an answer to one point of the proposal, promised
ANSWERED_POINT = re.compile(r"关于[^。;,,\n]{2,40}的(?:建议|提案|意见)[,,](?:我[局厅委办部]|我们|本[局厅委])将")
INTRODUCING_HEADING = re.compile(r"(?:以下|如下)[^。]{0,12}:$")
INTRODUCES = re.compile(  # 我们做了以下工作: / 从以下3个方面发力: the answer follows, it is no action (45岁以下 is)
    r"如下|以下(?:几|[一二三四五六七八九十\d]+[个项点条]|方面|工作|措施|举措)|[::]$")


class Outline:
    """The sections and sentences of a document, found by position."""

    def __init__(self, doc: Doc, sections: list[Section]):
        self.doc, self.sections = doc, sections
        self.marker_starts = [s.marker.start for s in sections]
        self.sentence_starts = [s.start for s in doc.sentences]

    def next_section(self, after: int) -> Section | None:
        i = bisect.bisect_right(self.marker_starts, after)
        return self.sections[i] if i < len(self.sections) else None

    def sentences(self, after: int, before: int) -> list[Span]:
        """The sentences that begin after `after` and before `before`."""
        i = bisect.bisect_right(self.sentence_starts, after)
        return self.doc.sentences[i : bisect.bisect_left(self.sentence_starts, before, lo=i)]


def _actions(doc: Doc, sentences: list[Span], paragraph_only: bool) -> list[Span]:
    """Each sentence is an action, up to a closing formula (专此函复) or a signature or date line."""
    actions = []
    for sentence in sentences:
        if paragraph_only and "\n" in doc.text[sentence.start - 1 : sentence.start]:
            break  # the 下一步 paragraph is over
        if INTRODUCES.search(sentence.text):
            continue
        if CLOSING.match(sentence.text) or (len(sentence.text) <= 30 and not sentence.text.endswith(("。", ";", "!"))):
            break
        actions.append(_without_stop(doc, sentence))
    return actions


def planned_sentences(doc: Doc, block: Section, outline: Outline) -> list[Span]:
    """Under a 下一步 heading with no numbered items of its own, each sentence is an action."""
    later = outline.next_section(block.headline.end)
    if later and later.style in ("shi", "paren", "arabic"):
        return []  # numbered items follow: they are the actions
    body_end = later.marker.start if later else len(doc.text)
    return _actions(doc, outline.sentences(block.headline.end, body_end), paragraph_only=False)


def inline_plans(doc: Doc, block: Section, outline: Outline) -> list[Span]:
    """下一步,X将…。Y。 in running text: each sentence of the paragraph is a planned action, the
    first from 下一步, unless it only introduces numbered actions (下一步,我们将从以下三个方面发力:)."""
    if block.style != "next" or doc.text[block.marker.end : block.marker.end + 1] not in ",,":
        return []
    later = outline.next_section(block.headline.end)
    numbered_next = later is not None and later.style in ("shi", "paren", "arabic") and later.marker.start - block.headline.end <= 3
    if INTRODUCES.search(block.headline.text) or numbered_next:
        return []
    body_end = later.marker.start if later else len(doc.text)
    rest = outline.sentences(block.headline.end, body_end)
    return [doc.span(block.marker.start, block.headline.end)] + _actions(doc, rest, paragraph_only=True)


def _without_stop(doc: Doc, sentence: Span) -> Span:
    end = sentence.end
    while end > sentence.start and doc.text[end - 1] in "。!?!?":
        end -= 1
    return doc.span(sentence.start, end)


def run(doc: Doc) -> None:
    reply = doc.reply
    order = 0
    added: list[Span] = []

    def add(span: Span, planned: bool) -> None:
        nonlocal order
        order += 1
        added.append(span)
        measure = Mention("Measure", span.text.rstrip(",:"), span, entity_key=f"measure-{order}")
        doc.mentions.add([measure])
        doc.facts += [Fact(measure, "planned", "true" if planned else "false"), Fact(measure, "order", str(order)),
                      Fact(reply, "hasMeasure", measure)]

    sections = doc.sections
    outline = Outline(doc, sections)
    for section in sections:
        opens_plans = section.style == "next" or section.headline.text.startswith("下一步")
        paragraph = inline_plans(doc, section, outline) if opens_plans else []
        if paragraph:
            for sentence in paragraph:
                add(sentence, True)
        elif opens_plans:  # 下一步 / 二、下一步工作打算: a heading, its actions follow
            for sentence in planned_sentences(doc, section, outline):
                add(sentence, True)
        elif not INTRODUCING_HEADING.search(section.headline.text):  # 一、…方面,我们做了以下工作: is no measure
            add(section.headline, section.planned)
    taken = sorted((s.start, s.end) for s in added)
    starts, reach = [t[0] for t in taken], list(itertools.accumulate((t[1] for t in taken), max))
    for sentence in doc.sentences:
        i = bisect.bisect_right(starts, sentence.start)
        if ANSWERED_POINT.match(sentence.text) and not (i and reach[i - 1] > sentence.start):
            add(_without_stop(doc, sentence), True)
