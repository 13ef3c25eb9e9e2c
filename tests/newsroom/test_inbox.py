"""The KIM's inbox of residents' messages: every member reads them; only
publishers (and the district) see who sent them and pass one to the
district; another village's people find nothing."""

import pytest
from django.core import mail
from django.test import override_settings

from newsroom.models import Notification
from tests.conftest import host
from tips.models import Tip

BASE = host()
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def hoax(taan):
    return Tip.objects.create(
        village=taan, kind="hoaks", message="Pesan berantai: bantuan tunai Rp 3,5 juta, isi data KTP di tautan.",
        sender_name="Ibu Hasna Pelapor", sender_phone="6281390012345",
    )


def _inbox(client, user, suffix=""):
    client.force_login(user)
    return client.get(f"/redaksi/taan/kotak-masuk/{suffix}", HTTP_HOST=BASE)


def test_an_editor_reads_the_message_but_not_who_sent_it(client, taan_editor, hoax):
    for response in (_inbox(client, taan_editor), _inbox(client, taan_editor, f"{hoax.pk}/")):
        page = response.content.decode()
        assert response.status_code == 200
        assert "bantuan tunai" in page
        assert "Ibu Hasna Pelapor" not in page and "6281390012345" not in page and "wa.me" not in page


def test_a_publisher_sees_who_sent_it_and_may_answer_on_whatsapp(client, taan_publisher, hoax):
    page = _inbox(client, taan_publisher, f"{hoax.pk}/").content.decode()
    assert "Ibu Hasna Pelapor" in page and "6281390012345" in page
    assert "https://wa.me/6281390012345?text=" in page


def test_the_list_never_shows_who_sent_a_message(client, taan_publisher, hoax):
    page = _inbox(client, taan_publisher).content.decode()
    assert "Ibu Hasna Pelapor" not in page and "6281390012345" not in page


def test_opening_a_message_marks_it_read(client, taan_editor, hoax):
    assert "Baru" in _inbox(client, taan_editor).content.decode()
    _inbox(client, taan_editor, f"{hoax.pk}/")
    hoax.refresh_from_db()
    assert hoax.read_at is not None


def test_the_inbox_filters_by_kind(client, taan_editor, hoax, taan):
    Tip.objects.create(village=taan, kind="tanya", message="Kapan pendaftaran beasiswa dibuka?")
    page = _inbox(client, taan_editor, "?jenis=tanya").content.decode()
    assert "beasiswa" in page and "bantuan tunai" not in page


@pytest.mark.parametrize("who", ["bela_publisher", "bela_editor"])
def test_another_villages_members_cannot_read_pass_or_even_find_this_inbox(client, request, who, hoax):
    outsider = request.getfixturevalue(who)
    client.force_login(outsider)
    for path in ("/redaksi/taan/kotak-masuk/", f"/redaksi/taan/kotak-masuk/{hoax.pk}/"):
        response = client.get(path, HTTP_HOST=BASE)
        assert response.status_code == 404
        assert b"bantuan tunai" not in response.content
    assert client.post(f"/redaksi/taan/kotak-masuk/{hoax.pk}/teruskan/", HTTP_HOST=BASE).status_code == 404
    hoax.refresh_from_db()
    assert hoax.passed_at is None


def test_a_message_of_another_village_is_not_found_through_ones_own_inbox(client, bela_publisher, hoax):
    client.force_login(bela_publisher)
    response = client.get(f"/redaksi/bela/kotak-masuk/{hoax.pk}/", HTTP_HOST=BASE)
    assert response.status_code == 404
    assert client.post(f"/redaksi/bela/kotak-masuk/{hoax.pk}/teruskan/", HTTP_HOST=BASE).status_code == 404
    hoax.refresh_from_db()
    assert hoax.passed_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client, hoax):
    response = client.get(f"/redaksi/taan/kotak-masuk/{hoax.pk}/", HTTP_HOST=BASE)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_an_editor_cannot_pass_a_message_to_the_district(client, taan_editor, hoax):
    client.force_login(taan_editor)
    assert client.post(f"/redaksi/taan/kotak-masuk/{hoax.pk}/teruskan/", HTTP_HOST=BASE).status_code == 403
    hoax.refresh_from_db()
    assert hoax.passed_at is None


def test_a_publisher_passes_a_hoax_report_to_the_district_once(client, taan_publisher, district_staff, hoax):
    client.force_login(taan_publisher)
    for _ in range(2):
        response = client.post(f"/redaksi/taan/kotak-masuk/{hoax.pk}/teruskan/", HTTP_HOST=BASE)
        assert response.status_code == 302
    hoax.refresh_from_db()
    assert hoax.passed_by == taan_publisher and hoax.passed_at is not None
    told = Notification.objects.filter(recipient=district_staff, tip=hoax)
    assert told.count() == 1
    assert "meneruskan" in told.get().message


def test_a_new_message_tells_the_villages_members_and_no_one_else(client, taan, taan_editor, taan_publisher, bela_publisher,
                                                                  district_staff, django_capture_on_commit_callbacks):
    from tests.tips.helpers import send

    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, taan).status_code == 302
    tip = Tip.objects.get()
    for member in (taan_editor, taan_publisher):
        notification = Notification.objects.get(recipient=member)
        assert notification.tip == tip and notification.subject == "Pesan baru dari warga"
        assert notification.newsroom_url().endswith(f"/redaksi/taan/kotak-masuk/{tip.pk}/")
    assert not Notification.objects.filter(recipient__in=[bela_publisher, district_staff]).exists()


@override_settings(KIM_EMAIL_NOTIFICATIONS=True, TASKS=IMMEDIATE)
def test_the_email_about_a_new_message_names_neither_the_sender_nor_the_text(client, taan, taan_editor,
                                                                             django_capture_on_commit_callbacks):
    from tests.tips.helpers import send

    taan_editor.email = "editor@taan.test"
    taan_editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, taan, message="Kabar rahasia tentang jembatan dusun atas yang rusak.")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert "Pesan baru dari warga" in email.subject
    for secret in ("Ibu Hasna", "6281390012345", "0813", "jembatan"):
        assert secret not in email.body and secret not in email.subject
    assert "/redaksi/taan/kotak-masuk/" in email.body


def test_the_newsroom_menu_counts_unread_messages(client, taan_editor, hoax):
    client.force_login(taan_editor)
    page = client.get("/redaksi/taan/", HTTP_HOST=BASE).content.decode()
    assert "Kotak masuk <span class=\"count\">1" in page
