"""Who is told what, in the newsroom, by email and as a WhatsApp message
ready to send."""


import pytest
from django.core import mail
from django.test import override_settings

from articles.models import Article
from newsroom.models import Notification
from tests.factories import ArticleFactory, KecamatanFactory
from tests.newsroom.helpers import BASE, article_url, story, write_url
from villages.models import Membership

T = Article.Transition
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _told(user):
    return list(Notification.objects.for_user(user).values_list("transition", flat=True))


@pytest.fixture
def waiting(taan, taan_editor):
    return ArticleFactory(village=taan, title="Posyandu bulan ini", status="review", published_at=None, author=taan_editor)


def test_submitting_tells_the_villages_publishers_and_no_one_else(client, taan_editor, taan_publisher, bela_publisher, taan):
    client.force_login(taan_editor)
    client.post(write_url(taan), story(action="submit"), HTTP_HOST=BASE)
    assert _told(taan_publisher) == [T.SUBMITTED]
    assert _told(bela_publisher) == [] and _told(taan_editor) == []


def test_publishing_scheduling_and_sending_back_tell_the_author(client, taan_publisher, taan_editor, waiting):
    client.force_login(taan_publisher)
    client.post(article_url(waiting, "tinjau/"), {"action": "send_back", "note": "Tambah nama bidan."}, HTTP_HOST=BASE)
    waiting.submit(taan_editor)
    client.post(article_url(waiting, "tinjau/"), {"action": "publish"}, HTTP_HOST=BASE)
    assert _told(taan_editor) == [T.PUBLISHED, T.SENT_BACK]
    sent_back = Notification.objects.get(recipient=taan_editor, transition=T.SENT_BACK)
    assert "Tambah nama bidan." in sent_back.message


def test_a_take_down_and_a_restore_tell_the_publishers_and_the_author(taan_article, taan_publisher, taan_editor, district_staff):
    Article.objects.filter(pk=taan_article.pk).update(author=taan_editor)
    taan_article.refresh_from_db()
    taan_article.take_down(district_staff, "Memuat data pribadi warga.")
    taan_article.restore_after_takedown(district_staff, "Sudah diperbaiki.")
    for person in (taan_publisher, taan_editor):
        assert _told(person) == [T.RESTORED, T.TAKEN_DOWN]
    assert "Memuat data pribadi warga." in Notification.objects.get(recipient=taan_editor, transition=T.TAKEN_DOWN).message


def test_an_editor_asking_for_a_change_tells_the_publishers(client, taan_editor, taan_publisher, taan_article):
    client.force_login(taan_editor)
    response = client.post(article_url(taan_article, "minta-perubahan/"), {"note": "Nama kepala dusun salah ketik."}, HTTP_HOST=BASE)
    assert response.status_code == 302
    notification = Notification.objects.get(recipient=taan_publisher)
    assert notification.transition == T.CHANGE_REQUESTED and "salah ketik" in notification.message


def test_a_new_district_announcement_tells_the_publishers_of_the_villages_it_is_for(client, district_staff, taan_publisher, bela_publisher, taan, bela):
    kecamatan = KecamatanFactory(name="Tapalang", slug="tapalang")
    taan.kecamatan = kecamatan
    taan.save()
    client.force_login(district_staff)
    client.post("/admin/articles/announcement/add/", {
        "title": "Vaksinasi ternak", "body": "<p>Jadwal vaksinasi.</p>", "starts_at_0": "01/11/2026", "starts_at_1": "08:00:00",
        "ends_at_0": "31/12/2030", "ends_at_1": "08:00:00", "audience": "kecamatan", "kecamatans": [kecamatan.pk],
    }, HTTP_HOST=BASE)
    assert Notification.objects.filter(recipient=taan_publisher, announcement__title="Vaksinasi ternak").exists()
    assert not Notification.objects.filter(recipient=bela_publisher).exists()


def test_the_count_shows_in_the_newsroom_until_read(client, taan_publisher, taan_editor, waiting):
    waiting.send_back(taan_publisher, "Perbaiki judul.")
    client.force_login(taan_editor)
    home = client.get("/redaksi/taan/", HTTP_HOST=BASE).content.decode()
    assert 'aria-label="1 belum dibaca">1</span>' in home
    listing = client.get("/redaksi/kabar/", HTTP_HOST=BASE).content.decode()
    assert "Perbaiki judul." in listing and "Baru" in listing
    assert "belum dibaca" not in client.get("/redaksi/taan/", HTTP_HOST=BASE).content.decode()


def test_the_person_who_acted_gets_a_whatsapp_message_ready_for_whoever_was_told(client, taan_editor, taan_publisher, taan):
    taan_publisher.whatsapp = "6281244556677"
    taan_publisher.save()
    client.force_login(taan_editor)
    response = client.post(write_url(taan), story(action="submit", title="Lomba perahu"), HTTP_HOST=BASE, follow=True)
    page = response.content.decode()
    assert "https://wa.me/6281244556677?text=" in page
    assert "Lomba+perahu" in page or "Lomba%20perahu" in page


@override_settings(KIM_EMAIL_NOTIFICATIONS=True, TASKS=IMMEDIATE)
def test_email_goes_to_those_who_want_it(client, taan_editor, taan_publisher, taan, django_capture_on_commit_callbacks):
    taan_publisher.email = "ketua@taan.test"
    taan_publisher.save()
    taan_editor.email, taan_editor.email_notifications = "editor@taan.test", False
    taan_editor.save()
    client.force_login(taan_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(write_url(taan), story(action="submit", title="Lomba perahu"), HTTP_HOST=BASE)
    assert [m.to for m in mail.outbox] == [["ketua@taan.test"]]
    assert "Lomba perahu" in mail.outbox[0].body and "/redaksi/taan/berita/" in mail.outbox[0].body
    client.force_login(taan_publisher)
    article = Article.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(article_url(article, "tinjau/"), {"action": "publish"}, HTTP_HOST=BASE)
    assert len(mail.outbox) == 1  # the editor turned email off


def test_without_mail_set_up_nothing_is_queued(client, taan_editor, taan_publisher, taan, django_capture_on_commit_callbacks):
    taan_publisher.email = "ketua@taan.test"
    taan_publisher.save()
    client.force_login(taan_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(write_url(taan), story(action="submit"), HTTP_HOST=BASE)
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.exists() and not mail.outbox


def test_each_person_turns_email_off_in_their_settings(client, taan_editor):
    client.force_login(taan_editor)
    response = client.post("/redaksi/pengaturan/", {"first_name": "Sari", "last_name": "", "whatsapp": "0812 4455 6677", "email": "sari@taan.test"}, HTTP_HOST=BASE)
    assert response.status_code == 302
    taan_editor.refresh_from_db()
    assert (taan_editor.email_notifications, taan_editor.whatsapp) == (False, "6281244556677")


def test_a_bad_number_in_the_settings_is_refused_in_indonesian_and_kept(client, taan_editor):
    client.force_login(taan_editor)
    response = client.post("/redaksi/pengaturan/", {"first_name": "Sari", "whatsapp": "nomor saya"}, HTTP_HOST=BASE)
    page = response.content.decode()
    assert response.status_code == 400 and "Nomor WhatsApp tidak dikenali" in page and "nomor saya" in page


@pytest.mark.django_db(transaction=True)
@override_settings(KIM_EMAIL_NOTIFICATIONS=True)
def test_the_database_queue_worker_sends_the_mail(taan, taan_editor, taan_publisher, tmp_path):
    """The production path: the task waits in the database until `manage.py db_worker` takes it."""
    taan_publisher.email = "ketua@taan.test"
    taan_publisher.save()
    article = ArticleFactory(village=taan, status="draft", published_at=None, author=taan_editor)
    article.submit(taan_editor)
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(status="READY").count() == 1
    from django.core.management import call_command

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert [m.to for m in mail.outbox] == [["ketua@taan.test"]]
    assert Notification.objects.get(recipient=taan_publisher).emailed_at is not None


@pytest.mark.parametrize("path", ["/redaksi/kabar/", "/redaksi/pengaturan/", "/redaksi/panduan/"])
def test_a_volunteer_of_one_kim_keeps_its_menu_on_the_pages_of_no_village(client, taan_editor, path):
    client.force_login(taan_editor)
    page = client.get(path, HTTP_HOST=BASE).content.decode()
    assert 'href="/redaksi/taan/tulis/"' in page and "KIM Taan Bersatu" in page


def test_someone_in_two_kims_is_not_given_either_ones_menu_there(client, taan_editor, bela):
    Membership.objects.create(user=taan_editor, village=bela, role=Membership.Role.EDITOR)
    client.force_login(taan_editor)
    page = client.get("/redaksi/kabar/", HTTP_HOST=BASE).content.decode()
    assert "/redaksi/taan/tulis/" not in page and "/redaksi/bela/tulis/" not in page
