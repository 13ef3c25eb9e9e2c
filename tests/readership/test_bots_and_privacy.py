"""Crawlers and link previews are not reads; they are counted apart so the
desk sees what was left out. And counting keeps nothing about a reader: no
cookie is set, no address or user agent or referrer is stored, in the
database or in the cache."""

import pickle

import pytest
from django.core.cache import caches

from readership.counter import flush
from readership.models import DailyPageReads, DailyReads
from tests.conftest import host
from tests.readership.conftest import PHONE, beacon_of, read, reads_of, send_beacon

CRAWLERS = {
    "WhatsApp": "WhatsApp/2.23.20.0",
    "Facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Telegram": "TelegramBot (like TwitterBot)",
    "Googlebot": "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/131.0.0.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
}


@pytest.mark.parametrize("name", CRAWLERS)
def test_crawlers_and_link_previews_are_not_reads(client, taan_article, name):
    read(client, "/berita/panen-kakao/", user_agent=CRAWLERS[name])
    pages, day = reads_of(taan_article.village)
    assert pages == {} and (day.reads, day.bots) == (0, 1)


def test_bots_are_counted_apart_beside_the_reads(client, taan_article):
    read(client, "/berita/panen-kakao/")
    for user_agent in CRAWLERS.values():
        read(client, "/berita/panen-kakao/", user_agent=user_agent)
    pages, day = reads_of(taan_article.village)
    assert pages == {"/berita/panen-kakao/": 1} and (day.reads, day.bots) == (1, 4)


def test_a_beacon_without_a_user_agent_is_not_a_read(client, taan_article):
    page = client.get("/", HTTP_HOST=host("taan"))
    path, token = beacon_of(page)
    client.post("/_baca", {"p": path, "t": token}, HTTP_HOST=host("taan"))
    _, day = reads_of(taan_article.village)
    assert (day.reads, day.bots) == (0, 1)


def test_the_beacon_sets_no_cookie_and_caches_nothing(client, taan_article):
    page = client.get("/berita/panen-kakao/", HTTP_HOST=host("taan"))
    answer = send_beacon(client, "taan", *beacon_of(page))
    assert answer.status_code == 204 and not answer.cookies and "Set-Cookie" not in answer
    assert answer["Cache-Control"] == "no-store"
    assert not page.cookies


def _cache_contents():
    """Every key and value in the cache, as text."""
    backend = caches["default"]
    if hasattr(backend, "_cache") and isinstance(backend._cache, dict):  # the local-memory cache
        return [(key, repr(pickle.loads(value))) for key, value in backend._cache.items()]
    client = backend._cache.get_client(write=True)
    found = []
    for key in client.scan_iter(match=backend.make_key("kim:reads") + "*"):
        kind = client.type(key)
        value = client.hgetall(key) if kind == b"hash" else client.get(key)
        found.append((key.decode(), repr(value)))
    return found


def test_no_address_user_agent_or_referrer_is_kept(client, taan_article):
    read(client, "/berita/panen-kakao/", referrer="l.facebook.com", user_agent=PHONE + " Sulawesi-1234")
    stored = _cache_contents()
    assert any("/berita/panen-kakao/" in key + value for key, value in stored)  # the counter is there
    for text in ("127.0.0.1", "Sulawesi-1234", "Android", "l.facebook.com"):
        assert not any(text in key or text in value for key, value in stored), text
    flush()
    rows = [*DailyReads.objects.values(), *DailyPageReads.objects.values()]
    assert rows
    for row in rows:
        assert set(row) <= {"id", "village_id", "day", "reads", "bots", "whatsapp", "facebook", "search", "other",
                            "direct", "path", "article_id"}
        assert not any(text in str(value) for value in row.values() for text in ("127.0.0.1", "Sulawesi", "facebook.com"))
