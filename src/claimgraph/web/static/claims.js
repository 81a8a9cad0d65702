// Click a highlighted claim: open its card (chain, event fields) and mark both.
// Optional: without JavaScript the link jumps to the card, which :target marks.
"use strict";
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a.claim") : null;
  if (!link) { return; }
  var card = document.getElementById(link.getAttribute("data-claim"));
  if (!card) { return; }
  document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  card.open = true;
  card.classList.add("active");
  link.classList.add("active");
});
