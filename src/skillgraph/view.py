"""The interactive network view: one self-contained HTML page (pyvis model, vis-network).

`network(graph)` gives the pyvis `Network` (for notebooks); `render(net)` the page;
`write_html(graph, path)` writes it. The page needs no network: vis-network (pyvis's
bundled copy) and the page's own script and style are inlined. The layout is computed
here (seeded), so the same graph gives a byte-identical page, and the browser only
draws: no physics, nothing moves, large graphs are interactive at once.
"""
from __future__ import annotations

import json
from functools import cache
from math import sqrt
from pathlib import Path

import networkx as nx
import numpy as np
import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network
from rdflib import Graph
from scipy.spatial import cKDTree

from .errors import UserError
from .netgraph import PROV, compact, to_networkx
from .files import write_atomic
from .resources import PACKAGE

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
LABEL_CHARS = 14  # longer labels are cut on the canvas (the tooltip has them whole)
SENTENCES_SHOWN = 5
PIXELS_PER_UNIT = 120  # the layout's ideal edge length, on screen
LARGE = 1000  # nodes; from here on edges have no arrowheads (40% of a frame) and hide while dragging or zooming


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
def _grid_kernel(size):
    """The push of a unit mass at each grid offset (cell size 1), and its FFT."""
    offsets = np.arange(-size, size)
    kernel = _push(np.stack(np.meshgrid(offsets, offsets, indexing="ij"), axis=-1).astype(float))
    kernel[size, size] = 0
    return kernel, np.fft.rfft2(np.fft.ifftshift(kernel, axes=(0, 1)), axes=(0, 1))


def _grid_repulsion(pos):
    """All-pairs repulsion in O(n + size² log size): nodes as masses on a size×size grid,
    the field by FFT convolution; pairs closer than 1.5 cells get their exact push instead."""
    size = min(256, int(2 ** np.round(np.log2(4 * sqrt(len(pos))))))
    low = pos.min(0)
    cell = max((pos.max(0) - low).max() / (size - 1), 1e-3)
    cells = np.rint((pos - low) / cell).astype(int)
    mass = np.zeros((2 * size, 2 * size))
    mass[:size, :size] = np.bincount(cells[:, 0] * size + cells[:, 1], minlength=size * size).reshape(size, size)
    kernel, kernel_fft = _grid_kernel(size)
    field = np.fft.irfft2(np.fft.rfft2(mass)[..., None] * kernel_fft, s=mass.shape, axes=(0, 1))
    i, j = cKDTree(pos).query_pairs(1.5 * cell, output_type="ndarray").T
    approximated = kernel[size + cells[i, 0] - cells[j, 0], size + cells[i, 1] - cells[j, 1]] / cell
    correction = _push(pos[i] - pos[j]) - approximated
    n = len(pos)
    return field[cells[:, 0], cells[:, 1]] / cell + _sum_at(i, correction, n) - _sum_at(j, correction, n)


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


def _pack(boxes):
    """Offsets placing boxes (width, height), largest first, left to right in rows about
    as wide as the whole is high."""
    width = max(sqrt(sum((w + GAP) * (h + GAP) for w, h in boxes)), max(w for w, _ in boxes))
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
    shapes = {k: _multilevel(len(c), np.searchsorted(c, edges[member[edges[:, 0]] == k]), rng)
              for k, c in enumerate(components) if len(c) > COARSEST}
    small = [k for k, c in enumerate(components) if len(c) <= COARSEST]
    if small:
        in_small = edges[np.isin(member[edges[:, 0]], small)]
        shapes.update(zip(small, _small_components([components[k] for k in small], in_small, rng)))
    return [shapes[k] - shapes[k].min(0) for k in range(len(components))]


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


# --- the pyvis network -------------------------------------------------------------------

def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def node_size(cls: str, degree: int, top: int) -> int:
    """Statistics small; other nodes from 10 to 30 by degree."""
    return 6 if cls == "Statistic" else round(10 + 20 * sqrt(degree / max(top, 1)))


def info(attrs: dict, names: dict, iri: str) -> dict:
    """What the tooltip shows: names, key literals first, the first source sentences."""
    literals = attrs["literals"]
    order = [k for k in KEY_LITERALS if k in literals] + [k for k in literals if k not in KEY_LITERALS]
    return {
        "iri": compact(iri),
        "labels": attrs["labels"],
        "literals": [[names.get(k, k), "; ".join(literals[k])] for k in order],
        "sentences": attrs["sentences"][:SENTENCES_SHOWN],
        "more": max(0, len(attrs["sentences"]) - SENTENCES_SHOWN),
    }


def legend(g: nx.MultiDiGraph) -> list[dict]:
    """The classes present, in the ontology's order, with their label, style and count."""
    counts = {}
    for _, cls in g.nodes(data="class"):
        counts[cls] = counts.get(cls, 0) + 1
    return [{"id": cls, "label": g.graph["names"].get(cls, cls), "color": colour, "shape": shape,
             "count": counts[cls]} for cls, (colour, shape) in STYLES.items() if cls in counts]


def options(g: nx.MultiDiGraph) -> dict:
    large = len(g) >= LARGE
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "nodes": {"borderWidth": 1, "font": {"face": FONT, "size": 14, "color": "#222222",
                                             "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"scaleFactor": 0.4}}, "smooth": False,
                  "width": 1, "color": {"color": "#9aa5b1", "highlight": "#333333", "opacity": 0.8},
                  "font": {"face": FONT, "size": 10, "color": "#555555", "strokeWidth": 2}},
        "groups": {cls: {"color": {"background": colour, "border": "#ffffff",
                                   "highlight": {"background": colour, "border": "#000000"}},
                         "shape": shape, **({"font": {"size": 10, "color": "#555555"}} if cls == "Statistic" else {})}
                   for cls, (colour, shape) in STYLES.items()},
    }


def network(graph: Graph, seed: int = 1) -> Network:
    """The drawable part of `graph` as a pyvis Network, laid out and styled; each node's
    `info` holds what its tooltip shows, and `net.legend` the classes present."""
    g = to_networkx(graph)
    if not len(g):
        raise UserError("nothing to draw: no node is typed with a skillgraph class "
                        "(a CONSTRUCT query must keep the rdf:type triples of what it returns)")
    positions = layout(g, seed)
    degree = dict(g.degree())
    top = max(degree.values(), default=1)
    index = {node: i for i, node in enumerate(g)}
    net = Network(height="100%", width="100%", directed=True, heading=TITLE, cdn_resources="in_line")
    for node, attrs in g.nodes(data=True):
        x, y = positions[node]
        net.add_node(index[node], label=short(attrs["label"]), group=attrs["class"],
                     shape=STYLES[attrs["class"]][1], size=node_size(attrs["class"], degree[node], top),
                     x=round(x * PIXELS_PER_UNIT), y=round(y * PIXELS_PER_UNIT),
                     info=info(attrs, g.graph["names"], node))
    arrows = "" if len(g) >= LARGE else "to"
    for k, (u, v, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        title = f"{attrs['label']}  {compact(key)}"
        if key == PROVENANCE:  # one per entity: drawn faint and unlabelled, not to drown the rest
            net.add_edge(index[u], index[v], id=k, title=title, color=FAINT, arrows=arrows)
        else:
            net.add_edge(index[u], index[v], id=k, label=attrs["label"], title=title, arrows=arrows)
    net.options = options(g)
    net.legend = legend(g)
    return net


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
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options, "legend": net.legend}
    return template.render(
        title=TITLE, style=(templates / "view.css").read_text(encoding="utf-8"), vis=vis_script(),
        data=script_json(data), script=(templates / "view.js").read_text(encoding="utf-8"),
    )


def write_html(graph: Graph, path: Path, seed: int = 1) -> None:
    """Write the page for `graph` to `path` (UTF-8, atomically)."""
    write_atomic(Path(path), render(network(graph, seed)))
