/* Forms on every page: ask before a form marked data-confirm is sent (no inline handlers). */
"use strict";

document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});
