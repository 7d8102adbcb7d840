"""The page in headless Chromium, checked through its own JavaScript over the DevTools
protocol: what vis-network draws, the legend, tooltips with hostile text, toggles, search,
the overview of a large graph and its expansion (a hub's a batch at a time), and that it
asks for nothing from the network."""
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import websocket

from skillgraph import view
from skillgraph.netgraph import to_networkx
from test_view import AGENCY, MALICIOUS, sample_graph

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


class Chromium:
    """One headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, profile: Path, width: int = 1200, height: int = 800):
        exe = shutil.which("chromium")
        if exe is None:
            pytest.fail("chromium is not installed: apt-get install chromium fonts-wqy-microhei")
        self.process = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.socket = websocket.create_connection(self._endpoint(profile / "DevToolsActivePort"), timeout=60, suppress_origin=True)
        self.events, self.next_id, self.session = [], 0, None
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")

    def _endpoint(self, port_file: Path) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if port_file.exists() and len(lines := port_file.read_text().splitlines()) == 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.close()
        pytest.fail("chromium did not start its DevTools endpoint")

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, url: str, ready: str, timeout: float = 60) -> float:
        """Navigate, wait until `ready` is truthy in the page; the seconds it took."""
        start = time.monotonic()
        self.call("Page.navigate", url=url)
        while not self.evaluate(f"Boolean({ready})"):
            if time.monotonic() - start > timeout:
                pytest.fail(f"page not ready after {timeout} s: {self.exceptions()}")
            time.sleep(0.02)
        return time.monotonic() - start

    def exceptions(self) -> list[str]:
        return [e["params"]["exceptionDetails"].get("text", "") for e in self.events
                if e.get("method") == "Runtime.exceptionThrown"]

    def requested(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def move_mouse(self, x: float, y: float) -> None:
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self) -> bytes:
        import base64

        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def close(self) -> None:
        if getattr(self, "socket", None):
            self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


READY = "document.body && document.body.dataset.readyMs"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    view.write_html(sample_graph(), folder / "view.html")
    browser = Chromium(folder / "profile")
    try:
        browser.open((folder / "view.html").as_uri(), READY)
        yield browser
    finally:
        browser.close()


def node_point(page: Chromium, iri_compact: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    return tuple(page.evaluate(f"""(() => {{
        const n = skillgraph.nodes.get({{filter: (n) => n.info.iri === {json.dumps(iri_compact)}}})[0];
        const p = skillgraph.network.canvasToDOM(skillgraph.network.getPositions([n.id])[n.id]);
        const box = document.getElementById("graph").getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }})()"""))


def hover(page: Chromium, iri_compact: str) -> str:
    """Move the mouse onto a node; the text of the tooltip that shows."""
    shown = "(() => { const t = document.querySelector('.vis-tooltip'); return t && t.style.visibility === 'visible' && t.textContent; })()"
    page.move_mouse(0, 0)
    page.move_mouse(*node_point(page, iri_compact))
    deadline = time.monotonic() + 5  # the tooltip shows once the mouse rests (tooltipDelay)
    while not (text := page.evaluate(shown)):
        assert time.monotonic() < deadline, "no tooltip"
        time.sleep(0.05)
    return text


def test_draws_every_node_and_edge_of_the_graph(page):
    g = to_networkx(sample_graph())
    assert page.evaluate("skillgraph.drawn()") == {"nodes": len(g), "edges": g.number_of_edges()}
    assert page.exceptions() == []


def test_legend_lists_the_classes_present(page):
    classes = {c for _, c in to_networkx(sample_graph()).nodes(data="class")}
    listed = page.evaluate("[...document.querySelectorAll('#legend input')].map((i) => i.dataset.class)")
    assert listed == [c for c in view.STYLES if c in classes]
    assert "政府机构 Agency" in page.evaluate("document.getElementById('legend').textContent")


def test_the_page_requests_nothing_but_itself(page):
    assert page.requested() and all(url.startswith("file:") for url in page.requested())


def test_hover_shows_class_names_literals_and_sentences(page):
    text = hover(page, "id:agency/咸阳市人力资源和社会保障局")
    for expected in ("咸阳市人力资源和社会保障局", "政府机构", "市人社局", "第一句:市人社局高度重视。", "第二句"):
        assert expected in text


def test_hostile_label_stays_text_in_tooltip_and_details(page):
    assert MALICIOUS in hover(page, "id:concept/evil")
    page.click(*node_point(page, "id:concept/evil"))
    details = page.evaluate("document.getElementById('details').textContent")
    assert MALICIOUS in details and "<script>window.__pwned=2</script>" in details
    assert page.evaluate("document.querySelectorAll('img, #details script, .vis-tooltip script').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.exceptions() == []


def test_class_toggle_hides_and_shows_a_class(page):
    before = page.evaluate("skillgraph.drawn()")
    page.evaluate("document.querySelector('#legend input[data-class=Statistic]').click()")
    assert page.evaluate("skillgraph.drawn()") == {"nodes": before["nodes"] - 1, "edges": before["edges"] - 2}
    page.evaluate("document.querySelector('#legend input[data-class=Statistic]').click()")
    assert page.evaluate("skillgraph.drawn()") == before


def test_search_finds_a_node_by_any_of_its_names(page):
    page.evaluate("document.getElementById('query').value = '市人社局'")
    page.evaluate("document.querySelector('#search button').click()")
    selected = page.evaluate("skillgraph.network.getSelectedNodes().map((id) => skillgraph.nodes.get(id).info.iri)")
    assert selected == ["id:agency/" + AGENCY.rsplit("/", 1)[1]]
    assert "1 个匹配" in page.evaluate("document.getElementById('matches').textContent")
    assert "咸阳市人力资源和社会保障局" in page.evaluate("document.getElementById('details').textContent")


def test_nothing_moves_after_the_first_drawing(page):
    first = page.evaluate("skillgraph.network.getPositions()")
    time.sleep(0.5)
    assert page.evaluate("skillgraph.network.getPositions()") == first


# --- the eight documents of data/documents, as a user first sees them ----------------------

DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"
IN_VIEW = """(() => {
    const box = document.getElementById("graph").getBoundingClientRect();
    const positions = skillgraph.network.getPositions(skillgraph.network.body.nodeIndices);
    return Object.values(positions).map((p) => skillgraph.network.canvasToDOM(p))
        .filter((p) => p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height).length;
})()"""
SELECTED = "skillgraph.network.getSelectedNodes().map((id) => skillgraph.data.nodes[id].info.iri)"
DETAILS = "document.getElementById('details').textContent"


EIGHT = ("000_425f8ebd1574510b", "01_xuecheng_jiaoti_chanjiaoronghe", "07_wuxi_cq_rsj_fanxiang_nongmingong",
         "09_mohrss_linggong_shichang_jianyi", "11_yongchuan_gaoxinqu_gonggong_shixun", "14_wuhan_rsj_20190244_zhiye_peixun",
         "18_chongqing_gaojineng_shishi_yijian", "19_wuhan_rsj_jineng_dashi_gongzuoshi_2023")


@pytest.fixture(scope="module")
def corpus_graph():
    """The graph of eight documents of data/documents."""
    import skillgraph

    return skillgraph.build([DOCUMENTS / f"{stem}.txt" for stem in EIGHT])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, corpus_graph):
    folder = tmp_path_factory.mktemp("corpus")
    view.write_html(corpus_graph, folder / "view.html")
    browser = Chromium(folder / "profile", width=1400, height=900)
    try:
        browser.open((folder / "view.html").as_uri(), READY)
        yield browser
    finally:
        browser.close()


def test_first_paint_labels_every_document_and_agency(corpus, corpus_graph):
    g = to_networkx(corpus_graph)
    labelled = {label["text"] for label in corpus.evaluate("skillgraph.labels()")}
    for cls in ("Reply", "Agency"):
        names = {view.display(attrs, node) for node, attrs in g.nodes(data=True) if attrs["class"] == cls}
        assert names and names <= labelled, f"{cls} labels not drawn: {names - labelled}"
    assert len(labelled) < len(g)  # the rest wait for the zoom: not a wall of text


def test_no_drawn_label_cuts_a_number(corpus, corpus_graph):
    g = to_networkx(corpus_graph)
    iris = corpus.evaluate("skillgraph.data.nodes.map((n) => n.info.iri)")
    drawn = labels_after(corpus, "skillgraph.fit()")
    for doc in corpus.evaluate("skillgraph.data.nodes.filter((n) => n.group === 'Reply').map((n) => n.id)"):
        drawn += labels_after(corpus, f"skillgraph.network.focus({doc}, {{scale: 1.5, animation: false}})")  # zoomed in: more labels
    corpus.evaluate("skillgraph.fit()")
    assert len({label["id"] for label in drawn}) > 150
    for label in drawn:
        attrs = g.nodes[compact_to_iri(iris[label["id"]])]
        source = attrs["literals"].get("indicator", [attrs["label"]])[0] if attrs["class"] == "Statistic" else attrs["label"]
        if attrs["class"] == "Reply" and len(source) <= view.GENERIC_TITLE:  # named by its 文号 or file instead
            stem = compact_to_iri(iris[label["id"]]).rsplit("/", 1)[1].rsplit(".", 1)[0]
            source = attrs["literals"].get("documentNumber", [f"{source} · {stem}"])[0]
        for word, short in view.abbreviations():
            source = source.replace(word, short)
        for head in [label["text"][:i] for i, c in enumerate(label["text"]) if c == "…"]:
            head = head.rsplit(" ", 1)[-1] if attrs["class"] == "Statistic" else head
            assert source.startswith(head) and not source[len(head)].isdigit(), (label, source)
        if attrs["class"] == "Statistic":
            assert label["text"].endswith(view.amount(float(attrs["literals"]["value"][0])) + attrs["literals"]["unit"][0])


def labels_after(page: Chromium, move: str) -> list[dict]:
    """The labels drawn in the frame after `move`."""
    return page.evaluate(f"""new Promise((done) => {{
        skillgraph.network.once("afterDrawing", () => done(skillgraph.labels()));
        {move};
        skillgraph.network.redraw();
    }})""")


def compact_to_iri(compact: str) -> str:
    return "https://w3id.org/skillgraph/id/" + compact.removeprefix("id:")


def test_first_paint_of_every_document_labels_them_all(tmp_path):
    import skillgraph

    graph = skillgraph.build([DOCUMENTS])
    view.write_html(graph, tmp_path / "view.html")
    browser = Chromium(tmp_path / "profile", width=1400, height=900)
    try:
        browser.open((tmp_path / "view.html").as_uri(), READY)
        labelled = {label["id"] for label in browser.evaluate("skillgraph.labels()")}
        documents = set(browser.evaluate("skillgraph.data.nodes.filter((n) => n.group === 'Reply').map((n) => n.id)"))
        assert len(documents) == len(list(DOCUMENTS.glob("*.txt"))) and documents <= labelled
        assert browser.evaluate(IN_VIEW) == 0
    finally:
        browser.close()


def test_the_fitted_view_leaves_no_node_off_screen(corpus):
    assert corpus.evaluate("skillgraph.drawn().nodes") > 200
    assert corpus.evaluate(IN_VIEW) == 0


def test_search_lists_hits_with_class_and_document_and_a_hit_focuses(corpus):
    corpus.evaluate("document.getElementById('query').value = '技能大师工作室'")
    corpus.evaluate("document.querySelector('#search button').click()")
    hits = corpus.evaluate("[...document.querySelectorAll('#hits .hit')].map((b) => b.textContent)")
    assert len(hits) > 2 and any("平台类型" in h for h in hits) and any("统计数据" in h for h in hits)
    assert any("2023年武汉市技能大" in h for h in hits)  # the document a hit comes from
    corpus.evaluate("[...document.querySelectorAll('#hits .hit')].find((b) => b.textContent.includes('平台类型')).click()")
    assert corpus.evaluate(SELECTED) == ["id:platform-type/技能大师工作室"]
    assert corpus.evaluate("decodeURIComponent(location.hash)") == "#node=id:platform-type/技能大师工作室"
    assert corpus.evaluate("skillgraph.network.getScale()") >= 1
    x, y = node_point(corpus, "id:platform-type/技能大师工作室")
    assert 300 < x < 1400 and 0 < y < corpus.evaluate("innerHeight")  # in sight
    details = corpus.evaluate(DETAILS)
    assert "技能大师工作室" in details and "关系" in details


def test_details_link_every_relation_and_mark_the_mention(corpus):
    corpus.evaluate("skillgraph.focus(skillgraph.data.nodes.find((n) => n.info.iri === 'id:agency/咸阳市人力资源和社会保障局').id)")
    marked = corpus.evaluate("[...document.querySelectorAll('#details mark')].map((m) => m.textContent)")
    assert "咸阳市人力资源和社会保障局" in marked and "市人社局" in marked
    links = corpus.evaluate("[...document.querySelectorAll('#details .relations a')].map((a) => a.textContent)")
    assert "咸人社函〔2025〕140号" in links
    corpus.evaluate("[...document.querySelectorAll('#details .relations a')].find((a) => a.textContent === '咸人社函〔2025〕140号').click()")
    assert corpus.evaluate(SELECTED) == ["id:doc/000_425f8ebd1574510b.txt"]
    assert "咸人社函〔2025〕140号" in corpus.evaluate("document.querySelector('#details h2').textContent")


def test_the_url_fragment_reopens_the_same_focus(corpus, tmp_path):
    url = corpus.evaluate("location.href.split('#')[0]") + "#node=" + "id:agency/人力资源和社会保障部"
    corpus.call("Page.navigate", url="about:blank")
    corpus.open(url, READY)
    assert corpus.evaluate(SELECTED) == ["id:agency/人力资源和社会保障部"]
    assert "人力资源和社会保障部" in corpus.evaluate(DETAILS)
    x, y = node_point(corpus, "id:agency/人力资源和社会保障部")
    box = corpus.evaluate("(({left, top, width, height}) => ({left, top, width, height}))(document.getElementById('graph').getBoundingClientRect())")
    assert abs(x - (box["left"] + box["width"] / 2)) < 2 and abs(y - (box["top"] + box["height"] / 2)) < 2  # centred
    assert corpus.exceptions() == []


def test_the_document_filter_shows_one_document(corpus, corpus_graph):
    g = to_networkx(corpus_graph)
    doc = "https://w3id.org/skillgraph/id/doc/19_wuhan_rsj_jineng_dashi_gongzuoshi_2023.txt"
    expected = sum(doc in attrs["documents"] for _, attrs in g.nodes(data=True))
    corpus.evaluate("""(() => { const select = document.getElementById('document');
        select.value = [...select.options].find((o) => o.textContent === '2023年武汉市技能大师工作室名单').value;
        select.dispatchEvent(new Event('change')); })()""")
    assert corpus.evaluate("skillgraph.drawn().nodes") == expected
    assert corpus.evaluate(IN_VIEW) == 0
    corpus.evaluate("document.getElementById('document').value = ''; document.getElementById('document').dispatchEvent(new Event('change'))")
    assert corpus.evaluate("skillgraph.drawn().nodes") == len(g)


def test_a_large_graph_opens_aggregated_and_a_click_expands_a_document(tmp_path, corpus_graph):
    g = to_networkx(corpus_graph)
    view.write_html(corpus_graph, tmp_path / "view.html", overview_above=100)
    browser = Chromium(tmp_path / "profile", width=1400, height=900)
    try:
        browser.open((tmp_path / "view.html").as_uri(), READY)
        shared = {n for n, attrs in g.nodes(data=True) if attrs["class"] in ("Agency", "Place") and len(attrs["documents"]) > 1}
        overview = len(shared) + sum(cls == "Reply" for _, cls in g.nodes(data="class"))
        assert shared and browser.evaluate("skillgraph.drawn().nodes") == overview
        assert browser.evaluate(IN_VIEW) == 0
        labelled = {label["group"] for label in browser.evaluate("skillgraph.labels()")}
        assert {"Reply", "Agency"} <= labelled
        doc = "id:doc/000_425f8ebd1574510b.txt"
        scale = browser.evaluate("skillgraph.network.getScale()")
        browser.click(*node_point(browser, doc))
        assert browser.evaluate("skillgraph.network.getScale()") > scale  # zoomed onto what it brought
        members = {n for n, attrs in g.nodes(data=True) if compact_to_iri(doc) in attrs["documents"]}
        drawn = browser.evaluate("skillgraph.nodes.getIds().map((id) => skillgraph.data.nodes[id].info.iri)")
        assert len(members) > 50 and {compact_to_iri(iri) for iri in drawn} >= members  # its people, measures, figures …
        assert "咸人社函〔2025〕140号" in browser.evaluate(DETAILS)
        browser.evaluate("document.getElementById('overview').click()")
        assert browser.evaluate("skillgraph.drawn().nodes") == overview
        browser.evaluate("skillgraph.search('杨婉洁')")  # a node inside a document: found, its document expanded
        assert browser.evaluate(SELECTED) == ["id:person/competition/第二届全国乡村振兴职业技能大赛/杨婉洁"]
        assert browser.exceptions() == []
    finally:
        browser.close()


def test_the_notebook_view_is_the_same_page(tmp_path):
    frame = view.network(sample_graph())._repr_html_()
    (tmp_path / "notebook.html").write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{frame}</body>", encoding="utf-8")
    browser = Chromium(tmp_path / "profile")
    try:
        browser.open((tmp_path / "notebook.html").as_uri(),
                     "document.querySelector('iframe')?.contentDocument?.body?.dataset.readyMs")
        drawn = browser.evaluate("document.querySelector('iframe').contentWindow.skillgraph.drawn()")
        g = to_networkx(sample_graph())
        assert drawn == {"nodes": len(g), "edges": g.number_of_edges()}
        assert browser.evaluate("document.querySelector('iframe').contentDocument.querySelectorAll('#legend input').length") == 6
    finally:
        browser.close()


def test_a_large_build_writes_its_overview_page_and_a_click_expands(tmp_path, monkeypatch):
    """What `skillgraph build` writes for a graph above the limits, made small here: the
    page read from the Turtle, opened on the overview, without sentences; a click on a
    document reads its part and draws its nodes; search and #node= read the parts they need."""
    from skillgraph import cli

    monkeypatch.setattr(view, "OVERVIEW_ABOVE", 100)
    monkeypatch.setattr(view, "DETAIL_TRIPLES", 1000)
    assert cli.main(["build", *[str(DOCUMENTS / f"{stem}.txt") for stem in EIGHT], "--out", str(tmp_path / "out"),
                     "--jobs", "1", "--quiet"]) == 0
    page = tmp_path / "out" / "skillgraph.html"
    assert page.read_text(encoding="utf-8").count('<script type="application/json" id="part-') == len(EIGHT)
    from skillgraph import store

    g = to_networkx(store.load([tmp_path / "out" / "skillgraph.ttl"]))
    browser = Chromium(tmp_path / "profile", width=1400, height=900)
    try:
        browser.open(page.as_uri(), READY)
        overview = browser.evaluate("skillgraph.data.overview.nodes.length")
        assert browser.evaluate("skillgraph.drawn().nodes") == overview < 60
        assert browser.evaluate("skillgraph.data.nodes.filter(Boolean).length") < len(g) / 4  # the rest is in the parts, unread
        assert f"{len(g)} 个节点" in browser.evaluate("document.getElementById('summary').textContent")
        doc = "id:doc/19_wuhan_rsj_jineng_dashi_gongzuoshi_2023.txt"
        browser.click(*node_point(browser, doc))
        members = {n for n, attrs in g.nodes(data=True) if compact_to_iri(doc) in attrs["documents"]}
        drawn = browser.evaluate("skillgraph.nodes.getIds().map((id) => skillgraph.data.nodes[id].info.iri)")
        assert len(members) > 20 and {compact_to_iri(iri) for iri in drawn} >= members
        assert browser.evaluate("skillgraph.drawn().edges") > len(members)
        details = browser.evaluate(DETAILS)
        assert "2023年武汉市技能大师工作室名单" in details and "关系" in details and "skillgraph view --document" in details
        assert browser.evaluate(IN_VIEW) > 0  # zoomed onto the document: the rest of the overview out of sight
        browser.evaluate("document.getElementById('overview').click()")
        assert browser.evaluate("skillgraph.drawn().nodes") == overview
        hits = browser.evaluate("skillgraph.search('杨婉洁')")  # in a part not read yet: found, its document expanded
        assert len(hits) == 1 and browser.evaluate(SELECTED) == ["id:person/competition/第二届全国乡村振兴职业技能大赛/杨婉洁"]
        url = page.as_uri() + "#node=" + "id:doc/14_wuhan_rsj_20190244_zhiye_peixun.txt/proposal/proposal"
        browser.call("Page.navigate", url="about:blank")
        browser.open(url, READY)
        assert browser.evaluate(SELECTED) == ["id:doc/14_wuhan_rsj_20190244_zhiye_peixun.txt/proposal/proposal"]
        assert browser.exceptions() == []
    finally:
        browser.close()


def test_a_hub_draws_its_neighbours_a_batch_at_a_time(tmp_path):
    """On an aggregated page a node hundreds of documents name (技能大师工作室: every reply of
    benchmarks/corpus.py counts them) draws its first neighbours on a click, reading only
    the parts they need; the details say how many are left and their button draws the next."""
    import sys

    import skillgraph

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import corpus

    corpus.write(170, tmp_path / "corpus")
    graph = skillgraph.build([tmp_path / "corpus"])
    net = view.network(graph)
    g = to_networkx(graph)
    iris = [record["info"]["iri"] for record in net.nodes]
    hub = net.nodes[iris.index("id:platform-type/技能大师工作室")]
    overview = {compact_to_iri(net.node_map[o["id"]]["info"]["iri"]) for o in net.overview["nodes"]}
    iri = compact_to_iri(hub["info"]["iri"])
    outside = (set(g.successors(iri)) | set(g.predecessors(iri))) - overview - {iri}
    assert hub["reach"] == len(outside) == 170 and len(hub["docs"]) == 170
    net.write_html(tmp_path / "view.html")
    browser = Chromium(tmp_path / "profile", width=1400, height=900)
    try:
        browser.open((tmp_path / "view.html").as_uri(), READY + " && document.readyState !== 'loading'")  # parts parsed
        browser.evaluate(f"skillgraph.focus({hub['id']})")  # drawn with its first document, not expanded
        assert "已显示 0 / 170 个相邻节点 · 还有 170 个" in browser.evaluate(DETAILS)
        parts, drawn = browser.evaluate("skillgraph.parts()"), browser.evaluate("skillgraph.drawn().nodes")
        assert parts <= 150 < len(hub["docs"])  # as far as 150 neighbours: a statistic (at least) in each document
        relations = "document.querySelector('#details .relations').previousElementSibling.textContent"
        assert browser.evaluate(relations).endswith("+)")  # those of the parts read so far
        browser.click(*node_point(browser, hub["info"]["iri"]))
        first = browser.evaluate("skillgraph.drawn().nodes")
        assert drawn < first <= drawn + 150  # its first 150 neighbours (one drawn with its document)
        assert "已显示 150 / 170 个相邻节点 · 还有 20 个 / 20 more" in browser.evaluate(DETAILS)
        assert browser.evaluate("skillgraph.parts()") == parts  # the details had read what the batch needs
        browser.evaluate("document.querySelector('#details button.more').click()")
        drawn_iris = browser.evaluate("skillgraph.nodes.getIds().map((id) => skillgraph.data.nodes[id].info.iri)")
        assert len(drawn_iris) == first + 20 and {compact_to_iri(i) for i in drawn_iris} >= outside
        assert browser.evaluate("skillgraph.parts()") == len(hub["docs"])
        assert "相邻节点" not in browser.evaluate(DETAILS) and browser.evaluate("document.querySelector('#details button.more')") is None
        assert not browser.evaluate(relations).endswith("+)")
        browser.evaluate("document.getElementById('overview').click()")  # back to the overview: the hub again whole
        browser.evaluate(f"skillgraph.focus({hub['id']})")
        assert "已显示 0 / 170 个相邻节点" in browser.evaluate(DETAILS)
        assert browser.exceptions() == []
    finally:
        browser.close()
