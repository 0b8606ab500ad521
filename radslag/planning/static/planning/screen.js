// The workshop's shared screen: asks for the board every few seconds and redraws it.
(function () {
  "use strict";
  var root = document.querySelector("[data-screen-url]");
  if (!root) { return; }
  var url = root.getAttribute("data-screen-url");
  var board = root.querySelector("[data-board]");
  var list = root.querySelector("[data-suggestions]");
  var waiting = root.querySelector("[data-waiting]");
  var lastSvg = null;
  var waitingTemplate = waiting ? waiting.textContent.replace(/^\s*\d+/, "") : "";

  function redraw(data) {
    if (data.svg !== undefined && data.svg !== lastSvg) {
      board.innerHTML = data.svg;  // drawn and escaped by the server
      lastSvg = data.svg;
    }
    var seen = {};
    Array.prototype.forEach.call(list.children, function (item) { seen[item.getAttribute("data-id")] = item; });
    var fresh = document.createDocumentFragment();
    data.suggestions.forEach(function (s) {
      var item = document.createElement("li");
      item.setAttribute("data-id", String(s.id));
      item.textContent = s.kind + ": " + s.text + " – " + s.status;
      fresh.appendChild(item);
    });
    var changed = data.suggestions.length !== list.children.length ||
      data.suggestions.some(function (s) { var old = seen[String(s.id)]; return !old || old.textContent.indexOf(s.status) < 0; });
    if (changed) { list.replaceChildren(fresh); }
    if (waiting) { waiting.textContent = data.waiting + waitingTemplate; }
    root.setAttribute("data-updated-at", data.at);
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { redraw(data); } })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 3000);
}());
