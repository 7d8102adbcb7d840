"""`build` hands its store the graph as TriG in the store's layout, written with the Turtle:
the store holds exactly what it holds when made from the Turtle (`store.quads`), and the
Turtle is not parsed again."""
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph import cli, pipeline, store
from skillgraph.cache import Cache
from skillgraph.turtle import TrigParts, TurtleWriter, block, render
from skillgraph.vocab import ID, RDFS, SG

SKILLGRAPH = Path(sys.executable).parent / "skillgraph"


def dataset_of(quads) -> ox.Dataset:
    """Quads as a dataset, blank nodes canonical (the ontology's lists get new labels at each load)."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def with_dataset() -> tuple[TurtleWriter, io.BytesIO]:
    """A writer that writes its TriG into the stream beside it."""
    trig = io.BytesIO()
    return TurtleWriter(dataset=TrigParts(lambda: trig)), trig


def written(writer: TurtleWriter, trig: io.BytesIO) -> tuple[bytes, bytes]:
    turtle = io.BytesIO()
    writer.write(turtle)
    return turtle.getvalue(), trig.getvalue()


def test_the_trig_holds_the_turtles_triples_in_the_stores_graphs(corpus_triples: list):
    writer, trig = with_dataset()
    by_document: dict[str, list[ox.Triple]] = {}
    for t in corpus_triples:  # each document's own subjects rendered as a build renders them
        by_document.setdefault(store._document_of(t.subject) or "", []).append(t)
    for doc, triples in sorted(by_document.items()):
        writer.add(render(triples, doc or None))
    turtle, trig = written(writer, trig)
    from_trig = set(ox.parse(trig, format=ox.RdfFormat.TRIG))
    expected = set(store.quads(ox.parse(turtle, format=ox.RdfFormat.TURTLE)))
    assert from_trig == expected
    assert len(from_trig) == writer.triples == len(set(corpus_triples))


def test_a_shared_subject_is_split_by_the_documents_its_objects_belong_to():
    agency, d1, d2 = ox.NamedNode(ID + "agency/甲局"), ID + "doc/d1", ID + "doc/d2"
    mention = ox.NamedNode(SG + "mention")
    writer, trig = with_dataset()
    for doc in (d1, d2):
        writer.add(render([ox.Triple(agency, ox.NamedNode(RDFS + "label"), ox.Literal("甲局", language="zh")),
                           ox.Triple(agency, mention, ox.NamedNode(doc + "/mention/0-2")),
                           ox.Triple(ox.NamedNode(doc), ox.NamedNode(SG + "issuedBy"), agency),
                           ox.Triple(ox.NamedNode(d1 + "/x"), ox.NamedNode(SG + "about"), ox.NamedNode(doc))], doc))
    turtle, trig = written(writer, trig)
    graphs = {(q.predicate.value.rpartition("#")[2], q.object.value.rpartition("/")[2], q.graph_name.value.rpartition("/")[2])
              for q in ox.parse(trig, format=ox.RdfFormat.TRIG) if q.subject == agency}
    assert graphs == {("label", "甲局", "shared"), ("mention", "0-2", "d1"), ("mention", "0-2", "d2")}
    assert set(ox.parse(trig, format=ox.RdfFormat.TRIG)) == set(store.quads(ox.parse(turtle, format=ox.RdfFormat.TURTLE)))


def test_no_dataset_no_change():
    triples = [ox.Triple(ox.NamedNode(ID + "doc/d1"), ox.NamedNode(RDFS + "label"), ox.Literal("x")),
               ox.Triple(ox.NamedNode(ID + "agency/a"), ox.NamedNode(RDFS + "label"), ox.Literal("a"))]
    writer, trig = with_dataset()
    alone = TurtleWriter()
    for w in (writer, alone):
        w.add(render(triples, ID + "doc/d1"))
    turtle, _ = written(writer, trig)
    assert written(alone, io.BytesIO())[0] == turtle


def test_build_loads_the_same_store_as_the_turtle_gives(tmp_path: Path, documents_dir: Path):
    out = tmp_path / "out"
    paths = [str(p) for p in sorted(documents_dir.iterdir())[:6]]
    result = subprocess.run([str(SKILLGRAPH), "build", *paths, "--out", str(out), "--no-page", "--quiet", "--jobs", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [".skillgraph-cache", ".skillgraph.lock", "skillgraph.ttl", "store"]
    reference = tmp_path / "reference"
    count = store.load_db(out / "skillgraph.ttl", reference)  # the Turtle parsed, as `skillgraph load` does
    built, parsed = ox.Store.read_only(str(out / "store")), ox.Store.read_only(str(reference))
    assert dataset_of(built) == dataset_of(parsed)
    assert count == int(result.stdout.rpartition("triples: ")[2].split()[0])
    assert (out / "store" / store.STAMP).read_bytes() == (reference / store.STAMP).read_bytes()


def loaded(parts: list[bytes], db: Path, graph: Path) -> int:
    """Parts of TriG loaded into a store as `build` loads them; the number of quads besides the ontology."""
    with store.StoreLoader(db) as loader:
        for data in parts:
            part = loader.new_part()
            part.write(data)
            loader.load(part)
        loader.end()  # a loader process compacts the store now
        loader.finish(graph)
    made = ox.Store.read_only(str(db))
    return len(made) - sum(1 for _ in made.quads_for_pattern(None, None, None, store.ONTOLOGY_GRAPH))


def test_a_loaded_dataset_counts_its_triples(tmp_path: Path):
    writer, trig = with_dataset()
    writer.add(render([ox.Triple(ox.NamedNode(ID + "doc/d1"), ox.NamedNode(RDFS + "label"), ox.Literal("x")),
                       ox.Triple(ox.NamedNode(ID + "agency/a"), ox.NamedNode(RDFS + "label"), ox.Literal("a"))],
                      ID + "doc/d1"))
    turtle, trig = written(writer, trig)
    graph = tmp_path / "skillgraph.ttl"
    graph.write_bytes(turtle)
    assert loaded([trig], tmp_path / "store", graph) == 2
    assert {q.graph_name for q in ox.Store.read_only(str(tmp_path / "store"))} == {
        ox.NamedNode(ID + "doc/d1"), store.SHARED_GRAPH, store.ONTOLOGY_GRAPH}


def test_the_text_of_the_terms_renders_the_bytes_of_the_triples(documents_dir: Path):
    """A build renders each document from the text of its terms (`emit` with `TEXT`): the same
    Turtle as rendering its pyoxigraph triples, on every document."""
    from skillgraph.pipeline import Source, read
    from skillgraph.rdf import document_triples, emit
    from skillgraph.resolve import resolve_document
    from skillgraph.extractors import extract
    from skillgraph.turtle import TEXT, render_text

    for path in sorted(documents_dir.iterdir()):
        resolved = resolve_document(extract(read(Source(path, path.name))))
        own = ID + "doc/" + path.name
        assert render_text(emit(resolved, TEXT), own) == render(document_triples(resolved), own), path.name


def test_text_terms_are_the_writers_terms():
    from skillgraph.turtle import TEXT, term
    from skillgraph.vocab import XSD

    for value in ['a "quoted" \\ line', "two\nlines\r\n", 'ends with "', "", "咸阳市"]:
        assert TEXT.literal(value) == term(ox.Literal(value))
        assert TEXT.literal(value, language="zh") == term(ox.Literal(value, language="zh"))
    for value, datatype in [("16000.0", "decimal"), ("0.50", "decimal"), ("12", "integer"), ("2024", "gYear"),
                            ("true", "boolean"), ("x", "string")]:
        assert TEXT.literal(value, datatype=XSD + datatype) == term(ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)))
    for iri in [ID + "agency/甲局", SG + "Agency", RDFS + "label", "http://example.org/x"]:
        assert TEXT.node(iri) == term(ox.NamedNode(iri))


def test_the_trig_in_parts_holds_the_same_quads_and_loads_the_same_store(corpus_triples: list, tmp_path: Path):
    """Parts of about `part_bytes` each, every one whole TriG on its own: together the quads
    of one stream, and the store loaded part by part is the store loaded at once."""
    parts: list[io.BytesIO] = []
    handed: list[io.BytesIO] = []  # the parts handed over, when they were
    (writer, trig), in_parts = with_dataset(), TurtleWriter(
        dataset=TrigParts(lambda: parts.append(io.BytesIO()) or parts[-1], 50_000, handed.append))
    largest = 0  # bytes of the largest document's blocks: a document's blocks go into one part
    for doc, triples in sorted(_by_document(corpus_triples).items()):
        rendered = render(triples, doc or None)
        largest = max(largest, sum(len(data) for _, data in rendered.own)
                      + sum(len(block(*entry).encode()) for entry in rendered.shared.values()))
        for w in (writer, in_parts):
            w.add(rendered)
    assert 0 < len(handed) < len(parts)  # the documents' blocks are handed over as they come

    class Turtle(io.BytesIO):  # notes the parts handed over when the Turtle's first bytes are written
        handed_before = -1

        def write(self, data) -> int:  # type: ignore[no-untyped-def, override]
            if self.handed_before < 0:
                self.handed_before = len(handed)
            return super().write(data)

    turtle, trig = written(writer, trig)
    in_parts.write(turtle_of_parts := Turtle())
    assert turtle_of_parts.getvalue() == turtle
    assert handed == parts and len(parts) > 10
    assert turtle_of_parts.handed_before == len(parts)  # the last part, too, is loaded while the Turtle is written
    assert all(0 < len(p.getvalue()) < 50_000 + largest + 1_000 for p in parts[:-1])
    quads = [q for p in parts for q in ox.parse(p.getvalue(), format=ox.RdfFormat.TRIG)]
    assert len(quads) == len(set(quads)) and set(quads) == set(ox.parse(trig, format=ox.RdfFormat.TRIG))
    graph = tmp_path / "skillgraph.ttl"
    graph.write_bytes(turtle)
    assert loaded([p.getvalue() for p in parts], tmp_path / "parts", graph) == loaded([trig], tmp_path / "one", graph)
    assert dataset_of(ox.Store.read_only(str(tmp_path / "parts"))) == dataset_of(ox.Store.read_only(str(tmp_path / "one")))


def _by_document(triples: list) -> dict[str, list]:
    by_document: dict[str, list] = {}
    for t in triples:
        by_document.setdefault(store._document_of(t.subject) or "", []).append(t)
    return by_document


GOOD_PART = f'<{ID}doc/d1> {{ <{ID}doc/d1> <{RDFS}label> "new" . }}\n'.encode()
LOADED = {"here": [], "by a loader process": [GOOD_PART]}  # parts before the last: one part is loaded in this process


@pytest.mark.parametrize("before", LOADED.values(), ids=LOADED.keys())
def test_a_store_loader_left_unfinished_leaves_the_old_store(tmp_path: Path, before: list[bytes]):
    """A build stopped while its store loads (an error, Ctrl-C): the new store is removed, the
    one before stays as it was."""
    graph = tmp_path / "skillgraph.ttl"
    graph.write_text(f'<{ID}doc/d1> <{RDFS}label> "old" .\n', encoding="utf-8")
    db = tmp_path / "store"
    store.load_db(graph, db)
    before_store = dataset_of(ox.Store.read_only(str(db)))
    with pytest.raises(KeyboardInterrupt), store.StoreLoader(db) as loader:
        for data in [*before, GOOD_PART]:
            part = loader.new_part()
            part.write(data)
            loader.load(part)
        loader.end()
        raise KeyboardInterrupt
    assert dataset_of(ox.Store.read_only(str(db))) == before_store
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skillgraph.ttl", "store"]


@pytest.mark.parametrize("before", LOADED.values(), ids=LOADED.keys())
def test_a_part_that_cannot_be_loaded_is_a_clear_error(tmp_path: Path, before: list[bytes]):
    graph = tmp_path / "skillgraph.ttl"
    graph.write_text("", encoding="utf-8")
    with pytest.raises(store.StoreNotWritten, match=r"cannot be written \(.*Parser error"):
        loaded([*before, b"<a> { not TriG"], tmp_path / "store", graph)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skillgraph.ttl"]


def test_a_rebuild_keeps_the_graphs_of_unchanged_documents_and_gives_the_same_store(tmp_path: Path, documents_dir: Path):
    """A rebuild after one document changed, one left and one came: the store keeps the other
    documents' graphs from the last build (its files linked, not loaded again) and holds
    exactly what a store made from the new Turtle holds."""
    folder, out = tmp_path / "documents", tmp_path / "out"
    folder.mkdir()
    paths = sorted(documents_dir.iterdir())
    for path in paths[:5]:
        (folder / path.name).write_bytes(path.read_bytes())

    def build() -> None:
        result = subprocess.run([str(SKILLGRAPH), "build", str(folder), "--out", str(out), "--no-page", "--quiet"],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr

    build()
    changed, gone = sorted(folder.iterdir())[:2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n市人社局将新建3个技能大师工作室。\n", encoding="utf-8")
    gone.unlink()
    (folder / paths[5].name).write_bytes(paths[5].read_bytes())
    collected = pipeline.collect([folder])
    keys = pipeline.cache_keys(collected.sources, False, Cache(out / cli.CACHE), None)
    now = {ID + "doc/" + s.doc_id: key for s, key in zip(collected.sources, keys)}
    assert store.documents_kept(out / "store", out / "skillgraph.ttl", now) == {
        ID + "doc/" + p.name for p in paths[2:5]}
    build()

    def same_as_reference() -> bool:
        reference = tmp_path / "reference"
        shutil.rmtree(reference, ignore_errors=True)
        store.load_db(out / "skillgraph.ttl", reference)
        return dataset_of(ox.Store.read_only(str(out / "store"))) == dataset_of(ox.Store.read_only(str(reference)))

    assert same_as_reference()
    assert store.documents_kept(out / "store", out / "skillgraph.ttl", now) == set(now)  # the next build keeps them all
    assert store.documents_kept(out / "store", out / "skillgraph.ttl", dict.fromkeys(now, "other")) == frozenset()
    # One document of five changed: too few to compact the store for; it still holds the same
    changed.write_text(changed.read_text(encoding="utf-8") + "\n省人社厅将新建2个技能大师工作室。\n", encoding="utf-8")
    build()
    assert same_as_reference()


def test_a_store_another_writer_holds_is_not_copied_but_made_anew(tmp_path: Path):
    graph = tmp_path / "skillgraph.ttl"
    graph.write_text(f'<{ID}doc/d1> <{RDFS}label> "old" .\n', encoding="utf-8")
    db = tmp_path / "store"
    store.load_db(graph, db)
    writer = ox.Store(str(db))  # holds the store's lock
    with store.StoreLoader(db, frozenset({ID + "doc/d1"})) as loader:
        assert loader.keep == frozenset()
    del writer
    with store.StoreLoader(db, frozenset({ID + "doc/d1"})) as loader:
        assert loader.keep == {ID + "doc/d1"}
