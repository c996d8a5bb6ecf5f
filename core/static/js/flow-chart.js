// Draws the transparency page's Sankey picture from the JSON the page carries. The table
// next to it holds the same numbers, so the picture is hidden from screen readers.
(function () {
  var holder = document.getElementById("flow-chart");
  var source = document.getElementById("flow-data");
  if (!holder || !source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  if (!data.links.length) { holder.style.display = "none"; return; }
  var chart = window.echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    // The site's palette (site.css): deep red, gold, blue, green, then muted tones.
    color: ["#a61c1f", "#c9971c", "#1450b0", "#2e7d5b", "#6b4fa0", "#b4532a", "#4a6a8a"],
    // Values are whole fen: yuan and fen are cut apart with integer arithmetic.
    tooltip: { trigger: "item", valueFormatter: function (fen) {
      return "¥" + Math.floor(fen / 100).toLocaleString("zh-CN") + "." + String(fen % 100).padStart(2, "0");
    } },
    series: [{
      type: "sankey",
      // Room on the right for the last column's labels, which sit beside their nodes.
      left: 4, right: 96, top: 8, bottom: 8,
      data: data.nodes,
      links: data.links,
      emphasis: { focus: "adjacency" },
      nodeAlign: "left",
      // Small flows sit beside a large one: room between nodes, and a label that would
      // overlap another is left out of the picture (the table below names every flow).
      nodeGap: 20,
      lineStyle: { color: "gradient", curveness: 0.5 },
      // On a phone the columns are narrow: a long name is cut (its tooltip and the table
      // give it whole); on a wide screen it has room.
      label: { color: "#1a1a1a", width: holder.clientWidth < 600 ? 90 : 220, overflow: "truncate", fontSize: 12 },
      labelLayout: { hideOverlap: true }
    }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
