"""The last step of a resumable upload: the whole file through the one photo
pipeline, a Photo in the village's library, and the part file gone."""

import io

from PIL import Image

from articles.models import Photo
from harness import images
from newsroom.models import Upload


def _upload(url):
    return Upload.objects.get(pk=url.rstrip("/").rsplit("/", 1)[1])


def test_finishing_makes_a_photo_upright_with_renditions_and_no_exif_or_gps(tus, taan, taan_editor, settings):
    jpeg = images.phone_jpeg(1600, 1200, orientation=6, gps=True)
    url = tus.send(jpeg, piece=100_000)
    part = _upload(url).path
    response = tus.finish(url, alt="Warga menanam bibit kakao", caption="Kebun kakao Taan")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    photo = Photo.objects.get()
    assert (photo.village, photo.uploaded_by) == (taan, taan_editor)
    assert (photo.alt, photo.caption) == ("Warga menanam bibit kakao", "Kebun kakao Taan")
    assert response.json() == {
        "id": photo.pk, "url": photo.url(1200), "thumbnail": photo.url(400), "width": 1200, "height": 1600,
    }
    assert response.json()["url"].startswith("/media/villages/taan/photos/")
    for width in photo.widths:
        for ext in ("jpg", "webp"):
            data = (settings.MEDIA_ROOT / photo.folder / f"{width}.{ext}").read_bytes()
            image = Image.open(io.BytesIO(data))
            assert image.height > image.width  # stored sideways, now upright
            assert not image.getexif() and "exif" not in image.info
            assert b"GPS" not in data and b"Pixel Desa 7" not in data
    assert not part.exists()
    assert _upload(url).photo == photo


def test_finishing_twice_gives_the_same_photo(tus):
    url = tus.send(images.phone_jpeg(800, 600))
    first = tus.finish(url).json()
    second = tus.finish(url)
    assert second.status_code == 200
    assert second.json() == first
    assert Photo.objects.count() == 1


def test_finishing_before_the_last_piece_is_refused_with_409(tus):
    jpeg = images.phone_jpeg(800, 600)
    url = tus.start(len(jpeg))
    tus.patch(url, 0, jpeg[:1024])
    response = tus.finish(url)
    assert response.status_code == 409
    assert response.json()["error"]["message"].startswith("Foto belum terkirim seluruhnya (1 dari ")
    assert not Photo.objects.exists()
    assert _upload(url).path.exists()  # it can still go on


def test_a_file_that_is_not_a_photo_is_refused_in_indonesian_and_its_part_deleted(tus):
    url = tus.send(images.NOT_AN_IMAGE)
    part = _upload(url).path
    response = tus.finish(url)
    assert response.status_code == 400
    assert response.json() == {"error": {"message": (
        "Berkas ini bukan foto yang dapat dibaca. Gunakan JPG, PNG, WebP, atau HEIC."
    )}}
    assert not part.exists()
    assert not Photo.objects.exists()
    # It is gone: the phone starts over instead of resuming it.
    assert tus.head(url).status_code == 404
    assert tus.finish(url).status_code == 404


def test_a_heic_from_an_iphone_is_taken_as_it_is(tus):
    url = tus.send(images.heic(1000, 750))
    response = tus.finish(url)
    assert response.status_code == 200
    assert response.json()["width"] == 1000


def test_too_long_alt_text_is_refused_before_anything_is_stored(tus):
    url = tus.send(images.phone_jpeg(800, 600))
    response = tus.finish(url, alt="x" * 201)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Teks alternatif terlalu panjang: paling banyak 200 karakter."
    assert not Photo.objects.exists()
    assert tus.finish(url, alt="x" * 200).status_code == 200


def test_finish_needs_post(tus):
    url = tus.send(images.phone_jpeg(800, 600))
    assert tus.client.get(url + "foto/", HTTP_HOST="localhost").status_code == 405
    assert not Photo.objects.exists()
