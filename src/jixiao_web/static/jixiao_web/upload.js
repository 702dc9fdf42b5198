// Upload with a progress bar. One file goes in one request; several go one file per request into
// the same batch (the bar follows the files), then the server reviews the batch as a whole.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var box = document.getElementById("progress");
  var bar = box.querySelector("progress");
  var label = box.querySelector(".label");
  var report = document.getElementById("report");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function post(data, onProgress) {
    return new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      request.open("POST", window.location.pathname);
      request.setRequestHeader("HX-Request", "true");
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
      });
      request.addEventListener("load", function () { resolve(request.responseText); });
      request.addEventListener("error", reject);
      data.append("csrfmiddlewaretoken", token);
      request.send(data);
    });
  }

  function choice() {
    var checked = form.querySelector("input[name=on_match]:checked");
    return checked ? checked.value : "skip";
  }

  function show(done, total, name, fraction) {
    bar.value = Math.round((100 * (done + fraction)) / total);
    label.textContent = (done + 1) + " / " + total + "：" + name +
      (fraction < 1 ? " 上传 " + Math.round(100 * fraction) + "%" : " 正在读取与审核…");
  }

  async function send(files) {
    var batch = "";
    report.innerHTML = "";
    for (var i = 0; i < files.length; i++) {
      var data = new FormData();
      data.append("files", files[i]);
      data.append("on_match", choice());
      if (batch) data.append("batch", batch);
      var name = files[i].name;
      show(i, files.length, name, 0);
      var html = await post(data, function (f) { show(i, files.length, name, f); });
      report.insertAdjacentHTML("beforeend", html);
      var last = report.querySelectorAll(".import-report");
      var id = last.length ? last[last.length - 1].dataset.batch : "";
      if (id) batch = id;
    }
    if (files.length > 1) {
      label.textContent = "正在整体审核…";
      var finish = new FormData();
      finish.append("finish", "1");
      if (batch) finish.append("batch", batch);
      report.insertAdjacentHTML("afterbegin", await post(finish));
    }
    bar.value = 100;
    label.textContent = "完成";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    box.hidden = false;
    bar.value = 0;
    send(Array.from(form.querySelector("input[type=file]").files)).catch(function () {
      label.textContent = "上传失败，请重试";
    });
  });
})();
