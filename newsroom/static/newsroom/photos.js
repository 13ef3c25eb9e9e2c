// Photos from a phone, sent so that a weak signal does not lose them.
//
// window.KimPhotos:
//   resize(file)  -> Promise of a JPEG Blob at most 2,048 px on its longest
//                    side, upright, without EXIF or GPS, when this browser can
//                    decode the file; of the file itself when it cannot (HEIC
//                    on most Android browsers: the server's pipeline reads it).
//   upload(file, {endpoint, csrfToken, user, alt, caption, finishPath,
//                 onProgress, onResized, onStatus, signal})
//                 -> Promise of the stored photo {id, url, thumbnail, width, height}.
//                    finishPath, after the upload's own URL, names what the
//                    photo becomes: "foto/" (the default) a photo of the
//                    village's library, "logo/" or "sampul/" the village's
//                    logo or cover, whose id is the upload's.
//                    Resized first, then sent with tus (newsroom/uploads.py) in
//                    256 KB pieces: after a dropped connection it goes on where
//                    it stopped, also after a reload (the same photo, by the
//                    same person, to the same place resumes), and it waits for
//                    the signal to come back. Rejects with an Error whose
//                    message is Indonesian, the server's own when it refused.
//   pending       -> uploads under way (articles/pending-uploads.js counts
//                    them, fires `kim:uploads-changed` and guards forms).
//
// Every [data-photo-field] becomes a photo picker: the chosen photo shows at
// once (resized, from a blob URL), a progress bar and "x dari y KB" follow
// it up, the hidden [data-photo-id] gets the photo's id when it is stored
// (until then it keeps the one it had), and a refusal shows the server's
// message with a button to try again. data-upload-finish sets finishPath;
// data-done-message what the status says once it is stored.
// Markup (the CSRF token is the form's csrfmiddlewaretoken; data-upload-user,
// optional, keeps one person's unfinished uploads apart from another's on a
// shared phone):
//
//   <div class="photo-field" data-photo-field data-upload-url="/redaksi/taan/unggah/" data-upload-user="42">
//     <input type="hidden" name="photo" value="" data-photo-id>
//     <img data-photo-preview alt="" hidden>
//     <progress data-photo-progress max="100" value="0" hidden></progress>
//     <p data-photo-status role="status"></p>
//     <label class="button" for="id_photo_file">Ambil atau pilih foto</label>
//     <input type="file" id="id_photo_file" accept="image/*,.heic,.heif" data-photo-file class="visually-hidden">
//   </div>
//
// Scripts, all with defer, in any order: articles/pending-uploads.js,
// newsroom/vendor/tus.min.js, newsroom/photos.js. Its look is the staff
// stylesheet's (static/css/newsroom.css, .photo-field).
// Plain ES2020, no build step.
(() => {
  "use strict";

  const MAX_SIDE = 2048;
  const QUALITY = 0.85;
  const PIECE = 256 * 1024;
  // tus-js-client waits this long before each new try; the count starts over
  // whenever a piece gets through. About eight minutes of a bad signal.
  const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000, 120000, 120000];

  const resized = new WeakSet();  // blobs resize() made: not made again
  const sentWhole = new Map();  // fingerprint -> URL of an upload whose every piece arrived

  class UploadError extends Error {
    constructor(message, { retryable = false } = {}) {
      super(message);
      this.retryable = retryable;
    }
  }

  // Resizing ------------------------------------------------------------

  async function decode(file) {
    if ("createImageBitmap" in window) {
      try {
        return await createImageBitmap(file, { imageOrientation: "from-image" });
      } catch (error) {
        // Older browsers refuse the option; an <img> turns it upright too.
      }
    }
    const url = URL.createObjectURL(file);
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      return image;
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  async function resize(file) {
    if (resized.has(file)) return file;
    let image;
    try {
      image = await decode(file);
    } catch (error) {
      return file;  // not decodable here (HEIC on Android): the server reads it
    }
    const width = image.naturalWidth || image.width;
    const height = image.naturalHeight || image.height;
    const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";  // transparent parts turn white, as on the server
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = "high";
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    if (image.close) image.close();
    // Only pixels go into the JPEG: no EXIF, no GPS position.
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", QUALITY));
    canvas.width = canvas.height = 0;  // give the memory back at once on small phones
    if (!blob) return file;
    resized.add(blob);
    return blob;
  }

  // Which upload a photo continues ----------------------------------------

  async function digest(blob) {
    const bytes = await blob.arrayBuffer();
    if (window.crypto && crypto.subtle) {
      try {
        const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
        return "sha256-" + Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
      } catch (error) { /* fall through */ }
    }
    // No crypto.subtle (a plain-HTTP address): cyrb53 over every byte, with
    // the size, is plenty to tell one photo from another.
    const data = new Uint8Array(bytes);
    let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (let i = 0; i < data.length; i++) {
      h1 = Math.imul(h1 ^ data[i], 2654435761);
      h2 = Math.imul(h2 ^ data[i], 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return `cyrb53-${data.length}-${(h2 >>> 0).toString(16)}${(h1 >>> 0).toString(16)}`;
  }

  // Sending ---------------------------------------------------------------

  function serverMessage(body) {
    try {
      return JSON.parse(body).error.message || null;
    } catch (error) {
      return null;
    }
  }

  function whyItFailed(error) {
    const response = error && error.originalResponse;
    if (response) {
      const message = serverMessage(response.getBody());
      if (message) return new UploadError(message);
      if (response.getStatus() >= 500) {
        return new UploadError("Server sedang bermasalah. Tunggu sebentar, lalu ketuk Coba lagi.", { retryable: true });
      }
      return new UploadError(`Foto tidak dapat diunggah (kode ${response.getStatus()}). Muat ulang halaman, lalu coba lagi.`);
    }
    return new UploadError("Koneksi terputus. Periksa sinyal, lalu ketuk Coba lagi: foto dilanjutkan dari bagian terakhir yang terkirim.", { retryable: true });
  }

  function untilOnline() {
    if (navigator.onLine) return Promise.resolve();
    return new Promise((resolve) => window.addEventListener("online", resolve, { once: true }));
  }

  function aborted() {
    return new DOMException("Unggahan dibatalkan.", "AbortError");
  }

  function sendPieces(blob, { endpoint, headers, fingerprint, onProgress, onStatus, signal }) {
    return new Promise((resolve, reject) => {
      if (signal && signal.aborted) {
        reject(aborted());
        return;
      }
      let resume = null;
      const upload = new window.tus.Upload(blob, {
        endpoint,
        headers,
        chunkSize: PIECE,
        retryDelays: RETRY_DELAYS,
        fingerprint: () => Promise.resolve(fingerprint),
        removeFingerprintOnSuccess: true,
        onProgress: (sent, total) => onProgress && onProgress(sent, total),
        onSuccess: () => {
          stop();
          resolve(upload.url);
        },
        onError: (error) => {
          if (!navigator.onLine) {
            // tus-js-client gives up while the phone says it is offline;
            // it picks up again (HEAD, then the next piece) with the signal.
            if (onStatus) onStatus("offline");
            resume = () => {
              resume = null;
              if (onStatus) onStatus("online");
              upload.start();
            };
            window.addEventListener("online", resume, { once: true });
            return;
          }
          stop();
          reject(whyItFailed(error));
        },
      });
      const cancel = () => {
        stop();
        upload.abort(true).catch(() => {});  // DELETE: the server forgets the bytes
        reject(aborted());
      };
      function stop() {
        if (resume) window.removeEventListener("online", resume);
        if (signal) signal.removeEventListener("abort", cancel);
      }
      if (signal) signal.addEventListener("abort", cancel);
      const begin = (previous) => {
        if (signal && signal.aborted) return;
        if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      };
      upload.findPreviousUploads().then(begin, () => begin([]));
    });
  }

  async function finish(url, { alt, caption, headers, signal, finishPath = "foto/" }) {
    const address = new URL(finishPath, new URL(url, location.href));  // tus keeps the Location as sent
    const body = new FormData();
    body.set("alt", alt || "");
    body.set("caption", caption || "");
    for (const delay of RETRY_DELAYS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      await untilOnline();
      let response;
      try {
        response = await fetch(address, {
          method: "POST", headers, body, credentials: "same-origin", signal,
        });
      } catch (error) {
        if (error.name === "AbortError") throw error;
        continue;  // the connection dropped: ask again
      }
      if (response.status >= 500) continue;
      const answer = await response.json().catch(() => null);
      if (response.ok && answer) return answer;
      throw new UploadError(
        (answer && answer.error && answer.error.message) || `Foto tidak dapat disimpan (kode ${response.status}).`,
      );
    }
    throw new UploadError("Foto sudah terkirim, tetapi server belum menjawab. Ketuk Coba lagi.", { retryable: true });
  }

  async function send(file, options) {
    const { endpoint, csrfToken, user = "", onResized, signal, finishPath = "foto/" } = options;
    const blob = await resize(file);
    if (signal && signal.aborted) throw aborted();
    if (onResized) onResized(blob);
    // The same photo sent as a logo and as a cover is two uploads.
    const place = new URL(endpoint, location.href).pathname + (finishPath === "foto/" ? "" : finishPath);
    const fingerprint = ["kim", user, place, await digest(blob)].join("::");
    const headers = { "X-CSRFToken": csrfToken };
    let url = sentWhole.get(fingerprint);
    if (!url) {
      url = await sendPieces(blob, { ...options, headers, fingerprint });
      sentWhole.set(fingerprint, url);
    }
    try {
      const photo = await finish(url, { ...options, headers, signal });
      sentWhole.delete(fingerprint);
      return photo;
    } catch (error) {
      if (!error.retryable) sentWhole.delete(fingerprint);
      throw error;
    }
  }

  function upload(file, options) {
    const sending = send(file, options);
    return window.KimUploads ? window.KimUploads.track(sending) : sending;
  }

  // The photo field -------------------------------------------------------

  function csrfToken(element) {
    const form = element.form || element.closest("form") || document;
    const input = form.querySelector("[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    return cookie ? cookie.slice("csrftoken=".length) : "";
  }

  const kb = (bytes) => Math.max(1, Math.round(bytes / 1024)).toLocaleString("id-ID");

  function enhance(field) {
    const input = field.querySelector("[data-photo-file]");
    const hidden = field.querySelector("[data-photo-id]");
    const preview = field.querySelector("[data-photo-preview]");
    const progress = field.querySelector("[data-photo-progress]");
    const status = field.querySelector("[data-photo-status]");
    if (!input || !hidden) return;
    let previewUrl = null;
    let retry = null;
    let current = null;  // the latest choice's AbortController: a newer choice ends an older upload

    function say(text) {
      if (status) status.textContent = text;
    }

    function showPreview(src) {
      if (!preview) return;
      if (previewUrl && previewUrl !== src) URL.revokeObjectURL(previewUrl);
      previewUrl = src && src.startsWith("blob:") ? src : null;
      preview.hidden = !src;
      if (src) preview.src = src;
      else preview.removeAttribute("src");
    }

    let broughtUp = false;  // this upload's progress scrolled into sight yet
    function showProgress(sent, total) {
      const percent = total ? Math.floor((sent / total) * 100) : 0;
      if (progress) {
        progress.hidden = false;
        progress.value = percent;
      }
      say(`Mengunggah foto… ${percent}% (${kb(sent)} dari ${kb(total)} KB)`);
      // A tall photo's preview pushes the progress under the sticky
      // buttons: bring it up, once, so the wait can be seen.
      if (!broughtUp && status) {
        broughtUp = true;
        status.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    }

    async function start(file) {
      if (current) current.abort();
      const mine = current = new AbortController();
      if (retry) retry.remove();
      retry = null;
      broughtUp = false;
      // The photo already chosen (an article being changed) stays until the new one is stored.
      const before = preview && !preview.hidden && !previewUrl ? preview.getAttribute("src") : null;
      showPreview(null);
      if (progress) {
        progress.hidden = false;
        progress.removeAttribute("value");  // indeterminate while it is resized
      }
      say("Menyiapkan foto…");
      let blob = file;
      const ifLatest = (fn) => (...args) => { if (mine === current) fn(...args); };
      try {
        const photo = await upload(file, {
          endpoint: field.dataset.uploadUrl,
          csrfToken: csrfToken(hidden),
          user: field.dataset.uploadUser || "",
          finishPath: field.dataset.uploadFinish || "foto/",
          signal: mine.signal,
          onResized: ifLatest((made) => {
            blob = made;
            // What the browser could not decode it cannot show either.
            if (resized.has(made)) showPreview(URL.createObjectURL(made));
            say("Mengunggah foto…");
          }),
          onProgress: ifLatest(showProgress),
          onStatus: ifLatest((state) => {
            if (state === "offline") say("Sinyal terputus. Foto akan dilanjutkan begitu sinyal kembali.");
            else say("Sinyal kembali, melanjutkan…");
          }),
        });
        if (mine !== current) return;
        hidden.value = photo.id;
        hidden.dispatchEvent(new Event("change", { bubbles: true }));
        showPreview(photo.thumbnail);
        if (progress) progress.hidden = true;
        say(field.dataset.doneMessage || "Foto tersimpan.");
      } catch (error) {
        if (mine !== current) return;  // replaced by a newer choice
        if (progress) progress.hidden = true;
        showPreview(before);
        say(error.message || "Foto tidak dapat diunggah.");
        retry = document.createElement("button");
        retry.type = "button";
        retry.className = "button";
        retry.textContent = "Coba lagi";
        retry.addEventListener("click", () => start(blob));
        (status || input).after(retry);
      }
    }

    input.addEventListener("change", () => {
      if (input.files && input.files[0]) start(input.files[0]);
    });
    // Chosen before this script arrived over a slow link.
    if (input.files && input.files[0]) start(input.files[0]);
  }

  function enhanceAll() {
    for (const field of document.querySelectorAll("[data-photo-field]")) enhance(field);
  }

  window.KimPhotos = {
    resize,
    upload,
    get pending() { return window.KimUploads ? window.KimUploads.pending : 0; },
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
