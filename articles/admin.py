from django import forms
from django.contrib import admin

from articles.models import Article, Topic
from villages.admin import DistrictOnlyAdmin
from villages.models import Village, is_newsroom_user, works_across_villages


@admin.register(Topic)
class TopicAdmin(DistrictOnlyAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}

    def has_view_permission(self, request, obj=None):
        # Members pick topics for their articles; only the district edits them.
        return is_newsroom_user(request.user)


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        villages = Village.objects.for_user(user)
        self.fields["village"].queryset = villages
        if not self.instance.pk and len(villages[:2]) == 1:
            self.fields["village"].initial = villages[0]
        self.fields["body"].widget = forms.Textarea(attrs={"rows": 18})

    def clean(self):
        cleaned = super().clean()
        village = cleaned.get("village")
        if (
            cleaned.get("status") == Article.Status.PUBLISHED
            and village is not None
            and not Village.objects.publishable_by(self.user).filter(pk=village.pk).exists()
        ):
            self.add_error(
                "status",
                "Hanya penerbit (ketua KIM) atau staf distrik yang dapat menerbitkan berita. "
                "Pilih “Menunggu tinjauan” agar penerbit memeriksanya.",
            )
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "village", "status", "published_at", "author", "updated"]
    list_filter = ["status", "topic", "village__kecamatan", "village"]
    search_fields = ["title", "excerpt"]
    date_hierarchy = "published_at"
    list_select_related = ["village", "author"]
    fieldsets = [
        (None, {"fields": ["village", "title", "excerpt", "body"]}),
        ("Foto", {"fields": ["featured_image", "image_alt"]}),
        ("Terbit", {"fields": ["topic", "status", "published_at", "slug", "author"]}),
    ]

    # Every screen and every lookup goes through the user's villages: an
    # editor asking for another village's article finds nothing.
    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class ScopedForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return ScopedForm

    def get_readonly_fields(self, request, obj=None):
        if works_across_villages(request.user):
            return []
        return ["author"]

    def get_list_filter(self, request):
        if works_across_villages(request.user):
            return self.list_filter
        return ["status", "topic"]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def _may_touch(self, request, obj):
        if not is_newsroom_user(request.user):
            return False
        return obj is None or Village.objects.for_user(request.user).filter(pk=obj.village_id).exists()

    def has_module_permission(self, request):
        return is_newsroom_user(request.user)

    def has_view_permission(self, request, obj=None):
        return self._may_touch(request, obj)

    def has_add_permission(self, request):
        return is_newsroom_user(request.user)

    def has_change_permission(self, request, obj=None):
        return self._may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_touch(request, obj)

    def view_on_site(self, obj):
        return obj.url()
