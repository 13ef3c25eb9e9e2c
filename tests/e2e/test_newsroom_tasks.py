"""The newsroom's two everyday tasks on a 360 px phone over the village
link (400 kbit/s down, 200 up, 400 ms), as harness/newsroom_tasks.py does
them, with the issue's targets: the editor in at most 10 taps, the
publisher in at most 3, at most 1.5 MB sent for two 4 MB phone photos."""

import pytest

from harness import images
from harness.newsroom_tasks import PHONE, review_and_publish, slow_link, write_and_submit

pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture
def two_phone_photos(tmp_path):
    photos = []
    for n in (1, 2):
        path = tmp_path / f"IMG_2026113{n}_0930.jpg"
        path.write_bytes(images.camera_jpeg(3000, 4000, orientation=6, gps=True))
        photos.append(path)
    return photos


def test_an_editor_writes_with_two_phone_photos_and_the_publisher_publishes(portal, browser, two_phone_photos, screenshot_dir):
    lead, inside = two_phone_photos
    assert 3_000_000 < lead.stat().st_size < 6_000_000
    editor = browser.new_context(**PHONE)
    page = editor.new_page()
    portal.sign_in(page, "editor-taan")
    slow_link(page)
    writing = write_and_submit(
        page, portal.url(path="/redaksi/taan/"), "Panen cengkeh di Dusun Salu",
        lead, inside, "Petani cengkeh di Dusun Salu mulai memanen sejak Senin pagi.",
    )
    page.screenshot(path=str(screenshot_dir / "newsroom-task-submitted-phone.png"))
    assert "Berita diajukan ke penerbit" in page.content()
    assert writing.taps <= 10, writing
    assert 500_000 < writing.bytes_sent <= 1_500_000, writing
    editor.close()

    publisher = browser.new_context(**PHONE)
    page = publisher.new_page()
    portal.sign_in(page, "penerbit-taan")
    slow_link(page)
    page.goto(portal.url(path="/redaksi/taan/"))
    # The publisher was told: a count in the newsroom, the article first in the review queue.
    assert page.locator(".tabs .count").first.inner_text() != ""
    page.screenshot(path=str(screenshot_dir / "newsroom-task-publisher-home-phone.png"))
    publishing = review_and_publish(page, portal.url(path="/redaksi/taan/"), "Panen cengkeh di Dusun Salu")
    assert "Berita sudah terbit." in page.content()
    assert publishing.taps <= 3, publishing
    publisher.close()
