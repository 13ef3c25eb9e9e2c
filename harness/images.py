"""Real image files, made with Pillow, the way phones and attackers make them."""

import io
import os
import random

from PIL import Image
from pillow_heif import register_heif_opener

register_heif_opener()

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _camera_exif(orientation, gps):
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x0110] = "Pixel Desa 7"  # camera model
    if gps:
        exif[GPS_IFD] = {1: "S", 2: (2.0, 40.0, 12.5), 3: "E", 4: (118.0, 53.0, 7.25)}
    return exif


def phone_jpeg(width=1200, height=800, orientation=6, gps=True):
    """A JPEG as a phone camera writes it: pixels stored sideways with an
    EXIF Orientation tag, a camera model and the GPS position of the shot."""
    image = Image.new("RGB", (width, height), (30, 120, 200))
    # A red block in the stored top-left corner shows where rotation moved it.
    image.paste((220, 30, 30), (0, 0, width // 4, height // 4))
    out = io.BytesIO()
    image.save(out, "JPEG", exif=_camera_exif(orientation, gps), quality=90)
    return out.getvalue()


def camera_jpeg(width=4000, height=3000, orientation=6, gps=True):
    """phone_jpeg with a photo's weight: soft shapes and sensor grain, about
    4.5 MB at 12 megapixels (a flat test image would be a few kilobytes,
    and prove nothing about resizing)."""
    shapes = Image.frombytes("RGB", (40, 30), os.urandom(40 * 30 * 3)).resize((width, height), Image.BICUBIC)
    grain = Image.effect_noise((width, height), 24).convert("RGB")
    image = Image.blend(shapes, grain, 0.5)
    image.paste((220, 30, 30), (0, 0, width // 4, height // 4))
    out = io.BytesIO()
    image.save(out, "JPEG", exif=_camera_exif(orientation, gps), quality=92)
    return out.getvalue()


def noisy_jpeg(width, height):
    """Random pixels compress badly: a big file from a modest image."""
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def heic(width=1000, height=750):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 160, 90)).save(out, "HEIF", quality=60)
    return out.getvalue()


def png(width=800, height=600, mode="RGBA"):
    out = io.BytesIO()
    Image.new(mode, (width, height), (250, 200, 0, 128) if mode == "RGBA" else (250, 200, 0)).save(out, "PNG")
    return out.getvalue()


def decompression_bomb(side=30_000):
    """A few kilobytes that would decode to a gigapixel."""
    out = io.BytesIO()
    Image.new("1", (side, side), 0).save(out, "PNG", optimize=True)
    return out.getvalue()


def truncated_jpeg():
    return phone_jpeg(gps=False)[:3000]


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
NOT_AN_IMAGE = b"MZ\x90\x00 this is a Windows program pretending to be a photo"
HTML_AS_JPEG = b"<html><script>alert(document.cookie)</script></html>"


def photo_like_jpeg(width=2000, height=1500, seed=0):
    """A JPEG that weighs what a phone photo of a village scene does once
    resized (about 200 KB at 1200 px, quality 78): large soft shapes, finer
    detail on top, a little sensor grain. Flat test images weigh a few
    kilobytes and would make any page look light."""
    rng = random.Random(seed)

    def layer(cells_x, cells_y):
        cells = Image.frombytes("RGB", (cells_x, cells_y), rng.randbytes(cells_x * cells_y * 3))
        return cells.resize((width, height), Image.BICUBIC)

    image = Image.blend(layer(8, 6), layer(60, 45), 0.35)
    image = Image.blend(image, layer(300, 225), 0.25)
    image = Image.blend(image, layer(700, 525), 0.15)
    image = Image.blend(image, Image.effect_noise((width, height), 18).convert("RGB"), 0.08)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()
