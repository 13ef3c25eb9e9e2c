"""An editor sees and touches only their own village in the admin. Attack it."""

import pytest

from articles.models import Article
from tests.conftest import host
from tests.factories import ArticleFactory

ADMIN = host()


def _form(article, **changes):
    data = {
        "village": article.village_id,
        "title": article.title,
        "excerpt": article.excerpt,
        "body": article.body,
        "topic": "",
        "photo": "",
        "photo_alt": "",
        "photo_caption": "",
        "review_note": "",
        "edited_version": article.updated.isoformat(),
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "slug": article.slug,
    }
    data.update(changes)
    return data


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


def test_editor_sees_only_own_village_in_the_article_list(client, taan_editor, taan_article, bela_article):
    client.force_login(taan_editor)
    page = client.get("/admin/articles/article/", HTTP_HOST=ADMIN).content.decode()
    assert taan_article.title in page
    assert bela_article.title not in page


def test_editor_cannot_open_another_villages_article_by_guessing_its_url(client, taan_editor, bela_article):
    client.force_login(taan_editor)
    response = client.get(f"/admin/articles/article/{bela_article.pk}/change/", HTTP_HOST=ADMIN)
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert bela_article.title not in client.get(response.url, HTTP_HOST=ADMIN).content.decode()


def test_editor_cannot_change_another_villages_article_by_posting_to_it(client, taan_editor, bela_article):
    client.force_login(taan_editor)
    client.post(
        f"/admin/articles/article/{bela_article.pk}/change/",
        _form(bela_article, title="Dibajak"),
        HTTP_HOST=ADMIN,
    )
    bela_article.refresh_from_db()
    assert bela_article.title == "Rahasia dapur Bela"


def test_editor_cannot_delete_another_villages_article(client, taan_editor, bela_article):
    client.force_login(taan_editor)
    client.post(f"/admin/articles/article/{bela_article.pk}/delete/", {"post": "yes"}, HTTP_HOST=ADMIN)
    assert Article.objects.filter(pk=bela_article.pk).exists()


def test_editor_cannot_bulk_delete_another_villages_article(client, taan_editor, bela_article):
    client.force_login(taan_editor)
    client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [bela_article.pk], "post": "yes"},
        HTTP_HOST=ADMIN,
    )
    assert Article.objects.filter(pk=bela_article.pk).exists()


def test_editor_cannot_create_an_article_in_another_village(client, taan_editor, bela):
    client.force_login(taan_editor)
    response = client.post("/admin/articles/article/add/", _new(bela), HTTP_HOST=ADMIN)
    assert response.status_code == 400  # form re-shown with an error
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Article.objects.filter(village=bela).exists()


def test_editor_cannot_move_own_article_into_another_village(client, taan_editor, taan_article, bela):
    client.force_login(taan_editor)
    client.post(
        f"/admin/articles/article/{taan_article.pk}/change/",
        _form(taan_article, village=bela.pk, status=Article.Status.DRAFT),
        HTTP_HOST=ADMIN,
    )
    taan_article.refresh_from_db()
    assert taan_article.village.slug == "taan"


def test_village_picker_offers_only_the_editors_villages(client, taan_editor, bela):
    client.force_login(taan_editor)
    page = client.get("/admin/articles/article/add/", HTTP_HOST=ADMIN).content.decode()
    assert "Desa Taan" in page
    assert "Desa Bela" not in page


def test_editor_writes_a_draft_in_own_village_and_is_its_author(client, taan_editor, taan):
    client.force_login(taan_editor)
    response = client.post("/admin/articles/article/add/", _new(taan, author=999), HTTP_HOST=ADMIN)
    assert response.status_code == 302
    article = Article.objects.get(village=taan, title="Kerja bakti")
    assert article.author == taan_editor
    assert article.slug == "kerja-bakti"


def test_editor_may_submit_for_review_but_not_publish(client, taan_editor, taan):
    client.force_login(taan_editor)
    refused = client.post("/admin/articles/article/add/", _new(taan, status="published"), HTTP_HOST=ADMIN)
    assert "Hanya penerbit" in refused.content.decode()
    assert not Article.objects.filter(village=taan).exists()
    client.post("/admin/articles/article/add/", _new(taan, status="review"), HTTP_HOST=ADMIN)
    assert Article.objects.get(village=taan).status == "review"


def test_a_refused_form_keeps_what_was_typed(client, taan_editor, taan):
    client.force_login(taan_editor)
    page = client.post(
        "/admin/articles/article/add/",
        _new(taan, status="published", title="Judul yang panjang sekali", body="<p>Paragraf penting</p>"),
        HTTP_HOST=ADMIN,
    ).content.decode()
    assert "Judul yang panjang sekali" in page
    assert "Paragraf penting" in page


def test_publisher_publishes_in_own_village(client, taan_publisher, taan):
    client.force_login(taan_publisher)
    client.post("/admin/articles/article/add/", _new(taan, status="published"), HTTP_HOST=ADMIN)
    article = Article.objects.get(village=taan)
    assert article.status == "published" and article.published_at is not None


def test_publisher_of_another_village_cannot_publish_here(client, bela_publisher, taan_article):
    taan_article.status = Article.Status.REVIEW
    taan_article.save()
    client.force_login(bela_publisher)
    client.post(
        f"/admin/articles/article/{taan_article.pk}/change/",
        _form(taan_article, status="published"),
        HTTP_HOST=ADMIN,
    )
    taan_article.refresh_from_db()
    assert taan_article.status == "review"


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
        assert client.get(url, HTTP_HOST=ADMIN).status_code == 403


def test_editor_cannot_make_themselves_district_staff(client, taan_editor):
    client.force_login(taan_editor)
    client.post(
        f"/admin/villages/user/{taan_editor.pk}/change/",
        {"username": taan_editor.username, "is_district_staff": "on", "is_active": "on"},
        HTTP_HOST=ADMIN,
    )
    taan_editor.refresh_from_db()
    assert not taan_editor.is_district_staff


def test_editor_of_another_village_cannot_see_this_villages_article_in_the_list(client, bela_editor, taan_article):
    client.force_login(bela_editor)
    page = client.get("/admin/articles/article/?q=Panen", HTTP_HOST=ADMIN).content.decode()
    assert taan_article.title not in page


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


def test_editor_article_list_costs_a_constant_number_of_queries(client, taan_editor, taan, django_assert_max_num_queries):
    ArticleFactory.create_batch(30, village=taan)
    client.force_login(taan_editor)
    with django_assert_max_num_queries(15):
        assert client.get("/admin/articles/article/", HTTP_HOST=ADMIN).status_code == 200
