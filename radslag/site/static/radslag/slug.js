// The process form's short name: filled from the title while it is empty or still the title's own,
// and shown as the address the page will get. The server makes the same slug when JavaScript is off.
(function () {
  "use strict";
  var special = { "æ": "ae", "ø": "o", "ß": "ss", "ð": "d", "þ": "th" };

  function slugFrom(text) {
    return text.toLowerCase()
      .replace(/[æøßðþ]/g, function (letter) { return special[letter]; })
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9\s_-]/g, "").trim()
      .replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  }

  document.querySelectorAll("input[data-slug-from]").forEach(function (slug) {
    var title = document.getElementById(slug.getAttribute("data-slug-from"));
    var preview = document.querySelector("[data-slug-preview]");
    if (!title) { return; }
    // Follow the title only while the person has not written a short name of their own.
    var follows = slug.hasAttribute("data-slug-follow") &&
      (slug.value === "" || slug.value === slugFrom(title.value));

    function show() {
      if (preview) { preview.textContent = slugFrom(slug.value) || preview.getAttribute("data-slug-empty"); }
    }
    title.addEventListener("input", function () {
      if (follows) { slug.value = slugFrom(title.value); show(); }
    });
    slug.addEventListener("input", function () {
      follows = slug.hasAttribute("data-slug-follow") && slug.value === "";
      show();
    });
  });
}());
