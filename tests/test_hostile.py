"""Nothing a document can contain breaks a build: whatever the text, its name or its
encoding, the build gives Turtle that its own commands read back, or one clear error."""
import codecs
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillgraph
from skillgraph import cli, document, pipeline
from skillgraph.errors import UserError
from skillgraph.extractors import extract
from skillgraph.rdf import to_rdf
from skillgraph.resolve import resolve
from skillgraph.turtle import to_turtle

REPLY = "关于加强技能培训的答复\n2023年,我局印发《人社部发［2023］12号文件实施细则》,{extra}。\n咸阳市人力资源和社会保障局\n2025年5月22日\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_brackets_and_file_names_give_iris_the_graphs_own_commands_read(tmp_path: Path, capsys):
    folder = tmp_path / "documents"
    folder.mkdir()
    for name in ("reply 1.txt", "a>b{c}.txt"):
        (folder / name).write_text(REPLY.format(extra="开展培训"), encoding="utf-8")
    code, out, err = run(capsys, "build", str(folder), "--out", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    graph = str(tmp_path / "out" / "skillgraph.ttl")
    assert run(capsys, "query", "ASK { ?s ?p ?o }", "--graph", graph)[:2] == (0, "true\n")
    code, out, _ = run(capsys, "query", "SELECT ?d WHERE { ?d a sg:PolicyDocument }", "--graph", graph, "--format", "csv")
    assert out.splitlines()[1] == "https://w3id.org/skillgraph/id/policy-document/人社部发%5B2023%5D12号文件实施细则"
    code, out, _ = run(capsys, "query", "SELECT ?d WHERE { ?d a sg:Reply } ORDER BY ?d", "--graph", graph, "--format", "csv")
    assert [line.rsplit("/", 1)[1] for line in out.splitlines()[1:]] == ["a%3Eb%7Bc%7D.txt", "reply%201.txt"]
    assert run(capsys, "validate", "--graph", graph)[0] == 0
    assert run(capsys, "export", "--format", "nt", "--graph", graph)[0] == 0


def test_a_gbk_user_defined_character_is_read_and_encoded_in_iris(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(REPLY.replace("实施细则", "实施\ue000细则").format(extra="开展培训").encode("gb18030"))
    assert b"\xaa\xa1" in path.read_bytes()  # the first code of GBK's user-defined area
    triples, report = pipeline.build_files([path])
    assert not report.failures
    subjects = {t.subject.value for t in ox.parse(to_turtle(triples), format=ox.RdfFormat.TURTLE)}
    assert "https://w3id.org/skillgraph/id/policy-document/人社部发%5B2023%5D12号文件实施%EE%80%80细则" in subjects


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_a_byte_order_mark_is_read_as_windows_notepad_saves_it(tmp_path: Path, bom: bytes, encoding: str):
    text = REPLY.format(extra="开展培训")
    path = tmp_path / "unicode.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert document.read(path).source == text


def test_broken_utf16_and_undecodable_file_names_get_a_clear_error(tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "咸阳".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    with pytest.raises(UserError, match="not valid UTF-16; re-save it as UTF-8"):
        document.read(path)
    named = tmp_path / "\udcff.txt"  # the byte 0xFF in a file name, as Python decodes it
    named.write_text(REPLY.format(extra=""), encoding="utf-8")
    with pytest.raises(UserError, match="name is not valid UTF-8; rename the file"):
        document.read(named)


def test_a_lone_surrogate_through_the_python_api_is_a_clear_error():
    with pytest.raises(UserError, match=r"lone surrogate \(U\+D800\) at offset 3"):
        skillgraph.extract("咸阳市\ud800人社局")


GENRE = list("《》〈〉“”「」［］〔〕()（）[]{}<>\"'、,。;:!?\n \t一二三四五六七八九十百千万亿0123456789.%") + [
    "一是", "一、", "(一)", "1.", "下一步", "第47届", "世界技能大赛", "选手", "荣获金奖", "张三", "局", "市人社局",
    "咸阳市人力资源和社会保障局", "关于", "的通知", "人社部发[2023]12号", "技能大师工作室", "个", "家", "人次", "万元",
    "2025年5月22日", "去年5月份", "基地", "省级", "国家级", "我局", "答复", "\u3000", "\ue000", "\ufffe", "\x00", "\u202e",
]
fragments = st.one_of(st.text(max_size=20), st.sampled_from(GENRE))
texts = st.lists(st.one_of(fragments, st.tuples(fragments, st.integers(2, 200)).map(lambda run: run[0] * run[1])),
                 max_size=30).map("".join)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_builds_into_turtle_that_parses(text: str):
    triples = set(to_rdf(resolve([extract(document.from_text(text))])))
    assert set(ox.parse(to_turtle(triples), format=ox.RdfFormat.TURTLE)) == {ox.Quad(*t) for t in triples}
