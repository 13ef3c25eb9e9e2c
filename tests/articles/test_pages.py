import datetime
import zoneinfo

import pytest

from tests.conftest import host
from tests.factories import (
    ArticleFactory,
    KecamatanFactory,
    TopicFactory,
    VillageFactory,
)

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def test_dates_are_written_in_indonesian(client, taan):
    article = ArticleFactory(village=taan, published_at=datetime.datetime(2024, 12, 21, 9, 30, tzinfo=WITA))
    page = client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).content.decode()
    assert "21 Desember 2024, 09.30 WITA" in page
    assert 'lang="id"' in page


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "%00", ""])
def test_a_page_number_that_is_not_one_shows_the_first_page(client, taan_article, page):
    for h in (host("taan"), host()):
        response = client.get("/", {"page": page}, HTTP_HOST=h)
        assert response.status_code == 200 and "Panen kakao" in response.content.decode()


@pytest.mark.parametrize("page", ["99999", "1" * 400])
def test_a_page_number_past_the_end_is_not_found(client, taan_article, page):
    for h in (host("taan"), host()):
        assert client.get("/", {"page": page}, HTTP_HOST=h).status_code == 404


def test_home_is_paginated_newest_first(client, taan, settings):
    settings.ARTICLES_PER_PAGE = 2
    now = datetime.datetime(2025, 3, 1, tzinfo=WITA)
    for day in range(5):
        ArticleFactory(village=taan, title=f"Hari ke-{day}", published_at=now + datetime.timedelta(days=day))
    first = client.get("/", HTTP_HOST=host("taan")).content.decode()
    assert first.index("Hari ke-4") < first.index("Hari ke-3")
    assert "Hari ke-2" not in first
    assert "Halaman 1" in first and 'href="?page=2"' in first
    last = client.get("/", {"page": 3}, HTTP_HOST=host("taan")).content.decode()
    assert "Hari ke-0" in last and "Lebih lama" not in last


def test_a_page_past_the_end_is_not_found(client, taan, settings):
    settings.ARTICLES_PER_PAGE = 2
    ArticleFactory.create_batch(3, village=taan)
    assert client.get("/", {"page": 2}, HTTP_HOST=host("taan")).status_code == 200
    response = client.get("/", {"page": 3}, HTTP_HOST=host("taan"))
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.content.decode()


def test_topic_page_lists_only_that_topic(client, taan):
    pertanian, umkm = TopicFactory(name="Pertanian", slug="pertanian"), TopicFactory(name="UMKM", slug="umkm")
    ArticleFactory(village=taan, title="Bibit kakao unggul", topic=pertanian)
    ArticleFactory(village=taan, title="Keripik pisang laris", topic=umkm)
    for h in (host("taan"), host()):
        page = client.get("/topik/pertanian/", HTTP_HOST=h).content.decode()
        assert "Bibit kakao unggul" in page and "Keripik pisang laris" not in page


def test_unknown_topic_is_a_404(client, taan):
    assert client.get("/topik/tidak-ada/", HTTP_HOST=host("taan")).status_code == 404
    assert client.get("/topik/tidak-ada/", HTTP_HOST=host()).status_code == 404


def test_about_page_describes_the_kim(client, taan):
    taan.description = "KIM Taan menulis kabar desa sejak 2019."
    taan.whatsapp = "081234567890"
    taan.save()
    page = client.get("/tentang/", HTTP_HOST=host("taan")).content.decode()
    assert "KIM Taan menulis kabar desa sejak 2019." in page
    assert 'href="https://wa.me/6281234567890"' in page


def test_directory_groups_active_villages_by_kecamatan(client, db):
    tapalang, kalukku = KecamatanFactory(name="Tapalang", slug="tapalang"), KecamatanFactory(name="Kalukku", slug="kalukku")
    VillageFactory(name="Desa Taan", slug="taan", kecamatan=tapalang)
    VillageFactory(name="Desa Beru-Beru", slug="beru-beru", kecamatan=kalukku)
    VillageFactory(name="Desa Tidur", slug="tidur", kecamatan=kalukku, is_active=False)
    page = client.get("/desa/", HTTP_HOST=host()).content.decode()
    assert page.index("Kecamatan Kalukku") < page.index("Desa Beru-Beru") < page.index("Kecamatan Tapalang")
    assert page.index("Kecamatan Tapalang") < page.index("Desa Taan")
    assert 'href="http://beru-beru.localhost/"' in page
    assert "Desa Tidur" not in page


def test_unknown_path_gets_an_indonesian_404_on_every_host(client, taan):
    for h in (host("taan"), host()):
        response = client.get("/tidak/ada/", HTTP_HOST=h)
        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in response.content.decode()


def test_save_data_readers_get_small_images_only(client, taan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles import photos
    from articles.models import Photo
    from harness import images

    processed = photos.process(SimpleUploadedFile("a.jpg", images.phone_jpeg(2000, 1200, orientation=1)))
    article = ArticleFactory(village=taan, photo=Photo.from_processed(processed, taan, alt="Sawah"))
    full = client.get(article.get_absolute_url(), HTTP_HOST=host("taan"))
    lean = client.get(article.get_absolute_url(), HTTP_HOST=host("taan"), HTTP_SAVE_DATA="on")
    assert "1600.webp 1600w" in full.content.decode()
    lean_page = lean.content.decode()
    assert "400.webp 400w" in lean_page and "800.webp" not in lean_page and "1600.webp" not in lean_page
    assert 'width="400" height="240"' in lean_page
    assert "Save-Data" in lean["Vary"] and "Save-Data" in full["Vary"]


def test_the_stylesheet_stays_under_15_kb_compressed():
    import gzip
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_bytes()
    assert len(gzip.compress(css)) <= 15 * 1024


def test_pages_inline_the_stylesheet_and_load_no_fonts(client, taan_article):
    page = client.get("/", HTTP_HOST=host("taan")).content.decode()
    assert "<style>/* KIM Portal" in page and "--brand:" in page
    assert 'rel="stylesheet"' not in page and "@font-face" not in page


def test_the_500_page_is_friendly_and_in_indonesian(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/", HTTP_HOST=host("taan")))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Maaf, terjadi gangguan" in page and 'lang="id"' in page
    assert "Traceback" not in page
