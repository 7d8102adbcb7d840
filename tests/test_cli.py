"""The command line, through its real entry point: what users run, what they see on bad input."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKILLGRAPH = Path(sys.executable).parent / "skillgraph"
SEED = ROOT / "data" / "documents" / "000_425f8ebd1574510b.txt"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(SKILLGRAPH), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def assert_user_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = run("build", str(SEED), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / "skillgraph.ttl"


def test_build_prints_a_summary_and_writes_turtle_and_html(built: Path):
    assert built.exists() and built.with_suffix(".html").exists()
    result = run("build", str(SEED), "--out", str(built.parent))
    assert "documents: 1 read, 0 failed" in result.stdout
    assert "Agency" in result.stdout and "statistics: 15" in result.stdout and "triples:" in result.stdout


def test_every_command_has_help_with_an_example():
    for command in ("build", "text", "query", "queries", "export", "validate", "eval", "view", "serve"):
        result = run(command, "--help")
        assert result.returncode == 0 and "example:" in result.stdout, command


def test_query_named_and_formats(built: Path):
    result = run("query", "--name", "figures", "--graph", str(built), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "5413" in result.stdout and "人次" in result.stdout
    result = run("query", "SELECT ?l WHERE { ?a a sg:Agency ; rdfs:label ?l }", "--graph", str(built), "--format", "tsv")
    assert "咸阳市人力资源和社会保障局" in result.stdout


def test_validate_and_export(built: Path, tmp_path: Path):
    assert run("validate", "--graph", str(built)).returncode == 0
    out = tmp_path / "g.nt"
    assert run("export", "--format", "nt", "--graph", str(built), "--out", str(out)).returncode == 0
    assert "杨婉洁" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- bad input


def test_missing_document(tmp_path: Path):
    assert_user_error(run("build", str(tmp_path / "nope.txt"), "--out", str(tmp_path)), "nope.txt", "no such file")


@pytest.mark.parametrize("content, words", [(b"", "empty"), (b"\x00\x01\x02binary", "binary"),
                                            (b"\x81\x30\xff\xfe caf\xe9", "UTF-8")])
def test_unusable_documents_are_reported_and_the_others_still_built(tmp_path: Path, content: bytes, words: str):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    result = run("build", str(bad), str(SEED), "--out", str(out))
    assert_user_error(result, "bad.txt", words)
    assert "documents: 1 read, 1 failed" in result.stdout
    assert "杨婉洁" in (out / "skillgraph.ttl").read_text(encoding="utf-8")


def test_a_failed_build_leaves_earlier_outputs_intact(built: Path, tmp_path: Path):
    before = built.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_user_error(run("build", str(empty), "--out", str(built.parent)), "empty")
    assert built.read_bytes() == before
    assert not [p for p in built.parent.iterdir() if p.name.endswith(".tmp")]


def test_malformed_sparql_names_the_position(built: Path):
    result = run("query", "SELECT ?x WHERE { ?x a sg:Agency", "--graph", str(built))
    assert_user_error(result, "1:")


def test_unknown_named_query_lists_the_names(built: Path):
    assert_user_error(run("query", "--name", "nope", "--graph", str(built)), "nope", "figures")


def test_unknown_format_and_missing_option():
    result = run("export", "--format", "xlsx")
    assert result.returncode == 2 and "invalid choice" in result.stderr and "graphml" in result.stderr
    result = run("export")
    assert result.returncode == 2 and "--format" in result.stderr


def test_missing_graph_says_to_build_first(tmp_path: Path):
    assert_user_error(run("query", "--name", "figures", "--graph", str(tmp_path / "none.ttl")), "none.ttl", "build")


def test_no_query_given(built: Path):
    assert_user_error(run("query", "--graph", str(built)), "--name")


def test_offsets_of_an_html_page_count_in_its_text_as_printed(tmp_path: Path):
    page = tmp_path / "reply.html"
    page.write_text("<html><body><div class='nav'>首页</div><p>张卫婷委员:</p><p>您提出的《关于大力发展职业教育的建议》收悉。</p>"
                    "<p>咸阳市人力资源和社会保障局</p><p>2025年5月22日</p></body></html>", encoding="utf-8")
    assert run("build", str(page), "--out", str(tmp_path)).returncode == 0
    text = run("text", str(page)).stdout
    import rdflib

    graph = rdflib.Graph().parse(tmp_path / "skillgraph.ttl")
    sg = rdflib.Namespace("https://w3id.org/skillgraph/ontology#")
    anchors = list(graph.subjects(rdflib.RDF.type, sg.Mention))
    assert anchors
    for m in anchors:
        begin, end = int(graph.value(m, sg.beginIndex)), int(graph.value(m, sg.endIndex))
        assert text[begin:end] == str(graph.value(m, sg.anchorOf))


def test_view_draws_a_construct_slice(built: Path, tmp_path: Path):
    out = tmp_path / "slice.html"
    query = "CONSTRUCT { ?c ?p ?o } WHERE { ?c a sg:Competition ; ?p ?o }"
    result = run("view", "--graph", str(built), "--query", query, "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "咸阳市第一届职业技能大赛" in page and "张卫婷" not in page
    assert_user_error(run("view", "--graph", str(built), "--query", "SELECT * WHERE { ?s ?p ?o }",
                          "--out", str(out)), "CONSTRUCT")
