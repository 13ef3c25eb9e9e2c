from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import photos
from articles.forms import NotStaleMixin
from articles.html import image_sources
from articles.models import Article, Photo, Topic
from articles.widgets import RichTextEditor
from newsroom.models import Upload
from villagepages.models import Page
from villages import identity as identity_rules
from villages import roles
from villages.models import Membership, Village
from villages.phones import WhatsAppField

UNFINISHED_IMAGE = (
    "Ada foto di dalam isi berita yang belum selesai diunggah. Tunggu sampai unggahan selesai "
    "(tombol simpan aktif lagi), lalu simpan sekali lagi. Teks Anda belum hilang."
)


class StoryForm(NotStaleMixin, forms.ModelForm):
    """An article as a volunteer writes it: title, lead photo, body, topic,
    an optional excerpt. The step it takes (save, submit, publish, schedule)
    is the button pressed, not a field."""

    photo = forms.ModelChoiceField(queryset=Photo.objects.none(), required=False, widget=forms.HiddenInput)
    photo_caption = forms.CharField(
        label="Keterangan foto", required=False, max_length=300,
        help_text="Siapa atau apa yang ada di foto, di mana.",
    )
    photo_alt = forms.CharField(
        label="Deskripsi foto", required=False, max_length=200,
        help_text="Opsional. Contoh: Warga menanam bibit kakao di kebun.",
    )
    publish_at = forms.DateTimeField(
        label="Waktu terbit (WITA)", required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    edited_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["title", "photo", "body", "topic", "excerpt"]
        labels = {"title": "Judul", "body": "Isi berita", "topic": "Topik", "excerpt": "Ringkasan (opsional)"}
        help_texts = {
            "title": "Singkat dan jelas: siapa, apa, di mana.",
            "excerpt": "Kosongkan untuk diambil dari awal isi berita.",
            "body": "",
        }
        widgets = {"excerpt": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, village, user, action="save", **kwargs):
        super().__init__(*args, **kwargs)
        self.village, self.user, self.action = village, user, action
        self.fields["photo"].queryset = Photo.objects.for_village(village)
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["topic"].empty_label = "Pilih topik"
        self.fields["body"].required = False  # a draft may be a title only
        self.fields["body"].widget = RichTextEditor(
            upload_url=reverse("newsroom:upload", args=[village.slug]), attrs={"rows": 12}, upload_user=user.pk
        )
        if self.instance.photo_id:
            self.fields["photo_caption"].initial = self.instance.photo.caption
            self.fields["photo_alt"].initial = self.instance.photo.alt
        if self.instance.status == Article.Status.SCHEDULED and self.instance.published_at:
            self.fields["publish_at"].initial = timezone.localtime(self.instance.published_at)
        self.init_edited_version()

    def clean_title(self):
        # Typed into a field that wraps: a line break pasted in is a space.
        return " ".join(self.cleaned_data["title"].split())

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        for source in image_sources(body):
            folder = photos.folder_of(source)
            if folder is None or not Photo.objects.for_village(self.village).filter(folder=folder).exists():
                raise ValidationError(UNFINISHED_IMAGE, code="unfinished_image")
        return body

    def clean(self):
        cleaned = super().clean()
        photo = cleaned.get("photo")
        if photo is not None and self._changes(photo) and not photo.may(self.user, roles.Action.CHANGE_PHOTO):
            self.add_error(
                "photo_caption",
                "Foto ini dipakai berita yang sudah terbit; keterangannya hanya dapat diubah penerbit. "
                "Pakai keterangan yang sama, atau unggah foto lain.",
            )
        if self.action != "save" and not (cleaned.get("body") or "").strip():
            self.add_error("body", "Isi berita masih kosong.")
        if self.action == "schedule":
            when = cleaned.get("publish_at")
            if when is None:
                self.add_error("publish_at", "Pilih tanggal dan jam terbit.")
            elif when <= timezone.now():
                self.add_error("publish_at", "Waktu terbit sudah lewat. Pilih waktu yang akan datang, atau tekan Terbitkan.")
        self.check_not_stale()
        return cleaned

    def _changes(self, photo):
        return (photo.caption, photo.alt) != (self.cleaned_data.get("photo_caption", ""), self.cleaned_data.get("photo_alt", ""))

    def save(self, commit=True):
        article = super().save(commit=False)
        photo = self.cleaned_data.get("photo")
        if photo is not None and self._changes(photo):
            photo.caption, photo.alt = self.cleaned_data["photo_caption"], self.cleaned_data["photo_alt"]
            photo.save(update_fields=["caption", "alt"])
        if commit:
            article.save()
        return article


class NoteForm(forms.Form):
    """A publisher's note when sending back, or an editor's request for a change."""

    note = forms.CharField(
        label="Catatan", min_length=5, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tulis catatan singkat: apa yang perlu diubah.",
                        "min_length": "Catatan terlalu pendek: jelaskan apa yang perlu diubah."},
    )


class ScheduleForm(forms.Form):
    publish_at = StoryForm.base_fields["publish_at"]

    def clean_publish_at(self):
        when = self.cleaned_data.get("publish_at")
        if when is None:
            raise ValidationError("Pilih tanggal dan jam terbit.")
        if when <= timezone.now():
            raise ValidationError("Waktu terbit sudah lewat. Pilih waktu yang akan datang.")
        return when


class PreferencesForm(forms.Form):
    first_name = forms.CharField(label="Nama depan", max_length=150)
    last_name = forms.CharField(label="Nama belakang", max_length=150, required=False)
    whatsapp = WhatsAppField(label="Nomor WhatsApp", required=False)
    email = forms.EmailField(label="Email", required=False)
    email_notifications = forms.BooleanField(label="Kirim kabar redaksi ke email saya", required=False)


def _link(placeholder):
    """An address field the browser does not check: its own check refuses
    "facebook.com/kimtaan" (no https://), in the phone's language, before
    the form is sent; the server takes it and adds https://."""
    return forms.TextInput(attrs={"placeholder": placeholder, "inputmode": "url", "autocapitalize": "off",
                                  "autocomplete": "url", "spellcheck": "false"})


class IdentityForm(forms.ModelForm):
    """A KIM's own site, as its lead edits it: look (logo, cover photo,
    colour) and words and contact. The logo and cover go up in pieces
    before the form is sent, as article photos do (newsroom/uploads.py,
    through the one pipeline, articles/photos.py); the form names the
    upload, and takes only one this person sent for this village, for this
    purpose, not yet used. The colour must keep text readable
    (villages/identity.py)."""

    OTHER = "lain"
    GONE = "Foto yang diunggah untuk {what} tidak ditemukan lagi (mungkin sudah lebih dari sehari). Pilih fotonya lagi."

    accent = forms.ChoiceField(
        label="Warna situs", widget=forms.RadioSelect,
        choices=[*identity_rules.PALETTE, (OTHER, "Warna lain")],
    )
    accent_other = forms.CharField(
        label="Warna lain", required=False, max_length=7,
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text="Harus cukup gelap agar tulisan putih di atasnya mudah dibaca.",
    )
    logo = forms.UUIDField(
        label="Logo", required=False, widget=forms.HiddenInput,
        error_messages={"invalid": GONE.format(what="logo")},
        help_text="JPG, PNG, WebP, atau HEIC. Dibuat juga menjadi ikon situs di ponsel.",
    )
    drop_logo = forms.BooleanField(label="Hapus logo", required=False)
    cover = forms.UUIDField(
        label="Foto sampul", required=False, widget=forms.HiddenInput,
        error_messages={"invalid": GONE.format(what="foto sampul")},
        help_text="Tampil melebar di atas beranda (bagian tengah foto, 3:1).",
    )
    drop_cover = forms.BooleanField(label="Hapus foto sampul", required=False)
    whatsapp = WhatsAppField(label="WhatsApp sekretariat", required=False)
    facebook = forms.URLField(label="Facebook", required=False, assume_scheme="https",
                              help_text="Contoh: facebook.com/kimtaan", widget=_link("https://www.facebook.com/…"))
    instagram = forms.URLField(label="Instagram", required=False, assume_scheme="https",
                               widget=_link("https://www.instagram.com/…"))
    youtube = forms.URLField(label="YouTube", required=False, assume_scheme="https",
                             widget=_link("https://www.youtube.com/@…"))
    tiktok = forms.URLField(label="TikTok", required=False, assume_scheme="https",
                            widget=_link("https://www.tiktok.com/@…"))

    class Meta:
        model = Village
        fields = ["accent", "tagline", "description", "address", "opening_hours", "whatsapp", "email",
                  "facebook", "instagram", "youtube", "tiktok"]
        labels = {"tagline": "Slogan", "description": "Tentang KIM", "address": "Alamat sekretariat",
                  "opening_hours": "Jam buka", "email": "Email"}
        help_texts = {
            "description": "Tampil di halaman Tentang KIM.",
            "opening_hours": "Contoh: Senin–Jumat, 08.00–15.00 WITA",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        current = self.instance.accent_colour
        self.initial.update(accent=current if current in dict(identity_rules.PALETTE) else self.OTHER,
                            accent_other=current)
        # The uploads named, once checked: Upload rows (newsroom.models).
        self.new_logo = self.new_cover = None

    def _upload(self, name, purpose):
        upload_id = self.cleaned_data.get(name)
        if not upload_id:
            return None
        upload = Upload.objects.images_for(self.instance, self.user, purpose).filter(pk=upload_id).first()
        if upload is None:
            raise ValidationError(self.fields[name].error_messages["invalid"], code="gone")
        return upload

    def clean_logo(self):
        self.new_logo = self._upload("logo", Upload.Purpose.LOGO)
        return self.cleaned_data.get("logo")

    def clean_cover(self):
        self.new_cover = self._upload("cover", Upload.Purpose.COVER)
        return self.cleaned_data.get("cover")

    def clean(self):
        data = super().clean()
        chosen = data.get("accent")
        if chosen == self.OTHER:
            chosen = data.get("accent_other") or ""
            if not chosen:
                self.add_error("accent_other", "Pilih warnanya, atau pilih salah satu warna yang disediakan.")
        if chosen and chosen != self.OTHER:
            try:
                data["accent"] = identity_rules.normalize_accent(chosen)
            except ValidationError as refused:
                self.add_error("accent", refused)
        return data

    def _post_clean(self):
        # The model's own rules (colour, links, WhatsApp) checked again, on
        # the colour chosen rather than the radio button's value.
        if self.cleaned_data.get("accent") == self.OTHER:
            self.cleaned_data.pop("accent")
        super()._post_clean()

    def identity_fields(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PageForm(forms.ModelForm):
    """A village page as the KIM writes it: a title and its text. The step
    (save, submit, publish) is the button pressed, not a field; a save made
    by someone else after this person opened the page is refused, not
    silently overwritten."""

    edited_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Page
        fields = ["title", "body"]
        labels = {"title": "Judul halaman", "body": "Isi halaman"}
        help_texts = {"title": "Singkat: tampil di menu situs desa.", "body": ""}

    def __init__(self, *args, village, user, action="save", **kwargs):
        super().__init__(*args, **kwargs)
        self.village, self.action = village, action
        self.fields["body"].widget = RichTextEditor(
            upload_url=reverse("newsroom:upload", args=[village.slug]), attrs={"rows": 14}, upload_user=user.pk
        )
        self.fields["edited_version"].initial = self.instance.updated.isoformat() if self.instance.pk else ""

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        for source in image_sources(body):
            folder = photos.folder_of(source)
            if folder is None or not Photo.objects.for_village(self.village).filter(folder=folder).exists():
                raise ValidationError(UNFINISHED_IMAGE, code="unfinished_image")
        return body

    def clean(self):
        cleaned = super().clean()
        if self.action == "publish" and not (cleaned.get("body") or "").strip():
            self.add_error("body", "Isi halaman masih kosong.")
        submitted = cleaned.get("edited_version")
        if self.instance.pk and submitted:
            current = Page.objects.filter(pk=self.instance.pk).values_list("updated", flat=True).first()
            if current and current.isoformat() != submitted:
                raise ValidationError(
                    f"Halaman ini sudah diubah orang lain pada {timezone.localtime(current):%d-%m-%Y %H.%M} "
                    "setelah Anda membukanya. Perubahan Anda belum disimpan: salin teks Anda, "
                    "buka ulang halaman ini di tab baru, lalu gabungkan.",
                    code="stale",
                )
        return cleaned


class InviteForm(forms.Form):
    """Someone the KIM's publisher brings into the team: new people get an
    account; someone who already has one (found by email) joins with it."""

    name = forms.CharField(label="Nama lengkap", max_length=150)
    email = forms.EmailField(label="Email", required=False, help_text="Bila orang ini sudah punya akun, pakai email akunnya.")
    whatsapp = WhatsAppField(label="Nomor WhatsApp", required=False)
    role = forms.ChoiceField(
        label="Peran", choices=Membership.Role.choices, initial=Membership.Role.EDITOR, widget=forms.RadioSelect
    )

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        if "whatsapp" in self.errors or "email" in self.errors:
            return cleaned  # given, but not understood: that field's error says so
        if not cleaned.get("email") and not cleaned.get("whatsapp"):
            raise ValidationError("Isi email atau nomor WhatsApp, agar undangan bisa dikirim.")
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Peran", choices=Membership.Role.choices, widget=forms.RadioSelect)
