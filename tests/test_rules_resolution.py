"""Across documents: a policy document is one node by its 文号, however its title is written;
a person is one node by name and role (the agency whose reply they sign, the studio named
after them, the contest they won a prize in), never by name alone; and the bytes do not
depend on the order the documents are read in."""
from pathlib import Path

import pytest

from skillgraph import cli, pipeline
from skillgraph.turtle import to_turtle

SIGNED = "\n咸阳市人力资源和社会保障局\n2025年5月22日\n"
DOCUMENTS = {
    "a.txt": "关于加强技能培训的答复\n签发人:李卫东\n"
             "2023年,我局印发《关于做好技能培训工作的通知》(咸人社发〔2023〕12号)。付一鸣技能大师工作室开展带徒活动。" + SIGNED,
    "b.txt": "关于职业培训的答复\n签发人:李卫东\n"
             "按照《咸阳市人力资源和社会保障局关于做好技能培训工作的通知》(咸人社发[2023]12号)要求,"
             "付一鸣技能大师工作室开展带徒活动。另据《咸人社发〔2023〕12号》文件。" + SIGNED,
    "c.txt": "关于职业技能的答复\n李卫东委员:\n您提出的《关于加强职业培训的建议》收悉。"
             "2024年,我局印发《关于做好技能培训工作的通知》(咸人社发〔2024〕3号)。\n咸阳市财政局\n2025年6月2日\n",
}


def written(folder: Path, names) -> list[Path]:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(DOCUMENTS[name], encoding="utf-8")
    return [folder / name for name in names]


def nodes(triples, cls: str) -> dict[str, set[str]]:
    """Each node of a class → the documents it is derived from."""
    typed = {t.subject.value for t in triples if t.predicate.value.endswith("#type") and t.object.value.endswith("#" + cls)}
    out: dict[str, set[str]] = {s: set() for s in typed}
    for t in triples:
        if t.subject.value in typed and t.predicate.value.endswith("wasDerivedFrom"):
            out[t.subject.value].add(t.object.value.rsplit("/", 1)[1])
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("documents")
    triples, report = pipeline.build_files(written(folder, DOCUMENTS))
    assert not report.failures
    return triples


def test_a_policy_document_is_one_node_by_its_number_however_its_title_is_written(built):
    found = nodes(built, "PolicyDocument")
    number = "https://w3id.org/skillgraph/id/policy-document/咸人社发〔2023〕12号"
    assert found[number] == {"a.txt", "b.txt"}  # by title and 文号, by a title with its issuer, by 文号 alone
    assert found["https://w3id.org/skillgraph/id/policy-document/咸人社发〔2024〕3号"] == {"c.txt"}  # another 文号
    assert len(found) == 2  # and the proposal of c is no policy document
    labels = {t.object.value for t in built if t.subject.value == number and t.predicate.value.endswith("#altLabel")}
    assert {"关于做好技能培训工作的通知", "咸阳市人力资源和社会保障局关于做好技能培训工作的通知"} <= labels


def test_people_are_one_node_by_name_and_role_never_by_name_alone(built):
    found = nodes(built, "Person")
    signer = "https://w3id.org/skillgraph/id/person/agency/咸阳市人力资源和社会保障局/李卫东"
    master = "https://w3id.org/skillgraph/id/person/organization/付一鸣技能大师工作室/付一鸣"
    assert found[signer] == {"a.txt", "b.txt"}  # signs the replies of one agency in both
    assert found[master] == {"a.txt", "b.txt"}  # the studio named after him in both
    alone = {node: docs for node, docs in found.items() if node not in (signer, master)}
    assert alone == {"https://w3id.org/skillgraph/id/doc/c.txt/person/李卫东": {"c.txt"}}  # a proposer: no role shared


def test_the_bytes_do_not_depend_on_the_order_of_the_documents(tmp_path: Path):
    forward = pipeline.build_files(written(tmp_path / "one", ["a.txt", "b.txt", "c.txt"]))[0]
    backward = pipeline.build_files(written(tmp_path / "two", ["c.txt", "b.txt", "a.txt"]))[0]
    assert to_turtle(forward) == to_turtle(backward)


def test_why_shows_the_number_and_the_role_that_join_documents(tmp_path: Path, capsys):
    written(tmp_path / "documents", DOCUMENTS)
    assert cli.main(["build", str(tmp_path / "documents"), "--out", str(tmp_path / "out"), "--quiet", "--no-page"]) == 0
    graph = str(tmp_path / "out" / "skillgraph.ttl")
    capsys.readouterr()
    assert cli.main(["why", "id:policy-document/咸人社发〔2023〕12号", "--graph", graph]) == 0
    out = capsys.readouterr().out
    assert "one node for 2 documents" in out and "by its 文号, written 咸人社发[2023]12号, 咸人社发〔2023〕12号" in out
    assert "另据《咸人社发〔2023〕12号》文件" in out
    assert cli.main(["why", "id:person/agency/咸阳市人力资源和社会保障局/李卫东", "--graph", graph]) == 0
    out = capsys.readouterr().out
    assert "by name and role: signs its replies, id:agency/咸阳市人力资源和社会保障局" in out
    assert "id:doc/a.txt" in out and "id:doc/b.txt" in out
