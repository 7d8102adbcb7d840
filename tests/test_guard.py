"""The checks a query's text passes before the engine sees it, and `skillgraph query` on hostile queries."""
import subprocess
import sys
from pathlib import Path

import pytest

from skillgraph.errors import UserError
from skillgraph.guard import MAX_TERMS, check_query, paged, shape
from skillgraph.store import named_queries

ROOT = Path(__file__).resolve().parents[1]
SKILLGRAPH = Path(sys.executable).parent / "skillgraph"
NESTED = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000


def test_shape_reads_strings_iris_and_comments_as_the_grammar_does():
    query = """SELECT ?s WHERE { ?s rdfs:label "{{{ SERVICE" ; sg:x\\#y <https://e.org/a#b> . # { SERVICE
               ?s ?p '''multi
               line { '''@zh-Hans } """
    found = shape(query)
    assert found.depth == 1
    assert found.bare_words == ("select", "where")
    assert found.terms == 11


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 1SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p trueSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x.SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s sg:a\\# ?o . SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p '''a''' SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_service_in_any_spelling_is_refused(query: str):
    with pytest.raises(UserError, match="SERVICE"):
        check_query(query)


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?s sg:service ?service ; rdfs:label 'SERVICE' }",
    "SELECT * WHERE { ?s <https://example.org/service> ?o } # SERVICE",
])
def test_the_word_service_elsewhere_is_fine(query: str):
    check_query(query)


@pytest.mark.parametrize("query", ["LOAD <http://127.0.0.1:9/x>", "insert data { <a:b> <a:c> 1 }",
                                   "CLEAR ALL", "DROP GRAPH <a:b>"])
def test_updates_are_refused(query: str):
    with pytest.raises(UserError, match="read-only"):
        check_query(query)


def test_depth_and_size_limits():
    with pytest.raises(UserError, match="3000 levels deep"):
        check_query(NESTED)
    patterns = " ".join(f"?s <https://example.org/p{i}> ?o{i} ." for i in range(MAX_TERMS))
    with pytest.raises(UserError, match="terms"):
        check_query(f"SELECT * WHERE {{ {patterns} }}")


def test_named_queries_pass():
    for query in named_queries().values():
        check_query(query.text)


def test_cli_query_refuses_what_would_crash_it():
    built = ROOT / "output" / "skillgraph.ttl"
    result = subprocess.run([str(SKILLGRAPH), "query", NESTED, "--graph", str(built)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("skillgraph: error: the query nests") and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_paged_appends_limit_and_offset():
    assert paged("SELECT * WHERE { ?s ?p ?o }", None, None) == "SELECT * WHERE { ?s ?p ?o }"
    assert paged("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s\n", 10, 20).endswith("ORDER BY ?s\nLIMIT 10 OFFSET 20\n")
    assert paged("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 } }", 2, None).endswith("LIMIT 2\n")
    with pytest.raises(UserError, match="its own LIMIT"):
        paged("SELECT * WHERE { ?s ?p ?o } LIMIT 5", 10, None)


def test_cli_pages_a_named_query():
    built = str(ROOT / "output" / "skillgraph.ttl")

    def rows(*args: str) -> list[str]:
        result = subprocess.run([str(SKILLGRAPH), "query", "--name", "figures", "--graph", built, "--format", "csv",
                                 *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()[1:]

    everything = rows()
    assert len(everything) > 10
    assert rows("--limit", "5") == everything[:5]
    assert rows("--limit", "5", "--offset", "5") == everything[5:10]
    bad = subprocess.run([str(SKILLGRAPH), "query", "--name", "figures", "--graph", built, "--limit", "0"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "positive whole number" in bad.stderr
