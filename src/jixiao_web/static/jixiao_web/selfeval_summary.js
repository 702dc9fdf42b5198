// Self-evaluation summary charts (ECharts, as the dashboard); the same figures are in the
// tables under each chart.
(function () {
  "use strict";
  var ROW = 28; // pixels per bar on its side, as on the dashboard
  // `top`: the axis's end (100 for scores), else ECharts chooses; counts in whole steps
  function bar(id, rows, value, top) {
    var el = document.getElementById(id);
    rows = rows.filter(function (r) { return r[value] !== null; });
    if (!el || !rows.length || !window.echarts) return;
    el.style.height = Math.max(160, rows.length * ROW + 50) + "px";
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif" },
      tooltip: { renderMode: "richText", trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 200, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value", splitNumber: 4, max: top, minInterval: value === "count" ? 1 : 0 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.label; }),
        axisLabel: { width: 190, overflow: "truncate", interval: 0 } },
      series: [{ type: "bar", itemStyle: { color: "#2f6f9f" },
        data: rows.map(function (r) { return Number(r[value]); }) }],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function draw() {
    var data = JSON.parse(document.getElementById("selfeval-data").textContent);
    bar("chart-se-scores", data.units, "score", 100);
    bar("chart-se-grades", data.grades, "count");
    bar("chart-se-rates", data.units, "rate");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
