// Every page: a <select data-submit-on-change> (the language switch) sends its form when changed.
// Here and not in an onchange attribute: the Content-Security-Policy refuses inline scripts.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-submit-on-change]")) event.target.form.submit();
  });
})();
