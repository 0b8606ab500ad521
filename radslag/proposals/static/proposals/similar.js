// While a proposal is written, look up similar proposals and show them in the live region.
(function () {
  "use strict";
  var form = document.getElementById("proposal-form");
  if (!form) { return; }
  var target = document.getElementById("similar");
  var url = form.getAttribute("data-similar-url");
  var title = form.querySelector("[name=title]");
  var text = form.querySelector("[name=text]");
  var timer = null;
  var last = "";
  function look() {
    var draft = (title.value + " " + text.value).trim();
    if (draft.length < 3 || draft === last) { return; }
    last = draft;
    fetch(url + "?q=" + encodeURIComponent(draft.slice(0, 2000)), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { if (html) { target.innerHTML = html; } });
  }
  function later() { window.clearTimeout(timer); timer = window.setTimeout(look, 600); }
  title.addEventListener("input", later);
  text.addEventListener("input", later);
  title.addEventListener("blur", look);
}());
