"""Loading graphs, running queries, formatting results, and the named queries."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from skillgraph.errors import UserError
from skillgraph.store import (
    FORMATS,
    display_width,
    execute,
    format_result,
    from_rdflib,
    load,
    named_queries,
    named_query,
    read_query_file,
    run_query,
    show_term,
    to_rdflib,
    unknown_prefixes,
    write_result,
)

# Two replies written as docs/rdf-model.md says the pipeline writes them.
SAMPLE = """\
@base <https://w3id.org/skillgraph/id/> .
@prefix sg: <https://w3id.org/skillgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<doc/d1> a sg:Reply ;
    rdfs:label "咸人社函〔2025〕140号"@zh ;
    sg:documentNumber "咸人社函〔2025〕140号" ;
    sg:date "2025-05-22"^^xsd:date ;
    sg:issuedBy <agency/咸阳市人力资源和社会保障局> ;
    sg:signedBy <doc/d1/person/李卫东> ;
    sg:addressedTo <doc/d1/person/张卫婷> ;
    sg:repliesTo <doc/d1/proposal/440> ;
    sg:hasMeasure <doc/d1/measure/1>, <doc/d1/measure/2>, <doc/d1/measure/3> .
<doc/d2> a sg:Reply ;
    rdfs:label "咸人社函〔2024〕9号"@zh ;
    sg:documentNumber "咸人社函〔2024〕9号" ;
    sg:date "2024-03-01"^^xsd:date ;
    sg:issuedBy <agency/咸阳市人力资源和社会保障局> ;
    sg:hasMeasure <doc/d2/measure/1> .

<doc/d1/proposal/440> a sg:Proposal ;
    rdfs:label "关于大力发展职业教育的建议"@zh ; sg:proposalNumber "440" ;
    sg:proposedBy <doc/d1/person/张卫婷> ;
    prov:wasDerivedFrom <doc/d1> .

<agency/咸阳市人力资源和社会保障局> a sg:Agency ;
    rdfs:label "咸阳市人力资源和社会保障局"@zh ;
    skos:altLabel "市人社局"@zh, "咸阳市人社局"@zh ;
    sg:mention <doc/d1/mention/10-14> ;
    prov:wasDerivedFrom <doc/d1>, <doc/d2> .
<agency/教育部门> a sg:Agency ; rdfs:label "教育部门"@zh ; prov:wasDerivedFrom <doc/d1> .

<policy-document/关于推动职业学校开展职业技能等级认定工作的通知> a sg:PolicyDocument ;
    rdfs:label "关于推动职业学校开展职业技能等级认定工作的通知"@zh ;
    sg:year "2023"^^xsd:gYear ;
    sg:issuedBy <agency/咸阳市人力资源和社会保障局> ;
    sg:coIssuedWith <agency/教育部门> ;
    prov:wasDerivedFrom <doc/d1> .

<doc/d1/person/李卫东> a sg:Person ; rdfs:label "李卫东"@zh ; prov:wasDerivedFrom <doc/d1> .
<doc/d1/person/张卫婷> a sg:Person ; rdfs:label "张卫婷"@zh ; prov:wasDerivedFrom <doc/d1> .
<doc/d1/person/杨婉洁> a sg:Person ; rdfs:label "杨婉洁"@zh ; prov:wasDerivedFrom <doc/d1> .
<doc/d2/person/付一鸣> a sg:Person ; rdfs:label "付一鸣"@zh ; prov:wasDerivedFrom <doc/d2> ;
    sg:masterOf <organization/付一鸣技能大师工作室> .
<organization/付一鸣技能大师工作室> a sg:Organization ;
    rdfs:label "付一鸣技能大师工作室"@zh ; prov:wasDerivedFrom <doc/d2> .

<doc/d1/platform-system/1> a sg:PlatformSystem ;
    rdfs:label "三级技能人才培养平台体系"@zh ;
    sg:hasTier <doc/d1/tier/1>, <doc/d1/tier/3> ;
    prov:wasDerivedFrom <doc/d1> .
<doc/d1/tier/1> a sg:PlatformTier ; rdfs:label "基础"@zh ; sg:rank 1 ;
    sg:includes <platform-type/企业>, <platform-type/公共实训基地> ;
    prov:wasDerivedFrom <doc/d1> .
<doc/d1/tier/3> a sg:PlatformTier ; rdfs:label "引领"@zh ; sg:rank 3 ;
    sg:includes <platform-type/技能大师工作室> ;
    prov:wasDerivedFrom <doc/d1> .
<platform-type/企业> a sg:PlatformType ; rdfs:label "企业"@zh .
<platform-type/公共实训基地> a sg:PlatformType ; rdfs:label "公共实训基地"@zh .
<platform-type/技能大师工作室> a sg:PlatformType ; rdfs:label "技能大师工作室"@zh .

<competition/第二届全国乡村振兴职业技能大赛> a sg:Competition ;
    rdfs:label "第二届全国乡村振兴职业技能大赛"@zh ; sg:edition 2 ; sg:year "2024"^^xsd:gYear .
<competition/咸阳市第一届职业技能大赛> a sg:Competition ;
    rdfs:label "咸阳市第一届职业技能大赛"@zh ; sg:edition 1 ; sg:year "2023"^^xsd:gYear .
<doc/d1/event/育婴赛项> a sg:CompetitionEvent ; rdfs:label "育婴赛项"@zh ;
    sg:partOf <competition/第二届全国乡村振兴职业技能大赛> .
<doc/d1/award/1> a sg:Award ; rdfs:label "铜奖"@zh ; sg:awardLevel "铜奖" ;
    sg:date "2024-05"^^xsd:gYearMonth ;
    sg:inEvent <doc/d1/event/育婴赛项> ;
    sg:awardedTo <doc/d1/person/杨婉洁> .

<doc/d1/measure/1> a sg:Measure ; rdfs:label "健全完善政策体系,搭建人才培育平台"@zh ;
    sg:order 1 ; sg:planned false .
<doc/d1/measure/2> a sg:Measure ; rdfs:label "深度开展校企合作,提升人才技能水平"@zh ;
    sg:order 2 ; sg:planned false .
<doc/d1/measure/3> a sg:Measure ; rdfs:label "全面促进高质量就业"@zh ;
    sg:order 3 ; sg:planned true .
<doc/d2/measure/1> a sg:Measure ; rdfs:label "加强技能大师工作室建设"@zh ;
    sg:order 1 ; sg:planned true .

<doc/d1/statistic/200-209> a sg:Statistic ;
    rdfs:label "技能大师工作室 9个"@zh ; sg:value 9.0 ; sg:unit "个" ; sg:qualifier sg:Exact ;
    sg:indicator "技能大师工作室" ;
    sg:counts <platform-type/技能大师工作室> ;
    sg:mention <doc/d1/mention/200-209> ;
    prov:wasDerivedFrom <doc/d1> .
<doc/d1/statistic/100-108> a sg:Statistic ;
    rdfs:label "补贴资金 1000多万元"@zh ; sg:value 10000000.0 ; sg:unit "元" ; sg:qualifier sg:AtLeast ;
    sg:indicator "补贴资金" ; sg:periodStart "2022"^^xsd:gYear ;
    sg:mention <doc/d1/mention/100-108> ;
    prov:wasDerivedFrom <doc/d1> .

<doc/d1/mention/10-14> a sg:Mention ;
    sg:beginIndex 10 ; sg:endIndex 14 ; sg:anchorOf "市人社局" ;
    sg:sentence <doc/d1/sentence/0-20> ; sg:inDocument <doc/d1> .
<doc/d1/sentence/0-20> a sg:Sentence ;
    sg:beginIndex 0 ; sg:endIndex 20 ; sg:anchorOf "发布机构:市人社局。" ; sg:inDocument <doc/d1> .
<doc/d1/mention/100-108> a sg:Mention ;
    sg:beginIndex 100 ; sg:endIndex 108 ; sg:anchorOf "补贴资金1000多万元" ; sg:inDocument <doc/d1> .
<doc/d1/mention/200-209> a sg:Mention ;
    sg:beginIndex 200 ; sg:endIndex 209 ; sg:anchorOf "技能大师工作室9个" ; sg:inDocument <doc/d1> .
"""

D1 = "id:doc/d1"
D2 = "id:doc/d2"
HRSS = "咸阳市人力资源和社会保障局"
NOTICE = "关于推动职业学校开展职业技能等级认定工作的通知"
RURAL = "第二届全国乡村振兴职业技能大赛"

# What each named query returns on SAMPLE, as table cells (unbound = "").
EXPECTED = {
    "platforms-by-tier": [
        ("三级技能人才培养平台体系", "基础", "1", "企业、公共实训基地", D1),
        ("三级技能人才培养平台体系", "引领", "3", "技能大师工作室", D1),
    ],
    "figures": [  # documents by date; a document's figures by value
        ("9", "个", "Exact", "技能大师工作室", "", "", "", "技能大师工作室", D1, "200"),
        ("10000000", "元", "AtLeast", "补贴资金", "2022", "", "", "", D1, "100"),
    ],
    "people": [  # one row per person, by name; each role "role: of what"
        ("付一鸣", "master of a studio: 付一鸣技能大师工作室", D2),
        ("张卫婷", "addressee: 咸人社函〔2025〕140号; proposer: 关于大力发展职业教育的建议", D1),
        ("李卫东", "signer: 咸人社函〔2025〕140号", D1),
        ("杨婉洁", f"award winner: {RURAL} 育婴赛项 铜奖", D1),
    ],
    "documents": [
        # a policy document: one of the documents that cite it, and how many do (one row however many)
        ("policy document", NOTICE, "", "2023", HRSS, "教育部门", D1, "1"),
        ("reply", "咸人社函〔2024〕9号", "咸人社函〔2024〕9号", "2024-03-01", HRSS, "", D2, ""),
        ("reply", "咸人社函〔2025〕140号", "咸人社函〔2025〕140号", "2025-05-22", HRSS, "", D1, ""),
    ],
    "competitions": [
        ("咸阳市第一届职业技能大赛", "2023", "1", "", "", "", "", ""),
        (RURAL, "2024", "2", "育婴赛项", "铜奖", "铜奖", "杨婉洁", "2024-05"),
    ],
    "provenance": [
        (D1, "10", "14", "Agency", HRSS, "市人社局", "发布机构:市人社局。", f"id:agency/{HRSS}"),
        (D1, "100", "108", "Statistic", "补贴资金 1000多万元", "补贴资金1000多万元", "", "id:doc/d1/statistic/100-108"),
        (D1, "200", "209", "Statistic", "技能大师工作室 9个", "技能大师工作室9个", "", "id:doc/d1/statistic/200-209"),
    ],
    "agencies": [
        (HRSS, "咸阳市人社局、市人社局", f"咸人社函〔2024〕9号、咸人社函〔2025〕140号、{NOTICE}", ""),  # in a fixed order
        ("教育部门", "", "", NOTICE),
    ],
    "measures": [  # replies in date order
        ("咸人社函〔2024〕9号", "1", "planned", "加强技能大师工作室建设"),
        ("咸人社函〔2025〕140号", "1", "done", "健全完善政策体系,搭建人才培育平台"),
        ("咸人社函〔2025〕140号", "2", "done", "深度开展校企合作,提升人才技能水平"),
        ("咸人社函〔2025〕140号", "3", "planned", "全面促进高质量就业"),
    ],
}


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    path = tmp_path / "skillgraph.ttl"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def store(sample_path: Path) -> ox.Store:
    return load([sample_path])


def table_rows(text: str) -> list[str]:
    """The data lines of a table (no header, rule or row count)."""
    return text.splitlines()[2:-1]


def cells(result) -> list[tuple[str, ...]]:
    """Each row as the strings the table shows, without the table layout."""
    return [tuple("" if t is None else show_term(t) for t in row) for row in result.rows]


# --- load --------------------------------------------------------------------------------


def test_load_reads_every_file(tmp_path: Path, sample_path: Path):
    extra = tmp_path / "extra.nt"
    extra.write_text("<https://example.org/a> <https://example.org/b> \"c\" .\n", encoding="utf-8")
    one = load([sample_path])
    both = load([sample_path, extra])
    assert len(both) == len(one) + 1


def test_load_missing_file_says_to_build(tmp_path: Path):
    missing = tmp_path / "output" / "skillgraph.ttl"
    with pytest.raises(UserError) as err:
        load([missing])
    assert str(missing) in str(err.value)
    assert "skillgraph build" in str(err.value)


def test_load_directory_names_it(tmp_path: Path):
    with pytest.raises(UserError, match="is a directory"):
        load([tmp_path])


def test_load_no_paths():
    with pytest.raises(UserError, match="--graph"):
        load([])


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_load_unreadable_file(tmp_path: Path):
    unreadable = tmp_path / "skillgraph.ttl"
    unreadable.symlink_to("/proc/self/mem")  # exists, but reading it fails (even for root)
    with pytest.raises(UserError) as err:
        load([unreadable])
    assert str(err.value).startswith(f"{unreadable} cannot be read (")


def test_load_malformed_turtle_gives_file_line_and_column(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix sg: <https://w3id.org/skillgraph/ontology#> .\n\n<a:x> sg:p "unterminated .\n')
    with pytest.raises(UserError) as err:
        load([bad])
    message = str(err.value)
    assert message.startswith(f"{bad}:3:")
    assert "skillgraph build" in message


def test_load_invalid_utf8(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(b'<https://example.org/a> <https://example.org/b> "\xff" .\n')
    with pytest.raises(UserError, match=r"bad.ttl:1:\d+: .*UTF-8"):
        load([bad])


def by_value(graph: rdflib.Graph) -> set:
    """Triples with literals compared by value: the store keeps canonical forms (9.0 → 9)."""
    def term(t):
        return (t.toPython(), t.datatype, t.language) if isinstance(t, rdflib.Literal) else t
    return {(s, p, term(o)) for s, p, o in graph}


def test_rdflib_round_trip(store: ox.Store, sample_path: Path):
    graph = to_rdflib(store)
    assert by_value(graph) == by_value(rdflib.Graph().parse(sample_path, format="turtle"))
    assert set(from_rdflib(graph)) == set(store)


# --- run_query and the formats -----------------------------------------------------------

PEOPLE_QUERY = """\
SELECT ?person ?label ?missing WHERE {
  ?person a sg:Person ; rdfs:label ?label .
} ORDER BY ?label LIMIT 2"""


def test_select_rows(store: ox.Store):
    result = run_query(store, PEOPLE_QUERY)
    assert result.kind == "solutions"
    assert result.variables == ("person", "label", "missing")
    assert cells(result) == [("id:doc/d2/person/付一鸣", "付一鸣", ""), ("id:doc/d1/person/张卫婷", "张卫婷", "")]


def test_csv_follows_sparql_csv(store: ox.Store):
    text = format_result(run_query(store, PEOPLE_QUERY), "csv")
    assert text == (
        "person,label,missing\r\n"
        "https://w3id.org/skillgraph/id/doc/d2/person/付一鸣,付一鸣,\r\n"
        "https://w3id.org/skillgraph/id/doc/d1/person/张卫婷,张卫婷,\r\n"
    )


def test_csv_quotes_commas(store: ox.Store):
    text = format_result(run_query(store, "SELECT ?l WHERE { <https://w3id.org/skillgraph/id/doc/d1/measure/1> rdfs:label ?l }"), "csv")
    assert list(csv.reader(io.StringIO(text))) == [["l"], ["健全完善政策体系,搭建人才培育平台"]]


def test_tsv_follows_sparql_tsv(store: ox.Store):
    text = format_result(run_query(store, PEOPLE_QUERY.replace("LIMIT 2", "LIMIT 1 OFFSET 1")), "tsv")
    assert text == (
        "?person\t?label\t?missing\n"
        "<https://w3id.org/skillgraph/id/doc/d1/person/张卫婷>\t\"张卫婷\"@zh\t\n"
    )


def test_json_follows_sparql_json(store: ox.Store):
    data = json.loads(format_result(run_query(store, PEOPLE_QUERY.replace("LIMIT 2", "LIMIT 1 OFFSET 1")), "json"))
    assert data == {
        "head": {"vars": ["person", "label", "missing"]},
        "results": {"bindings": [{
            "person": {"type": "uri", "value": "https://w3id.org/skillgraph/id/doc/d1/person/张卫婷"},
            "label": {"type": "literal", "value": "张卫婷", "xml:lang": "zh"},
        }]},
    }


def test_json_typed_and_plain_literals(store: ox.Store):
    query = 'SELECT ?rank ?unit WHERE { ?t sg:rank ?rank . ?s sg:unit ?unit } ORDER BY ?rank ?unit LIMIT 1'
    binding = json.loads(format_result(run_query(store, query), "json"))["results"]["bindings"][0]
    assert binding["rank"] == {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert binding["unit"] == {"type": "literal", "value": "个"}


def test_ask_in_every_format(store: ox.Store):
    yes = run_query(store, "ASK { ?r a sg:Reply }")
    no = run_query(store, "ASK { ?r a sg:Nothing }")
    assert (yes.kind, yes.boolean, no.boolean) == ("boolean", True, False)
    assert format_result(yes, "table") == "true\n"
    assert format_result(no, "table") == "false\n"
    assert json.loads(format_result(yes, "json")) == {"head": {}, "boolean": True}
    assert format_result(no, "csv").strip() == "false"


def test_construct_prints_turtle(store: ox.Store, sample_path: Path):
    query = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a sg:Person ; rdfs:label ?l }"
    result = run_query(store, query)
    assert result.kind == "graph" and len(result.triples) == 4
    text = format_result(result, "table")
    assert text == format_result(run_query(store, query), "json")  # a graph is always Turtle
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in text
    graph = rdflib.Graph().parse(data=text, format="turtle")
    expected = rdflib.Graph().parse(sample_path, format="turtle").query(query, initNs={
        "sg": "https://w3id.org/skillgraph/ontology#", "rdfs": str(rdflib.RDFS)}).graph
    assert isomorphic(graph, expected)


def test_describe(store: ox.Store):
    result = run_query(store, "DESCRIBE <https://w3id.org/skillgraph/id/doc/d1/person/李卫东>")
    assert {t.predicate.value for t in result.triples} >= {str(rdflib.RDF.type), str(rdflib.RDFS.label)}


def test_unknown_format(store: ox.Store):
    with pytest.raises(UserError, match="table, csv, tsv, json"):
        format_result(run_query(store, "ASK {}"), "xml")


def test_table_aligns_cjk_columns(store: ox.Store):
    query = 'SELECT ?name ?n WHERE { VALUES (?name ?n) { ("人社局" 1) ("HR bureau" 2) ("〔2025〕" 3) } } ORDER BY ?n'
    assert format_result(run_query(store, query), "table") == (
        "name       n\n"
        "---------  -\n"
        "人社局     1\n"  # six columns wide, so three spaces of padding
        "HR bureau  2\n"
        "〔2025〕   3\n"
        "(3 rows)\n"
    )


def test_display_width_counts_wide_characters():
    assert display_width("abc") == 3
    assert display_width("人社局") == 6
    assert display_width("〔2025〕") == 8  # fullwidth brackets are wide
    assert display_width("e\u0301") == 1  # a combining accent takes no column


def test_table_cuts_long_cells(store: ox.Store):
    query = f'SELECT ?long WHERE {{ BIND(CONCAT("{NOTICE}", "{NOTICE}") AS ?long) }}'
    row = table_rows(format_result(run_query(store, query), "table"))[0]
    assert row.endswith("…") and display_width(row) <= 60


def test_output_is_deterministic(tmp_path: Path, store: ox.Store):
    """The same graph with its triples in another order prints the same results."""
    lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode().splitlines()
    random.Random(7).shuffle(lines)
    shuffled = tmp_path / "shuffled.nt"
    shuffled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    other = load([shuffled])
    for query in named_queries().values():
        for fmt in FORMATS:
            assert format_result(run_query(other, query.text), fmt) == format_result(run_query(store, query.text), fmt)


def test_malformed_query_names_the_position(store: ox.Store):
    with pytest.raises(UserError) as err:
        run_query(store, "SELECT ?s\nWHERE { ?s ?p }")
    message = str(err.value)
    assert "error at 2:16" in message  # the parser reports where it gave up: the end
    assert message.splitlines()[1:] == ["    WHERE { ?s ?p }", "                   ^"]


def test_malformed_query_caret_under_cjk(store: ox.Store):
    with pytest.raises(UserError) as err:
        run_query(store, 'SELECT ("技能" AS ?x) ?? WHERE {}')
    first, line, caret = str(err.value).splitlines()
    column = int(re.search(r"1:(\d+)", first)[1])
    assert line.index("技能") + 2 < 4 + column - 1 < len(line)
    assert caret == " " * (4 + column - 1 + 2) + "^"  # 技能 take two columns each


def test_update_is_refused(store: ox.Store):
    before = len(store)
    with pytest.raises(UserError, match="read-only"):
        run_query(store, "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }")
    assert len(store) == before


# --- named queries -------------------------------------------------------------------------


def test_named_queries_are_the_documented_set():
    queries = named_queries()
    assert sorted(queries) == sorted(EXPECTED)
    for name, query in queries.items():
        assert query.name == name
        assert query.text.startswith(f"# {query.description}\n")
        assert query.description and not query.description.startswith("#")


def test_unknown_named_query_lists_names():
    with pytest.raises(UserError) as err:
        named_query("figure")
    assert "figures" in str(err.value) and "platforms-by-tier" in str(err.value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_rows(store: ox.Store, name: str):
    result = run_query(store, named_query(name).text)
    assert cells(result) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_runs_on_an_empty_graph(name: str):
    result = run_query(ox.Store(), named_query(name).text)
    assert result.rows == ()


def test_read_query_file(tmp_path: Path):
    path = tmp_path / "q.rq"
    path.write_text("ASK {}", encoding="utf-8")
    assert read_query_file(path) == "ASK {}"
    with pytest.raises(UserError, match="does not exist"):
        read_query_file(tmp_path / "missing.rq")


# --- prefixes ------------------------------------------------------------------------------


def test_unknown_prefix_is_one_line_naming_it_and_the_predefined(store: ox.Store):
    with pytest.raises(UserError) as err:
        run_query(store, "SELECT ?s WHERE {\n  ?s a ex:Thing ; schema:name ?n .\n}")
    assert str(err.value) == (
        "unknown prefixes ex:, schema: in the query; the predefined ones are "
        "sg:, id:, rdf:, rdfs:, skos:, prov:, xsd:; declare others with PREFIX ex: <IRI>"
    )


@pytest.mark.parametrize("query, unknown", [
    ("SELECT * WHERE { ?s foo:bar ?o }", ["foo"]),
    ("SELECT * WHERE { ?s a :Thing }", [""]),
    ("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s a ex:Thing ; sg:p ?o }", []),
    ('SELECT * WHERE { ?s rdfs:label "ex:not a name" ; sg:p <http://example.org/a:b> } # ex: in a comment', []),
    ("SELECT * WHERE { ?s ex:a:b _:b0 . ?s xsd:int ?n }", ["ex"]),
])
def test_unknown_prefixes(query: str, unknown: list[str]):
    assert unknown_prefixes(query) == unknown


def test_unknown_prefix_through_the_command_line(sample_path: Path):
    skillgraph = Path(sys.executable).parent / "skillgraph"
    result = subprocess.run([str(skillgraph), "query", "--graph", str(sample_path), "SELECT * WHERE { ?s ex:p ?o }"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("skillgraph: error: unknown prefix ex: in the query; the predefined ones are sg:, id:")
    assert "Traceback" not in result.stderr and "Prefix not found" not in result.stderr


# --- streaming and paging ------------------------------------------------------------------------


class Sink:
    """A binary stream that records each write."""

    def __init__(self):
        self.writes: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.writes.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    @property
    def text(self) -> str:
        return b"".join(self.writes).decode("utf-8")


def numbers(count: int) -> ox.Store:
    store = ox.Store()
    value = ox.NamedNode("https://w3id.org/skillgraph/ontology#value")
    store.extend(ox.Quad(ox.NamedNode(f"https://example.org/n{i}"), value, ox.Literal(f'a "quoted",\nvalue {i}'))
                 for i in range(count))
    return store


@pytest.mark.parametrize("fmt", FORMATS)
def test_results_are_written_as_they_come_in_every_format(fmt: str):
    store = numbers(20_000)
    sink = Sink()
    rows = write_result(execute(store, "SELECT ?s ?v WHERE { ?s sg:value ?v }"), fmt, sink)
    assert rows == 20_000
    assert len(sink.writes) > 10 and max(map(len, sink.writes)) < 1 << 20  # never the whole result at once
    small = "SELECT ?s ?v WHERE { ?s sg:value ?v } ORDER BY ?s LIMIT 3"
    streamed = Sink()
    assert write_result(execute(store, small), fmt, streamed) == 3
    assert streamed.text == format_result(run_query(store, small), fmt)  # the same text as read whole


def test_ask_and_graphs_are_written_too(store: ox.Store):
    sink = Sink()
    assert write_result(execute(store, "ASK { ?r a sg:Reply }"), "table", sink) is None and sink.text == "true\n"
    sink = Sink()
    write_result(execute(store, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a sg:Person ; rdfs:label ?l }"), "csv", sink)
    assert len(rdflib.Graph().parse(data=sink.text, format="turtle")) == 4


def test_a_named_query_pages_through_its_own_limit():
    query = named_query("figures")
    assert query.limit == 1000
    paged = query.paged(5, 10)
    assert "LIMIT 5 OFFSET 10  # page" in paged and "LIMIT 1000" not in paged
    assert paged.rstrip().endswith("ORDER BY ?date ?order ?value ?st")  # nothing appended at the end
    assert "LIMIT 1000 OFFSET 7  # page" in query.paged(None, 7)
    assert query.paged(None, None) == query.text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_named_query_pages_with_limit_and_offset(store: ox.Store, name: str):
    query = named_query(name)
    assert query.limit == 1000, name  # every listing shows a page
    whole = cells(run_query(store, query.text))
    pages = [cells(run_query(store, query.paged(1, offset))) for offset in range(len(whole) + 1)]
    rows = [row for page in pages for row in page]
    assert sorted(rows) == sorted(whole) and pages[-1] == []  # every row once
    if name != "provenance":  # it chooses a page's mentions by document, then sorts them by position
        assert rows == whole


def test_the_command_line_pages_a_named_query_and_says_how_to_see_more(sample_path: Path):
    skillgraph = Path(sys.executable).parent / "skillgraph"

    def query(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(skillgraph), "query", "--graph", str(sample_path), "--name", "measures",
                               "--format", "tsv", *args], capture_output=True, text=True, timeout=60)

    first, second, whole = query("--limit", "2"), query("--limit", "2", "--offset", "2"), query()
    assert first.stdout.splitlines()[1:] + second.stdout.splitlines()[1:] == whole.stdout.splitlines()[1:]
    assert len(whole.stdout.splitlines()) == 5 and whole.stderr == ""
    assert "the next with `--name measures --offset 2`" in first.stderr
    assert "--offset 4" in second.stderr
