/* The article form (and the village page editor, which reuses it):
   nothing typed is lost, and likely personal data is pointed out before an
   article is sent.

   - Drafts: what is typed is kept in this phone's localStorage under a key
     naming the user, the village and the article (cleared at sign-out by
     the Clear-Site-Data header), and offered back when the form is opened
     again with something newer than what the server has.
   - No signal: sending is held, the draft kept, and a "Kirim sekarang"
     button appears when the connection returns.
   - Personal data: the same patterns as articles/privacy.py; a warning
     with "Periksa lagi" and "Tetap kirim", never a block. */
(function () {
  "use strict";
  var form = document.querySelector("[data-story-form]");
  var saved = document.querySelector("[data-draft-saved]");
  if (saved) {
    // The server confirmed a save: the copy kept on the phone is no longer needed.
    saved.getAttribute("data-draft-saved").split(" ").forEach(function (key) { safely(function () { localStorage.removeItem(key); }); });
  }
  if (!form) return;

  // A title wraps in its field so it can be read back whole, but it is one
  // line: Enter ("Selesai" on a phone's keyboard) puts the keyboard away,
  // and a line break pasted in becomes a space.
  Array.prototype.forEach.call(form.querySelectorAll("[data-one-line]"), function (el) {
    el.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      e.preventDefault();
      el.blur();
    });
    el.addEventListener("input", function () {
      if (/[\r\n]/.test(el.value)) el.value = el.value.replace(/\s*[\r\n]+\s*/g, " ");
    });
  });

  var key = form.getAttribute("data-draft-key");
  var FIELDS = ["title", "body", "excerpt", "topic", "photo", "photo_caption", "photo_alt"];
  var note = form.querySelector("[data-offline-note]");
  var heldSubmitter = null;

  function safely(fn) { try { return fn(); } catch (e) { return null; } }
  function field(name) { return form.elements.namedItem(name); }
  // The rich-text editor, once it has loaded (articles/editor/rich-text.js
  // names it in window.editors), writes what is typed back into its
  // textarea: the body is read there, and a kept copy is put back through it.
  function bodyEditor() { var t = field("body"); return t && window.editors && window.editors[t.id]; }
  function read(name) {
    var el = field(name);
    return el ? el.value : "";
  }
  function write(name, value) {
    var el = field(name);
    if (el) el.value = value;
    if (name === "body" && bodyEditor()) bodyEditor().setData(value);
  }
  function current() {
    var values = {};
    FIELDS.forEach(function (name) { values[name] = read(name); });
    return values;
  }
  function same(a, b) { return FIELDS.every(function (name) { return (a[name] || "") === (b[name] || ""); }); }

  // Drafts kept on the phone.
  var initial = current();
  var stored = safely(function () { return JSON.parse(localStorage.getItem(key) || "null"); });
  if (stored && stored.values && !same(stored.values, initial)) offer(stored);

  function keep() {
    var values = current();
    if (same(values, initial) && !heldSubmitter) return;
    safely(function () { localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: values })); });
  }
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  setInterval(keep, 3000);

  function offer(draft) {
    var box = document.createElement("div");
    box.className = "note warn";
    box.setAttribute("role", "status");
    var when = new Date(draft.at);
    box.innerHTML = "<p><strong>Ada tulisan yang tersimpan di ponsel ini</strong> (" +
      when.toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "short" }) +
      ") yang belum terkirim.</p><p class=\"actions\"><button type=\"button\" class=\"primary\">Pakai tulisan itu</button> " +
      "<button type=\"button\">Buang</button></p>";
    var buttons = box.querySelectorAll("button");
    buttons[0].addEventListener("click", function () {
      FIELDS.forEach(function (name) { if (name in draft.values) write(name, draft.values[name]); });
      document.dispatchEvent(new CustomEvent("kim:draft-restored", { detail: draft.values }));
      box.remove();
    });
    buttons[1].addEventListener("click", function () {
      safely(function () { localStorage.removeItem(key); });
      box.remove();
    });
    form.parentNode.insertBefore(box, form);
  }

  // Sending without signal.
  function showOffline() {
    note.hidden = false;
    note.className = "note warn offline-note";
    note.textContent = "Tidak ada sinyal. Tulisan Anda tersimpan di ponsel ini dan belum terkirim. " +
      "Begitu sinyal kembali, tekan tombol Kirim sekarang.";
  }
  function showOnline() {
    if (!heldSubmitter) return;
    note.hidden = false;
    note.className = "note offline-note";
    note.textContent = "Sinyal kembali. ";
    var send = document.createElement("button");
    send.type = "button";
    send.className = "primary";
    send.textContent = "Kirim sekarang";
    send.addEventListener("click", function () {
      var submitter = heldSubmitter;
      heldSubmitter = null;
      note.hidden = true;
      form.requestSubmit(submitter);
    });
    note.appendChild(send);
  }
  window.addEventListener("online", showOnline);
  window.addEventListener("offline", function () { if (heldSubmitter) showOffline(); });

  // Personal data, before an article is sent on.
  var patterns = safely(function () { return JSON.parse(form.getAttribute("data-privacy-patterns")); }) || [];
  var warning = form.querySelector("[data-privacy-warning]");
  var confirmed = false;
  var pendingPrivacy = null;

  function plain(html) {
    var div = document.createElement("div");
    div.innerHTML = html.replace(/<\/(p|h[2-4]|li|blockquote|figcaption)>|<br\s*\/?>/g, "\n");
    return div.textContent || "";
  }
  function findings() {
    var text = read("title") + "\n" + plain(read("body")) + "\n" + read("excerpt");
    var found = [];
    patterns.forEach(function (p) {
      var re = safely(function () { return new RegExp(p[1], "g"); });
      if (!re) return;
      (text.match(re) || []).forEach(function (m) { found.push(p[0] + ": " + m); });
    });
    return found;
  }
  if (warning) {
    warning.querySelector("[data-privacy-back]").addEventListener("click", function () {
      warning.hidden = true;
      pendingPrivacy = null;
      var title = field("title");
      if (title) title.focus();
    });
    warning.querySelector("[data-privacy-go]").addEventListener("click", function () {
      confirmed = true;
      warning.hidden = true;
      var submitter = pendingPrivacy;
      pendingPrivacy = null;
      form.requestSubmit(submitter);
    });
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    // The editor writes back to its field a quarter of a second after
    // typing stops: a tap on send right after the last word must still see
    // that word (the check below, the copy kept on the phone).
    if (bodyEditor()) bodyEditor().updateSourceElement();
    keep();
    if (submitter && submitter.hasAttribute("data-checks-privacy") && !confirmed && warning) {
      var found = findings();
      if (found.length) {
        event.preventDefault();
        var list = warning.querySelector("[data-privacy-list]");
        list.innerHTML = "";
        found.forEach(function (text) { var li = document.createElement("li"); li.textContent = text; list.appendChild(li); });
        warning.hidden = false;
        pendingPrivacy = submitter;
        warning.scrollIntoView({ block: "center" });
        return;
      }
    }
    if (!navigator.onLine) {
      event.preventDefault();
      heldSubmitter = submitter || form.querySelector("button[type=submit]");
      keep();
      showOffline();
      note.scrollIntoView({ block: "center" });
      return;
    }
    // Sent: the next page says whether the server kept it (data-draft-saved).
  });
})();
