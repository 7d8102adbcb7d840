"""The interactive network view: one self-contained HTML page (pyvis model, vis-network).

`network(graph)` gives the pyvis `Network` (for notebooks: it shows the same page);
`render(net)` the page; `write_html(graph, path)` writes it. The page needs no network:
vis-network (pyvis's bundled copy) and the page's own script and style are inlined. The
layout is computed here (seeded, linear in nodes + edges), so the same graph gives a
byte-identical page, and the browser only draws: no physics, nothing moves. The page
draws the labels itself, most important first, as many as fit the zoom. A graph above
`OVERVIEW_ABOVE` nodes opens on an aggregated overview (documents, agencies, places)
that expands on click; `document=` draws one document as a reading aid.
"""
from __future__ import annotations

import html
import json
import re
from functools import cache
from math import sqrt
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import numpy as np
import pyvis
import yaml
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from .errors import UserError
from .netgraph import PROV, Scan, compact, scan, to_networkx
from .files import write_atomic
from .resources import ID, PACKAGE

TITLE = "skillgraph 知识图谱"
VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
STYLES = {  # class: (colour, vis shape)
    "Reply": ("#d62728", "square"),
    "Proposal": ("#ff7f0e", "square"),
    "PolicyDocument": ("#8c564b", "square"),
    "Policy": ("#bcbd22", "diamond"),
    "Agency": ("#1f77b4", "dot"),
    "Organization": ("#17becf", "dot"),
    "Person": ("#e377c2", "dot"),
    "Place": ("#2ca02c", "triangle"),
    "PlatformSystem": ("#9467bd", "hexagon"),
    "PlatformTier": ("#a55194", "hexagon"),
    "PlatformType": ("#7b4173", "hexagon"),
    "Competition": ("#e6550d", "star"),
    "CompetitionEvent": ("#fd8d3c", "star"),
    "Award": ("#e7ba52", "star"),
    "Measure": ("#637939", "triangleDown"),
    "Concept": ("#7f7f7f", "diamond"),
    "Statistic": ("#393b79", "square"),
}
KEY_LITERALS = ("documentNumber", "date", "value", "unit", "qualifier", "indicator", "periodStart")
PROVENANCE = str(PROV.wasDerivedFrom)
FAINT = "#d5dae0"
LABEL_CHARS = 12  # longer labels are shortened on the canvas (the tooltip has them whole)
GENERIC_TITLE = 4  # a document's title this short (答复, 协办意见) is no name: its 文号 or file is shown
STATISTIC_WORDS = 8  # of what a statistic counts, before its amount
SENTENCES_SHOWN = 5
PIXELS_PER_UNIT = 120  # the layout's ideal edge length, on screen
LARGE = 1000  # nodes; from here on edges have no arrowheads (40% of a frame) and hide while dragging or zooming
OVERVIEW_ABOVE = 1000  # nodes; a larger graph opens on its aggregated overview
OVERVIEW_CLASSES = ("Reply", "Agency", "Place")  # the overview's nodes (agencies and places named by several documents)
OVERVIEW_SPREAD = 3.0  # overview nodes this many edge lengths apart, room to expand a document
SPIRAL_SPACING = 0.6  # in edge lengths, between the nodes an expanded document brings
SHARED_MAX = 20  # an entity in more documents than this links them through no document–document edge
PARTNERS = 5  # document–document edges kept per document, the strongest
ENTITY_LINKS = 4  # overview edges from a document to the agencies and places it names, the least shared first
MANY_DOCUMENTS = 2000  # an overview of more documents keeps half as many edges (vis-network's set-up grows with them)
DETAIL_TRIPLES = 1_000_000  # a larger graph's page holds no source sentences (use --document): they are not even read


# --- layout: multilevel Fruchterman–Reingold per component, components packed in rows ----

COARSEST = 50  # components or coarsest levels this small get exact all-pairs forces
GAP = 2.0  # between packed components, in edge lengths


def _sum_at(index, values, n):
    """Add the rows of `values` (k, 2) into an (n, 2) array at rows `index`."""
    return np.stack([np.bincount(index, values[:, d], minlength=n) for d in (0, 1)], axis=1)


def _push(delta):
    """Repulsion for an ideal edge length of 1: 1/distance, along delta."""
    return delta / np.maximum((delta ** 2).sum(-1), 1e-4)[..., None]


def _pairwise(pos, i, j):
    """Force on each node from pushes between the pairs (i, j)."""
    push = _push(pos[i] - pos[j])
    return _sum_at(i, push, len(pos)) - _sum_at(j, push, len(pos))


@cache
def _grid_kernel_fft(size):
    """The FFT of the push of a unit mass at each grid offset (cell size 1)."""
    offsets = np.arange(-size, size)
    kernel = _push(np.stack(np.meshgrid(offsets, offsets, indexing="ij"), axis=-1).astype(float))
    kernel[size, size] = 0
    return np.fft.rfft2(np.fft.ifftshift(kernel, axes=(0, 1)), axes=(0, 1))


def _grid_repulsion(pos):
    """All-pairs repulsion in O(n + size² log size): nodes as masses on a size×size grid,
    the field by FFT convolution. Within a cell (where the grid sees no distance) each node
    is pushed from the centre of the cell's other nodes, as by their summed mass: linear,
    however many nodes share the cell (the leaves of a hub do)."""
    n = len(pos)
    size = min(256, int(2 ** np.round(np.log2(4 * sqrt(n)))))
    low = pos.min(0)
    cell = max((pos.max(0) - low).max() / (size - 1), 1e-3)
    cells = np.rint((pos - low) / cell).astype(int)
    flat = cells[:, 0] * size + cells[:, 1]
    count = np.bincount(flat, minlength=size * size)
    mass = np.zeros((2 * size, 2 * size))
    mass[:size, :size] = count.reshape(size, size)
    kernel_fft = _grid_kernel_fft(size)
    field = np.fft.irfft2(np.fft.rfft2(mass)[..., None] * kernel_fft, s=mass.shape, axes=(0, 1))
    others = count[flat] - 1
    centre = (_sum_at(flat, pos, size * size)[flat] - pos) / np.maximum(others, 1)[:, None]
    away = pos - centre
    near = others[:, None] * away / np.maximum((away ** 2).sum(1), (0.05 * cell) ** 2)[:, None]
    return field[cells[:, 0], cells[:, 1]] / cell + near


def _relax(pos, edges, pairs, iterations, step):
    """Fruchterman–Reingold: nodes repel (exactly between `pairs`, or all pairs on a grid
    when `pairs` is None), edges pull with d²; each move at most `step`, cooling linearly."""
    u, v = edges[:, 0], edges[:, 1]
    for it in range(iterations):
        force = _grid_repulsion(pos) if pairs is None else _pairwise(pos, *pairs)
        delta = pos[v] - pos[u]
        pull = delta * np.sqrt((delta ** 2).sum(1))[:, None]
        force += _sum_at(u, pull, len(pos)) - _sum_at(v, pull, len(pos))
        length = np.maximum(np.sqrt((force ** 2).sum(1)), 1e-9)
        limit = step * (1 - it / iterations) + 0.01
        pos = pos + force * (np.minimum(length, limit) / length)[:, None]
    return pos


def _coarsen(n, edges, rng):
    """Merge a connected graph's nodes into clusters, at least halving it: hubs first take
    their free neighbours; a node whose neighbours are all taken joins one of theirs."""
    neighbours = [[] for _ in range(n)]
    for u, v in edges:
        neighbours[u].append(v)
        neighbours[v].append(u)
    cluster = np.full(n, -1)
    count = 0
    for v in np.lexsort((rng.random(n), [-len(x) for x in neighbours])):
        if cluster[v] < 0:
            free = [u for u in neighbours[v] if cluster[u] < 0]
            if free:
                cluster[[v, *free]] = count
                count += 1
            else:
                cluster[v] = cluster[neighbours[v][0]]
    return cluster, count


def _multilevel(n, edges, rng):
    """Positions (n, 2) of a connected graph: lay out the coarsened graph, start each node
    at its cluster's place, relax (Walshaw's multilevel scheme)."""
    if n <= COARSEST:
        return _relax(rng.uniform(-1, 1, (n, 2)) * sqrt(n), edges, np.triu_indices(n, 1), 300, sqrt(n))
    cluster, m = _coarsen(n, edges, rng)
    coarse = np.unique(np.sort(cluster[edges], axis=1), axis=0)
    coarse = coarse[coarse[:, 0] != coarse[:, 1]]
    pos = _multilevel(m, coarse, rng)[cluster] * sqrt(n / m) + rng.normal(0, 0.3, (n, 2))
    return _relax(pos, edges, None, 50, 2.0)


def _small_components(components, edges, rng):
    """Lay out all small components in one go: exact forces, only within a component."""
    nodes = np.concatenate(components)
    local = np.empty(nodes.max() + 1, dtype=int)
    local[nodes] = np.arange(len(nodes))
    pairs, offset = [], 0
    for c in components:
        i, j = np.triu_indices(len(c), 1)
        pairs.append(np.stack([i, j]) + offset)
        offset += len(c)
    pos = np.concatenate([rng.uniform(-1, 1, (len(c), 2)) * sqrt(len(c)) for c in components])
    pos = _relax(pos, local[edges], tuple(np.concatenate(pairs, axis=1)), 300, sqrt(COARSEST))
    return [pos[local[c]] for c in components]


def _landscape(shape):
    """The shape turned so that its longest extent lies along x, then stretched along y up
    to twice, to be no wider than a screen (16:10): more room for labels."""
    centred = shape - shape.mean(0)
    if len(shape) < 3:
        return centred
    _, axes = np.linalg.eigh(centred.T @ centred)
    turned = centred @ axes[:, ::-1]
    turned *= np.where(turned[np.abs(turned).argmax(0), [0, 1]] < 0, -1, 1)  # a fixed orientation
    width, height = np.ptp(turned, axis=0)
    turned[:, 1] *= min(2.0, max(1.0, width / 1.6 / max(height, 1e-9)))
    return turned


def _pack(boxes):
    """Offsets placing boxes (width, height), largest first, left to right in rows; the
    whole about as wide as a screen (16:10)."""
    width = max(sqrt(1.6 * sum((w + GAP) * (h + GAP) for w, h in boxes)), max(w for w, _ in boxes))
    offsets, x, y, row = [], 0.0, 0.0, 0.0
    for w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row + GAP, 0.0
        offsets.append((x, y))
        x, row = x + w + GAP, max(row, h)
    return offsets


def _component_shapes(components, edges, rng):
    """Each component laid out on its own, with its lowest corner at (0, 0)."""
    member = np.empty(sum(len(c) for c in components), dtype=int)
    for k, c in enumerate(components):
        member[c] = k
    owner = member[edges[:, 0]]
    order = np.argsort(owner, kind="stable")
    bounds = np.searchsorted(owner[order], np.arange(len(components) + 1))
    shapes = {k: _multilevel(len(c), np.searchsorted(c, edges[order[bounds[k]:bounds[k + 1]]]), rng)
              for k, c in enumerate(components) if len(c) > COARSEST}
    small = [k for k, c in enumerate(components) if len(c) <= COARSEST]
    if small:
        in_small = edges[np.isin(owner, small)]
        shapes.update(zip(small, _small_components([components[k] for k in small], in_small, rng)))
    turned = [_landscape(shapes[k]) for k in range(len(components))]
    return [shape - shape.min(0) for shape in turned]


def layout(g: nx.Graph, seed: int = 1) -> dict:
    """Node → (x, y) in edge lengths; the same graph and seed give the same positions."""
    index = {node: i for i, node in enumerate(g)}
    if not index:
        return {}
    edges = np.array([(index[u], index[v]) for u, v in g.edges() if u != v], dtype=int).reshape(-1, 2)
    components = sorted((np.array(sorted(index[n] for n in c)) for c in nx.connected_components(g.to_undirected(as_view=True))),
                        key=lambda c: (-len(c), c[0]))
    shapes = _component_shapes(components, edges, np.random.default_rng(seed))
    pos = np.empty((len(index), 2))
    for c, shape, offset in zip(components, shapes, _pack([tuple(s.max(0)) for s in shapes])):
        pos[c] = shape + offset
    pos -= (pos.max(0) + pos.min(0)) / 2
    return {node: tuple(pos[i]) for node, i in index.items()}


# --- what the canvas shows -----------------------------------------------------------------

NUMBER = re.compile(r"\d[\d.,]*")


@cache
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(long word, short form), longest first, from templates/abbreviations.yaml."""
    table = yaml.safe_load((PACKAGE / "templates" / "abbreviations.yaml").read_text(encoding="utf-8"))
    return tuple(sorted(table.items(), key=lambda item: -len(item[0])))


def short(label: str, limit: int = LABEL_CHARS) -> str:
    """At most about `limit` characters: long words in their usual short form (人社局), then
    cut with "…" but never in or just before a number: such a cut moves to its end."""
    if len(label) <= limit:
        return label
    for word, abbreviation in abbreviations():
        label = label.replace(word, abbreviation)
    cut = limit - 1
    for number in NUMBER.finditer(label):
        if number.start() <= cut < number.end():
            cut = number.end()
    return label if cut >= len(label) - 1 else label[:cut].rstrip() + "…"


def _plain(value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(value: float) -> str:
    """A number as a reader writes it, exactly: 680000 → 68万, 110000000 → 1.1亿, 115 → 115."""
    forms = [_plain(value, 2)] + [_plain(value / size, places) + word
                                  for size, places, word in ((1e4, 6, "万"), (1e8, 10, "亿")) if abs(value) >= size]
    return min(forms, key=len)


def display(attrs: dict, iri: str = "") -> str:
    """The node's text on the canvas; a statistic's is what it counts and its amount
    (`补贴资金 1000万元`), the number whole; a document titled only 答复 or 协办意见 by its
    文号, else with its file's name (`答复 · 07_wuxi_cq…`)."""
    literals = attrs["literals"]
    if attrs["class"] == "Reply" and len(attrs["label"]) <= GENERIC_TITLE:
        if literals.get("documentNumber"):
            return short(literals["documentNumber"][0])
        name = unquote(iri.rsplit("/", 1)[-1]).rsplit(".", 1)[0]
        return short(f"{attrs['label']} · {name}", LABEL_CHARS + 4) if name else attrs["label"]
    if attrs["class"] == "Statistic" and literals.get("value"):
        try:
            number = amount(float(literals["value"][0]))
        except ValueError:
            return short(attrs["label"])
        what = literals.get("indicator", [attrs["label"].rsplit(" ", 1)[0]])[0]
        return f"{short(what, STATISTIC_WORDS)} {number}{literals.get('unit', [''])[0]}"
    return short(attrs["label"])


def importance(g: nx.MultiDiGraph) -> dict:
    """Node → rank, 0 the most important: documents, agencies, then the others, statistics
    last; within each, more connected first. The page labels in this order."""
    degree = dict(g.degree())
    tier = {"Reply": 0, "Agency": 1, "Statistic": 3}
    order = sorted(g, key=lambda n: (tier.get(g.nodes[n]["class"], 2), -degree[n], g.nodes[n]["label"], n))
    return {node: rank for rank, node in enumerate(order)}


def node_size(cls: str, degree: int, top: int) -> int:
    """Statistics small; other nodes from 10 to 30 by degree."""
    return 6 if cls == "Statistic" else round(10 + 20 * sqrt(degree / max(top, 1)))


def info(attrs: dict, names: dict, iri: str, sentences: dict, sentences_shown: int = SENTENCES_SHOWN) -> dict:
    """What the tooltip and the details panel show: names, key literals first, the first
    source sentences (as numbers in `sentences`, text → number, which this fills: a
    sentence is in the page once, however many nodes it names) with the offsets of the
    node's mentions in them."""
    literals = attrs["literals"]
    order = [k for k in KEY_LITERALS if k in literals] + [k for k in literals if k not in KEY_LITERALS]
    return {
        "iri": compact(iri),
        "labels": attrs["labels"],
        "literals": [[names.get(k, k), "; ".join(literals[k])] for k in order],
        "sentences": [[sentences.setdefault(text, len(sentences)), marks]
                      for text, marks in zip(attrs["sentences"][:sentences_shown], attrs["marks"])],
        "more": max(0, len(attrs["sentences"]) - sentences_shown),
    }


def legend(g: nx.MultiDiGraph) -> list[dict]:
    """The classes present, in the ontology's order, with their label, style and count."""
    counts = {}
    for _, cls in g.nodes(data="class"):
        counts[cls] = counts.get(cls, 0) + 1
    return [{"id": cls, "label": g.graph["names"].get(cls, cls), "color": colour, "shape": shape,
             "count": counts[cls]} for cls, (colour, shape) in STYLES.items() if cls in counts]


def options(large: bool) -> dict:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "nodes": {"borderWidth": 1},
        "edges": {"arrows": {"to": {"scaleFactor": 0.4}}, "smooth": False,
                  "width": 1, "color": {"color": "#9aa5b1", "highlight": "#333333", "opacity": 0.8},
                  "font": {"face": FONT, "size": 10, "color": "#555555", "strokeWidth": 2},
                  "scaling": {"label": {"drawThreshold": 8}}},  # no edge label smaller than 8 px on screen
        "groups": {cls: {"color": {"background": colour, "border": "#ffffff",
                                   "highlight": {"background": colour, "border": "#000000"}},
                         "shape": shape} for cls, (colour, shape) in STYLES.items()},
    }


# --- the aggregated overview of a large graph ---------------------------------------------

def _spiral(nodes: list) -> list:
    """[id, dx, dy] for nodes placed on a sunflower spiral, the first nearest the centre."""
    golden = np.pi * (3 - sqrt(5))
    k = np.arange(len(nodes))
    radius = SPIRAL_SPACING * PIXELS_PER_UNIT * np.sqrt(k + 1.5)
    return [[node, round(float(r * np.cos(a))), round(float(r * np.sin(a)))]
            for node, r, a in zip(nodes, radius, k * golden)]


# --- one document as a reading aid --------------------------------------------------------

READING_COLUMNS = (  # left to right, after the document itself
    ("Agency", "Person", "Proposal", "Organization", "Place"),
    ("PolicyDocument", "Policy", "PlatformSystem", "PlatformTier", "PlatformType",
     "Competition", "CompetitionEvent", "Award", "Concept"),
    ("Measure",),
    ("Statistic",),
)
COLUMN_GAP, ROW_GAP = 3.4, 0.5  # in edge lengths
ROWS = 24  # a longer column wraps into several of equal length


def document_iri(g: nx.MultiDiGraph, document: str) -> str:
    """The IRI of a document named by its id (`000_425f8ebd1574510b`), `id:doc/…` or IRI."""
    for iri in (document, ID + document.removeprefix("id:"), f"{ID}doc/{document}"):
        if g.nodes.get(iri, {}).get("class") == "Reply":
            return iri
    stem = f"{ID}doc/{document.removeprefix('id:doc/')}."  # the id without its suffix, if one document has it
    found = [n for n, cls in g.nodes(data="class") if cls == "Reply" and n.startswith(stem) and "/" not in n[len(stem):]]
    if len(found) == 1:
        return found[0]
    raise UserError(f"no document {document!r} in the graph; list them with "
                    "`skillgraph query --name documents` and give one's id, e.g. 000_425f8ebd1574510b")


def document_graph(g: nx.MultiDiGraph, document: str) -> nx.MultiDiGraph:
    """The nodes that come from one document, and the relations between them."""
    iri = document_iri(g, document)
    return g.subgraph([n for n, docs in g.nodes(data="documents") if iri in docs]).copy()


def _natural(text: str) -> tuple:
    """Sort key reading digit runs as numbers: measure/2 before measure/10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def reading_layout(g: nx.MultiDiGraph) -> dict:
    """The document at the left; then who (agencies, people, proposal), what (policies,
    platforms, contests, concepts), measures and figures, each a column in reading order."""
    column = {cls: i + 1 for i, classes in enumerate(READING_COLUMNS) for cls in classes}
    order = {cls: i for classes in READING_COLUMNS for i, cls in enumerate(classes)}
    columns = {}
    for node, cls in g.nodes(data="class"):
        columns.setdefault(column.get(cls, 0), []).append(node)
    positions, x = {}, 0
    for _, nodes in sorted(columns.items()):
        nodes.sort(key=lambda n: (order.get(g.nodes[n]["class"], 0), _natural(n)))
        parts = -(-len(nodes) // ROWS)
        for k in range(parts):
            part = nodes[k * len(nodes) // parts:(k + 1) * len(nodes) // parts]
            for y, node in enumerate(part):
                positions[node] = (x * COLUMN_GAP, (y - (len(part) - 1) / 2) * ROW_GAP)
            x += 1
    return positions


# --- the pyvis network -------------------------------------------------------------------

class PageNetwork(Network):
    """A pyvis Network whose page is skillgraph's own: `write_html`, `show` and, in Jupyter,
    `_repr_html_` give the same self-contained page as `skillgraph view`. Its edges name
    their kind (property) in `edge_kinds`; its nodes' sentences are numbers in `sentences`.
    An aggregated page's `overview` is what it opens on, `parts` each document's
    neighbourhood as JSON, and `totals` the graph's numbers of nodes and edges."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edge_kinds: list[dict] = []
        self.sentences: list[str] = []
        self.parts: list[tuple[int, str]] = []
        self.overview: dict | None = None
        self.totals: dict | None = None
        self.trimmed = False
        self.reading = False

    def generate_html(self, name="index.html", local=True, notebook=False) -> str:
        self.html = render(self)
        return self.html

    def write_html(self, name, local=True, notebook=False, open_browser=False) -> None:
        write_atomic(Path(name), render(self))
        if open_browser:
            import webbrowser

            webbrowser.open(Path(name).resolve().as_uri())

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(render(self))}" title="{TITLE}" '
                'style="width: 100%; height: 640px; border: 1px solid #ddd"></iframe>')


def triple_count(graph) -> int | None:
    """The number of triples of an rdflib Graph or pyoxigraph Store; None for other sources."""
    try:
        return len(graph)
    except TypeError:
        return None


def network(graph, seed: int = 1, document: str | None = None,
            overview_above: int | None = None, evidence: bool | None = None) -> PageNetwork:
    """The drawable part of `graph` (an rdflib Graph, a pyoxigraph Store, an iterable of its
    triples or a `netgraph.Scan`; or of one `document` in it) as a pyvis Network, laid out and
    styled. Each node carries its canvas `text`, label `rank`, `docs` and `info`; the source
    sentences unless `evidence` is false (by default: up to `DETAIL_TRIPLES`). Above
    `overview_above` nodes `net.overview` holds the aggregated view the page opens on, and
    only its nodes are in `net.nodes`: each document's neighbourhood is in `net.parts`."""
    overview_above = OVERVIEW_ABOVE if overview_above is None else overview_above
    detail: bool | str = evidence if evidence is not None else (triple_count(graph) or 0) <= DETAIL_TRIPLES
    if document is not None and not detail:  # one document's sentences, whatever the size
        detail = document if document.startswith(ID) else f"{ID}doc/{document.removeprefix('id:doc/')}"
    found = graph if isinstance(graph, Scan) else scan(graph, detail)
    if not len(found):
        raise UserError("nothing to draw: no node is typed with a skillgraph class "
                        "(a CONSTRUCT query must keep the rdf:type triples of what it returns)")
    if document is None and len(found) > overview_above and "Reply" in found.classes:
        return aggregated(found, seed)
    g = to_networkx(found)
    if document is not None:
        g = document_graph(g, document)
    ids = {node: i for i, node in enumerate(g)}
    positions = reading_layout(g) if document is not None else layout(g, seed)
    degree = dict(g.degree())
    top = max(degree.values(), default=1)
    rank = importance(g)
    shown = SENTENCES_SHOWN if found.evidence is not None else 0
    sentences: dict[str, int] = {}
    net = PageNetwork(height="100%", width="100%", directed=True, heading=TITLE, cdn_resources="in_line")
    for node, attrs in g.nodes(data=True):
        x, y = positions[node]
        net.nodes.append({"id": ids[node], "group": attrs["class"],
                          "size": node_size(attrs["class"], degree[node], top), "text": display(attrs, node),
                          "rank": rank[node], "docs": [ids[d] for d in attrs["documents"] if d in ids],
                          "info": info(attrs, g.graph["names"], node, sentences, shown),
                          "x": round(x * PIXELS_PER_UNIT), "y": round(y * PIXELS_PER_UNIT)})
    net.node_ids = [n["id"] for n in net.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    arrows = "" if len(g) >= LARGE else "to"
    kinds: dict[str, int] = {}  # property → its number in net.edge_kinds: each edge names its kind
    for u, v, key, attrs in g.edges(keys=True, data=True):
        if key not in kinds:
            kinds[key] = len(kinds)
            net.edge_kinds.append(edge_kind(key, attrs["label"], arrows))
        net.edges.append({"from": ids[u], "to": ids[v], "kind": kinds[key]})
    net.options = options(len(g) >= LARGE)
    net.legend = legend(g)
    net.trimmed = not shown
    net.reading = document is not None
    net.sentences = list(sentences)
    return net


def edge_kind(prop: str, label: str, arrows: str) -> dict:
    kind = {"rel": label, "title": f"{label}  {compact(prop)}", "arrows": arrows}
    if prop == PROVENANCE:  # one per entity: drawn faint and unlabelled, not to drown the rest
        kind["color"] = FAINT
    else:
        kind["label"] = label
    return kind


def _attrs(found: Scan, i: int) -> dict:
    """Node i of a scan with the attributes `to_networkx` gives it."""
    proof = found.evidence[i] if found.evidence is not None else []
    return {"class": found.classes[i], "label": found.labels[i][0], "labels": found.labels[i],
            "literals": found.literals[i], "sentences": [text for _, text, _ in proof],
            "marks": [marks for _, _, marks in proof]}


def aggregated(found: Scan, seed: int = 1) -> PageNetwork:
    """The page of a large graph, straight from its scan (no networkx graph of it): the
    overview's nodes (documents, and agencies and places several documents name), the
    nodes many documents name and those of none in `net.nodes` (each but a document with its
    `reach`: how many nodes outside the overview expanding it can bring, which the page
    draws a batch at a time); every other node, and each relation, in the part of each
    document it comes from (`net.parts`: (document, JSON), read by the page when the
    document is expanded). Memory: the scan and the page."""
    n = len(found)
    ids = {iri: i for i, iri in enumerate(found.iris)}
    classes = found.classes
    docs = [[ids[d] for d in ds if d in ids] for ds in found.documents]
    pairs = np.array([(u, v) for u, v, _ in found.edges], dtype=np.int64).reshape(-1, 2)
    degree = np.bincount(pairs.ravel(), minlength=n).tolist()
    top = max(degree, default=1)
    tier = {"Reply": 0, "Agency": 1, "Statistic": 3}
    order = sorted(range(n), key=lambda i: (tier.get(classes[i], 2), -degree[i], found.labels[i][0], found.iris[i]))
    rank = [0] * n
    for position, i in enumerate(order):
        rank[i] = position
    documents = [i for i in range(n) if classes[i] == "Reply"]
    members: dict[int, list[int]] = {d: [] for d in documents}
    for i in range(n):
        for d in docs[i]:
            if d in members and d != i:
                members[d].append(i)
    view = _overview(found, docs, degree, members, seed)
    hubs = {o["id"] for o in view["nodes"]}
    head = sorted(hubs | {i for i in range(n) if len(docs[i]) > SHARED_MAX or not any(d in members for d in docs[i])})
    in_head = set(head)
    shown = SENTENCES_SHOWN if found.evidence is not None else 0
    arrows = "" if n >= LARGE else "to"
    reach: dict[int, set[int]] = {i: set() for i in head if classes[i] != "Reply"}  # what expanding it can bring
    doc_sets = {i: set(docs[i]) for i in reach}

    def meets(u: int, v: int, d: int | None) -> None:
        """An edge u–v in the part of document d (None: in the page's data): what the page
        reads when it walks an end's documents, as far as a batch needs (view.js `neighbours`)."""
        for a, b in ((u, v), (v, u)):
            if a in reach and a != b and b not in hubs and (d is None or d in doc_sets[a]):
                reach[a].add(b)

    def record(i: int, sentences: dict) -> dict:
        attrs = _attrs(found, i)
        return {"id": i, "group": classes[i], "size": node_size(classes[i], degree[i], top),
                "text": display(attrs, found.iris[i]),
                "rank": rank[i], "docs": docs[i], "info": info(attrs, found.names, found.iris[i], sentences, shown)}

    net = PageNetwork(height="100%", width="100%", directed=True, heading=TITLE, cdn_resources="in_line")
    kinds: dict[str, int] = {}
    part_edges: dict[int, list[list[int]]] = {d: [] for d in documents}
    for k, (u, v, p) in enumerate(found.edges):
        if p not in kinds:
            kinds[p] = len(kinds)
            net.edge_kinds.append(edge_kind(p, found.edge_labels[p], arrows))
        both = sorted(set(docs[u]) & set(docs[v]) & members.keys()) or sorted((set(docs[u]) | set(docs[v])) & members.keys())
        for d in both if len(both) <= SHARED_MAX else both[:1]:
            part_edges[d].append([k, u, v, kinds[p]])
            meets(u, v, d)
        if not both:
            net.edges.append({"id": k, "from": u, "to": v, "kind": kinds[p]})
            meets(u, v, None)
    sentences: dict[str, int] = {}
    net.nodes = [record(i, sentences) | ({"reach": len(reach[i])} if i in reach else {}) for i in head]
    net.sentences = list(sentences)
    for d in documents:
        edges = part_edges.pop(d)
        inside = {i for i in members[d] if i not in in_head} | {i for _, u, v, _ in edges for i in (u, v) if i not in in_head}
        local: dict[str, int] = {}
        nodes = [record(i, local) for i in sorted(inside)]
        around = _spiral([i for i in sorted(members[d], key=rank.__getitem__) if i not in hubs])
        net.parts.append((d, script_json({"nodes": nodes, "edges": edges, "around": around, "sentences": list(local)})))
    net.node_ids = [r["id"] for r in net.nodes]
    net.node_map = {r["id"]: r for r in net.nodes}
    net.options = options(len(view["nodes"]) >= LARGE)  # a large overview: edges hidden while dragging or zooming
    counts: dict[str, int] = {}
    for cls in classes:
        counts[cls] = counts.get(cls, 0) + 1
    net.legend = [{"id": cls, "label": found.names.get(cls, cls), "color": colour, "shape": shape, "count": counts[cls]}
                  for cls, (colour, shape) in STYLES.items() if cls in counts]
    net.overview = view
    net.totals = {"nodes": n, "edges": len(found.edges)}
    net.trimmed = not shown
    return net


def _overview(found: Scan, docs: list[list[int]], degree: list[int], members: dict[int, list[int]], seed: int) -> dict:
    """One node per document, and per agency and place that several documents name; sized
    by their facts (a document's: the nodes from it; an entity's: its relations) and ranked
    by them for labels; edges from a document to those agencies and places, and between
    documents that share entities (counted over entities in at most `SHARED_MAX` documents,
    each document's `PARTNERS` strongest kept: linear in the graph)."""
    classes = found.classes
    entities = [i for i, cls in enumerate(classes) if cls in OVERVIEW_CLASSES[1:]
                and sum(d in members for d in docs[i]) >= 2]
    hubs = set(members) | set(entities)
    shared: dict[tuple[int, int], int] = {}
    for i, ds in enumerate(docs):
        ds = [d for d in ds if d in members]
        if i not in hubs and 2 <= len(ds) <= SHARED_MAX:
            for k, a in enumerate(ds):
                for b in ds[k + 1:]:
                    shared[a, b] = shared.get((a, b), 0) + 1
    entity_links, partners = (ENTITY_LINKS, PARTNERS) if len(members) <= MANY_DOCUMENTS else (ENTITY_LINKS // 2, PARTNERS // 2)
    links = {}  # a document's links to the agencies and places it names, those fewest documents name first
    named = {d: [] for d in members}
    for entity in entities:
        for d in docs[entity]:
            if d in members:
                named[d].append(entity)
    spread = {entity: sum(d in members for d in docs[entity]) for entity in entities}
    for d, entities_named in named.items():
        for entity in sorted(entities_named, key=lambda e: (spread[e], e))[:entity_links]:
            links[d, entity] = 1
    for entity in entities:  # every entity linked to some of its documents: none floats alone
        for d in [d for d in docs[entity] if d in members][:entity_links]:
            links[d, entity] = 1
    strongest: dict[int, list[int]] = {}
    for (a, b), count in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
        for one, other in ((a, b), (b, a)):
            strongest.setdefault(one, [])
            if len(strongest[one]) < partners:
                strongest[one].append(other)
                links[min(a, b), max(a, b)] = count
    shown = sorted(hubs)
    facts = {i: len(members[i]) if i in members else degree[i] for i in shown}
    top = max(facts.values(), default=1)
    small = nx.Graph()
    small.add_nodes_from(shown)
    small.add_edges_from(links)
    positions = layout(small, seed)
    unit = PIXELS_PER_UNIT * OVERVIEW_SPREAD
    order = {i: k for k, i in enumerate(sorted(shown, key=lambda i: (-facts[i], found.labels[i][0], found.iris[i])))}
    return {
        "nodes": [{"id": i, "x": round(positions[i][0] * unit), "y": round(positions[i][1] * unit),
                   "size": round(unit * (0.1 + 0.3 * sqrt(facts[i] / max(top, 1)))), "facts": facts[i], "rank": order[i]}
                  for i in shown],
        "edges": [{"id": f"o{k}", "from": a, "to": b, "width": 1 + min(count, 8) / 2,
                   "title": f"共有 {count} 个实体 · {count} shared" if a in members and b in members else ""}
                  for k, ((a, b), count) in enumerate(sorted(links.items()))],
    }


# --- the page ------------------------------------------------------------------------------

def script_json(value) -> str:
    """JSON that is safe inside <script> and holds no literal URL (`://` → `:\\/\\/`)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("://", ":\\/\\/"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


@cache
def vis_script() -> str:
    """pyvis's vis-network, with no source-map comment and no literal URL left: every `://`
    in it is inside a string, regex or comment, where `:\\/\\/` means the same."""
    lines = VIS.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines if not line.startswith("//# sourceMappingURL")).replace("://", ":\\/\\/")


def render(net: Network) -> str:
    """The self-contained page for a network made by `network()`."""
    templates = PACKAGE / "templates"
    template = Environment(loader=FileSystemLoader(templates), autoescape=False).get_template("view.html")
    edges = [[e["id"], e["from"], e["to"], e["kind"]] if "id" in e else [e["from"], e["to"], e["kind"]] for e in net.edges]
    data = {"nodes": net.nodes, "edges": edges, "kinds": net.edge_kinds, "sentences": net.sentences,
            "options": net.options, "legend": net.legend, "overview": net.overview, "totals": net.totals,
            "trimmed": net.trimmed, "reading": net.reading, "font": FONT}
    parts = "".join(f'<script type="application/json" id="part-{d}">{text}</script>\n' for d, text in net.parts)
    return template.render(
        title=TITLE, style=(templates / "view.css").read_text(encoding="utf-8"), vis=vis_script(),
        data=script_json(data), parts=parts, script=(templates / "view.js").read_text(encoding="utf-8"),
    )


def write_html(graph, path: Path, seed: int = 1, document: str | None = None,
               overview_above: int | None = None, evidence: bool | None = None) -> None:
    """Write the page for `graph` (an rdflib Graph, a pyoxigraph Store or its triples; or
    one `document` of it) to `path` (UTF-8, atomically)."""
    write_atomic(Path(path), render(network(graph, seed, document, overview_above, evidence)))


def write_turtle_page(turtle: Path, path: Path, triples: int) -> None:
    """The page of a built graph of `triples` triples, read from its Turtle one triple at a
    time (never the whole graph in memory; a large graph opens on its overview, without
    source sentences above `DETAIL_TRIPLES`). Where processes fork, in a child process, so
    that what it used goes back to the system before the build goes on."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return _write_turtle_page(turtle, path, triples)
    child = multiprocessing.get_context("fork").Process(target=_write_turtle_page, args=(turtle, path, triples), daemon=True)
    child.start()
    try:
        child.join()
    except BaseException:  # the build is stopped (SIGTERM, Ctrl-C): so is its page, before the staging folder goes
        child.terminate()
        child.join()
        raise
    if child.exitcode != 0:
        raise UserError(f"the page {path} could not be written (its process ended with {child.exitcode}); "
                        f"draw it with `skillgraph view --graph {turtle}`, or build with --no-page")


def _write_turtle_page(turtle: Path, path: Path, triples: int) -> None:
    import pyoxigraph as ox

    write_html(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE), path, evidence=triples <= DETAIL_TRIPLES)
