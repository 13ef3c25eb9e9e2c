"""A member sees and touches only their own village in the newsroom; the
admin is the district's. Attack it."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.newsroom.helpers import BASE, article_url, edited, story, write_url


def test_a_member_of_one_village_lands_in_its_newsroom(client, taan_editor):
    client.force_login(taan_editor)
    response = client.get("/redaksi/", HTTP_HOST=BASE)
    assert response.status_code == 302 and response.url == "/redaksi/taan/"


def test_another_villages_newsroom_is_not_found(client, taan_editor, bela):
    client.force_login(taan_editor)
    assert client.get("/redaksi/bela/", HTTP_HOST=BASE).status_code == 404
    assert client.get("/redaksi/bela/tulis/", HTTP_HOST=BASE).status_code == 404


def test_another_villages_article_is_not_found_by_guessing_its_number(client, taan_editor, bela_article):
    client.force_login(taan_editor)
    for url in (article_url(bela_article), article_url(bela_article, "tinjau/"), article_url(bela_article, "pratinjau/"),
                article_url(bela_article, "riwayat/"), f"/redaksi/taan/berita/{bela_article.pk}/"):
        response = client.get(url, HTTP_HOST=BASE)
        assert response.status_code == 404, url
        assert bela_article.title not in response.content.decode()


def test_posting_to_another_villages_article_changes_nothing(client, taan_editor, taan_publisher, bela_article):
    for user in (taan_editor, taan_publisher):
        client.force_login(user)
        client.post(f"/redaksi/taan/berita/{bela_article.pk}/", edited(bela_article, title="Dibajak"), HTTP_HOST=BASE)
        client.post(article_url(bela_article), edited(bela_article, title="Dibajak"), HTTP_HOST=BASE)
        client.post(article_url(bela_article, "tinjau/"), {"action": "send_back", "note": "dibajak sekali"}, HTTP_HOST=BASE)
        client.post(article_url(bela_article, "hapus/"), HTTP_HOST=BASE)
    bela_article.refresh_from_db()
    assert (bela_article.title, bela_article.status, bela_article.deleted_at) == ("Rahasia dapur Bela", "published", None)


def test_a_new_article_always_belongs_to_the_village_in_the_address(client, taan_editor, taan, bela):
    client.force_login(taan_editor)
    client.post(write_url(taan), story(village=bela.pk, author=999), HTTP_HOST=BASE)
    article = Article.objects.get()
    assert article.village == taan and article.author == taan_editor


def test_the_home_lists_only_the_villages_own_articles(client, taan_publisher, taan, bela):
    ArticleFactory(village=taan, title="Berita Taan", status="review", published_at=None)
    ArticleFactory(village=bela, title="Berita Bela", status="review", published_at=None)
    client.force_login(taan_publisher)
    page = client.get("/redaksi/taan/", HTTP_HOST=BASE).content.decode()
    assert "Berita Taan" in page and "Berita Bela" not in page


def test_anonymous_visitors_are_sent_to_sign_in(client, taan):
    response = client.get("/redaksi/taan/", HTTP_HOST=BASE)
    assert response.status_code == 302 and "next=/redaksi/taan/" in response.url


def test_the_newsroom_is_not_on_village_hosts(client, taan_editor, taan):
    client.force_login(taan_editor)
    assert client.get("/redaksi/taan/", HTTP_HOST="taan.localhost").status_code == 404


def test_an_inactive_villages_newsroom_is_closed(client, taan_editor, taan):
    taan.is_active = False
    taan.save()
    client.force_login(taan_editor)
    assert client.get("/redaksi/taan/", HTTP_HOST=BASE).status_code == 404


def test_district_staff_may_work_in_any_villages_newsroom(client, district_staff, taan, bela):
    client.force_login(district_staff)
    page = client.get("/redaksi/", HTTP_HOST=BASE).content.decode()
    assert "/redaksi/taan/" in page and "/redaksi/bela/" in page
    assert client.get("/redaksi/bela/", HTTP_HOST=BASE).status_code == 200


@pytest.mark.parametrize("url", ["/admin/", "/admin/articles/article/", "/admin/articles/photo/", "/admin/villages/village/"])
def test_village_members_do_not_use_the_admin(client, taan_editor, taan_publisher, url):
    for user in (taan_editor, taan_publisher):
        client.force_login(user)
        response = client.get(url, HTTP_HOST=BASE)
        assert response.status_code in (302, 403), url
        assert "Panen" not in response.content.decode()


def test_a_signed_in_user_without_a_village_finds_no_newsroom(client, db, taan):
    stray = UserFactory()
    client.force_login(stray)
    assert "belum menjadi anggota" in client.get("/redaksi/", HTTP_HOST=BASE).content.decode()
    assert client.get("/redaksi/taan/", HTTP_HOST=BASE).status_code == 404


def test_the_home_costs_a_constant_number_of_queries(client, taan_publisher, taan, django_assert_max_num_queries):
    for status in ("draft", "review", "published"):
        ArticleFactory.create_batch(12, village=taan, status=status, author=taan_publisher,
                                    **({"published_at": None} if status != "published" else {}))
    client.force_login(taan_publisher)
    with django_assert_max_num_queries(25):
        assert client.get("/redaksi/taan/", HTTP_HOST=BASE).status_code == 200
