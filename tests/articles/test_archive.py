import datetime
import zoneinfo

import pytest

from tests.conftest import host
from tests.factories import ArticleFactory

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


@pytest.fixture
def months(taan, bela):
    ArticleFactory(village=taan, title="Berita Oktober", published_at=datetime.datetime(2026, 10, 5, 9, tzinfo=WITA))
    # 1 November 00.30 WITA is still 31 October in UTC: the archive goes by Sulawesi time.
    ArticleFactory(village=taan, title="Berita awal November", published_at=datetime.datetime(2026, 11, 1, 0, 30, tzinfo=WITA))
    ArticleFactory(village=bela, title="Berita Bela November", published_at=datetime.datetime(2026, 11, 2, 9, tzinfo=WITA))
    ArticleFactory(village=taan, title="Draf November", status="draft", published_at=datetime.datetime(2026, 11, 3, tzinfo=WITA))


def test_archive_index_lists_months_with_counts(client, months):
    page = client.get("/arsip/", HTTP_HOST=host("taan")).content.decode()
    assert page.index("November 2026") < page.index("Oktober 2026")
    assert '<a href="2026/11/">November 2026</a> <span>1 berita</span>' in page
    district = client.get("/arsip/", HTTP_HOST=host()).content.decode()
    assert '<a href="2026/11/">November 2026</a> <span>2 berita</span>' in district


def test_month_page_lists_that_months_published_news_in_local_time(client, months):
    page = client.get("/arsip/2026/11/", HTTP_HOST=host("taan")).content.decode()
    assert "Berita awal November" in page
    assert "Berita Oktober" not in page and "Draf November" not in page and "Bela" not in page


@pytest.mark.parametrize("path", ["/arsip/2026/13/", "/arsip/2026/0/", "/arsip/99999/1/", "/arsip/abc/1/"])
def test_impossible_months_are_a_404(client, taan, path):
    assert client.get(path, HTTP_HOST=host("taan")).status_code == 404
