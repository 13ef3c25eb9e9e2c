"""A read of a village's home, article, topic or bulletin is counted once,
whether the page came from the page cache or was built, and lands in that
village's daily rows after the flush."""

import pytest

from readership.counter import page_token
from readership.models import DailyReads
from tests.conftest import host
from tests.factories import ArticleFactory, TopicFactory
from tests.readership.conftest import beacon_of, read, reads_of, send_beacon


def test_a_page_served_from_the_page_cache_is_counted(client, taan_article):
    first = read(client, "/berita/panen-kakao/")
    second = read(client, "/berita/panen-kakao/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    pages, day = reads_of(taan_article.village)
    assert pages == {"/berita/panen-kakao/": 2}
    assert day.reads == 2


def test_the_article_row_points_at_its_article(client, taan_article):
    read(client, "/berita/panen-kakao/")
    reads_of(taan_article.village)
    assert taan_article.daily_reads.get().reads == 1


def test_home_topic_and_bulletin_are_counted(client, taan):
    topic = TopicFactory(slug="pertanian")
    ArticleFactory(village=taan, topic=topic)
    for path in ("/", "/?page=1", "/topik/pertanian/", "/buletin/"):
        read(client, path)
    pages, day = reads_of(taan)
    assert pages == {"/": 2, "/topik/pertanian/": 1, "/buletin/": 1}
    assert day.reads == 4


@pytest.mark.parametrize("path", ["/arsip/", "/cari/?q=kakao", "/tentang/"])
def test_pages_that_are_not_news_carry_no_counter(client, taan_article, path):
    assert beacon_of(client.get(path, HTTP_HOST=host("taan"))) is None


def test_the_district_portal_and_error_pages_carry_no_counter(client, taan_article):
    assert beacon_of(client.get("/", HTTP_HOST=host())) is None
    missing = client.get("/berita/tidak-ada/", HTTP_HOST=host("taan"))
    assert missing.status_code == 404 and beacon_of(missing) is None


def test_the_newsroom_preview_carries_no_counter(client, taan_editor, taan):
    article = ArticleFactory(village=taan, status="draft", published_at=None, author=taan_editor)
    client.force_login(taan_editor)
    preview = client.get(f"/redaksi/taan/berita/{article.pk}/pratinjau/", HTTP_HOST=host())
    assert preview.status_code == 200 and beacon_of(preview) is None


def test_nothing_is_counted_with_counting_off(client, taan_article, settings):
    settings.KIM_COUNT_READS = False
    assert beacon_of(client.get("/berita/panen-kakao/", HTTP_HOST=host("taan"))) is None
    token = page_token("taan", "/berita/panen-kakao/")
    assert send_beacon(client, "taan", "/berita/panen-kakao/", token).status_code == 404


def test_the_flush_adds_nothing_twice(client, taan_article):
    read(client, "/berita/panen-kakao/")
    read(client, "/")
    reads_of(taan_article.village)
    pages, day = reads_of(taan_article.village)
    assert pages == {"/berita/panen-kakao/": 1, "/": 1} and day.reads == 2


def test_reads_after_a_flush_add_to_the_same_day(client, taan_article):
    read(client, "/")
    reads_of(taan_article.village)
    read(client, "/")
    pages, day = reads_of(taan_article.village)
    assert pages == {"/": 2} and DailyReads.objects.count() == 1 and day.reads == 2


def test_the_beacon_answers_only_posts(client, taan):
    response = client.get("/_baca", HTTP_HOST=host("taan"))
    assert response.status_code == 405 and response["Allow"] == "POST"


def test_the_district_portal_has_no_beacon(client, taan):
    token = page_token("", "/")
    assert client.post("/_baca", {"p": "/", "t": token}, HTTP_HOST=host()).status_code == 404


def test_an_oversized_beacon_is_refused(client, taan):
    response = client.post("/_baca", {"p": "/", "t": page_token("taan", "/"), "r": "x" * 4000}, HTTP_HOST=host("taan"))
    assert response.status_code == 413


def test_with_the_local_memory_cache_the_serving_process_flushes_its_own_counters(client, taan, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "flush-own"}}
    settings.KIM_READS_FLUSH_SECONDS = 0
    page = client.get("/", HTTP_HOST=host("taan"))
    send_beacon(client, "taan", *beacon_of(page))
    assert DailyReads.objects.get(village=taan).reads == 1
