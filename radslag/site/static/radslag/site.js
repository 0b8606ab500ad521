// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // "Listen to this page": the browser's own speech synthesis, where it exists.
  var listen = document.querySelector("[data-listen]");
  if (listen && "speechSynthesis" in window) {
    listen.hidden = false;
    var speaking = false;
    var labelStart = listen.textContent;
    var labelStop = document.documentElement.lang === "en" ? "Stop reading" : "Sluta läsa";
    listen.addEventListener("click", function () {
      if (speaking) {
        window.speechSynthesis.cancel();
        return;
      }
      var main = document.querySelector("main");
      var utterance = new SpeechSynthesisUtterance(main ? main.innerText : document.body.innerText);
      utterance.lang = document.documentElement.lang === "en" ? "en-GB" : "sv-SE";
      utterance.onend = utterance.onerror = function () {
        speaking = false;
        listen.textContent = labelStart;
        listen.setAttribute("aria-pressed", "false");
      };
      speaking = true;
      listen.textContent = labelStop;
      listen.setAttribute("aria-pressed", "true");
      window.speechSynthesis.speak(utterance);
    });
  }
  // Move focus to an error summary so screen-reader users hear what went wrong.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
