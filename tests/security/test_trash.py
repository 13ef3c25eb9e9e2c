"""Finding 2: an editor could put back online a live article the publisher
deleted, by restoring it from the trash. The same attack on today's routes
(the newsroom's: tests/newsroom/test_revisions_and_trash.py)."""

from tests.conftest import host
from tests.factories import ArticleFactory


def test_an_editor_cannot_restore_a_live_article_through_the_admin(client, taan_editor, taan):
    article = ArticleFactory(village=taan, status="published")
    article.move_to_trash()
    client.force_login(taan_editor)
    client.post(f"/admin/articles/article/trash/{article.pk}/restore/", HTTP_HOST=host())
    article.refresh_from_db()
    assert article.deleted_at is not None
    assert client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 404
