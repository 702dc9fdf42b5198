// Dashboard charts (ECharts); the same numbers are in the tables under each chart.
(function () {
  "use strict";
  function draw() {
    var data = JSON.parse(document.getElementById("dash-data").textContent);
    var font = { fontFamily: "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif" };
    function bar(id, rows, value, horizontal) {
      var el = document.getElementById(id);
      if (!el || !rows.length) return;
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      var names = rows.map(function (r) { return r.label || r.rule; });
      var values = rows.map(function (r) { return r[value]; });
      var cat = { type: "category", data: names, inverse: !!horizontal,
        axisLabel: { width: 160, overflow: "truncate" } };
      // money in 万元 on the axis so large figures do not overlap; the tables keep the 元
      var num = { type: "value", splitNumber: horizontal ? 3 : 5,
        axisLabel: { hideOverlap: true, formatter: function (v) {
          if (value !== "total") return v;
          if (v >= 100000000) return v / 100000000 + "亿";
          return v >= 10000 ? v / 10000 + "万" : v; } } };
      chart.setOption({
        // richText: the tooltip is drawn in the chart; an HTML one would carry style attributes,
        // which the Content-Security-Policy refuses (middleware.py)
        textStyle: font, animation: false, tooltip: { renderMode: "richText" },
        grid: { left: horizontal ? 170 : 50, right: 20, top: 10, bottom: 30 },
        xAxis: horizontal ? num : cat, yAxis: horizontal ? cat : num,
        series: [{ type: "bar", data: values, itemStyle: { color: "#2f6f9f" } }],
      });
      window.addEventListener("resize", function () { chart.resize(); });
    }
    bar("chart-units", data.units.slice(0, 12), "total", true);
    bar("chart-categories", data.categories, "total", false);
    bar("chart-grades", data.grades, "total", false);
    bar("chart-scores", data.scores, "count", false);
    bar("chart-findings", data.findings, "count", true);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
