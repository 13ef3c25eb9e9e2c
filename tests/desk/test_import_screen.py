"""Moving an old site in from the district desk: upload the export, see
what it holds and choose topics and authors, confirm; the task queue
imports it and the report stays on the run. District staff only."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from imports import tasks
from imports.models import ImportRun
from tests.conftest import host
from tests.imports.conftest import WXR, make_topics, read
from tests.imports.test_hostile_files import BILLION_LAUGHS

ADMIN = host()
START = "/admin/meja/impor/"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def topics(db):
    return make_topics()


@pytest.fixture
def staff_client(client, district_staff):
    client.force_login(district_staff)
    return client


def _upload(client, village, data=None, name="ekspor-wordpress.xml", **extra):
    files = {"export": SimpleUploadedFile(name, data if data is not None else WXR.read_bytes())} if data != b"" else {}
    return client.post(START, {"village": village.pk if village else "", **files, **extra}, HTTP_HOST=ADMIN)


def test_staff_upload_an_export_choose_topics_and_import_it(staff_client, taan, topics, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    response = _upload(staff_client, taan)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/meja/impor/{run.pk}/"

    preview = staff_client.get(f"/admin/meja/impor/{run.pk}/", HTTP_HOST=ADMIN).content.decode()
    assert "Terbit: <strong>1</strong>" in preview and "Draf: <strong>3</strong>" in preview and "Terjadwal: <strong>1</strong>" in preview
    assert "Kategori “Pertanian” (1 berita)" in preview and "Penulis “Sari Wulandari” (3 berita)" in preview
    assert f'<option value="{topics["pertanian"].pk}" selected>' in preview  # suggested by name
    assert "Berita baru akan dibuat: 5" in preview and "Gambar yang akan diunduh dari situs lama: 4" in preview
    assert not Article.objects.exists()

    choices = {"topik_1": topics["pertanian"].pk, "topik_2": topics["kesehatan"].pk, "default_topic": topics["umum"].pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/meja/impor/{run.pk}/", choices, HTTP_HOST=ADMIN)
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.state == ImportRun.State.DONE and not run.file_path.exists()
    assert Article.objects.filter(village=taan).count() == 5
    assert Article.objects.get(slug="usulan-jalan-tani").topic == topics["umum"]
    report = staff_client.get(f"/admin/meja/impor/{run.pk}/", HTTP_HOST=ADMIN).content.decode()
    assert "Berita baru dibuat: 5" in report and "Gambar yang tidak didapat: 4" in report


def test_the_uploaded_file_is_kept_outside_the_public_media(staff_client, taan, settings):
    _upload(staff_client, taan)
    run = ImportRun.objects.get()
    assert run.file_path.exists()
    assert not run.file_path.resolve().is_relative_to(settings.MEDIA_ROOT.resolve())


@pytest.mark.parametrize("data, name, message", [
    (b"<!doctype html><p>Halo</p>", "halaman.html", "bukan ekspor WordPress (WXR) dan bukan umpan RSS atau Atom"),
    (BILLION_LAUGHS, "bom.xml", "Berkas ini ditolak"),
    (b"<rss><channel><title>terpotong", "potong.xml", "bukan XML yang utuh"),
])
def test_a_wrong_file_is_refused_with_the_reason_and_the_village_kept(staff_client, taan, data, name, message):
    response = _upload(staff_client, taan, data, name)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert f'<option value="{taan.pk}" selected>' in page
    assert not ImportRun.objects.exists()


def test_a_file_and_a_feed_address_are_one_or_the_other(staff_client, taan):
    response = _upload(staff_client, taan, b"")
    assert response.status_code == 400 and "salah satu saja" in response.content.decode()


def test_a_feed_address_on_the_local_network_is_refused(staff_client, taan):
    response = _upload(staff_client, taan, b"", feed_url="http://169.254.169.254/latest/meta-data/")
    assert response.status_code == 400 and "jaringan lokal" in response.content.decode()


def test_a_feed_file_goes_the_same_way(staff_client, taan, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    _upload(staff_client, taan, read("atom.xml"), "umpan.xml")
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/admin/meja/impor/{run.pk}/", {"default_topic": ""}, HTTP_HOST=ADMIN)
    assert Article.objects.filter(village=taan).count() == 2


def test_a_confirmed_run_is_imported_once(staff_client, taan):
    _upload(staff_client, taan)
    run = ImportRun.objects.get()
    staff_client.post(f"/admin/meja/impor/{run.pk}/", {"default_topic": ""}, HTTP_HOST=ADMIN)
    assert tasks.perform(run.pk) is True
    assert tasks.perform(run.pk) is False
    assert Article.objects.count() == 5


@pytest.mark.parametrize("who", ["taan_publisher", "taan_editor"])
def test_village_members_cannot_import(client, taan, who, request):
    client.force_login(request.getfixturevalue(who))
    response = _upload(client, taan)
    assert response.status_code in (302, 403)
    assert not ImportRun.objects.exists()


def test_an_export_never_confirmed_is_forgotten_after_a_day(staff_client, taan):
    _upload(staff_client, taan)
    abandoned = ImportRun.objects.get()
    ImportRun.objects.filter(pk=abandoned.pk).update(created=abandoned.created - datetime.timedelta(days=2))
    _upload(staff_client, taan)
    assert not ImportRun.objects.filter(pk=abandoned.pk).exists() and not abandoned.file_path.exists()
    assert ImportRun.objects.count() == 1
