"""The one photo pipeline: every image a village stores comes through here.

A phone photo arrives as JPEG (often rotated by EXIF, often GPS-tagged) or
HEIC. We check it is a real, whole, reasonably sized raster image before
decoding it, apply the EXIF orientation, drop every byte of metadata, and
write renditions at a few widths in WebP and JPEG. The original is not kept:
it is the only copy that would carry the GPS position of a villager's home,
and the largest rendition (1600 px) is more than a news page needs.
"""

import io
import os
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

# Pixel limits by format, checked from the header before anything is
# decoded (so bombs never are). A JPEG decodes at 1/2 to 1/8 scale, so a
# 50-megapixel phone photo is cheap; HEIC, PNG, WebP and GIF decode at full
# size: HEIC up to phones' usual sizes (12 to 24 megapixels; the newsroom
# resizes larger ones in the browser), the others, screenshots and
# graphics, less. bench/photo_worst_case.py measures the worst accepted
# photo of each (goal: under 3 s and 300 MB in one worker).
MAX_PIXELS = 50_000_000
PIXEL_LIMITS = {"JPEG": MAX_PIXELS, "MPO": MAX_PIXELS, "HEIF": 32_000_000}
OTHER_PIXEL_LIMIT = 12_000_000
MIN_SIDE = 50
WIDTHS = (400, 800, 1200, 1600)
FORMATS = {"webp": ("WEBP", {"quality": 72, "method": 4}), "jpg": ("JPEG", {"quality": 78, "optimize": True, "progressive": True})}
# Moving an old site in is thousands of photos at once: WebP's method 2 takes
# half the time of method 4 for files about 8 % larger (bench/README.md,
# "Importing a WordPress site"). What volunteers upload keeps method 4.
BULK_FORMATS = {**FORMATS, "webp": ("WEBP", {"quality": 72, "method": 2})}
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


def check_size(size):
    """Refuse a photo of `size` bytes that is empty or over the limit, before
    a byte of it is read (a resumable upload announces its size first)."""
    if size > max_upload_bytes():
        raise _too_big()
    if size <= 0:
        raise _refuse("Berkas kosong. Pilih foto lain.", "empty")


def read_upload(upload):
    """The bytes of an uploaded file, refusing empty and oversized ones
    without reading more than the limit."""
    limit = max_upload_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_big()
    upload.seek(0)
    data = upload.read(limit + 1)
    check_size(len(data))
    return data


def _too_big():
    return _refuse(
        f"Foto terlalu besar: maksimal {settings.KIM_PHOTO_MAX_MB} MB.", "too_big"
    )


def open_image(data, longest=None):
    """Open and fully decode an image, or raise a ValidationError in Indonesian.

    With `longest`, a JPEG is decoded at the smallest of 1/2, 1/4 or 1/8
    scale that still gives at least that many pixels on its long side: a
    50-megapixel phone photo never exists at full size in memory."""
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
    limit = PIXEL_LIMITS.get(image.format, OTHER_PIXEL_LIMIT)
    if width * height > limit:
        raise _bomb(limit)
    if min(width, height) < MIN_SIDE:
        raise _refuse(f"Foto terlalu kecil: sisi terpendek minimal {MIN_SIDE} piksel.", "too_small")
    if longest and max(width, height) > 2 * longest:
        # JPEG: a scaled decode; HEIC: an embedded preview only if one is big enough.
        scale = longest / max(width, height)
        image.draft("RGB", (round(width * scale), round(height * scale)))
    try:
        image.load()
    except Image.DecompressionBombError:
        raise _bomb()
    except (OSError, ValueError, SyntaxError):
        raise _refuse("Foto rusak atau tidak lengkap (mungkin terpotong saat dikirim). Coba unggah ulang.", "truncated")
    return image


def _bomb(limit=MAX_PIXELS):
    return _refuse(
        f"Ukuran gambar terlalu besar (lebih dari {limit // 1_000_000} megapiksel). "
        "Kecilkan fotonya lebih dulu, misalnya simpan ulang sebagai JPG, lalu kirim lagi.",
        "bomb",
    )


# Modes Image.reduce() takes; others (palette, 1-bit, CMYK) are converted first.
REDUCIBLE = {"L", "LA", "RGB", "RGBA", "I", "F"}


def _shrink(image, longest):
    """Whatever the decoder could not scale (PNG, WebP, HEIC), reduced by a
    whole factor (a fast box filter) to no less than twice the largest
    rendition, before anything else copies it: every later step works on
    megabytes, not hundreds of them."""
    factor = max(image.size) // (2 * longest)
    if factor < 2:
        return image
    if image.mode not in REDUCIBLE:
        transparent = image.mode in ("P", "PA") and "transparency" in image.info
        image = image.convert("RGBA" if transparent or image.mode == "PA" else "RGB")
    return image.reduce(factor)


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


def _crop(image, aspect):
    """The middle of the image at `aspect` (width / height), for a banner."""
    width, height = image.size
    if width / height > aspect:
        keep = round(height * aspect)
        return image.crop(((width - keep) // 2, 0, (width - keep) // 2 + keep, height))
    keep = max(1, round(width / aspect))
    return image.crop((0, (height - keep) // 2, width, (height - keep) // 2 + keep))


def process(upload, aspect=None, bulk=False):
    """Validate an upload and make its renditions. Nothing is stored.
    With `aspect` (width / height), the middle of the photo at that shape
    (a site's cover banner: no bytes spent on what the page would crop);
    with `bulk`, the faster encoding an import uses (BULK_FORMATS)."""
    image = _flatten(_shrink(open_image(read_upload(upload), WIDTHS[-1]), WIDTHS[-1]))
    if aspect:
        image = _crop(image, aspect)
    widths = sorted({w for w in WIDTHS if w < image.width} | {min(image.width, WIDTHS[-1])})
    largest = widths[-1]
    processed = ProcessedPhoto(width=largest, height=round(image.height * largest / image.width))
    # Largest first, each from the one before: never four resizes of a big image.
    full_width, full_height = image.size
    for width in reversed(widths):
        height = max(1, round(full_height * width / full_width))
        if width != image.width:
            image = image.resize((width, height), Image.LANCZOS)
        for ext, (fmt, options) in (BULK_FORMATS if bulk else FORMATS).items():
            out = io.BytesIO()
            # No exif=, icc_profile= or xmp= argument: nothing but pixels is written.
            image.save(out, fmt, **options)
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
    delete_files(folder)


def delete_files(folder):
    """Delete the files in `folder`, then the folder itself where the
    storage has folders: Django's storage API deletes files only, so on a
    local disk every photo or card deleted would leave an empty folder."""
    _, files = default_storage.listdir(folder)
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    try:
        os.rmdir(default_storage.path(folder))
    except NotImplementedError:
        pass  # an object store: no folders to leave behind
    except OSError:
        pass  # not empty (a subfolder, or a file written meanwhile), or gone


def store(processed, village_slug):
    """Write renditions under the village's own folder, with generated names
    only (nothing from the upload), and return that folder."""
    folder = f"villages/{village_slug}/photos/{uuid.uuid4().hex}"
    for (width, ext), data in processed.renditions.items():
        default_storage.save(f"{folder}/{width}.{ext}", ContentFile(data))
    return folder
