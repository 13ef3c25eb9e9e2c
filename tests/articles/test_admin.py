"""District staff write, illustrate, review and publish in the admin too;
every screen is still scoped and asks the roles table."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Photo
from harness import images
from tests.conftest import host
from tests.factories import ArticleFactory

ADMIN = host()
ADD = "/admin/articles/article/add/"


def _new(village, **changes):
    data = {
        "village": village.pk, "title": "Kerja bakti di pantai", "excerpt": "",
        "body": "<p>Warga membersihkan pantai.</p>", "topic": "", "photo": "", "photo_alt": "",
        "photo_caption": "", "review_note": "", "edited_version": "", "status": "draft",
        "published_at_0": "", "published_at_1": "", "slug": "",
    }
    data.update(changes)
    return data


def _edit(article, **changes):
    data = _new(article.village, title=article.title, excerpt=article.excerpt, body=article.body,
                status=article.status, slug=article.slug, review_note=article.review_note,
                edited_version=article.updated.isoformat())
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data.update({"published_at_0": local.strftime("%d/%m/%Y"), "published_at_1": local.strftime("%H:%M:%S")})
    data.update(changes)
    return data


def _change(article):
    return f"/admin/articles/article/{article.pk}/change/"


def _stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


# Uploads from the editor ---------------------------------------------------

def _upload(client, village, data=None, name="IMG_2041.jpg"):
    data = images.phone_jpeg() if data is None else data
    return client.post(
        f"/admin/articles/article/upload/?village={village.pk}",
        {"upload": SimpleUploadedFile(name, data, "image/jpeg")},
        HTTP_HOST=ADMIN,
    )


def test_an_upload_stores_a_clean_photo_under_the_village(client, district_staff, taan, settings):
    client.force_login(district_staff)
    response = _upload(client, taan)
    assert response.status_code == 200
    url = response.json()["url"]
    assert re.fullmatch(r"/media/villages/taan/photos/[0-9a-f]{32}/[0-9]+\.jpg", url)
    stored = _stored_files(settings)
    assert all(name.startswith("villages/taan/photos/") for name in stored)
    assert all("IMG_2041" not in name for name in stored)
    jpeg = Image.open(settings.MEDIA_ROOT / url.removeprefix("/media/"))
    assert not jpeg.getexif()
    assert Photo.objects.get().village == taan


def test_anonymous_upload_is_refused(client, taan, settings):
    response = _upload(client, taan)
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert _stored_files(settings) == []


def test_upload_without_a_village_is_refused_with_a_message(client, district_staff, settings):
    client.force_login(district_staff)
    response = client.post("/admin/articles/article/upload/", {"upload": SimpleUploadedFile("a.jpg", images.phone_jpeg())}, HTTP_HOST=ADMIN)
    assert response.status_code == 403
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    "data", [images.SVG, images.NOT_AN_IMAGE, b"", images.truncated_jpeg(), images.decompression_bomb()],
    ids=["svg", "program", "empty", "truncated", "bomb"],
)
def test_hostile_uploads_get_a_clear_4xx_and_store_nothing(client, district_staff, taan, settings, data):
    client.force_login(district_staff)
    response = _upload(client, taan, data)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message and "Traceback" not in message
    assert _stored_files(settings) == []
    assert not Photo.objects.exists()


def test_upload_needs_post(client, district_staff, taan):
    client.force_login(district_staff)
    assert client.get(f"/admin/articles/article/upload/?village={taan.pk}", HTTP_HOST=ADMIN).status_code == 405


def test_uploaded_media_is_served_as_an_image_with_nosniff(client, district_staff, taan):
    client.force_login(district_staff)
    url = _upload(client, taan).json()["url"]
    for h in (host("taan"), host()):
        response = client.get(url, HTTP_HOST=h)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
    webp = client.get(url.replace(".jpg", ".webp"), HTTP_HOST=host("taan"))
    assert webp["Content-Type"] == "image/webp"


# Featured photo through the article form -----------------------------------

def test_featured_photo_from_a_phone_is_processed_and_shown_with_renditions(client, district_staff, taan):
    client.force_login(district_staff)
    upload = SimpleUploadedFile("IMG_0001.HEIC", images.heic(1600, 1200), "image/heic")
    response = client.post(ADD, _new(taan, photo_upload=upload, photo_alt="Warga di pantai", photo_caption="Kerja bakti"), HTTP_HOST=ADMIN)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.photo.widths == [400, 800, 1200, 1600]
    assert article.photo.alt == "Warga di pantai"
    article.status = Article.Status.PUBLISHED
    article.save()
    page = client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).content.decode()
    assert 'type="image/webp"' in page and "1600.webp 1600w" in page
    assert 'alt="Warga di pantai"' in page and 'width="800" height="600"' in page


def test_a_bad_featured_photo_keeps_the_form_and_stores_nothing(client, district_staff, taan, settings):
    client.force_login(district_staff)
    upload = SimpleUploadedFile("foto.jpg", images.NOT_AN_IMAGE, "image/jpeg")
    response = client.post(ADD, _new(taan, title="Judul yang saya ketik", photo_upload=upload), HTTP_HOST=ADMIN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "bukan foto yang dapat dibaca" in page
    assert "Judul yang saya ketik" in page
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert _stored_files(settings) == []


def test_another_villages_library_photo_cannot_be_used(client, district_staff, taan, bela):
    foreign = Photo.objects.create(village=bela, folder="villages/bela/photos/" + "0" * 32, width=800, height=600, widths=[800])
    client.force_login(district_staff)
    response = client.post(ADD, _new(taan, photo=foreign.pk), HTTP_HOST=ADMIN)
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_missing_alt_text_is_pointed_out(client, district_staff, taan):
    client.force_login(district_staff)
    upload = SimpleUploadedFile("a.jpg", images.phone_jpeg(), "image/jpeg")
    response = client.post(ADD, _new(taan, photo_upload=upload, body='<p>x</p><img src="/media/villages/taan/a.jpg">'), HTTP_HOST=ADMIN, follow=True)
    page = response.content.decode()
    assert "teks alternatif untuk foto utama dan gambar di dalam isi berita" in page


# Workflow --------------------------------------------------------------------


def test_staff_approve_and_the_article_goes_live(client, district_staff, taan):
    article = ArticleFactory(village=taan, status="review", published_at=None)
    client.force_login(district_staff)
    client.post(_change(article), _edit(article, status="published"), HTTP_HOST=ADMIN)
    article.refresh_from_db()
    assert article.status == "published" and article.published_at is not None
    assert client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 200


def test_scheduled_article_appears_by_itself(client, taan):
    article = ArticleFactory(village=taan, status="scheduled", published_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 200
    article.refresh_from_db()
    assert article.effective_status == Article.Status.PUBLISHED


def test_scheduling_needs_a_time(client, district_staff, taan):
    client.force_login(district_staff)
    response = client.post(ADD, _new(taan, status="scheduled"), HTTP_HOST=ADMIN)
    assert "Isi waktu terbit" in response.content.decode()


def test_withdrawn_article_disappears(client, district_staff, taan_article):
    client.force_login(district_staff)
    client.post(_change(taan_article), _edit(taan_article, status="withdrawn"), HTTP_HOST=ADMIN)
    assert client.get(taan_article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 404


# Preview ----------------------------------------------------------------------

def _preview(article):
    return f"/admin/articles/article/{article.pk}/preview/"


def test_preview_is_closed_to_anonymous_and_to_village_hosts(client, taan):
    draft = ArticleFactory(village=taan, status="draft", published_at=None)
    assert client.get(_preview(draft), HTTP_HOST=ADMIN).status_code == 302
    assert client.get(_preview(draft), HTTP_HOST=host("taan")).status_code == 404


def test_district_staff_preview_any_village(client, district_staff, taan):
    draft = ArticleFactory(village=taan, status="review", published_at=None)
    client.force_login(district_staff)
    assert client.get(_preview(draft), HTTP_HOST=ADMIN).status_code == 200


# Revisions --------------------------------------------------------------------

def test_every_save_keeps_a_revision_that_can_be_compared_and_restored(client, district_staff, taan):
    client.force_login(district_staff)
    client.post(ADD, _new(taan, body="<p>Versi pertama.</p>"), HTTP_HOST=ADMIN)
    article = Article.objects.get()
    client.post(_change(article), _edit(article, body="<p>Versi kedua.</p>"), HTTP_HOST=ADMIN)
    first, second = article.revisions.order_by("created", "id")
    assert (first.body, second.body) == ("<p>Versi pertama.</p>", "<p>Versi kedua.</p>")
    assert first.author == district_staff

    page = client.get(f"/admin/articles/article/{article.pk}/revisions/?rev={first.pk}", HTTP_HOST=ADMIN).content.decode()
    assert "Versi" in page and re.search(r'class="diff_(chg|add|sub)"', page)

    client.post(f"/admin/articles/article/{article.pk}/revisions/{first.pk}/restore/", HTTP_HOST=ADMIN)
    article.refresh_from_db()
    assert article.body == "<p>Versi pertama.</p>"
    assert article.revisions.count() == 3


def test_restoring_a_revision_needs_post(client, district_staff, taan_article):
    revision = taan_article.snapshot(None)
    client.force_login(district_staff)
    url = f"/admin/articles/article/{taan_article.pk}/revisions/{revision.pk}/restore/"
    assert client.get(url, HTTP_HOST=ADMIN).status_code == 403


# Trash ------------------------------------------------------------------------

def test_deleting_moves_to_a_trash_it_can_be_restored_from(client, district_staff, taan_article):
    client.force_login(district_staff)
    client.post(f"/admin/articles/article/{taan_article.pk}/delete/", {"post": "yes"}, HTTP_HOST=ADMIN)
    assert Article.objects.filter(pk=taan_article.pk).exists()
    assert client.get(taan_article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 404
    trash = client.get("/admin/articles/article/trash/", HTTP_HOST=ADMIN).content.decode()
    assert taan_article.title in trash

    client.post(f"/admin/articles/article/trash/{taan_article.pk}/restore/", HTTP_HOST=ADMIN)
    assert client.get(taan_article.get_absolute_url(), HTTP_HOST=host("taan")).status_code == 200


# Two people, one article --------------------------------------------------------

def test_a_second_editor_is_warned_instead_of_overwriting(client, district_staff, taan):
    article = ArticleFactory(village=taan, status="draft", published_at=None, body="<p>Asli.</p>")
    opened = _edit(article)  # both open the same version
    client.force_login(district_staff)
    client.post(_change(article), {**opened, "body": "<p>Perubahan Andi.</p>"}, HTTP_HOST=ADMIN)
    response = client.post(_change(article), {**opened, "body": "<p>Perubahan Sari.</p>"}, HTTP_HOST=ADMIN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "sudah diubah oleh" in page
    assert "Perubahan Sari." in page  # what the second editor typed is still there
    article.refresh_from_db()
    assert article.body == "<p>Perubahan Andi.</p>"


# The photo library -------------------------------------------------------------

def _photo(village):
    return Photo.objects.create(village=village, folder=f"villages/{village.slug}/photos/" + "0" * 32, width=800, height=600, widths=[800])


def test_photos_uploaded_to_the_library_go_through_the_pipeline(client, district_staff, taan, settings):
    client.force_login(district_staff)
    upload = SimpleUploadedFile("IMG_1.jpg", images.phone_jpeg(), "image/jpeg")
    response = client.post("/admin/articles/photo/add/", {"village": taan.pk, "upload": upload, "alt": "Balai desa", "caption": ""}, HTTP_HOST=ADMIN)
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.village == taan and photo.alt == "Balai desa"
    assert all(name.startswith(photo.folder) for name in _stored_files(settings))


def test_gallery_photos_show_on_the_article(client, taan):
    article = ArticleFactory(village=taan)
    photo = _photo(taan)
    Photo.objects.filter(pk=photo.pk).update(caption="Suasana panen")
    article.gallery.add(photo)
    page = client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).content.decode()
    assert 'aria-label="Galeri foto"' in page and "Suasana panen" in page
