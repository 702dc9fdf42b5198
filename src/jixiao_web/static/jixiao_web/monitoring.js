// The monitoring entry page (monitoring/entry.html): refresh the lights while the unit types,
// asking the server, which asks the core (nothing is stored; the page works without this).
(function () {
  "use strict";
  var form = document.getElementById("monitoring-entry");
  if (!form || !window.fetch) return;
  var timer = null;
  function paint(el, light, word) {
    if (!el) return;
    el.className = "light light-" + (light || "none");
    if (word !== undefined) el.textContent = word;
  }
  function refresh() {
    fetch(form.dataset.lights, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        data.rows.forEach(function (row, i) {
          var tr = document.getElementById("row-" + i);
          if (!tr) return;
          paint(tr.querySelector("[data-row-light]"), row.light, row.word);
          var list = tr.querySelector("[data-row-problems]");
          if (!list) return;
          list.textContent = "";
          row.problems.forEach(function (p) {
            var li = document.createElement("li");
            li.className = "sev-error";
            li.textContent = p;
            list.appendChild(li);
          });
        });
      })
      .catch(function () {});
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
