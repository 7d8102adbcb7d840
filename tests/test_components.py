"""The extraction components: declared order, declared reads and writes, no imports between them."""
import ast
import pickle
from pathlib import Path

import pytest

import skillgraph.extractors as extractors
from skillgraph.document import from_text
from skillgraph.extractors import COMPONENTS, check_order, component, extract
from skillgraph.model import Mention
from skillgraph.rdf import to_rdf
from skillgraph.resolve import resolve

SHARED_HELPERS = {"phrases", "spans", "gazetteer", "names"}


def by_name(name: str):
    return next(c for c in COMPONENTS if c.name == name)


def test_the_declared_order_passes_the_check():
    check_order(COMPONENTS)
    assert [c.name for c in COMPONENTS][:2] == ["agencies", "reply"]


def test_a_component_before_one_that_assigns_what_it_requires_is_refused():
    reordered = [c for c in COMPONENTS if c.name != "platforms"] + [by_name("platforms")]
    with pytest.raises(ValueError, match="'places' requires PlatformSystem, PlatformTier, PlatformType, which 'platforms'"):
        check_order(reordered)


def test_a_misspelt_class_is_refused():
    misspelt = component("places", by_name("places").run, requires=("Agnecy",), assigns=("Place",))
    with pytest.raises(ValueError, match="declares Agnecy, not a class of the ontology"):
        check_order([*COMPONENTS[:-2], misspelt])


def test_the_reply_must_run_before_the_components_that_read_its_identity():
    reordered = [by_name("measures")] + [c for c in COMPONENTS if c.name != "measures"]
    with pytest.raises(ValueError, match="'measures' requires Reply, which 'reply' assigns after it"):
        check_order(reordered)


def test_reading_an_undeclared_class_is_refused():
    sneaky = component("sneaky", lambda doc: doc.mentions.of("Agency"), requires=(), assigns=("Concept",))
    doc = from_text("市人社局。", doc_id="t")
    with pytest.raises(RuntimeError, match="reads Agency mentions without declaring them"):
        extract(doc, [by_name("agencies"), sneaky])


def test_writing_an_undeclared_class_is_refused():
    def writes_a_place(doc):
        doc.mentions.add([Mention("Place", "咸阳市", doc.span(0, 3))])

    doc = from_text("咸阳市。", doc_id="t")
    with pytest.raises(RuntimeError, match="writes Place mentions without declaring them"):
        extract(doc, [component("sneaky", writes_a_place, requires=(), assigns=("Concept",))])


def test_the_identity_is_read_only_after_the_reply_component():
    doc = from_text("咸阳市人力资源和社会保障局\n2025年5月22日\n", doc_id="t")
    with pytest.raises(RuntimeError, match="before the reply component ran"):
        extract(doc, [component("early", lambda d: d.issuer, requires=("Reply",), assigns=())])
    extract(doc, [by_name("agencies"), by_name("reply")])
    assert (doc.reply.cls, doc.issuer.label, doc.date) == ("Reply", "咸阳市人力资源和社会保障局", "2025-05-22")


def test_mentions_are_indexed_by_class_in_the_order_found():
    doc = from_text("市人社局会同市财政局印发《关于技能人才的通知》。", doc_id="t")
    extract(doc)
    agencies = doc.mentions.of("Agency")
    assert [m.label for m in agencies] == ["市人社局", "市财政局"]
    both = doc.mentions.of("PolicyDocument", "Agency")
    assert both == sorted(both, key=lambda m: doc.mentions.all().index(m))


def test_no_extractor_imports_another():
    folder = Path(extractors.__file__).parent
    for path in folder.glob("*.py"):
        if path.name == "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                imported = {node.module} if node.module else {a.name for a in node.names}
                assert imported <= SHARED_HELPERS, f"{path.name} imports {imported - SHARED_HELPERS}"


def test_extraction_gives_plain_picklable_data_without_the_doc():
    doc = from_text("咸阳市人力资源和社会保障局会同教育部门下发了《关于技能人才的通知》。\n咸阳市人力资源和社会保障局\n2025年5月22日\n",
                    doc_id="t")
    found = extract(doc)
    again = pickle.loads(pickle.dumps(found))
    assert again == found
    assert "Doc" not in {type(v).__name__ for v in vars(found).values()}
    assert found.issuer is not None and found.issuer.label == "咸阳市人力资源和社会保障局"
    assert extract(doc) == found  # running it again starts afresh


def test_stages_compose_without_the_doc():
    doc = from_text("市人社局印发《关于技能人才的通知》。\n", doc_id="t")
    entities = resolve([extract(doc)])
    graph = to_rdf(entities)
    assert {e.cls for e in entities.documents[0].entities} >= {"Agency", "PolicyDocument", "Reply"}
    assert len(graph) > 0
