"""A village page change is seen by the very next reader, from the page
itself and from every page whose menu or footer lists it."""

import pytest

from tests.conftest import host
from villagepages.models import Page

# Each test once more through nginx and its edge (conftest.py).
pytestmark = pytest.mark.through_nginx

NEWSROOM = host()


def _text(client, path="/"):
    response = client.get(path, HTTP_HOST=host("taan"))
    return response.status_code, response.content.decode()


@pytest.fixture
def sejarah(taan):
    page = Page.objects.get(village=taan, slug="sejarah")
    page.body, page.status = "<p>Kampung dibuka para tetua.</p>", "published"
    page.save()
    return page


def test_a_cached_page_is_served_from_the_cache(client, sejarah):
    client.get("/halaman/sejarah/", HTTP_HOST=host("taan"))
    assert client.get("/halaman/sejarah/", HTTP_HOST=host("taan"))["X-Cache"] == client.cache_hit


def test_an_edit_in_the_newsroom_is_seen_by_the_next_reader(client, sejarah, taan_publisher):
    assert "para tetua" in _text(client, "/halaman/sejarah/")[1]
    client.force_login(taan_publisher)
    client.post(f"/redaksi/taan/halaman/{sejarah.pk}/", {
        "title": "Sejarah desa", "body": "<p>Cerita yang diperbaiki.</p>", "edited_version": sejarah.updated.isoformat(),
        "action": "save", "form_end": "1",
    }, HTTP_HOST=NEWSROOM)
    client.logout()
    html = _text(client, "/halaman/sejarah/")[1]
    assert "Cerita yang diperbaiki." in html and "Sejarah desa" in html
    assert "Sejarah desa" in _text(client, "/")[1]


def test_a_publication_is_seen_by_the_next_reader(client, taan, taan_publisher):
    kontak = Page.objects.get(village=taan, slug="kontak")
    assert _text(client, "/halaman/kontak/")[0] == 404
    assert "/halaman/kontak/" not in _text(client, "/")[1]
    client.force_login(taan_publisher)
    client.post(f"/redaksi/taan/halaman/{kontak.pk}/", {
        "title": "Kontak", "body": "<p>Kantor desa buka pukul 08.00.</p>", "edited_version": kontak.updated.isoformat(),
        "action": "publish", "form_end": "1",
    }, HTTP_HOST=NEWSROOM)
    client.logout()
    assert "pukul 08.00" in _text(client, "/halaman/kontak/")[1]
    assert "/halaman/kontak/" in _text(client, "/")[1]


def test_hiding_is_seen_by_the_next_reader(client, sejarah, taan_publisher):
    assert "/halaman/sejarah/" in _text(client, "/")[1]
    _text(client, "/halaman/sejarah/")
    client.force_login(taan_publisher)
    client.post(f"/redaksi/taan/halaman/{sejarah.pk}/tampil/", {"tampil": "0"}, HTTP_HOST=NEWSROOM)
    client.logout()
    assert _text(client, "/halaman/sejarah/")[0] == 404
    assert "/halaman/sejarah/" not in _text(client, "/")[1]


def test_a_new_order_is_seen_by_the_next_reader(client, sejarah, taan, taan_publisher):
    kontak = Page.objects.get(village=taan, slug="kontak")
    kontak.body, kontak.status = "<p>Kantor desa.</p>", "published"
    kontak.save()
    html = _text(client, "/")[1]
    assert html.index("/halaman/sejarah/") < html.index("/halaman/kontak/")
    client.force_login(taan_publisher)
    for _ in range(5):  # kontak is last of seven: five steps put it above sejarah
        client.post(f"/redaksi/taan/halaman/{kontak.pk}/urutan/", {"arah": "naik"}, HTTP_HOST=NEWSROOM)
    client.logout()
    html = _text(client, "/")[1]
    assert html.index("/halaman/kontak/") < html.index("/halaman/sejarah/")


def test_deleting_a_page_is_seen_by_the_next_reader(client, sejarah, taan_publisher):
    assert "/halaman/sejarah/" in _text(client, "/")[1]
    _text(client, "/halaman/sejarah/")
    client.force_login(taan_publisher)
    client.post(f"/redaksi/taan/halaman/{sejarah.pk}/hapus/", HTTP_HOST=NEWSROOM)
    client.logout()
    assert _text(client, "/halaman/sejarah/")[0] == 404
    assert "/halaman/sejarah/" not in _text(client, "/")[1]


def test_restoring_a_page_from_the_trash_is_seen_by_the_next_reader(client, sejarah, taan_publisher):
    Page.objects.filter(pk=sejarah.pk).update(deleted_at="2026-11-01T00:00:00Z")
    assert _text(client, "/halaman/sejarah/")[0] == 404
    client.force_login(taan_publisher)
    client.post(f"/redaksi/taan/sampah/halaman/{sejarah.pk}/pulihkan/", HTTP_HOST=NEWSROOM)
    client.logout()
    assert "para tetua" in _text(client, "/halaman/sejarah/")[1]
    assert "/halaman/sejarah/" in _text(client, "/")[1]
