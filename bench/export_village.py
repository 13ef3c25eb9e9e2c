"""How long exporting a big village takes, and how much memory it needs.

    .venv/bin/python bench/export_village.py [ARTICLES ...]   (default: 200 2000)

For each size, a fresh SQLite database and media folder get one village
with that many published articles, each with its own lead photo (a
1600 px JPEG as the pipeline writes it, about 200 KB, like a phone photo) and, every other one, a
second photo in its text; then `manage.py export_village` writes the WXR
and the ZIP in a child process, whose wall time and peak memory (its max
RSS, Python and Django included) are printed. The rows are made with bulk_create and the photos' files are
copies of one processed photo: the export reads them like any other.
What matters: the time grows with the village, the memory does not.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _env(workdir):
    return {
        **os.environ, "DEBUG": "0", "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}", "MEDIA_ROOT": str(workdir / "media"),
        "KIM_BASE_DOMAIN": "kim.example.id", "DJANGO_SETTINGS_MODULE": "kimportal.settings",
    }


def populate(workdir, count):
    """Run in a child process (its own settings): migrate and fill."""
    script = f"""
import uuid
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
import datetime
from articles import photos
from articles.models import Article, Photo, Topic
from tests.factories import VillageFactory
village = VillageFactory(slug="besar", name="Desa Besar", kim_name="KIM Besar")
topic = Topic.objects.create(name="Pertanian", slug="pertanian")
import io
from PIL import Image, ImageChops
size = (2000, 1500)  # a gradient with grain: compresses like a phone photo (~200 KB at 1600 px)
grain = [ImageChops.add(Image.linear_gradient("L").resize(size), Image.effect_noise(size, s), 2, -64) for s in (18, 22, 26)]
out = io.BytesIO()
Image.merge("RGB", grain).save(out, "JPEG", quality=90)
processed = photos.process(ContentFile(out.getvalue(), name="a.jpg"))
largest = max(processed.widths)
data = processed.renditions[(largest, "jpg")]
rows = []
for n in range({count} * 3 // 2):
    folder = f"villages/besar/photos/{{uuid.uuid4().hex}}"
    default_storage.save(f"{{folder}}/{{largest}}.jpg", ContentFile(data))
    rows.append(Photo(village=village, folder=folder, width=processed.width, height=processed.height,
                      widths=processed.widths, alt=f"Foto {{n}}", caption=f"Keterangan foto {{n}} 🌱"))
made = Photo.objects.bulk_create(rows)
start = timezone.now() - datetime.timedelta(days={count})
articles = []
for n in range({count}):
    body = f"<p>Berita nomor {{n}} dari Desa Besar. Warga bergotong royong. 🎉</p>" * 6
    if n % 2 == 0:
        extra = made[{count} + n // 2]
        body += f'<figure class="image"><img src="{{extra.url(1200)}}" alt="Foto"><figcaption>Di kebun</figcaption></figure>'
    articles.append(Article(village=village, title=f"Berita nomor {{n}} dari Desa Besar", slug=f"berita-{{n}}", body=body,
                            excerpt="Ringkasan.", status="published", topic=topic, photo=made[n],
                            published_at=start + datetime.timedelta(days=n)))
Article.objects.bulk_create(articles)
print(len(data))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_env(workdir), check=True, capture_output=True, text=True)
    return int(done.stdout.strip().splitlines()[-1])


MEASURED = """
import resource, runpy, sys
sys.argv = ["manage.py", *sys.argv[1:]]
runpy.run_path("manage.py", run_name="__main__")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def export(workdir, format):
    """Seconds, bytes written, and the child's peak memory in MB."""
    output = workdir / f"besar.{'xml' if format == 'wxr' else 'zip'}"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MEASURED, "export_village", "besar", "--format", format, "--output", str(output)],
                          cwd=ROOT, env=_env(workdir), check=True, capture_output=True, text=True)
    seconds = time.monotonic() - started
    return seconds, output.stat().st_size, int(done.stderr.strip().splitlines()[-1]) / 1024


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [200, 2000]
    print("| articles | photos | format | seconds | file | peak memory of the process |")
    print("|---|---|---|---|---|---|")
    for count in sizes:
        workdir = Path(tempfile.mkdtemp(prefix="kim-export-bench-"))
        try:
            photo_bytes = populate(workdir, count)
            for format in ("wxr", "zip"):
                seconds, size, peak = export(workdir, format)
                print(f"| {count} | {count * 3 // 2} ({photo_bytes // 1024} KB each) | {format} | {seconds:.1f} | "
                      f"{size / 2**20:.1f} MB | {peak:.0f} MB |")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
