"use strict";
// The page's behaviour: draw the network and its labels (most important first, as many as
// fit the zoom), the aggregated overview of a large graph and its expansion, tooltips, the
// details panel, class toggles, the document filter, search with a list of hits, and the
// #node=… fragment. Text from documents is only ever set with textContent.
// An aggregated page (a large graph) holds only its overview's nodes in the data; each
// document's neighbourhood is a JSON part of its own (<script id="part-ID">), read when
// the document is first expanded (or a search, a focus, a detail needs it). Expanding
// another node draws its neighbours BATCH at a time, reading only the parts a batch needs:
// a hub thousands of documents name stays one click away from its first neighbours.
(function () {
  const phases = { script: performance.now() };  // ms from navigation: where the first paint's time goes
  const data = JSON.parse(document.getElementById("data").textContent);
  const aggregated = data.overview !== null;
  const classes = new Map(data.legend.map((c) => [c.id, c]));
  const records = [];  // node id → its record (for an aggregated page: those read so far)
  const edgeList = [];  // edge id → the edge
  const byIri = new Map();
  const incident = new Map();  // node id → the ids of its edges
  const around = new Map();  // document id → [[node id, dx, dy], …]: where its nodes go when expanded
  function addRecords(list, sentences) {
    for (const node of list) {
      if (records[node.id]) continue;
      if (sentences) node.info.sentences = node.info.sentences.map(([k, marks]) => [sentences[k], marks]);
      records[node.id] = node;
      byIri.set(node.info.iri, node.id);
    }
  }
  function addEdgeRecords(list) {  // the ids of the edges listed
    return list.map((edge, i) => {
      const [id, from, to, kind] = edge.length === 4 ? edge : [i, ...edge];
      if (edgeList[id]) return id;
      edgeList[id] = Object.assign({ id, from, to }, data.kinds[kind]);
      for (const end of from === to ? [from] : [from, to]) incident.has(end) ? incident.get(end).push(id) : incident.set(end, [id]);
      return id;
    });
  }
  const edgesAt = (id) => (incident.get(id) || []).map((i) => edgeList[i]);
  addRecords(data.nodes);
  const pageEdges = addEdgeRecords(data.edges);
  data.nodes = records;
  const loaded = new Set();
  const partEdges = new Map();  // document id → the ids of the edges in its part
  // The parts follow the page's script, so the first drawing need not wait for them: until
  // the page is parsed, what needs a part waits for it (whenParsed).
  const parsing = () => aggregated && document.readyState === "loading";
  function whenParsed(action) {
    if (parsing()) document.addEventListener("DOMContentLoaded", action, { once: true });
    else action();
  }
  function load(d) {  // a document's part, once
    if (!aggregated || loaded.has(d)) return;
    const element = document.getElementById("part-" + d);
    if (!element || parsing()) return;
    loaded.add(d);
    const part = JSON.parse(element.textContent);
    addRecords(part.nodes, part.sentences);
    partEdges.set(d, addEdgeRecords(part.edges));
    around.set(d, part.around);
  }
  function loadDocumentsOf(id) {
    for (const d of records[id].docs) load(d);
  }
  // The nodes outside the overview that expanding a node brings, in a stable order: those
  // of its edges in the page's data, then in its documents' parts, document by document.
  // Parts are read only as far as the first `count` need. (The page's data gives a node of
  // many documents the number of them, `reach`; the count of any other is known once its
  // few documents are read.)
  const BATCH = 150;  // nodes an expansion draws at most: the first, then BATCH more at a time
  const walks = new Map();  // node id → { order: the nodes found so far, seen, next: its next document to read }
  function neighbours(id, count) {
    if (!walks.has(id)) walks.set(id, { order: [], seen: new Set([id]), next: 0, edges: pageEdges });
    const walk = walks.get(id), docs = records[id].docs;
    while (true) {
      for (const k of walk.edges) {
        const e = edgeList[k], other = e.from === id ? e.to : e.from;
        if ((e.from === id || e.to === id) && !walk.seen.has(other) && !overviewById.has(other)) {
          walk.seen.add(other);
          walk.order.push(other);
        }
      }
      walk.edges = [];
      if (walk.order.length >= count || walk.next >= docs.length || parsing()) break;
      load(docs[walk.next]);
      walk.edges = partEdges.get(docs[walk.next++]) || [];
    }
    return walk.order.slice(0, count);
  }
  function reach(id) {  // how many nodes expanding a node can bring
    return records[id].reach !== undefined ? records[id].reach : neighbours(id, Infinity).length;
  }
  // Label sizes (px); the first FORCED_MAX documents and agencies in sight by rank are
  // labelled first, in bold, over other nodes if need be (over other labels too while no
  // more than FORCED_MAX are in sight, and documents always); at most LABELS_MAX labels a frame.
  // A frame tries at most LABELS_TRIED nodes.
  const LABEL_PX = 12, FORCED_MAX = 60, LABELS_MAX = 400, LABELS_TRIED = 3000;

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    return el;
  }
  function link(id) {
    const a = element("a", records[id].info.labels[0], "node-link");
    a.href = "#node=" + encodeURIComponent(records[id].info.iri);
    a.dataset.id = id;
    return a;
  }
  function documentsOf(id) {
    return records[id].docs.filter((d) => d !== id);
  }

  // A sentence with the node's mentions in <mark>.
  function sentence([number, marks]) {  // a number in data.sentences, or (from a part) the text
    const text = typeof number === "string" ? number : data.sentences[number], item = element("li");
    let at = 0;
    for (const [start, end] of marks) {
      if (start < at) continue;
      item.append(text.slice(at, start), element("mark", text.slice(start, end)));
      at = end;
    }
    item.append(text.slice(at));
    return item;
  }

  // A node's description: class, names, literals, documents, source sentences, IRI; in the
  // details panel also every relation, each a link to the node at its other end, and (of an
  // aggregated page) how many of its neighbours are still to draw, with a button for more.
  function describe(id, full) {
    const node = records[id], info = node.info;
    const box = element("div", undefined, "info");
    box.append(element("h2", info.labels[0]));
    box.append(element("p", classes.get(node.group).label + " · " + node.group, "cls"));
    if (full && aggregated && node.group !== "Reply") box.append(...pending(id));  // first: in sight without scrolling
    const facts = element("dl");
    if (info.labels.length > 1) facts.append(element("dt", "别名"), element("dd", info.labels.slice(1).join("、")));
    for (const [name, value] of info.literals) facts.append(element("dt", name), element("dd", value));
    const docs = documentsOf(id);
    if (docs.length) {
      const dd = element("dd");
      for (const d of docs.slice(0, 20)) dd.append(full ? link(d) : records[d].text, " ");
      if (docs.length > 20) dd.append("… (" + docs.length + ")");
      facts.append(element("dt", "文档"), dd);
    }
    if (facts.childElementCount) box.append(facts);
    if (full) box.append(...relations(id));
    if (info.sentences.length) {
      box.append(element("strong", "来源句子"));
      const list = element("ol");
      list.append(...info.sentences.map(sentence));
      box.append(list);
      if (info.more) box.append(element("p", "另有 " + info.more + " 句"));
    } else if (data.trimmed && full) {
      box.append(element("p", "句子见单个文档的视图: skillgraph view --document ID", "hint"));
    }
    box.append(element("p", info.iri, "iri"));
    return box;
  }
  function relations(id) {
    const edgesOf = edgesAt(id);
    if (!edgesOf.length) return [];
    edgesOf.sort((a, b) => (a.color ? 1 : 0) - (b.color ? 1 : 0));  // provenance last
    const list = element("ul", undefined, "relations");
    for (const e of edgesOf) {
      const item = element("li");
      if (e.from === id) item.append(element("span", e.rel + " → ", "rel"), link(e.to));
      else item.append(link(e.from), element("span", " → " + e.rel, "rel"));
      list.append(item);
    }
    const unread = aggregated && records[id].docs.some((d) => !loaded.has(d));  // more relations in parts not read
    return [element("strong", "关系 (" + edgesOf.length + (unread ? "+" : "") + ")"), list];
  }
  // A drawn node's neighbours not drawn yet, and a button that draws the next batch of them.
  function pending(id) {
    const total = reach(id), drawn = batches.get(id) || 0, left = total - drawn;
    if (left <= 0 || !nodes.get(id)) return [];
    const count = (n) => n.toLocaleString("en-US");
    const line = element("p", "已显示 " + count(drawn) + " / " + count(total) + " 个相邻节点 · 还有 "
      + count(left) + " 个 / " + count(left) + " more ", "pending");
    const button = element("button", "显示下 " + Math.min(BATCH, left) + " 个 / show next " + Math.min(BATCH, left), "more");
    button.type = "button";
    button.dataset.id = id;
    line.append(button);
    return [line];
  }

  // A tooltip is built when first shown: each node gets an empty <sg-node-info> that fills
  // itself once vis-network puts it on the page (thousands built up front slow the start).
  customElements.define("sg-node-info", class extends HTMLElement {
    connectedCallback() {
      if (!this.firstChild) this.append(describe(Number(this.dataset.id), false));
    }
  });
  function visNode(node, place) {
    const title = document.createElement("sg-node-info");
    title.dataset.id = node.id;
    return Object.assign({ title, hidden: !visible(node) }, node, place || {});
  }

  // What the DataSets hold: every node, or (aggregated) the overview and what was expanded.
  const overviewById = new Map(aggregated ? data.overview.nodes.map((n) => [n.id, n]) : []);
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const expanded = new Set();
  let ranked = null;  // drawn node ids by rank, rebuilt when the drawn set changes (this listener runs before vis-network's)
  nodes.on("*", () => { ranked = null; });
  // The edges between drawn nodes; a provenance edge (drawn faint) only to an expanded
  // document: an entity many documents name would otherwise draw a fan to all of them.
  function addEdgesOf(ids) {
    const added = [];
    for (const id of ids) {
      for (const e of edgesAt(id)) {
        if (!edges.get(e.id) && nodes.get(e.from === id ? e.to : e.from) && (!e.color || expanded.has(e.to))) added.push(e);
      }
    }
    edges.add([...new Map(added.map((e) => [e.id, e])).values()]);
  }
  function addNodes(placed) {  // [[id, x, y], …] of nodes not drawn yet; the ids added
    const fresh = placed.filter(([id]) => !nodes.get(id));
    nodes.add(fresh.map(([id, x, y]) => visNode(records[id], { x, y })));
    addEdgesOf(fresh.map(([id]) => id));
    return fresh.map(([id]) => id);
  }
  function showOverview() {
    expanded.clear();
    batches.clear();
    edges.clear();
    nodes.clear();
    nodes.add(data.overview.nodes.map((o) => visNode(records[o.id], { x: o.x, y: o.y, size: o.size })));
    edges.add(data.overview.edges);
    drawnSize.clear();
  }
  // The overview's nodes are large, to be seen from afar; close up (an expanded document)
  // none in sight is drawn larger on screen than OVERVIEW_PX (updated after a zoom or a
  // drag, only where a size changes by more than a tenth: a few nodes, however large the overview).
  const OVERVIEW_PX = 16;
  const drawnSize = new Map();  // overview node id → the size it is drawn at, where not its own
  function capSizes() {
    if (!aggregated) return;
    const scale = network.getScale(), cap = OVERVIEW_PX / scale, margin = 200;
    const low = network.DOMtoCanvas({ x: -margin, y: -margin });
    const high = network.DOMtoCanvas({ x: container.clientWidth + margin, y: container.clientHeight + margin });
    const changed = [];
    for (const o of data.overview.nodes) {
      if (o.x + o.size < low.x || o.x - o.size > high.x || o.y + o.size < low.y || o.y - o.size > high.y) continue;
      const size = Math.min(o.size, cap), now = drawnSize.get(o.id) || o.size;
      if (Math.abs(now - size) > 0.1 * size && nodes.get(o.id)) {
        changed.push({ id: o.id, size });
        if (size === o.size) drawnSize.delete(o.id);
        else drawnSize.set(o.id, size);
      }
    }
    if (changed.length) nodes.update(changed);
  }
  // Expand a node into its neighbourhood: a document brings its nodes (on a spiral around
  // it), any other node its first BATCH neighbours (`more` draws the next).
  function expand(id) {
    if (expanded.has(id) || !nodes.get(id) || parsing()) return [];
    expanded.add(id);
    if (records[id].group !== "Reply") return more(id);
    load(id);
    addEdgesOf([id]);
    const at = nodes.get(id);
    return addNodes(around.get(id).map(([n, dx, dy]) => [n, at.x + dx, at.y + dy]));
  }
  const batches = new Map();  // expanded node id → how many of its neighbours (in their order) were drawn
  function more(id) {  // the next BATCH neighbours of an expanded node, further out on its spiral
    if (!expanded.has(id) || !nodes.get(id) || parsing()) return [];
    const from = batches.get(id) || 0, batch = neighbours(id, from + BATCH).slice(from);
    batches.set(id, from + batch.length);
    addEdgesOf([id]);
    const at = nodes.get(id), golden = Math.PI * (3 - Math.sqrt(5));
    return addNodes(batch.map((n, j) => {
      const k = from + j, r = 70 * Math.sqrt(k + 1.5);
      return [n, at.x + r * Math.cos(k * golden), at.y + r * Math.sin(k * golden)];
    }));
  }
  // Make a node drawn: in the overview, by expanding its first document.
  function reveal(id) {
    if (nodes.get(id)) return;
    for (const d of records[id].docs) {
      if (!nodes.get(d)) continue;
      expand(d);
      if (nodes.get(id)) return;
    }
    const near = edgesAt(id).map((e) => nodes.get(e.from === id ? e.to : e.from)).find(Boolean);
    addNodes([[id, near ? near.x + 60 : 0, near ? near.y + 60 : 0]]);
  }

  // Which nodes show: the class toggles and the document filter.
  const classOn = new Map(data.legend.map((c) => [c.id, true]));
  let onlyDocument = null;
  function visible(node) {
    return classOn.get(node.group) && (onlyDocument === null || node.id === onlyDocument || node.docs.includes(onlyDocument));
  }
  function applyVisibility() {
    nodes.update(nodes.get().map((n) => ({ id: n.id, hidden: !visible(records[n.id]) })));
  }
  function setClassVisible(cls, on) {
    classOn.set(cls, on);
    applyVisibility();
  }
  function setDocument(id) {
    onlyDocument = id;
    if (id !== null) {
      reveal(id);
      if (aggregated) expand(id);
    }
    applyVisibility();
    fit();
  }

  phases.parsed = performance.now();
  if (aggregated) showOverview();
  else {
    nodes.add(records.map((n) => visNode(n)));
    edges.add(edgeList);
  }
  const container = document.getElementById("graph");
  phases.datasets = performance.now();
  const network = new vis.Network(container, { nodes, edges }, data.options);
  phases.network = performance.now();

  // Fit every drawn node, with room for the labels the page draws under them.
  function fit(ids) {
    const shown = ids || network.body.nodeIndices;
    if (!shown.length) return;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const id of shown) {
      const n = network.body.nodes[id];
      minX = Math.min(minX, n.x - n.options.size); maxX = Math.max(maxX, n.x + n.options.size);
      minY = Math.min(minY, n.y - n.options.size); maxY = Math.max(maxY, n.y + n.options.size);
    }
    const [left, right] = data.reading ? [20, 170] : [90, 90];  // room for labels: right of nodes in columns
    const width = container.clientWidth - left - right, height = container.clientHeight - 60;
    const scale = Math.min(1.5, width / Math.max(maxX - minX, 1), height / Math.max(maxY - minY, 1));
    const position = { x: (minX + maxX) / 2 + (right - left) / 2 / scale, y: (minY + maxY) / 2 + 8 / scale };
    network.moveTo({ position, scale, animation: false });
    capSizes();
  }

  // Labels: drawn by the page after vis-network's drawing, in rank order; documents and
  // agencies always (while there are few in sight), the others where they do not overlap
  // one already drawn. Zooming in leaves room for more.
  let labelled = [];
  const rankOf = (id) => overviewById.has(id) ? overviewById.get(id).rank : overviewById.size + records[id].rank;
  const firstOther = data.legend.filter((c) => c.id === "Reply" || c.id === "Agency").reduce((sum, c) => sum + c.count, 0);  // ranks put them first
  // Where a label may go, tried in turn: under its node, above, right, left, then further
  // out; in a document's reading layout (columns), right first.
  const SPOTS = [
    (x, y, r, w, h) => [x - w / 2, y + r + 2],
    (x, y, r, w, h) => [x - w / 2, y - r - 2 - h],
    (x, y, r, w, h) => [x + r + 3, y - h / 2],
    (x, y, r, w, h) => [x - r - 3 - w, y - h / 2],
    (x, y, r, w, h) => [x - w / 2, y + r + 2 + h],
    (x, y, r, w, h) => [x - w / 2, y - r - 2 - 2 * h],
    (x, y, r, w, h) => [x + r + 3, y - r - h],
    (x, y, r, w, h) => [x + r + 3, y + r],
    (x, y, r, w, h) => [x - r - 3 - w, y - r - h],
    (x, y, r, w, h) => [x - r - 3 - w, y + r],
    (x, y, r, w, h) => [x - w / 2, y + r + 2 + 2 * h],
    (x, y, r, w, h) => [x - w / 2, y - r - 2 - 3 * h],
  ];
  if (data.reading) SPOTS.unshift(SPOTS[2]);
  // Further out, for a document's or agency's label that finds no room near it (drawn with a
  // thin line to its node): beside, above and below, one to three label heights away.
  const FAR = [1, 2, 3].flatMap((k) => [
    (x, y, r, w, h) => [x + r + 3 + k * h, y - h / 2 - k * h],
    (x, y, r, w, h) => [x + r + 3 + k * h, y + h / 2 + (k - 1) * h],
    (x, y, r, w, h) => [x - r - 3 - w - k * h, y - h / 2 - k * h],
    (x, y, r, w, h) => [x - r - 3 - w - k * h, y + h / 2 + (k - 1) * h],
    (x, y, r, w, h) => [x - w / 2, y + r + 2 + (k + 2) * h],
    (x, y, r, w, h) => [x - w / 2, y - r - 2 - (k + 3) * h],
  ]);
  // Screen boxes [left, top, right, bottom] in a grid of cells over the view: whether a box
  // is clear of those added costs what lies near it, not all of them.
  function boxes(width, height, cell = 64) {
    const cells = new Map();
    const span = (low, high, size) => [Math.max(0, Math.floor(low / cell)), Math.min(Math.floor(size / cell), Math.floor(high / cell))];
    const keys = (b) => {
      const found = [];
      const [left, right] = span(b[0], b[2], width), [top, bottom] = span(b[1], b[3], height);
      for (let i = left; i <= right; i++) for (let j = top; j <= bottom; j++) found.push(i * 65536 + j);
      return found;
    };
    return {
      add(b) {
        for (const k of keys(b)) cells.has(k) ? cells.get(k).push(b) : cells.set(k, [b]);
      },
      clear(b) {
        return keys(b).every((k) => (cells.get(k) || []).every((o) => !(o[0] < b[2] && b[0] < o[2] && o[1] < b[3] && b[1] < o[3])));
      },
    };
  }
  const widths = new Map();  // node id (+ "b" in bold) → its label's width on screen, the same at any zoom
  function drawLabels(ctx) {
    const begin = performance.now();
    if (ranked === null) ranked = network.body.nodeIndices.slice().sort((a, b) => rankOf(a) - rankOf(b));
    const scale = network.getScale();
    const topLeft = network.DOMtoCanvas({ x: 0, y: 0 });
    const width = container.clientWidth, height = container.clientHeight;
    const inView = ranked.filter((id) => {
      const n = network.body.nodes[id];
      if (!n || n.options.hidden) return false;
      const x = (n.x - topLeft.x) * scale, y = (n.y - topLeft.y) * scale;
      return x >= 0 && y >= 0 && x <= width && y <= height;
    });
    const forced = inView.filter((id) => data.nodes[id].rank < firstOther);
    const few = forced.length <= FORCED_MAX;
    const always = new Set(forced.slice(0, FORCED_MAX));
    const nodeBoxes = boxes(width, height), labelBoxes = boxes(width, height);
    for (const id of inView) {  // no label over a node
      const n = network.body.nodes[id], r = n.options.size * scale;
      const x = (n.x - topLeft.x) * scale, y = (n.y - topLeft.y) * scale;
      nodeBoxes.add([x - r, y - r, x + r, y + r]);
    }
    const inside = (box) => box[0] >= 0 && box[1] >= 0 && box[2] <= width && box[3] <= height;
    labelled = [];
    let tried = 0;
    ctx.save();
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    for (const id of inView) {
      if (labelled.length >= LABELS_MAX || ++tried > LABELS_TRIED) break;
      const node = records[id], n = network.body.nodes[id];
      const px = always.has(id) ? LABEL_PX + 1 : node.group === "Statistic" ? LABEL_PX - 1 : LABEL_PX;
      ctx.font = (always.has(id) ? "bold " : "") + px / scale + "px " + data.font;
      const key = id + (always.has(id) ? "b" : "");
      if (!widths.has(key)) widths.set(key, ctx.measureText(node.text).width * scale);
      const w = widths.get(key), h = px + 2;
      const x = (n.x - topLeft.x) * scale, y = (n.y - topLeft.y) * scale, r = n.options.size * scale;
      const boxOf = (spot) => { const [left, top] = spot(x, y, r, w, h); return [left, top, left + w, top + h]; };
      const spots = SPOTS.map(boxOf);
      let far = null;
      const box = spots.find((b) => inside(b) && labelBoxes.clear(b) && nodeBoxes.clear(b))
        || (always.has(id) ? spots.find((b) => inside(b) && labelBoxes.clear(b))
          || (far = FAR.map(boxOf).find((b) => inside(b) && labelBoxes.clear(b) && nodeBoxes.clear(b)) || null)
          || (few || node.group === "Reply" ? spots[0] : null) : null);  // a document is always named
      if (!box) continue;
      labelBoxes.add(box);
      const cx = topLeft.x + box[0] / scale, cy = topLeft.y + (box[1] + 1) / scale;
      if (far === box) {
        const ex = Math.max(box[0], Math.min(x, box[2])), ey = y < box[1] ? box[1] : box[3];
        ctx.beginPath();
        ctx.moveTo(topLeft.x + x / scale, topLeft.y + y / scale);
        ctx.lineTo(topLeft.x + ex / scale, topLeft.y + ey / scale);
        ctx.lineWidth = 1 / scale;
        ctx.strokeStyle = "rgba(80, 80, 80, 0.6)";
        ctx.stroke();
      }
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
      ctx.strokeText(node.text, cx, cy);
      ctx.fillStyle = node.group === "Statistic" ? "#444" : "#222";
      ctx.fillText(node.text, cx, cy);
      labelled.push(id);
    }
    ctx.restore();
    if (phases.labels === undefined) phases.labels = performance.now() - begin;
  }
  network.on("afterDrawing", drawLabels);
  network.on("zoom", capSizes);
  network.on("dragEnd", capSizes);

  // The details panel, focus, and the #node=… fragment that restores a focus.
  const details = document.getElementById("details");
  function showDetails(id) {  // every relation of a node is in its documents' parts: of a node of many, those read so far
    if (id !== undefined) records[id].reach === undefined ? loadDocumentsOf(id) : neighbours(id, BATCH);
    details.replaceChildren(...(id === undefined ? [] : [describe(id, true)]));
  }
  function focus(id) {
    const node = records[id];
    if (!classOn.get(node.group)) {
      document.querySelector(`#legend input[data-class="${node.group}"]`).checked = true;
      classOn.set(node.group, true);
    }
    if (onlyDocument !== null && !visible(node)) {
      onlyDocument = null;
      document.getElementById("document").value = "";
    }
    reveal(id);
    applyVisibility();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    capSizes();
    showDetails(id);
    history.replaceState(null, "", "#node=" + encodeURIComponent(node.info.iri));
  }
  function find(iri) {  // the node of an IRI; in an aggregated page, from its document's part or any
    if (!byIri.has(iri) && aggregated) {
      const doc = /^id:doc\/[^/]+/.exec(iri);
      if (doc && byIri.has(doc[0])) load(byIri.get(doc[0]));
      if (!byIri.has(iri)) loadAll();
    }
    return byIri.get(iri);
  }
  function fromFragment() {
    const match = /^#node=(.+)$/.exec(location.hash);
    const id = match && find(decodeURIComponent(match[1]));
    if (id !== undefined && id !== null) focus(id);
    else if (match && parsing()) whenParsed(fromFragment);
  }
  function showMore(id) {
    const added = expanded.has(id) ? more(id) : expand(id);
    if (added.length) fit([id, ...added]);
    showDetails(id);
  }
  details.addEventListener("click", (event) => {
    const button = event.target.closest("button.more");
    if (button) return showMore(Number(button.dataset.id));
    const target = event.target.closest("a.node-link");
    if (!target) return;
    event.preventDefault();
    focus(Number(target.dataset.id));
  });
  network.on("click", (event) => {
    const id = event.nodes[0];
    if (id === undefined) return showDetails(undefined);
    whenParsed(() => {
      const added = aggregated ? expand(id) : [];
      if (added.length) fit([id, ...added]);
      showDetails(id);
      history.replaceState(null, "", "#node=" + encodeURIComponent(records[id].info.iri));
    });
  });

  // Legend: one checkbox per class present shows or hides its nodes.
  const legend = document.getElementById("legend");
  for (const cls of data.legend) {
    const box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.class = cls.id;
    box.addEventListener("change", () => setClassVisible(cls.id, box.checked));
    const swatch = element("span", undefined, "swatch shape-" + cls.shape);
    swatch.style.background = cls.color;
    const label = element("label");
    label.append(box, swatch, element("span", cls.label + " " + cls.id), element("span", String(cls.count), "count"));
    const item = element("li");
    item.append(label);
    legend.append(item);
  }

  // The document filter: all documents, or the nodes of one.
  const select = document.getElementById("document");
  const documentIds = records.filter((n) => n.group === "Reply").map((n) => n.id)
    .sort((collator => (a, b) => collator.compare(records[a].info.labels[0], records[b].info.labels[0]))(new Intl.Collator("zh")));
  function loadAll() {
    for (const d of documentIds) load(d);
  }
  for (const id of documentIds) {
    const option = element("option", records[id].info.labels[0]);
    option.value = String(id);
    select.append(option);
  }
  select.addEventListener("change", () => whenParsed(() => setDocument(select.value === "" ? null : Number(select.value))));

  // Search: every node any of whose names contains the text, listed with class and
  // document; choosing one focuses it. A single hit is focused at once.
  const HITS_SHOWN = 50;
  const hits = document.getElementById("hits");
  function search(text) {
    const query = text.trim().toLowerCase();
    if (query) loadAll();
    const found = query ? records.filter((n) => n.info.labels.some((l) => l.toLowerCase().includes(query)))
      .sort((a, b) => a.rank - b.rank).map((n) => n.id) : [];
    hits.replaceChildren(...found.slice(0, HITS_SHOWN).map((id) => {
      const node = records[id];
      const button = element("button", undefined, "hit");
      button.type = "button";
      button.dataset.id = id;
      const docs = documentsOf(id);
      button.append(element("span", node.info.labels[0], "hit-label"),
        element("span", classes.get(node.group).label + (docs.length ? " · " + records[docs[0]].text : ""), "hit-where"));
      button.addEventListener("click", () => focus(id));
      const item = element("li");
      item.append(button);
      return item;
    }));
    document.getElementById("matches").textContent = query
      ? found.length + " 个匹配 / matches" + (found.length > HITS_SHOWN ? " (前 " + HITS_SHOWN + " 个)" : "") : "";
    if (found.length === 1) focus(found[0]);
    else network.selectNodes(found.filter((id) => nodes.get(id)));
    return found;
  }
  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    whenParsed(() => search(document.getElementById("query").value));
  });

  const totals = data.totals || { nodes: records.length, edges: edgeList.length };
  document.getElementById("summary").textContent = totals.nodes + " 个节点 nodes · " + totals.edges + " 条边 edges"
    + (aggregated ? " · 总览: 文档、机构、地点 (点击展开 / click to expand)" : "");
  const reset = document.getElementById("overview");
  reset.hidden = !aggregated;
  reset.addEventListener("click", () => {
    showOverview();
    applyVisibility();
    fit();
  });

  fit();
  fromFragment();
  window.addEventListener("hashchange", fromFragment);

  // For tests and benchmarks: what is drawn, how many parts were read, which labels, when the
  // first drawing is done and when the page is next free to answer input.
  window.skillgraph = {
    network, nodes, edges, data, search, focus, expand, more, setClassVisible, setDocument, fit, load, loadAll, phases,
    drawn: () => ({ nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length }),
    parts: () => loaded.size,
    labels: () => labelled.map((id) => ({ id, text: records[id].text, group: records[id].group })),
  };
  phases.setup = performance.now();
  network.once("afterDrawing", () => {
    phases.drawn = performance.now();
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    setTimeout(() => { document.body.dataset.interactiveMs = String(Math.round(performance.now())); });
  });
})();
