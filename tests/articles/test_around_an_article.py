"""An article page shows, around the story, the next older and next newer
article of its village, and more of its topic: readers' articles only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.conftest import host
from tests.factories import ArticleFactory, TopicFactory

NOW = timezone.now()


def _at(days_ago, village, **fields):
    return ArticleFactory(village=village, published_at=NOW - datetime.timedelta(days=days_ago), **fields)


def _around(article):
    return Article.objects.on_site(article.village).around(article)


def test_previous_is_the_next_older_and_next_the_next_newer_article_of_the_village(taan):
    oldest, older, middle, newer, newest = (_at(days, taan) for days in (9, 7, 5, 3, 1))
    around = _around(middle)
    assert (around.previous, around.next) == (older, newer)
    assert (_around(oldest).previous, _around(oldest).next) == (None, older)
    assert (_around(newest).previous, _around(newest).next) == (newer, None)


def test_only_public_articles_of_the_same_village_are_neighbours(taan, bela, district_staff):
    older, middle, newer = _at(6, taan), _at(4, taan), _at(2, taan)
    _at(5, taan, status=Article.Status.DRAFT)
    _at(5, taan, status=Article.Status.REVIEW)
    _at(3, taan, status=Article.Status.WITHDRAWN)
    ArticleFactory(village=taan, status=Article.Status.SCHEDULED, published_at=NOW + datetime.timedelta(days=1))
    _at(5, taan).move_to_trash()
    _at(3, taan).take_down(district_staff, "Data pribadi warga.")
    _at(5, bela)
    _at(3, bela)
    around = _around(middle)
    assert (around.previous, around.next) == (older, newer)


def test_articles_published_at_the_same_moment_follow_one_another_by_number(taan):
    same = [ArticleFactory(village=taan, published_at=NOW - datetime.timedelta(hours=2)) for _ in range(3)]
    assert (_around(same[1]).previous, _around(same[1]).next) == (same[0], same[2])
    assert _around(same[0]).previous is None and _around(same[2]).next is None


def test_related_are_the_newest_public_articles_of_its_topic_in_its_village(taan, bela):
    farming, fishing = TopicFactory(name="Pertanian"), TopicFactory(name="Perikanan")
    article = _at(20, taan, topic=farming)
    same_topic = [_at(days, taan, topic=farming) for days in (2, 4, 6, 8)]
    _at(1, taan, topic=fishing)
    _at(1, bela, topic=farming)
    _at(1, taan, topic=farming, status=Article.Status.DRAFT)
    assert _around(article).related == same_topic[:3]


def test_related_leave_out_the_previous_and_next_ones_and_still_fill_up(taan):
    farming = TopicFactory()
    before = _at(6, taan, topic=farming)
    article = _at(5, taan, topic=farming)
    after = _at(4, taan, topic=farming)
    newest = [_at(days, taan, topic=farming) for days in (1, 2, 3)]
    around = _around(article)
    assert (around.previous, around.next) == (before, after)
    assert around.related == newest


def test_an_article_without_a_topic_has_neighbours_but_no_related(taan):
    older, article = _at(3, taan), _at(2, taan)
    around = _around(article)
    assert around.previous == older and around.related == []


def test_everything_around_an_article_is_read_in_one_query(taan):
    topic = TopicFactory()
    article = _at(10, taan, topic=topic)
    for days in range(1, 20):
        _at(days + (10 if days % 2 else 0), taan, topic=topic)
    with CaptureQueriesContext(connection) as queries:
        around = _around(article)
        titles = [a.title for a in [around.previous, around.next, *around.related]]
    assert len(queries.captured_queries) == 1 and len(titles) == 5


def test_the_article_page_links_its_neighbours_and_more_of_its_topic(client, taan):
    topic = TopicFactory(name="Pertanian", slug="pertanian")
    older = _at(6, taan, title="Bibit kakao dibagikan", slug="bibit-kakao", topic=topic)
    article = _at(4, taan, title="Panen kakao", slug="panen-kakao", topic=topic)
    newer = _at(2, taan, title="Harga kakao naik", slug="harga-kakao")
    related = _at(1, taan, title="Kebun kakao baru", slug="kebun-kakao", topic=topic)
    page = client.get(f"/berita/{article.slug}/", HTTP_HOST=host("taan")).content.decode()
    assert f'href="/berita/{older.slug}/"><span>‹ Sebelumnya</span>Bibit kakao dibagikan' in page
    assert f'href="/berita/{newer.slug}/"><span>Berikutnya ›</span>Harga kakao naik' in page
    assert "Berita Pertanian lainnya" in page and f'href="/berita/{related.slug}/">Kebun kakao baru' in page
    assert 'href="/topik/pertanian/">Semua berita Pertanian' in page


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_a_preview_in_the_newsroom_shows_nothing_around_the_story(client, taan_publisher, taan, status):
    _at(3, taan, title="Berita tetangga terbit")
    article = ArticleFactory(village=taan, status=status, published_at=None)
    client.force_login(taan_publisher)
    page = client.get(f"/redaksi/taan/berita/{article.pk}/pratinjau/", HTTP_HOST=host())
    assert page.status_code == 200
    assert "Berita tetangga terbit" not in page.content.decode()
