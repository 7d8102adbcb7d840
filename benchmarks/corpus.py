"""A seeded corpus of N replies made from the real documents' sentences, with known facts.

    .venv/bin/python benchmarks/corpus.py N FOLDER [--seed 1]

Each reply has a title, an addressee, 8–24 sentences drawn from data/documents (their
numbers, years and cities varied), one planted figure (全市共建成技能大师工作室{n}个) and a
signature by a city's 人力资源和社会保障局 with a date. The same seed gives the same files.
`expected()` says, for each file, which agency issued it and the planted figure, so a
benchmark can check the graph as well as time it.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from skillgraph.document import split_sentences

DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"
CITIES = ("咸阳市", "武汉市", "珠海市", "宜昌市", "襄阳市", "洛阳市", "绵阳市", "柳州市", "赣州市", "泉州市",
          "无锡市", "常州市", "温州市", "嘉兴市", "芜湖市", "九江市", "岳阳市", "株洲市", "遵义市", "曲靖市",
          "玉林市", "桂林市", "宝鸡市", "汉中市", "天水市", "银川市", "包头市", "大同市", "临沂市", "潍坊市")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国卫东婷"
TOPICS = ("加快技能人才培养", "推进产教融合", "加强职业技能培训", "支持返乡创业", "发展职业教育", "完善技能评价")
PLANTED_KIND = "技能大师工作室"
CITY = re.compile("|".join(CITIES))
COUNTED = re.compile(r"(?<![\d.])\d{1,4}(?=(?:多|余)?(?:个|家|名|人|万|元|所|项|次|期|场|支|批))")


@dataclass
class Expected:
    issuer: str  # the agency that signs the reply
    workshops: int  # the planted figure: 技能大师工作室 built


@cache
def sentences() -> list[str]:
    """The real documents' sentences of a reasonable length, in a fixed order."""
    found = []
    for path in sorted(DOCUMENTS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [text[s:e].strip() for s, e in split_sentences(text) if 12 <= e - s <= 160]
    return found


def vary(sentence: str, rng: random.Random, city: str) -> str:
    """The sentence with its numbers, years and cities changed."""
    sentence = CITY.sub(city, sentence)
    sentence = re.sub(r"20[12]\d(?=年)", lambda _: str(rng.randint(2015, 2025)), sentence)
    return COUNTED.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), sentence)


def document(i: int, seed: int) -> tuple[str, Expected]:
    rng = random.Random(seed * 1_000_003 + i)
    city = rng.choice(CITIES)
    person = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    year = rng.randint(2018, 2025)
    workshops = rng.randint(2, 400)
    issuer = f"{city}人力资源和社会保障局"
    body = [vary(s, rng, city) for s in rng.sample(sentences(), rng.randint(8, 24))]
    body.insert(rng.randint(0, len(body)), f"截至{year - 1}年底,全市共建成{PLANTED_KIND}{workshops}个。")
    text = "\n".join([
        f"关于{rng.choice(TOPICS)}的建议的答复",
        f"{person}委员:",
        f"您提出的《关于{rng.choice(TOPICS)}的建议》收悉。现答复如下:",
        *body,
        "感谢您对人力资源和社会保障工作的关心和支持。",
        issuer,
        f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
    ]) + "\n"
    return text, Expected(issuer, workshops)


def name(i: int) -> str:
    return f"{i // 1000:03d}/reply_{i:06d}.txt"  # a thousand to a folder


def write(n: int, folder: Path, seed: int = 1) -> dict[str, Expected]:
    """Write N replies under `folder`; returns the expected facts by document id."""
    expected = {}
    for i in range(n):
        text, facts = document(i, seed)
        path = folder / name(i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        expected[name(i)] = facts
    return expected


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    expected = write(args.n, args.folder, args.seed)
    (args.folder / "expected.json").write_text(json.dumps({k: asdict(v) for k, v in expected.items()},
                                                          ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
