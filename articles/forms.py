"""The forms of the newsroom: an article with its lead photo, a photo for
the library, a district announcement. Each is handed the requesting user
and scopes its choices (villages, photos) through Village.objects.for_user."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import photos
from articles.html import images_without_alt
from articles.models import Announcement, Article, Photo
from articles.widgets import RichTextEditor
from villages.models import Village


class PhotoUploadField(forms.FileField):
    """A photo file run through the one pipeline while the form is validated;
    nothing is stored until the whole form is valid."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/*,.heic,.heif"})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return None
        return photos.process(upload)


class NotStaleMixin:
    """A form that writes over an article refuses to when someone else saved
    it after this person opened it: the `edited_version` field carries the
    `updated` time they started from."""

    def init_edited_version(self):
        self.fields["edited_version"].initial = self.instance.updated.isoformat() if self.instance.pk else ""

    def check_not_stale(self):
        submitted = self.cleaned_data.get("edited_version")
        if not self.instance.pk or not submitted:
            return
        current = Article.objects.filter(pk=self.instance.pk).values_list("updated", flat=True).first()
        if current and current.isoformat() != submitted:
            last = self.instance.revisions.select_related("author").first()
            who = last.author.get_full_name() or last.author.username if last and last.author else "orang lain"
            raise ValidationError(
                f"Berita ini sudah diubah oleh {who} pada {timezone.localtime(current):%d-%m-%Y %H.%M} "
                "setelah Anda membukanya. Perubahan Anda belum disimpan: salin teks Anda, "
                "buka ulang berita ini di tab baru, lalu gabungkan.",
                code="stale",
            )


class ArticleForm(NotStaleMixin, forms.ModelForm):
    photo_upload = PhotoUploadField(
        label="Unggah foto utama",
        required=False,
        help_text=f"JPG, PNG, WebP atau HEIC dari ponsel, maksimal {photos.max_upload_bytes() // 2**20} MB. "
        "Lokasi GPS dan data kamera dihapus otomatis.",
    )
    photo_alt = forms.CharField(
        label="Teks alternatif foto utama", required=False, max_length=200,
        help_text="Jelaskan isi foto untuk pembaca tunanetra, misalnya “Warga menanam bibit kakao”.",
    )
    photo_caption = forms.CharField(label="Keterangan foto utama", required=False, max_length=300)
    # The `updated` time the editor started from: a save made meanwhile by
    # someone else is noticed instead of silently overwritten.
    edited_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "village", "title", "excerpt", "body", "photo", "gallery", "topic",
            "status", "published_at", "review_note", "slug", "author", "byline",
        ]
        widgets = {"body": RichTextEditor}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        villages = Village.objects.for_user(user)
        if "village" in self.fields:
            self.fields["village"].queryset = villages
            if not self.instance.pk and len(villages[:2]) == 1:
                self.fields["village"].initial = villages[0]
        village = self._village()
        library = Photo.objects.editable_by(user)
        if village is not None:
            library = library.for_village(village)
        for name in ("photo", "gallery"):
            if name in self.fields:
                self.fields[name].queryset = library
        if "body" in self.fields:  # absent when the user may only view
            # Images in the text go to the admin's endpoint, for this village.
            upload_url = reverse("admin:articles_article_upload")
            if village is not None:
                upload_url += f"?village={village.pk}"
            self.fields["body"].widget.upload_url = upload_url
        if self.instance.photo_id:
            self.fields["photo_alt"].initial = self.instance.photo.alt
            self.fields["photo_caption"].initial = self.instance.photo.caption
        self.init_edited_version()

    def _village(self):
        """The village this form writes for, as far as it is known yet."""
        if self.instance.village_id:
            return self.instance.village
        if "village" not in self.fields:
            return None
        value = self.data.get("village") or self.fields["village"].initial
        if isinstance(value, Village):
            return value
        return Village.objects.for_user(self.user).filter(pk=int_or_none(value)).first()

    def clean(self):
        cleaned = super().clean()
        village = cleaned.get("village")
        status = cleaned.get("status")
        if village is not None and status and status not in Article.statuses_for(self.user, village):
            self.add_error(
                "status",
                "Hanya penerbit (ketua KIM) atau staf distrik yang dapat menerbitkan, menjadwalkan "
                "atau menarik berita. Pilih “Menunggu tinjauan” agar penerbit memeriksanya.",
            )
        if status == Article.Status.SCHEDULED and not cleaned.get("published_at"):
            self.add_error("published_at", "Isi waktu terbit untuk berita yang dijadwalkan.")
        for photo in [cleaned.get("photo"), *(cleaned.get("gallery") or [])]:
            if photo is not None and village is not None and photo.village_id != village.pk:
                raise ValidationError("Foto harus berasal dari perpustakaan foto desa yang sama.")
        self.check_not_stale()
        return cleaned

    def missing_alt_text(self):
        """Images in the article that a blind reader would not know about."""
        missing = []
        if self.instance.photo is not None and not self.instance.photo.alt:
            missing.append("foto utama")
        if images_without_alt(self.instance.body):
            missing.append("gambar di dalam isi berita")
        return missing


class PhotoForm(forms.ModelForm):
    upload = PhotoUploadField(label="Foto", required=True)

    class Meta:
        model = Photo
        fields = ["village", "alt", "caption"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if "village" in self.fields:  # read-only once the photo exists
            self.fields["village"].queryset = Village.objects.for_user(user)
        if self.instance.pk:
            del self.fields["upload"]


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body", "attachment", "starts_at", "ends_at", "audience", "kecamatans", "villages"]
        widgets = {
            "body": RichTextEditor,  # no images: they go in the attachment
            "audience": forms.RadioSelect,
            "kecamatans": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience == Announcement.Audience.KECAMATAN and not cleaned.get("kecamatans"):
            self.add_error("kecamatans", "Pilih setidaknya satu kecamatan.")
        if audience == Announcement.Audience.VILLAGES and not cleaned.get("villages"):
            self.add_error("villages", "Pilih setidaknya satu desa.")
        return cleaned

    def save(self, commit=True):
        # Targets that do not apply are dropped, so the list shows what counts.
        audience = self.cleaned_data["audience"]
        if audience != Announcement.Audience.KECAMATAN:
            self.cleaned_data["kecamatans"] = []
        if audience != Announcement.Audience.VILLAGES:
            self.cleaned_data["villages"] = []
        return super().save(commit)


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
