// Rich text in the newsroom: every textarea[data-rich-text] (rendered by
// articles.widgets.RichTextEditor) becomes our CKEditor 5 build once the page
// has loaded. Until the editor arrives over a slow link, and if it never
// does, the textarea works as it is.
//
// The textarea's data attributes:
//   data-editor-js, data-editor-css  the build (articles/editor/), loaded once
//   data-upload-url                  where images go
//   data-images="off"                no images at all (announcements)
//   data-upload-user                 (optional) keeps people's unfinished uploads apart
//
// Images: with newsroom/photos.js on the page (window.KimPhotos), through it:
// resized on the phone and sent in pieces that survive a dropped signal, to
// the tus endpoint in data-upload-url. Otherwise one multipart POST of the
// field `upload`, answered {"url"} or {"error": {"message"}} (the admin's
// endpoint). Either way the upload counts as pending
// (articles/pending-uploads.js), so the form waits for it.
//
// The editor writes its content back into the textarea as it changes, so a
// save (or the admin's autosave) always sends what is there, and never an
// image that has not finished uploading: while one uploads, CKEditor's data
// holds it as <figure class="image"><img></figure>, with no src.
(() => {
  "use strict";

  const areas = document.querySelectorAll("textarea[data-rich-text]");
  if (!areas.length) return;

  let build = null;
  function loadBuild(textarea) {
    build = build || new Promise((resolve, reject) => {
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = textarea.dataset.editorCss;
      document.head.append(style);
      const script = document.createElement("script");
      script.src = textarea.dataset.editorJs;
      script.onload = () => resolve(window.KimEditor);
      script.onerror = () => reject(new Error("editor not loaded"));
      document.head.append(script);
    });
    return build;
  }

  // The data --------------------------------------------------------------

  // Images whose upload has not finished (no src yet, or the browser's own
  // copy of a pasted one) never leave the editor.
  function withoutUnfinishedImages(html) {
    if (!html.includes("<img")) return html;
    const template = document.createElement("template");
    template.innerHTML = html;  // inert: nothing loads, nothing runs
    const unfinished = [...template.content.querySelectorAll("img")].filter((img) => {
      const src = img.getAttribute("src") || "";
      return !src || src.startsWith("data:") || src.startsWith("blob:");
    });
    if (!unfinished.length) return html;
    for (const img of unfinished) (img.closest("figure") || img).remove();
    return template.innerHTML;
  }

  // Uploads ---------------------------------------------------------------

  function csrfToken(textarea) {
    const input = (textarea.form || document).querySelector("[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    return cookie ? cookie.slice("csrftoken=".length) : "";
  }

  function track(promise) {
    return window.KimUploads ? window.KimUploads.track(promise) : promise;
  }

  // One multipart POST, as the admin's upload endpoint takes it.
  function post(file, url, token, onProgress, signal) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", url);
      request.responseType = "json";
      request.setRequestHeader("X-CSRFToken", token);
      request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded, event.total);
      request.onload = () => {
        const answer = request.response;
        if (request.status < 300 && answer && answer.url) resolve(answer);
        else reject(new Error((answer && answer.error && answer.error.message) ||
          `Foto tidak dapat diunggah (kode ${request.status}).`));
      };
      request.onerror = () => reject(new Error("Koneksi terputus. Periksa sinyal, lalu sisipkan fotonya lagi."));
      request.onabort = () => reject(new Error("Unggahan dibatalkan."));
      signal.addEventListener("abort", () => request.abort());
      const body = new FormData();
      body.append("upload", file);
      request.send(body);
    });
  }

  class UploadAdapter {
    constructor(loader, textarea) {
      this.loader = loader;
      this.textarea = textarea;
      this.stop = new AbortController();
    }

    async upload() {
      const file = await this.loader.file;
      const { uploadUrl, uploadUser } = this.textarea.dataset;
      const token = csrfToken(this.textarea);
      const onProgress = (sent, total) => {
        this.loader.uploadTotal = total;
        this.loader.uploaded = sent;
      };
      try {
        const photo = window.KimPhotos
          ? await window.KimPhotos.upload(file, {
            endpoint: uploadUrl, csrfToken: token, user: uploadUser || "", onProgress, signal: this.stop.signal,
          })
          : await track(post(file, uploadUrl, token, onProgress, this.stop.signal));
        return { default: photo.url };
      } catch (error) {
        throw error.message || "Foto tidak dapat diunggah.";  // CKEditor shows a string
      }
    }

    abort() {
      this.stop.abort();
    }
  }

  // The editor ------------------------------------------------------------

  function withoutItem(items, name) {
    return items
      .filter((item) => item !== name)
      .map((item) => (typeof item === "object" ? { ...item, items: withoutItem(item.items, name) } : item));
  }

  function showNote(editor, message) {
    let note = editor.ui.element.nextElementSibling;
    if (!note || !note.classList.contains("rich-text-note")) {
      note = document.createElement("p");
      note.className = "rich-text-note";
      note.setAttribute("role", "alert");
      editor.ui.element.after(note);
    }
    note.textContent = message;
    note.hidden = false;
  }

  async function create(textarea) {
    const KimEditor = await loadBuild(textarea);
    const images = textarea.dataset.images !== "off" && Boolean(textarea.dataset.uploadUrl);
    // A plugin, so a function CKEditor can call with `new`.
    function KimUploadAdapter(editor) {
      editor.plugins.get("FileRepository").createUploadAdapter = (loader) => new UploadAdapter(loader, textarea);
    }
    const config = images
      ? { extraPlugins: [KimUploadAdapter] }
      : {
        removePlugins: ["ImageUpload"],
        toolbar: { ...KimEditor.defaults.toolbar, items: withoutItem(KimEditor.defaults.toolbar.items, "uploadImage") },
      };
    const typing = document.activeElement === textarea;
    // The browser would refuse to submit a hidden required field; the server checks it.
    textarea.required = false;
    const editor = await KimEditor.create(textarea, config);

    editor.data.on("get", (event) => {
      event.return = withoutUnfinishedImages(event.return);
    }, { priority: "low" });
    let pending = null;
    const writeBack = () => {
      clearTimeout(pending);
      pending = null;
      editor.updateSourceElement();
    };
    editor.model.document.on("change:data", () => {
      if (pending === null) pending = setTimeout(writeBack, 250);
    });
    window.addEventListener("pagehide", writeBack);

    // The admin's autosave (static/admin_kim/autosave.js) finds editors here.
    window.editors = window.editors || {};
    window.editors[textarea.id] = editor;

    if (images) {
      // The form waits for images on their way (articles/pending-uploads.js).
      if (textarea.form) textarea.form.setAttribute("data-upload-guard", "");
      // Why an image was refused (or the connection lost) under the editor,
      // instead of an alert() a phone may hide; gone with the next upload.
      editor.plugins.get("Notification").on("show:warning", (event, data) => {
        showNote(editor, data.message || data.title);
        event.stop();
      }, { priority: "high" });
      editor.plugins.get("FileRepository").on("change:uploaded", () => {
        const note = editor.ui.element.nextElementSibling;
        if (note && note.classList.contains("rich-text-note")) note.hidden = true;
      });
    }
    if (typing) editor.editing.view.focus();
    textarea.dispatchEvent(new CustomEvent("kim:editor-ready", { bubbles: true, detail: { editor } }));
    return editor;
  }

  function start() {
    for (const textarea of areas) {
      create(textarea).catch((error) => {
        // The textarea stays as it was: still usable, just plain.
        console.error("Editor tidak dapat dimuat:", error);
      });
    }
  }

  // After everything the page itself needs: the form is usable first.
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
})();
