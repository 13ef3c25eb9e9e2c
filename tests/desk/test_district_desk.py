"""The district desk's feed and moderation: every village in one stream,
take-downs with a reason, an audit log nobody can rewrite."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.conftest import host
from tests.factories import ArticleFactory, KecamatanFactory, TopicFactory, UserFactory, VillageFactory
from villages.models import AuditEntry

ADMIN = host()
FEED = "/admin/meja/"


def _feed(client, **params):
    return client.get(FEED, params, HTTP_HOST=ADMIN)


def _titles(response):
    return [a.title for a in response.context["page"]]


@pytest.fixture
def staff_client(client, district_staff):
    client.force_login(district_staff)
    return client


def test_feed_shows_every_villages_articles_newest_first(staff_client, taan, bela):
    ArticleFactory(village=taan, title="Lama", published_at=timezone.now() - datetime.timedelta(days=3))
    ArticleFactory(village=bela, title="Baru", published_at=timezone.now() - datetime.timedelta(hours=2))
    ArticleFactory(village=bela, title="Draf hari ini", status="draft", published_at=None)
    assert _titles(_feed(staff_client)) == ["Draf hari ini", "Baru", "Lama"]


def test_feed_rows_link_to_the_public_page_and_the_admin(staff_client, taan_article):
    body = _feed(staff_client).content.decode()
    assert 'href="http://taan.localhost/berita/panen-kakao/"' in body
    assert f'href="/admin/articles/article/{taan_article.pk}/change/"' in body


def test_feed_filters_by_kecamatan(staff_client, taan, bela):
    bela.kecamatan = KecamatanFactory(name="Kalukku", slug="kalukku")
    bela.save()
    ArticleFactory(village=taan, title="Dari Taan")
    ArticleFactory(village=bela, title="Dari Bela")
    assert _titles(_feed(staff_client, kecamatan=bela.kecamatan_id)) == ["Dari Bela"]


def test_feed_filters_by_village(staff_client, taan, bela):
    ArticleFactory(village=taan, title="Dari Taan")
    ArticleFactory(village=bela, title="Dari Bela")
    assert _titles(_feed(staff_client, village=taan.pk)) == ["Dari Taan"]


def test_feed_filters_by_topic(staff_client, taan):
    farming = TopicFactory(slug="pertanian")
    ArticleFactory(village=taan, title="Panen", topic=farming)
    ArticleFactory(village=taan, title="Rapat")
    assert _titles(_feed(staff_client, topic=farming.pk)) == ["Panen"]


@pytest.mark.parametrize(
    "status,expected",
    [("draft", ["Draf"]), ("review", ["Tinjau"]), ("published", ["Terbit"]), ("scheduled", ["Nanti"]), ("taken_down", ["Turun"])],
)
def test_feed_filters_by_status(staff_client, taan, district_staff, status, expected):
    ArticleFactory(village=taan, title="Draf", status="draft", published_at=None)
    ArticleFactory(village=taan, title="Tinjau", status="review", published_at=None)
    ArticleFactory(village=taan, title="Terbit")
    ArticleFactory(village=taan, title="Nanti", status="scheduled", published_at=timezone.now() + datetime.timedelta(days=2))
    ArticleFactory(village=taan, title="Turun").take_down(district_staff, "Memuat data pribadi warga.")
    assert _titles(_feed(staff_client, status=status)) == expected


def test_articles_scheduled_for_later_do_not_sit_above_what_was_just_published(staff_client, taan, bela):
    for days in range(1, 24):
        ArticleFactory(village=bela, title=f"Nanti {days}", status="scheduled",
                       published_at=timezone.now() + datetime.timedelta(days=days))
    ArticleFactory(village=taan, title="Baru terbit", published_at=timezone.now() - datetime.timedelta(minutes=5))
    response = _feed(staff_client)
    assert _titles(response) == ["Baru terbit"]
    assert response.context["page"].paginator.count == 1
    assert 'Terjadwal (23)' in response.content.decode()


def test_the_scheduled_part_lists_them_soonest_first_with_the_other_filters_kept(staff_client, taan, bela):
    ArticleFactory(village=taan, title="Lusa", status="scheduled", published_at=timezone.now() + datetime.timedelta(days=2))
    ArticleFactory(village=taan, title="Besok", status="scheduled", published_at=timezone.now() + datetime.timedelta(days=1))
    ArticleFactory(village=bela, title="Bela besok", status="scheduled", published_at=timezone.now() + datetime.timedelta(days=1))
    ArticleFactory(village=taan, title="Sudah terbit")
    assert _titles(_feed(staff_client, status="scheduled", village=taan.pk)) == ["Besok", "Lusa"]
    body = _feed(staff_client, village=taan.pk).content.decode()
    assert f'href="?village={taan.pk}&amp;status=scheduled"' in body and "Terjadwal (2)" in body


def test_the_counts_shown_match_the_rows_with_any_filter(staff_client, taan, bela, district_staff):
    later = timezone.now() + datetime.timedelta(days=1)
    ArticleFactory(village=taan, title="Nanti", status="scheduled", published_at=later)
    ArticleFactory(village=taan, title="Nanti diturunkan", status="scheduled", published_at=later).take_down(district_staff, "Memuat data pribadi warga.")
    ArticleFactory(village=taan, title="Draf", status="draft", published_at=None)
    ArticleFactory(village=bela, title="Terbit di Bela")
    for params in ({}, {"village": taan.pk}, {"status": "taken_down"}, {"status": "scheduled"}, {"q": "Nanti"}):
        page = _feed(staff_client, **params).context["page"]
        assert page.paginator.count == len(page.object_list), params


def test_a_scheduled_article_whose_time_has_come_is_in_the_stream_as_published(staff_client, taan):
    ArticleFactory(village=taan, title="Tadi pagi", status="scheduled", published_at=timezone.now() - datetime.timedelta(hours=3))
    assert _titles(_feed(staff_client)) == ["Tadi pagi"]
    assert _titles(_feed(staff_client, status="scheduled")) == []


def test_feed_filters_by_publication_date_range(staff_client, taan):
    ArticleFactory(village=taan, title="Oktober", published_at=timezone.make_aware(datetime.datetime(2026, 10, 15, 9)))
    ArticleFactory(village=taan, title="November", published_at=timezone.make_aware(datetime.datetime(2026, 11, 2, 23)))
    response = _feed(staff_client, start="2026-11-01", end="2026-11-02")
    assert _titles(response) == ["November"]


def test_feed_searches_titles_and_text(staff_client, taan, bela):
    ArticleFactory(village=taan, title="Panen kakao melimpah")
    ArticleFactory(village=bela, title="Rapat desa", body="<p>Membahas harga kakao.</p>")
    ArticleFactory(village=bela, title="Lomba perahu")
    assert sorted(_titles(_feed(staff_client, q="kakao"))) == ["Panen kakao melimpah", "Rapat desa"]


@pytest.mark.parametrize(
    "params", [{"start": "2026-11-10", "end": "2026-11-01"}, {"village": "999999"}, {"start": "kemarin"}, {"status": "hapus"}]
)
def test_feed_refuses_bad_filters_with_a_message_and_400(staff_client, params):
    response = _feed(staff_client, **params)
    assert response.status_code == 400
    assert response.context["form"].errors


def test_feed_paginates_and_survives_hostile_page_numbers(staff_client, taan):
    ArticleFactory.create_batch(55, village=taan)
    assert len(_feed(staff_client).context["page"]) == 50
    for page in ("2", "abc", "-1", "99999"):
        assert _feed(staff_client, page=page).status_code == 200


def _take_down(client, article, reason="Foto memuat wajah anak tanpa izin orang tua."):
    return client.post(f"/admin/meja/berita/{article.pk}/turunkan/", {"reason": reason}, HTTP_HOST=ADMIN)


PUBLIC_PLACES = [
    (host("taan"), "/"),
    (host("taan"), "/berita/panen-kakao/"),
    (host("taan"), "/rss/"),
    (host("taan"), "/sitemap.xml"),
    (host("taan"), "/cari/?q=kakao"),
    (host(), "/"),
    (host(), "/atom/"),
    (host(), "/cari/?q=kakao"),
]


@pytest.mark.parametrize("http_host,path", PUBLIC_PLACES)
def test_taking_an_article_down_removes_it_from_every_public_page(client, district_staff, taan_article, http_host, path):
    assert "panen-kakao" in client.get(path, HTTP_HOST=http_host).content.decode()
    client.force_login(district_staff)
    assert _take_down(client, taan_article).status_code == 302
    client.logout()
    response = client.get(path, HTTP_HOST=http_host)
    assert "panen-kakao" not in response.content.decode()


def test_taking_down_needs_a_reason(staff_client, taan_article):
    response = _take_down(staff_client, taan_article, reason="")
    assert response.status_code == 400
    assert "Bidang ini tidak boleh kosong." in response.content.decode()
    taan_article.refresh_from_db()
    assert taan_article.taken_down_at is None


def test_take_down_and_restore_are_kept_in_the_audit_log(staff_client, district_staff, taan_article):
    _take_down(staff_client, taan_article, "Berisi tuduhan tanpa sumber.")
    staff_client.post(f"/admin/meja/berita/{taan_article.pk}/pulihkan/", {"reason": "Sudah diperbaiki penulis."}, HTTP_HOST=ADMIN)
    entries = list(AuditEntry.objects.order_by("id").values_list("actor", "action", "subject", "reason"))
    assert entries == [
        (district_staff.pk, "take_down", "Panen kakao di Taan", "Berisi tuduhan tanpa sumber."),
        (district_staff.pk, "restore", "Panen kakao di Taan", "Sudah diperbaiki penulis."),
    ]


def test_a_restored_article_is_public_again(staff_client, taan_article):
    _take_down(staff_client, taan_article)
    staff_client.post(f"/admin/meja/berita/{taan_article.pk}/pulihkan/", {"reason": "Sudah diperbaiki penulis."}, HTTP_HOST=ADMIN)
    staff_client.logout()
    assert staff_client.get("/berita/panen-kakao/", HTTP_HOST=host("taan")).status_code == 200


def test_the_village_sees_the_take_down_reason_in_the_newsroom(client, district_staff, taan_article, taan_publisher):
    taan_article.take_down(district_staff, "Foto memuat wajah anak tanpa izin orang tua.")
    client.force_login(taan_publisher)
    response = client.get(f"/redaksi/taan/berita/{taan_article.pk}/", HTTP_HOST=ADMIN)
    assert "Foto memuat wajah anak tanpa izin orang tua." in response.content.decode()


def test_republishing_does_not_undo_a_take_down(client, district_staff, taan_article, taan_publisher):
    taan_article.take_down(district_staff, "Foto memuat wajah anak tanpa izin orang tua.")
    taan_article.refresh_from_db()
    taan_article.status = Article.Status.PUBLISHED
    taan_article.save()
    assert not Article.objects.published().filter(pk=taan_article.pk).exists()


def test_audit_log_lists_entries_for_staff(staff_client, district_staff, taan_article):
    taan_article.take_down(district_staff, "Berisi tuduhan tanpa sumber.")
    response = staff_client.get("/admin/meja/log/", HTTP_HOST=ADMIN)
    assert "Berisi tuduhan tanpa sumber." in response.content.decode()


def test_audit_entries_cannot_be_changed_or_deleted(district_staff, taan_article):
    taan_article.take_down(district_staff, "Berisi tuduhan tanpa sumber.")
    entry = AuditEntry.objects.get()
    entry.reason = "Tidak ada apa-apa."
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert AuditEntry.objects.get().reason == "Berisi tuduhan tanpa sumber."


def test_the_log_still_names_a_deleted_staff_member(district_staff, taan_article):
    taan_article.take_down(district_staff, "Berisi tuduhan tanpa sumber.")
    district_staff.delete()
    assert AuditEntry.objects.get().actor_name == "Andi"


DESK_URLS = [
    ("get", "/admin/meja/"),
    ("get", "/admin/meja/aktivitas/"),
    ("get", "/admin/meja/aktivitas.csv"),
    ("get", "/admin/meja/aktivitas/taan/"),
    ("get", "/admin/meja/log/"),
    ("get", "/admin/meja/desa-baru/"),
    ("post", "/admin/meja/desa-baru/"),
    ("get", "/admin/meja/berita/{pk}/turunkan/"),
    ("post", "/admin/meja/berita/{pk}/turunkan/"),
    ("post", "/admin/meja/berita/{pk}/pulihkan/"),
    ("get", "/admin/articles/announcement/"),
    ("get", "/admin/articles/announcement/add/"),
]


@pytest.mark.parametrize("method,url", DESK_URLS)
def test_desk_sends_anonymous_visitors_to_the_login_page(client, taan_article, method, url):
    response = getattr(client, method)(url.format(pk=taan_article.pk), HTTP_HOST=ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["taan_editor", "taan_publisher", "bela_publisher"])
@pytest.mark.parametrize("method,url", DESK_URLS)
def test_desk_refuses_village_members(client, taan_article, request, who, method, url):
    client.force_login(request.getfixturevalue(who))
    data = {"reason": "Saya ingin menurunkan berita ini.", "name": "Desa Palsu", "slug": "palsu"} if method == "post" else {}
    response = getattr(client, method)(url.format(pk=taan_article.pk), data, HTTP_HOST=ADMIN)
    # Members are not staff: the admin's door sends them to sign in.
    assert response.status_code == 302 and "login" in response.url
    taan_article.refresh_from_db()
    assert taan_article.taken_down_at is None
    assert not AuditEntry.objects.exists()


def test_desk_is_not_served_on_village_hosts(staff_client):
    assert staff_client.get(FEED, HTTP_HOST=host("taan")).status_code == 404


def test_feed_query_count_does_not_grow_with_villages_and_articles(staff_client, django_assert_max_num_queries, taan):
    ArticleFactory.create_batch(3, village=taan)
    with django_assert_max_num_queries(12) as small:
        _feed(staff_client)
    for village in VillageFactory.create_batch(5):
        ArticleFactory.create_batch(10, village=village, author=UserFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        _feed(staff_client)


@pytest.mark.parametrize("target", ["https://jahat.example/", "//jahat.example/", "http://taan.localhost/"])
def test_take_down_never_redirects_off_the_district_host(staff_client, taan_article, target):
    response = staff_client.post(
        f"/admin/meja/berita/{taan_article.pk}/turunkan/",
        {"reason": "Memuat data pribadi warga.", "next": target}, HTTP_HOST=ADMIN,
    )
    assert response.status_code == 302 and response["Location"] == "/admin/meja/"


def test_take_down_returns_to_the_filtered_feed(staff_client, taan_article):
    response = staff_client.post(
        f"/admin/meja/berita/{taan_article.pk}/turunkan/",
        {"reason": "Memuat data pribadi warga.", "next": "/admin/meja/?status=published&page=2"}, HTTP_HOST=ADMIN,
    )
    assert response["Location"] == "/admin/meja/?status=published&page=2"
