import datetime
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from villages import hosts

# Subdomains a village may never take: they name infrastructure, or would
# let a village pose as the district.
RESERVED_SLUGS = frozenset(
    """
    admin api app assets auth blog cdn dashboard dev diskominfo diskominfosandi
    distrik district dns docs ftp help imap kabupaten kim login mail media mx
    ns ns1 ns2 pemda pop portal root smtp static staging status support test
    webmail www
    """.split()
)

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",
    "Subdomain hanya boleh huruf kecil, angka, dan tanda hubung, "
    "tidak diawali atau diakhiri tanda hubung (maks. 63 karakter).",
)


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"Subdomain “{value}” dicadangkan untuk sistem; pilih nama lain.")


class User(AbstractUser):
    """A portal user. Village roles come from Membership; district staff
    (Diskominfosandi) work across every village."""

    is_district_staff = models.BooleanField(
        "staf distrik",
        default=False,
        help_text="Staf Diskominfosandi: melihat dan mengelola semua desa.",
    )

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def save(self, *args, **kwargs):
        # District staff work in the admin; so do members (see Membership.save).
        if self.is_district_staff:
            self.is_staff = True
        super().save(*args, **kwargs)


def works_across_villages(user):
    """District staff and superusers see and manage every village."""
    return user.is_authenticated and user.is_active and (user.is_superuser or user.is_district_staff)


def is_newsroom_user(user):
    """May open the admin newsroom: district staff, or a member of some village."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if works_across_villages(user):
        return True
    # Asked many times per admin page; remember the answer on the user object,
    # which lives only as long as the request.
    if not hasattr(user, "_has_memberships"):
        user._has_memberships = user.memberships.exists()
    return user._has_memberships


def whatsapp_url(number, text=""):
    """wa.me link for an Indonesian number written 0812..., 62812... or +62812..."""
    number = number.lstrip("+")
    if number.startswith("0"):
        number = "62" + number[1:]
    return f"https://wa.me/{number}" + (f"?{urlencode({'text': text})}" if text else "")


class Kecamatan(models.Model):
    name = models.CharField("nama", max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "kecamatan"
        verbose_name_plural = "kecamatan"

    def __str__(self):
        return f"Kecamatan {self.name}"


class VillageQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_activity(self, now=None):
        """Each village with what the district desk watches: articles
        published in the last 30 and 90 days, the last one's time, its
        members and how many of them wrote in the last 90 days.

        Subqueries, one index range scan per village each, rather than joins
        that would multiply a village's articles by its members."""
        Article = apps.get_model("articles", "Article")
        now = now or timezone.now()
        published = Article.objects.published().filter(village=OuterRef("pk")).order_by()

        def count(queryset, field="id", distinct=False):
            return Coalesce(
                Subquery(
                    queryset.values("village").annotate(n=Count(field, distinct=distinct)).values("n"),
                    output_field=models.IntegerField(),
                ),
                0,
            )

        return self.annotate(
            published_30=count(published.filter(published_at__gte=now - datetime.timedelta(days=30))),
            published_90=count(published.filter(published_at__gte=now - datetime.timedelta(days=90))),
            last_published=Subquery(published.order_by("-published_at").values("published_at")[:1]),
            members=count(Membership.objects.filter(village=OuterRef("pk"), user__is_active=True).order_by(), "user"),
            active_editors=count(
                Article.objects.filter(
                    village=OuterRef("pk"), updated__gte=now - datetime.timedelta(days=90), author__isnull=False
                ).order_by(),
                "author",
                distinct=True,
            ),
        )

    def for_user(self, user):
        """Villages a user may work on: all for district staff, else their memberships."""
        if works_across_villages(user):
            return self.all()
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def publishable_by(self, user):
        """Villages where a user may publish without review."""
        if works_across_villages(user):
            return self.all()
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            memberships__user=user, memberships__role=Membership.Role.PUBLISHER
        ).distinct()


class Village(models.Model):
    name = models.CharField("nama desa", max_length=120, help_text="Contoh: Desa Taan")
    kim_name = models.CharField("nama KIM", max_length=120, help_text="Contoh: KIM Taan Bersatu")
    slug = models.CharField(
        "subdomain",
        max_length=63,
        unique=True,
        validators=[slug_validator, validate_not_reserved],
        help_text="Alamat situs desa: <subdomain>.<domain portal>. Huruf kecil, angka, tanda hubung.",
    )
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="villages", verbose_name="kecamatan"
    )
    tagline = models.CharField("slogan", max_length=160, blank=True)
    description = models.TextField("deskripsi singkat", blank=True)
    whatsapp = models.CharField(
        "WhatsApp kontak",
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9]{8,15}$",
                "Tulis nomor WhatsApp dengan angka saja, misalnya 6281234567890.",
            )
        ],
    )
    editors_may_publish = models.BooleanField(
        "editor boleh menerbitkan",
        default=False,
        help_text="Jika dicentang, editor desa ini dapat menerbitkan tanpa persetujuan penerbit.",
    )
    is_active = models.BooleanField(
        "aktif", default=True, help_text="Situs desa nonaktif tidak tampil, tetapi datanya tetap tersimpan."
    )
    created = models.DateTimeField("dibuat", auto_now_add=True)

    objects = VillageQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "desa"
        verbose_name_plural = "desa"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug.lower().strip()
        super().save(*args, **kwargs)

    def url(self, path="/", request=None):
        return hosts.build_url(self.slug, path, request)

    def get_absolute_url(self):
        return self.url()

    def has_member(self, user):
        """Whether a user works on this village (district staff work on all)."""
        return Village.objects.for_user(user).filter(pk=self.pk).exists()

    def can_publish(self, user):
        if not self.has_member(user):
            return False
        return self.editors_may_publish or Village.objects.publishable_by(user).filter(pk=self.pk).exists()

    def is_quiet(self, days, now=None):
        """Nothing published for `days` days (needs with_activity())."""
        now = now or timezone.now()
        return self.is_active and (
            self.last_published is None or self.last_published < now - datetime.timedelta(days=days)
        )

    @property
    def whatsapp_link(self):
        return whatsapp_url(self.whatsapp) if self.whatsapp else ""


class Membership(models.Model):
    class Role(models.TextChoices):
        EDITOR = "editor", "Editor (menulis, mengajukan)"
        PUBLISHER = "publisher", "Penerbit (ketua KIM: menyetujui, menerbitkan)"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("peran", max_length=20, choices=Role.choices, default=Role.EDITOR)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        constraints = [
            models.UniqueConstraint(fields=["user", "village"], name="one_membership_per_village")
        ]

    def __str__(self):
        return f"{self.user} – {self.village} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Members write through the admin, which requires is_staff.
        if not self.user.is_staff:
            User.objects.filter(pk=self.user_id).update(is_staff=True)


class AuditEntry(models.Model):
    """One district action, kept for good: who did what to which village or
    article, when and why. Entries are written once and never changed or
    deleted through the portal."""

    class Action(models.TextChoices):
        TAKE_DOWN = "take_down", "Menurunkan berita"
        RESTORE = "restore", "Memulihkan berita"
        VILLAGE_ADDED = "village_added", "Menambah desa"
        VILLAGE_DEACTIVATED = "village_deactivated", "Menonaktifkan desa"
        VILLAGE_ACTIVATED = "village_activated", "Mengaktifkan desa"

    created = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="oleh"
    )
    # Kept as text too, so the log still says who after an account is deleted.
    actor_name = models.CharField("nama pelaku", max_length=150)
    action = models.CharField("tindakan", max_length=30, choices=Action.choices)
    village = models.ForeignKey(
        Village, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="desa"
    )
    subject = models.CharField("tentang", max_length=300)
    subject_id = models.PositiveBigIntegerField(null=True)
    reason = models.TextField("alasan", blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "catatan audit"
        verbose_name_plural = "log audit"

    def __str__(self):
        return f"{self.actor_name}: {self.get_action_display()} – {self.subject}"

    @classmethod
    def record(cls, user, action, village, subject, reason=""):
        return cls.objects.create(
            actor=user,
            actor_name=user.get_full_name() or user.username,
            action=action,
            village=village,
            subject=str(subject)[:300],
            subject_id=getattr(subject, "pk", None),
            reason=reason,
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Catatan audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Catatan audit tidak dapat dihapus.")
