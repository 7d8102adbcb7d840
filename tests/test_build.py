"""`skillgraph build` as users run it: outputs written together, bad output folders refused
before any work, documents told apart by their path, folders of many kinds of files, worker
processes and the progress bar."""
import fcntl
import os
import pty
import resource
import shutil
import signal
import subprocess
import struct
import sys
import termios
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from skillgraph import pipeline
from skillgraph.extractors import extract
from skillgraph.rdf import to_rdf
from skillgraph.resolve import resolve
from skillgraph.turtle import TurtleWriter, to_turtle

ROOT = Path(__file__).resolve().parents[1]
SKILLGRAPH = Path(sys.executable).parent / "skillgraph"
DOCUMENTS = ROOT / "data" / "documents"
SEED = DOCUMENTS / "000_425f8ebd1574510b.txt"
SG = rdflib.Namespace("https://w3id.org/skillgraph/ontology#")
PAGE = ("<html><head><title>t</title></head><body><div class='nav'>首页</div><p>张卫婷委员:</p>"
        "<p>您提出的《关于大力发展职业教育的建议》收悉。</p><p>咸阳市人力资源和社会保障局</p><p>2025年5月22日</p></body></html>")


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(SKILLGRAPH), *args], capture_output=True, text=True, timeout=300, **kwargs)


def assert_user_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.endswith(".tmp")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    assert run("build", str(SEED), "--out", str(out)).returncode == 0
    return out


def replies(turtle: Path) -> set[str]:
    graph = rdflib.Graph().parse(turtle)
    return {str(s).rsplit("/doc/", 1)[1] for s in graph.subjects(rdflib.RDF.type, SG.Reply)}


# ---------------------------------------------------------------- outputs written together


def test_out_that_is_a_file_is_refused_before_any_work(tmp_path: Path):
    target = tmp_path / "graph.ttl"
    target.write_text("mine", encoding="utf-8")
    result = run("build", str(SEED), "--out", str(target))
    assert_user_error(result, str(target), "is a file", "folder")
    assert "documents:" not in result.stdout and target.read_text(encoding="utf-8") == "mine"


def test_read_only_output_folder_is_refused_before_any_work(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir(mode=0o555)
    os.chmod(out, 0o555)
    # root writes anywhere: without the capability to override permissions it sees them as users do
    as_user = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    result = subprocess.run([*as_user, str(SKILLGRAPH), "build", str(SEED), "--out", str(out)], capture_output=True,
                            text=True, timeout=120)
    assert_user_error(result, str(out), "ermission denied", "--out")
    assert "documents:" not in result.stdout and not list(out.iterdir())


def _small_files():  # a full disk, as the build sees it: every write past 200 kB fails
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_full_disk_is_one_clear_message_and_the_earlier_outputs_stay(built: Path):
    before = outputs(built)
    result = subprocess.run([str(SKILLGRAPH), "build", str(DOCUMENTS), "--out", str(built)], capture_output=True,
                            text=True, timeout=300, preexec_fn=_small_files)
    assert_user_error(result, f"cannot write {built}", "File too large", "free some space")
    assert outputs(built) == before
    assert not leftovers(built)


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(built: Path):
    before = (built / "skillgraph.ttl").read_bytes()
    with open(built / ".skillgraph.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        assert_user_error(run("build", str(SEED), "--out", str(built)), "another build", str(built))
    assert (built / "skillgraph.ttl").read_bytes() == before
    assert run("build", str(SEED), "--out", str(built)).returncode == 0  # the lock goes with its holder


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_leaves_the_outputs_and_no_temporary_files(built: Path, sig: int, tmp_path: Path):
    before = outputs(built)
    for copy in range(20):  # work enough to be killed in the middle of, however fast the build
        shutil.copytree(DOCUMENTS, tmp_path / f"copy{copy}")
    build = subprocess.Popen([str(SKILLGRAPH), "build", str(tmp_path), "--out", str(built), "--jobs", "1", "--no-cache"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while not (built / ".skillgraph-staging.tmp").exists():
        assert build.poll() is None, build.stderr.read() if build.stderr else ""
        time.sleep(0.01)
    time.sleep(0.5)  # into the documents
    build.send_signal(sig)
    build.wait(timeout=60)
    assert b"Traceback" not in (build.stderr.read() if build.stderr else b"")
    assert outputs(built) == before
    if sig == signal.SIGKILL:  # nothing runs on SIGKILL: the next build clears what it left
        assert run("build", str(SEED), "--out", str(built)).returncode == 0
    assert not leftovers(built)


STOPPED_WHILE_DRAWING = """
import shutil, signal, sys
from pathlib import Path
from skillgraph import view
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # as a build does
page = Path(sys.argv[2])
try:
    view.write_turtle_page(Path(sys.argv[1]), page, 10**6)
finally:
    shutil.rmtree(page.parent, ignore_errors=True)  # as a stopped build clears its staging folder
"""


def test_a_page_stopped_while_drawing_writes_nothing_after(tmp_path: Path):
    for copy in range(20):  # a page that takes a while to draw
        shutil.copytree(DOCUMENTS, tmp_path / "docs" / f"copy{copy}")
    assert run("build", str(tmp_path / "docs"), "--out", str(tmp_path / "big"), "--no-page").returncode == 0
    staging = tmp_path / "staging"
    for _ in range(3):  # on a busy machine the page may be drawn before the signal comes: then again
        staging.mkdir(exist_ok=True)
        drawing = subprocess.Popen([sys.executable, "-c", STOPPED_WHILE_DRAWING, str(tmp_path / "big" / "skillgraph.ttl"),
                                    str(staging / "skillgraph.html")], stderr=subprocess.PIPE)
        children = Path(f"/proc/{drawing.pid}/task/{drawing.pid}/children")
        while not children.read_text().strip():  # the page's own process has started
            assert drawing.poll() is None, drawing.stderr.read() if drawing.stderr else ""
            time.sleep(0.005)
        drawing.send_signal(signal.SIGTERM)
        if drawing.wait(timeout=60) != 0:
            break
    assert drawing.returncode == 143
    time.sleep(1)  # a page's process left running would write on, making the folder again
    assert not staging.exists()


def test_out_inside_the_input_folder_is_never_read_as_documents(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED, docs)
    (docs / "page.html").write_text(PAGE, encoding="utf-8")
    for _ in range(2):  # the second build sees the first one's skillgraph.html
        result = run("build", str(docs), "--out", str(docs / "out"))
        assert result.returncode == 0, result.stderr
        assert "documents: 2 read, 0 failed" in result.stdout
    assert replies(docs / "out" / "skillgraph.ttl") == {"000_425f8ebd1574510b.txt", "page.html"}


def test_a_closed_pipe_stops_the_build_quietly_and_not_with_success(tmp_path: Path):
    build = subprocess.Popen([str(SKILLGRAPH), "build", str(SEED), "--out", str(tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert build.stdout is not None and build.stderr is not None
    build.stdout.close()  # `skillgraph build | head -0`
    err = build.stderr.read().decode()
    assert build.wait(timeout=120) == 141
    assert err == ""
    assert (tmp_path / "skillgraph.ttl").exists()  # the outputs are written before the summary


# ---------------------------------------------------------------- which files, which documents


def test_documents_are_told_apart_by_their_path(tmp_path: Path):
    for folder, person in (("a", "张卫婷"), ("b", "李卫东")):
        (tmp_path / "docs" / folder).mkdir(parents=True)
        (tmp_path / "docs" / folder / "index.html").write_text(PAGE.replace("张卫婷", person), encoding="utf-8")
    shutil.copy(SEED, tmp_path / "docs" / "x.txt")
    (tmp_path / "docs" / "x.html").write_text(PAGE, encoding="utf-8")
    result = run("build", str(tmp_path / "docs"), "--out", str(tmp_path / "out"))
    assert "documents: 4 read" in result.stdout
    turtle = tmp_path / "out" / "skillgraph.ttl"
    assert replies(turtle) == {"a%2Findex.html", "b%2Findex.html", "x.txt", "x.html"}  # one IRI segment each
    graph = rdflib.Graph().parse(turtle)
    a = rdflib.URIRef("https://w3id.org/skillgraph/id/doc/a%2Findex.html")
    people = {str(graph.value(p, rdflib.RDFS.label)) for p in graph.subjects(rdflib.namespace.PROV.wasDerivedFrom, a)
              if (p, rdflib.RDF.type, SG.Person) in graph}
    assert people == {"张卫婷"}  # nothing of b/index.html mixed in


def test_web_pages_of_every_suffix_are_read_and_other_files_are_named(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for suffix in (".shtml", ".htm", ".xhtml"):
        (docs / f"reply{suffix}").write_text(PAGE, encoding="utf-8")
    (docs / "scan.pdf").write_bytes(b"%PDF-1.4")
    (docs / "notes.docx").write_bytes(b"PK")
    (docs / "more.pdf").write_bytes(b"%PDF-1.4")
    result = run("build", str(docs), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "documents: 3 read, 0 failed" in result.stdout
    assert "skipped: 3 files not read as documents (.docx 1, .pdf 2;" in result.stdout
    assert "notes.docx" in result.stdout
    graph = rdflib.Graph().parse(tmp_path / "out" / "skillgraph.ttl")
    anchors = {str(o) for o in graph.objects(None, SG.anchorOf)}
    assert "首页" not in "".join(anchors) and not any("<p>" in a for a in anchors)  # read as HTML, not text


def test_files_given_one_by_one_are_named_by_their_path_from_their_common_folder(tmp_path: Path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "reply.html").write_text(PAGE, encoding="utf-8")
    found = pipeline.collect([tmp_path / "a" / "reply.html", tmp_path / "b" / "reply.html"])
    assert [s.doc_id for s in found.sources] == ["a/reply.html", "b/reply.html"]
    assert [s.doc_id for s in pipeline.collect([tmp_path / "a" / "reply.html"]).sources] == ["reply.html"]


# ---------------------------------------------------------------- workers, progress, streaming


def test_any_number_of_jobs_writes_the_same_bytes(tmp_path: Path):
    outputs = []
    for jobs in ("1", "2", "3"):
        result = run("build", str(DOCUMENTS), "--out", str(tmp_path / jobs), "--jobs", jobs, "--no-page")
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / jobs / "skillgraph.ttl").read_bytes())
        assert not (tmp_path / jobs / "skillgraph.html").exists()
    assert outputs[0] == outputs[1] == outputs[2] == (ROOT / "output" / "skillgraph.ttl").read_bytes()


def test_a_progress_bar_on_a_terminal_and_none_otherwise(tmp_path: Path):
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    build = subprocess.Popen([str(SKILLGRAPH), "build", str(DOCUMENTS), "--out", str(tmp_path), "--no-page"],
                             stdout=subprocess.DEVNULL, stderr=child)
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # the terminal closed with the build
            break
        if not chunk:
            break
        seen += chunk
    build.wait(timeout=300)
    assert b"doc/s" in seen and b"28/28" in seen
    quiet = run("build", str(DOCUMENTS), "--out", str(tmp_path), "--no-page")
    assert "doc/s" not in quiet.stderr and quiet.returncode == 0


def test_the_streaming_writer_gives_the_bytes_of_the_one_pass_writer(tmp_path: Path):
    # ids that are prefixes of each other interleave in subject order (doc/x < doc/x-1 < doc/x/…);
    # those of w and y do not, and shared subjects (agencies, places) fall between them
    sources = [pipeline.Source(path, doc_id) for path, doc_id in [
        (SEED, "x"), (DOCUMENTS / "19_wuhan_rsj_jineng_dashi_gongzuoshi_2023.txt", "x-1"),
        (DOCUMENTS / "14_wuhan_rsj_20190244_zhiye_peixun.txt", "x.txt"),
        (DOCUMENTS / "18_chongqing_gaojineng_shishi_yijian.txt", "y"), (SEED, "w")]]
    triples = to_rdf(resolve([extract(pipeline.read(s)) for s in sources]))
    with open(tmp_path / "spill", "w+b") as spill:
        writer = TurtleWriter(spill)
        for source in reversed(sources):
            writer.add(pipeline.build_one(source).rendered)
        with open(tmp_path / "out.ttl", "wb") as out:
            writer.write(out)
    assert (tmp_path / "out.ttl").read_text(encoding="utf-8") == to_turtle(triples)
    assert writer.triples == len(set(triples))


def test_one_named_graph_per_document_in_nquads_and_trig(tmp_path: Path):
    wuhan = DOCUMENTS / "19_wuhan_rsj_jineng_dashi_gongzuoshi_2023.txt"
    result = run("build", str(SEED), str(wuhan), "--out", str(tmp_path), "--no-page", "--named-graphs")
    assert result.returncode == 0, result.stderr
    for fmt in ("nq", "trig"):
        assert run("export", "--format", fmt, "--graph", str(tmp_path / "skillgraph.ttl"), "--out",
                   str(tmp_path / f"all.{fmt}")).returncode == 0
    def graphs(path: Path) -> dict[str, set]:
        found: dict[str, set] = {}
        for q in ox.parse(path=str(path)):
            found.setdefault("" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value, set()).add(q.triple)
        return found

    quads = graphs(tmp_path / "all.nq")
    assert quads == graphs(tmp_path / "all.trig")
    seed, other = (f"https://w3id.org/skillgraph/id/doc/{p.name}" for p in (SEED, wuhan))
    assert set(quads) == {"", seed, other}
    built = ox.Store()
    built.load(path=str(tmp_path / "skillgraph.ttl"))  # decimals in the store's canonical form, as exported
    merged = {q.triple for q in built}
    assert quads[""] == merged  # the merged view, as built
    agency = ox.NamedNode("https://w3id.org/skillgraph/id/agency/咸阳市人力资源和社会保障局")
    assert ox.Triple(agency, ox.NamedNode(str(rdflib.RDF.type)), ox.NamedNode(SG.Agency)) in quads[seed]
    assert not any(t.subject.value.startswith(other) for t in quads[seed])  # nothing of the other reply
    assert quads[seed] | quads[other] == merged  # together, what all say


def test_a_rebuild_reads_only_changed_documents_and_removed_ones_leave_the_graph(tmp_path: Path):
    docs, out = tmp_path / "docs", tmp_path / "out"
    docs.mkdir()
    names = sorted(p.name for p in DOCUMENTS.glob("*.txt"))[:4]
    for name in names:
        shutil.copy(DOCUMENTS / name, docs)
    assert "unchanged" not in run("build", str(docs), "--out", str(out), "--no-page").stdout
    changed = docs / names[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("技能", "技术技能", 1), encoding="utf-8")
    (docs / names[1]).unlink()
    result = run("build", str(docs), "--out", str(out), "--no-page")
    assert "documents: 3 read, 0 failed; 2 unchanged since the last build" in result.stdout
    assert names[1] not in replies(out / "skillgraph.ttl")
    assert len(list((out / ".skillgraph-cache").iterdir())) == 3  # the removed document's entry went with it
    fresh = run("build", str(docs), "--out", str(tmp_path / "fresh"), "--no-page", "--no-cache")
    assert "unchanged" not in fresh.stdout
    assert (out / "skillgraph.ttl").read_bytes() == (tmp_path / "fresh" / "skillgraph.ttl").read_bytes()


def test_a_new_pipeline_version_invalidates_the_cache(tmp_path: Path):
    from skillgraph.cache import Cache

    collected = pipeline.collect([SEED])
    for version, unchanged in (("one", 0), ("one", 1), ("two", 0)):  # a lexicon or code edit makes a new version
        report = pipeline.build(collected, TurtleWriter(), cache=Cache(tmp_path, version))
        assert (report.documents, report.unchanged) == (1, unchanged)


def test_why_prints_the_evidence_of_a_merge():
    result = run("why", "id:agency/武汉市人力资源和社会保障局", "--graph", str(ROOT / "output" / "skillgraph.ttl"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith("one node for 2 documents")
    assert "  id:doc/14_wuhan_rsj_20190244_zhiye_peixun.txt" in lines
    assert any(line.startswith("    市人社局 at 225: 市人社局也先后制定了《武汉市职业培训管理暂行办法》") for line in lines)
    assert_user_error(run("why", "id:agency/无此机构", "--graph", str(ROOT / "output" / "skillgraph.ttl")),
                      "no node", "skillgraph query")


def test_corrections_written_with_curate_are_applied_by_every_build(tmp_path: Path):
    wuhan = DOCUMENTS / "14_wuhan_rsj_20190244_zhiye_peixun.txt"
    build = ("build", str(SEED), str(wuhan), "--out", str(tmp_path / "out"), "--no-page")
    assert run(*build).returncode == 0  # first without corrections: the cache must not keep them out later
    graph, file = str(tmp_path / "out" / "skillgraph.ttl"), str(tmp_path / "curation.yaml")
    winner, signer = "id:person/competition/第二届全国乡村振兴职业技能大赛/杨婉洁", "id:person/agency/咸阳市人力资源和社会保障局/李卫东"
    for kind, *values in (("rename", winner, "杨婉婕"), ("remove", signer),
                          ("merge", "id:agency/咸阳市人力资源和社会保障局", "id:agency/武汉市人力资源和社会保障局"),
                          ("add", "id:agency/咸阳市人力资源和社会保障局", "rdfs:comment", '"核对过"')):
        result = run("curate", kind, *values, "--file", file, "--graph", graph)
        assert result.returncode == 0 and "added to" in result.stdout, result.stderr
    assert_user_error(run("curate", "remove", "id:doc/x/person/无人", "--file", file, "--graph", graph), "no node")
    assert run(*build, "--curation", file).returncode == 0
    g = rdflib.Graph().parse(graph)
    id_ = rdflib.Namespace("https://w3id.org/skillgraph/id/")
    renamed, xianyang = id_[winner.removeprefix("id:")], id_["agency/咸阳市人力资源和社会保障局"]
    assert str(g.value(renamed, rdflib.RDFS.label)) == "杨婉婕"
    assert "杨婉洁" in {str(o) for o in g.objects(renamed, rdflib.SKOS.altLabel)}
    assert (id_[signer.removeprefix("id:")], None, None) not in g
    assert (None, None, id_[signer.removeprefix("id:")]) not in g
    assert (id_["agency/武汉市人力资源和社会保障局"], None, None) not in g
    assert "武汉市人力资源和社会保障局" in {str(o) for o in g.objects(xianyang, rdflib.SKOS.altLabel)}
    assert str(g.value(xianyang, rdflib.RDFS.comment)) == "核对过"
    assert {renamed, xianyang} <= set(g.subjects(rdflib.namespace.PROV.wasDerivedFrom, id_["curation"]))
    (tmp_path / "bad.yaml").write_text("- merge: just-one\n", encoding="utf-8")
    assert_user_error(run(*build, "--curation", str(tmp_path / "bad.yaml")), "bad.yaml", "entry 1")


def test_shards_built_apart_and_merged_write_the_bytes_of_one_build(tmp_path: Path):
    for k in ("1", "2"):
        result = run("build", str(DOCUMENTS), "--out", str(tmp_path / k), "--shard", f"{k}/2", "--no-page", "--quiet")
        assert result.returncode == 0, result.stderr
        assert f"documents: {14} read" in result.stdout
    merged = run("merge", str(tmp_path / "1" / "skillgraph.nq"), str(tmp_path / "2" / "skillgraph.nq"),
                 "--out", str(tmp_path / "all"), "--no-page")
    assert merged.returncode == 0, merged.stderr
    assert "documents: 28 from 2 shards" in merged.stdout
    assert (tmp_path / "all" / "skillgraph.ttl").read_bytes() == (ROOT / "output" / "skillgraph.ttl").read_bytes()
    assert run("build", "--shard", "3/2").returncode == 2


def test_a_dask_cluster_builds_the_same_bytes(tmp_path: Path):
    import distributed  # the optional extra `dask`; the test extra installs it
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in sorted(p.name for p in DOCUMENTS.glob("*.txt"))[:3]:
        shutil.copy(DOCUMENTS / name, docs)
    local = run("build", str(docs), "--out", str(tmp_path / "local"), "--no-page", "--jobs", "1")
    assert local.returncode == 0, local.stderr
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        on_cluster = run("build", str(docs), "--out", str(tmp_path / "dask"), "--no-page", "--executor", "dask",
                         "--scheduler", cluster.scheduler_address)
    assert on_cluster.returncode == 0, on_cluster.stderr
    assert (tmp_path / "dask" / "skillgraph.ttl").read_bytes() == (tmp_path / "local" / "skillgraph.ttl").read_bytes()
    assert_user_error(run("build", str(docs), "--out", str(tmp_path / "x"), "--executor", "dask"), "--scheduler")
