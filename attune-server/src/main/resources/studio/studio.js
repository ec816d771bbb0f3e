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
