// Opinion mapping: after an answer the page comes back at #statement; move keyboard focus to the
// next statement so that Tab reaches its buttons at once. Without JavaScript the anchor still scrolls there.
(function () {
  "use strict";
  if (window.location.hash !== "#statement") { return; }
  var card = document.getElementById("statement");
  if (card && !document.querySelector("[data-error-summary]")) { card.focus({ preventScroll: false }); }
})();
