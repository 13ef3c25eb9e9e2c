"""Every import is in the district's audit log: who imported what into
which village, and the counts; from the desk and from the commands alike.
A dry run, which saves nothing, leaves no entry."""

import getpass
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from imports.models import ImportRun
from tests.conftest import host
from tests.imports.conftest import HERE, WXR
from villages.models import AuditEntry

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _entry():
    return AuditEntry.objects.get(action=AuditEntry.Action.SITE_IMPORTED)


def test_the_wordpress_command_names_the_server_user_the_site_the_village_and_the_counts(taan, topics, media_dir):
    call_command("import_wordpress", str(WXR), village="taan", media_dir=str(media_dir), no_fetch=True, stdout=StringIO())
    entry = _entry()
    assert entry.village == taan and entry.actor is None
    assert entry.actor_name == f"{getpass.getuser()} di server (manage.py import_wordpress)"
    assert entry.subject == "Ekspor WordPress: Desa Lama Sejahtera (https://desalama.example)"
    assert entry.reason.startswith("berita baru 5, diperbarui 0, dibiarkan 0; foto baru 2, dipakai ulang 0, gambar tidak didapat ")
    assert entry.reason.endswith("; berkas: wordpress.xml")


def test_running_it_again_is_a_second_entry_with_its_own_counts(taan, topics, media_dir):
    for _ in range(2):
        call_command("import_wordpress", str(WXR), village="taan", media_dir=str(media_dir), no_fetch=True, stdout=StringIO())
    latest = AuditEntry.objects.filter(action=AuditEntry.Action.SITE_IMPORTED).first()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SITE_IMPORTED).count() == 2
    assert latest.reason.startswith("berita baru 0, diperbarui 5,")


def test_a_dry_run_leaves_no_entry(taan, topics, media_dir):
    call_command("import_wordpress", str(WXR), village="taan", media_dir=str(media_dir), dry_run=True, stdout=StringIO())
    assert not AuditEntry.objects.exists()


def test_the_feed_command_is_logged_too(taan):
    call_command("import_feed", str(HERE / "rss.xml"), village="taan", no_fetch=True, stdout=StringIO())
    entry = _entry()
    assert entry.village == taan and entry.subject.startswith("Umpan RSS/Atom: Kabar Desa Bukit")
    assert "berkas: rss.xml" in entry.reason


def test_an_import_at_the_desk_names_the_staff_member(client, district_staff, taan, topics, settings,
                                                      django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    client.force_login(district_staff)
    client.post("/admin/meja/impor/", {"village": taan.pk, "export": SimpleUploadedFile("ekspor-desa.xml", WXR.read_bytes())},
                HTTP_HOST=host())
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/meja/impor/{run.pk}/", {"default_topic": ""}, HTTP_HOST=host())
    entry = _entry()
    assert (entry.actor, entry.actor_name, entry.village) == (district_staff, district_staff.get_full_name() or district_staff.username, taan)
    assert "berita baru 5" in entry.reason and "berkas: ekspor-desa.xml" in entry.reason
    log = client.get("/admin/meja/log/?tindakan=site_imported", HTTP_HOST=host()).content.decode()
    assert "Mengimpor situs lama" in log and "Desa Lama Sejahtera" in log


def test_looking_at_an_export_before_importing_leaves_no_entry(client, district_staff, taan):
    client.force_login(district_staff)
    client.post("/admin/meja/impor/", {"village": taan.pk, "export": SimpleUploadedFile("ekspor.xml", WXR.read_bytes())},
                HTTP_HOST=host())
    client.get(f"/admin/meja/impor/{ImportRun.objects.get().pk}/", HTTP_HOST=host())
    assert not AuditEntry.objects.exists()


def test_a_failed_desk_import_is_logged_as_failed(district_staff, taan):
    from imports import tasks

    run = ImportRun.objects.create(village=taan, created_by=district_staff, original_name="hilang.xml",
                                   stored_name="tidak-ada.xml", state=ImportRun.State.WAITING)
    assert tasks.perform(run.pk) is False
    entry = _entry()
    assert entry.subject == "hilang.xml" and entry.reason.startswith("gagal: ")
