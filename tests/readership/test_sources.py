"""Where readers came from: WhatsApp, Facebook, search, other or direct,
from the share marker and the referrer's host, never the referrer itself.
Readers moving within the site are reads without a source."""

import pytest

from readership.sources import source_of
from tests.conftest import host
from tests.readership.conftest import read, reads_of


@pytest.mark.parametrize("marker,referrer,expected", [
    ("wa", "", "whatsapp"),
    ("wa", "www.google.com", "whatsapp"),
    ("", "web.whatsapp.com", "whatsapp"),
    ("", "com.whatsapp", "whatsapp"),
    ("", "l.facebook.com", "facebook"),
    ("", "m.facebook.com", "facebook"),
    ("", "www.google.co.id", "search"),
    ("", "www.google.com", "search"),
    ("", "com.google.android.googlequicksearchbox", "search"),
    ("", "www.bing.com", "search"),
    ("", "duckduckgo.com", "search"),
    ("", "id.search.yahoo.com", "search"),
    ("salin", "", "other"),
    ("", "kompas.com", "other"),
    ("", "notgoogle.com", "other"),
    ("", "facebook.com.evil.example", "other"),
    ("", "localhost", "other"),
    ("", "", "direct"),
    ("zz", "", "direct"),
    ("", "taan.localhost", "internal"),
])
def test_a_read_is_reduced_to_one_of_five_sources(marker, referrer, expected):
    assert source_of(marker, referrer, "taan.localhost") == expected


def test_the_source_split_is_counted_per_village_and_day(client, taan_article):
    read(client, "/berita/panen-kakao/?s=wa")
    read(client, "/berita/panen-kakao/", referrer="l.facebook.com")
    read(client, "/berita/panen-kakao/", referrer="www.google.co.id")
    read(client, "/", referrer="kompas.com")
    read(client, "/")
    read(client, "/berita/panen-kakao/", referrer="taan.localhost")
    _, day = reads_of(taan_article.village)
    assert (day.whatsapp, day.facebook, day.search, day.other, day.direct) == (1, 1, 1, 1, 1)
    assert day.reads == 6  # the move from the home page to the article is a read too


def test_the_share_marker_is_served_from_the_pages_own_cache_entry(client, taan_article):
    assert client.get("/berita/panen-kakao/", HTTP_HOST=host("taan"))["X-Cache"] == "miss"
    for marker in ("wa", "salin"):
        marked = client.get(f"/berita/panen-kakao/?s={marker}", HTTP_HOST=host("taan"))
        assert marked["X-Cache"] == "hit"


def test_a_marked_link_shows_the_canonical_url_without_the_marker(client, taan_article):
    page = client.get("/berita/panen-kakao/?s=wa", HTTP_HOST=host("taan")).content.decode()
    assert '<link rel="canonical" href="http://taan.localhost/berita/panen-kakao/">' in page


def test_the_share_buttons_mark_their_links(client, taan_article):
    page = client.get("/berita/panen-kakao/", HTTP_HOST=host("taan")).content.decode()
    assert "http%3A%2F%2Ftaan.localhost%2Fberita%2Fpanen-kakao%2F%3Fs%3Dwa" in page
    assert 'data-url="http://taan.localhost/berita/panen-kakao/?s=salin"' in page
