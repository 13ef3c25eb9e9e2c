import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.invitations import new_account
from articles.models import Article, Topic
from desk.activity import day_start
from imports import runs, sources
from imports.fetch import FEED_TYPES, FetchError, fetch
from imports.importer import members_of, suggested_topics
from villages import domains
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

    def _filtered(self):
        """Every filter but the status. A date range counts publication
        time, so it leaves drafts out."""
        data = self.cleaned_data
        articles = Article.objects.alive()
        if data["kecamatan"]:
            articles = articles.filter(village__kecamatan=data["kecamatan"])
        if data["village"]:
            articles = articles.for_village(data["village"])
        if data["topic"]:
            articles = articles.for_topic(data["topic"])
        articles = articles.published_between(day_start(data["start"]), day_start(data["end"], days=1))
        if data["q"]:
            articles = articles.search(data["q"])
        return articles.select_related("village__kecamatan", "author", "topic")

    @property
    def showing_scheduled(self):
        return self.cleaned_data["status"] == Article.Status.SCHEDULED

    def articles(self):
        """The filtered stream, newest first. Articles scheduled for later
        are kept apart (`scheduled`, the status filter "Terjadwal"), so what
        was published a minute ago is on top, not under next week's news."""
        status = self.cleaned_data["status"]
        if self.showing_scheduled:
            return self.scheduled()
        articles = self._filtered()
        if status:
            articles = articles.with_status(status)
        else:
            articles = articles.exclude(
                status=Article.Status.SCHEDULED, published_at__gt=timezone.now(), taken_down_at__isnull=True
            )
        return articles.latest_first()

    def scheduled(self):
        """Scheduled for later, the soonest first."""
        return self._filtered().with_status(Article.Status.SCHEDULED).order_by("published_at", "id")

    def counts(self):
        """(articles in the stream shown, articles scheduled for later). The
        whole stream is counted as everything filtered less what is
        scheduled: the filtered count is read from the desk feed's index
        alone, which the stream's own condition would not let it be."""
        scheduled = self.scheduled().count()
        status = self.cleaned_data["status"]
        if self.showing_scheduled:
            return scheduled, scheduled
        if status:
            return self._filtered().with_status(status).count(), scheduled
        return self._filtered().count() - scheduled, scheduled


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        base = settings.KIM_BASE_DOMAIN
        self.fields["slug"].help_text = (
            f"Alamat situs desa: subdomain.{base}, misalnya taan untuk taan.{base}. "
            "Huruf kecil, angka, tanda hubung."
        )

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
        editor = new_account(
            self.cleaned_data["editor_name"],
            email=self.cleaned_data["editor_email"],
            whatsapp=self.cleaned_data["editor_whatsapp"],
            username_hint=f"kim-{village.slug}",
        )
        Membership.objects.create(user=editor, village=village, role=self.cleaned_data["editor_role"])
        AuditEntry.record(staff, AuditEntry.Action.VILLAGE_ADDED, village, subject=village)
        return village, editor


class ImportStartForm(forms.Form):
    """Step one of moving an old site in: which village, and the export
    (or a feed's address). The file is read here, so a wrong one is refused
    with the reason before anything is kept."""

    village = forms.ModelChoiceField(Village.objects.none(), label="Desa tujuan", empty_label="Pilih desa")
    export = forms.FileField(
        label="Berkas ekspor", required=False,
        help_text="Dari WordPress: Alat → Ekspor → “Semua konten” (berkas .xml). Atau berkas umpan RSS/Atom.",
    )
    feed_url = forms.URLField(
        label="Atau alamat umpan RSS/Atom", required=False, max_length=500, assume_scheme="https",
        help_text="Untuk situs selain WordPress (misalnya Blogspot: https://namadesa.blogspot.com/feeds/posts/default). "
        "Hanya berita terbaru yang ada di umpan.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.for_user(user)

    def clean(self):
        cleaned = super().clean()
        upload, url = cleaned.get("export"), cleaned.get("feed_url")
        if "feed_url" in self.errors:
            return cleaned
        if bool(upload) == bool(url):
            raise ValidationError("Unggah berkas ekspor, atau tulis alamat umpan: salah satu saja.")
        if upload:
            if upload.size > runs.max_bytes():
                raise runs.too_big()
            data, name = upload.read(), upload.name
        else:
            try:
                data, name = fetch(url, runs.max_bytes(), accept=FEED_TYPES), url
            except FetchError as error:
                raise ValidationError(f"Umpan tidak bisa diambil: {error}.")
        sources.read(data)
        self.data_bytes, self.file_name = data, name
        return cleaned


class ImportMappingForm(forms.Form):
    """Step two: what each category and tag becomes among the district's
    topics (suggested where the names agree), the topic for the rest, and
    which old authors are members here."""

    default_topic = forms.ModelChoiceField(
        Topic.objects.all(), label="Topik bawaan", required=False, empty_label="Tanpa topik",
        help_text="Untuk berita yang kategori dan tag-nya tidak dipetakan ke topik.",
    )

    def __init__(self, *args, export, village, **kwargs):
        super().__init__(*args, **kwargs)
        suggested = suggested_topics(export)
        self.terms = export.used_terms()
        self.authors = export.used_authors()
        for i, term in enumerate(self.terms):
            self.fields[f"topik_{i}"] = forms.ModelChoiceField(
                Topic.objects.all(), required=False, empty_label="Topik bawaan", initial=suggested.get(term.key),
                label=f"{term.label} “{term.name}” ({term.count} berita)",
            )
        members = members_of(village).order_by("username")
        for i, (login, name, count) in enumerate(self.authors):
            field = forms.ModelChoiceField(
                members, required=False, empty_label=f"Nama saja: {name}", label=f"Penulis “{name}” ({count} berita)",
            )
            field.label_from_instance = lambda user: f"Anggota: {user.get_full_name() or user.username} ({user.username})"
            self.fields[f"penulis_{i}"] = field

    def topic_fields(self):
        return [self[f"topik_{i}"] for i in range(len(self.terms))]

    def author_fields(self):
        return [self[f"penulis_{i}"] for i in range(len(self.authors))]

    def choices(self):
        data = self.cleaned_data
        return {
            "topics": {term.key: data[f"topik_{i}"] for i, term in enumerate(self.terms)},
            "default_topic": data["default_topic"],
            "members": {login: data[f"penulis_{i}"] for i, (login, _, _) in enumerate(self.authors)},
        }


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


class DomainForm(forms.Form):
    """A village's own domain: the name as staff type it (with or without
    https://, in capitals, an international name), kept as DNS knows it."""

    domain = forms.CharField(
        label="Domain sendiri", max_length=300,
        help_text="Domain milik desa, misalnya taan.desa.id. Situs desa dibuka di sana setelah DNS-nya diperiksa.",
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false",
                                      "inputmode": "url"}),
    )

    def __init__(self, *args, village=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.village = village

    def clean_domain(self):
        name = domains.normalize(self.cleaned_data["domain"])
        taken = Village.objects.filter(domain=name).exclude(pk=getattr(self.village, "pk", None)).first()
        if taken is not None:
            raise ValidationError(f"{domains.readable(name)} sudah dipakai {taken.name}.")
        return name


class NewDomainForm(DomainForm):
    """The desk's list of own domains: a village and its new domain."""

    village = forms.ModelChoiceField(Village.objects.none(), label="Desa", empty_label="Pilih desa")
    field_order = ["village", "domain"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.for_user(user).filter(domain__isnull=True)

    def clean(self):
        cleaned = super().clean()
        self.village = cleaned.get("village")
        return cleaned
