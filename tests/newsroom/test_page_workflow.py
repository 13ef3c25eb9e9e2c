"""A village page goes through the newsroom as an article does: submitting
tells the village's publishers, sending back (with a note, shown on the
page editor) and publishing tell whoever wrote it, in the newsroom, by
email and as a WhatsApp message ready to send; deleting goes to a trash it
can be restored from. Nothing reaches another village's people, and no one
outside the village moves a page."""

import pytest
from django.core import mail
from django.test import override_settings

from articles.models import Article
from newsroom.models import Notification
from tests.conftest import host
from villagepages.models import Page
from villages.models import Membership

BASE = host()
T = Article.Transition
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _url(page, suffix=""):
    return f"/redaksi/{page.village.slug}/halaman/{page.pk}/{suffix}"


def _form(page, **changes):
    return {"title": page.title, "body": page.body or "<p>Isi.</p>", "edited_version": page.updated.isoformat(),
            "action": "save", "form_end": "1", **changes}


def _post(client, user, path, data=None, **extra):
    client.force_login(user)
    return client.post(path, data or {}, HTTP_HOST=BASE, **extra)


def _get(client, user, path):
    client.force_login(user)
    return client.get(path, HTTP_HOST=BASE)


def _told(user):
    return list(Notification.objects.for_user(user).values_list("transition", "page__slug"))


@pytest.fixture
def sejarah(taan):
    return Page.objects.get(village=taan, slug="sejarah")


@pytest.fixture
def waiting(client, sejarah, taan_editor, taan_publisher):
    """Sejarah, written by Taan's editor and submitted for review."""
    _post(client, taan_editor, _url(sejarah), _form(sejarah, body="<p>Kampung dibuka para tetua.</p>", action="submit"))
    sejarah.refresh_from_db()
    assert sejarah.status == "review"
    client.logout()
    return sejarah


@pytest.fixture
def live(sejarah):
    sejarah.body, sejarah.status = "<p>Kampung dibuka para tetua.</p>", "published"
    sejarah.save()
    return sejarah


# Who is told.


def test_submitting_a_page_tells_the_villages_publishers_and_no_one_else(
        waiting, taan_editor, taan_publisher, bela_editor, bela_publisher, district_staff):
    assert _told(taan_publisher) == [(T.SUBMITTED, "sejarah")]
    assert _told(taan_editor) == _told(bela_publisher) == _told(bela_editor) == _told(district_staff) == []


def test_saving_a_page_while_it_waits_does_not_tell_the_publishers_again(client, waiting, taan_editor, taan_publisher):
    _post(client, taan_editor, _url(waiting), _form(waiting, body="<p>Ditambah satu kalimat.</p>", action="submit"))
    _post(client, taan_editor, _url(waiting), _form(Page.objects.get(pk=waiting.pk), action="save"))
    assert _told(taan_publisher) == [(T.SUBMITTED, "sejarah")]


def test_sending_a_page_back_tells_its_writer_with_the_note(client, waiting, taan_editor, taan_publisher):
    response = _post(client, taan_publisher, _url(waiting, "kembalikan/"), {"note": "Tambahkan nama kepala desa pertama."})
    assert response.status_code == 302
    notification = Notification.objects.get(recipient=taan_editor)
    assert (notification.transition, notification.page, notification.village.slug) == (T.SENT_BACK, waiting, "taan")
    assert "Tambahkan nama kepala desa pertama." in notification.message
    assert notification.subject == "Halaman dikembalikan untuk diperbaiki"


def test_publishing_a_page_tells_its_writer(client, waiting, taan_editor, taan_publisher):
    _post(client, taan_publisher, _url(waiting), _form(waiting, action="publish"))
    assert _told(taan_editor) == [(T.PUBLISHED, "sejarah")]
    assert Notification.objects.get(recipient=taan_editor).message == "Halaman “Sejarah” sudah terbit."


def test_a_publisher_publishing_their_own_page_tells_no_one(client, sejarah, taan_editor, taan_publisher):
    _post(client, taan_publisher, _url(sejarah), _form(sejarah, body="<p>Ditulis penerbit.</p>", action="publish"))
    assert not Notification.objects.exists()


def test_a_writer_who_has_left_for_another_village_is_not_told(client, waiting, taan_editor, taan_publisher, bela):
    Membership.objects.filter(user=taan_editor).update(village=bela)
    _post(client, taan_publisher, _url(waiting, "kembalikan/"), {"note": "Tambahkan nama kepala desa pertama."})
    assert not Notification.objects.filter(recipient=taan_editor).exists()


def test_the_count_and_the_list_show_a_page_waiting(client, waiting, taan_publisher):
    home = _get(client, taan_publisher, "/redaksi/taan/").content.decode()
    assert 'aria-label="1 belum dibaca">1</span>' in home
    listing = _get(client, taan_publisher, "/redaksi/kabar/").content.decode()
    assert "Halaman menunggu tinjauan" in listing and "mengajukan halaman “Sejarah” untuk ditinjau." in listing
    assert f"/redaksi/taan/halaman/{waiting.pk}/" in listing


def test_the_editor_who_submits_gets_a_whatsapp_message_ready_for_the_publishers(client, sejarah, taan_editor, taan_publisher):
    taan_publisher.whatsapp = "6281244556677"
    taan_publisher.save()
    response = _post(client, taan_editor, _url(sejarah), _form(sejarah, body="<p>Cerita.</p>", action="submit"), follow=True)
    html = response.content.decode()
    assert "https://wa.me/6281244556677?text=" in html
    assert f"%2Fredaksi%2Ftaan%2Fhalaman%2F{sejarah.pk}%2F" in html


def test_the_publisher_who_sends_back_gets_a_whatsapp_message_ready_for_the_writer(client, waiting, taan_editor, taan_publisher):
    taan_editor.whatsapp = "6281355667788"
    taan_editor.save()
    response = _post(client, taan_publisher, _url(waiting, "kembalikan/"), {"note": "Tambahkan tahun berdirinya."},
                     follow=True)
    assert "https://wa.me/6281355667788?text=" in response.content.decode()


@override_settings(KIM_EMAIL_NOTIFICATIONS=True, TASKS=IMMEDIATE)
def test_email_goes_to_the_publishers_who_want_it(client, sejarah, taan_editor, taan_publisher, bela_publisher,
                                                  django_capture_on_commit_callbacks):
    taan_publisher.email = "ketua@taan.test"
    taan_publisher.save()
    bela_publisher.email = "ketua@bela.test"
    bela_publisher.save()
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, taan_editor, _url(sejarah), _form(sejarah, body="<p>Cerita.</p>", action="submit"))
    assert [m.to for m in mail.outbox] == [["ketua@taan.test"]]
    assert "Sejarah" in mail.outbox[0].body and f"/redaksi/taan/halaman/{sejarah.pk}/" in mail.outbox[0].body


# Sending back.


def test_the_editor_sees_the_publishers_note_on_the_page_editor(client, waiting, taan_editor, taan_publisher):
    _post(client, taan_publisher, _url(waiting, "kembalikan/"), {"note": "Tambahkan nama kepala desa pertama."})
    waiting.refresh_from_db()
    assert (waiting.status, waiting.review_note) == ("draft", "Tambahkan nama kepala desa pertama.")
    html = _get(client, taan_editor, _url(waiting)).content.decode()
    assert "Catatan penerbit:" in html and "Tambahkan nama kepala desa pertama." in html


def test_submitting_again_clears_the_note(client, waiting, taan_editor, taan_publisher):
    waiting.send_back(taan_publisher, "Tambahkan nama kepala desa pertama.")
    _post(client, taan_editor, _url(waiting), _form(Page.objects.get(pk=waiting.pk), action="submit"))
    waiting.refresh_from_db()
    assert (waiting.status, waiting.review_note) == ("review", "")


def test_a_publisher_reviewing_a_page_is_offered_to_send_it_back(client, waiting, taan_publisher):
    html = _get(client, taan_publisher, _url(waiting)).content.decode()
    assert f'action="{_url(waiting, "kembalikan/")}"' in html


def test_a_send_back_without_a_note_is_refused_in_indonesian_and_keeps_what_was_typed(client, waiting, taan_publisher):
    response = _post(client, taan_publisher, _url(waiting, "kembalikan/"), {"note": "ok"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Catatan terlalu pendek" in html and ">ok</textarea>" in html
    waiting.refresh_from_db()
    assert waiting.status == "review"


def test_a_page_not_waiting_for_review_is_not_sent_back(client, live, taan_publisher):
    response = _post(client, taan_publisher, _url(live, "kembalikan/"), {"note": "Tolong perbaiki ejaan."})
    assert response.status_code == 400
    assert "Hanya halaman yang menunggu tinjauan" in response.content.decode()
    live.refresh_from_db()
    assert live.is_public and not Notification.objects.exists()


def test_an_editor_may_not_send_a_page_back(client, waiting, taan_editor):
    assert _post(client, taan_editor, _url(waiting, "kembalikan/"), {"note": "Saya kembalikan sendiri."}).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == "review"


@pytest.mark.parametrize("who", ["bela_editor", "bela_publisher"])
def test_another_villages_member_cannot_send_back_and_no_one_is_told(client, request, waiting, taan_editor, who):
    response = _post(client, request.getfixturevalue(who), _url(waiting, "kembalikan/"), {"note": "DIBAJAK dari Bela."})
    assert response.status_code == 404
    waiting.refresh_from_db()
    assert (waiting.status, waiting.review_note) == ("review", "")
    assert not Notification.objects.filter(recipient=taan_editor).exists()


def test_anonymous_cannot_send_back(client, waiting):
    response = client.post(_url(waiting, "kembalikan/"), {"note": "Dari luar sistem."}, HTTP_HOST=BASE)
    assert response.status_code == 302 and "/masuk/" in response["Location"]
    waiting.refresh_from_db()
    assert waiting.status == "review"


# The trash.


def test_deleting_a_page_moves_it_to_a_trash_it_can_be_restored_from(client, live, taan_publisher):
    response = _post(client, taan_publisher, _url(live, "hapus/"))
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.deleted_at is not None and not live.is_public
    trash = _get(client, taan_publisher, "/redaksi/taan/sampah/").content.decode()
    assert "Sejarah" in trash and f"/redaksi/taan/sampah/halaman/{live.pk}/pulihkan/" in trash
    _post(client, taan_publisher, f"/redaksi/taan/sampah/halaman/{live.pk}/pulihkan/")
    live.refresh_from_db()
    assert live.deleted_at is None and live.is_public


def test_a_trashed_page_leaves_the_newsroom_list_and_does_not_open(client, sejarah, taan_editor):
    _post(client, taan_editor, _url(sejarah, "hapus/"))
    listing = _get(client, taan_editor, "/redaksi/taan/halaman/").content.decode()
    assert f"/redaksi/taan/halaman/{sejarah.pk}/" not in listing
    assert _get(client, taan_editor, _url(sejarah)).status_code == 404


def test_an_editor_may_delete_a_draft_page_but_not_a_live_one(client, sejarah, taan, taan_editor):
    kontak = Page.objects.get(village=taan, slug="kontak")
    kontak.body, kontak.status = "<p>Kantor desa.</p>", "published"
    kontak.save()
    assert _post(client, taan_editor, _url(sejarah, "hapus/")).status_code == 302
    assert _post(client, taan_editor, _url(kontak, "hapus/")).status_code == 403
    assert Page.objects.in_trash().get() == sejarah


def test_an_editor_cannot_put_back_online_a_live_page_the_publisher_deleted(client, live, taan_editor, taan_publisher):
    live.move_to_trash(taan_publisher)
    assert _post(client, taan_editor, f"/redaksi/taan/sampah/halaman/{live.pk}/pulihkan/").status_code == 403
    live.refresh_from_db()
    assert live.deleted_at is not None


def test_an_editor_is_not_offered_to_delete_a_live_page(client, live, taan_editor):
    assert _url(live, "hapus/") not in _get(client, taan_editor, _url(live)).content.decode()


@pytest.mark.parametrize("who", ["bela_editor", "bela_publisher"])
def test_another_villages_member_cannot_delete_restore_or_see_the_trash(client, request, live, taan, who):
    user = request.getfixturevalue(who)
    assert _post(client, user, _url(live, "hapus/")).status_code == 404
    kontak = Page.objects.get(village=taan, slug="kontak")
    Page.objects.filter(pk=kontak.pk).update(title="RAHASIA-SAMPAH", deleted_at="2026-11-01T00:00:00Z")
    assert _post(client, user, f"/redaksi/taan/sampah/halaman/{kontak.pk}/pulihkan/").status_code == 404
    assert _post(client, user, f"/redaksi/bela/sampah/halaman/{kontak.pk}/pulihkan/").status_code == 404
    assert b"RAHASIA-SAMPAH" not in _get(client, user, "/redaksi/bela/sampah/").content
    live.refresh_from_db()
    assert live.deleted_at is None
    assert Page.objects.in_trash().get() == kontak


def test_anonymous_cannot_delete(client, live):
    response = client.post(_url(live, "hapus/"), HTTP_HOST=BASE)
    assert response.status_code == 302 and "/masuk/" in response["Location"]
    live.refresh_from_db()
    assert live.deleted_at is None


def test_deleting_needs_post(client, live, taan_publisher):
    assert _get(client, taan_publisher, _url(live, "hapus/")).status_code == 405
    live.refresh_from_db()
    assert live.deleted_at is None


# What is typed is kept on the phone until the server has it.


def test_the_page_editor_keeps_a_copy_on_the_phone_under_a_key_of_its_own(client, sejarah, taan_editor):
    html = _get(client, taan_editor, _url(sejarah)).content.decode()
    assert f'data-story-form data-draft-key="kim:draft:{taan_editor.pk}:taan:halaman-{sejarah.pk}"' in html
    assert "newsroom/newsroom.js" in html and "data-offline-note" in html


def test_after_a_save_the_next_page_says_which_kept_copies_to_forget(client, taan, taan_editor):
    response = _post(client, taan_editor, "/redaksi/taan/halaman/baru/",
                     {"title": "Wisata Pantai", "body": "<p>Pantai.</p>", "action": "save", "form_end": "1"}, follow=True)
    page = Page.objects.get(title="Wisata Pantai")
    assert (f'data-draft-saved="kim:draft:{taan_editor.pk}:taan:halaman-baru '
            f'kim:draft:{taan_editor.pk}:taan:halaman-{page.pk}"') in response.content.decode()


def test_a_refused_page_keeps_its_copy_on_the_phone(client, sejarah, taan_publisher):
    response = _post(client, taan_publisher, _url(sejarah), _form(sejarah, title="", body="<p>Teks panjang saya.</p>"))
    assert response.status_code == 400
    assert "data-draft-saved" not in response.content.decode()


# One action bar for the write form and the page editor.


def test_the_write_form_and_the_page_editor_share_their_action_bar(client, sejarah, taan_editor):
    write = _get(client, taan_editor, "/redaksi/taan/tulis/").content.decode()
    edit = _get(client, taan_editor, _url(sejarah)).content.decode()
    for html in (write, edit):
        bar = html[html.index('<div class="actions sticky">'):]
        bar = bar[:bar.index("</div>")]
        assert ">Simpan draf</button>" in bar and ">Ajukan ke penerbit</button>" in bar
    assert "data-checks-privacy" in write and "data-checks-privacy" not in edit


def test_a_page_waiting_for_review_is_not_submitted_twice(client, waiting, taan_editor):
    html = _get(client, taan_editor, _url(waiting)).content.decode()
    assert 'value="submit"' not in html and ">Simpan draf</button>" in html


def test_the_page_list_shows_a_page_sent_back_with_its_note(client, waiting, taan_editor, taan_publisher):
    waiting.send_back(taan_publisher, "Tambahkan nama kepala desa pertama.")
    html = _get(client, taan_editor, "/redaksi/taan/halaman/").content.decode()
    row = html[html.index(f'id="halaman-{waiting.pk}"'):]
    row = row[:row.index("</li>")]
    assert "Dikembalikan" in row and "Tambahkan nama kepala desa pertama." in row
