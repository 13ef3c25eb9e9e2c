// Registers the service worker that keeps pages readable offline, and says
// so on the page when there is no connection. Reading never needs this script.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* not supported here: pages still work */ });
  }
  var banner = document.getElementById("offline-banner");
  if (!banner) return;
  function show() { banner.hidden = navigator.onLine; }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();
})();
