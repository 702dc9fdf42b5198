// Dashboard charts (ECharts); the same numbers are in the tables under each chart.
// The charts lie on their side: each name
// gets a line of its own, as long as the chart is wide, cut with "…" when longer, and the whole
// name is in the tooltip; the chart grows with the number of bars so that none share a line.
(function () {
  "use strict";
  var ROW = 28; // pixels per bar of a chart on its side: a line of 12px text and its spacing
  var LABEL = 200; // pixels of the names' column
  function draw() {
    var data = JSON.parse(document.getElementById("dash-data").textContent);
    var english = document.getElementById("dash").dataset.lang === "en";
    var font = { fontFamily: "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif" };
    // money in 万元 (millions in English) on the axis so large figures do not overlap; the
    // tables keep the 元
    function money(v) {
      if (english) return v >= 1e6 ? v / 1e6 + "M" : v >= 1e3 ? v / 1e3 + "k" : v;
      if (v >= 100000000) return v / 100000000 + "亿";
      return v >= 10000 ? v / 10000 + "万" : v;
    }
    function bar(id, rows, value, horizontal) {
      var el = document.getElementById(id);
      if (!el || !rows.length) return;
      if (horizontal) el.style.height = Math.max(160, rows.length * ROW + 50) + "px";
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      var names = rows.map(function (r) { return r.label; });
      var values = rows.map(function (r) { return r[value]; });
      var cat = { type: "category", data: names, inverse: !!horizontal,
        axisLabel: horizontal ? { width: LABEL - 10, overflow: "truncate", interval: 0 }
          : { interval: 0, hideOverlap: true } };
      var num = { type: "value", splitNumber: horizontal ? 3 : 5,
        axisLabel: { hideOverlap: true, formatter: function (v) {
          return value === "total" ? money(v) : v; } } };
      chart.setOption({
        // richText: the tooltip is drawn in the chart; an HTML one would carry style attributes,
        // which the Content-Security-Policy refuses (middleware.py)
        textStyle: font, animation: false,
        tooltip: { renderMode: "richText", trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: horizontal ? LABEL : 50, right: 30, top: 10, bottom: 30 },
        xAxis: horizontal ? num : cat, yAxis: horizontal ? cat : num,
        series: [{ type: "bar", data: values, itemStyle: { color: "#2f6f9f" } }],
      });
      window.addEventListener("resize", function () { chart.resize(); });
    }
    bar("chart-units", data.units.slice(0, 12), "total", true);
    bar("chart-categories", data.categories, "total", true);
    bar("chart-grades", data.grades, "total", true);
    bar("chart-scores", data.scores, "count", true);
    bar("chart-findings", data.finding_categories, "count", true);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
