// Typing in paper forms: Enter moves to the next field; Enter in the last one saves the form.
// Without this file Tab moves and the Save button saves.
(function () {
  "use strict";
  var form = document.querySelector("[data-paper-entry]");
  if (!form) {
    return;
  }
  var fields = Array.prototype.slice.call(form.querySelectorAll("input[type=text], select"));
  fields.forEach(function (field, index) {
    field.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.isComposing) {
        return;
      }
      event.preventDefault();
      if (index + 1 < fields.length) {
        fields[index + 1].focus();
      } else if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  });
  if (!document.querySelector("[data-error-summary]") && fields.length) {
    fields[0].focus();
  }
})();
