"""Quoted slogans, models and principles: “人社工作进园区”, “16+8+3”, “一带一路”."""
from __future__ import annotations

import re

from ..document import Doc
from ..model import Mention
from .spans import Occupied

NAMES = ("PolicyDocument", "Proposal", "Reply", "Organization", "Competition")
# a principle quoted from a report may run to a few clauses (“统筹职业教育、高等教育、…,优化职业教育类型定位”)
QUOTE = re.compile(r"[“「『\"](?P<text>[^“”「」『』\"\n]{2,60})[”」』\"]")


def run(doc: Doc) -> None:
    """Every quote, unless it is or sits inside the name of something else (a document's title,
    a contest, an organisation: 南海区第四届“技能之星”职业技能竞赛, “酱香酒产业学院”)."""
    titles = Occupied(doc.mentions.of(*NAMES))
    concepts = []
    for m in QUOTE.finditer(doc.text):
        span = doc.span(m.start("text"), m.end("text"))
        if not titles.covers(span.start, span.end):
            concepts.append(Mention("Concept", span.text, span, entity_key=re.sub(r"\s+", "", span.text)))
    doc.mentions.add(concepts)
