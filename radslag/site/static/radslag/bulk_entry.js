// Typing in paper input: Enter saves, Shift+Enter makes a new line. Without this file the Save button works.
(function () {
  "use strict";
  var form = document.querySelector("[data-bulk-entry]");
  if (!form) {
    return;
  }
  var text = form.querySelector("[data-entry-text]");
  if (!text) {
    return;
  }
  var sending = false;
  text.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) {
      return;
    }
    event.preventDefault();
    if (sending || text.value.trim() === "") {
      return;
    }
    sending = true;
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });
  form.addEventListener("submit", function () {
    sending = true;
  });
  // After a save the page reloads with an empty field: put the cursor there, unless an error needs reading.
  if (!document.querySelector("[data-error-summary]")) {
    text.focus();
  }
})();
