"""The admin of articles, photos, topics and announcements: district staff
and superusers only (villages/roles.py, USE_ADMIN). Village editors and
publishers work in the newsroom (newsroom/). Every screen, lookup and
upload is still scoped through Village.objects.for_user and asks the roles
table for each article.
"""

import datetime
import difflib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import photos
from articles.events import announcement_published
from articles.forms import AnnouncementForm, ArticleForm, PhotoForm, int_or_none
from articles.html import plain_text
from articles.models import Announcement, Article, Photo, Topic
from articles.views import render_as_readers_see
from villages import roles
from villages.admin import DistrictOnlyAdmin, RefuseInvalidFormsMixin
from villages.models import Village
from villages.roles import works_across_villages


@admin.register(Topic)
class TopicAdmin(DistrictOnlyAdmin):
    action = roles.Action.MANAGE_TOPICS
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}



class UserScopedFormMixin:
    """Hands the requesting user to the form, which scopes its choices by it."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class ScopedForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return ScopedForm


@admin.register(Article)
class ArticleAdmin(RefuseInvalidFormsMixin, UserScopedFormMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "village", "status_label", "published_at", "author", "updated"]
    list_filter = ["status", "topic", "village__kecamatan", "village"]
    search_fields = ["title", "excerpt"]
    list_select_related = ["village", "author"]
    autocomplete_fields = []
    filter_horizontal = ["gallery"]
    change_form_template = "admin/articles/article/change_form.html"
    fieldsets = [
        (None, {"fields": ["village", "title", "body", "excerpt"]}),
        ("Foto utama", {"fields": ["photo_upload", "photo", "photo_alt", "photo_caption"]}),
        ("Galeri", {"fields": ["gallery"], "classes": ["collapse"]}),
        ("Terbit", {"fields": ["topic", "status", "published_at", "review_note", "slug", "author", "byline", "edited_version"]}),
    ]

    # Every screen and every lookup goes through the user's villages.
    def get_queryset(self, request):
        return super().get_queryset(request).alive().editable_by(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = [] if works_across_villages(request.user) else ["author"]
        if obj is not None and not roles.may(request.user, roles.Action.SEND_BACK, obj.village):
            readonly.append("review_note")
        return readonly

    def get_list_filter(self, request):
        if works_across_villages(request.user):
            return self.list_filter
        return ["status", "topic"]

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        return "Diturunkan distrik" if obj.taken_down_at else obj.effective_status.label

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        processed = form.cleaned_data.get("photo_upload")
        if processed is not None:
            obj.photo = Photo.from_processed(processed, obj.village, request.user)
        if obj.photo is not None:
            alt, caption = form.cleaned_data.get("photo_alt", ""), form.cleaned_data.get("photo_caption", "")
            if (obj.photo.alt, obj.photo.caption) != (alt, caption):
                obj.photo.alt, obj.photo.caption = alt, caption
                obj.photo.save(update_fields=["alt", "caption"])
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.snapshot(request.user)
        missing = form.missing_alt_text()
        if missing:
            self.message_user(
                request,
                "Pengingat: tambahkan teks alternatif untuk " + " dan ".join(missing)
                + " agar pembaca tunanetra tahu isi fotonya.",
                messages.WARNING,
            )

    # Deleting moves to the trash, from which it can be restored.
    def delete_model(self, request, obj):
        obj.move_to_trash()

    def delete_queryset(self, request, queryset):
        queryset.update(deleted_at=timezone.now())

    # The roles table decides; without an object, whether the screen opens at all.
    def _may(self, request, obj, action):
        if obj is None:
            return roles.may(request.user, roles.Action.USE_ADMIN)
        return obj.may(request.user, action)

    def has_module_permission(self, request):
        return roles.may(request.user, roles.Action.USE_ADMIN)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj, roles.Action.VIEW)

    def has_add_permission(self, request):
        return roles.may(request.user, roles.Action.USE_ADMIN)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj, roles.Action.EDIT)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj, roles.Action.DELETE)

    def view_on_site(self, obj):
        return obj.url() if obj.is_public else reverse("admin:articles_article_preview", args=[obj.pk])

    # Extra screens: upload, preview, revisions, trash.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="articles_article_upload"),
            path("trash/", wrap(self.trash_view), name="articles_article_trash"),
            path("trash/<int:pk>/restore/", wrap(self.restore_view), name="articles_article_restore"),
            path("<int:pk>/preview/", wrap(self.preview_view), name="articles_article_preview"),
            path("<int:pk>/revisions/", wrap(self.revisions_view), name="articles_article_revisions"),
            path(
                "<int:pk>/revisions/<int:revision_pk>/restore/",
                wrap(self.restore_revision_view),
                name="articles_article_restore_revision",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, pk, queryset=None):
        """The one scoped fetch: another village's article is simply not found."""
        queryset = queryset if queryset is not None else Article.objects.alive()
        return get_object_or_404(queryset.editable_by(request.user).select_related("village"), pk=pk)

    def upload_view(self, request):
        """Images dropped or pasted into the editor (one multipart POST of
        `upload`, from articles/static/articles/editor/rich-text.js).
        Answers {"url": ...} or {"error": {"message": ...}}."""
        if request.method != "POST":
            return JsonResponse({"error": {"message": "Gunakan POST untuk mengunggah foto."}}, status=405)
        village = Village.objects.for_user(request.user).filter(pk=int_or_none(request.GET.get("village"))).first()
        if village is None:
            return JsonResponse(
                {"error": {"message": "Pilih desa berita ini dan simpan sebagai draf sebelum menambahkan foto."}},
                status=403,
            )
        upload = request.FILES.get("upload")
        if upload is None:
            return JsonResponse({"error": {"message": "Tidak ada berkas foto yang terkirim."}}, status=400)
        try:
            processed = photos.process(upload)
        except ValidationError as refused:
            return JsonResponse({"error": {"message": refused.messages[0]}}, status=400)
        photo = Photo.from_processed(processed, village, request.user)
        return JsonResponse({"url": photo.url(1200)})

    def preview_view(self, request, pk):
        return render_as_readers_see(request, self._article(request, pk))

    def revisions_view(self, request, pk):
        article = self._article(request, pk)
        revisions = list(article.revisions.select_related("author")[:50])
        chosen = next((r for r in revisions if r.pk == int_or_none(request.GET.get("rev"))), None)
        diff = None
        if chosen is not None:
            diff = difflib.HtmlDiff(wrapcolumn=60).make_table(
                _lines(chosen), _lines(article), "Revisi terpilih", "Sekarang", context=True, numlines=2
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revisions": revisions,
            "chosen": chosen,
            "diff": diff,
            "may_restore": article.may_be_changed_by(request.user),
            "title": f"Riwayat revisi: {article.title}",
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    @staticmethod
    def _require_post(request):
        if request.method != "POST":
            raise PermissionDenied("Gunakan tombol pada halaman untuk tindakan ini.")

    def restore_revision_view(self, request, pk, revision_pk):
        self._require_post(request)
        article = self._article(request, pk)
        if not article.may_be_changed_by(request.user):
            raise PermissionDenied("Berita yang sudah terbit hanya dapat diubah oleh penerbit.")
        revision = get_object_or_404(article.revisions, pk=revision_pk)
        revision.restore(request.user)
        self.message_user(request, f"Teks dari revisi {timezone.localtime(revision.created):%d-%m-%Y %H.%M} dipulihkan.")
        return redirect("admin:articles_article_change", article.pk)

    def trash_view(self, request):
        trashed = (
            Article.objects.in_trash().editable_by(request.user).select_related("village").order_by("-deleted_at")[:200]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "articles": trashed,
            "title": "Tempat sampah berita",
        }
        return TemplateResponse(request, "admin/articles/article/trash.html", context)

    def restore_view(self, request, pk):
        self._require_post(request)
        article = self._article(request, pk, Article.objects.in_trash())
        article.restore_from_trash()
        self.message_user(request, f"“{article.title}” dipulihkan dari tempat sampah.")
        return redirect("admin:articles_article_change", article.pk)


def _lines(version):
    """An article as lines of readable text, one per paragraph, for comparing."""
    text = plain_text(version.body)
    return [version.title, "", *(line.strip() for line in text.splitlines() if line.strip())]


@admin.register(Photo)
class PhotoAdmin(RefuseInvalidFormsMixin, UserScopedFormMixin, admin.ModelAdmin):
    """Each village's photo library, to pick featured and gallery photos from."""

    form = PhotoForm
    list_display = ["thumbnail", "__str__", "village", "alt_status", "created"]
    list_filter = ["village"]
    search_fields = ["alt", "caption"]
    list_select_related = ["village"]

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["village", "upload", "alt", "caption"]
        return ["thumbnail", "village", "alt", "caption"]

    def get_readonly_fields(self, request, obj=None):
        return ["village", "thumbnail"] if obj is not None else []

    def get_list_filter(self, request):
        return self.list_filter if works_across_villages(request.user) else []

    @admin.display(description="foto")
    def thumbnail(self, obj):
        return format_html('<img src="{}" width="120" alt="">', obj.url(400))

    @admin.display(description="teks alternatif", boolean=True)
    def alt_status(self, obj):
        return bool(obj.alt)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.attach(form.cleaned_data["upload"])
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def _may(self, request, obj, action):
        if obj is None:
            return roles.may(request.user, roles.Action.USE_ADMIN)
        return roles.may(request.user, action, obj.village)

    def has_module_permission(self, request):
        return roles.may(request.user, roles.Action.USE_ADMIN)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj, roles.Action.VIEW)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj, roles.Action.CHANGE_PHOTO)

    has_delete_permission = has_change_permission

    def has_add_permission(self, request):
        return roles.may(request.user, roles.Action.USE_ADMIN)


@admin.register(Announcement)
class AnnouncementAdmin(DistrictOnlyAdmin):
    """District announcements: written here, pinned on the targeted village sites."""

    action = roles.Action.ANNOUNCE
    form = AnnouncementForm
    list_display = ["title", "audience_label", "starts_at", "ends_at", "window"]
    list_filter = ["audience"]
    search_fields = ["title"]
    filter_horizontal = ["villages"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["title", "body", "attachment"]}),
        ("Waktu tayang", {"fields": ["starts_at", "ends_at"]}),
        ("Sasaran", {"fields": ["audience", "kecamatans", "villages"]}),
    ]

    def get_changeform_initial_data(self, request):
        # Two weeks is how long most programme notices run.
        now = timezone.now()
        return {"starts_at": now, "ends_at": now + datetime.timedelta(days=14), **super().get_changeform_initial_data(request)}

    @admin.display(description="sasaran")
    def audience_label(self, obj):
        if obj.audience == Announcement.Audience.KECAMATAN:
            return "Kec. " + ", ".join(k.name for k in obj.kecamatans.all())
        if obj.audience == Announcement.Audience.VILLAGES:
            return ", ".join(v.name for v in obj.villages.all())
        return obj.get_audience_display()

    @admin.display(description="keadaan")
    def window(self, obj):
        now = timezone.now()
        if now < obj.starts_at:
            return "Akan tayang"
        return "Sedang tayang" if now < obj.ends_at else "Selesai"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("kecamatans", "villages")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # After the targets are saved: they say which villages to tell.
        super().save_related(request, form, formsets, change)
        if not change:
            announcement_published.send(sender=Announcement, announcement=form.instance)

    def view_on_site(self, obj):
        return reverse("district:announcement", args=[obj.pk])
