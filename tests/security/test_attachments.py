"""Finding 13, attachments: a district announcement's PDF or image opened
inline from the base domain, the admin's own origin. It now always
downloads, never sniffed, and sandboxed should a browser render it anyway."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import host
from tests.factories import AnnouncementFactory


def test_an_announcement_attachment_downloads_instead_of_opening(client, db):
    announcement = AnnouncementFactory(attachment=SimpleUploadedFile("jadwal.pdf", b"%PDF-1.4\n<script>alert(1)</script>"))
    response = client.get(announcement.attachment.url, HTTP_HOST=host())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_photos_still_show_inline(client, taan):
    from articles import photos
    from articles.models import Photo
    from django.core.files.base import ContentFile
    from harness import images

    photo = Photo.from_processed(photos.process(ContentFile(images.phone_jpeg(), name="a.jpg")), taan)
    response = client.get(photo.url(400), HTTP_HOST=host("taan"))
    assert response.status_code == 200 and not response.get("Content-Disposition", "").startswith("attachment")


def test_the_admins_autosave_is_kept_per_user(client, district_staff, taan_article):
    """Finding 13, autosave: the admin kept drafts in localStorage under the
    page's path alone, so the next person on a shared computer was offered
    someone else's text."""
    client.force_login(district_staff)
    page = client.get(f"/admin/articles/article/{taan_article.pk}/change/", HTTP_HOST=host()).content.decode()
    assert f'data-key="kim-draft:{district_staff.pk}:/admin/articles/article/{taan_article.pk}/change/"' in page
    listing = client.get("/admin/articles/article/", HTTP_HOST=host()).content.decode()
    assert f'data-add-key="kim-draft:{district_staff.pk}:/admin/articles/article/add/"' in listing
