"""The vocabulary module, the Turtle writer, and what output code imports."""
import subprocess
import sys
from urllib.parse import unquote

import pyoxigraph as ox
import rdflib
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.turtle import to_turtle
from skillgraph.vocab import (
    CLASSES, DOCUMENT_PATHS, ID, SHARED_PATHS, AgencyKey, document_id, in_document_id, shared_id, shorten, span_id,
)


def test_agency_key_round_trips_and_names_the_body():
    key = AgencyKey.parse("咸阳市|人力资源和社会保障|局")
    assert key == AgencyKey("咸阳市", "人力资源和社会保障", "局")
    assert str(key) == "咸阳市|人力资源和社会保障|局" and key.name == "咸阳市人力资源和社会保障局"
    assert AgencyKey.parse("咸阳市人力资源和社会保障局") is None  # a signature line's words, not a key


def test_every_class_has_one_iri_path_but_the_document_and_its_statistics():
    paths = set(SHARED_PATHS) | set(DOCUMENT_PATHS)
    assert not set(SHARED_PATHS) & set(DOCUMENT_PATHS)
    assert paths | {"Reply", "Statistic"} == set(CLASSES) and not paths & {"Reply", "Statistic"}


def test_iris_keep_chinese_and_encode_what_would_break_them():
    assert shared_id("Agency", "咸阳市人社局") == "agency/咸阳市人社局"
    assert in_document_id("d1", "CompetitionEvent", "大赛/育婴 赛项") == "doc/d1/competition-event/大赛%2F育婴%20赛项"
    assert shared_id("PolicyDocument", "人社部发[2023]12号文件") == "policy-document/人社部发%5B2023%5D12号文件"
    assert document_id("reply 1>") == "doc/reply%201%3E" and shared_id("Place", "..") == "place/%2E%2E"
    assert shared_id("Concept", "\ue000") == "concept/%EE%80%80"  # a GBK user-defined character
    assert shorten("https://w3id.org/skillgraph/id/agency/X") == "id:agency/X"
    assert shorten("http://example.org/x") is None


def test_turtle_writes_one_form_of_decimals_and_quotes_multiline_text():
    s, p = ox.NamedNode("https://w3id.org/skillgraph/id/s"), ox.NamedNode("https://w3id.org/skillgraph/ontology#value")
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    canonical = to_turtle([ox.Triple(s, p, ox.Literal("16000", datatype=decimal))])
    assert canonical == to_turtle([ox.Triple(s, p, ox.Literal("16000.0", datatype=decimal))])
    assert '"16000.0"^^xsd:decimal' in canonical
    text = to_turtle([ox.Triple(s, p, ox.Literal('第一行\n"第二行"'))])
    assert '"""第一行\n"第二行\\""""' in text


def test_output_code_loads_no_extractor_and_no_segmenter():
    code = "import sys, skillgraph.export; print(sorted(m for m in sys.modules if 'jieba' in m or 'extractors' in m))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


@given(st.text(), st.text(), st.sampled_from(sorted(SHARED_PATHS)))
def test_every_minted_iri_parses_in_pyoxigraph_and_rdflib_and_keeps_the_name(doc_id, name, cls):
    local_ids = [shared_id(cls, name), in_document_id(doc_id, "Person", name), span_id(doc_id, "mention", 0, 3)]
    for local in local_ids:
        iri = ID + local
        turtle = f"<{iri}> <{iri}> <{iri}> ."
        assert [q.subject for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)] == [ox.NamedNode(iri)]
        assert [str(s) for s, _, _ in rdflib.Graph().parse(data=turtle, format="turtle")] == [iri]
    assert unquote(local_ids[0].split("/", 1)[1]) == name
    assert unquote(local_ids[1].split("/")[1]) == doc_id and unquote(local_ids[1].split("/")[3]) == name
