// The form list's batch bar: a box in the header ticks or clears every row of the page. Without
// JavaScript the box stays hidden and each row is ticked by hand; the server checks everything.
(function () {
  "use strict";
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    var name = all.getAttribute("data-select-all");
    var boxes = document.querySelectorAll('input[type=checkbox][name="' + name + '"]');
    all.hidden = false;
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  });
})();
