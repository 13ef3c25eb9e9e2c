"""Finding 6: a 188 KB PNG of 59.9 megapixels was accepted and took 8.3 s
and about 530 MB in one worker. Each format now has a pixel limit checked
from the header, and a JPEG is never decoded at full size
(bench/photo_worst_case.py measures the worst accepted photo of each)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from articles import photos


def _file(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return ContentFile(out.getvalue(), name="foto")


def test_the_tiny_png_of_sixty_megapixels_is_refused_before_decoding():
    attack = _file(Image.new("1", (8944, 6700), 0), "PNG", optimize=True)
    assert attack.size < 200_000
    with pytest.raises(ValidationError) as refused:
        photos.process(attack)
    assert refused.value.code == "bomb"
    assert "lebih dari 12 megapiksel" in refused.value.messages[0]


def test_a_fifty_megapixel_phone_jpeg_is_accepted_and_decoded_small(monkeypatch):
    phone_photo = _file(Image.new("RGB", (8160, 6120), (30, 120, 200)), "JPEG", quality=80)
    decoded = []
    real_load = Image.Image.load

    def load(image):
        result = real_load(image)
        decoded.append(image.size)
        return result

    monkeypatch.setattr(Image.Image, "load", load)
    processed = photos.process(phone_photo)
    assert processed.widths == [400, 800, 1200, 1600]
    assert max(w * h for w, h in decoded) <= 2040 * 1530  # decoded at a quarter, never 50 megapixels


def test_each_format_has_its_own_limit():
    assert photos.PIXEL_LIMITS["JPEG"] == 50_000_000 and photos.PIXEL_LIMITS["HEIF"] == 32_000_000
    over = _file(Image.new("RGB", (4100, 3000), (1, 2, 3)), "WEBP", quality=50)  # 12.3 megapixels
    with pytest.raises(ValidationError):
        photos.process(over)
    under = _file(Image.new("RGB", (4000, 3000), (1, 2, 3)), "WEBP", quality=50)
    assert photos.process(under).width == 1600
