"""Public pages cost a small, constant number of queries however much news there is."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Photo
from tests.conftest import host
from tests.factories import ArticleFactory, TopicFactory, UserFactory, VillageFactory


def _photo(village):
    return Photo.objects.create(
        village=village, folder=f"villages/{village.slug}/photos/{uuid.uuid4().hex}", width=800, height=600, widths=[400, 800]
    )


def _queries(client, path, http_host):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path, HTTP_HOST=http_host).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "path,site,budget",
    [
        # Each page built (not from the cache) also asks when the next
        # scheduled article or announcement changes it: 2 queries.
        # Village pages also read the KIM's own pages for the menu: 1 query.
        ("/", "taan", 8),  # village, count, page, announcements, topics menu, pages menu
        ("/berita/{slug}/", "taan", 8),  # village, article, around it, gallery, topics menu, pages menu
        ("/topik/{topic}/", "taan", 8),
        ("/penulis/{author}/", "taan", 8),  # village, author, page, topics menu, pages menu
        ("/tentang/", "taan", 6),
        ("/", "", 6),  # count, page, announcements, topics menu
        ("/topik/{topic}/", "", 6),
        ("/desa/", "", 5),
    ],
)
def test_public_page_query_count_does_not_grow_with_content(client, taan, path, site, budget):
    topic, author = TopicFactory(), UserFactory()
    first = ArticleFactory(village=taan, topic=topic, author=author)
    path = path.format(slug=first.slug, topic=topic.slug, author=author.pk)
    http_host = host(site)
    small = _queries(client, path, http_host)

    # With photos: a card that fetched its photo alone would show here.
    for village in [*VillageFactory.create_batch(4), taan]:
        for _ in range(5 if village != taan else 25):
            ArticleFactory(village=village, topic=topic, photo=_photo(village), author=author)
    large = _queries(client, path, http_host)

    assert small == large
    assert large <= budget
