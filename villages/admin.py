from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from villages.models import Kecamatan, Membership, User, Village, works_across_villages


class DistrictOnlyAdmin(admin.ModelAdmin):
    """Screens only district staff (and superusers) may open at all."""

    def _district(self, request):
        return works_across_villages(request.user)

    def has_module_permission(self, request):
        return self._district(request)

    def has_view_permission(self, request, obj=None):
        return self._district(request)

    def has_add_permission(self, request):
        return self._district(request)

    def has_change_permission(self, request, obj=None):
        return self._district(request)

    def has_delete_permission(self, request, obj=None):
        return self._district(request)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]

    def has_view_permission(self, request, obj=None):
        return works_across_villages(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Village)
class VillageAdmin(DistrictOnlyAdmin):
    list_display = ["name", "kim_name", "slug", "kecamatan", "is_active", "created"]
    list_filter = ["is_active", "kecamatan"]
    search_fields = ["name", "kim_name", "slug"]
    inlines = [MembershipInline]

    def view_on_site(self, obj):
        return obj.url()


@admin.register(Kecamatan)
class KecamatanAdmin(DistrictOnlyAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(DistrictOnlyAdmin):
    list_display = ["user", "village", "role", "created"]
    list_filter = ["role", "village__kecamatan", "village"]
    search_fields = ["user__username", "user__first_name", "village__name"]
    autocomplete_fields = ["user", "village"]


@admin.register(User)
class UserAdmin(DistrictOnlyAdmin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Peran portal", {"fields": ["is_district_staff"]}),)
    list_display = ["username", "first_name", "last_name", "is_district_staff", "is_active"]
    list_filter = ["is_district_staff", "is_active", "memberships__village"]
    inlines = [MembershipInline]
