// The moderation queue: after an action the page comes back at "#item-<next>"; move focus there so that
// keyboard and screen-reader users continue with the next contribution instead of at the top of the page.
(function () {
  "use strict";
  var match = /^#item-\d+$/.exec(window.location.hash);
  if (!match) {
    return;
  }
  var target = document.getElementById(window.location.hash.slice(1));
  if (target && document.activeElement !== target && !document.querySelector("[data-error-summary]")) {
    target.focus();
  }
})();
