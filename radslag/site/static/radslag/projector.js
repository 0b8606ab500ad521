/* Projector view: fetches the results JSON every few seconds and redraws the table and bars (or the
   words) in place, and offers full screen (button or the F key).
   Without JavaScript the page refreshes itself (meta refresh in a noscript element). */
(function () {
  "use strict";
  var root = document.querySelector("[data-projector]");
  if (!root) { return; }
  var labels = document.getElementById("projector-labels").dataset;
  var interval = Math.max(2, parseInt(root.dataset.interval, 10) || 5) * 1000;
  var summary = root.querySelector("[data-summary]");
  var tbody = root.querySelector("[data-results-table] tbody");
  var wordTable = root.querySelector("[data-word-table] tbody");
  var wordCloud = root.querySelector("[data-word-cloud]");
  var heldBack = root.querySelector("[data-held-back]");
  var fullscreen = root.querySelector("[data-fullscreen]");

  function isFull() { return Boolean(document.fullscreenElement); }

  function toggleFullscreen() {
    if (isFull()) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { /* refused: stay as we are */ });
    }
  }

  if (fullscreen && document.fullscreenEnabled) {
    fullscreen.hidden = false;
    fullscreen.addEventListener("click", toggleFullscreen);
    document.addEventListener("fullscreenchange", function () {
      fullscreen.textContent = isFull() ? fullscreen.dataset.labelLeave : fullscreen.dataset.labelEnter;
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if ((event.key === "f" || event.key === "F") && !event.ctrlKey && !event.metaKey && !event.altKey && !typing) {
        event.preventDefault();
        toggleFullscreen();
      }
    });
  }

  function renderWords(data) {
    var rows = document.createDocumentFragment();
    var cloud = document.createDocumentFragment();
    data.words.forEach(function (word) {
      var tr = document.createElement("tr");
      var title = cell("th", word.word);
      title.setAttribute("scope", "row");
      tr.appendChild(title);
      tr.appendChild(cell("td", String(word.count), "num"));
      rows.appendChild(tr);
      cloud.appendChild(cell("li", word.word, "word-size-" + word.size));
    });
    if (!data.words.length) {
      var empty = document.createElement("tr");
      var td = cell("td", labels.noWords);
      td.setAttribute("colspan", "2");
      empty.appendChild(td);
      rows.appendChild(empty);
    }
    wordTable.replaceChildren(rows);
    if (wordCloud) { wordCloud.replaceChildren(cloud); }
    if (heldBack) { heldBack.hidden = !data.held_back; }
  }
  var schulze = root.querySelector("[data-schulze]");
  var lastSummary = summary ? summary.textContent.trim() : "";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  function cell(tag, text, className) {
    var element = document.createElement(tag);
    element.textContent = text;
    if (className) { element.className = className; }
    return element;
  }

  function bar(share) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "result-bar");
    svg.setAttribute("viewBox", "0 0 100 10");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "16");
    var rect = document.createElementNS(ns, "rect");
    rect.setAttribute("height", "10");
    rect.setAttribute("width", String(Math.round(share * 100)));
    svg.appendChild(rect);
    var td = document.createElement("td");
    td.className = "chart-cell";
    td.setAttribute("aria-hidden", "true");
    td.appendChild(svg);
    return td;
  }

  function render(data) {
    if (wordTable && data.words) {
      renderWords(data);
    } else if (tbody) {
      renderRows(data);
    }
    updateSummary(data);
  }

  function renderRows(data) {
    var rows = document.createDocumentFragment();
    data.rows.forEach(function (row) {
      var tr = document.createElement("tr");
      var title = cell("th", row.title);
      title.setAttribute("scope", "row");
      tr.appendChild(cell("td", String(row.rank)));
      tr.appendChild(title);
      tr.appendChild(cell("td", String(row.score), "num"));
      tr.appendChild(cell("td", Math.round(row.share * 100) + " %", "num"));
      tr.appendChild(bar(row.share));
      rows.appendChild(tr);
    });
    tbody.replaceChildren(rows);
  }

  function updateSummary(data) {
    var text = data.ballots === 1 ? labels.ballotsOne : format(labels.ballotsMany, { count: data.ballots });
    if (data.codes_issued) {
      text += " · " + format(labels.codes, { used: data.codes_used, issued: data.codes_issued });
    }
    // Only touch the live region when the figures changed, so screen readers are not flooded.
    if (summary && text !== lastSummary) {
      summary.textContent = text;
      lastSummary = text;
    }
    if (schulze && data.schulze.length) {
      schulze.textContent = labels.schulze + " " + data.schulze.map(function (tier, i) {
        return (i + 1) + ". " + tier.join(", ") + (tier.length > 1 ? " (" + labels.tied + ")" : "");
      }).join(" · ");
    }
  }

  function poll() {
    fetch(root.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { render(data); } })
      .catch(function () { /* keep showing the last figures; the next poll tries again */ })
      .then(function () { window.setTimeout(poll, interval); });
  }

  // Nothing to poll while the results are not public: the page then shows only how to join.
  if (root.dataset.url) { window.setTimeout(poll, interval); }
}());
