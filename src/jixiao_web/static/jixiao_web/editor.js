// Indicator rows: add, remove, reorder; level-2 choices follow the level-1 heading.
// Leaving the page with changes not saved asks first (the browser's own "leave site?" dialog):
// armed by the first change (typing, a choice, a row added, removed or moved), disarmed when the
// form is sent. A page shown again with the server's refusal (422) holds input not yet saved,
// so it starts armed (`data-unsaved`).
(function () {
  "use strict";
  var taxonomy = JSON.parse(document.getElementById("taxonomy").textContent);
  // each heading as the page's language says it; the value sent stays the heading itself
  var headingNames = JSON.parse(document.getElementById("heading-names").textContent);
  var rows = document.getElementById("rows");
  var editor = document.querySelector("form.editor");
  var unsaved = editor.hasAttribute("data-unsaved");

  function changed() { unsaved = true; }
  editor.addEventListener("input", changed);
  editor.addEventListener("change", changed);
  editor.addEventListener("submit", function () { unsaved = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!unsaved) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers show the dialog only when this is set
  });

  function fillLevel2(row) {
    var l1 = row.querySelector("select.l1").value;
    var l2 = row.querySelector("select.l2");
    var keep = l2.value;
    var names = taxonomy[l1] || [];
    l2.innerHTML = "";
    [""].concat(names).forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = headingNames[name] || name;
      if (name === keep) option.selected = true;
      l2.appendChild(option);
    });
  }

  document.getElementById("add-row").addEventListener("click", function () {
    var template = document.getElementById("row-template");
    var row = template.content.firstElementChild.cloneNode(true);
    rows.appendChild(row);
    changed();
    if (window.htmx) window.htmx.process(row);
    row.querySelector("input[name=ind-name]").focus();
  });

  rows.addEventListener("change", function (event) {
    if (event.target.matches("select.l1")) fillLevel2(event.target.closest("tr"));
  });

  rows.addEventListener("click", function (event) {
    var row = event.target.closest("tr");
    if (!row) return;
    if (event.target.matches("button.remove, button.up, button.down")) changed();
    if (event.target.matches("button.remove")) row.remove();
    if (event.target.matches("button.up") && row.previousElementSibling)
      rows.insertBefore(row, row.previousElementSibling);
    if (event.target.matches("button.down") && row.nextElementSibling)
      rows.insertBefore(row.nextElementSibling, row);
  });
})();
