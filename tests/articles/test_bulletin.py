"""The printable weekly bulletin for the notice board at the balai desa."""

import datetime
import zoneinfo

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles import photos
from articles.models import Photo
from harness import images
from tests.conftest import host
from tests.factories import ArticleFactory

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def _at(*args):
    return datetime.datetime(*args, tzinfo=WITA)


@pytest.fixture
def week_46(taan, bela):
    # ISO week 46 of 2026: Monday 9 to Sunday 15 November.
    ArticleFactory(village=taan, title="Senin dini hari", published_at=_at(2026, 11, 9, 0, 30))  # still Sunday in UTC
    ArticleFactory(village=taan, title="Kamis siang", published_at=_at(2026, 11, 12, 12, 0))
    ArticleFactory(village=taan, title="Minggu lalu", published_at=_at(2026, 11, 8, 23, 30))
    ArticleFactory(village=taan, title="Draf minggu ini", status="draft", published_at=_at(2026, 11, 10, 9))
    ArticleFactory(village=bela, title="Kabar Bela", published_at=_at(2026, 11, 11, 9))


def _bulletin(client, path="/buletin/2026/46/", site="taan"):
    response = client.get(path, HTTP_HOST=host(site))
    return response, response.content.decode()


def test_bulletin_lists_the_weeks_published_news_oldest_first_in_local_time(client, week_46):
    response, page = _bulletin(client)
    assert response.status_code == 200 and not response.cookies
    assert page.index("Senin dini hari") < page.index("Kamis siang")
    assert "Minggu lalu" not in page and "Draf minggu ini" not in page and "Kabar Bela" not in page
    assert "<title>Buletin KIM Taan Bersatu – Minggu 46, 9–15 November 2026</title>" in page


def test_bulletin_leaves_out_scheduled_and_trashed_news(client, taan):
    now = timezone.now()  # not the factory's "an hour ago", which on a Monday before 01:00 is last week
    this_week = timezone.localtime(now).isocalendar()
    ArticleFactory(village=taan, title="Sudah terbit", published_at=now)
    ArticleFactory(village=taan, title="Dijadwalkan nanti", status="scheduled",
                   published_at=now + datetime.timedelta(minutes=5))
    ArticleFactory(village=taan, title="Dibuang").move_to_trash()
    ArticleFactory(village=taan, title="Menunggu tinjauan", status="review")
    response, page = _bulletin(client, f"/buletin/{this_week.year}/{this_week.week}/")
    assert "Sudah terbit" in page
    assert "Dijadwalkan nanti" not in page and "Dibuang" not in page and "Menunggu tinjauan" not in page


def test_a_week_across_two_months_names_both(client, taan):
    _, page = _bulletin(client, "/buletin/2026/49/")
    assert "30 November–6 Desember 2026" in page
    _, page = _bulletin(client, "/buletin/2026/53/")
    assert "28 Desember 2026–3 Januari 2027" in page


def test_bulletin_prints_on_a4_with_one_image_per_article(client, taan):
    photo = Photo.from_processed(
        photos.process(SimpleUploadedFile("a.jpg", images.phone_jpeg(1600, 1000, orientation=1))), taan, alt="Sawah"
    )
    ArticleFactory(
        village=taan,
        title="Panen raya",
        photo=photo,
        published_at=_at(2026, 11, 10, 8),
        body='<p>Hasil panen naik.</p><figure class="image"><img src="/media/villages/taan/x/800.jpg" alt="Lagi"></figure>',
    )
    response, page = _bulletin(client)
    assert response.status_code == 200
    assert page.count("<picture>") == 1 and page.count(f'src="{photo.url(800)}"') == 1
    assert 'loading="lazy"' not in page  # every image is on paper before printing starts
    assert "@page { size: A4" in page and "@media print" in page
    # The body's own images stay in the HTML but never reach the paper.
    assert ".bulletin-body img, .bulletin-body figure, .bulletin-body .video { display: none; }" in page


def test_current_week_is_the_default(client, taan):
    response, page = _bulletin(client, "/buletin/")
    assert response.status_code == 200
    assert "Belum ada berita yang terbit minggu ini" in page


@pytest.mark.parametrize(
    "path", ["/buletin/2026/54/", "/buletin/2026/0/", "/buletin/2025/53/", "/buletin/99999/1/", "/buletin/9999/52/", "/buletin/1/1/"]
)
def test_impossible_weeks_are_a_404(client, taan, path):
    assert client.get(path, HTTP_HOST=host("taan")).status_code == 404


def test_bulletin_is_a_village_page_only(client, taan):
    assert client.get("/buletin/", HTTP_HOST=host()).status_code == 404
