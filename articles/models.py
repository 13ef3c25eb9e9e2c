import datetime
import re
import uuid
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models, transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles import photos
from articles.events import article_moved
from articles.html import clean_body, plain_excerpt
from villages import hosts, roles
from villages.models import AuditEntry, Kecamatan, Village, village_pages_changed
from villages.renditions import Renditions


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


# Control characters part words; PostgreSQL refuses NUL in any text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def search_words(text):
    """At most eight words of at most 40 characters: enough for any reader,
    too little to make a slow query."""
    return [word[:40] for word in CONTROL_CHARACTERS.sub(" ", text or "").split()[:8]]


class SearchDocument(models.Expression):
    """An article's weighted search vector (title A, excerpt B, body without
    tags C) as PostgreSQL stores it: the generated, GIN-indexed column
    `search_document` that migration 0003 adds on PostgreSQL only, so a
    search reads an index instead of parsing every article again."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(compiler.query.base_table)}.search_document", []


class PhotoQuerySet(models.QuerySet):
    def for_village(self, village):
        return self.filter(village=village)

    def editable_by(self, user):
        return self.filter(village__in=Village.objects.for_user(user))


class Photo(Renditions, models.Model):
    """A photo in a village's library: renditions only, made by articles.photos,
    whose URLs it names as a logo's are named (villages/renditions.py)."""

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="photos", verbose_name="desa")
    # Where the renditions were written; fixed at upload, so renaming a
    # village's subdomain never breaks its photos.
    folder = models.CharField(max_length=200, unique=True, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    widths = models.JSONField(default=list, editable=False)
    alt = models.CharField(
        "teks alternatif", max_length=200, blank=True, help_text="Jelaskan isi foto untuk pembaca tunanetra."
    )
    caption = models.CharField("keterangan foto", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField("diunggah", auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "foto"
        verbose_name_plural = "foto"

    def __str__(self):
        return self.caption or self.alt or f"Foto {self.created:%d-%m-%Y %H.%M}"

    @classmethod
    def from_processed(cls, processed, village, user=None, alt="", caption=""):
        photo = cls(village=village, alt=alt, caption=caption, uploaded_by=user)
        photo.attach(processed)
        photo.save()
        return photo

    def attach(self, processed):
        """Store a processed upload's renditions as this photo's files."""
        self.folder = photos.store(processed, self.village.slug)
        self.width, self.height, self.widths = processed.width, processed.height, processed.widths

    @property
    def is_live(self):
        """Shown by a published or scheduled article, as its lead photo or in its
        gallery: changing it changes a live article (villages/roles.py)."""
        live = Article.objects.filter(status__in=LIVE_STATUSES, deleted_at__isnull=True)
        return live.filter(Q(photo=self) | Q(gallery=self)).exists()

    def may(self, user, action):
        return roles.may(user, action, self.village, live=self.is_live)


# What readers may see, once `published_at` has passed: published or
# scheduled, not in the trash, not taken down by the district. The one
# definition of "public" (with the time, in ArticleQuerySet.published(), and
# the village, in on_site()); the partial indexes below are built on it.
LIVE_STATUSES = ["scheduled", "published"]
PUBLIC_ROWS = Q(status__in=LIVE_STATUSES, deleted_at__isnull=True, taken_down_at__isnull=True)


class Around(NamedTuple):
    """An article's neighbours on its village's site (ArticleQuerySet.around)."""

    previous: "Article | None"  # the next older one
    next: "Article | None"  # the next newer one
    related: list


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Public rows whose time has come (checked at read time, so nothing
        needs a cron job), in any village, active or not."""
        return self.filter(PUBLIC_ROWS, published_at__lte=timezone.now())

    def on_site(self, village=None):
        """What readers see on a village's site, or on the district portal
        (village None), which shows every active village. Every public page,
        feed, sitemap, search, archive and bulletin reads through this."""
        if village is None:
            return self.published().filter(village__is_active=True)
        if not village.is_active:
            return self.none()
        return self.published().filter(village=village)

    def update(self, **kwargs):
        """update() skips save() and its signals (take-downs, trash, admin bulk
        delete use it): the pages showing these articles are rebuilt all the same."""
        slugs = set(self.order_by().values_list("village__slug", flat=True).distinct())
        updated = super().update(**kwargs)
        if slugs:
            village_pages_changed(*slugs)
        return updated

    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def taken_down(self):
        return self.filter(taken_down_at__isnull=False)

    def with_status(self, status):
        """Articles as the district desk names their state: what readers see
        ("published" means live now, "scheduled" still waiting), or "taken_down"."""
        now = timezone.now()
        if status == "taken_down":
            return self.taken_down()
        if status == Article.Status.PUBLISHED:
            return self.filter(status__in=Article.LIVE_STATUSES, published_at__lte=now, taken_down_at__isnull=True)
        if status == Article.Status.SCHEDULED:
            return self.filter(status=status, published_at__gt=now, taken_down_at__isnull=True)
        return self.filter(status=status, taken_down_at__isnull=True)

    def published_between(self, start=None, end=None):
        """Published on or after `start` and before `end` (either may be None)."""
        articles = self
        if start is not None:
            articles = articles.filter(published_at__gte=start)
        if end is not None:
            articles = articles.filter(published_at__lt=end)
        return articles

    def per_week(self):
        """{monday: number of articles}, weeks counted in Sulawesi time."""
        rows = (
            self.annotate(week=TruncWeek("published_at", output_field=models.DateField()))
            .order_by()
            .values_list("week")
            .annotate(count=Count("id"))
        )
        return dict(rows)

    def in_trash(self):
        return self.filter(deleted_at__isnull=False)

    def for_village(self, village):
        return self.filter(village=village)

    def for_topic(self, topic):
        return self.filter(topic=topic)

    def written_by(self, user):
        return self.filter(author=user)

    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def around(self, article, related=3):
        """What the article page shows around `article`, from these articles
        (readers' ones: `on_site(village)`): the next older and next newer
        article by publication time, and up to `related` others of its topic,
        newest first, that are neither of those two. One query of three
        small subqueries, each read from the village's public index; rows
        with titles and slugs only."""
        if article.published_at is None:
            return Around(None, None, [])
        mine = self.exclude(pk=article.pk).order_by()
        at = article.published_at
        older = mine.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=article.pk))
        newer = mine.filter(Q(published_at__gt=at) | Q(published_at=at, pk__gt=article.pk))
        wanted = Q(pk__in=older.order_by("-published_at", "-id").values("pk")[:1])
        wanted |= Q(pk__in=newer.order_by("published_at", "id").values("pk")[:1])
        if article.topic_id is not None:
            # Two more than shown: the older and newer one may be among them.
            same_topic = mine.filter(topic_id=article.topic_id).order_by("-published_at", "-id")
            wanted |= Q(pk__in=same_topic.values("pk")[: related + 2])
        rows = list(mine.filter(wanted).only("id", "title", "slug", "published_at", "topic_id"))
        key = (at, article.pk)
        before = [row for row in rows if (row.published_at, row.pk) < key]
        after = [row for row in rows if (row.published_at, row.pk) > key]
        previous = max(before, key=lambda row: (row.published_at, row.pk), default=None)
        following = min(after, key=lambda row: (row.published_at, row.pk), default=None)
        # Every row of the topic among `rows` is one of its newest related + 2
        # or the older/newer one, which are never newer than those: the newest
        # `related` left over are the right ones.
        others = [
            row for row in rows
            if article.topic_id is not None and row.topic_id == article.topic_id and row not in (previous, following)
        ]
        others.sort(key=lambda row: (row.published_at, row.pk), reverse=True)
        return Around(previous, following, others[:related])

    def as_cards(self):
        """What an article card shows, without the long texts: on a page of
        twenty cards the bodies were most of what was read from the database."""
        return self.select_related("village", "topic", "photo").defer(
            "body", "review_note", "takedown_reason", "village__description", "photo__caption"
        )

    def next_publication(self, village=None):
        """When the next scheduled article goes live (on one village's site, or anywhere)."""
        upcoming = self.filter(
            status=Article.Status.SCHEDULED, published_at__gt=timezone.now(),
            deleted_at__isnull=True, taken_down_at__isnull=True,
        )
        if village is not None:
            upcoming = upcoming.for_village(village)
        return upcoming.aggregate(at=models.Min("published_at"))["at"]

    def latest_first(self):
        """Newest first counting publication time, or creation time for what
        has none yet: drafts sit among the news of the day they were begun."""
        return self.order_by(Coalesce("published_at", "created").desc(), "-id")

    def in_week(self, monday):
        """Published in the ISO week starting on `monday`, Sulawesi time."""
        start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))
        return self.filter(published_at__gte=start, published_at__lt=start + datetime.timedelta(days=7))

    def in_month(self, year, month):
        """Published in a calendar month, Sulawesi time."""
        return self.filter(published_at__year=year, published_at__month=month)

    def months(self):
        """The months that have news, newest first, with how many articles."""
        return (
            self.annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("id"))
            .order_by("-month")
        )

    def search(self, text):
        """Articles matching every word of `text`, best first.

        PostgreSQL: full-text search with the 'simple' configuration, which
        lowercases but never stems (PostgreSQL has no Indonesian stemmer, and
        an English one would mangle "memanen" or "perikanan"). Title counts
        most, then excerpt, then body. Elsewhere (SQLite): every word must
        appear in title, excerpt or body, newest first.
        """
        words = search_words(text)
        if not words:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            query = SearchQuery(" ".join(words), search_type="plain", config="simple")
            return (
                self.annotate(document=SearchDocument())
                .filter(document=query)
                .annotate(rank=SearchRank(SearchDocument(), query))
                .order_by("-rank", "-published_at", "-id")
            )
        matches = self
        for word in words:
            matches = matches.filter(Q(title__icontains=word) | Q(excerpt__icontains=word) | Q(body__icontains=word))
        return matches.newest_first()

    def editable_by(self, user):
        return self.filter(village__in=Village.objects.for_user(user))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        REVIEW = "review", "Menunggu tinjauan"
        SCHEDULED = "scheduled", "Terjadwal"
        PUBLISHED = "published", "Terbit"
        WITHDRAWN = "withdrawn", "Ditarik"

    class Transition(models.TextChoices):
        SUBMITTED = "submitted", "Diajukan ke penerbit"
        PUBLISHED = "published", "Diterbitkan"
        SCHEDULED = "scheduled", "Dijadwalkan"
        SENT_BACK = "sent_back", "Dikembalikan ke penulis"
        WITHDRAWN = "withdrawn", "Ditarik"
        TAKEN_DOWN = "taken_down", "Diturunkan distrik"
        RESTORED = "restored", "Dipulihkan distrik"
        CHANGE_REQUESTED = "change_requested", "Perubahan diminta"

    LIVE_STATUSES = tuple(map(Status, LIVE_STATUSES))
    # What an editor may set without a publisher; publishers and district staff may set any.
    EDITOR_STATUSES = (Status.DRAFT, Status.REVIEW)

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
    photo = models.ForeignKey(
        Photo, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="foto utama"
    )
    gallery = models.ManyToManyField(Photo, blank=True, related_name="galleries", verbose_name="galeri foto")
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
    # For articles moved from an old site (imports/): the writer's name there,
    # shown when no member of the portal is the author.
    byline = models.CharField(
        "nama penulis", max_length=120, blank=True,
        help_text="Untuk berita pindahan dari situs lama: nama penulisnya di sana, bila bukan anggota portal.",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "waktu terbit", null=True, blank=True, help_text="Kosongkan untuk memakai waktu saat diterbitkan."
    )
    review_note = models.TextField(
        "catatan penerbit", blank=True, help_text="Untuk penulis: apa yang perlu diperbaiki sebelum terbit."
    )
    created = models.DateTimeField("dibuat", auto_now_add=True)
    updated = models.DateTimeField("diperbarui", auto_now=True)
    deleted_at = models.DateTimeField("dibuang", null=True, blank=True, editable=False)
    # Set by district staff (see take_down): the article leaves every public
    # page whatever its status, until the district restores it.
    taken_down_at = models.DateTimeField("diturunkan distrik", null=True, blank=True, editable=False)
    takedown_reason = models.TextField("alasan diturunkan", blank=True, editable=False)

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
            # The district desk's activity figures (who wrote lately) and its
            # per-kecamatan counts, read from the index alone.
            models.Index(fields=["village", "updated"], include=["author", "deleted_at"], name="article_village_updated"),
            # The district desk: every article not in the trash, newest first
            # (see latest_first); small enough to count without reading the table.
            models.Index(
                Coalesce("published_at", "created").desc(),
                models.F("id").desc(),
                name="article_desk_feed",
                condition=Q(deleted_at__isnull=True),
            ),
            # What readers may see, newest first (published(), newest_first()):
            # the district pages, feeds and archive, and each village's, read
            # these instead of sorting every article (bench/README.md).
            models.Index(
                fields=["-published_at", "-id"],
                include=["village", "topic"],
                name="article_public_newest",
                condition=PUBLIC_ROWS,
            ),
            models.Index(
                fields=["village", "-published_at", "-id"],
                name="article_public_village",
                condition=PUBLIC_ROWS,
            ),
            # The district desk's "diturunkan distrik" filter.
            models.Index(fields=["taken_down_at"], name="article_taken_down", condition=Q(taken_down_at__isnull=False)),
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
        if self.status in self.LIVE_STATUSES and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def effective_status(self):
        """Scheduled articles whose time has come are simply published."""
        if self.status == self.Status.SCHEDULED and self.published_at and self.published_at <= timezone.now():
            return self.Status.PUBLISHED
        return self.Status(self.status)

    @property
    def is_live(self):
        """Published or scheduled: what only a publisher may change (villages/roles.py)."""
        return self.status in self.LIVE_STATUSES

    def may(self, user, action):
        return roles.may(user, action, self.village, live=self.is_live)

    def may_be_changed_by(self, user):
        """Editors may change their village's articles until they go live;
        after that only a publisher (or district staff) may."""
        return self.may(user, roles.Action.EDIT)

    @classmethod
    def statuses_for(cls, user, village):
        """The statuses a user may give an article of this village."""
        if roles.may(user, roles.Action.PUBLISH, village):
            return list(cls.Status)
        return list(cls.EDITOR_STATUSES)

    # The workflow. Each step asks the roles table, keeps a revision and
    # tells whoever must know (articles.events.article_moved).

    def _require(self, user, action):
        if not self.may(user, action):
            raise PermissionDenied("Anda tidak berhak melakukan ini pada berita ini.")

    def _moved(self, user, transition, note="", keep_revision=True):
        # Sent inside the change's transaction: what the receivers write
        # (notifications) stands or falls with it.
        if keep_revision:
            self.snapshot(user)
        article_moved.send(sender=Article, article=self, actor=user, transition=transition, note=note)

    @transaction.atomic
    def submit(self, user):
        """Draft to review: the village's publishers are asked to look."""
        self._require(user, roles.Action.SUBMIT)
        self.status, self.review_note = self.Status.REVIEW, ""
        self.save()
        self._moved(user, self.Transition.SUBMITTED)

    @transaction.atomic
    def publish(self, user):
        """Live now: a date in the future (a schedule being brought forward)
        becomes now, a date in the past (backdated news) stays."""
        self._require(user, roles.Action.PUBLISH)
        now = timezone.now()
        if self.published_at is None or self.published_at > now:
            self.published_at = now
        self.status, self.review_note = self.Status.PUBLISHED, ""
        self.save()
        self._moved(user, self.Transition.PUBLISHED)

    @transaction.atomic
    def schedule(self, user, when):
        self._require(user, roles.Action.SCHEDULE)
        if when is None or when <= timezone.now():
            raise ValidationError({"published_at": "Pilih waktu terbit yang belum lewat."})
        self.status, self.published_at, self.review_note = self.Status.SCHEDULED, when, ""
        self.save()
        self._moved(user, self.Transition.SCHEDULED)

    @transaction.atomic
    def send_back(self, user, note):
        """Back to its author as a draft, with the publisher's note."""
        self._require(user, roles.Action.SEND_BACK)
        self.status, self.review_note = self.Status.DRAFT, note
        self.save()
        self._moved(user, self.Transition.SENT_BACK, note)

    @transaction.atomic
    def withdraw(self, user):
        self._require(user, roles.Action.WITHDRAW)
        self.status = self.Status.WITHDRAWN
        self.save()
        self._moved(user, self.Transition.WITHDRAWN)

    def request_change(self, user, note):
        """Someone who may not change a live article asks its publishers to."""
        self._require(user, roles.Action.VIEW)
        self._moved(user, self.Transition.CHANGE_REQUESTED, note, keep_revision=False)

    @property
    def was_sent_back(self):
        return self.status == self.Status.DRAFT and bool(self.review_note)

    @transaction.atomic
    def take_down(self, user, reason):
        """District moderation: off every public page at once, reason kept
        for the village's editors and in the audit log."""
        self.taken_down_at, self.takedown_reason = timezone.now(), reason
        Article.objects.filter(pk=self.pk).update(taken_down_at=self.taken_down_at, takedown_reason=reason)
        AuditEntry.record(user, AuditEntry.Action.TAKE_DOWN, self.village, subject=self, reason=reason)
        self._moved(user, self.Transition.TAKEN_DOWN, reason, keep_revision=False)

    @transaction.atomic
    def restore_after_takedown(self, user, reason):
        self.taken_down_at, self.takedown_reason = None, ""
        Article.objects.filter(pk=self.pk).update(taken_down_at=None, takedown_reason="")
        AuditEntry.record(user, AuditEntry.Action.RESTORE, self.village, subject=self, reason=reason)
        self._moved(user, self.Transition.RESTORED, reason, keep_revision=False)

    def move_to_trash(self):
        self.deleted_at = timezone.now()
        Article.objects.filter(pk=self.pk).update(deleted_at=self.deleted_at)

    def restore_from_trash(self):
        self.deleted_at = None
        Article.objects.filter(pk=self.pk).update(deleted_at=None)

    def snapshot(self, user):
        """Keep a revision of what the article is now."""
        return Revision.objects.create(
            article=self,
            author=user if user and user.is_authenticated else None,
            title=self.title,
            excerpt=self.excerpt,
            body=self.body,
            status=self.status,
            data={
                "topic": self.topic_id,
                "photo": self.photo_id,
                "published_at": self.published_at.isoformat() if self.published_at else None,
                "slug": self.slug,
            },
        )

    def _unique_slug(self):
        base = slugify(self.title)[:200].strip("-") or "berita"
        slug, n = base, 2
        taken = Article.objects.filter(village_id=self.village_id).exclude(pk=self.pk)
        while taken.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def is_public(self):
        """Whether on_site() shows it: the same rule, read from this row
        (tests/articles/test_visibility.py proves the two agree)."""
        return (
            self.status in LIVE_STATUSES
            and self.deleted_at is None
            and self.taken_down_at is None
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and self.village.is_active
        )

    def structured_data(self, url, image_url):
        """schema.org NewsArticle, for search engines and link previews."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.excerpt,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": "id",
            "datePublished": self.published_at.isoformat() if self.published_at else None,
            "dateModified": self.updated.isoformat() if self.updated else None,
            "publisher": {"@type": "Organization", "name": f"{self.village.kim_name}, {self.village.name}"},
        }
        if self.author:
            data["author"] = {"@type": "Person", "name": self.author.public_name}
        elif self.byline:
            data["author"] = {"@type": "Person", "name": self.byline}
        if image_url:
            data["image"] = [image_url]
        return data

    def get_absolute_url(self):
        """Path on the article's own village host."""
        return reverse("articles:detail", kwargs={"slug": self.slug}, urlconf="kimportal.urls_village")

    def url(self, request=None):
        return self.village.url(self.get_absolute_url(), request)


class Revision(models.Model):
    """What an article was after one save: who, when, what."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    title = models.CharField(max_length=200)
    excerpt = models.TextField(blank=True)
    body = models.TextField()
    status = models.CharField(max_length=20, choices=Article.Status.choices)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "revisi"
        verbose_name_plural = "revisi"

    def __str__(self):
        return f"{self.article} – {self.created:%d-%m-%Y %H.%M}"

    def restore(self, user):
        """Put this revision's text back, keeping a revision of the restore itself."""
        article = self.article
        article.title, article.excerpt, article.body = self.title, self.excerpt, self.body
        article.save()
        return article.snapshot(user)


ATTACHMENT_TYPES = {".pdf": b"%PDF-", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG"}
ATTACHMENT_MAX_MB = 10


def validate_attachment(upload):
    """A PDF, JPEG or PNG that really is one: the extension and the first
    bytes must agree, so nothing else is served from our domain."""
    ext = Path(upload.name).suffix.lower()
    magic = ATTACHMENT_TYPES.get(ext)
    if magic is None:
        raise ValidationError("Lampiran harus berupa PDF, JPG atau PNG.")
    if upload.size > ATTACHMENT_MAX_MB * 2**20:
        raise ValidationError(f"Lampiran terlalu besar: maksimal {ATTACHMENT_MAX_MB} MB.")
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError("Isi lampiran tidak sesuai dengan jenis berkasnya. Unggah PDF, JPG atau PNG asli.")


def attachment_path(announcement, filename):
    # A random folder: attachment addresses cannot be guessed before they start.
    name = slugify(Path(filename).stem)[:80] or "lampiran"
    return f"district/announcements/{uuid.uuid4().hex}/{name}{Path(filename).suffix.lower()}"


class AnnouncementQuerySet(models.QuerySet):
    def current(self, now=None):
        """Inside their window now: they start and end by themselves."""
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def for_village(self, village):
        """Only what the district aimed at this village, directly or through
        its kecamatan or by sending to everyone."""
        audience = Announcement.Audience
        return self.filter(
            Q(audience=audience.ALL)
            | Q(audience=audience.KECAMATAN, kecamatans=village.kecamatan_id)
            | Q(audience=audience.VILLAGES, villages=village)
        ).distinct()

    def pinned_first(self):
        return self.order_by("-starts_at", "-id")

    def next_change(self):
        """When the next announcement starts or ends."""
        now = timezone.now()
        moments = self.aggregate(
            start=models.Min("starts_at", filter=Q(starts_at__gt=now)),
            end=models.Min("ends_at", filter=Q(ends_at__gt=now)),
        )
        return min((m for m in moments.values() if m is not None), default=None)


class Announcement(models.Model):
    """Government programme information from the district, pinned on the
    village sites it is aimed at while its window lasts."""

    class Audience(models.TextChoices):
        ALL = "all", "Semua desa"
        KECAMATAN = "kecamatan", "Desa di kecamatan terpilih"
        VILLAGES = "villages", "Desa terpilih"

    title = models.CharField("judul", max_length=200)
    body = models.TextField("isi", help_text="HTML yang tidak aman dibuang saat disimpan.")
    attachment = models.FileField(
        "lampiran",
        upload_to=attachment_path,
        blank=True,
        max_length=200,
        validators=[validate_attachment],
        help_text=f"Opsional: PDF, JPG atau PNG, maksimal {ATTACHMENT_MAX_MB} MB.",
    )
    starts_at = models.DateTimeField("mulai tayang", default=timezone.now)
    ends_at = models.DateTimeField("selesai tayang")
    audience = models.CharField("sasaran", max_length=20, choices=Audience.choices, default=Audience.ALL)
    kecamatans = models.ManyToManyField(Kecamatan, blank=True, related_name="+", verbose_name="kecamatan")
    villages = models.ManyToManyField(Village, blank=True, related_name="+", verbose_name="desa")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField("dibuat", auto_now_add=True)
    updated = models.DateTimeField("diperbarui", auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = "pengumuman distrik"
        verbose_name_plural = "pengumuman distrik"
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="announcement_window")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="announcement_ends_after_start")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Waktu selesai harus setelah waktu mulai."})

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:announcement", kwargs={"pk": self.pk}, urlconf="kimportal.urls_village")

    def target_villages(self):
        """The active villages whose sites pin this announcement."""
        villages = Village.objects.active()
        if self.audience == self.Audience.KECAMATAN:
            return villages.filter(kecamatan__in=self.kecamatans.all())
        if self.audience == self.Audience.VILLAGES:
            return villages.filter(pk__in=self.villages.all())
        return villages

    def attachment_url(self):
        """On the district host: village hosts serve only their own uploads."""
        return hosts.build_url("", self.attachment.url) if self.attachment else ""

    @property
    def attachment_is_image(self):
        return Path(self.attachment.name).suffix.lower() in (".jpg", ".jpeg", ".png")
