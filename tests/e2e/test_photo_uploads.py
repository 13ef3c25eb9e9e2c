"""newsroom/photos.js for real, on a phone over the volunteers' link: a
12-megapixel photo goes up resized, upright and without its GPS, the form
waits for it, and a dropped signal costs only the piece that was lost.

The newsroom's own form is written elsewhere, so the photo field's markup is
served here, same-origin with the real portal (page.route on a made-up path
of the base domain), under the portal's own Content-Security-Policy, with the
real static files, signed in as Taan's editor."""

import time
from pathlib import Path

import pytest

from articles.widgets import RichTextEditor
from harness import images
from tests.e2e.conftest import PHONE, static_url

pytestmark = pytest.mark.xdist_group("browser")

# The volunteers' link: 400 kbit/s down, 200 kbit/s up, 400 ms round trips.
VILLAGE_LINK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 200_000 / 8}
PIECE = 256 * 1024
PAGE = "/uji-foto/"  # served by page.route only

FIELD = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tulis berita</title>
<style>{staff_css}</style>
<script src="{pending_js}" defer></script>
<script src="{tus_js}" defer></script>
<script src="{photos_js}" defer></script>
{editor_js}
</head><body><main id="isi" class="wrap">
<h1>Tulis berita</h1>
<form method="post" action="{page}" data-upload-guard>
  <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">
  <div class="field"><label for="id_title">Judul</label><input type="text" id="id_title" name="title"></div>
  {body}
  <div class="field">
    <span class="label">Foto utama</span>
    <div class="photo-field" data-photo-field data-upload-url="/redaksi/taan/unggah/" data-upload-user="{user}">
      <input type="hidden" name="photo" value="" data-photo-id>
      <img data-photo-preview alt="" hidden>
      <progress data-photo-progress max="100" value="0" hidden></progress>
      <p data-photo-status role="status"></p>
      <label class="button" for="id_photo_file">Ambil atau pilih foto</label>
      <input type="file" id="id_photo_file" accept="image/*,.heic,.heif" data-photo-file class="visually-hidden">
    </div>
  </div>
  <div class="actions sticky">
    <button name="action" value="draft">Simpan draf</button>
    <button class="primary" name="action" value="submit" data-waits-for-uploads
            data-waiting-label="Tunggu, foto masih diunggah…">Ajukan ke penerbit</button>
  </div>
</form>
</main></body></html>"""


class Uploads:
    """What the phone asked of the upload endpoint, and what it answered."""

    def __init__(self, page):
        self.requests, self.failed = [], []
        self._photo_response = None
        page.on("request", self._sent)
        page.on("response", self._answered)
        page.on("requestfailed", lambda r: self.failed.append(r.method) if "/unggah/" in r.url else None)

    def _sent(self, request):
        if "/unggah/" in request.url:
            request.answer = None
            self.requests.append(request)

    def _answered(self, response):
        if response.request in self.requests:
            response.request.answer = (response.status, response.headers.get("upload-offset"))
            if response.request.url.endswith("/foto/") and response.ok:
                # Read later: a handler that waits for the body here runs in
                # its own greenlet and may finish after the test has moved on.
                self._photo_response = response

    @property
    def photo(self):
        """The photo the server made, as its JSON answer said."""
        return self._photo_response.json() if self._photo_response else None

    def answered(self, method, status=None, creations=False):
        """Requests of one method that got an answer (of that status)."""
        return [
            r for r in self.requests
            if r.method == method and r.answer and (status is None or r.answer[0] == status)
            and (not creations or r.url.endswith("/unggah/"))
        ]

    def offsets(self):
        """Upload-Offset of every piece the server took."""
        return [int(r.headers["upload-offset"]) for r in self.answered("PATCH", 204)]


def _body_field():
    """The body as a newsroom form renders it: images in the text go to the
    village's resumable upload endpoint."""
    textarea = RichTextEditor(upload_url="/redaksi/taan/unggah/").render("body", "", {"id": "id_body"})
    return f'<div class="field"><label for="id_body">Isi</label>{textarea}</div>'


@pytest.fixture
def field_page(portal, browser, request):
    """The photo field's page; with the body's editor too when parametrized "with the editor"."""
    with_editor = getattr(request, "param", None) == "with the editor"
    context = browser.new_context(**PHONE, locale="id-ID")
    page = context.new_page()
    assert portal.sign_in(page, "editor-taan").startswith("/redaksi/")
    csp = page.request.get(portal.url(path="/admin/")).headers["content-security-policy"]
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    staff_css = (Path(__file__).resolve().parents[2] / "static" / "css" / "newsroom.css").read_text()
    html = FIELD.format(
        staff_css=staff_css, csrf=csrf, user="editor-taan", page=PAGE,
        pending_js=static_url(portal, "articles/pending-uploads.js"),
        tus_js=static_url(portal, "newsroom/vendor/tus.min.js"),
        photos_js=static_url(portal, "newsroom/photos.js"),
        body=_body_field() if with_editor else "",
        editor_js=f'<script src="{static_url(portal, "articles/editor/rich-text.js")}" defer></script>' if with_editor else "",
    )
    page.route(portal.url(path=PAGE), lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=html,
        headers={"Content-Security-Policy": csp, "Cache-Control": "no-store"},
    ))
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" while one is pending
    page.goto(portal.url(path=PAGE))
    yield page
    assert not errors
    context.close()


class VillageLink:
    """The volunteers' link, throttled by DevTools, and its signal dropping.

    Offline goes through the same DevTools session as the throttle:
    Playwright's context.set_offline() is a second session setting
    conditions, and with both the next request neither failed nor went
    through, it hung until the signal came back, which is not what a phone
    sees. From this one it fails (net::ERR_INTERNET_DISCONNECTED) and
    navigator.onLine turns false, as on a phone."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.signal(True)

    def signal(self, on):
        self.cdp.send("Network.emulateNetworkConditions", {**VILLAGE_LINK, "offline": not on})


def _status(page):
    return page.locator("[data-photo-status]").text_content()


def _wait_for_status(page, text, timeout=60):
    deadline = time.monotonic() + timeout
    while text not in _status(page):
        assert time.monotonic() < deadline, _status(page)
        page.wait_for_timeout(100)


def test_a_phone_photo_goes_up_resized_and_upright_and_resumes_after_the_signal_drops(field_page, tmp_path, screenshot_dir):
    page = field_page
    original = tmp_path / "IMG_20250301_071500.jpg"
    original.write_bytes(images.camera_jpeg(4000, 3000, orientation=6, gps=True))  # 3000 x 4000 upright
    uploads = Uploads(page)
    link = VillageLink(page)
    submit = page.locator("button[value=submit]")
    started = time.monotonic()
    page.set_input_files("[data-photo-file]", str(original))

    # The resized photo shows at once, before any of it has gone up.
    preview = page.locator("[data-photo-preview]")
    preview.wait_for(state="visible")
    assert preview.get_attribute("src").startswith("blob:")
    natural = preview.evaluate("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])")
    assert natural == [1536, 2048]

    # While it goes up the form waits, and says why.
    with page.expect_response(lambda r: r.request.method == "PATCH"):
        pass
    assert submit.is_disabled()
    assert submit.text_content() == "Tunggu, foto masih diunggah…"
    assert " dari " in _status(page) and _status(page).endswith(" KB)")
    page.locator("form").evaluate("form => form.requestSubmit()")  # Enter in the title, say
    note = page.locator("[data-upload-guard-note]")
    assert "Foto masih diunggah" in note.text_content()
    assert page.url.endswith(PAGE)
    page.locator("[data-photo-status]").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "photo-field-uploading-phone.png"))

    # The signal drops after the first piece. The piece already on its way
    # gets through; the next one fails, and the phone waits for the signal.
    link.signal(False)
    _wait_for_status(page, "Sinyal terputus")
    page.locator("[data-photo-status]").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "photo-field-offline-phone.png"))
    page.wait_for_timeout(1500)
    link.signal(True)
    page.locator("[data-photo-id]:not([value=''])").wait_for(state="attached", timeout=90_000)
    seconds = time.monotonic() - started

    assert _status(page) == "Foto tersimpan."
    assert "/media/villages/taan/photos/" in preview.get_attribute("src")
    assert not submit.is_disabled() and submit.text_content() == "Ajukan ke penerbit"
    assert note.count() == 0
    page.screenshot(path=str(screenshot_dir / "photo-field-done-phone.png"))

    # Resized on the phone: a small part of the camera's file went up.
    (creation,) = uploads.answered("POST", 201, creations=True)
    length = int(creation.headers["upload-length"])
    assert length <= 700 * 1024 and length * 5 < original.stat().st_size, (length, original.stat().st_size)
    # One upload, never started over: after the break the phone asked how far
    # it got (HEAD) and went on from there.
    assert "PATCH" in uploads.failed
    (head,) = uploads.answered("HEAD")
    offsets = uploads.offsets()
    assert offsets == list(range(0, length, PIECE)), offsets
    assert head.answer == (200, str(offsets[-1]))
    assert uploads.photo["height"] > uploads.photo["width"]
    print(f"\n{original.stat().st_size} bytes taken, {length} sent, pieces at {offsets}, "
          f"resumed at {head.answer[1]}, {seconds:.1f} s")


def test_a_photo_chosen_again_after_the_page_was_left_goes_on_from_where_it_stopped(field_page, tmp_path):
    page = field_page
    original = tmp_path / "IMG_20250301_071501.jpg"
    original.write_bytes(images.camera_jpeg(4000, 3000, orientation=6, gps=True))
    uploads = Uploads(page)
    VillageLink(page)
    page.set_input_files("[data-photo-file]", str(original))
    with page.expect_response(lambda r: r.request.method == "PATCH"):
        pass
    page.reload()  # the tab was closed, the phone ran out of battery...
    page.set_input_files("[data-photo-file]", str(original))
    page.locator("[data-photo-id]:not([value=''])").wait_for(state="attached", timeout=90_000)
    assert len(uploads.answered("POST", 201, creations=True)) == 1, "started over"
    (head,) = uploads.answered("HEAD")
    resumed_at = int(head.answer[1])
    assert resumed_at >= PIECE
    assert uploads.offsets()[1] == resumed_at  # the first piece after the break


def test_choosing_another_photo_midway_ends_the_first_upload(field_page, tmp_path):
    page = field_page
    first, second = tmp_path / "IMG_1.jpg", tmp_path / "IMG_2.jpg"
    first.write_bytes(images.camera_jpeg(4000, 3000, orientation=6))
    second.write_bytes(images.phone_jpeg(1600, 1200, orientation=1))
    uploads = Uploads(page)
    VillageLink(page)
    page.set_input_files("[data-photo-file]", str(first))
    with page.expect_response(lambda r: r.request.method == "PATCH"):
        pass
    page.set_input_files("[data-photo-file]", str(second))
    page.locator("[data-photo-id]:not([value=''])").wait_for(state="attached", timeout=60_000)
    assert (uploads.photo["width"], uploads.photo["height"]) == (1600, 1200)
    assert page.locator("[data-photo-id]").get_attribute("value") == str(uploads.photo["id"])
    # The first one was ended on the server (tus termination), not left to go on.
    assert [r.answer[0] for r in uploads.answered("DELETE")] == [204]
    page.wait_for_timeout(1000)
    assert page.locator("[data-photo-id]").get_attribute("value") == str(uploads.photo["id"])
    assert _status(page) == "Foto tersimpan."


def test_a_heic_photo_the_browser_cannot_read_goes_up_as_it_is(field_page, tmp_path):
    page = field_page
    heic = tmp_path / "IMG_0042.HEIC"
    heic.write_bytes(images.heic(1600, 1200))
    uploads = Uploads(page)
    page.set_input_files("[data-photo-file]", str(heic))
    page.locator("[data-photo-id]:not([value=''])").wait_for(state="attached", timeout=30_000)
    (creation,) = uploads.answered("POST", 201, creations=True)
    assert int(creation.headers["upload-length"]) == heic.stat().st_size
    assert uploads.photo["width"] == 1600
    assert page.locator("[data-photo-preview]").get_attribute("src") == uploads.photo["thumbnail"]


def test_a_refused_file_shows_the_servers_reason_and_a_way_to_try_again(field_page, tmp_path):
    page = field_page
    fake = tmp_path / "foto.jpg"
    fake.write_bytes(images.NOT_AN_IMAGE)
    page.set_input_files("[data-photo-file]", str(fake))
    _wait_for_status(page, "bukan foto")
    assert _status(page) == "Berkas ini bukan foto yang dapat dibaca. Gunakan JPG, PNG, WebP, atau HEIC."
    assert page.get_by_role("button", name="Coba lagi").is_visible()
    assert page.locator("[data-photo-id]").get_attribute("value") == ""
    assert not page.locator("button[value=submit]").is_disabled()


@pytest.mark.parametrize("field_page", ["with the editor"], indirect=True)
def test_an_image_in_the_text_goes_up_resized_and_resumable_through_photos_js(field_page, tmp_path):
    page = field_page
    page.locator(".ck-editor__editable").wait_for(timeout=20_000)
    page.evaluate("""() => {
      window.mostPending = 0;
      document.addEventListener("kim:uploads-changed", (e) => { window.mostPending = Math.max(window.mostPending, e.detail.pending); });
    }""")
    original = tmp_path / "IMG_20250301_090000.jpg"
    original.write_bytes(images.camera_jpeg(4000, 3000, orientation=6, gps=True))
    uploads = Uploads(page)
    page.locator(".ck-file-dialog-button input[type=file]").set_input_files(str(original))
    image = page.locator(".ck-editor__editable figure.image img[src*='/media/villages/taan/photos/']")
    image.wait_for(timeout=60_000)
    (creation,) = uploads.answered("POST", 201, creations=True)
    assert int(creation.headers["upload-length"]) * 5 < original.stat().st_size  # resized first
    assert page.evaluate("() => window.mostPending") == 1  # the form waited for it
    page.wait_for_timeout(400)
    assert uploads.photo["url"] in page.locator("#id_body").input_value()
    assert not page.locator("button[value=submit]").is_disabled()
