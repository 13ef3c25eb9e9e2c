import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Topic
from desk.activity import day_start
from villages.models import AuditEntry, Kecamatan, Membership, User, Village
from villages.phones import WhatsAppField

STATUS_CHOICES = [("", "Semua status"), *Article.Status.choices, ("taken_down", "Diturunkan distrik")]


class FeedFilter(forms.Form):
    q = forms.CharField(label="Cari", required=False, max_length=100)
    kecamatan = forms.ModelChoiceField(Kecamatan.objects.all(), label="Kecamatan", required=False, empty_label="Semua kecamatan")
    village = forms.ModelChoiceField(Village.objects.all(), label="Desa", required=False, empty_label="Semua desa")
    topic = forms.ModelChoiceField(Topic.objects.all(), label="Topik", required=False, empty_label="Semua topik")
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, required=False)
    start = forms.DateField(label="Terbit sejak", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="Terbit sampai", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise ValidationError("Tanggal akhir harus sama dengan atau setelah tanggal awal.")
        return cleaned

    def articles(self):
        """The filtered stream, newest first. A date range counts publication
        time, so it leaves drafts out."""
        data = self.cleaned_data
        articles = Article.objects.alive()
        if data["kecamatan"]:
            articles = articles.filter(village__kecamatan=data["kecamatan"])
        if data["village"]:
            articles = articles.for_village(data["village"])
        if data["topic"]:
            articles = articles.for_topic(data["topic"])
        if data["status"]:
            articles = articles.with_status(data["status"])
        articles = articles.published_between(day_start(data["start"]), day_start(data["end"], days=1))
        if data["q"]:
            articles = articles.search(data["q"])
        return articles.select_related("village__kecamatan", "author", "topic").latest_first()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Alasan", min_length=10, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ditampilkan kepada editor desa dan disimpan di log audit.",
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ActivityOptions(forms.Form):
    sepi = forms.IntegerField(
        label="Sepi bila tidak terbit selama (hari)", min_value=1, max_value=365, required=False,
    )

    @property
    def quiet_days(self):
        return (self.cleaned_data.get("sepi") if self.is_valid() else None) or settings.KIM_QUIET_DAYS


class NewVillageForm(forms.ModelForm):
    editor_name = forms.CharField(label="Nama editor pertama", max_length=150)
    editor_email = forms.EmailField(label="Email editor", required=False)
    editor_whatsapp = WhatsAppField(label="WhatsApp editor", required=False)
    editor_role = forms.ChoiceField(
        label="Peran editor", choices=Membership.Role.choices, initial=Membership.Role.PUBLISHER
    )

    class Meta:
        model = Village
        fields = ["name", "kim_name", "slug", "kecamatan"]

    def clean_editor_email(self):
        email = self.cleaned_data["editor_email"].lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                "Email ini sudah dipakai pengguna lain. Tambahkan orang itu lewat menu Keanggotaan."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if "editor_whatsapp" in self.errors:
            return cleaned  # the number was given, but not understood: that error says so
        if not cleaned.get("editor_email") and not cleaned.get("editor_whatsapp"):
            raise ValidationError("Isi email atau nomor WhatsApp editor, agar tautan kata sandi bisa dikirim.")
        return cleaned

    @transaction.atomic
    def save_for(self, staff):
        village = self.save()
        first, _, last = self.cleaned_data["editor_name"].partition(" ")
        editor = User(
            username=_free_username(self.cleaned_data["editor_email"] or f"kim-{village.slug}"),
            first_name=first[:150],
            last_name=last[:150],
            email=self.cleaned_data["editor_email"],
            whatsapp=self.cleaned_data["editor_whatsapp"],
        )
        # No password until the editor sets one through the link.
        editor.set_unusable_password()
        editor.save()
        Membership.objects.create(user=editor, village=village, role=self.cleaned_data["editor_role"])
        AuditEntry.record(staff, AuditEntry.Action.VILLAGE_ADDED, village, subject=village)
        return village, editor


def _free_username(wanted):
    base = slugify(wanted.split("@")[0])[:140] or "editor"
    name, n = base, 2
    while User.objects.filter(username=name).exists():
        name, n = f"{base}-{n}", n + 1
    return name


class ReadershipPeriod(forms.Form):
    """The days the readership page adds up: the last four weeks unless chosen."""

    DAYS, MAX_DAYS = 28, 366

    dari = forms.DateField(label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        last = cleaned.get("sampai") or timezone.localdate()
        first = cleaned.get("dari") or last - datetime.timedelta(days=self.DAYS - 1)
        if last < first:
            raise ValidationError("Tanggal akhir harus sama dengan atau setelah tanggal awal.")
        if (last - first).days >= self.MAX_DAYS:
            raise ValidationError(f"Pilih paling lama {self.MAX_DAYS} hari.")
        cleaned["dari"], cleaned["sampai"] = first, last
        return cleaned

    @classmethod
    def from_query(cls, query):
        """Bound to the query, with the default days filled in where none
        were given, so the fields show the period counted."""
        data = query.copy()
        last = timezone.localdate()
        for name, default in (("sampai", last), ("dari", last - datetime.timedelta(days=cls.DAYS - 1))):
            if not data.get(name):
                data[name] = default.isoformat()
        return cls(data)

    @property
    def period(self):
        """(first day, last day), both counted."""
        return self.cleaned_data["dari"], self.cleaned_data["sampai"]
