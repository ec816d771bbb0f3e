// Attune studio: the little the pages need beyond htmx. No inline scripts (the CSP forbids them).
document.addEventListener("click", function (event) {
  var opener = event.target.closest("[data-dialog]");
  if (opener) {
    var dialog = document.getElementById(opener.getAttribute("data-dialog"));
    if (dialog) { dialog.showModal(); }
    return;
  }
  var closer = event.target.closest("[data-close]");
  if (closer) {
    var open = closer.closest("dialog");
    if (open) { open.close(); }
    return;
  }
  var back = event.target.closest("[data-back]");
  if (back) { event.preventDefault(); history.back(); }
});

// Editors' repeated rows (a strategy's sources and fallbacks): "Add" copies the list's <template>
// (its "__i__" becomes a fresh number, for unique ids) and focuses the new row; "Remove" drops a
// row and gives the focus back to the list's add button.
document.addEventListener("click", function (event) {
  var add = event.target.closest("[data-add-row]");
  if (add) {
    var name = add.getAttribute("data-add-row");
    var list = document.getElementById(name + "-list");
    var next = Math.max(list.children.length, Number(list.getAttribute("data-next") || 0));
    list.setAttribute("data-next", next + 1);
    list.insertAdjacentHTML("beforeend",
        document.getElementById(name + "-template").innerHTML.replace(/__i__/g, String(next)));
    list.lastElementChild.querySelector("select, input, textarea").focus();
    return;
  }
  var remove = event.target.closest("[data-remove-row]");
  if (remove) {
    var row = remove.closest("[data-row]");
    var back = document.querySelector("[data-add-row='" + row.parentElement.id.replace(/-list$/, "") + "']");
    row.remove();
    if (back) { back.focus(); }
  }
});

// Parts of a form shown only for some values of a choice: data-when names the choice (looked for
// in the same row first), data-values lists the values that show the part.
document.addEventListener("change", function (event) {
  var form = event.target.form;
  if (!form) { return; }
  form.querySelectorAll("[data-when]").forEach(function (part) {
    var scope = part.closest("[data-row]") || form;
    var choice = scope.querySelector("[name='" + part.getAttribute("data-when") + "']");
    if (choice) { part.hidden = part.getAttribute("data-values").split(" ").indexOf(choice.value) < 0; }
  });
});

// A product picture that cannot be loaded (a shop's image host out of reach, as for the demo
// shop's made-up addresses) gives way to the same empty tile as a product without one.
document.addEventListener("error", function (event) {
  var picture = event.target;
  if (picture.tagName === "IMG" && picture.closest("li.item")) {
    var tile = document.createElement("span");
    tile.className = "noimage";
    tile.setAttribute("aria-hidden", "true");
    picture.replaceWith(tile);
  }
}, true);

// The web tag page: the snippet for the key, placements and widget chosen, and its copy button.
(function () {
  var form = document.getElementById("snippet-form");
  if (!form) { return; }
  var out = document.getElementById("snippet");
  function escapeAttribute(text) { return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }
  function render() {
    var key = document.getElementById("snippet-key").value.trim() || "atk_…";
    var layout = document.getElementById("snippet-layout").value;
    var consent = document.getElementById("snippet-consent").checked;
    var lines = ["<!-- in every page, before </head> -->",
      "<script src=\"" + form.getAttribute("data-server") + "/sdk/attune.js\" data-key=\"" + escapeAttribute(key)
        + "\" data-catalog=\"" + escapeAttribute(form.getAttribute("data-catalog")) + "\""
        + (consent ? " data-consent=\"pending\"" : "") + " defer></script>"];
    var placements = form.querySelectorAll("input[name=snippet-placement]:checked");
    if (placements.length) { lines.push("", "<!-- where each placement's products go -->"); }
    for (var i = 0; i < placements.length; i++) {
      lines.push("<div data-attune-placement=\"" + escapeAttribute(placements[i].value) + "\""
        + (layout === "grid" ? " data-attune-layout=\"grid\"" : "") + "></div>");
    }
    if (consent) { lines.push("", "<!-- once the person agrees (your consent banner) -->",
      "<script>window.attune = window.attune || function () { (attune.q = attune.q || []).push(arguments); };",
      "attune(\"consent\", \"in\");</script>"); }
    out.textContent = lines.join("\n");
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", render);
  form.addEventListener("change", render);
  document.getElementById("copy-snippet").addEventListener("click", function () {
    var done = document.getElementById("copied");
    navigator.clipboard.writeText(out.textContent).then(function () { done.textContent = "Copied."; },
      function () { done.textContent = "Select the snippet and copy it (the browser did not allow it)."; });
  });
  render();
})();
