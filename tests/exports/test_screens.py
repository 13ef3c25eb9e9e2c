"""Where an export is asked for and downloaded: the KIM lead in the
newsroom, district staff there and at the desk. Editors, another village's
members and anonymous visitors get neither the screen nor a file."""

import datetime
import io
import zipfile

from django.utils import timezone

from exports import runs, tasks
from exports.models import ExportRun
from tests.conftest import host

BASE = host()
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _ask(client, village, format="zip"):
    return client.post(f"/redaksi/{village.slug}/ekspor/", {"format": format}, HTTP_HOST=BASE)


def _made(village, format="wxr"):
    """A finished export of `village`, as the task queue leaves it."""
    run = runs.start(village, None, format)
    tasks.perform(run.pk)
    run.refresh_from_db()
    return run


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_kim_lead_asks_for_an_export_and_downloads_it(client, site, taan, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    client.force_login(site["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, taan)
    assert response.status_code == 302
    run = ExportRun.objects.get(village=taan)
    assert (run.state, run.format, run.created_by) == ("done", "zip", site["lead"])
    page = client.get(f"/redaksi/taan/ekspor/", HTTP_HOST=BASE).content.decode()
    assert f"/redaksi/taan/ekspor/{run.pk}/unduh/" in page and "Siap diunduh" in page
    download = client.get(f"/redaksi/taan/ekspor/{run.pk}/unduh/", HTTP_HOST=BASE)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert f'filename="{run.download_name}"' in download["Content-Disposition"] and download["Cache-Control"] == "private, no-store"
    assert "berita.json" in zipfile.ZipFile(io.BytesIO(_body(download))).namelist()


def test_the_identity_screen_leads_the_kim_lead_to_the_export(client, site, taan):
    client.force_login(site["lead"])
    page = client.get("/redaksi/taan/identitas/", HTTP_HOST=BASE).content.decode()
    assert 'href="/redaksi/taan/ekspor/"' in page


def test_editors_are_refused_the_screen_and_the_download(client, site, taan):
    run = _made(taan)
    client.force_login(site["editor"])
    assert _ask(client, taan).status_code == 403
    assert client.get("/redaksi/taan/ekspor/", HTTP_HOST=BASE).status_code == 403
    assert client.get(f"/redaksi/taan/ekspor/{run.pk}/unduh/", HTTP_HOST=BASE).status_code == 403
    assert 'href="/redaksi/taan/ekspor/"' not in client.get("/redaksi/taan/", HTTP_HOST=BASE).content.decode()
    assert ExportRun.objects.count() == 1


def test_another_villages_lead_finds_neither_the_screen_nor_the_file(client, site, taan, bela_publisher):
    run = _made(taan)
    client.force_login(bela_publisher)
    assert _ask(client, taan).status_code == 404
    assert client.get(f"/redaksi/taan/ekspor/{run.pk}/unduh/", HTTP_HOST=BASE).status_code == 404
    # Through their own village's address, Taan's file is not theirs either.
    assert client.get(f"/redaksi/bela/ekspor/{run.pk}/unduh/", HTTP_HOST=BASE).status_code == 404
    assert client.get(f"/admin/meja/ekspor/{run.pk}/unduh/", HTTP_HOST=BASE).status_code in (302, 403)
    assert not ExportRun.objects.filter(village__slug="bela").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, site, taan):
    run = _made(taan)
    for path in ("/redaksi/taan/ekspor/", f"/redaksi/taan/ekspor/{run.pk}/unduh/", "/admin/meja/ekspor/",
                 f"/admin/meja/ekspor/{run.pk}/unduh/"):
        response = client.get(path, HTTP_HOST=BASE)
        assert response.status_code == 302 and ("/masuk/" in response["Location"] or "login" in response["Location"]), path


def test_a_village_host_has_no_export_at_all(client, site, taan):
    run = _made(taan)
    assert client.get(f"/redaksi/taan/ekspor/{run.pk}/unduh/", HTTP_HOST=host("taan")).status_code == 404


def test_district_staff_export_any_village_at_the_desk(client, site, taan, district_staff, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    client.force_login(district_staff)
    assert "Ekspor situs" in client.get("/admin/meja/", HTTP_HOST=BASE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/meja/ekspor/", {"village": taan.pk, "format": "wxr"}, HTTP_HOST=BASE)
    assert response.status_code == 302
    run = ExportRun.objects.get(village=taan, format="wxr", state="done")
    page = client.get("/admin/meja/ekspor/", HTTP_HOST=BASE).content.decode()
    assert f"/admin/meja/ekspor/{run.pk}/unduh/" in page
    download = client.get(f"/admin/meja/ekspor/{run.pk}/unduh/", HTTP_HOST=BASE)
    assert download.status_code == 200 and _body(download).startswith(b'<?xml version="1.0"')


def test_the_desk_refuses_an_unknown_format_with_a_clear_message(client, site, taan, district_staff):
    client.force_login(district_staff)
    response = client.post("/admin/meja/ekspor/", {"village": taan.pk, "format": "pdf"}, HTTP_HOST=BASE)
    assert response.status_code == 400 and "Format itu tidak dikenal" in response.content.decode()
    assert not ExportRun.objects.exists()


def test_a_village_lead_cannot_use_the_desk_export(client, site, taan):
    client.force_login(site["lead"])
    response = client.post("/admin/meja/ekspor/", {"village": taan.pk, "format": "zip"}, HTTP_HOST=BASE)
    assert response.status_code in (302, 403)
    assert not ExportRun.objects.exists()


def test_asking_twice_while_it_is_written_makes_one_file(client, site, taan):
    client.force_login(site["lead"])
    _ask(client, taan)
    _ask(client, taan)
    assert ExportRun.objects.filter(village=taan).count() == 1


def test_a_run_is_written_once(site, taan):
    run = runs.start(taan, None, "wxr")
    assert tasks.perform(run.pk) is True
    assert tasks.perform(run.pk) is False


def test_a_newer_export_replaces_the_older_file(site, taan):
    old = _made(taan)
    new = _made(taan)
    assert not old.file_path.exists() and new.file_path.exists()
    assert list(ExportRun.objects.values_list("pk", flat=True)) == [new.pk]


def test_an_export_is_forgotten_after_two_days(site, taan):
    old = _made(taan, "zip")
    ExportRun.objects.filter(pk=old.pk).update(created=timezone.now() - datetime.timedelta(days=3))
    runs.start(taan, None, "wxr")
    assert not old.file_path.exists() and not ExportRun.objects.filter(pk=old.pk).exists()


def test_the_file_is_kept_outside_the_public_media(site, taan, settings):
    run = _made(taan)
    assert run.file_path.is_relative_to(settings.KIM_PARTIAL_UPLOADS_DIR)
    assert not run.file_path.is_relative_to(settings.MEDIA_ROOT)


def test_behind_nginx_the_file_is_sent_by_nginx(client, site, taan, settings):
    settings.KIM_EXPORT_X_ACCEL = True
    run = _made(taan, "zip")
    client.force_login(site["lead"])
    response = client.get(f"/redaksi/taan/ekspor/{run.pk}/unduh/", HTTP_HOST=BASE)
    assert response["X-Accel-Redirect"] == f"/_ekspor/{run.stored_name}" and response.content == b""
    assert f'filename="{run.download_name}"' in response["Content-Disposition"]


def test_a_failed_export_says_so_and_leaves_no_file(site, taan, settings, tmp_path):
    run = runs.start(taan, None, "zip")
    blocked = tmp_path / "bukan-folder"
    blocked.write_text("")  # where the exports' folder should be, a file: nothing can be written
    settings.KIM_PARTIAL_UPLOADS_DIR = blocked
    assert tasks.perform(run.pk) is False
    run.refresh_from_db()
    assert run.state == "failed" and "kesalahan" in run.error and not run.is_ready


def test_a_run_lost_by_a_dead_worker_does_not_block_a_new_one(site, taan):
    lost = runs.start(taan, None, "zip")
    ExportRun.objects.filter(pk=lost.pk).update(state="running", created=timezone.now() - datetime.timedelta(hours=7))
    assert runs.start(taan, None, "zip").pk != lost.pk
