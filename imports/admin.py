"""District staff add and change a village's old addresses here (the
importer makes most of them); the roles table's IMPORT_SITE row says who."""

from django.contrib import admin

from imports.models import OldLink
from villages import roles
from villages.admin import DistrictOnlyAdmin


@admin.register(OldLink)
class OldLinkAdmin(DistrictOnlyAdmin):
    action = roles.Action.IMPORT_SITE
    list_display = ["path", "village", "leads_to", "created"]
    list_filter = ["village"]
    search_fields = ["path", "target", "article__title"]
    list_select_related = ["village", "article"]
    raw_id_fields = ["article"]
    fields = ["village", "path", "article", "target"]

    @admin.display(description="diarahkan ke")
    def leads_to(self, obj):
        return obj.article.get_absolute_url() if obj.article_id else obj.target
