"""Our CKEditor 5 build in the admin (the district's: staff write there
too) and the newsroom's body, on a phone, under the portal's
Content-Security-Policy: the textarea works before it arrives, images go
up and only finished ones are ever in the text that is saved, and a
photo's toolbar covers no text. (The newsroom's lead photo, with
photos.js, is in test_photo_uploads.py.)"""

import re

import pytest

from harness import images
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.xdist_group("browser")

ADD = "/admin/articles/article/add/"


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE, locale="id-ID")
    page = context.new_page()
    # Script errors, and anything the Content-Security-Policy refused; not
    # the browser's note of an HTTP error (favicon.ico's 404, a refused upload's 403).
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("console", lambda m: page.problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    yield page
    context.close()


def _wait_for_editor(page):
    """Until rich-text.js has set the editor up (its toolbar shows a moment before)."""
    page.locator(".ck-editor__editable").wait_for(timeout=20_000)
    for _ in range(100):
        if page.evaluate("() => Boolean(window.editors && window.editors.id_body)"):
            return
        page.wait_for_timeout(50)
    raise AssertionError("the editor was never set up")


def _editor_data(page, raw=False):
    # stringify() is what getData() returns before our filter of unfinished images.
    script = "() => window.editors.id_body.data.stringify(window.editors.id_body.model.document.getRoot())" if raw \
        else "() => window.editors.id_body.getData()"
    return page.evaluate(script)


def test_the_article_editor_arrives_after_the_page_and_uploads_an_image(portal, phone, tmp_path, screenshot_dir):
    page = phone
    assert portal.sign_in(page, "distrik") == "/admin/"
    # The editor's 243 KB arrive late, as over a village link: held back here.
    held = []
    editor_js = re.compile(r".*/static/articles/editor/kim-editor\.[0-9a-f]+\.js$")
    page.route(editor_js, lambda route: held.append(route))
    page.goto(portal.url(path=ADD))
    # Usable at once: the body is a textarea until the editor comes.
    page.select_option("#id_village", label="Desa Taan")
    page.fill("#id_title", "Posyandu Taan buka tiap Selasa")
    assert page.locator(".ck-editor__editable").count() == 0
    page.fill("#id_body", "<p>Ditulis sebelum editor datang.</p>")
    while not held:  # asked for once the page has loaded
        page.wait_for_timeout(50)
    held.pop().continue_()
    page.unroute(editor_js)
    _wait_for_editor(page)
    assert "Ditulis sebelum editor datang." in page.locator(".ck-editor__editable").inner_text()
    assert page.locator("#id_body").is_hidden()

    # Indonesian, and fitted to the phone.
    assert page.evaluate("() => window.editors.id_body.locale.uiLanguage") == "id"
    toolbar = page.locator(".ck-editor__top .ck-toolbar")
    assert toolbar.locator("[data-cke-tooltip-text^='Tebal']").count() == 1
    assert toolbar.bounding_box()["width"] <= 360
    page.locator(".ck-editor").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "editor-admin-phone.png"), full_page=False)

    # Saved as a draft of Taan's: images in the text go to Taan's library.
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("input[name=_continue]")
    assert re.search(r"/admin/articles/article/\d+/change/", page.url), page.locator(".errornote, .errorlist").all_inner_texts()
    change = page.url
    _wait_for_editor(page)
    assert "Ditulis sebelum editor datang." in page.locator(".ck-editor__editable").inner_text()

    # An image goes up through the admin's endpoint, held on its way so we can look.
    photo = tmp_path / "IMG_20250301_080000.jpg"
    photo.write_bytes(images.phone_jpeg(1600, 1200, orientation=6, gps=True))
    page.route("**/admin/articles/article/upload/**", lambda route: held.append(route))
    page.locator(".ck-editor__editable").click()
    page.keyboard.press("Control+End")
    page.locator(".ck-file-dialog-button input[type=file]").set_input_files(str(photo))
    page.locator(".ck-editor__editable figure.image").wait_for()
    while not held:
        page.wait_for_timeout(50)
    raw = _editor_data(page, raw=True)
    clean = _editor_data(page)
    page.wait_for_timeout(400)  # the write-back to the textarea
    textarea = page.locator("#id_body").input_value()
    print(f"\nWhile the image uploads, CKEditor's data: {raw!r}\ngetData() and the textarea: {clean!r}")
    assert "<img" in raw and "<img" not in clean and "<img" not in textarea
    assert "Ditulis sebelum editor datang." in textarea
    # A save now would lose the image: it is stopped, and says why.
    page.click("input[name=_save]")
    assert "Foto masih diunggah" in page.locator("[data-upload-guard-note]").text_content()
    assert page.url == change
    page.screenshot(path=str(screenshot_dir / "editor-admin-save-waits-phone.png"), full_page=False)

    held.pop().continue_()
    image = page.locator(".ck-editor__editable figure.image img[src*='/media/villages/taan/photos/']")
    image.wait_for(timeout=30_000)
    page.wait_for_timeout(400)
    assert "/media/villages/taan/photos/" in page.locator("#id_body").input_value()
    assert page.locator("[data-upload-guard-note]").count() == 0
    page.locator(".ck-editor").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "editor-admin-image-phone.png"), full_page=False)

    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("input[name=_save]")
    assert re.search(r"/admin/articles/article/(\?.*)?$", page.url), page.locator(".errornote, .errorlist").all_inner_texts()
    assert page.problems == []


def test_a_refused_image_says_why_under_the_editor(portal, phone, tmp_path):
    page = phone
    assert portal.sign_in(page, "distrik") == "/admin/"
    page.goto(portal.url(path=ADD))  # no village yet: the endpoint refuses, and says what to do
    _wait_for_editor(page)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(images.phone_jpeg(800, 600))
    page.locator(".ck-file-dialog-button input[type=file]").set_input_files(str(photo))
    note = page.locator(".rich-text-note")
    note.wait_for()
    assert note.text_content() == "Pilih desa berita ini dan simpan sebagai draf sebelum menambahkan foto."
    assert page.locator(".ck-editor__editable figure.image").count() == 0
    assert page.problems == []


def test_announcements_get_the_editor_without_images(portal, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    assert portal.sign_in(page, "distrik") == "/admin/"
    page.goto(portal.url(path="/admin/articles/announcement/add/"))
    _wait_for_editor(page)
    assert page.locator(".ck-file-dialog-button").count() == 0
    assert page.evaluate("() => window.editors.id_body.plugins.has('ImageUpload')") is False
    context.close()


def test_a_photos_toolbar_leaves_the_line_above_it_readable(portal, phone, tmp_path, screenshot_dir):
    page = phone
    portal.sign_in(page, "editor-taan")
    page.goto(portal.url(path="/redaksi/taan/tulis/"))
    _wait_for_editor(page)
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("Paragraf pertama tentang kegiatan warga di dusun.")
    page.keyboard.press("Enter")
    page.keyboard.type("Baris tepat di atas foto.")
    page.keyboard.press("Enter")
    photo = tmp_path / "IMG_20250301_080000.jpg"
    photo.write_bytes(images.phone_jpeg(1600, 1200))
    page.locator(".ck-file-dialog-button input[type=file]").set_input_files(str(photo))
    image = page.locator(".ck-editor__editable figure.image")
    image.locator("img[src*='/media/villages/taan/photos/']").wait_for(timeout=30_000)
    image.locator("img").click()
    toolbar = page.locator(".ck-balloon-panel_visible .ck-toolbar[aria-label='Alat gambar']")
    toolbar.wait_for()
    page.wait_for_timeout(300)  # the balloon settles where it is placed
    line_above = page.locator(".ck-editor__editable p", has_text="Baris tepat di atas foto.").bounding_box()
    top_of_toolbar = toolbar.bounding_box()["y"]
    assert top_of_toolbar >= line_above["y"] + line_above["height"], "the toolbar covers the line above the photo"
    assert top_of_toolbar >= image.bounding_box()["y"]
    page.screenshot(path=str(screenshot_dir / "editor-photo-toolbar-phone.png"), full_page=False)
