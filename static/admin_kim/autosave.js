// Keeps an unsaved article in this browser's localStorage every few seconds,
// so a dropped connection or a closed tab on a phone loses nothing. Keys name
// the user, so the next person on a shared computer is never offered
// someone else's text; signing out clears them (Clear-Site-Data).
(function () {
  "use strict";
  var FIELDS = ["title", "excerpt", "body", "review_note"];

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // After a successful "add", its draft has become a real article.
    var owner = document.getElementById("kim-autosave-owner") || document.getElementById("kim-autosave");
    var added = document.querySelector(".messagelist .success");
    if (owner && added && /ditambahkan/.test(added.textContent)) localStorage.removeItem(owner.dataset.addKey);

    var box = document.getElementById("kim-autosave");
    var form = document.getElementById("article_form");
    if (!box || !form) return;
    var key = box.dataset.key;
    var version = box.dataset.version;

    function field(name) { return form.elements[name]; }
    function read() {
      var data = {};
      FIELDS.forEach(function (name) { if (field(name)) data[name] = field(name).value; });
      return data;
    }
    function write(data) {
      FIELDS.forEach(function (name) {
        if (!field(name) || data[name] === undefined) return;
        var editor = window.editors && window.editors["id_" + name];
        if (editor) editor.setData(data[name]); else field(name).value = data[name];
      });
    }
    function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    if (stored && stored.version !== version) {
      // The article was saved since: the server copy is newer.
      localStorage.removeItem(key);
      stored = null;
    }
    var initial = read();
    if (stored && !same(stored.data, initial) && !form.querySelector(".errornote")) {
      var when = new Date(stored.saved);
      box.querySelector(".kim-autosave-text").textContent =
        "Ada tulisan yang tersimpan otomatis di perangkat ini (" +
        when.toLocaleString("id-ID") + ") tetapi belum disimpan ke server.";
      box.hidden = false;
    }
    box.addEventListener("click", function (event) {
      var action = event.target.dataset.action;
      if (action === "restore" && stored) write(stored.data);
      if (action === "discard") localStorage.removeItem(key);
      if (action) box.hidden = true;
    });

    var last = initial;
    setInterval(function () {
      var now = read();
      if (same(now, last)) return;
      last = now;
      try {
        localStorage.setItem(key, JSON.stringify({ version: version, saved: Date.now(), data: now }));
      } catch (e) { /* storage full or disabled: nothing more we can do */ }
    }, 3000);
  });
})();
