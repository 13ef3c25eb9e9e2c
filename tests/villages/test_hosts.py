"""The Host header picks the site, once, and nothing else is served."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import host
from tests.factories import ArticleFactory, VillageFactory


def test_base_domain_serves_the_district_portal(client, taan_article):
    response = client.get("/", HTTP_HOST=host())
    assert response.status_code == 200
    assert "Portal KIM" in response.content.decode()
    assert response.wsgi_request.village is None


def test_village_subdomain_serves_that_village(client, taan):
    response = client.get("/", HTTP_HOST=host("taan"))
    assert response.status_code == 200
    assert response.wsgi_request.village == taan
    assert "Desa Taan" in response.content.decode()


def test_host_with_port_and_upper_case_still_finds_the_village(client, taan):
    response = client.get("/", HTTP_HOST="TAAN.localhost:8000")
    assert response.status_code == 200
    assert response.wsgi_request.village == taan


def test_unknown_subdomain_gets_an_indonesian_404_linking_to_the_portal(client, db):
    response = client.get("/", HTTP_HOST=host("tidakada"))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Situs desa tidak ditemukan" in page
    assert 'href="http://localhost/"' in page


def test_inactive_village_site_is_hidden(client, taan_article):
    taan_article.village.is_active = False
    taan_article.village.save()
    assert client.get("/", HTTP_HOST=host("taan")).status_code == 404
    assert client.get(taan_article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 404


@pytest.mark.parametrize(
    "bad_host",
    ["example.com", "taan.localhost.evil.com", "localhost.evil.com", "a.taan.localhost", "127.0.0.1", "evil.com:8000"],
)
def test_any_other_host_is_refused_with_400(client, taan, bad_host):
    response = client.get("/", HTTP_HOST=bad_host)
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


def test_admin_and_sign_in_are_not_served_on_a_village_host(client, taan):
    for path in ("/admin/", "/admin/login/", "/masuk/", "/keluar/", "/akun/dua-langkah/"):
        assert client.get(path, HTTP_HOST=host("taan")).status_code == 404, path


def test_sign_in_is_served_on_the_base_domain(client, db):
    response = client.get("/masuk/", HTTP_HOST=host())
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/", "/tentang/", "/berita/panen-kakao/", "/topik/tidak-ada/", "/berita/tidak-ada/"])
def test_village_pages_set_no_cookies(client, taan_article, path):
    response = client.get(path, HTTP_HOST=host("taan"))
    assert response.status_code in (200, 404)
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_village_pages_ignore_a_session_cookie_sent_to_them(admin_client, taan_article):
    response = admin_client.get("/", HTTP_HOST=host("taan"))
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_two_villages_with_the_same_article_slug_each_show_their_own(client, taan, bela):
    ArticleFactory(village=taan, slug="musrenbang", title="Musrenbang di Taan")
    ArticleFactory(village=bela, slug="musrenbang", title="Musrenbang di Bela")
    taan_page = client.get("/berita/musrenbang/", HTTP_HOST=host("taan")).content.decode()
    bela_page = client.get("/berita/musrenbang/", HTTP_HOST=host("bela")).content.decode()
    assert "Musrenbang di Taan" in taan_page and "Musrenbang di Bela" not in taan_page
    assert "Musrenbang di Bela" in bela_page and "Musrenbang di Taan" not in bela_page


def test_a_village_host_serves_no_other_village_media(client, taan, bela, settings):
    bela_file = settings.MEDIA_ROOT / "villages" / "bela" / "articles" / "foto.jpg"
    bela_file.parent.mkdir(parents=True)
    bela_file.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert client.get("/media/villages/bela/articles/foto.jpg", HTTP_HOST=host("bela")).status_code == 200
    assert client.get("/media/villages/bela/articles/foto.jpg", HTTP_HOST=host("taan")).status_code == 404
    assert client.get("/media/villages/taan/../bela/articles/foto.jpg", HTTP_HOST=host("taan")).status_code == 404


def test_the_village_of_the_request_is_looked_up_once(client, taan):
    VillageFactory.create_batch(5)
    with CaptureQueriesContext(connection) as queries:
        client.get("/tentang/", HTTP_HOST=host("taan"))
    lookups = [q["sql"] for q in queries.captured_queries if 'FROM "villages_village"' in q["sql"]]
    assert len(lookups) == 1


def test_the_village_of_the_request_comes_from_the_cache_afterwards(client, taan):
    client.get("/tentang/", HTTP_HOST=host("taan"))
    with CaptureQueriesContext(connection) as queries:
        client.get("/arsip/", HTTP_HOST=host("taan"))
    assert not [q for q in queries.captured_queries if 'FROM "villages_village"' in q["sql"]]
