"""An editor writes on a phone, a publisher approves, readers see it."""

import pytest

from harness import images
from tests.e2e.conftest import PHONE
from tests.e2e.steps import follow
from tests.e2e.test_photo_uploads import VillageLink

pytestmark = pytest.mark.xdist_group("browser")


def _press(page, button):
    """A step button of the newsroom's form or review screen, and the page it leads to."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click(button)


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
    page.goto(portal.url(path="/redaksi/taan/tulis/"))
    page.fill("#id_title", "Nelayan Taan Panen Rumput Laut")
    # The lead photo goes up as it is chosen (newsroom/photos.js, in pieces
    # that survive a dropped signal); the browser cannot read HEIC, so it goes
    # as it is and the server turns it into renditions.
    page.set_input_files("[data-photo-file]", str(heic))
    page.locator("[data-photo-id]:not([value=''])").wait_for(state="attached", timeout=30_000)
    page.get_by_text("Deskripsi untuk pembaca tunanetra").click()
    page.fill("#id_photo_alt", "Nelayan menjemur rumput laut")
    # A photo in the text goes the same way, resized on the phone first.
    editor = page.locator(".ck-editor__editable")
    editor.wait_for(timeout=20_000)
    editor.click()
    page.keyboard.type("Nelayan di pesisir Taan memanen rumput laut pagi ini.")
    page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(str(jpeg))
    page.wait_for_selector(".ck-editor__editable figure.image img[src*='/media/villages/taan/photos/']", timeout=30_000)
    page.screenshot(path=str(screenshot_dir / "newsroom-1-editor-writes-phone.png"), full_page=True)
    _press(page, "button[name=action][value=submit]")
    page.screenshot(path=str(screenshot_dir / "newsroom-2-submitted-phone.png"))
    assert "Berita diajukan ke penerbit" in page.content()

    portal.sign_in(page, "penerbit-taan")
    page.goto(portal.url(path="/redaksi/taan/"))
    follow(page.get_by_role("link", name="Nelayan Taan Panen Rumput Laut").first)
    page.screenshot(path=str(screenshot_dir / "newsroom-3-publisher-approves-phone.png"), full_page=True)
    _press(page, "button[name=action][value=publish]")
    assert "Berita sudah terbit." in page.content()
    context.close()

    reader = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = reader.new_page()
    page.goto(portal.url("taan"))
    follow(page.get_by_role("link", name="Nelayan Taan Panen Rumput Laut").first)
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


def test_a_phone_number_typed_just_before_sending_is_pointed_out(portal, page):
    portal.sign_in(page, "editor-taan")
    page.goto(portal.url(path="/redaksi/taan/tulis/"))
    page.fill("#id_title", "Bantuan beras untuk warga lanjut usia")
    editor = page.locator(".ck-editor__editable")
    editor.wait_for(timeout=20_000)
    editor.click()
    # Sent straight after the last digit: before the editor writes back to its field.
    page.keyboard.type("Bantuan diterima Ibu Sitti, NIK 7306014501560002, nomor HP 081234567890.")
    page.click("button[name=action][value=submit]")
    warning = page.locator("[data-privacy-warning]")
    warning.wait_for(state="visible")
    found = warning.locator("[data-privacy-list]").inner_text()
    assert "7306014501560002" in found and "Nomor telepon: 081234567890" in found
    assert "/tulis/" in page.url  # held until the writer decides


def test_a_tall_photo_going_up_leaves_its_progress_in_sight(portal, browser, tmp_path):
    tall = tmp_path / "IMG_20250301_071500.jpg"
    tall.write_bytes(images.camera_jpeg(3000, 4000, orientation=1))
    context = browser.new_context(**PHONE, locale="id-ID")
    page = context.new_page()
    portal.sign_in(page, "editor-taan")
    page.goto(portal.url(path="/redaksi/taan/tulis/"))
    VillageLink(page)
    page.set_input_files("[data-photo-file]", str(tall))
    status = page.locator("[data-photo-field] [data-photo-status]").first
    page.wait_for_function("s => /Mengunggah foto… \\d+%/.test(s.textContent)", arg=status.element_handle(), timeout=60_000)
    page.wait_for_timeout(800)  # the smooth scroll
    box, bar = status.bounding_box(), page.locator(".actions.sticky").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= bar["y"], (box, bar)
    context.close()


def test_a_long_title_is_read_back_whole_on_a_phone_and_stays_one_line(portal, browser, screenshot_dir):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    portal.sign_in(page, "editor-taan")
    page.goto(portal.url(path="/redaksi/taan/tulis/"))
    title = page.locator("#id_title")
    words = "Warga Dusun Salu bergotong royong memperbaiki jembatan gantung yang rusak diterjang banjir pekan lalu"
    title.fill(words)
    assert title.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), "part of the title is hidden"
    page.screenshot(path=str(screenshot_dir / "newsroom-long-title-phone.png"))
    title.press("End")
    title.press("Enter")
    assert title.evaluate("el => document.activeElement !== el"), "Enter should put the keyboard away"
    title.focus()
    page.keyboard.insert_text("\nsebelum musim hujan")
    assert title.input_value() == words + " sebelum musim hujan"
    context.close()
