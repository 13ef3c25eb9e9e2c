"""Offline, a page never read before says so (the service worker shows the
offline page) instead of showing the home page in its place."""

from tests.conftest import host


def test_the_offline_page_says_the_page_is_not_kept_on_the_phone(client, taan):
    response = client.get("/luring/", HTTP_HOST=host("taan"))
    page = response.content.decode()
    assert response.status_code == 200 and not response.cookies
    assert "Halaman ini belum tersimpan di ponsel Anda" in page
    assert '<meta name="robots" content="noindex">' in page


def test_the_service_worker_keeps_the_offline_page_and_shows_it_for_pages_it_has_not(client, taan):
    script = client.get("/sw.js", HTTP_HOST=host("taan")).content.decode()
    assert 'const OFFLINE = "/luring/";' in script
    assert 'cache.addAll(["/", OFFLINE])' in script
    assert 'return (await cache.match(OFFLINE)) || Response.error();' in script
    assert 'cache.match("/")) ||' not in script
