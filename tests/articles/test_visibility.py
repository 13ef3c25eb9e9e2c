"""Only published articles whose time has come are public, anywhere."""

import datetime

import pytest
from django.utils import timezone

from articles.models import PUBLIC_ROWS, Article
from tests.conftest import host
from tests.factories import ArticleFactory, TopicFactory

HIDDEN = [
    {"status": Article.Status.DRAFT, "published_at": None},
    {"status": Article.Status.REVIEW, "published_at": None},
    {"status": Article.Status.DRAFT, "published_at": timezone.now() - datetime.timedelta(days=1)},
    # Scheduled: published, but not yet.
    {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + datetime.timedelta(days=1)},
]


def _public_pages(client, article):
    village = host(article.village.slug)
    topic = article.topic.slug
    return {
        "village home": client.get("/", HTTP_HOST=village),
        "village topic": client.get(f"/topik/{topic}/", HTTP_HOST=village),
        "district home": client.get("/", HTTP_HOST=host()),
        "district topic": client.get(f"/topik/{topic}/", HTTP_HOST=host()),
    }


@pytest.mark.parametrize("state", HIDDEN, ids=["draft", "review", "draft-with-date", "scheduled"])
def test_unpublished_articles_never_appear_on_public_pages(client, taan, state):
    article = ArticleFactory(village=taan, title="Rahasia redaksi", topic=TopicFactory(), **state)
    for name, response in _public_pages(client, article).items():
        assert response.status_code == 200, name
        assert "Rahasia redaksi" not in response.content.decode(), name
    detail = client.get(article.get_absolute_url(), HTTP_HOST=host("taan"))
    assert detail.status_code == 404


@pytest.mark.parametrize("state", HIDDEN, ids=["draft", "review", "draft-with-date", "scheduled"])
def test_unpublished_articles_are_not_counted(client, taan, state):
    ArticleFactory(village=taan, **state)
    ArticleFactory(village=taan)
    page = client.get("/tentang/", HTTP_HOST=host("taan")).content.decode()
    assert "<dt>Berita terbit</dt><dd>1</dd>" in page


def test_published_article_appears_on_every_public_page(client, taan):
    article = ArticleFactory(village=taan, title="Panen rumput laut", topic=TopicFactory())
    for name, response in _public_pages(client, article).items():
        assert "Panen rumput laut" in response.content.decode(), name
    assert client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 200


def test_scheduled_article_appears_by_itself_when_its_time_comes(client, taan):
    article = ArticleFactory(village=taan, published_at=timezone.now() + datetime.timedelta(seconds=1))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 200


def test_a_village_host_never_serves_another_villages_article(client, taan, bela_article):
    response = client.get(bela_article.get_absolute_url(), HTTP_HOST=host("taan"))
    assert response.status_code == 404


def test_village_home_lists_only_its_own_village(client, taan_article, bela_article):
    page = client.get("/", HTTP_HOST=host("taan")).content.decode()
    assert taan_article.title in page
    assert bela_article.title not in page


def test_district_feed_names_each_village_and_links_to_its_site(client, taan_article, bela_article):
    page = client.get("/", HTTP_HOST=host()).content.decode()
    assert 'href="http://taan.localhost/berita/panen-kakao/"' in page
    assert 'href="http://bela.localhost/berita/rahasia-bela/"' in page
    assert ">Desa Taan</a>" in page and ">Desa Bela</a>" in page


def test_district_feed_keeps_the_port_the_reader_came_in_on(client, taan_article):
    page = client.get("/", HTTP_HOST="localhost:8000").content.decode()
    assert 'href="http://taan.localhost:8000/berita/panen-kakao/"' in page


def test_inactive_villages_drop_out_of_the_district_feed(client, taan_article, bela_article):
    bela_article.village.is_active = False
    bela_article.village.save()
    page = client.get("/", HTTP_HOST=host()).content.decode()
    assert taan_article.title in page
    assert bela_article.title not in page


def _every_state(taan, bela):
    """An article in every combination the public rule looks at."""
    past, future = timezone.now() - datetime.timedelta(hours=1), timezone.now() + datetime.timedelta(hours=1)
    articles = []
    for village in (taan, bela):
        for status in Article.Status.values:
            for published_at in (None, past, future):
                for trashed in (False, True):
                    for taken_down in (False, True):
                        article = ArticleFactory(village=village, status=status, published_at=published_at)
                        # save() dates a live article; the rows must also hold live ones without a date.
                        Article.objects.filter(pk=article.pk).update(
                            published_at=published_at,
                            deleted_at=past if trashed else None,
                            taken_down_at=past if taken_down else None,
                        )
                        articles.append(article.pk)
    return articles


def test_is_public_and_on_site_are_the_same_rule(taan, bela):
    bela.is_active = False
    bela.save()
    pks = _every_state(taan, bela)
    on_district = set(Article.objects.on_site().values_list("pk", flat=True))
    on_own_site = {
        pk for village in (taan, bela) for pk in Article.objects.on_site(village).values_list("pk", flat=True)
    }
    for article in Article.objects.filter(pk__in=pks).select_related("village"):
        assert article.is_public == (article.pk in on_district) == (article.pk in on_own_site), (
            article.status, article.published_at, article.deleted_at, article.taken_down_at, article.village.is_active
        )
    assert on_district and on_district == on_own_site


def test_the_public_indexes_hold_every_public_row(taan, bela):
    """The partial indexes that serve the public lists are built on the
    same condition as on_site(), so no public row is ever missing from them."""
    conditions = {index.name: index.condition for index in Article._meta.indexes if index.condition is not None}
    assert conditions["article_public_newest"] == conditions["article_public_village"] == PUBLIC_ROWS
    _every_state(taan, bela)
    in_index = set(Article.objects.filter(conditions["article_public_newest"]).values_list("pk", flat=True))
    public = set(Article.objects.published().values_list("pk", flat=True))
    assert public and public <= in_index
