// Registers the service worker that keeps pages readable offline, says so
// on the page when there is no connection, and counts the read. Reading
// never needs this script.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* not supported here: pages still work */ });
  }
  // Counts this read (readership/middleware.py says what is sent and kept).
  var read = document.querySelector('meta[name="kim-baca"]'), from = "";
  if (read && navigator.sendBeacon && window.URLSearchParams) {
    try { from = document.referrer ? new URL(document.referrer).hostname : ""; } catch (e) { /* not a URL */ }
    navigator.sendBeacon("/_baca", new URLSearchParams({
      p: read.content, t: read.dataset.tanda, r: from, s: new URLSearchParams(location.search).get("s") || ""
    }));
  }
  var banner = document.getElementById("offline-banner");
  if (!banner) return;
  function show() { banner.hidden = navigator.onLine; }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();
})();
