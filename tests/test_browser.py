"""The page in headless Chromium, checked through its own JavaScript over the DevTools
protocol: what vis-network draws, the legend, tooltips with hostile text, toggles, search,
and that it asks for nothing from the network."""
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
