"""An editor writes on a phone, a publisher approves, readers see it."""

import re

import pytest

from harness import images

pytestmark = pytest.mark.xdist_group("browser")

def _save(page):
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("input[name=_save]")
    assert re.search(r"/admin/articles/article/(\?.*)?$", page.url), page.locator(".errornote, .errorlist").all_inner_texts()


@pytest.fixture
def phone_photos(tmp_path):
    jpeg = tmp_path / "IMG_20241221_093000.jpg"
    jpeg.write_bytes(images.phone_jpeg(1600, 1200, orientation=6, gps=True))
    heic = tmp_path / "IMG_0042.HEIC"
    heic.write_bytes(images.heic(1600, 1200))
    return jpeg, heic


def test_editor_writes_with_phone_photos_and_publisher_publishes(portal, browser, phone_photos, screenshot_dir):
    jpeg, heic = phone_photos
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()

    assert portal.sign_in(page, "editor-taan").startswith("/redaksi/")
    page.goto(portal.url(path="/admin/articles/article/add/"))
    page.fill("#id_title", "Nelayan Taan Panen Rumput Laut")
    editor = page.locator(".ck-editor__editable")
    editor.click()
    page.keyboard.type("Nelayan di pesisir Taan memanen rumput laut pagi ini.")
    # A photo inserted into the body goes through our upload endpoint.
    # At 360 px the image button sits in the toolbar's "more" menu.
    more = page.locator(".ck-toolbar__grouped-dropdown > button")
    if more.count():
        more.click()
    page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(str(jpeg))
    page.wait_for_selector(".ck-editor__editable figure.image img[src*='/media/villages/taan/photos/']", timeout=15000)
    page.locator("#id_photo_upload").set_input_files(str(heic))
    page.fill("#id_photo_alt", "Nelayan menjemur rumput laut")
    page.select_option("#id_status", "review")
    page.screenshot(path=str(screenshot_dir / "newsroom-1-editor-writes-phone.png"), full_page=True)
    _save(page)
    page.screenshot(path=str(screenshot_dir / "newsroom-2-submitted-phone.png"))
    assert "Nelayan Taan Panen Rumput Laut" in page.content()

    portal.sign_in(page, "penerbit-taan")
    page.goto(portal.url(path="/admin/articles/article/?status__exact=review"))
    page.get_by_role("link", name="Nelayan Taan Panen Rumput Laut").click()
    page.select_option("#id_status", "published")
    page.screenshot(path=str(screenshot_dir / "newsroom-3-publisher-approves-phone.png"), full_page=True)
    _save(page)
    context.close()

    reader = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = reader.new_page()
    page.goto(portal.url("taan"))
    page.get_by_role("link", name="Nelayan Taan Panen Rumput Laut").first.click()
    lead = page.locator(".lead-image img")
    assert lead.get_attribute("alt") == "Nelayan menjemur rumput laut"
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=lead.element_handle())
    assert "1200.webp 1200w" in page.locator(".lead-image source").get_attribute("srcset")
    body_image = page.locator(".body img").first
    assert "/media/villages/taan/photos/" in body_image.get_attribute("src")
    body_image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=body_image.element_handle())
    # The phone stored it sideways with EXIF orientation 6: shown upright, taller than wide.
    natural = body_image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert natural[1] > natural[0]
    page.screenshot(path=str(screenshot_dir / "newsroom-4-published-phone.png"), full_page=True)
    reader.close()
