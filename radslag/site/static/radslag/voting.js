/* Voter pages, as progressive enhancement (everything works without JavaScript):
   - the code page takes the code from a QR link's fragment (#kod=...), which browsers never send to the
     server, so codes stay out of access logs; it fills in the field and posts the form;
   - dot ballots get a "−" and a "+" button beside each number field and a live count of dots left. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  var codeForm = document.querySelector("[data-code-form]");
  function codeFromFragment() {
    var match = /^#kod=([0-9A-Za-z-]{4,40})$/.exec(window.location.hash);
    if (!match) { return; }
    codeForm.querySelector("input[name=kod]").value = match[1];
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    codeForm.submit();
  }
  if (codeForm) {
    codeFromFragment();
    window.addEventListener("hashchange", codeFromFragment);
  }

  var fieldset = document.querySelector(".dot-options[data-dots]");
  if (!fieldset) { return; }
  var labels = fieldset.dataset;
  var dots = parseInt(labels.dots, 10);
  var cap = parseInt(labels.cap, 10);
  var inputs = Array.prototype.slice.call(fieldset.querySelectorAll("input.dots-input"));
  var status = fieldset.querySelector("[data-dots-left]");

  function value(input) {
    var number = parseInt(input.value, 10);
    return isNaN(number) || number < 0 ? 0 : number;
  }

  function given() {
    return inputs.reduce(function (sum, input) { return sum + value(input); }, 0);
  }

  function refresh() {
    var left = dots - given();
    status.textContent = left >= 0 ? format(labels.labelLeft, {left: left, dots: dots})
                                   : format(labels.labelOver, {over: -left});
    status.classList.toggle("over", left < 0);
    inputs.forEach(function (input) {
      // aria-disabled rather than disabled: a button that has focus keeps it (and says why it is off).
      setOff(input.parentNode.querySelector("[data-step='1']"), value(input) >= cap || left <= 0);
      setOff(input.parentNode.querySelector("[data-step='-1']"), value(input) <= 0);
    });
  }

  function setOff(element, off) {
    element.setAttribute("aria-disabled", off ? "true" : "false");
  }

  function optionTitle(input) {
    var label = document.querySelector("label[for='" + input.id + "']").cloneNode(true);
    Array.prototype.forEach.call(label.querySelectorAll(".muted"), function (hint) { hint.remove(); });
    return label.textContent.trim();
  }

  function button(input, step, text, template) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "dot-step";
    element.dataset.step = String(step);
    element.textContent = text;
    element.setAttribute("aria-label", format(template, {option: optionTitle(input)}));
    element.addEventListener("click", function () {
      if (element.getAttribute("aria-disabled") === "true") {
        var said = status.textContent;  // say the count again, so a screen reader tells why nothing happened
        status.textContent = "";
        window.setTimeout(function () { status.textContent = said; }, 100);
        return;
      }
      input.value = String(Math.max(0, Math.min(cap, value(input) + step)));
      refresh();
    });
    return element;
  }

  inputs.forEach(function (input) {
    var wrapper = document.createElement("span");
    wrapper.className = "dot-stepper";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(button(input, -1, "−", labels.labelRemove));
    wrapper.appendChild(input);
    wrapper.appendChild(button(input, 1, "+", labels.labelAdd));
    input.addEventListener("input", refresh);
  });
  refresh();
}());
