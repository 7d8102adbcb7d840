"use strict";
// The page's behaviour: draw the network, tooltips and details, legend with class
// toggles, search. Text from documents is only ever set with textContent.
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const classes = new Map(data.legend.map((c) => [c.id, c]));

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  // A node's description: class, names, key literals, source sentences, IRI.
  function describe(node) {
    const info = node.info;
    const box = element("div", undefined, "info");
    box.append(element("h2", info.labels[0]));
    box.append(element("p", classes.get(node.group).label + " · " + node.group, "cls"));
    const facts = element("dl");
    if (info.labels.length > 1) facts.append(element("dt", "别名"), element("dd", info.labels.slice(1).join("、")));
    for (const [name, value] of info.literals) facts.append(element("dt", name), element("dd", value));
    if (facts.childElementCount) box.append(facts);
    if (info.sentences.length) {
      box.append(element("strong", "来源句子"));
      const list = element("ol");
      for (const sentence of info.sentences) list.append(element("li", sentence));
      box.append(list);
      if (info.more) box.append(element("p", "另有 " + info.more + " 句"));
    }
    box.append(element("p", info.iri, "iri"));
    return box;
  }

  // A tooltip is built when first shown: each node gets an empty <sg-node-info> that fills
  // itself once vis-network puts it on the page (thousands built up front slow the start).
  customElements.define("sg-node-info", class extends HTMLElement {
    connectedCallback() {
      if (!this.firstChild) this.append(describe(nodes.get(Number(this.dataset.id))));
    }
  });
  function tooltip(id) {
    const el = document.createElement("sg-node-info");
    el.dataset.id = id;
    return el;
  }
  const nodes = new vis.DataSet(data.nodes.map((node) => Object.assign({ title: tooltip(node.id) }, node)));
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(document.getElementById("graph"), { nodes, edges }, data.options);

  const details = document.getElementById("details");
  function showDetails(id) {
    details.replaceChildren(...(id === undefined ? [] : [describe(nodes.get(id))]));
  }
  network.on("click", (event) => showDetails(event.nodes[0]));

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
  function setClassVisible(cls, visible) {
    nodes.update(data.nodes.filter((n) => n.group === cls).map((n) => ({ id: n.id, hidden: !visible })));
  }

  // Search: select the visible nodes any of whose names contains the text, and show them.
  function search(text) {
    const query = text.trim().toLowerCase();
    const found = query ? nodes.get({
      filter: (n) => !n.hidden && n.info.labels.some((l) => l.toLowerCase().includes(query)),
    }).map((n) => n.id) : [];
    network.selectNodes(found);
    if (found.length === 1) network.focus(found[0], { scale: 1.2 });
    else if (found.length > 1) network.fit({ nodes: found });
    showDetails(found[0]);
    document.getElementById("matches").textContent = query ? found.length + " 个匹配 / matches" : "";
    return found;
  }
  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    search(document.getElementById("query").value);
  });

  document.getElementById("summary").textContent =
    data.nodes.length + " 个节点 nodes · " + data.edges.length + " 条边 edges";

  // For tests and benchmarks: what vis-network draws, and when the first drawing is done.
  window.skillgraph = {
    network, nodes, edges, search, setClassVisible,
    drawn: () => ({ nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length }),
  };
  network.once("afterDrawing", () => {
    document.body.dataset.readyMs = String(Math.round(performance.now()));
  });
})();
