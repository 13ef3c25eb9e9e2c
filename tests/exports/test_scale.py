"""A large village is exported with as many queries as a small one: rows
are read in chunks, never one query per article (bench/export_village.py
measures time and memory at 2,000 articles)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.exports.conftest import wxr_bytes, zip_bytes
from tests.factories import ArticleFactory


def _queries(write, village):
    with CaptureQueriesContext(connection) as queries:
        write(village)
    return len(queries)


def test_more_articles_need_no_more_queries(site, taan):
    few = {write: _queries(write, taan) for write in (wxr_bytes, zip_bytes)}
    for n in range(40):
        ArticleFactory(village=taan, title=f"Berita tambahan {n}", photo=site["lead_photo"], topic=site["published"].topic)
    assert {write: _queries(write, taan) for write in (wxr_bytes, zip_bytes)} == few
