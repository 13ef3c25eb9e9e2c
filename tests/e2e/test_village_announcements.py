"""A village home with three district announcements, as a reader's phone
shows it: the first one open, its paragraphs apart; the others one line
each, so the village's own news starts on the first screen (360x740)."""

import pytest

from tests.e2e.audit import audit

pytestmark = pytest.mark.xdist_group("browser")

TITLE = "Pendaftaran bantuan bibit kakao dibuka untuk kelompok tani"
OTHER = "Pemadaman listrik bergilir di wilayah pesisir hari Sabtu"
# Dungkait, the demo's second village, in a kecamatan of its own: it shows
# the demo's one announcement for every village; two more make three.
SITE = "dungkait"

ADD = f"""
from datetime import timedelta
from django.utils import timezone
from articles.models import Announcement
from villages.models import Village
for title, body, minutes in [
    ({OTHER!r}, "<p>PLN memadamkan listrik pukul 09.00 sampai 12.00 WITA.</p>", 10),
    ({TITLE!r}, "<p>Setiap kelompok tani boleh mengusulkan satu daftar.</p><p>Warga membawa kartu keluarga.</p>", 0),
]:
    a = Announcement.objects.create(
        title=title, audience="villages", body=body,
        starts_at=timezone.now() - timedelta(minutes=minutes), ends_at=timezone.now() + timedelta(days=3),
    )
    a.villages.set(Village.objects.filter(slug={SITE!r}))
"""
REMOVE = f"from articles.models import Announcement; Announcement.objects.filter(title__in=[{TITLE!r}, {OTHER!r}]).delete()"


@pytest.fixture(scope="module")
def three_announcements(portal):
    portal.manage("shell", "-c", ADD)
    yield
    portal.manage("shell", "-c", REMOVE)


def test_village_news_starts_on_the_first_screen_under_three_announcements(portal, page, browser, three_announcements, screenshot):
    page.goto(portal.url(SITE))
    assert page.locator(".announcements .announcement").count() == 3
    first = page.locator(".announcements article.announcement")
    assert first.locator("h3").inner_text() == TITLE
    assert first.locator("p").nth(0).inner_text() == "Setiap kelompok tani boleh mengusulkan satu daftar."
    assert first.locator("p").nth(1).inner_text() == "Warga membawa kartu keluarga."
    folded = page.locator(".announcements details.announcement-folded")
    assert folded.count() == 2
    for summary in folded.locator("summary").all():
        assert summary.bounding_box()["height"] < 60  # one line
    story = page.locator("article.card").first.bounding_box()
    assert story["y"] < page.viewport_size["height"], story
    screenshot("village-home-three-announcements")
    audit(page, browser, ".announcements")

    folded.first.locator("summary").click()
    assert folded.first.get_attribute("open") is not None
    assert folded.first.get_by_role("link", name="Baca pengumuman").is_visible()
    screenshot("village-home-announcement-opened")
