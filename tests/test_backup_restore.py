"""A populated portal goes out through `backup` and comes back through
`restore`: every row, and every media file byte for byte."""

import hashlib
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import photos
from articles.models import Announcement, Article, Photo, Revision, Topic
from harness import images
from tests.factories import AnnouncementFactory, ArticleFactory, MembershipFactory, TopicFactory
from villages.models import AuditEntry, Kecamatan, Membership, User, Village


def _files(root):
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def _rows():
    models = [Village, Kecamatan, User, Membership, Topic, Article, Photo, Revision, Announcement, AuditEntry]
    return {m.__name__: sorted(map(str, m.objects.values_list(*[f.attname for f in m._meta.concrete_fields]))) for m in models}


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_a_populated_portal(settings, tmp_path, taan, taan_editor, district_staff):
    photo = Photo.from_processed(photos.process(SimpleUploadedFile("a.jpg", images.phone_jpeg())), taan, alt="Panen")
    article = ArticleFactory(village=taan, topic=TopicFactory(), photo=photo, author=taan_editor)
    article.gallery.add(photo)
    article.snapshot(taan_editor)
    MembershipFactory(village=taan, role="publisher")
    ArticleFactory(village=taan).take_down(district_staff, "Memuat data pribadi warga.")
    AnnouncementFactory(
        audience="villages", villages=[taan],
        attachment=SimpleUploadedFile("jadwal.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    before_rows, before_files = _rows(), _files(settings.MEDIA_ROOT)

    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Village.objects.exists()

    call_command("restore", str(archive))
    assert _rows() == before_rows
    assert _files(settings.MEDIA_ROOT) == before_files
    restored = Article.objects.get(pk=article.pk)
    assert list(restored.gallery.all()) == [photo] and restored.revisions.count() == 1
    assert User.objects.get(username="editor-taan").check_password("rahasia-uji-123")
    announcement = Announcement.objects.get()
    assert list(announcement.villages.all()) == [taan] and announcement.attachment.read() == b"%PDF-1.4\n%%EOF\n"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_to_overwrite_a_live_portal_without_replace(tmp_path, taan):
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(archive))
    call_command("restore", str(archive), "--replace")
    assert Village.objects.get().slug == "taan"
