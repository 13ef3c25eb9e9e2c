"""The one photo pipeline: every image a village stores comes through here.

A phone photo arrives as JPEG (often rotated by EXIF, often GPS-tagged) or
HEIC. We check it is a real, whole, reasonably sized raster image before
decoding it, apply the EXIF orientation, drop every byte of metadata, and
write renditions at a few widths in WebP and JPEG. The original is not kept:
it is the only copy that would carry the GPS position of a villager's home,
and the largest rendition (1600 px) is more than a news page needs.
"""

import io
import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()

MAX_PIXELS = 60_000_000  # more than any phone camera; bombs are refused before decoding
MIN_SIDE = 50
WIDTHS = (400, 800, 1200, 1600)
FORMATS = {"webp": ("WEBP", {"quality": 72, "method": 4}), "jpg": ("JPEG", {"quality": 78, "optimize": True, "progressive": True})}
ACCEPTED = {"JPEG", "MPO", "PNG", "WEBP", "HEIF", "GIF"}

# Decompression bombs fail our own MAX_PIXELS check first; this is the backstop.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def _refuse(message, code):
    return ValidationError(message, code=code)


@dataclass
class ProcessedPhoto:
    width: int
    height: int
    renditions: dict = field(default_factory=dict)  # {(width, ext): bytes}

    @property
    def widths(self):
        return sorted({w for w, _ in self.renditions})


def max_upload_bytes():
    # KIM_PHOTO_MAX_MB (default 15): a 50-megapixel phone JPEG is about 12 MB.
    return settings.KIM_PHOTO_MAX_MB * 1024 * 1024


def read_upload(upload):
    """The bytes of an uploaded file, refusing empty and oversized ones
    without reading more than the limit."""
    limit = max_upload_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_big()
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big()
    if not data:
        raise _refuse("Berkas kosong. Pilih foto lain.", "empty")
    return data


def _too_big():
    return _refuse(
        f"Foto terlalu besar: maksimal {settings.KIM_PHOTO_MAX_MB} MB.", "too_big"
    )


def open_image(data):
    """Open and fully decode an image, or raise a ValidationError in Indonesian."""
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _refuse(
            "Berkas ini bukan foto yang dapat dibaca. Gunakan JPG, PNG, WebP, atau HEIC.", "not_image"
        )
    except Image.DecompressionBombError:
        raise _bomb()
    if image.format not in ACCEPTED:
        raise _refuse("Format gambar ini tidak didukung. Gunakan JPG, PNG, WebP, atau HEIC.", "format")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _bomb()
    if min(width, height) < MIN_SIDE:
        raise _refuse(f"Foto terlalu kecil: sisi terpendek minimal {MIN_SIDE} piksel.", "too_small")
    try:
        image.load()
    except Image.DecompressionBombError:
        raise _bomb()
    except (OSError, ValueError, SyntaxError):
        raise _refuse("Foto rusak atau tidak lengkap (mungkin terpotong saat dikirim). Coba unggah ulang.", "truncated")
    return image


def _bomb():
    return _refuse(
        f"Ukuran gambar terlalu besar (lebih dari {MAX_PIXELS // 1_000_000} megapiksel).", "bomb"
    )


def _flatten(image):
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    # Pillow carries what it read (a JPEG's comment segment, ICC profile,
    # XMP) into every copy and writes some of it back when saving: nothing
    # but pixels goes on.
    image.info = {}
    return image


def process(upload):
    """Validate an upload and make its renditions. Nothing is stored."""
    image = _flatten(open_image(read_upload(upload)))
    widths = sorted({w for w in WIDTHS if w < image.width} | {min(image.width, WIDTHS[-1])})
    largest = widths[-1]
    processed = ProcessedPhoto(width=largest, height=round(image.height * largest / image.width))
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        for ext, (fmt, options) in FORMATS.items():
            out = io.BytesIO()
            # No exif=, icc_profile= or xmp= argument: nothing but pixels is written.
            resized.save(out, fmt, **options)
            processed.renditions[(width, ext)] = out.getvalue()
    return processed


# Where store() writes, exactly: anything else in a URL (%2e%2e, a query,
# another host) is not one of our renditions.
RENDITION_PATH = re.compile(r"(villages/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?/photos/[0-9a-f]{32})/[0-9]{1,5}\.(?:jpg|webp)")


def folder_of(url):
    """The rendition folder a photo URL points into ("villages/taan/photos/0f3a…"),
    or None for anything that is not one of our renditions."""
    prefix = default_storage.url("")
    if not url or not url.startswith(prefix):
        return None
    match = RENDITION_PATH.fullmatch(url[len(prefix):])
    return match.group(1) if match else None


def delete_folder(folder):
    """Remove a photo's renditions: once the photo is gone, so are its files and URLs."""
    if not RENDITION_PATH.fullmatch(f"{folder}/1.jpg"):
        return
    _, files = default_storage.listdir(folder)
    for name in files:
        default_storage.delete(f"{folder}/{name}")


def store(processed, village_slug):
    """Write renditions under the village's own folder, with generated names
    only (nothing from the upload), and return that folder."""
    folder = f"villages/{village_slug}/photos/{uuid.uuid4().hex}"
    for (width, ext), data in processed.renditions.items():
        default_storage.save(f"{folder}/{width}.{ext}", ContentFile(data))
    return folder
