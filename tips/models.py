"""Messages from residents to their KIM ("Kirim kabar"): news tips,
questions and reports of suspected hoaxes.

A message belongs to one village and is read in that KIM's newsroom inbox.
The sender's name and number are optional and are never published: the
roles table (villages/roles.py) lets only the KIM's publishers and the
district see them. Nothing about where a message came from (no address, no
browser) is stored. Every message is deleted KIM_TIP_RETENTION_DAYS after
it arrived (`manage.py delete_old_tips`).
"""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from tips.events import tip_passed, tip_received
from villages.models import Village

MESSAGE_MAX = 4000


class TipQuerySet(models.QuerySet):
    def for_village(self, village):
        return self.filter(village=village)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def passed_to_district(self):
        return self.filter(passed_at__isnull=False)

    def expired(self, now=None):
        """Older than the retention period: due to be deleted."""
        now = now or timezone.now()
        return self.filter(created__lt=now - datetime.timedelta(days=settings.KIM_TIP_RETENTION_DAYS))

    def delete_expired(self, now=None):
        """Deletes what has outlived the retention period (their
        notifications go with them); returns how many messages."""
        _, per_model = self.expired(now).delete()
        return per_model.get("tips.Tip", 0)


class Tip(models.Model):
    class Kind(models.TextChoices):
        NEWS = "kabar", "Kabar untuk diberitakan"
        QUESTION = "tanya", "Pertanyaan"
        HOAX = "hoaks", "Dugaan hoaks"

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="tips")
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices, default=Kind.NEWS)
    message = models.TextField("pesan", max_length=MESSAGE_MAX)
    # Seen only by the KIM's publishers and the district; never published.
    sender_name = models.CharField("nama pengirim", max_length=100, blank=True)
    sender_phone = models.CharField("nomor WhatsApp pengirim", max_length=20, blank=True)
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    passed_at = models.DateTimeField("diteruskan ke distrik", null=True, blank=True)
    passed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    passed_by_name = models.CharField(max_length=150, blank=True)

    objects = TipQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "kabar dari warga"
        verbose_name_plural = "kabar dari warga"
        indexes = [
            # The newsroom inbox: one village's messages, newest first.
            models.Index(fields=["village", "-created"], name="tip_inbox"),
            # The district's fact-check desk: what was passed on, newest first.
            models.Index(fields=["-passed_at"], name="tip_passed", condition=models.Q(passed_at__isnull=False)),
            # Retention: what is older than the period.
            models.Index(fields=["created"], name="tip_created"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.village_id} · {self.created:%Y-%m-%d}"

    @property
    def has_contact(self):
        return bool(self.sender_name or self.sender_phone)

    @property
    def is_passed(self):
        return self.passed_at is not None

    @classmethod
    def receive(cls, village, **fields):
        """A resident's message arrives: stored, and the KIM told (after the commit)."""
        tip = cls.objects.create(village=village, **fields)
        transaction.on_commit(lambda: tip_received.send(sender=cls, tip=tip))
        return tip

    def mark_read(self):
        if self.read_at is None:
            self.read_at = timezone.now()
            Tip.objects.filter(pk=self.pk, read_at__isnull=True).update(read_at=self.read_at)

    def pass_to_district(self, user):
        """Send to the district's fact-check desk (once; again changes nothing)."""
        updated = Tip.objects.filter(pk=self.pk, passed_at__isnull=True).update(
            passed_at=timezone.now(), passed_by=user, passed_by_name=user.get_full_name() or user.username
        )
        self.refresh_from_db(fields=["passed_at", "passed_by", "passed_by_name"])
        if updated:
            tip_passed.send(sender=Tip, tip=self, actor=user)
        return bool(updated)
