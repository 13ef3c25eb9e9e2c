"""The admin is the district's: village members never get in, and district
staff see every village. Members work in the newsroom (tests/newsroom/)."""

import pytest

from articles.models import Article
from tests.conftest import host
from tests.factories import ArticleFactory

ADMIN = host()


def _new(village, **changes):
    data = {
        "village": village.pk,
        "title": "Kerja bakti",
        "excerpt": "",
        "body": "<p>Warga membersihkan pantai.</p>",
        "topic": "",
        "photo": "",
        "photo_alt": "",
        "photo_caption": "",
        "review_note": "",
        "edited_version": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "slug": "",
    }
    data.update(changes)
    return data


def test_district_staff_see_every_village(client, district_staff, taan_article, bela_article):
    client.force_login(district_staff)
    page = client.get("/admin/articles/article/", HTTP_HOST=ADMIN).content.decode()
    assert taan_article.title in page and bela_article.title in page


def test_district_staff_may_publish_anywhere(client, district_staff, bela):
    client.force_login(district_staff)
    client.post("/admin/articles/article/add/", _new(bela, status="published"), HTTP_HOST=ADMIN)
    assert Article.objects.get(village=bela).status == "published"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/villages/village/",
        "/admin/villages/village/add/",
        "/admin/villages/user/",
        "/admin/villages/membership/",
        "/admin/villages/membership/add/",
        "/admin/villages/kecamatan/",
        "/admin/articles/topic/add/",
    ],
)
def test_editors_and_publishers_cannot_open_district_screens(client, taan_editor, taan_publisher, url):
    for user in (taan_editor, taan_publisher):
        client.force_login(user)
        response = client.get(url, HTTP_HOST=ADMIN)
        assert response.status_code == 302 and "login" in response.url


def test_editor_cannot_make_themselves_district_staff(client, taan_editor):
    client.force_login(taan_editor)
    client.post(
        f"/admin/villages/user/{taan_editor.pk}/change/",
        {"username": taan_editor.username, "is_district_staff": "on", "is_active": "on"},
        HTTP_HOST=ADMIN,
    )
    taan_editor.refresh_from_db()
    assert not taan_editor.is_district_staff


def test_a_staff_user_without_any_village_sees_no_articles(client, db, taan_article):
    from tests.factories import UserFactory

    stray = UserFactory(is_staff=True)
    client.force_login(stray)
    assert client.get("/admin/articles/article/", HTTP_HOST=ADMIN).status_code == 403


def test_anonymous_is_sent_to_the_login_page(client, taan_article):
    response = client.get("/admin/articles/article/", HTTP_HOST=ADMIN)
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_district_staff_manage_villages_and_memberships(client, district_staff, taan):
    client.force_login(district_staff)
    assert client.get("/admin/villages/village/", HTTP_HOST=ADMIN).status_code == 200
    assert client.get(f"/admin/villages/village/{taan.pk}/change/", HTTP_HOST=ADMIN).status_code == 200
    assert client.get("/admin/villages/membership/add/", HTTP_HOST=ADMIN).status_code == 200


def test_the_article_list_costs_a_constant_number_of_queries(client, district_staff, taan, django_assert_max_num_queries):
    ArticleFactory.create_batch(30, village=taan)
    client.force_login(district_staff)
    with django_assert_max_num_queries(15):
        assert client.get("/admin/articles/article/", HTTP_HOST=ADMIN).status_code == 200
