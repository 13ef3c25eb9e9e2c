import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from articles.models import Announcement, Article
from tips.models import Tip
from villagepages.models import Page
from villages import hosts
from villages.models import Membership, StoredImage, User, Village
from villages.phones import whatsapp_url


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self):
        return self.unread().update(read_at=timezone.now())


TIP_EVENTS = [("received", "Pesan warga masuk"), ("passed", "Diteruskan ke distrik")]


class Notification(models.Model):
    """Something a newsroom member must know: shown as a count and a list in
    the newsroom, sent by email when mail is set up and the person wants it,
    and offered to whoever caused it as a WhatsApp message to send."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+")
    transition = models.CharField(max_length=30, choices=Article.Transition.choices, blank=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # A village's own page (villagepages/): submitted, sent back, published.
    page = models.ForeignKey(Page, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # A resident's message: deleted with it when its retention ends.
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    tip_event = models.CharField(max_length=10, choices=TIP_EVENTS, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    note = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.message

    T = Article.Transition
    SUBJECTS = {
        T.SUBMITTED: "Berita menunggu tinjauan",
        T.SENT_BACK: "Berita dikembalikan untuk diperbaiki",
        T.PUBLISHED: "Berita Anda terbit",
        T.SCHEDULED: "Berita Anda dijadwalkan",
        T.WITHDRAWN: "Berita Anda ditarik",
        T.TAKEN_DOWN: "Berita diturunkan oleh distrik",
        T.RESTORED: "Berita dipulihkan oleh distrik",
        T.CHANGE_REQUESTED: "Editor meminta perubahan",
    }
    PAGE_SUBJECTS = {
        T.SUBMITTED: "Halaman menunggu tinjauan",
        T.SENT_BACK: "Halaman dikembalikan untuk diperbaiki",
        T.PUBLISHED: "Halaman Anda terbit",
    }

    @property
    def subject(self):
        if self.tip_id:
            return "Laporan hoaks diteruskan ke distrik" if self.tip_event == "passed" else "Pesan baru dari warga"
        if self.announcement_id:
            return "Pengumuman distrik baru"
        if self.page_id:
            return self.PAGE_SUBJECTS.get(self.transition, "Kabar redaksi")
        return self.SUBJECTS.get(self.transition, "Kabar redaksi")

    @property
    def message(self):
        T, who = Article.Transition, self.actor_name or "Seseorang"
        if self.tip_id:
            # Never the sender's name or number, nor the text: the email goes
            # to editors too, and mail is read in less careful places.
            kind = self.tip.get_kind_display().lower()
            if self.tip_event == "passed":
                return f"{who} meneruskan pesan warga {self.village.name} ({kind}) ke meja cek fakta distrik."
            return f"Pesan baru dari warga {self.village.name} ({kind}) di kotak masuk."
        if self.announcement_id:
            return f"Pengumuman distrik baru untuk desa Anda: “{self.announcement.title}”."
        if self.page_id:
            title = f"halaman “{self.page.title}”"
        else:
            title = f"“{self.article.title}”" if self.article_id else "berita"
        note = f" Catatan: {self.note}" if self.note else ""
        if self.transition == T.SUBMITTED:
            return f"{who} mengajukan {title} untuk ditinjau."
        if self.transition == T.SENT_BACK:
            return f"{who} mengembalikan {title} untuk diperbaiki.{note}"
        if self.transition == T.PUBLISHED:
            return f"{capfirst(title)} sudah terbit."
        if self.transition == T.SCHEDULED:
            when = timezone.localtime(self.article.published_at).strftime("%d-%m-%Y pukul %H.%M WITA")
            return f"{capfirst(title)} dijadwalkan terbit {when}."
        if self.transition == T.WITHDRAWN:
            return f"{capfirst(title)} ditarik oleh {who}."
        if self.transition == T.TAKEN_DOWN:
            return f"Distrik menurunkan {title} dari situs.{note}"
        if self.transition == T.RESTORED:
            return f"Distrik memulihkan {title}."
        if self.transition == T.CHANGE_REQUESTED:
            return f"{who} meminta perubahan pada {title}.{note}"
        return f"{capfirst(title)}: {self.get_transition_display()}."

    @property
    def newsroom_path(self):
        """Where this is seen in the newsroom, as a path: the list links
        there on whatever host and port the reader came in on."""
        if self.tip_id:
            return reverse("newsroom:tip", args=[self.village.slug, self.tip_id], urlconf="kimportal.urls")
        if self.article_id:
            return reverse("newsroom:article", args=[self.village.slug, self.article_id], urlconf="kimportal.urls")
        if self.page_id:
            return reverse("newsroom:page", args=[self.village.slug, self.page_id], urlconf="kimportal.urls")
        return reverse("newsroom:home", args=[self.village.slug], urlconf="kimportal.urls")

    def newsroom_url(self, request=None):
        return hosts.build_url("", self.newsroom_path, request)

    @property
    def should_email(self):
        recipient = self.recipient
        return bool(settings.KIM_EMAIL_NOTIFICATIONS and recipient.email and recipient.email_notifications)

    def whatsapp_link(self, request=None):
        """A wa.me link, ready to send, for the person who caused this to
        pass it on; empty when the recipient has no number."""
        number = self.recipient.whatsapp
        if not number:
            return ""
        return whatsapp_url(number, f"{self.message}\n{self.newsroom_url(request)}")

    @classmethod
    def tell(cls, recipients, village, actor, **fields):
        """One notification per recipient, never to the one who acted."""
        actor_name = (actor.get_full_name() or actor.username) if actor else ""
        made = [
            cls.objects.create(
                recipient=person, village=village, actor=actor, actor_name=actor_name, **fields
            )
            for person in {p for p in recipients if p is not None and p.is_active and p != actor}
        ]
        return made


def members_of(village):
    return [m.user for m in Membership.objects.filter(village=village).select_related("user")]


def district_staff():
    return list(User.objects.filter(is_district_staff=True, is_active=True))


def publishers_of(village):
    return [m.user for m in Membership.objects.filter(village=village, role=Membership.Role.PUBLISHER).select_related("user")]


class UploadQuerySet(models.QuerySet):
    def images_for(self, village, user, purpose):
        """Logos or cover photos (`purpose`) this person sent for this
        village's identity, made and not yet saved as its own: what the
        identity form may name (newsroom/identity.py). Never another
        person's, never another village's, never an article photo."""
        return self.filter(village=village, user=user, purpose=purpose, image__has_key="folder")


class Upload(models.Model):
    """A photo on its way up, in pieces (the tus protocol): a dropped
    connection resumes at `offset` instead of starting over. The bytes wait
    in KIM_PARTIAL_UPLOADS_DIR, outside MEDIA_ROOT so they are never served,
    until the last piece arrives and the photo pipeline takes them: into a
    Photo of the village's library, or (`purpose`) into the renditions of a
    logo or cover photo, kept in `image` until the identity form that names
    them is saved, and deleted with the row a day later if it never is."""

    class Purpose(models.TextChoices):
        LOGO = "logo", "logo"
        COVER = "cover", "foto sampul"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    length = models.PositiveBigIntegerField()
    offset = models.PositiveBigIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    photo = models.ForeignKey("articles.Photo", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    purpose = models.CharField(max_length=5, choices=Purpose.choices, blank=True)
    # As Village.logo and .cover keep it ({"folder", "width", "height",
    # "widths"}) until the village takes it; {} before and after.
    image = models.JSONField(default=dict, blank=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "created"], name="upload_user_created")]

    @property
    def path(self):
        return Path(settings.KIM_PARTIAL_UPLOADS_DIR) / f"{self.pk}.part"

    @property
    def stored_image(self):
        return StoredImage(self.image) if self.image else None

    def hand_over_image(self):
        """The village has taken the image (its identity was saved with it):
        it is the village's now, and no longer this upload's to clean up
        or to give again."""
        Upload.objects.filter(pk=self.pk).update(image={})
