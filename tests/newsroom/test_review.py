"""The publisher reviews in one screen: the article as readers will see it,
then publish, schedule, or send back with a note."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory
from tests.newsroom.helpers import BASE, article_url, edited


@pytest.fixture
def waiting(taan, taan_editor):
    return ArticleFactory(village=taan, title="Posyandu bulan ini", status="review", published_at=None, author=taan_editor)


def test_the_review_queue_comes_first_for_publishers(client, taan_publisher, taan_editor, taan, waiting):
    ArticleFactory(village=taan, title="Draf penerbit", status="draft", published_at=None, author=taan_publisher)
    client.force_login(taan_publisher)
    page = client.get("/redaksi/taan/", HTTP_HOST=BASE).content.decode()
    assert page.index("Menunggu tinjauan") < page.index("Draf saya")
    assert f'href="/redaksi/taan/berita/{waiting.pk}/tinjau/"' in page


def test_editors_see_what_came_back_to_them_first(client, taan_editor, taan, waiting):
    ArticleFactory(village=taan, title="Perlu diperbaiki", status="draft", published_at=None, author=taan_editor, review_note="Tambah foto.")
    client.force_login(taan_editor)
    page = client.get("/redaksi/taan/", HTTP_HOST=BASE).content.decode()
    assert page.index("Dikembalikan") < page.index("Menunggu tinjauan")
    assert "Catatan penerbit: Tambah foto." in page


def test_a_publisher_opening_an_article_in_review_goes_to_the_review_screen(client, taan_publisher, waiting):
    client.force_login(taan_publisher)
    response = client.get(article_url(waiting), HTTP_HOST=BASE)
    assert response.status_code == 302 and response.url == article_url(waiting, "tinjau/")


def test_the_review_screen_shows_the_article_as_readers_will(client, taan_publisher, waiting):
    client.force_login(taan_publisher)
    response = client.get(article_url(waiting, "tinjau/"), HTTP_HOST=BASE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Posyandu bulan ini</h1>" in page and 'class="masthead"' in page and "Desa Taan" in page
    assert "Terbitkan sekarang" in page and "Jadwalkan" in page and "Kembalikan ke penulis" in page
    assert response["Cache-Control"] == "private, no-store" and response["X-Robots-Tag"] == "noindex"


def test_publishing_from_the_review_screen_takes_one_tap(client, taan_publisher, waiting):
    client.force_login(taan_publisher)
    response = client.post(article_url(waiting, "tinjau/"), {"action": "publish"}, HTTP_HOST=BASE)
    waiting.refresh_from_db()
    assert waiting.status == "published" and response.status_code == 302
    assert client.get(waiting.get_absolute_url(), HTTP_HOST="taan.localhost").status_code == 200


def test_a_published_article_says_it_is_on_the_site_and_leads_there(client, taan_publisher, waiting):
    client.force_login(taan_publisher)
    client.post(article_url(waiting, "tinjau/"), {"action": "publish"}, HTTP_HOST=BASE)
    page = client.get(article_url(waiting) + "?kabari=1", HTTP_HOST=BASE).content.decode()
    assert "sudah tampil di situs desa" in page and "belum tampil" not in page
    assert f'href="http://taan.localhost{waiting.get_absolute_url()}">Lihat di situs desa' in page


def test_an_article_not_yet_on_the_site_says_so_in_its_preview(client, taan_editor, waiting):
    client.force_login(taan_editor)
    page = client.get(article_url(waiting), HTTP_HOST=BASE).content.decode()
    assert "Pratinjau – berita ini belum tampil di situs. Status: Menunggu tinjauan." in page
    assert "Lihat di situs desa" not in page


def test_scheduling_from_the_review_screen(client, taan_publisher, waiting):
    client.force_login(taan_publisher)
    later = timezone.localtime() + datetime.timedelta(days=1)
    client.post(article_url(waiting, "tinjau/"), {"action": "schedule", "publish_at": later.strftime("%Y-%m-%dT%H:%M")}, HTTP_HOST=BASE)
    waiting.refresh_from_db()
    assert waiting.status == "scheduled" and waiting.published_at > timezone.now()


def test_sending_back_needs_a_note_and_keeps_it_for_the_author(client, taan_publisher, taan_editor, waiting):
    client.force_login(taan_publisher)
    refused = client.post(article_url(waiting, "tinjau/"), {"action": "send_back", "note": ""}, HTTP_HOST=BASE)
    assert refused.status_code == 400 and "Tulis catatan singkat" in refused.content.decode()
    client.post(article_url(waiting, "tinjau/"), {"action": "send_back", "note": "Sebutkan jadwal posyandu."}, HTTP_HOST=BASE)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.review_note) == ("draft", "Sebutkan jadwal posyandu.")
    client.force_login(taan_editor)
    assert "Sebutkan jadwal posyandu." in client.get(article_url(waiting), HTTP_HOST=BASE).content.decode()


def test_the_author_sees_a_sent_back_article_as_sent_back_not_as_a_draft(client, taan_editor, taan):
    article = ArticleFactory(village=taan, status="draft", published_at=None, author=taan_editor, review_note="Tambah foto.")
    client.force_login(taan_editor)
    page = client.get(article_url(article), HTTP_HOST=BASE).content.decode()
    assert "Status: <strong>Dikembalikan untuk diperbaiki</strong>" in page


def test_resubmitting_clears_the_old_note(client, taan_editor, taan):
    article = ArticleFactory(village=taan, status="draft", published_at=None, author=taan_editor, review_note="Tambah foto.")
    client.force_login(taan_editor)
    client.post(article_url(article), edited(article, action="submit"), HTTP_HOST=BASE)
    article.refresh_from_db()
    assert (article.status, article.review_note) == ("review", "")


@pytest.mark.parametrize("who", ["taan_editor", "bela_publisher"])
def test_only_the_villages_publishers_review(client, who, request, waiting):
    client.force_login(request.getfixturevalue(who))
    response = client.post(article_url(waiting, "tinjau/"), {"action": "publish"}, HTTP_HOST=BASE)
    assert response.status_code in (403, 404)
    waiting.refresh_from_db()
    assert waiting.status == "review"


def test_a_publisher_may_withdraw_nothing_the_district_took_down(client, taan_publisher, taan_article, district_staff):
    taan_article.take_down(district_staff, "Memuat data pribadi warga.")
    client.force_login(taan_publisher)
    response = client.post(article_url(taan_article, "tinjau/"), {"action": "publish"}, HTTP_HOST=BASE)
    assert response.status_code == 403
    page = client.get(article_url(taan_article), HTTP_HOST=BASE).content.decode()
    assert "Diturunkan oleh distrik" in page and "Memuat data pribadi warga." in page
    assert Article.objects.on_site(taan_article.village).count() == 0
