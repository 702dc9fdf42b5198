// Upload with a progress bar; the server's import report replaces the report area.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var box = document.getElementById("progress");
  var bar = box.querySelector("progress");
  var label = box.querySelector(".label");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", window.location.pathname);
    request.setRequestHeader("HX-Request", "true");
    request.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var pct = Math.round((100 * e.loaded) / e.total);
      bar.value = pct;
      label.textContent = pct < 100 ? "上传 " + pct + "%" : "正在读取与审核…";
    });
    request.addEventListener("load", function () {
      bar.value = 100;
      label.textContent = "完成";
      document.getElementById("report").innerHTML = request.responseText;
    });
    request.addEventListener("error", function () {
      label.textContent = "上传失败，请重试";
    });
    box.hidden = false;
    bar.value = 0;
    request.send(new FormData(form));
  });
})();
