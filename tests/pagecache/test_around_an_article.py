"""What an article page shows around its story (the older and newer
article, more of its topic, the author's page) is never stale: a change to
a neighbour shows on the very next request."""

import datetime
import time

import pytest
from django.utils import timezone

from articles.models import Article
from tests.conftest import host
from tests.factories import ArticleFactory, TopicFactory

# Each test once more through nginx and its edge (conftest.py).
pytestmark = pytest.mark.through_nginx

NOW = timezone.now()


def _get(client, path, site="taan"):
    return client.get(path, HTTP_HOST=host(site))


def _text(client, path, site="taan"):
    return _get(client, path, site).content.decode()


@pytest.fixture
def topic(db):
    return TopicFactory(name="Pertanian", slug="pertanian")


@pytest.fixture
def story(taan, topic):
    """Yesterday's story, the newest, read and cached."""
    return ArticleFactory(village=taan, title="Panen kakao", slug="panen-kakao", topic=topic, published_at=NOW - datetime.timedelta(days=1))


def _cached(client, path="/berita/panen-kakao/"):
    _get(client, path)
    assert _get(client, path)["X-Cache"] == client.cache_hit


def test_publishing_a_newer_article_gives_its_neighbour_a_next_link_at_once(client, story, taan_publisher):
    _cached(client)
    draft = ArticleFactory(village=story.village, title="Harga kakao naik", status=Article.Status.DRAFT, published_at=None)
    assert "Harga kakao naik" not in _text(client, "/berita/panen-kakao/")
    draft.publish(taan_publisher)
    assert 'Berikutnya ›</span>Harga kakao naik' in _text(client, "/berita/panen-kakao/")


def test_trashing_a_neighbour_takes_it_off_the_others_page_at_once(client, story):
    older = ArticleFactory(village=story.village, title="Bibit dibagikan", published_at=NOW - datetime.timedelta(days=3))
    _cached(client)
    assert "Bibit dibagikan" in _text(client, "/berita/panen-kakao/")
    older.move_to_trash()
    assert "Bibit dibagikan" not in _text(client, "/berita/panen-kakao/")


def test_withdrawing_a_neighbour_takes_it_off_the_others_page_at_once(client, story, taan_publisher):
    older = ArticleFactory(village=story.village, title="Bibit dibagikan", published_at=NOW - datetime.timedelta(days=3))
    _cached(client)
    older.withdraw(taan_publisher)
    assert "Bibit dibagikan" not in _text(client, "/berita/panen-kakao/")


def test_a_neighbours_new_title_shows_on_the_others_page_at_once(client, story):
    older = ArticleFactory(village=story.village, title="Bibit dibagikan", published_at=NOW - datetime.timedelta(days=3))
    _cached(client)
    older.title = "Bibit kakao dibagikan gratis"
    older.save()
    assert "Bibit kakao dibagikan gratis" in _text(client, "/berita/panen-kakao/")


def test_a_new_article_of_the_topic_joins_the_related_ones_at_once(client, story, topic):
    ArticleFactory(village=story.village, title="Tetangga lama", published_at=NOW - datetime.timedelta(days=2))
    _cached(client)
    ArticleFactory(village=story.village, title="Kebun kakao baru", topic=topic, published_at=NOW - datetime.timedelta(days=5))
    page = _text(client, "/berita/panen-kakao/")
    assert "Berita Pertanian lainnya" in page and "Kebun kakao baru" in page


def test_a_scheduled_article_becomes_its_neighbours_next_at_its_time_without_any_save(client, story):
    at = timezone.now() + datetime.timedelta(seconds=2)
    ArticleFactory(village=story.village, title="Terbit sebentar lagi", status=Article.Status.SCHEDULED, published_at=at)
    _cached(client)
    assert "Terbit sebentar lagi" not in _text(client, "/berita/panen-kakao/")
    time.sleep(max(0, (at - timezone.now()).total_seconds()) + 0.1)
    assert "Terbit sebentar lagi" in _text(client, "/berita/panen-kakao/")


def test_an_authors_new_article_shows_on_their_page_at_once(client, story, taan_editor):
    story.author = taan_editor
    story.save()
    path = f"/penulis/{taan_editor.pk}/"
    _cached(client, path)
    ArticleFactory(village=story.village, author=taan_editor, title="Tulisan kedua")
    assert "Tulisan kedua" in _text(client, path)


def test_a_renamed_author_shows_on_their_page_and_bylines_at_once(client, story, taan_editor):
    story.author = taan_editor
    story.save()
    _cached(client, f"/penulis/{taan_editor.pk}/")
    _cached(client)
    taan_editor.first_name, taan_editor.last_name = "Siti", "Aminah"
    taan_editor.save()
    assert "Siti Aminah" in _text(client, f"/penulis/{taan_editor.pk}/")
    assert "Siti Aminah" in _text(client, "/berita/panen-kakao/")


def test_a_deleted_authors_page_and_byline_are_gone_at_once(client, story, taan_editor):
    story.author = taan_editor
    story.save()
    path = f"/penulis/{taan_editor.pk}/"
    _cached(client, path)
    _cached(client)
    taan_editor.delete()
    assert _get(client, path).status_code == 404
    assert f'href="{path}"' not in _text(client, "/berita/panen-kakao/")
