"""Findings 8, 9 and 11: a deleted photo's renditions stayed on disk and
served; a JPEG's comment segment survived into the renditions; the body
image filter kept /media/villages/%2e%2e/ paths, which browsers resolve
outside the media folder."""

import io

from django.core.files.base import ContentFile
from PIL import Image

from articles import photos
from articles.html import clean_body
from articles.models import Photo
from harness import images
from tests.conftest import host


def _stored(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_deleting_a_photo_removes_its_renditions(client, taan, district_staff, settings, django_capture_on_commit_callbacks):
    photo = Photo.from_processed(photos.process(ContentFile(images.phone_jpeg(), name="a.jpg")), taan)
    url = photo.url(400)
    assert client.get(url, HTTP_HOST=host("taan")).status_code == 200
    client.force_login(district_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/articles/photo/{photo.pk}/delete/", {"post": "yes"}, HTTP_HOST=host())
    assert not Photo.objects.exists()
    assert _stored(settings) == []
    assert client.get(url, HTTP_HOST=host("taan")).status_code == 404


def test_deleting_a_photo_leaves_no_empty_folder_behind(taan, settings, django_capture_on_commit_callbacks):
    photo = Photo.from_processed(photos.process(ContentFile(images.phone_jpeg(), name="a.jpg")), taan)
    folder = settings.MEDIA_ROOT / photo.folder
    assert folder.is_dir()
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not folder.exists()


def test_a_jpeg_comment_never_reaches_the_renditions(taan):
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (40, 120, 60)).save(out, "JPEG", comment=b"<?php system($_GET['c']); ?> Andi 0812")
    assert b"<?php" in out.getvalue()
    processed = photos.process(ContentFile(out.getvalue(), name="a.jpg"))
    for data in processed.renditions.values():
        assert b"<?php" not in data and b"Andi" not in data
        assert "comment" not in Image.open(io.BytesIO(data)).info


def test_the_body_keeps_only_images_that_are_our_renditions():
    for src in ("/media/villages/%2e%2e/%2e%2e/etc/passwd", "/media/villages/taan/%2E%2E/bela/photos/x/1.jpg",
                "/media/villages/taan/photos/../../bela/x.jpg", "/media/villages/taan/photos/ab/1.jpg?x=1",
                "/media/villages//evil.example/a.jpg", "/media/villages/taan/photos/x/1.svg"):
        assert "src=" not in clean_body(f'<img src="{src}" alt="x">'), src
    ours = "/media/villages/taan/photos/0123456789abcdef0123456789abcdef/1200.jpg"
    assert f'src="{ours}"' in clean_body(f'<img src="{ours}" alt="x">')
