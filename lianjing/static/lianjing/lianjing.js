// Lianjing front-end glue. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";
  // Confirm dangerous actions: <button data-confirm="…">
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  // A session that expired on the server sends htmx requests to the login page: follow it.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.responseURL && xhr.responseURL.indexOf("/accounts/login/") !== -1) {
      window.location.href = xhr.responseURL;
      event.detail.shouldSwap = false;
    }
  });
})();
