"""The newsroom's screens for a village's own pages: the same workflow as
articles (editors write and submit, publishers publish, once live only a
publisher changes it), order and visibility by publishers, revisions; and
another village's members, editors and outsiders attacking all of it."""

import pytest

from tests.conftest import host
from villagepages.models import Page

BASE = host()


def _url(page, suffix=""):
    return f"/redaksi/{page.village.slug}/halaman/{page.pk}/{suffix}"


def _form(page, **changes):
    return {"title": page.title, "body": page.body or "<p>Isi.</p>", "edited_version": page.updated.isoformat(),
            "action": "save", "form_end": "1", **changes}


def _post(client, user, path, data=None):
    client.force_login(user)
    return client.post(path, data or {}, HTTP_HOST=BASE)


def _get(client, user, path):
    client.force_login(user)
    return client.get(path, HTTP_HOST=BASE)


@pytest.fixture
def sejarah(taan):
    return Page.objects.get(village=taan, slug="sejarah")


@pytest.fixture
def live(sejarah):
    sejarah.body, sejarah.status = "<p>Kampung dibuka para tetua.</p>", "published"
    sejarah.save()
    return sejarah


def test_the_list_shows_every_page_in_menu_order(client, taan_editor, taan):
    html = _get(client, taan_editor, f"/redaksi/{taan.slug}/halaman/").content.decode()
    assert html.index("Profil desa") < html.index("Sejarah") < html.index("Kontak")


def test_the_publisher_finds_the_sites_identity_beside_its_pages(client, taan_publisher, taan_editor, taan):
    identity = f'href="/redaksi/{taan.slug}/identitas/"'
    assert identity in _get(client, taan_publisher, f"/redaksi/{taan.slug}/halaman/").content.decode()
    assert identity not in _get(client, taan_editor, f"/redaksi/{taan.slug}/halaman/").content.decode()


def test_an_editor_saves_a_draft_and_a_revision_is_kept(client, taan_editor, sejarah):
    response = _post(client, taan_editor, _url(sejarah), _form(sejarah, body="<p>Cerita asal-usul.</p>"))
    assert response.status_code == 302
    sejarah.refresh_from_db()
    assert (sejarah.body, sejarah.status) == ("<p>Cerita asal-usul.</p>", "draft")
    assert sejarah.revisions.get().author == taan_editor


def test_an_editor_submits_and_the_page_waits_for_a_publisher(client, taan_editor, sejarah):
    _post(client, taan_editor, _url(sejarah), _form(sejarah, body="<p>Cerita.</p>", action="submit"))
    sejarah.refresh_from_db()
    assert sejarah.status == "review" and not sejarah.is_public


def test_an_editor_may_not_publish(client, taan_editor, sejarah):
    response = _post(client, taan_editor, _url(sejarah), _form(sejarah, body="<p>Cerita.</p>", action="publish"))
    assert response.status_code == 403
    sejarah.refresh_from_db()
    assert sejarah.status == "draft"


def test_a_publisher_publishes_and_the_page_is_public(client, taan_publisher, sejarah):
    _post(client, taan_publisher, _url(sejarah), _form(sejarah, body="<p>Cerita.</p>", action="publish"))
    sejarah.refresh_from_db()
    assert sejarah.is_public and sejarah.published_at is not None


def test_an_empty_page_is_not_published(client, taan_publisher, sejarah):
    response = _post(client, taan_publisher, _url(sejarah), _form(sejarah, body="", action="publish"))
    assert response.status_code == 400
    assert "Isi halaman masih kosong" in response.content.decode()
    sejarah.refresh_from_db()
    assert sejarah.status == "draft"


def test_once_live_an_editor_may_not_change_it(client, taan_editor, live):
    response = _post(client, taan_editor, _url(live), _form(live, title="Diubah editor"))
    assert response.status_code == 403
    live.refresh_from_db()
    assert live.title == "Sejarah"


def test_once_live_an_editor_reads_it_and_is_told_who_may_change_it(client, taan_editor, live):
    html = _get(client, taan_editor, _url(live)).content.decode()
    assert "Kampung dibuka para tetua." in html and "hanya dapat diubah oleh penerbit" in html
    assert 'name="title"' not in html


def test_where_editors_may_publish_an_editor_changes_a_live_page(client, taan_editor, live, taan):
    taan.editors_may_publish = True
    taan.save()
    _post(client, taan_editor, _url(live), _form(live, title="Sejarah desa"))
    live.refresh_from_db()
    assert live.title == "Sejarah desa"


def test_a_refused_form_keeps_what_was_typed(client, taan_publisher, sejarah):
    response = _post(client, taan_publisher, _url(sejarah), _form(sejarah, title="", body="<p>Teks panjang saya.</p>"))
    assert response.status_code == 400
    assert "Teks panjang saya." in response.content.decode()


def test_a_form_cut_off_on_the_way_changes_nothing(client, taan_publisher, sejarah):
    data = _form(sejarah, body="<p>Separuh</p>")
    del data["form_end"]
    response = _post(client, taan_publisher, _url(sejarah), data)
    assert response.status_code == 400
    sejarah.refresh_from_db()
    assert sejarah.body == ""


def test_a_save_made_meanwhile_by_someone_else_is_not_overwritten(client, taan_publisher, sejarah):
    opened = _form(sejarah, body="<p>Versi saya.</p>")
    Page.objects.filter(pk=sejarah.pk).update(body="<p>Versi rekan.</p>", updated="2030-01-01T00:00:00Z")
    response = _post(client, taan_publisher, _url(sejarah), opened)
    assert response.status_code == 400
    sejarah.refresh_from_db()
    assert sejarah.body == "<p>Versi rekan.</p>"


def test_an_image_from_elsewhere_is_refused(client, taan_publisher, sejarah):
    body = '<figure class="image"><img src="/media/villages/bela/photos/abc/800.jpg"></figure>'
    response = _post(client, taan_publisher, _url(sejarah), _form(sejarah, body=body))
    assert response.status_code == 400


def test_an_editor_adds_a_page_at_the_end_of_the_menu(client, taan_editor, taan):
    _post(client, taan_editor, f"/redaksi/{taan.slug}/halaman/baru/",
          {"title": "Wisata Pantai", "body": "<p>Pantai.</p>", "action": "save", "form_end": "1"})
    page = Page.objects.get(village=taan, title="Wisata Pantai")
    assert page.slug == "wisata-pantai" and page.status == "draft"
    assert Page.objects.for_village(taan).in_menu_order().last() == page


def test_a_publisher_moves_a_page_up_and_down(client, taan_publisher, taan, sejarah):
    _post(client, taan_publisher, _url(sejarah, "urutan/"), {"arah": "naik"})
    assert Page.objects.for_village(taan).in_menu_order().first() == sejarah
    _post(client, taan_publisher, _url(sejarah, "urutan/"), {"arah": "turun"})
    _post(client, taan_publisher, _url(sejarah, "urutan/"), {"arah": "turun"})
    assert list(Page.objects.for_village(taan).in_menu_order().values_list("slug", flat=True))[:3] == \
        ["profil", "visi-misi", "sejarah"]


def test_the_first_page_does_not_move_further_up(client, taan_publisher, taan):
    first = Page.objects.for_village(taan).in_menu_order().first()
    _post(client, taan_publisher, _url(first, "urutan/"), {"arah": "naik"})
    assert Page.objects.for_village(taan).in_menu_order().first() == first


def test_an_unknown_direction_is_a_clear_400(client, taan_publisher, sejarah):
    response = _post(client, taan_publisher, _url(sejarah, "urutan/"), {"arah": "samping"})
    assert response.status_code == 400
    assert "Arah tidak dikenal" in response.content.decode()


def test_an_editor_may_not_reorder(client, taan_editor, taan, sejarah):
    before = list(Page.objects.for_village(taan).in_menu_order())
    assert _post(client, taan_editor, _url(sejarah, "urutan/"), {"arah": "naik"}).status_code == 403
    assert list(Page.objects.for_village(taan).in_menu_order()) == before


def test_a_publisher_hides_and_shows_a_live_page(client, taan_publisher, live):
    _post(client, taan_publisher, _url(live, "tampil/"), {"tampil": "0"})
    live.refresh_from_db()
    assert not live.is_public
    _post(client, taan_publisher, _url(live, "tampil/"), {"tampil": "1"})
    live.refresh_from_db()
    assert live.is_public


def test_an_editor_may_not_hide_a_live_page(client, taan_editor, live):
    assert _post(client, taan_editor, _url(live, "tampil/"), {"tampil": "0"}).status_code == 403
    live.refresh_from_db()
    assert live.is_public


def test_a_publisher_restores_a_revision(client, taan_publisher, live):
    old = live.snapshot(taan_publisher)
    _post(client, taan_publisher, _url(live), _form(live, body="<p>Teks baru yang salah.</p>"))
    response = _get(client, taan_publisher, _url(live, f"riwayat/?rev={old.pk}"))
    assert "Revisi terpilih" in response.content.decode() and "salah" in response.content.decode()
    _post(client, taan_publisher, _url(live, f"riwayat/{old.pk}/pulihkan/"))
    live.refresh_from_db()
    assert live.body == "<p>Kampung dibuka para tetua.</p>"


def test_an_editor_may_not_restore_a_revision_of_a_live_page(client, taan_editor, live):
    old = live.snapshot(None)
    Page.objects.filter(pk=live.pk).update(body="<p>Sekarang.</p>")
    assert _post(client, taan_editor, _url(live, f"riwayat/{old.pk}/pulihkan/")).status_code == 403
    live.refresh_from_db()
    assert live.body == "<p>Sekarang.</p>"


def test_the_preview_shows_a_draft_as_readers_will_see_it(client, taan_editor, sejarah):
    Page.objects.filter(pk=sejarah.pk).update(body="<p>Draf sejarah.</p>")
    response = _get(client, taan_editor, _url(sejarah, "pratinjau/"))
    assert "Draf sejarah." in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


# Another village's members, and everyone else, find nothing.

PATHS = ["", "pratinjau/", "riwayat/"]


@pytest.mark.parametrize("who", ["bela_editor", "bela_publisher"])
@pytest.mark.parametrize("suffix", PATHS)
def test_another_villages_member_cannot_open_a_page(client, request, sejarah, who, suffix):
    Page.objects.filter(pk=sejarah.pk).update(body="<p>RAHASIA-SEJARAH</p>")
    response = _get(client, request.getfixturevalue(who), _url(sejarah, suffix))
    assert response.status_code == 404
    assert b"RAHASIA-SEJARAH" not in response.content


@pytest.mark.parametrize("who", ["bela_editor", "bela_publisher"])
def test_another_villages_member_cannot_change_publish_hide_or_move(client, request, live, taan, who):
    user = request.getfixturevalue(who)
    before = list(Page.objects.for_village(taan).in_menu_order().values_list("pk", "position"))
    old = live.snapshot(None)
    for path, data in [
        (_url(live), _form(live, title="DIBAJAK", action="publish")),
        (_url(live, "tampil/"), {"tampil": "0"}),
        (_url(live, "urutan/"), {"arah": "naik"}),
        (_url(live, f"riwayat/{old.pk}/pulihkan/"), {}),
        (f"/redaksi/{taan.slug}/halaman/baru/", {"title": "DIBAJAK", "body": "<p>x</p>", "form_end": "1"}),
    ]:
        assert _post(client, user, path, data).status_code == 404, path
    live.refresh_from_db()
    assert (live.title, live.is_public) == ("Sejarah", True)
    assert list(Page.objects.for_village(taan).in_menu_order().values_list("pk", "position")) == before
    assert not Page.objects.filter(title="DIBAJAK").exists()


def test_a_bela_publisher_cannot_reach_a_taan_page_through_bela(client, bela_publisher, bela, sejarah):
    response = _post(client, bela_publisher, f"/redaksi/{bela.slug}/halaman/{sejarah.pk}/", _form(sejarah, title="DIBAJAK"))
    assert response.status_code == 404
    sejarah.refresh_from_db()
    assert sejarah.title == "Sejarah"


def test_anonymous_is_sent_to_sign_in(client, sejarah):
    response = client.post(_url(sejarah, "tampil/"), {"tampil": "0"}, HTTP_HOST=BASE)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_the_map_hint_shows_only_on_the_map_page(client, taan_editor, taan):
    for slug, shown in (("peta", True), ("sejarah", False)):
        page = _get(client, taan_editor, _url(Page.objects.get(village=taan, slug=slug))).content.decode()
        assert ("Unggah gambar peta" in page) is shown, slug
