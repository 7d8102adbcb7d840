"""How fast the on-disk store answers, against re-parsing the Turtle, on a synthetic graph.

    .venv/bin/python benchmarks/bench_store.py [--triples 2000000] [--dir DIR] [--runs 3] [--timeout 120]
                                               [--names people …] [--no-reparse] [--reuse-store]

Generates (seeded) a graph of documents written in the ontology's terms with the shapes and
proportions of a build (replies, proposals, people, agencies and policy documents shared by
many documents, hubs such as 技能大师工作室, statistics, measures, mentions and sentences),
writes it with the build's Turtle writer, then measures in fresh processes: `skillgraph load`
(time, peak memory), the store's size, and `skillgraph query --name X` for every named query,
through the store and by parsing the Turtle into memory as the command did before the store.
"Cold" means a new process each run (the operating system's file cache is warm). A query that
runs longer than --timeout, or needs more than --memory GB, is reported as such.
A benchmark, not a test. With --dir the graph is generated once and reused (the store is
loaded again every run, unless --reuse-store and it is current).

Every named query should answer in under a second, cold, at 2M triples: each lists a page
(LIMIT 1000, `--limit/--offset` for more) chosen on keys that are cheap to compare.
"""
from __future__ import annotations

import argparse
import bisect
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from skillgraph.store import is_current, named_queries, read_stamp
from skillgraph.turtle import to_turtle
from skillgraph.vocab import ID, PROV, RDF, RDFS, SG, SKOS, XSD, document_id, in_document_id, shared_id, span_id

BIN = Path(sys.executable).parent
CITIES = ["咸阳市", "西安市", "宝鸡市", "渭南市", "延安市", "汉中市", "榆林市", "安康市", "商洛市", "铜川市", "岳阳市", "长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "常德市", "益阳市", "郴州市", "永州市", "怀化市", "娄底市", "重庆市", "成都市", "绵阳市", "德阳市", "南充市", "宜宾市", "泸州市", "达州市", "郑州市", "洛阳市", "开封市", "南阳市", "许昌市", "新乡市", "焦作市", "安阳市", "济南市", "青岛市"]
AGENCY_CORES = ["人力资源和社会保障", "教育", "财政", "发展和改革", "工业和信息化", "农业农村", "商务", "民政", "退役军人事务", "乡村振兴"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗付"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华卫东婷婉洁一鸣"
VERBS = ["推进", "加强", "实施", "推动", "做好", "深化", "完善"]
TOPICS = ["职业技能培训", "高技能人才队伍建设", "技能人才评价", "职业教育改革", "就业创业", "企业新型学徒制", "技工院校建设", "职业技能等级认定", "乡村工匠培育", "公共实训基地建设"]
GENRES = ["通知", "意见", "实施方案", "办法", "若干措施"]
WORDS = ["华兴", "永恒", "恒达", "秦川", "长安", "启航", "新华", "同创", "博远", "力帆", "宏图", "鼎盛", "金桥", "天成", "汇智", "明德", "育才", "兴邦", "振华", "德润"]
ORGANIZATION_KINDS = ["职业技术学院", "技师学院", "技工学校", "职业中等专业学校", "有限公司", "公共实训基地", "培训学校", "产业园"]
CONCEPTS = ["技能中国行动", "技能强省", "新八级工", "工匠精神", "产教融合", "校企合作", "订单式培养", "以工代训", "技能等级认定", "揭榜挂帅", "一试双证", "数字技能", "技能提升行动", "职业技能提升", "创业担保贷款", "稳岗返还", "技能人才薪酬", "双师型", "现代学徒制", "技能大赛"]
PLATFORM_TYPES = ["技能大师工作室", "高技能人才培训基地", "公共实训基地", "职业院校", "企业", "民办职业技能培训学校", "技工院校", "产教融合实训基地", "劳模创新工作室", "职工培训中心", "创业孵化基地", "就业见习基地", "技能人才评价机构", "乡村工匠工作站", "家庭服务业培训基地"]
INDICATORS = (("培训人次", "人次"), ("补贴资金", "元"), ("技能大师工作室", "个"), ("高技能人才", "人"), ("新增就业", "人"),
              ("公共实训基地", "个"), ("取证人数", "人"), ("培训学校", "所"), ("就业率", "%"), ("职业院校", "所"))
MEASURES = ["健全完善政策体系", "搭建人才培育平台", "深度开展校企合作", "提升人才技能水平", "全面促进高质量就业", "加强技能大师工作室建设", "扩大职业技能培训规模", "推进技能人才评价改革", "强化就业服务", "落实培训补贴政策"]


def zipf(items: list[str], s: float = 1.1) -> tuple[list[str], list[float]]:
    """Items with cumulative Zipf weights: a few are everywhere (hubs), most are rare."""
    total, cumulative = 0.0, []
    for rank in range(1, len(items) + 1):
        total += 1 / rank**s
        cumulative.append(total)
    return items, cumulative


class Generator:
    """A seeded stream of documents' triples, in the terms and shapes `skillgraph build` writes."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        rng = self.rng
        self.agencies = zipf([c + core + "局" for c in CITIES for core in AGENCY_CORES])
        titles = [f"关于{v}{t}的{g}" for v in VERBS for t in TOPICS for g in GENRES]
        self.titles = zipf(rng.sample(titles, len(titles)) + [c + t for c in CITIES for t in rng.sample(titles, 60)])
        self.concepts = zipf(CONCEPTS)
        self.platform_types = zipf(PLATFORM_TYPES, 1.3)
        self.competitions = zipf([f"{c}第{n}届职业技能大赛" for c in CITIES for n in range(1, 4)]
                                 + [f"第{n}届全国乡村振兴职业技能大赛" for n in range(1, 4)]
                                 + [f"第{n}届世界技能大赛" for n in range(44, 48)])
        self.places = zipf(CITIES + [c + d for c in CITIES[:10] for d in ("秦都区", "渭城区", "高新区", "新区")])
        self.seen: set[str] = set()  # shared things already described
        self.nodes: dict[str, ox.NamedNode] = {}

    # --- terms
    def iri(self, value: str) -> ox.NamedNode:
        node = self.nodes.get(value)
        if node is None:
            node = self.nodes[value] = ox.NamedNode(value)
        return node

    def pick(self, pool: tuple[list[str], list[float]]) -> str:
        items, cumulative = pool
        return items[bisect.bisect_left(cumulative, self.rng.random() * cumulative[-1])]

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2))))

    # --- one document
    def document(self, number: int) -> list[ox.Triple]:
        rng = self.rng
        doc_id = f"{number:05d}_{rng.getrandbits(40):010x}"
        self.doc_id, self.doc = doc_id, ID + document_id(doc_id)
        self.out: list[ox.Triple] = []
        self.cursor, self.sentence = 0, (0, 0, "")
        year = rng.randint(2019, 2025)
        issuer = self.pick(self.agencies)
        number_text = f"{issuer[:2]}人社函〔{year}〕{rng.randint(1, 300)}号"
        self.add(self.doc, RDF + "type", SG + "Reply")
        self.add(self.doc, RDFS + "label", ox.Literal(number_text, language="zh"))
        self.add(self.doc, SG + "documentNumber", ox.Literal(number_text))
        self.add(self.doc, SG + "date", ox.Literal(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                                   datatype=ox.NamedNode(XSD + "date")))
        self.add(self.doc, SG + "sourceFile", ox.Literal(f"{doc_id}.txt"))
        if rng.random() < 0.5:
            self.add(self.doc, SG + "indexNumber", ox.Literal(f"{rng.getrandbits(36):011d}/{year}-{rng.randint(1, 999):05d}"))
        self.add(self.doc, SG + "issuedBy", self.agency(issuer))
        for _ in range(rng.choice((0, 0, 1, 2))):
            self.add(self.doc, SG + "coIssuedWith", self.agency(self.pick(self.agencies)))
        people = [self.local("Person", self.person()) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.75:
            proposal = self.local("Proposal", str(rng.randint(1, 600)), f"关于{rng.choice(TOPICS)}的建议")
            self.add(proposal, SG + "proposalNumber", ox.Literal(proposal.value.rsplit("/", 1)[1]))
            self.add(proposal, SG + "proposedBy", people[0])
            self.add(self.doc, SG + "repliesTo", proposal)
            self.add(self.doc, SG + "addressedTo", people[0])
        if rng.random() < 0.1:
            self.add(self.doc, SG + "signedBy", people[-1])
        for _ in range(rng.randint(1, 4)):
            self.agency(self.pick(self.agencies))
        for _ in range(rng.randint(1, 4)):
            self.policy_document(self.pick(self.titles), year)
        for _ in range(rng.randint(1, 5)):
            kind = rng.choice(ORGANIZATION_KINDS)
            self.shared("Organization", rng.choice(CITIES) + "".join(rng.sample(WORDS, 2)) + kind)
        for _ in range(rng.randint(1, 3)):
            self.shared("Concept", self.pick(self.concepts))
        for _ in range(rng.randint(1, 2)):
            self.shared("Place", self.pick(self.places))
        kinds = [self.shared("PlatformType", self.pick(self.platform_types)) for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.05:
            self.platform_system()
        if rng.random() < 0.2:
            self.competition(people)
        for order in range(1, rng.randint(3, 7)):
            measure = self.local("Measure", f"measure-{order}", rng.choice(MEASURES) + "," + rng.choice(MEASURES))
            self.add(measure, SG + "order", ox.Literal(str(order), datatype=ox.NamedNode(XSD + "integer")))
            self.add(measure, SG + "planned", ox.Literal("true" if rng.random() < 0.3 else "false",
                                                         datatype=ox.NamedNode(XSD + "boolean")))
            self.add(self.doc, SG + "hasMeasure", measure)
        for _ in range(rng.randint(2, 7)):
            self.statistic(kinds, year)
        return self.out

    def add(self, s: str | ox.NamedNode, p: str, o: str | ox.NamedNode | ox.Literal) -> None:
        subject = self.iri(s) if isinstance(s, str) else s
        self.out.append(ox.Triple(subject, self.iri(p), self.iri(o) if isinstance(o, str) else o))

    def describe(self, node: ox.NamedNode, cls: str, label: str) -> None:
        self.add(node, RDF + "type", SG + cls)
        self.add(node, RDFS + "label", ox.Literal(label, language="zh"))

    def shared(self, cls: str, name: str, mentions: int = 0) -> ox.NamedNode:
        node = self.iri(ID + shared_id(cls, name))
        if node.value not in self.seen:
            self.seen.add(node.value)
            self.describe(node, cls, name)
            if self.rng.random() < 0.2:
                self.add(node, SKOS + "altLabel", ox.Literal(name[-4:], language="zh"))
        self.add(node, PROV + "wasDerivedFrom", self.doc)
        for _ in range(mentions or self.rng.randint(1, 3)):
            self.mention(node, name)
        return node

    def local(self, cls: str, name: str, label: str = "") -> ox.NamedNode:
        node = self.iri(ID + in_document_id(self.doc_id, cls, name))
        self.describe(node, cls, label or name)
        self.add(node, PROV + "wasDerivedFrom", self.doc)
        self.mention(node, label or name)
        return node

    def agency(self, name: str) -> ox.NamedNode:
        return self.shared("Agency", name)

    def policy_document(self, title: str, year: int) -> None:
        node = self.iri(ID + shared_id("PolicyDocument", title))
        new = node.value not in self.seen
        self.shared("PolicyDocument", title, mentions=self.rng.randint(1, 2))
        if new:
            self.add(node, SG + "year", ox.Literal(str(year - self.rng.randint(0, 3)), datatype=ox.NamedNode(XSD + "gYear")))
        self.add(node, SG + "issuedBy", self.agency(self.pick(self.agencies)))  # each citing document adds its own
        if self.rng.random() < 0.3:
            self.add(node, SG + "coIssuedWith", self.agency(self.pick(self.agencies)))

    def platform_system(self) -> None:
        system = self.local("PlatformSystem", "三级技能人才培养平台体系")
        for rank, tier_name in enumerate(("基础", "标杆", "引领"), 1):
            tier = self.local("PlatformTier", tier_name)
            self.add(tier, SG + "rank", ox.Literal(str(rank), datatype=ox.NamedNode(XSD + "integer")))
            for _ in range(self.rng.randint(1, 3)):
                self.add(tier, SG + "includes", self.shared("PlatformType", self.pick(self.platform_types), mentions=1))
            self.add(system, SG + "hasTier", tier)

    def competition(self, people: list[ox.NamedNode]) -> None:
        name = self.pick(self.competitions)
        node = self.iri(ID + shared_id("Competition", name))
        new = node.value not in self.seen
        self.shared("Competition", name, mentions=1)
        if new:
            self.add(node, SG + "edition", ox.Literal(str(self.rng.randint(1, 47)), datatype=ox.NamedNode(XSD + "integer")))
        if self.rng.random() < 0.3:
            event = self.local("CompetitionEvent", self.rng.choice(("育婴赛项", "电工赛项", "焊接赛项", "养老护理赛项")))
            self.add(event, SG + "partOf", node)
            level = self.rng.choice(("金奖", "银奖", "铜奖", "优胜奖"))
            award = self.local("Award", f"award-{self.rng.randint(1, 9)}", level)
            self.add(award, SG + "awardLevel", ox.Literal(level))
            self.add(award, SG + "inEvent", event)
            self.add(award, SG + "awardedTo", people[-1])

    def statistic(self, kinds: list[ox.NamedNode], year: int) -> None:
        rng = self.rng
        indicator, unit = rng.choice(INDICATORS)
        value = rng.choice((rng.randint(1, 99), rng.randint(100, 99999), rng.randint(1, 9999) * 10000))
        start = self.cursor + 7
        node = self.iri(ID + span_id(self.doc_id, "statistic", start, start + 8))
        self.describe(node, "Statistic", f"{indicator} {value}{unit}")
        self.add(node, SG + "value", ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal")))
        self.add(node, SG + "unit", ox.Literal(unit))
        self.add(node, SG + "qualifier", SG + rng.choice(("Exact", "Exact", "Exact", "AtLeast", "Approximately")))
        self.add(node, SG + "indicator", ox.Literal(indicator))
        if rng.random() < 0.15:
            self.add(node, SG + "periodStart", ox.Literal(str(year - 3), datatype=ox.NamedNode(XSD + "gYear")))
        if kinds and rng.random() < 0.3:
            self.add(node, SG + "counts", rng.choice(kinds))
        self.add(node, PROV + "wasDerivedFrom", self.doc)
        self.mention(node, f"{indicator}{value}{unit}")

    def mention(self, node: ox.NamedNode, anchor: str) -> None:
        """A mention in the current sentence, or in a new one after it (about 3 a sentence)."""
        start, end, text = self.sentence
        if not text or self.rng.random() < 0.35:
            start = self.cursor + self.rng.randint(20, 400)
            text = "".join(self.rng.choices(GIVEN + SURNAMES, k=self.rng.randint(30, 90))) + "。"
            end = start + len(text) + len(anchor) * 3
            self.sentence = (start, end, text)
            sentence = self.iri(ID + span_id(self.doc_id, "sentence", start, end))
            self.add(sentence, RDF + "type", SG + "Sentence")
            self.add(sentence, SG + "beginIndex", ox.Literal(str(start), datatype=ox.NamedNode(XSD + "integer")))
            self.add(sentence, SG + "endIndex", ox.Literal(str(end), datatype=ox.NamedNode(XSD + "integer")))
            self.add(sentence, SG + "anchorOf", ox.Literal(text[:20] + anchor + text[20:]))
            self.add(sentence, SG + "inDocument", self.doc)
        begin = self.cursor = max(self.cursor, start) + len(anchor) + 1
        m = self.iri(ID + span_id(self.doc_id, "mention", begin, begin + len(anchor)))
        self.add(m, RDF + "type", SG + "Mention")
        self.add(m, SG + "beginIndex", ox.Literal(str(begin), datatype=ox.NamedNode(XSD + "integer")))
        self.add(m, SG + "endIndex", ox.Literal(str(begin + len(anchor)), datatype=ox.NamedNode(XSD + "integer")))
        self.add(m, SG + "anchorOf", ox.Literal(anchor))
        self.add(m, SG + "sentence", ID + span_id(self.doc_id, "sentence", start, end))
        self.add(m, SG + "inDocument", self.doc)
        self.add(node, SG + "mention", m)


def generate(triples: int, seed: int) -> tuple[list[ox.Triple], int]:
    """About `triples` triples (whole documents), and the number of documents."""
    generator, out, documents = Generator(seed), [], 0
    while len(out) < triples:
        out += generator.document(documents)
        documents += 1
    return out, documents


# --- measuring -----------------------------------------------------------------------------


def run(command: list[str], timeout: float) -> tuple[float | str, float, bytes]:
    """Wall seconds (or why it stopped), peak resident MB, standard output of one fresh process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                return f"> {timeout:.0f} s", usage.ru_maxrss / 1024, b""
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        data = out.read()
    if process.returncode != 0:
        error = (process.stderr.read() if process.stderr else b"").decode(errors="replace").strip().splitlines()
        return f"failed ({error[-1][:60] if error else process.returncode})", usage.ru_maxrss / 1024, data
    return elapsed, usage.ru_maxrss / 1024, data


REPARSE = """\
import sys
from pathlib import Path
from skillgraph import store
result = store.run_query(store.load([Path(sys.argv[1])]), store.named_query(sys.argv[2]).text)
print(store.format_result(result, "tsv"), end="")
"""


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def show(value: float | str) -> str:
    return f"{value:.2f}" if isinstance(value, float) else value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=2_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dir", type=Path, help="keep the graph and store here (reused when the graph is there)")
    ap.add_argument("--runs", type=int, default=3, help="fresh processes per query through the store (median)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds a query may take")
    ap.add_argument("--memory", type=float, default=8, help="GB a process may take")
    ap.add_argument("--no-reparse", action="store_true", help="skip the queries that parse the Turtle")
    ap.add_argument("--names", nargs="+", help="only these named queries (default: all)")
    ap.add_argument("--reuse-store", action="store_true", help="keep the store of --dir when it is current")
    ap.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench_store."))
    graph = folder / "skillgraph.ttl"
    if args.generate_only:
        started = time.perf_counter()
        triples, documents = generate(args.triples, args.seed)
        folder.mkdir(parents=True, exist_ok=True)
        graph.write_text(to_turtle(triples), encoding="utf-8")
        print(f"generated {len(triples)} triples of {documents} documents in {time.perf_counter() - started:.1f} s")
        return
    if not graph.exists():  # in another process, so that this one stays small: its children's peaks are theirs
        subprocess.run([sys.executable, __file__, "--generate-only", "--dir", str(folder),
                        "--triples", str(args.triples), "--seed", str(args.seed)], check=True)
    print(f"graph: {graph} ({graph.stat().st_size / 1e6:.0f} MB of Turtle)")
    limit = int(args.memory * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))  # inherited

    skillgraph = str(BIN / "skillgraph")
    if args.reuse_store and is_current(read_stamp(folder / "store"), graph):
        print(f"skillgraph load: skipped, {folder / 'store'} is current")
    else:
        seconds, peak, out = run([skillgraph, "load", str(graph)], args.timeout * 10)
        print(f"skillgraph load: {show(seconds)} s, peak {peak:.0f} MB; {out.decode().strip()}")
    print(f"store: {folder_size(folder / 'store') / 1e6:.0f} MB in {folder / 'store'}")

    print(f"load average: {os.getloadavg()[0]:.2f} (1 min)")
    print(f"\n{'named query':18} {'rows':>8} {'store s':>9} {'store MB':>9} {'turtle s':>9} {'turtle MB':>10}")
    for name in args.names or named_queries():
        runs = [run([skillgraph, "query", "--name", name, "--graph", str(graph), "--format", "tsv"],
                    args.timeout) for _ in range(args.runs)]
        times = [t for t, _, _ in runs if isinstance(t, float)]
        store_time = statistics.median(times) if len(times) == len(runs) else runs[-1][0]
        rows = runs[-1][2].count(b"\n") - 1 if isinstance(store_time, float) else "-"
        reparse: tuple[float | str, float, bytes] = ("-", 0, b"")
        if not args.no_reparse:
            reparse = run([sys.executable, "-c", REPARSE, str(graph), name], args.timeout)
        print(f"{name:18} {rows:>8} {show(store_time):>9} {max(r[1] for r in runs):>9.0f} "
              f"{show(reparse[0]):>9} {reparse[1]:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
