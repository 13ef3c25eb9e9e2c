// Photos still on their way up, counted in one place, so that nothing is
// saved while one is half sent.
//
// KimUploads.track(promise) counts an upload until its promise settles
// (newsroom/photos.js and the editor's image uploads call it), and
// KimUploads.pending says how many are under way. Every change fires
// `kim:uploads-changed` on document, detail {pending}. While any is pending:
// - every [data-waits-for-uploads] button is disabled and shows its
//   data-waiting-label (its own label comes back afterwards);
// - submitting a [data-upload-guard] form is stopped, with a message in the
//   form saying why;
// - leaving the page asks first;
// - a [data-upload-guard] form is sent once per visit to the page.
// Plain ES2020, loaded with defer; loading it twice does no harm.
(() => {
  "use strict";
  if (window.KimUploads) return;

  const WAITING = "Tunggu, foto masih diunggah…";
  const BLOCKED = "Foto masih diunggah. Tunggu sampai selesai, lalu simpan lagi: " +
    "jika disimpan sekarang, foto itu tidak ikut tersimpan.";
  let pending = 0;

  function track(promise) {
    changeBy(1);
    const done = () => changeBy(-1);
    promise.then(done, done);
    return promise;
  }

  function changeBy(step) {
    pending += step;
    document.dispatchEvent(new CustomEvent("kim:uploads-changed", { detail: { pending } }));
  }

  function setLabel(button, text) {
    if (button instanceof HTMLInputElement) button.value = text;
    else button.textContent = text;
  }

  function updateButtons() {
    for (const button of document.querySelectorAll("[data-waits-for-uploads]")) {
      const waiting = "ownLabel" in button.dataset;
      if (pending > 0 && !waiting) {
        button.dataset.ownLabel = button instanceof HTMLInputElement ? button.value : button.textContent;
        button.dataset.ownDisabled = button.disabled ? "1" : "";
        button.disabled = true;
        setLabel(button, button.dataset.waitingLabel || WAITING);
      } else if (pending === 0 && waiting) {
        setLabel(button, button.dataset.ownLabel);
        button.disabled = button.dataset.ownDisabled === "1";
        delete button.dataset.ownLabel;
        delete button.dataset.ownDisabled;
      }
    }
    if (pending === 0) {
      for (const note of document.querySelectorAll("[data-upload-guard-note]")) note.remove();
    }
  }

  // Capturing, on document: runs before the form's own submit listeners
  // (the editor's, which would write its data into the textarea).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (pending === 0 || !form.matches("[data-upload-guard]")) return;
    event.preventDefault();
    event.stopPropagation();
    let note = form.querySelector("[data-upload-guard-note]");
    if (!note) {
      note = document.createElement("p");
      note.className = "upload-guard-note";
      // Styled here, so it shows the same in the admin and in the newsroom.
      note.style.cssText = "flex-basis:100%;margin:.5rem 0;padding:.6rem .75rem;border-radius:8px;" +
        "background:#fff4e0;color:#6b4100;font-weight:700;";
      note.setAttribute("role", "alert");
      note.dataset.uploadGuardNote = "";
      note.textContent = BLOCKED;
      const where = event.submitter && form.contains(event.submitter) ? event.submitter : null;
      if (where) where.before(note);
      else form.prepend(note);
    }
    note.scrollIntoView({ block: "nearest" });
  }, true);

  // Sent once: a second tap while the first send is on its way (a slow
  // link makes that likely) would send the form again, and the photo it
  // names has by then been taken by the first. Listening last, on window,
  // so a send something else stopped is not counted. A page brought back
  // with the Back button may be sent again at once; a send that never
  // finished (stopped by the reader, or no answer), after ten seconds.
  const RESEND_AFTER_MS = 10000;
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const sent = Number(form.dataset.sent || 0);
    if (form.matches("[data-upload-guard]") && Date.now() - sent < RESEND_AFTER_MS) event.preventDefault();
  }, true);
  window.addEventListener("submit", (event) => {
    const form = event.target;
    if (!event.defaultPrevented && form.matches("[data-upload-guard]")) form.dataset.sent = String(Date.now());
  });
  window.addEventListener("pageshow", () => {
    for (const form of document.querySelectorAll("form[data-sent]")) delete form.dataset.sent;
  });

  window.addEventListener("beforeunload", (event) => {
    if (pending > 0) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("kim:uploads-changed", updateButtons);

  window.KimUploads = {
    track,
    get pending() { return pending; },
  };
})();
