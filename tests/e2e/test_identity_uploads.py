"""The identity screen for real, on a phone over the volunteers' link: a
KIM lead picks a logo and a cover photo; both go up resized, in pieces,
with their progress shown and the save button waiting; the signal drops
and both go on from where they stopped; saved, the next reader sees them.
The link, and how the signal drops, are test_photo_uploads.py's."""

import time
from collections import defaultdict

import pytest

from harness import images
from tests.e2e.conftest import PHONE
from tests.e2e.test_photo_uploads import Uploads, VillageLink

pytestmark = pytest.mark.xdist_group("browser")

WAITING = "Tunggu, foto masih diunggah…"


def _a_village_to_change(portal, browser):
    """A demo village not Taan (whose look the budgets measure), nor the one
    test_identity.py changes (the first other one)."""
    page = browser.new_page()
    page.goto(portal.url(path="/desa/"))
    hosts = page.eval_on_selector_all("a[href*='.localhost']", "links => links.map(a => new URL(a.href).hostname)")
    page.close()
    others = [h.split(".")[0] for h in hosts if not h.startswith("taan.")]
    return others[1] if len(others) > 1 else others[0]


def _status(page, kind):
    return page.locator(f"#{kind}-label ~ [data-photo-status]").text_content()


def _wait_for(page, kind, text, timeout=60):
    deadline = time.monotonic() + timeout
    while text not in _status(page, kind):
        assert time.monotonic() < deadline, _status(page, kind)
        page.wait_for_timeout(100)


def test_a_logo_and_a_cover_go_up_from_the_identity_screen_and_resume_after_the_signal_drops(
        portal, browser, tmp_path, screenshot_dir):
    slug = _a_village_to_change(portal, browser)
    context = browser.new_context(**PHONE, locale="id-ID")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.on("dialog", lambda dialog: dialog.accept())
    portal.sign_in(page, f"penerbit-{slug}")
    page.goto(portal.url(path=f"/redaksi/{slug}/identitas/"))
    logo, cover = tmp_path / "logo-kim.jpg", tmp_path / "IMG_20250301_071500.jpg"
    logo.write_bytes(images.camera_jpeg(3000, 3000, orientation=1, gps=True))
    cover.write_bytes(images.camera_jpeg(4000, 3000, orientation=6, gps=True))  # 3000 x 4000 upright
    uploads = Uploads(page)
    link = VillageLink(page)
    save = page.locator(".identity-form .actions button[type=submit]")
    started = time.monotonic()
    page.set_input_files("#id_logo_file", str(logo))
    page.set_input_files("#id_cover_file", str(cover))

    # Both go up at once; the form waits, and each field shows how far it got.
    with page.expect_response(lambda r: r.request.method == "PATCH"):
        pass
    assert save.is_disabled() and save.text_content() == WAITING
    _wait_for(page, "cover", " dari ")
    assert page.locator("#cover-label ~ progress").is_visible()
    page.locator("#logo-label").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "identity-uploading-phone.png"))

    # The signal drops midway; both wait for it, then go on.
    link.signal(False)
    _wait_for(page, "cover", "Sinyal terputus")
    page.screenshot(path=str(screenshot_dir / "identity-offline-phone.png"))
    page.wait_for_timeout(1500)
    link.signal(True)
    for kind in ("logo", "cover"):
        page.locator(f"input[name={kind}][data-photo-id]:not([value=''])").wait_for(state="attached", timeout=120_000)
    seconds = time.monotonic() - started

    assert _status(page, "logo") == "Logo terunggah. Ketuk Simpan identitas untuk memakainya."
    assert _status(page, "cover") == "Foto sampul terunggah. Ketuk Simpan identitas untuk memakainya."
    assert not save.is_disabled() and save.text_content() == "Simpan identitas"
    # Two uploads, each resized on the phone, neither started over: after the
    # break the phone asked how far it got (HEAD) and went on from there.
    creations = uploads.answered("POST", 201, creations=True)
    assert len(creations) == 2
    lengths = [int(c.headers["upload-length"]) for c in creations]
    assert all(length <= 1024 * 1024 for length in lengths), lengths
    assert "PATCH" in uploads.failed
    heads = uploads.answered("HEAD", 200)
    assert heads and all(int(h.answer[1]) > 0 for h in heads)
    pieces = defaultdict(list)  # upload -> the offsets its pieces were taken at
    for patch in uploads.answered("PATCH", 204):
        pieces[patch.url].append(int(patch.headers["upload-offset"]))
    assert len(pieces) == 2
    for offsets in pieces.values():
        assert offsets[0] == 0 and offsets == sorted(set(offsets)), offsets  # never a piece sent twice
    cover_preview = page.locator("#cover-label ~ img[data-photo-preview]")
    width, height = cover_preview.evaluate("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])")
    assert abs(width - 3 * height) <= 3  # the banner the server cut
    page.locator("#logo-label").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "identity-uploaded-phone.png"))

    with page.expect_navigation():
        save.click()
    assert "Identitas situs tersimpan" in page.content()
    reader = context.new_page()
    reader.goto(portal.url(slug))
    for image in (".brand-logo img", ".cover img"):
        assert reader.locator(image).evaluate("img => img.complete && img.naturalWidth > 0"), image
    reader.screenshot(path=str(screenshot_dir / "identity-uploaded-village-home-phone.png"))
    assert not errors
    context.close()
    print(f"\nlogo and cover: {lengths} bytes sent, {len(heads)} resumed, {seconds:.1f} s")
