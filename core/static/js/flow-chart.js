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
    tooltip: { trigger: "item", valueFormatter: function (v) { return "¥" + v.toLocaleString("zh-CN", { minimumFractionDigits: 2 }); } },
    series: [{
      type: "sankey",
      data: data.nodes,
      links: data.links,
      emphasis: { focus: "adjacency" },
      nodeAlign: "left",
      lineStyle: { color: "gradient", curveness: 0.5 },
      label: { color: "#1a1a1a" }
    }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
