"""Each village's site has a page per author: what that person wrote there,
found by account number (never the login name), nothing else about them."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.conftest import host
from tests.factories import ArticleFactory, MembershipFactory, UserFactory

NOW = timezone.now()


def _get(client, path, site="taan"):
    return client.get(path, HTTP_HOST=host(site))


@pytest.fixture
def writer(taan, bela):
    """Writes for both villages: Taan and Bela must each show only their own."""
    user = UserFactory(
        username="siti-login-rahasia", first_name="Siti", last_name="Aminah",
        email="siti.pribadi@example.test", whatsapp="6281234567890",
    )
    MembershipFactory(user=user, village=taan)
    MembershipFactory(user=user, village=bela)
    return user


def _story(village, author, title, days_ago=1, **fields):
    fields.setdefault("published_at", NOW - datetime.timedelta(days=days_ago))
    return ArticleFactory(village=village, author=author, title=title, **fields)


def test_the_byline_links_to_the_authors_page_on_the_village_site(client, taan, writer):
    article = _story(taan, writer, "Panen kakao")
    page = _get(client, f"/berita/{article.slug}/").content.decode()
    assert f'Oleh <a href="/penulis/{writer.pk}/">Siti Aminah</a>, KIM Taan Bersatu' in page


def test_the_authors_page_lists_what_they_wrote_here_newest_first(client, taan, writer, taan_editor):
    _story(taan, writer, "Panen kakao", days_ago=3)
    _story(taan, writer, "Jalan desa diperbaiki", days_ago=1)
    _story(taan, taan_editor, "Tulisan orang lain")
    page = _get(client, f"/penulis/{writer.pk}/").content.decode()
    assert "Penulis: Siti Aminah" in page
    assert page.index("Jalan desa diperbaiki") < page.index("Panen kakao")
    assert "Tulisan orang lain" not in page


def test_an_author_who_writes_in_two_villages_has_each_villages_articles_on_its_own_site(client, taan, bela, writer):
    _story(taan, writer, "Berita dari Taan")
    _story(bela, writer, "Berita dari Bela")
    on_taan = _get(client, f"/penulis/{writer.pk}/", "taan").content.decode()
    on_bela = _get(client, f"/penulis/{writer.pk}/", "bela").content.decode()
    assert "Berita dari Taan" in on_taan and "Berita dari Bela" not in on_taan
    assert "Berita dari Bela" in on_bela and "Berita dari Taan" not in on_bela


def test_unpublished_trashed_and_taken_down_articles_are_not_on_the_authors_page(client, taan, writer, district_staff):
    _story(taan, writer, "Sudah terbit")
    _story(taan, writer, "Masih draf", status=Article.Status.DRAFT)
    _story(taan, writer, "Dijadwalkan", status=Article.Status.SCHEDULED, published_at=NOW + datetime.timedelta(days=1))
    _story(taan, writer, "Dibuang").move_to_trash()
    _story(taan, writer, "Diturunkan").take_down(district_staff, "Data pribadi warga.")
    page = _get(client, f"/penulis/{writer.pk}/").content.decode()
    assert "Sudah terbit" in page
    for hidden in ("Masih draf", "Dijadwalkan", "Dibuang", "Diturunkan"):
        assert hidden not in page


def test_someone_with_nothing_public_in_this_village_has_no_page_here(client, taan, bela, writer, taan_editor):
    _story(bela, writer, "Hanya di Bela")
    _story(taan, taan_editor, "Draf saja", status=Article.Status.DRAFT)
    assert _get(client, f"/penulis/{writer.pk}/", "taan").status_code == 404
    assert _get(client, f"/penulis/{taan_editor.pk}/", "taan").status_code == 404


@pytest.mark.parametrize("path", ["/penulis/999999/", "/penulis/99999999999999999999999/", "/penulis/siti-login-rahasia/"])
def test_an_unknown_author_is_a_404(client, taan, writer, path):
    _story(taan, writer, "Panen kakao")
    assert _get(client, path).status_code == 404


def test_there_is_no_authors_page_on_the_district_portal(client, taan, writer):
    _story(taan, writer, "Panen kakao")
    assert _get(client, f"/penulis/{writer.pk}/", "").status_code == 404


def test_the_authors_page_shows_neither_login_name_email_nor_phone(client, taan, writer):
    article = _story(taan, writer, "Panen kakao")
    for path in (f"/penulis/{writer.pk}/", f"/berita/{article.slug}/"):
        page = _get(client, path).content.decode()
        for private in ("siti-login-rahasia", "siti.pribadi", "6281234567890"):
            assert private not in page, (path, private)


def test_the_authors_page_is_paged_like_a_topic_page(client, taan, writer, settings):
    settings.ARTICLES_PER_PAGE = 2
    for days in range(1, 4):
        _story(taan, writer, f"Berita hari ke-{days}", days_ago=days)
    first = _get(client, f"/penulis/{writer.pk}/").content.decode()
    second = _get(client, f"/penulis/{writer.pk}/?page=2").content.decode()
    assert "Berita hari ke-1" in first and 'href="?page=2"' in first and "Berita hari ke-3" not in first
    assert "Berita hari ke-3" in second and 'href="?page=1"' in second
    assert _get(client, f"/penulis/{writer.pk}/?page=3").status_code == 404


def test_an_author_without_a_name_is_shown_as_the_newsroom_never_by_login_name(client, taan):
    nameless = UserFactory(username="login-tanpa-nama", first_name="", last_name="")
    article = _story(taan, nameless, "Panen kakao")
    for path in (f"/penulis/{nameless.pk}/", f"/berita/{article.slug}/", "/rss/", "/atom/"):
        page = _get(client, path).content.decode()
        assert "login-tanpa-nama" not in page, path
    assert f'Oleh <a href="/penulis/{nameless.pk}/">Redaksi</a>' in _get(client, f"/berita/{article.slug}/").content.decode()
