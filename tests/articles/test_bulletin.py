"""The printable weekly bulletin for the notice board at the balai desa."""

import datetime
import zoneinfo

import pytest

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
    assert "9 November–15 November 2026" in page


def test_bulletin_prints_on_a4_with_one_image_per_article(client, week_46):
    _, page = _bulletin(client)
    assert "@page { size: A4" in page
    assert ".bulletin-body img, .bulletin-body figure, .bulletin-body .video { display: none; }" in page


def test_current_week_is_the_default(client, taan):
    response, page = _bulletin(client, "/buletin/")
    assert response.status_code == 200
    assert "Belum ada berita yang terbit minggu ini" in page


@pytest.mark.parametrize("path", ["/buletin/2026/54/", "/buletin/2026/0/", "/buletin/99999/1/"])
def test_impossible_weeks_are_a_404(client, taan, path):
    assert client.get(path, HTTP_HOST=host("taan")).status_code == 404


def test_bulletin_is_a_village_page_only(client, taan):
    assert client.get("/buletin/", HTTP_HOST=host()).status_code == 404
