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
from skillgraph.model import Entities
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


def schools_written_short(n: int) -> str:
    """甲乙丙职业技术学院、甲乙丙职业学院、…: ever more distinct schools ending alike, each also
    written short; resolution once compared every pair of them."""
    stems = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    b = len(stems)
    names = (stems[i % b] + stems[i // b % b] + stems[i // b // b % b] for i in range(n // 16 + 1))
    return "".join(f"{name}职业技术学院、{name}职业学院、" for name in names)[:n]


def extracted(text: str) -> Entities:
    """One extraction: the text read, its facts found and resolved."""
    return resolve([extract(document.from_text(text))])


def one_long_number(n: int) -> str:
    """资金万万…万元。: a numeral run as long as the text before its measure word."""
    return "资金" + "万" * (n - 4) + "元。"


def counted_kinds(n: int) -> str:
    """Ever more figures, each counting one of ever more named kinds of platform."""
    return repeated("新建公共实训基地3个,技能大师工作室5个,零工市场2家,")(n)


def timed(run: Callable[[], object], runs: int = 3) -> float:
    """The processor time of the best of some runs, each after a collection and with the
    collector paused while it runs (as `timeit` does): other processes on the machine do not
    decide, and neither does whether one of the interpreter's full collections, which walk
    every live object, happens to fall inside the larger run and not the smaller (such a step
    once made a linear shape measure 5× in place of 4×)."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@pytest.mark.parametrize("make_text", [
    pytest.param(documents_on_one_line, id="the documents as one line"),
    pytest.param(repeated("《关于技能的通知》、"), id="a run of titles"),
    pytest.param(repeated("。下一步"), id="下一步 over and over"),
    pytest.param(repeated("选手杨婉洁荣获金奖"), id="prizes won in one long sentence"),
    pytest.param(repeated("张三、"), id="a list of names that never closes"),
    pytest.param(numbered_contests, id="ever more distinct contests"),
    pytest.param(one_long_number, id="a numeral run before its measure word"),
    pytest.param(counted_kinds, id="figures counting kinds"),
])
def test_extraction_takes_time_in_proportion_to_the_text(make_text):
    extracted(make_text(1000))  # lexicons and the segmenter loaded
    small, large = make_text(SMALL), make_text(LARGE)
    ratio = timed(lambda: extracted(large), runs=5) / timed(lambda: extracted(small), runs=5)
    assert ratio < MAX_RATIO, f"40,000 characters took {ratio:.1f}× as long as 10,000"


def test_numbered_items_without_a_full_stop_have_short_headlines_and_turtle_in_proportion():
    """:(一)项目:(一)项目…: each headline once ran to the end of the text."""
    small, large = (repeated(":(一)项目")(n) for n in (SMALL, LARGE))
    assert max(len(s.headline.text) for s in document.from_text(large).sections) == len("项目:")
    ratio = timed(lambda: document.from_text(large).sections) / timed(lambda: document.from_text(small).sections)
    assert ratio < MAX_RATIO, f"finding the sections of 40,000 characters took {ratio:.1f}× as long as 10,000"
    turtle = [len(to_turtle(to_rdf(extracted(text)))) for text in (small, large)]
    assert turtle[1] < MAX_RATIO * turtle[0]


def test_resolving_ever_more_distinct_contests_takes_time_in_proportion():
    small, large = (extract(document.from_text(numbered_contests(n))) for n in (SMALL, LARGE))
    ratio = timed(lambda: resolve([large]), runs=9) / timed(lambda: resolve([small]), runs=9)
    assert ratio < MAX_RATIO, f"resolving 40,000 characters took {ratio:.1f}× as long as 10,000"


def test_resolving_many_organisations_ending_alike_takes_time_in_proportion():
    small, large = (extract(document.from_text(schools_written_short(n))) for n in (SMALL, LARGE))
    assert len({m.label for m in large.mentions if m.cls == "Organization"}) > 4000
    ratio = timed(lambda: resolve([large]), runs=9) / timed(lambda: resolve([small]), runs=9)
    assert ratio < MAX_RATIO, f"resolving 40,000 characters took {ratio:.1f}× as long as 10,000"


def test_reading_a_deeply_nested_web_page_takes_time_in_proportion(tmp_path: Path):
    pages = {}
    for n in (SMALL, LARGE):
        pages[n] = tmp_path / f"nested-{n}.html"
        pages[n].write_text(repeated("<div>字")(n), encoding="utf-8")  # 1,700 or 6,700 elements deep
    ratio = timed(lambda: document.read(pages[LARGE])) / timed(lambda: document.read(pages[SMALL]))
    assert ratio < MAX_RATIO, f"reading 40,000 characters took {ratio:.1f}× as long as 10,000"
