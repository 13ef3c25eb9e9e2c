"""A village's own pages (Profil desa, Sejarah, Visi dan misi, Kontak...):
written in the newsroom like articles, shown on the village site at
/halaman/<slug>/ and in its menu, in the order the KIM chooses.

The same workflow as articles, asked of the same roles table
(villages/roles.py): editors write drafts and submit them, publishers
publish; once a page is published only a publisher may change it, hide it,
show it again or move it in the menu. Every save keeps a revision, every
body is sanitised by the articles' allow-list (articles/html.py), every
change readers could see bumps the village's page-cache stamps
(villagepages/signals.py, PageQuerySet.update)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles.html import clean_body, plain_excerpt
from articles.models import Article
from villagepages.events import page_moved
from villages import roles
from villages.models import Village, village_pages_changed

# What readers may see: published, not hidden by the KIM and not in the
# trash (with the village active, in on_site()). The one definition;
# Page.is_public reads the same rule from one row.
PUBLIC_ROWS = Q(status="published", is_shown=True, deleted_at__isnull=True)


class PageQuerySet(models.QuerySet):
    def on_site(self, village):
        """The pages readers see on a village's site: its page view, menu,
        footer and sitemap all read through this."""
        if village is None or not village.is_active:
            return self.none()
        return self.filter(PUBLIC_ROWS, village=village)

    def for_village(self, village):
        return self.filter(village=village)

    def alive(self):
        """Not in the trash: what the newsroom lists and opens."""
        return self.filter(deleted_at__isnull=True)

    def in_trash(self):
        return self.filter(deleted_at__isnull=False)

    def in_menu_order(self):
        return self.order_by("position", "id")

    def update(self, **kwargs):
        """update() skips save() and its signals (reordering uses it): the
        sites showing these pages are rebuilt all the same."""
        slugs = set(self.order_by().values_list("village__slug", flat=True).distinct())
        updated = super().update(**kwargs)
        if slugs:
            village_pages_changed(*slugs)
        return updated


class Page(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        REVIEW = "review", "Menunggu tinjauan"
        PUBLISHED = "published", "Terbit"

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="site_pages", verbose_name="desa")
    title = models.CharField("judul", max_length=120)
    # Fixed when the page is made, so links shared on WhatsApp keep working
    # when its title changes.
    slug = models.SlugField("slug", max_length=80, editable=False)
    body = models.TextField("isi", blank=True, help_text="HTML yang tidak aman dibuang saat disimpan.")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    is_shown = models.BooleanField(
        "tampil di situs", default=True, help_text="Halaman terbit yang disembunyikan tidak tampil di situs dan menu."
    )
    position = models.PositiveSmallIntegerField("urutan di menu", default=0)
    published_at = models.DateTimeField("pertama terbit", null=True, blank=True, editable=False)
    review_note = models.TextField(
        "catatan penerbit", blank=True, editable=False,
        help_text="Untuk penulis: apa yang perlu diperbaiki sebelum terbit.",
    )
    deleted_at = models.DateTimeField("dibuang", null=True, blank=True, editable=False)
    created = models.DateTimeField("dibuat", auto_now_add=True)
    updated = models.DateTimeField("diperbarui", auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "halaman desa"
        verbose_name_plural = "halaman desa"
        constraints = [models.UniqueConstraint(fields=["village", "slug"], name="page_slug_unique_in_village")]
        # The menu of every village page built: public pages of one village, in order.
        indexes = [models.Index(fields=["village", "position"], name="page_menu", condition=PUBLIC_ROWS)]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        if not self.slug:
            self.slug = self._unique_slug()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        base = slugify(self.title)[:70].strip("-") or "halaman"
        slug, n = base, 2
        taken = Page.objects.filter(village_id=self.village_id).exclude(pk=self.pk)
        while taken.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def is_live(self):
        """Published (shown or hidden): what only a publisher may change (villages/roles.py)."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_public(self):
        """Whether on_site() shows it: the same rule, read from this row."""
        return self.is_live and self.is_shown and self.deleted_at is None and self.village.is_active

    @property
    def was_sent_back(self):
        return self.status == self.Status.DRAFT and bool(self.review_note)

    @property
    def excerpt(self):
        return plain_excerpt(self.body, 30)

    def may(self, user, action):
        return roles.may(user, action, self.village, live=self.is_live)

    def _require(self, user, action):
        if not self.may(user, action):
            raise PermissionDenied("Anda tidak berhak melakukan ini pada halaman ini.")

    # The workflow: each step asks the roles table, keeps a revision and
    # tells whoever must know (villagepages.events.page_moved).

    def _moved(self, user, transition, note=""):
        # Sent inside the step's transaction: what the receivers write
        # (notifications) stands or falls with it.
        page_moved.send(sender=Page, page=self, actor=user, transition=transition, note=note)

    @transaction.atomic
    def save_by(self, user, step="save"):
        """Save what was written, then take the step the button asked for:
        "save" keeps the status, "submit" asks the publishers, "publish" puts it live."""
        self._require(user, roles.Action.EDIT_PAGE if self.pk else roles.Action.CREATE_PAGE)
        moved = None
        if step == "publish":
            self._require(user, roles.Action.PUBLISH_PAGE)
            if not self.body.strip():
                raise ValidationError("Isi halaman masih kosong.")
            if self.status != self.Status.PUBLISHED:
                moved = Article.Transition.PUBLISHED
            self.status, self.review_note = self.Status.PUBLISHED, ""
        elif step == "submit" and self.status == self.Status.DRAFT:
            self.status, self.review_note = self.Status.REVIEW, ""
            moved = Article.Transition.SUBMITTED
        if self.pk is None:
            last = Page.objects.for_village(self.village).aggregate(last=models.Max("position"))["last"]
            self.position = 0 if last is None else last + 1
        self.save()
        revision = self.snapshot(user)
        if moved:
            self._moved(user, moved)
        return revision

    @transaction.atomic
    def send_back(self, user, note):
        """Back to whoever wrote it as a draft, with the publisher's note. Only
        a page waiting for review: a live page is hidden, not sent back."""
        self._require(user, roles.Action.SEND_BACK_PAGE)
        if self.status != self.Status.REVIEW:
            raise ValidationError("Hanya halaman yang menunggu tinjauan yang dapat dikembalikan.")
        self.status, self.review_note = self.Status.DRAFT, note
        self.save()
        self.snapshot(user)
        self._moved(user, Article.Transition.SENT_BACK, note)

    def writer(self, besides=None):
        """Who to tell when the page is sent back or published: whoever last
        saved it, other than `besides` (the one acting), among the people
        who still work in its village. A starter page belongs to no one:
        whoever took it up is its writer."""
        revisions = self.revisions.exclude(author=None).filter(
            Q(author__memberships__village=self.village_id) | Q(author__is_district_staff=True)
            | Q(author__is_superuser=True)
        )
        if besides is not None:
            revisions = revisions.exclude(author=besides)
        revision = revisions.select_related("author").first()
        return revision.author if revision else None

    def move_to_trash(self, user):
        self._require(user, roles.Action.DELETE_PAGE)
        self.deleted_at = timezone.now()
        # update(): the page leaves the site and its menu (PageQuerySet.update tells the cache).
        Page.objects.filter(pk=self.pk).update(deleted_at=self.deleted_at)

    def restore_from_trash(self, user):
        self._require(user, roles.Action.RESTORE_PAGE_FROM_TRASH)
        self.deleted_at = None
        Page.objects.filter(pk=self.pk).update(deleted_at=None)

    @transaction.atomic
    def show(self, user, shown):
        """Hide a page from the site and its menu, or show it again."""
        self._require(user, roles.Action.PUBLISH_PAGE)
        self.is_shown = shown
        self.save(update_fields=["is_shown", "updated"])
        self.snapshot(user)

    @transaction.atomic
    def move(self, user, step):
        """One place up (step -1) or down (+1) in the village's menu."""
        if not roles.may(user, roles.Action.ARRANGE_PAGES, self.village):
            raise PermissionDenied("Hanya penerbit yang dapat mengubah urutan halaman.")
        pages = Page.objects.alive().for_village(self.village).select_for_update().in_menu_order()
        pages = list(pages.values_list("pk", flat=True))
        here = pages.index(self.pk)
        there = here + step
        if 0 <= there < len(pages):
            pages[here], pages[there] = pages[there], pages[here]
            for position, pk in enumerate(pages):
                Page.objects.filter(pk=pk).exclude(position=position).update(position=position)

    def snapshot(self, user):
        return PageRevision.objects.create(
            page=self, author=user if user and user.is_authenticated else None,
            title=self.title, body=self.body, status=self.status, is_shown=self.is_shown,
        )

    def get_absolute_url(self):
        """Path on the page's own village host."""
        return reverse("villagepages:page", kwargs={"slug": self.slug}, urlconf="kimportal.urls_village")

    def url(self, request=None):
        return self.village.url(self.get_absolute_url(), request)


class PageRevision(models.Model):
    """What a page was after one save: who, when, what."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    title = models.CharField(max_length=120)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Page.Status.choices)
    is_shown = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "revisi halaman"
        verbose_name_plural = "revisi halaman"

    def __str__(self):
        return f"{self.page} – {self.created:%d-%m-%Y %H.%M}"

    @transaction.atomic
    def restore(self, user):
        """Put this revision's text back, keeping a revision of the restore itself."""
        page = self.page
        page._require(user, roles.Action.EDIT_PAGE)
        page.title, page.body = self.title, self.body
        page.save()
        return page.snapshot(user)
