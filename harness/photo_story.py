"""An article with photos in its text (photo-like JPEGs through the real
pipeline), written into a running portal through manage.py shell, for the
browser tests and bench/body_photos.py. Published weeks ago, so it is never
the newest story the other tests read."""

import json
from pathlib import Path

SCRIPT = """
import datetime, json
from django.core.files.base import ContentFile
from django.db.models import Count
from django.utils import timezone
from articles import photos
from articles.models import Article, Photo
from harness import images
from villages.models import Village

village = Village.objects.get(slug={village!r})
# Whoever wrote most here, in the topic with most news: so the story has
# related news, and its author's page more than this one story.
live = Article.objects.on_site(village)
author_id = live.values("author").annotate(n=Count("id")).order_by("-n", "author").first()["author"]
topic_id = live.exclude(topic=None).values("topic").annotate(n=Count("id")).order_by("-n", "topic").first()["topic"]
figures, folders = [], []
for n in range({count}):
    processed = photos.process(ContentFile(images.photo_like_jpeg(2000, 1500, seed=n), name="foto.jpg"))
    photo = Photo.from_processed(processed, village, alt=f"Foto kegiatan warga nomor {{n + 1}}")
    folders.append(photo.folder)
    figures.append(
        f'<p>Paragraf {{n + 1}}: warga bergotong royong memperbaiki jalan dan saluran air, '
        'ibu-ibu menyiapkan makanan, anak-anak membantu mengangkat batu.</p>'
        f'<figure class="image"><img src="{{photo.url(1200)}}" alt="Gotong royong, bagian {{n + 1}}">'
        f'<figcaption>Gotong royong di dusun, bagian {{n + 1}}.</figcaption></figure>'
    )
article = Article.objects.create(
    village=village, title={title!r}, slug={slug!r}, author_id=author_id, status="published",
    published_at=timezone.now() - datetime.timedelta(days=20), body="".join(figures),
    topic_id=topic_id,
)
print(json.dumps({{"path": article.get_absolute_url(), "author": author_id, "folders": folders}}))
"""


def photo_story(portal, slug, count=4, village="taan"):
    """Write the story; returns its path, its author's id and its photos'
    rendition folders (under the portal's MEDIA_ROOT)."""
    script = SCRIPT.format(village=village, count=count, slug=slug, title=f"Gotong royong memperbaiki jalan dusun ({slug})")
    done = portal.manage("shell", "-c", script)
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def full_size_bytes(portal, story):
    """What the story's photos cost before body photos were responsive: the
    article page sent each as a plain, eager <img> of its 1200 px JPEG."""
    media = Path(portal.env["MEDIA_ROOT"])
    return sum((media / folder / "1200.jpg").stat().st_size for folder in story["folders"])
