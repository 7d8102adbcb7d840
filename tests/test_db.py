"""The on-disk store: one named graph per document, made from the Turtle, remade when it is stale."""
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.errors import UserError
from skillgraph.store import (
    ONTOLOGY_GRAPH,
    SHARED_GRAPH,
    STAMP,
    load,
    load_db,
    named_queries,
    open_graph,
    quads,
    read_stamp,
    run_query,
    triples_of,
    write_db,
)
from skillgraph.turtle import to_turtle
from skillgraph.vocab import ID, PROV, RDFS, SG

from test_store import SAMPLE

SKILLGRAPH = Path(sys.executable).parent / "skillgraph"
D1, D2 = ID + "doc/d1", ID + "doc/d2"
HRSS = ox.NamedNode(ID + "agency/咸阳市人力资源和社会保障局")
EXTRA = '<https://w3id.org/skillgraph/id/doc/d3> a <https://w3id.org/skillgraph/ontology#Reply> .\n'


def skillgraph(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SKILLGRAPH), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "skillgraph.ttl"
    path.parent.mkdir()
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def opened(graph: Path | None = None, db: Path | None = None) -> tuple[ox.Store, list[str]]:
    notes: list[str] = []
    return open_graph(graph, db, note=notes.append), notes


def graph_of(store: ox.Store, s: ox.NamedNode, p: str, o) -> set[str]:
    return {q.graph_name.value for q in store.quads_for_pattern(s, ox.NamedNode(p), o, None)}


def ask(store: ox.Store, sparql: str) -> bool:
    return bool(run_query(store, sparql).boolean)


# --- which graph a triple goes to ----------------------------------------------------------


def test_a_triple_goes_to_its_documents_graph_or_to_shared(graph: Path):
    triples = list(ox.parse(path=graph, format=ox.RdfFormat.TURTLE))
    by_triple = {q.triple: q.graph_name.value for q in quads(triples)}
    assert len(by_triple) == len(triples)  # each triple in one graph
    store = ox.Store()
    store.extend(quads(triples))
    person = ox.NamedNode(D1 + "/person/李卫东")
    assert graph_of(store, person, RDFS + "label", None) == {D1}
    assert graph_of(store, ox.NamedNode(D2), SG + "issuedBy", None) == {D2}
    # a shared agency: what ties it to a document lives in that document's graph, its names in id:shared
    assert graph_of(store, HRSS, PROV + "wasDerivedFrom", None) == {D1, D2}
    assert graph_of(store, HRSS, SG + "mention", None) == {D1}
    assert graph_of(store, HRSS, RDFS + "label", None) == {SHARED_GRAPH.value}


# --- making the store ------------------------------------------------------------------------


def test_the_store_is_made_beside_the_graph_once(graph: Path):
    store, notes = opened(graph)
    db = graph.parent / "store"
    assert notes == [f"loading {graph} into the store {db} (once)"]
    assert read_stamp(db).source == str(graph.resolve())
    names = {g.value for g in store.named_graphs()}
    assert names == {D1, D2, SHARED_GRAPH.value, ONTOLOGY_GRAPH.value}
    assert ask(store, "ASK { GRAPH id:doc\\/d2 { ?m a sg:Measure } }")
    assert ask(store, "ASK { sg:Agency rdfs:label ?l }")  # the ontology answers too
    again, notes = opened(graph)
    assert notes == [] and len(again) == len(store)


def test_every_named_query_gives_the_rows_of_the_graph_in_memory(corpus_triples: list, tmp_path: Path):
    graph = tmp_path / "skillgraph.ttl"
    graph.write_text(to_turtle(corpus_triples), encoding="utf-8")
    on_disk, in_memory = open_graph(graph), load([graph])
    for query in named_queries().values():
        rows = run_query(on_disk, query.text).rows
        assert rows == run_query(in_memory, query.text).rows, query.name
        assert rows, query.name


def test_the_triples_of_a_store_are_the_graphs_without_the_ontology(graph: Path):
    store, _ = opened(graph)
    assert set(triples_of(store)) == set(triples_of(load([graph])))  # both keep literals canonical (9.0 is 9)


def test_build_writes_the_store(tmp_path: Path, documents_dir: Path):
    out = tmp_path / "out"
    result = skillgraph("build", str(documents_dir / "000_425f8ebd1574510b.txt"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    stamp = read_stamp(out / "store")
    assert stamp and stamp.size == (out / "skillgraph.ttl").stat().st_size
    result = skillgraph("query", "--graph", str(out / "skillgraph.ttl"), "ASK { ?r a sg:Reply }")
    assert (result.stdout, result.stderr) == ("true\n", "")  # current: opened, not loaded again
    exported = skillgraph("export", "--format", "ttl", "--db", str(out / "store"))
    assert exported.stdout == (out / "skillgraph.ttl").read_text(encoding="utf-8")
    validated = skillgraph("validate", "--db", str(out / "store"))
    assert (validated.returncode, validated.stdout) == (0, "Conforms.\n")


def test_load_command(graph: Path, tmp_path: Path):
    db = tmp_path / "elsewhere"
    result = skillgraph("load", str(graph), "--db", str(db))
    assert result.returncode == 0, result.stderr
    count = len(list(ox.parse(path=graph, format=ox.RdfFormat.TURTLE)))
    assert result.stdout == f"loaded {count} triples of {graph} into {db}\n"
    result = skillgraph("query", "--db", str(db), "SELECT (COUNT(*) AS ?n) WHERE { GRAPH id:doc\\/d1 { ?s ?p ?o } }")
    assert result.returncode == 0 and result.stderr == ""


# --- stale, moved, missing ----------------------------------------------------------------------


def test_a_changed_graph_is_loaded_again(graph: Path):
    opened(graph)
    with open(graph, "a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    store, notes = opened(graph)
    assert notes == [f"{graph} changed since its store {graph.parent / 'store'} was made; loading it again"]
    assert ask(store, "ASK { id:doc\\/d3 a sg:Reply }")


def test_the_same_bytes_at_another_time_or_place_are_not_loaded_again(graph: Path, tmp_path: Path):
    opened(graph)
    later = time.time() + 60
    os.utime(graph, (later, later))
    _, notes = opened(graph)
    assert notes == []
    assert read_stamp(graph.parent / "store").mtime_ns == graph.stat().st_mtime_ns  # not hashed again
    moved = tmp_path / "moved"
    graph.parent.rename(moved)
    store, notes = opened(moved / "skillgraph.ttl")
    assert notes == [] and ask(store, "ASK { ?r a sg:Reply }")


def test_a_store_of_another_graph_is_loaded_again(graph: Path, tmp_path: Path):
    db = tmp_path / "db"
    load_db(graph, db)
    other = tmp_path / "other.ttl"
    other.write_text(SAMPLE + EXTRA, encoding="utf-8")
    store, notes = opened(other, db)
    assert notes == [f"the store {db} holds {graph.resolve()}; loading {other} into it instead"]
    assert ask(store, "ASK { id:doc\\/d3 a sg:Reply }")


def test_db_alone_follows_its_graph_and_outlives_it(graph: Path, tmp_path: Path):
    db = tmp_path / "db"
    load_db(graph, db)
    with open(graph, "a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    store, notes = opened(db=db)
    assert len(notes) == 1 and ask(store, "ASK { id:doc\\/d3 a sg:Reply }")
    graph.unlink()
    store, notes = opened(db=db)
    assert notes == [] and ask(store, "ASK { id:doc\\/d3 a sg:Reply }")


def test_db_without_a_store(tmp_path: Path):
    with pytest.raises(UserError, match=re.escape("holds no store; make one with `skillgraph load GRAPH.ttl --db")):
        open_graph(db=tmp_path / "nothing")


def test_a_folder_that_is_not_a_store_is_left_alone(graph: Path, tmp_path: Path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UserError, match="holds no store; pass --db a new folder"):
        open_graph(graph, folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_where_no_store_can_be_written_the_graph_is_read(graph: Path, tmp_path: Path):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    store, notes = opened(graph, blocked / "store")
    assert len(notes) == 2 and notes[1].startswith(f"no store can be made in {blocked / 'store'}")
    assert notes[1].endswith(f"; reading {graph} instead")
    assert ask(store, "ASK { ?r a sg:Reply }")


def test_a_malformed_graph_leaves_no_half_store(graph: Path):
    graph.write_text(SAMPLE + "<a> <b> .\n", encoding="utf-8")
    with pytest.raises(UserError, match=rf"{graph}:\d+:\d+: not valid Turtle"):
        open_graph(graph)
    assert list(graph.parent.iterdir()) == [graph]


# --- another process ------------------------------------------------------------------------------

HOLD = "import sys, time, pyoxigraph as ox; s = ox.Store(sys.argv[1]); print('open', flush=True); time.sleep(60)"


def test_a_store_held_by_another_process_is_read_and_replaced(graph: Path):
    opened(graph)
    db = graph.parent / "store"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout and holder.stdout.readline() == "open\n"  # holds the store's lock, as `serve` does
        store, notes = opened(graph)
        assert notes == [] and ask(store, "ASK { ?r a sg:Reply }")
        with open(graph, "a", encoding="utf-8") as fh:
            fh.write(EXTRA)
        store, notes = opened(graph)
        assert len(notes) == 1 and ask(store, "ASK { id:doc\\/d3 a sg:Reply }")
    finally:
        holder.kill()
        holder.wait()


def test_write_db_counts_and_stamps(graph: Path, tmp_path: Path):
    triples = list(ox.parse(path=graph, format=ox.RdfFormat.TURTLE))
    db = tmp_path / "db"
    assert write_db(triples, db, graph) == len(triples)
    assert (db / STAMP).exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary folder left


def test_named_graphs_come_from_the_nq_beside_the_graph_when_there_is_one(graph: Path, tmp_path: Path):
    store, _ = opened(graph)
    assert isinstance(store, ox.Store) and (graph.parent / "store" / "CURRENT").exists()
    assert open_graph(graph, named_graphs=True).named_graphs  # no .nq: the store, its graphs as it lays them out
    nq = graph.with_suffix(".nq")
    nq.write_text(f"<{D1}> <{RDFS}label> \"d1\" <{D1}> .\n", encoding="utf-8")
    for store in (open_graph(graph, named_graphs=True), open_graph(db=graph.parent / "store", named_graphs=True)):
        assert {g.value for g in store.named_graphs()} == {D1}  # the build's graphs, with the Turtle as default
        assert ask(store, "ASK { GRAPH id:doc\\/d1 { ?s rdfs:label \"d1\" } }")
    assert not ask(open_graph(graph), "ASK { ?s rdfs:label \"d1\" }")  # the other commands never read it


def test_export_nq_reads_the_graphs_of_the_build(graph: Path):
    opened(graph)  # the store, which --db alone names
    graph.with_suffix(".nq").write_text(f"<{D1}> <{RDFS}label> \"d1\" <{D1}> .\n", encoding="utf-8")
    result = skillgraph("export", "--format", "nq", "--graph", str(graph))
    assert result.returncode == 0, result.stderr
    assert f"<{D1}> <{RDFS}label> \"d1\" <{D1}> .\n" in result.stdout
    result = skillgraph("export", "--format", "nq", "--db", str(graph.parent / "store"))
    assert f"<{D1}> <{RDFS}label> \"d1\" <{D1}> .\n" in result.stdout
