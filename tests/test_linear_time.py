"""Time and output grow with the text, not faster: each shape of text that once made a
stage quadratic is run at 10,000 and 40,000 characters, and four times the text may take
at most six times as long (a ratio of times, never a time) and write at most six times the Turtle."""
import gc
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from skillgraph import document
from skillgraph.extractors import extract
from skillgraph.rdf import to_rdf
from skillgraph.resolve import resolve
from skillgraph.turtle import to_turtle

SMALL, LARGE, MAX_RATIO = 10_000, 40_000, 6
DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"


def repeated(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def numbered_contests(n: int) -> str:
    """第1届全国技能大赛、第2届全国技能大赛、…: ever more distinct contests."""
    return "".join(f"第{i}届全国技能大赛、" for i in range(1, n // 9 + 2))[:n]


def documents_on_one_line(n: int) -> str:
    """The documents here, line breaks dropped, as one line (a page saved without them)."""
    text = "".join(p.read_text(encoding="utf-8").replace("\n", "") for p in sorted(DOCUMENTS.glob("*.txt")))
    return repeated(text)(n)


def one_long_number(n: int) -> str:
    """资金万万…万元。: a numeral run as long as the text before its measure word."""
    return "资金" + "万" * (n - 4) + "元。"


def counted_kinds(n: int) -> str:
    """Ever more figures, each counting one of ever more named kinds of platform."""
    return repeated("新建公共实训基地3个,技能大师工作室5个,零工市场2家,")(n)


def build(text: str) -> str:
    return to_turtle(to_rdf(resolve([extract(document.from_text(text))])))


def timed(run: Callable[[], object]) -> float:
    """The better of two runs, after a collection, so a stray pause does not decide."""
    best = float("inf")
    for _ in range(2):
        gc.collect()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("make_text", [
    pytest.param(repeated(":(一)项目"), id="numbered items without a full stop (headlines)"),
    pytest.param(documents_on_one_line, id="the documents as one line"),
    pytest.param(one_long_number, id="a numeral run before its measure word"),
    pytest.param(counted_kinds, id="figures counting kinds"),
])
def test_a_build_takes_time_and_writes_turtle_in_proportion_to_the_text(make_text):
    build(make_text(1000))  # lexicons and the segmenter loaded
    small, large = make_text(SMALL), make_text(LARGE)
    assert len(build(large)) < MAX_RATIO * len(build(small))
    ratio = timed(lambda: build(large)) / timed(lambda: build(small))
    assert ratio < MAX_RATIO, f"40,000 characters took {ratio:.1f}× as long as 10,000"


def test_resolving_ever_more_distinct_contests_takes_time_in_proportion():
    small, large = (extract(document.from_text(numbered_contests(n))) for n in (SMALL, LARGE))
    ratio = timed(lambda: resolve([large])) / timed(lambda: resolve([small]))
    assert ratio < MAX_RATIO, f"resolving 40,000 characters took {ratio:.1f}× as long as 10,000"
