"""Old addresses keep working: on the village's own host, an address of
the old site answers 301 with the article it became; never on another
village's host, never to another site, and the page cache keeps neither."""

import pytest
from django.core.exceptions import ValidationError

from imports.models import OldLink
from tests.conftest import host
from tests.imports.conftest import import_wordpress


@pytest.fixture
def moved(taan, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False)


def _get(client, slug, path):
    return client.get(path, HTTP_HOST=host(slug))


@pytest.mark.parametrize("path", ["/2023/05/panen-raya-kakao/", "/2023/05/panen-raya-kakao", "/?p=11"])
def test_an_old_address_answers_301_with_the_new_article(client, moved, path):
    response = _get(client, "taan", path)
    assert response.status_code == 301
    assert response["Location"] == "/berita/panen-raya-kakao/"
    assert "max-age=3600" in response["Cache-Control"]


def test_the_old_address_is_unknown_on_another_villages_site(client, moved, bela):
    assert _get(client, "bela", "/2023/05/panen-raya-kakao/").status_code == 404
    response = _get(client, "bela", "/?p=11")
    assert response.status_code == 200 and "Location" not in response


def test_an_old_address_of_an_article_readers_cannot_see_is_a_404(client, moved):
    # A private post became a draft: its old address must not reveal its new one.
    assert _get(client, "taan", "/2023/10/catatan-rapat/").status_code == 404
    assert _get(client, "taan", "/?p=12").status_code == 200


@pytest.mark.parametrize("query", ["p=999", "p=%C2%B2", "p=-1", "p=11&p=12x"])
def test_the_home_page_with_an_unknown_post_id_is_the_home_page(client, moved, query):
    assert _get(client, "taan", f"/?{query}").status_code == 200


def test_a_site_in_a_folder_keeps_its_folder_front_page():
    from imports.models import normalize_path

    assert normalize_path("https://lama.example/desa/?p=11") is None
    assert normalize_path("https://lama.example/?p=11") == "/?p=11"


def test_a_page_of_the_site_wins_over_an_old_address(client, taan, taan_article):
    OldLink.objects.create(village=taan, path="/arsip", article=taan_article)
    assert _get(client, "taan", "/arsip/").status_code == 200


def test_staff_may_send_an_old_address_to_a_path_of_the_same_site(client, taan):
    link = OldLink(village=taan, path="/profil-desa/", target="/tentang/")
    link.full_clean()
    link.save()
    response = _get(client, "taan", "/profil-desa/")
    assert (response.status_code, response["Location"]) == (301, "/tentang/")


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "tentang/"])
def test_an_old_address_never_leads_to_another_site(client, taan, target):
    with pytest.raises(ValidationError):
        OldLink(village=taan, path="/lama/", target=target).full_clean()
    # Written behind the model's back, it is still never followed.
    OldLink.objects.create(village=taan, path="/lama", target=target)
    assert _get(client, "taan", "/lama/").status_code == 404


def test_an_old_address_never_leads_to_another_villages_article(client, taan, bela_article):
    with pytest.raises(ValidationError, match="milik desa lain"):
        OldLink(village=taan, path="/rahasia/", article=bela_article).full_clean()
    OldLink.objects.create(village=taan, path="/rahasia", article=bela_article)
    assert _get(client, "taan", "/rahasia/").status_code == 404


def test_the_page_cache_keeps_no_redirect_and_a_new_or_removed_link_counts_at_once(client, taan, taan_article):
    assert _get(client, "taan", "/lama/").status_code == 404
    link = OldLink.objects.create(village=taan, path="/lama", article=taan_article)
    first, second = _get(client, "taan", "/lama/"), _get(client, "taan", "/lama/")
    assert first.status_code == second.status_code == 301
    assert second.get("X-Cache") != "hit"
    link.delete()
    assert _get(client, "taan", "/lama/").status_code == 404


def test_the_home_page_cached_does_not_hide_a_wordpress_id_link(client, moved):
    _get(client, "taan", "/")
    assert _get(client, "taan", "/").get("X-Cache") == "hit"
    assert _get(client, "taan", "/?p=11").status_code == 301


def test_staff_add_an_old_address_in_the_admin(client, district_staff, taan, taan_article):
    client.force_login(district_staff)
    response = client.post("/admin/imports/oldlink/add/", {
        "village": taan.pk, "path": "/2019/01/panen-kakao-lama/", "article": taan_article.pk, "target": "",
    }, HTTP_HOST=host())
    assert response.status_code == 302
    assert _get(client, "taan", "/2019/01/panen-kakao-lama/")["Location"] == "/berita/panen-kakao/"


def test_the_admin_refuses_an_old_address_to_another_villages_article(client, district_staff, taan, bela_article):
    client.force_login(district_staff)
    response = client.post("/admin/imports/oldlink/add/", {
        "village": taan.pk, "path": "/lama/", "article": bela_article.pk, "target": "",
    }, HTTP_HOST=host())
    assert response.status_code == 400
    assert not OldLink.objects.exists()


def test_village_members_cannot_open_the_old_addresses_admin(client, taan_publisher):
    client.force_login(taan_publisher)
    response = client.get("/admin/imports/oldlink/", HTTP_HOST=host())
    assert response.status_code in (302, 403)
