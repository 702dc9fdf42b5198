// Indicator rows: add, remove, reorder; level-2 choices follow the level-1 heading.
(function () {
  "use strict";
  var taxonomy = JSON.parse(document.getElementById("taxonomy").textContent);
  var rows = document.getElementById("rows");

  function fillLevel2(row) {
    var l1 = row.querySelector("select.l1").value;
    var l2 = row.querySelector("select.l2");
    var keep = l2.value;
    var names = taxonomy[l1] || [];
    l2.innerHTML = "";
    [""].concat(names).forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      if (name === keep) option.selected = true;
      l2.appendChild(option);
    });
  }

  document.getElementById("add-row").addEventListener("click", function () {
    var template = document.getElementById("row-template");
    var row = template.content.firstElementChild.cloneNode(true);
    rows.appendChild(row);
    if (window.htmx) window.htmx.process(row);
    row.querySelector("input[name=ind-name]").focus();
  });

  rows.addEventListener("change", function (event) {
    if (event.target.matches("select.l1")) fillLevel2(event.target.closest("tr"));
  });

  rows.addEventListener("click", function (event) {
    var row = event.target.closest("tr");
    if (!row) return;
    if (event.target.matches("button.remove")) row.remove();
    if (event.target.matches("button.up") && row.previousElementSibling)
      rows.insertBefore(row, row.previousElementSibling);
    if (event.target.matches("button.down") && row.nextElementSibling)
      rows.insertBefore(row.nextElementSibling, row);
  });
})();
