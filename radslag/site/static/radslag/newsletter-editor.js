// The newsletter editor: a button beside each library image inserts its Markdown line at the cursor
// in the Swedish text (or in the text field that last had focus). Without JavaScript, the line is copied by hand.
(function () {
  "use strict";
  var fields = document.querySelectorAll("textarea[name='body'], textarea[name='body_en']");
  if (!fields.length) { return; }
  var target = fields[0];
  fields.forEach(function (field) { field.addEventListener("focus", function () { target = field; }); });
  document.querySelectorAll("[data-insert-image]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var line = document.getElementById(button.getAttribute("data-insert-image")).textContent;
      var start = target.selectionStart || 0, end = target.selectionEnd || 0;
      var before = target.value.slice(0, start), after = target.value.slice(end);
      var insert = (before && !before.endsWith("\n\n") ? "\n\n" : "") + line + "\n\n";
      target.value = before + insert + after;
      target.focus();
      target.selectionStart = target.selectionEnd = before.length + insert.length;
    });
  });
})();
