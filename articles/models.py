import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles.html import clean_body, plain_excerpt
from villages.models import Village


class Topic(models.Model):
    """A district-wide topic, so the district can read across villages."""

    name = models.CharField("nama", max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField("deskripsi", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "topik"
        verbose_name_plural = "topik"

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_village(self, village):
        return self.filter(village=village)

    def in_active_villages(self):
        return self.filter(village__is_active=True)

    def for_topic(self, topic):
        return self.filter(topic=topic)

    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def editable_by(self, user):
        return self.filter(village__in=Village.objects.for_user(user))


def featured_image_path(article, filename):
    # Never trust the uploaded name: keep only a known image extension.
    ext = Path(filename).suffix.lower()
    if ext not in (".jpg", ".jpeg", ".png", ".webp", ".gif"):
        ext = ".jpg"
    return f"villages/{article.village.slug}/articles/{uuid.uuid4().hex}{ext}"


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        REVIEW = "review", "Menunggu tinjauan"
        PUBLISHED = "published", "Terbit"

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="articles", verbose_name="desa"
    )
    title = models.CharField("judul", max_length=200)
    slug = models.SlugField(
        "slug",
        max_length=220,
        blank=True,
        allow_unicode=False,
        help_text="Bagian alamat berita. Kosongkan untuk dibuat dari judul.",
    )
    excerpt = models.TextField(
        "ringkasan", max_length=500, blank=True, help_text="Kosongkan untuk diambil dari awal isi berita."
    )
    body = models.TextField("isi", help_text="Isi berita. HTML yang tidak aman dibuang saat disimpan.")
    featured_image = models.ImageField(
        "foto utama", upload_to=featured_image_path, blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "teks alternatif foto", max_length=200, blank=True, help_text="Jelaskan isi foto untuk pembaca tunanetra."
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="articles", verbose_name="topik", null=True, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name="penulis",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "waktu terbit", null=True, blank=True, help_text="Kosongkan untuk memakai waktu saat diterbitkan."
    )
    created = models.DateTimeField("dibuat", auto_now_add=True)
    updated = models.DateTimeField("diperbarui", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "berita"
        verbose_name_plural = "berita"
        constraints = [
            models.UniqueConstraint(fields=["village", "slug"], name="article_slug_unique_in_village")
        ]
        indexes = [
            # Village home and village topic pages.
            models.Index(fields=["village", "status", "-published_at"], name="article_village_feed"),
            # District feed and district topic pages.
            models.Index(fields=["status", "-published_at"], name="article_district_feed"),
            models.Index(fields=["topic", "status", "-published_at"], name="article_topic_feed"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.slug and self.village_id:
            clash = Article.objects.filter(village_id=self.village_id, slug=self.slug).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"slug": "Slug ini sudah dipakai berita lain di desa yang sama."})

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        if not self.excerpt.strip():
            self.excerpt = plain_excerpt(self.body)
        if not self.slug:
            self.slug = self._unique_slug()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        base = slugify(self.title)[:200].strip("-") or "berita"
        slug, n = base, 2
        taken = Article.objects.filter(village_id=self.village_id).exclude(pk=self.pk)
        while taken.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and self.village.is_active
        )

    def get_absolute_url(self):
        """Path on the article's own village host."""
        return reverse("articles:detail", kwargs={"slug": self.slug}, urlconf="kimportal.urls_village")

    def url(self, request=None):
        return self.village.url(self.get_absolute_url(), request)
