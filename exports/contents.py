"""What a village's export holds, named once, for both formats (wxr.py,
archive.py): its articles (all statuses; not what is in its trash), its
own pages (not the empty starters), the photos of its library, the district topics its articles
use, its old addresses, and its writers by the names readers see.

Nothing else leaves: every row is read through the village, so no other
village's article, page or photo; of the people, only the names bylines
show (never a login name, email, phone number or password hash); no
residents' messages (tips/), no readers' figures, no revisions.

Rows are read in chunks (`iterator`) and the photos' files one at a time:
a village with thousands of articles is written in little memory.
"""

import datetime
import html
import re

from django.core.files.storage import default_storage
from django.utils.text import slugify

from articles import photos
from articles.html import IMG_TAG, image_sources
from articles.models import Article, Photo, Topic
from imports.models import OldLink
from villagepages.models import Page
from villages import hosts
from villages.models import User

CHUNK = 200


def articles(village):
    """The village's articles, oldest first, out of its trash."""
    return (
        Article.objects.alive().for_village(village)
        .select_related("village", "topic", "photo")
        .prefetch_related("gallery")
        .order_by("created", "id")
    )


def pages(village):
    """The village's pages, in menu order; not a starter page never written
    (an empty draft: villagepages/starters.py)."""
    return Page.objects.for_village(village).exclude(body="", status="draft").select_related("village").in_menu_order()


def library(village):
    """Every photo of the village's library, oldest first."""
    return Photo.objects.for_village(village).order_by("created", "id")


def topics(village):
    """The district topics the village's articles use."""
    used = Article.objects.alive().for_village(village).exclude(topic=None).values("topic_id")
    return Topic.objects.filter(pk__in=used).order_by("position", "name")


def original(photo):
    """The name in storage of a photo's largest JPEG: the nearest thing to
    its original we keep (articles/photos.py keeps no original)."""
    return f"{photo.folder}/{max(photo.widths)}.jpg"


def media_url(name):
    """The absolute address of a stored file, on the district host, which
    serves every village's photos (a photo's folder keeps the slug it was
    uploaded under)."""
    return hosts.build_url("", default_storage.url(name))


def photo_url(photo):
    return media_url(original(photo))


def open_original(photo):
    """The largest JPEG of a photo, opened for reading, or None when it is
    missing from storage."""
    try:
        return default_storage.open(original(photo), "rb")
    except (FileNotFoundError, OSError):
        return None


class Photos:
    """The village's photos by id and by rendition folder: which of its
    photos a body's <img> shows. An image of another village's folder is
    not this village's photo, and stays what it is."""

    def __init__(self, village):
        self.by_folder = {p.folder: p for p in library(village).only("id", "folder", "widths", "alt", "caption")}
        self.by_id = {p.pk: p for p in self.by_folder.values()}

    def in_body(self, body):
        """This village's photos an HTML body shows, in order, each once."""
        found = {}
        for src in image_sources(body):
            photo = self.by_folder.get(photos.folder_of(html.unescape(src)))
            if photo is not None:
                found.setdefault(photo.pk, photo)
        return list(found.values())

    def rewrite(self, body, address):
        """The body with each <img src> of our renditions set to
        `address(photo)` (this village's photos) or made absolute (anything
        else the sanitiser let in: our renditions only)."""

        def image(match):
            tag = match.group(0)

            def src(found):
                value = html.unescape(found.group(2))
                photo = self.by_folder.get(photos.folder_of(value))
                new = address(photo) if photo is not None else hosts.build_url("", value) if value.startswith("/") else value
                return f'{found.group(1)}{html.escape(new)}"'

            return SRC.sub(src, tag, count=1)

        return IMG_TAG.sub(image, body or "")


SRC = re.compile(r'(\bsrc=")([^"]*)"')


class Writers:
    """Who wrote the village's articles, as readers see them: a member by
    their public name (User.public_name), an imported article by its byline.
    Each gets a login made from that name ("sari-wulandari"), because
    WordPress needs one; the real login never leaves."""

    def __init__(self, village):
        rows = articles(village).order_by()
        ids = set(rows.exclude(author=None).values_list("author_id", flat=True).distinct())
        members = User.objects.filter(pk__in=ids).only("id", "first_name", "last_name").order_by("id")
        bylines = sorted(set(rows.filter(author=None).exclude(byline="").values_list("byline", flat=True).distinct()))
        self.names = {}  # key → (login, name)
        taken = set()
        for key, name in [(("user", u.pk), u.public_name) for u in members] + [(("byline", b), b) for b in bylines]:
            base = slugify(name)[:50].strip("-") or "penulis"
            login, n = base, 2
            while login in taken:
                login, n = f"{base}-{n}", n + 1
            taken.add(login)
            self.names[key] = (login, name)

    def of(self, article):
        """(login, name) of an article's writer, or ("", "") when it names none."""
        if article.author_id:
            return self.names.get(("user", article.author_id), ("", ""))
        if article.byline:
            return self.names.get(("byline", article.byline), ("", ""))
        return "", ""

    def all(self):
        return list(self.names.values())


def old_links(village):
    """{article id: [old paths]}, and every old address of the village as rows."""
    by_article, rows = {}, []
    for link in OldLink.objects.filter(village=village).order_by("path"):
        if link.article_id:
            by_article.setdefault(link.article_id, []).append(link.path)
        rows.append({"alamat_lama": link.path, "berita": link.article_id, "ke": link.target or None})
    return by_article, rows


def stamp(moment):
    """A moment as ISO 8601 in UTC, or None."""
    return moment.astimezone(datetime.timezone.utc).isoformat() if moment else None
