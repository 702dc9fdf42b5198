// Upload with a progress bar. One file goes in one request; several go one file per request into
// the same batch (the bar follows the files), then the server reviews the batch as a whole.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var box = document.getElementById("progress");
  var bar = box.querySelector("progress");
  var label = box.querySelector(".label");
  var report = document.getElementById("report");
  var words = box.dataset; // the page's language: sending, reading, reviewing, done, failed
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
    label.textContent = (done + 1) + " / " + total + ": " + name +
      (fraction < 1 ? " " + words.sending + " " + Math.round(100 * fraction) + "%" : " " + words.reading);
  }

  function pause(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // A large file is imported by the worker: the answer is a progress card whose status address
  // is asked every second until the work is finished, then the card gives way to the report.
  async function follow(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var card = holder.querySelector(".import-progress");
    if (!card) return html;
    report.appendChild(card);
    for (;;) {
      await pause(1000);
      var status = await (await fetch(card.dataset.status, { credentials: "same-origin" })).json();
      card.querySelector("progress").value = status.percent;
      card.querySelector(".label").textContent = status.text;
      label.textContent = status.text;
      if (status.finished) {
        card.remove();
        return status.html;
      }
    }
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
      var html = await follow(await post(data, function (f) { show(i, files.length, name, f); }));
      report.insertAdjacentHTML("beforeend", html);
      var last = report.querySelectorAll(".import-report");
      var id = last.length ? last[last.length - 1].dataset.batch : "";
      if (id) batch = id;
    }
    if (files.length > 1) {
      label.textContent = words.reviewing;
      var finish = new FormData();
      finish.append("finish", "1");
      if (batch) finish.append("batch", batch);
      report.insertAdjacentHTML("afterbegin", await follow(await post(finish)));
    }
    bar.value = 100;
    label.textContent = words.done;
    await refreshRecent();
  }

  // The list of recent imports, as the server has it now that the files are in.
  async function refreshRecent() {
    var recent = document.getElementById("recent");
    var answer = await fetch(recent.dataset.url, { credentials: "same-origin" });
    if (answer.ok) recent.outerHTML = await answer.text();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    box.hidden = false;
    bar.value = 0;
    send(Array.from(form.querySelector("input[type=file]").files)).catch(function () {
      label.textContent = words.failed;
    });
  });
})();
