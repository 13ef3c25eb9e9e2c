"""The worst photos the pipeline accepts: time and peak memory of one worker.

    .venv/bin/python bench/photo_worst_case.py

For each case (just under the pixel limit, in every format a volunteer's
phone or an attacker can send) a fresh Python process runs
articles.photos.process() once, as a Gunicorn worker would, and reports the
wall time and the process's peak resident memory (VmHWM) above what
Django and the file itself take. Goal (issue 15): under 3 s and under 300 MB each.
"""

import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _cases():
    """(name, file bytes) just under each format's pixel limit."""
    from PIL import Image
    from pillow_heif import register_heif_opener

    from articles import photos

    register_heif_opener()

    def size(limit, longest=None):
        width = min(int((limit * 4 / 3) ** 0.5) - 8, longest or 10**6)
        return width, limit // width - 8

    def save(image, fmt, **options):
        out = io.BytesIO()
        image.save(out, fmt, **options)
        return out.getvalue()

    jpeg, heif, other = photos.MAX_PIXELS, photos.PIXEL_LIMITS["HEIF"], photos.OTHER_PIXEL_LIMIT
    noise = size(photos.max_upload_bytes() * 5 // 4)  # about as much noise as the byte limit lets through
    yield "JPEG, one colour", save(Image.new("RGB", size(jpeg), (30, 120, 200)), "JPEG", quality=90)
    yield "JPEG, noise (largest file)", save(Image.frombytes("RGB", noise, os.urandom(noise[0] * noise[1] * 3)), "JPEG", quality=85)
    yield "HEIC", save(Image.new("RGB", size(heif), (30, 120, 200)), "HEIF", quality=50)
    yield "PNG, 1-bit (tiny file)", save(Image.new("1", size(other), 0), "PNG", optimize=True)
    yield "PNG, palette", save(Image.new("RGB", size(other), (30, 120, 200)).convert("P"), "PNG", optimize=True)
    yield "PNG, RGBA", save(Image.new("RGBA", size(other), (250, 200, 0, 128)), "PNG")
    yield "WebP", save(Image.new("RGB", size(other, 16383), (30, 120, 200)), "WEBP", quality=80)
    yield "GIF", save(Image.new("RGB", size(other), (30, 120, 200)).convert("P"), "GIF")


CHILD = r"""
import os, sys, time


def high_water_mb():
    # VmHWM is this process's own peak (ru_maxrss would include the parent's, inherited across fork).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


sys.path.insert(0, sys.argv[1])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
import django
django.setup()
from django.core.files.base import ContentFile
from articles import photos
data = open(sys.argv[2], "rb").read()
base = high_water_mb()
start = time.perf_counter()
try:
    photos.process(ContentFile(data, name="x"))
    outcome = "accepted"
except Exception as refused:
    outcome = "refused: " + " ".join(getattr(refused, "messages", [str(refused)]))
seconds = time.perf_counter() - start
peak = high_water_mb()
print(f"{seconds:.2f} {peak:.0f} {peak - base:.0f} {outcome}")
"""


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from articles import photos

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in _cases():
            path = Path(tmp) / "photo"
            path.write_bytes(data)
            out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(path)], capture_output=True, text=True, check=True)
            seconds, peak, added, outcome = out.stdout.split(" ", 3)
            rows.append((name, len(data), float(seconds), int(peak), int(added), outcome.strip()))
    print(f"Worst accepted photos, {time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; limits: JPEG {photos.MAX_PIXELS / 1e6:.0f} MP, "
          f"HEIC {photos.PIXEL_LIMITS['HEIF'] / 1e6:.0f} MP, others {photos.OTHER_PIXEL_LIMIT / 1e6:.0f} MP\n")
    print("| photo | file | seconds | peak RSS MB | above Django MB | outcome |")
    print("|---|---|---|---|---|---|")
    for name, size, seconds, peak, added, outcome in rows:
        print(f"| {name} | {size / 1024:,.0f} KB | {seconds:.2f} | {peak} | {added} | {outcome} |")
    print("\n" + json.dumps({"worst_seconds": max(r[2] for r in rows), "worst_added_mb": max(r[4] for r in rows)}))


if __name__ == "__main__":
    main()
