from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.templatetags.static import static
from django.utils import timezone

from pagecache import stamps
from villages import domains, hosts, identity, phones, roles
from villages.phones import whatsapp_url
from villages.renditions import Renditions

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
    (Diskominfosandi) work across every village (villages/roles.py).

    It lives here, not in an accounts app, because it has been the
    AUTH_USER_MODEL since the first migration: Django does not support
    moving that model to another app in a live database."""

    is_district_staff = models.BooleanField(
        "staf distrik",
        default=False,
        help_text="Staf Diskominfosandi: melihat dan mengelola semua desa.",
    )
    whatsapp = models.CharField(
        "nomor WhatsApp", max_length=20, blank=True, validators=[phones.validate],
        help_text="Untuk tautan kabar lewat WhatsApp dari rekan di redaksi.",
    )
    email_notifications = models.BooleanField(
        "kabar lewat email", default=True, help_text="Kirim kabar redaksi ke email saya (bila email diatur)."
    )

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    @property
    def public_name(self):
        """How readers see an author (bylines, author pages, feeds): their
        name, never their login name, which is half of what signs them in."""
        return self.get_full_name() or "Redaksi"

    def clean(self):
        super().clean()
        if self.whatsapp:
            self.whatsapp = phones.normalize(self.whatsapp)

    def save(self, *args, **kwargs):
        # District staff work in the admin; village members only in the newsroom.
        if self.is_district_staff:
            self.is_staff = True
        super().save(*args, **kwargs)


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

    def for_user(self, user):
        """Villages a user may work on: all for district staff, else their memberships."""
        if roles.works_across_villages(user):
            return self.all()
        if not roles.is_signed_in(user):
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def get_current(self, request):
        """The village a request is for, like contrib.sites' get_current():
        None on the district portal; Village.DoesNotExist for a subdomain
        with no active village. Kept in the cache while the site's page-cache
        stamps stand (any change to a village bumps them).

        A site that exists gets its stamps here, before its page is built,
        so the page cache can store the page under them; a made-up subdomain
        gets none, so a flood of them leaves nothing behind in the cache."""
        if request.site.kind == hosts.DISTRICT:
            stamps.for_request(request)
            return None
        key = stamps.versioned_key(request, "village")
        village = cache.get(key) if key else None
        if village is None:
            village = self.active().select_related("kecamatan").get(slug=request.site.slug)
            stamps.for_request(request)
            key = stamps.versioned_key(request, "village")
            if key:
                cache.set(key, village, stamps.STAMP_SECONDS)
        return village

    def slug_for_domain(self, name):
        """The subdomain of the village whose verified own domain `name` is
        (villages/domains.py), or None. Kept in the cache while the domains
        stamp stands (any change to a village bumps it); a name that is not
        found writes nothing, so a flood of made-up hosts leaves nothing
        behind in the cache."""
        key = stamps.scoped_key(hosts.DOMAINS_SCOPE, f"host:{name}")
        slug = cache.get(key) if key else None
        if slug is None:
            slug = self.filter(domain=name, domain_verified__isnull=False).values_list("slug", flat=True).first()
            if slug is not None:
                key = stamps.scoped_key(hosts.DOMAINS_SCOPE, f"host:{name}", create=True)
                if key:
                    cache.set(key, slug, stamps.STAMP_SECONDS)
        return slug


class Village(models.Model):
    name = models.CharField("nama desa", max_length=120, help_text="Contoh: Desa Taan")
    kim_name = models.CharField("nama KIM", max_length=120, help_text="Contoh: KIM Taan Bersatu")
    slug = models.CharField(
        "subdomain",
        max_length=63,
        unique=True,
        validators=[slug_validator, validate_not_reserved],
        help_text="Bagian depan alamat situs desa (subdomain.domain-portal). Huruf kecil, angka, tanda hubung.",
    )
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="villages", verbose_name="kecamatan"
    )
    tagline = models.CharField("slogan", max_length=160, blank=True)
    description = models.TextField("deskripsi singkat", blank=True)
    whatsapp = models.CharField("WhatsApp kontak", max_length=20, blank=True, validators=[phones.validate])
    # The KIM's own look and contact, edited by its publishers in the
    # newsroom (/redaksi/<slug>/identitas/); rules in villages/identity.py.
    accent = models.CharField(
        "warna utama", max_length=7, blank=True, validators=[identity.validate_accent],
        help_text="Warna kepala situs; harus cukup gelap agar tulisan putih terbaca.",
    )
    # Renditions written by the photo pipeline (articles/photos.py):
    # {"folder": ..., "width": ..., "height": ..., "widths": [...]}, or {}.
    logo = models.JSONField("logo", default=dict, blank=True, editable=False)
    cover = models.JSONField("foto sampul", default=dict, blank=True, editable=False)
    # The folder of the app icons made from the logo (a new one, so a new
    # name, each time the logo or colour changes): <folder>/<size>.png.
    icons = models.CharField("ikon", max_length=200, blank=True, editable=False)
    address = models.CharField("alamat sekretariat", max_length=300, blank=True)
    opening_hours = models.CharField("jam buka", max_length=200, blank=True)
    email = models.EmailField("email", blank=True)
    facebook = models.URLField("Facebook", blank=True, validators=[identity.validate_facebook])
    instagram = models.URLField("Instagram", blank=True, validators=[identity.validate_instagram])
    youtube = models.URLField("YouTube", blank=True, validators=[identity.validate_youtube])
    tiktok = models.URLField("TikTok", blank=True, validators=[identity.validate_tiktok])
    editors_may_publish = models.BooleanField(
        "editor boleh menerbitkan",
        default=False,
        help_text="Jika dicentang, editor desa ini dapat menerbitkan tanpa persetujuan penerbit.",
    )
    is_active = models.BooleanField(
        "aktif", default=True, help_text="Situs desa nonaktif tidak tampil, tetapi datanya tetap tersimpan."
    )
    created = models.DateTimeField("dibuat", auto_now_add=True)
    # The village's own domain (villages/domains.py), set and checked by
    # district staff at the desk (/admin/meja/domain/): served, and the
    # canonical address, only while verified.
    domain = models.CharField("domain sendiri", max_length=253, unique=True, null=True, blank=True, editable=False)
    domain_verified = models.DateTimeField("domain terverifikasi", null=True, blank=True, editable=False)
    domain_checked = models.DateTimeField("DNS terakhir diperiksa", null=True, blank=True, editable=False)
    domain_check = models.TextField("hasil pemeriksaan DNS", blank=True, editable=False)

    objects = VillageQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "desa"
        verbose_name_plural = "desa"

    def __str__(self):
        return self.name

    def clean(self):
        if self.whatsapp:
            self.whatsapp = phones.normalize(self.whatsapp)

    def save(self, *args, **kwargs):
        self.slug = self.slug.lower().strip()
        self.domain = self.domain or None
        super().save(*args, **kwargs)

    def url(self, path="/", request=None):
        """The absolute URL of `path` on the village's canonical host: its
        own domain once verified, else its subdomain."""
        return hosts.build_url(self.slug, path, request, domain=self.own_domain)

    # Its own domain (villages/domains.py).

    @property
    def own_domain(self):
        """The verified own domain, the site's canonical host; "" when none."""
        return self.domain if self.domain and self.domain_verified else ""

    @property
    def domain_readable(self):
        return domains.readable(self.domain) if self.domain else ""

    @property
    def subdomain(self):
        return domains.subdomain_of(self)

    @transaction.atomic
    def set_domain(self, actor, name):
        """Give the village `name` (normalized, villages.domains.normalize)
        as its own domain, or none with an empty name. A new name starts
        unverified: it is served only after its DNS is checked. Returns
        whether anything changed."""
        if not roles.may(actor, roles.Action.MANAGE_DOMAINS, self):
            raise PermissionDenied("Anda tidak berhak mengatur domain desa ini.")
        name = name or None
        if name == self.domain:
            return False
        taken = Village.objects.filter(domain=name).exclude(pk=self.pk).first() if name else None
        if taken is not None:
            raise ValidationError(f"{domains.readable(name)} sudah dipakai {taken.name}.", code="taken")
        before = self.domain_readable
        self.domain, self.domain_verified, self.domain_checked, self.domain_check = name, None, None, ""
        self.save(update_fields=["domain", "domain_verified", "domain_checked", "domain_check"])
        if name:
            reason = f"{self.domain_readable}" + (f" (sebelumnya {before})" if before else "")
            AuditEntry.record(actor, AuditEntry.Action.DOMAIN_SET, self, subject=self, reason=reason)
        else:
            AuditEntry.record(actor, AuditEntry.Action.DOMAIN_REMOVED, self, subject=self, reason=before)
        return True

    def check_domain(self, actor, resolver=domains.resolve, actor_name=""):
        """Ask DNS whether the domain points at the portal (the check's
        answer, villages.domains.Check): verified when it does; no longer
        verified when DNS says it points elsewhere or is gone. `actor` None
        is the server itself (`manage.py check_domains`), named `actor_name`."""
        if actor is not None and not roles.may(actor, roles.Action.MANAGE_DOMAINS, self):
            raise PermissionDenied("Anda tidak berhak mengatur domain desa ini.")
        if not self.domain:
            raise ValidationError("Desa ini belum punya domain sendiri.", code="no_domain")
        # DNS may take seconds: asked before the transaction, which holds
        # SQLite's write lock from its first statement.
        result = domains.check(self, resolver)
        now = timezone.now()
        with transaction.atomic():
            self.domain_checked, self.domain_check = now, result.message
            if result.points_here and not self.domain_verified:
                self.domain_verified = now
                AuditEntry.record(actor, AuditEntry.Action.DOMAIN_VERIFIED, self, subject=self, reason=result.message,
                                  actor_name=actor_name)
            elif self.domain_verified and not result.points_here and result.definite:
                self.domain_verified = None
                AuditEntry.record(actor, AuditEntry.Action.DOMAIN_UNVERIFIED, self, subject=self, reason=result.message,
                                  actor_name=actor_name)
            self.save(update_fields=["domain_verified", "domain_checked", "domain_check"])
        return result

    def get_absolute_url(self):
        return self.url()

    @property
    def whatsapp_link(self):
        return whatsapp_url(self.whatsapp) if self.whatsapp else ""

    @property
    def whatsapp_display(self):
        """6281244556677 -> '0812-4455-6677', as people here write it."""
        digits = "0" + self.whatsapp[2:] if self.whatsapp.startswith("62") else self.whatsapp
        return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))

    # The site's look.

    @property
    def accent_colour(self):
        return self.accent or identity.DEFAULT_ACCENT

    @property
    def accent_dark(self):
        return identity.darker(self.accent_colour)

    @property
    def logo_image(self):
        return StoredImage(self.logo) if self.logo else None

    @property
    def cover_image(self):
        return StoredImage(self.cover) if self.cover else None

    @property
    def icon_urls(self):
        """{"32": url, ...}: the app icons made from the logo or colour
        (identity.ICON_SIZES), or the portal's own until some are made."""
        if self.icons:
            return {str(size): default_storage.url(f"{self.icons}/{size}.png") for size in identity.ICON_SIZES}
        return {str(size): static(f"img/kim-icon-{size}.png") for size in identity.ICON_SIZES}

    @property
    def short_name(self):
        """The name under a home-screen icon: 'Desa Taan' -> 'Taan'."""
        name = self.name.removeprefix("Desa ").strip() or self.name
        return name[:12]

    @property
    def social_links(self):
        return [(identity.SOCIAL_HOSTS[kind][0], getattr(self, kind))
                for kind in identity.SOCIAL_HOSTS if getattr(self, kind)]


class StoredImage(Renditions):
    """A logo or cover photo: renditions the photo pipeline wrote, read as a
    Photo's are (villages/renditions.py), without being in the village's
    photo library."""

    alt = ""  # beside the KIM's name, or a banner: nothing a reader misses

    def __init__(self, data):
        self.folder, self.width, self.height = data["folder"], data["width"], data["height"]
        self.widths = data["widths"]


def village_pages_changed(*slugs):
    """These villages' sites must be rebuilt, and the district portal, which shows every village."""
    stamps.site_changed(hosts.cache_scope(), *(hosts.cache_scope(slug) for slug in slugs if slug))


def is_staff_account(user):
    """District staff, admin staff and superusers: accounts only a superuser
    manages (roles table: GRANT_STAFF_ROLES), never a village's publisher."""
    return user.is_superuser or user.is_district_staff or user.is_staff


NO_PUBLISHER_LEFT = (
    "Tim harus tetap punya setidaknya satu penerbit. Jadikan anggota lain penerbit dulu, "
    "lalu ulangi."
)


class MembershipQuerySet(models.QuerySet):
    def for_village(self, village):
        return self.filter(village=village)

    def publishers(self):
        return self.filter(role=Membership.Role.PUBLISHER, user__is_active=True)


class Membership(models.Model):
    """A person's place in one village's team.

    The team is run by its publishers (the KIM lead) in the newsroom and by
    district staff: `add`, `change_role` and `remove` ask the roles table
    (MANAGE_MEMBERS, in this village), never reach an account of district
    staff or a superuser unless the actor may grant those roles, never leave
    a team that has a publisher without one, and are kept in the audit log.
    Removing a membership never touches the account or its other villages."""

    class Role(models.TextChoices):
        EDITOR = "editor", "Editor (menulis, mengajukan)"
        PUBLISHER = "publisher", "Penerbit (ketua KIM: menyetujui, menerbitkan)"

    SHORT_ROLE = {Role.EDITOR: "editor", Role.PUBLISHER: "penerbit"}

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("peran", max_length=20, choices=Role.choices, default=Role.EDITOR)
    created = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        constraints = [
            models.UniqueConstraint(fields=["user", "village"], name="one_membership_per_village")
        ]

    def __str__(self):
        return f"{self.user} – {self.village} ({self.get_role_display()})"

    @property
    def short_role(self):
        return self.SHORT_ROLE[self.Role(self.role)]

    @staticmethod
    def may_reach(actor, village, user):
        """Whether `actor` may manage `user`'s place in `village`'s team."""
        if not roles.may(actor, roles.Action.MANAGE_MEMBERS, village):
            return False
        return not is_staff_account(user) or roles.may(actor, roles.Action.GRANT_STAFF_ROLES)

    def may_be_managed_by(self, actor):
        return self.may_reach(actor, self.village, self.user)

    @classmethod
    @transaction.atomic
    def add(cls, actor, village, user, role):
        """`user` joins `village`'s team as `role`."""
        if not roles.may(actor, roles.Action.MANAGE_MEMBERS, village):
            raise PermissionDenied("Anda tidak berhak mengatur tim desa ini.")
        if not cls.may_reach(actor, village, user):
            raise ValidationError("Akun ini milik staf distrik, yang sudah bekerja di semua desa. Tidak perlu diundang.")
        if not user.is_active:
            raise ValidationError("Akun ini dinonaktifkan. Hubungi staf distrik untuk mengaktifkannya.")
        if cls.objects.filter(village=village, user=user).exists():
            raise ValidationError(f"{user.get_full_name() or user.username} sudah anggota tim ini.")
        membership = cls.objects.create(user=user, village=village, role=role)
        membership._record(actor, AuditEntry.Action.MEMBER_ADDED, f"sebagai {membership.short_role}")
        return membership

    @transaction.atomic
    def change_role(self, actor, role):
        """Returns whether anything changed."""
        self._require(actor)
        if role == self.role:
            return False
        before = self.short_role
        if self.role == self.Role.PUBLISHER:
            self._keep_a_publisher()
        self.role = role
        self.save(update_fields=["role"])
        self._record(actor, AuditEntry.Action.MEMBER_ROLE_CHANGED, f"{before} → {self.short_role}")
        return True

    @transaction.atomic
    def remove(self, actor):
        """Out of this village's team; the account and its other villages stay."""
        self._require(actor)
        if self.role == self.Role.PUBLISHER:
            self._keep_a_publisher()
        self._record(actor, AuditEntry.Action.MEMBER_REMOVED, f"sebelumnya {self.short_role}")
        self.delete()

    def _require(self, actor):
        if not self.may_be_managed_by(actor):
            raise PermissionDenied("Anda tidak berhak mengubah keanggotaan ini.")

    def _keep_a_publisher(self):
        # The village's row is locked first: two publishers taking each other
        # out at once wait for one another, and the second sees the first's change.
        list(Village.objects.select_for_update().filter(pk=self.village_id).values_list("pk"))
        if not Membership.objects.for_village(self.village_id).publishers().exclude(pk=self.pk).exists():
            raise ValidationError(NO_PUBLISHER_LEFT, code="no_publisher_left")

    def _record(self, actor, action, what):
        name = self.user.get_full_name() or self.user.username
        AuditEntry.record(actor, action, self.village, subject=self.user, reason=f"{name}, {what}")


class AuditEntry(models.Model):
    """One action of the district, or of a KIM lead on their team, kept for
    good: who did what to which village, article or member, when and why.
    Entries are written once and never changed or deleted through the portal."""

    class Action(models.TextChoices):
        TAKE_DOWN = "take_down", "Menurunkan berita"
        RESTORE = "restore", "Memulihkan berita"
        VILLAGE_ADDED = "village_added", "Menambah desa"
        VILLAGE_DEACTIVATED = "village_deactivated", "Menonaktifkan desa"
        VILLAGE_ACTIVATED = "village_activated", "Mengaktifkan desa"
        MEMBER_ADDED = "member_added", "Menambah anggota tim"
        MEMBER_ROLE_CHANGED = "member_role_changed", "Mengubah peran anggota"
        MEMBER_REMOVED = "member_removed", "Mengeluarkan anggota tim"
        DOMAIN_SET = "domain_set", "Memasang domain sendiri"
        DOMAIN_VERIFIED = "domain_verified", "Domain sendiri terverifikasi"
        DOMAIN_UNVERIFIED = "domain_unverified", "Domain sendiri tidak lagi menunjuk ke portal"
        DOMAIN_REMOVED = "domain_removed", "Melepas domain sendiri"
        SITE_IMPORTED = "site_imported", "Mengimpor situs lama"

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
    def record(cls, user, action, village, subject, reason="", actor_name=""):
        """`actor_name` names who acted when no account did (a command run
        on the server)."""
        return cls.objects.create(
            actor=user,
            actor_name=(actor_name or user.get_full_name() or user.username)[:150],
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
