// Counts this read for the KIM: one small POST to this site, no cookie.
// It sends the page, its token, the share marker of the link (?s=wa) and
// the host the reader came from; the server keeps only which of five
// places that was. Reading never needs this script.
(function () {
  "use strict";
  var me = document.currentScript, from = "";
  if (!me || !window.URLSearchParams) return;
  try { from = document.referrer ? new URL(document.referrer).hostname : ""; } catch (e) { /* not a URL */ }
  var data = new URLSearchParams({
    p: me.dataset.halaman, t: me.dataset.tanda, r: from,
    s: new URLSearchParams(location.search).get("s") || ""
  });
  if (navigator.sendBeacon) navigator.sendBeacon("/_baca", data);
  else if (window.fetch) fetch("/_baca", { method: "POST", body: data, keepalive: true }).catch(function () {});
})();
