// The entity graph: meetings (solid) and co-mentions (dashed) around one entity.
// Data comes from <script type="application/json" id="graph-data">; no inline code.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var holder = document.getElementById("graph-data");
  if (!box || !holder) return;
  if (typeof window.cytoscape !== "function") {
    box.textContent = "The graph library did not load; the lists below hold the same links.";
    return;
  }
  var data = JSON.parse(holder.textContent);
  var colors = { PER: "#f4a259", ORG: "#5aa9e6", LOC: "#6cc56b", LOCORG: "#b48ce6" };
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ data: { id: "n" + n.id, kb: n.id, label: n.name, color: colors[n.type] || "#bbb", center: n.center ? 1 : 0 } });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ data: { id: "e" + i, source: "n" + e.source, target: "n" + e.target, kind: e.kind,
                            width: Math.min(1 + e.weight, 8) } });
  });
  var cy = window.cytoscape({
    container: box,
    elements: elements,
    layout: { name: "concentric", concentric: function (n) { return n.data("center") ? 2 : 1; }, levelWidth: function () { return 1; }, minNodeSpacing: 30, animate: false },
    style: [
      { selector: "node", style: { "background-color": "data(color)", label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22 } },
      { selector: "node[center = 1]", style: { width: 36, height: 36, "font-weight": "bold", "border-width": 3, "border-color": "#1d2330" } },
      { selector: "edge", style: { width: "data(width)", "curve-style": "bezier", "line-color": "#98a2b3", "line-style": "dashed" } },
      { selector: "edge[kind = 'meeting']", style: { "line-color": "#c2410c", "line-style": "solid" } }
    ]
  });
  cy.on("tap", "node", function (evt) {
    var kb = evt.target.data("kb");
    if (!evt.target.data("center")) window.location.href = "/entities/" + encodeURIComponent(kb);
  });
  box.setAttribute("data-ready", String(cy.nodes().length));
})();
