"""What an import remembers: where each article came from (so running it
again updates instead of duplicating), which photo each old image became,
the old addresses that must keep working, and the desk's import runs."""

import hashlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme

from articles.models import Article, Photo
from villages.models import Village


class Source(models.Model):
    """A site moved into a village: its WordPress export or its feed,
    known by its address."""

    class Kind(models.TextChoices):
        WORDPRESS = "wordpress", "Ekspor WordPress"
        FEED = "feed", "Umpan RSS/Atom"

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="import_sources", verbose_name="desa")
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices)
    site_url = models.CharField("alamat situs lama", max_length=500)
    title = models.CharField("nama situs lama", max_length=200, blank=True)
    created = models.DateTimeField("pertama diimpor", auto_now_add=True)
    last_imported = models.DateTimeField("terakhir diimpor", auto_now=True)

    class Meta:
        verbose_name = "situs lama"
        verbose_name_plural = "situs lama"
        constraints = [models.UniqueConstraint(fields=["village", "site_url"], name="one_source_per_site_and_village")]

    def __str__(self):
        return f"{self.site_url} → {self.village}"


class ImportedPost(models.Model):
    """One post of the old site and the article it became. `article_updated`
    is the article's `updated` after the import last wrote it: a later value
    means the KIM changed it here, and a new run leaves it alone."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="posts")
    remote_id = models.CharField("id di situs lama", max_length=500)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    article_updated = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "remote_id"], name="one_article_per_old_post")]


def image_key(url):
    return hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()


class ImportedPhoto(models.Model):
    """An image of the old site (by its address) and the photo it became:
    a second run, or a second post showing it, reuses the photo."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="photos")
    key = models.CharField(max_length=64)  # image_key(url)
    url = models.TextField()
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="one_photo_per_old_image")]


MAX_PATH = 500


def normalize_path(path):
    """An old address as it is stored and looked up: decoded, one leading
    slash, no trailing one ("/2023/05/panen-kakao"); WordPress's
    `?p=12` kept as "/?p=12". None for what cannot be an old page."""
    parts = urlsplit(path or "")
    path = "/" + unquote(parts.path).lstrip("/")
    if len(path) > 1:
        path = path.rstrip("/")
    if parts.query:
        query = dict(pair.partition("=")[::2] for pair in parts.query.split("&"))
        if "p" in query:
            # Only the site's own root answers ?p= (a site in a folder would
            # otherwise send its folder's front page to one post).
            return f"/?p={int(query['p'])}" if path == "/" and query["p"].isascii() and query["p"].isdigit() else None
    if path == "/" or len(path) > MAX_PATH or any(ord(c) < 32 for c in path):
        return None
    return path


def is_local_path(target):
    """A path on the same host, never another site ("//evil.example",
    "https://…", "/\\evil.example")."""
    return (
        bool(target)
        and target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
        and not any(ord(c) < 32 for c in target)
    )


class OldLinkQuerySet(models.QuerySet):
    def destination(self, village, path):
        """Where an old address of this village's site now leads, or None."""
        key = normalize_path(path)
        if key is None:
            return None
        link = self.filter(village=village, path=key).first()
        return link.destination() if link else None


class OldLink(models.Model):
    """An address of a village's old site, answered 301 on the village's own
    host (imports/middleware.py) with the article it became, or with a path
    district staff chose. Only ever within the same village."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="old_links", verbose_name="desa")
    path = models.CharField(
        "alamat lama", max_length=MAX_PATH,
        help_text="Bagian alamat setelah nama domain, misalnya /2023/05/panen-kakao/ atau /?p=12.",
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="old_links", verbose_name="berita",
        help_text="Berita desa yang sama tempat alamat lama ini diarahkan.",
    )
    target = models.CharField(
        "atau alamat baru", max_length=MAX_PATH, blank=True,
        help_text="Sebuah alamat di situs desa ini, diawali /, bila bukan ke satu berita (misalnya /topik/pertanian/).",
    )
    created = models.DateTimeField("dibuat", auto_now_add=True)

    objects = OldLinkQuerySet.as_manager()

    class Meta:
        ordering = ["village", "path"]
        verbose_name = "alamat lama"
        verbose_name_plural = "alamat lama"
        constraints = [models.UniqueConstraint(fields=["village", "path"], name="one_old_link_per_path")]

    def __str__(self):
        return self.path

    def clean(self):
        key = normalize_path(self.path)
        if key is None:
            raise ValidationError({"path": "Tulis alamat lama sebagai jalur, diawali /, misalnya /2023/05/panen-kakao/."})
        self.path = key
        if bool(self.article_id) == bool(self.target):
            raise ValidationError("Pilih satu: sebuah berita, atau sebuah alamat baru di situs desa ini.")
        if self.article_id and self.village_id and self.article.village_id != self.village_id:
            raise ValidationError({"article": "Berita ini milik desa lain. Alamat lama hanya boleh diarahkan ke berita desa yang sama."})
        if self.target and not is_local_path(self.target):
            raise ValidationError({"target": "Alamat baru harus jalur di situs desa ini, diawali satu /, tanpa nama domain."})

    def destination(self):
        """The path readers are sent to, or None: an article only while it is
        public on its own village's site, a chosen path only while it is local."""
        if self.article_id:
            article = Article.objects.on_site(self.village).filter(pk=self.article_id).only("slug").first()
            return article.get_absolute_url() if article else None
        return self.target if is_local_path(self.target) else None


def run_folder():
    """Where uploaded exports wait between the desk's steps: beside the
    partial photo uploads, never under MEDIA_ROOT (nothing here is public)."""
    return Path(settings.KIM_PARTIAL_UPLOADS_DIR) / "imports"


class RunQuerySet(models.QuerySet):
    """Work the task queue does for a village from a file (ImportRun here,
    exports.ExportRun): each model has a State with WAITING and RUNNING."""

    def claim(self, pk):
        """Run `pk`, now marked running, if it was waiting; else None (another
        worker took it first: the claim is one atomic UPDATE)."""
        State = self.model.State
        if not self.filter(pk=pk, state=State.WAITING).update(state=State.RUNNING):
            return None
        return self.select_related("village", "created_by").get(pk=pk)


class ImportRun(models.Model):
    """An import started at the district desk: the uploaded file waits while
    staff choose the topics, then the task queue imports it
    (imports/tasks.py) and keeps the report."""

    class State(models.TextChoices):
        PREVIEW = "preview", "Menunggu konfirmasi"
        WAITING = "waiting", "Dalam antrean"
        RUNNING = "running", "Sedang berjalan"
        DONE = "done", "Selesai"
        FAILED = "failed", "Gagal"

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+", verbose_name="desa")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    original_name = models.CharField(max_length=300)
    stored_name = models.CharField(max_length=100)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PREVIEW)
    options = models.JSONField(default=dict)
    report = models.JSONField(default=dict)

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.original_name} → {self.village}"

    @property
    def file_path(self):
        return run_folder() / self.stored_name

    def read(self):
        return self.file_path.read_bytes()

    def forget_file(self):
        self.file_path.unlink(missing_ok=True)
