"""Every save keeps a revision; deleting moves to a trash; both follow the
roles table (once live, only a publisher may change an article)."""

import re

from articles.models import Article
from tests.factories import ArticleFactory
from tests.newsroom.helpers import BASE, article_url, edited, story, write_url


def test_every_save_keeps_a_revision_that_can_be_compared_and_restored(client, taan_editor, taan):
    client.force_login(taan_editor)
    client.post(write_url(taan), story(body="<p>Versi pertama.</p>"), HTTP_HOST=BASE)
    article = Article.objects.get()
    client.post(article_url(article), edited(article, body="<p>Versi kedua.</p>"), HTTP_HOST=BASE)
    first, second = article.revisions.order_by("created", "id")
    assert (first.body, second.body, first.author) == ("<p>Versi pertama.</p>", "<p>Versi kedua.</p>", taan_editor)
    page = client.get(article_url(article, f"riwayat/?rev={first.pk}"), HTTP_HOST=BASE).content.decode()
    assert re.search(r'class="diff_(chg|add|sub)"', page)
    client.post(article_url(article, f"riwayat/{first.pk}/pulihkan/"), HTTP_HOST=BASE)
    article.refresh_from_db()
    assert article.body == "<p>Versi pertama.</p>" and article.revisions.count() == 3


def test_restoring_a_revision_needs_post(client, taan_publisher, taan_article):
    revision = taan_article.snapshot(None)
    client.force_login(taan_publisher)
    assert client.get(article_url(taan_article, f"riwayat/{revision.pk}/pulihkan/"), HTTP_HOST=BASE).status_code == 405


def test_an_editor_cannot_restore_a_revision_of_a_live_article(client, taan_editor, taan_article):
    revision = taan_article.snapshot(None)
    taan_article.title = "Judul yang diperbaiki penerbit"
    taan_article.save()
    client.force_login(taan_editor)
    response = client.post(article_url(taan_article, f"riwayat/{revision.pk}/pulihkan/"), HTTP_HOST=BASE)
    assert response.status_code == 403
    taan_article.refresh_from_db()
    assert taan_article.title == "Judul yang diperbaiki penerbit"


def test_deleting_moves_to_a_trash_it_can_be_restored_from(client, taan_publisher, taan_article):
    client.force_login(taan_publisher)
    client.post(article_url(taan_article, "hapus/"), HTTP_HOST=BASE)
    assert client.get(taan_article.get_absolute_url(), HTTP_HOST="taan.localhost").status_code == 404
    assert taan_article.title in client.get("/redaksi/taan/sampah/", HTTP_HOST=BASE).content.decode()
    client.post(f"/redaksi/taan/sampah/{taan_article.pk}/pulihkan/", HTTP_HOST=BASE)
    assert client.get(taan_article.get_absolute_url(), HTTP_HOST="taan.localhost").status_code == 200


def test_an_editor_may_delete_a_draft_but_not_a_live_article(client, taan_editor, taan, taan_article):
    draft = ArticleFactory(village=taan, status="draft", published_at=None, author=taan_editor)
    client.force_login(taan_editor)
    assert client.post(article_url(draft, "hapus/"), HTTP_HOST=BASE).status_code == 302
    assert client.post(article_url(taan_article, "hapus/"), HTTP_HOST=BASE).status_code == 403
    assert Article.objects.in_trash().get() == draft


def test_an_editor_cannot_put_back_online_a_live_article_the_publisher_deleted(client, taan_editor, taan_article):
    taan_article.move_to_trash()
    client.force_login(taan_editor)
    response = client.post(f"/redaksi/taan/sampah/{taan_article.pk}/pulihkan/", HTTP_HOST=BASE)
    assert response.status_code == 403
    taan_article.refresh_from_db()
    assert taan_article.deleted_at is not None
    assert client.get(taan_article.get_absolute_url(), HTTP_HOST="taan.localhost").status_code == 404


def test_the_trash_is_scoped_to_the_village(client, bela_editor, taan_article):
    taan_article.move_to_trash()
    client.force_login(bela_editor)
    assert client.get("/redaksi/taan/sampah/", HTTP_HOST=BASE).status_code == 404
    assert taan_article.title not in client.get("/redaksi/bela/sampah/", HTTP_HOST=BASE).content.decode()
    client.post(f"/redaksi/bela/sampah/{taan_article.pk}/pulihkan/", HTTP_HOST=BASE)
    taan_article.refresh_from_db()
    assert taan_article.deleted_at is not None
