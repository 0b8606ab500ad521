// Theme analysis: while a run works, ask for its status and show it; reload when it is finished.
// Without JavaScript the page offers a "refresh the page" link instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-run-status]");
  if (!box || !window.fetch) { return; }
  var bar = box.querySelector("[data-run-progress]");
  var text = box.querySelector("[data-run-text]");
  var refresh = box.querySelector("[data-run-refresh]");
  if (refresh) { refresh.hidden = true; }
  var INTERVAL_MS = 1500;

  function show(status) {
    if (bar) { bar.value = status.progress; bar.textContent = status.progress + " %"; }
    if (text) { text.textContent = status.status_label + ": " + status.stage + " (" + status.progress + " %)"; }
  }

  function poll() {
    fetch(box.getAttribute("data-url"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (status) {
        show(status);
        if (status.finished) { window.location.reload(); } else { window.setTimeout(poll, INTERVAL_MS); }
      })
      .catch(function () { if (refresh) { refresh.hidden = false; } });
  }
  window.setTimeout(poll, INTERVAL_MS);
})();
