// Self-evaluation entry (selfeval/page.html): as the unit types, the form is posted to the
// preview endpoint, which scores it with the core; the scores, the total, the grade and the
// findings at their rows are filled in from its answer. Without JavaScript, saving shows them.
(function () {
  "use strict";
  var WAIT = 300; // ms after the last key before asking: one request per pause, not per key
  function text(el, value) { if (el) el.textContent = value === null || value === undefined ? "—" : value; }
  function findings(list, items, english) {
    if (!list) return;
    list.textContent = "";
    items.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "sev-" + f.severity;
      li.dataset.rule = f.rule;
      li.textContent = english ? f.en.message : f.message;
      list.appendChild(li);
    });
  }
  function fill(data, english) {
    text(document.getElementById("sc-exec-rate"), data.execution.rate ? data.execution.rate + "%" : "");
    text(document.getElementById("sc-exec-score"), data.execution.score || "");
    text(document.getElementById("sc-total"), data.score);
    text(document.getElementById("sc-grade"), data.grade);
    data.rows.forEach(function (row) {
      var tr = document.querySelector('tr[data-row="' + row.index + '"]');
      if (!tr) return;
      text(tr.querySelector(".sc-weight"), row.weight);
      text(tr.querySelector(".sc-score"), row.score);
      tr.querySelector(".sc-score").title = row.basis;
      tr.classList.toggle("has-findings", row.findings.length > 0);
      findings(tr.querySelector(".sc-findings"), row.findings, english);
    });
    findings(document.getElementById("sc-general"), data.general_findings, english);
  }
  function start() {
    var form = document.getElementById("selfeval-form");
    if (!form) return;
    var english = document.documentElement.lang === "en";
    var timer = null;
    function ask() {
      fetch(form.dataset.preview, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) fill(data, english); })
        .catch(function () {}); // the scores stay as last shown; saving shows them
    }
    function later() { clearTimeout(timer); timer = setTimeout(ask, WAIT); }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
