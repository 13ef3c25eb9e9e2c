"""Every stored image goes through articles.photos: checked, turned upright,
stripped of metadata, and resized."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import photos
from harness import images


def _upload(data, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _open(data):
    return Image.open(io.BytesIO(data))


def test_exif_orientation_is_applied():
    processed = photos.process(_upload(images.phone_jpeg(1200, 800, orientation=6)))
    assert processed.height > processed.width  # stored sideways, shown upright
    rendition = _open(processed.renditions[(400, "jpg")])
    assert rendition.size[1] > rendition.size[0]


def test_no_metadata_survives_in_any_rendition():
    processed = photos.process(_upload(images.phone_jpeg()))
    for key, data in processed.renditions.items():
        image = _open(data)
        assert not image.getexif(), key
        assert "exif" not in image.info and "xmp" not in image.info and "icc_profile" not in image.info, key
        assert b"Pixel Desa 7" not in data and b"GPS" not in data, key


def test_renditions_come_in_webp_and_jpeg_at_several_widths():
    processed = photos.process(_upload(images.phone_jpeg(2400, 1600, orientation=1)))
    assert processed.widths == [400, 800, 1200, 1600]
    assert _open(processed.renditions[(800, "webp")]).format == "WEBP"
    assert _open(processed.renditions[(800, "jpg")]).format == "JPEG"
    assert _open(processed.renditions[(800, "jpg")]).size == (800, 533)


def test_small_photos_are_not_enlarged():
    processed = photos.process(_upload(images.phone_jpeg(600, 400, orientation=1)))
    assert processed.widths == [400, 600]


def test_heic_from_an_iphone_is_accepted():
    processed = photos.process(_upload(images.heic(), "IMG_0001.HEIC", "image/heic"))
    assert processed.widths == [400, 800, 1000]


def test_transparent_png_is_flattened_on_white():
    processed = photos.process(_upload(images.png(), "logo.png", "image/png"))
    assert _open(processed.renditions[(400, "jpg")]).mode == "RGB"


@pytest.mark.parametrize(
    "data,name,code",
    [
        (images.NOT_AN_IMAGE, "foto.jpg", "not_image"),
        (images.HTML_AS_JPEG, "foto.jpg", "not_image"),
        (images.SVG, "gambar.svg", "not_image"),
        (b"", "kosong.jpg", "empty"),
        (images.truncated_jpeg(), "terpotong.jpg", "truncated"),
        (images.decompression_bomb(), "bom.png", "bomb"),
        (images.png(20, 20, "RGB"), "kecil.png", "too_small"),
    ],
    ids=["program", "html", "svg", "empty", "truncated", "bomb", "tiny"],
)
def test_bad_files_are_refused_with_an_indonesian_message(data, name, code):
    with pytest.raises(ValidationError) as refused:
        photos.process(_upload(data, name))
    assert refused.value.code == code
    assert refused.value.messages[0][0].isupper()  # a sentence, not a traceback


def test_files_over_the_size_limit_are_refused(settings):
    settings.KIM_PHOTO_MAX_MB = 1
    big = images.noisy_jpeg(2000, 2000)
    assert len(big) > 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        photos.process(_upload(big))
    assert refused.value.code == "too_big"
    assert "maksimal 1 MB" in refused.value.messages[0]
