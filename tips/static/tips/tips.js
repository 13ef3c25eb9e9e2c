// Kirim kabar. The form page is cached and shared by every reader, so it
// carries no form token: this fetches a fresh one (tips/guard.py says why).
// What is typed is kept in this phone's localStorage until the thank-you
// page shows, and offered back if the page is opened again. The form works
// without this script (the first send then asks to confirm).
(function () {
  "use strict";
  var FIELDS = ["message", "sender_name", "sender_phone"];
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }

  var sent = document.querySelector("[data-tip-sent]");
  if (sent) {
    if (store) store.removeItem(sent.getAttribute("data-tip-sent"));
    return;
  }
  var form = document.querySelector("[data-tip-form]");
  if (!form) return;
  var key = form.getAttribute("data-draft-key");

  function save() {
    if (!store) return;
    var data = {};
    FIELDS.forEach(function (name) { data[name] = form.elements[name].value; });
    var kind = form.querySelector("input[name=kind]:checked");
    data.kind = kind ? kind.value : "";
    try { store.setItem(key, JSON.stringify(data)); } catch (e) { /* full or refused: the server still keeps a refused text */ }
  }

  function restore() {
    var saved = null;
    try { saved = JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    if (!saved || typeof saved !== "object") return;
    var restored = false;
    FIELDS.forEach(function (name) {
      var input = form.elements[name];
      if (input && !input.value && typeof saved[name] === "string" && saved[name]) {
        input.value = saved[name];
        restored = true;
      }
    });
    if (restored && typeof saved.kind === "string") {
      form.querySelectorAll("input[name=kind]").forEach(function (radio) { radio.checked = radio.value === saved.kind; });
    }
    var note = document.querySelector("[data-tip-restored]");
    if (restored && note) note.hidden = false;
  }

  if (store) {
    restore();
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  }

  var token = form.querySelector("[data-tip-token]");
  if (token && !token.value && window.fetch) {
    fetch(form.getAttribute("data-token-url"), { credentials: "omit", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && data.token && !token.value) token.value = data.token; })
      .catch(function () { /* no signal: the server asks to confirm the send instead */ });
  }
})();
