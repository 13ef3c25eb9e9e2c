from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html

from villages import roles
from villages.models import AuditEntry, Kecamatan, Membership, User, Village


class RefuseInvalidFormsMixin:
    """A change form rendered for a POST is one that failed validation:
    answer 400, with the admin's own error messages, instead of 200."""

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        if request.method == "POST":
            response.status_code = 400
        return response


class DistrictOnlyAdmin(RefuseInvalidFormsMixin, admin.ModelAdmin):
    """Screens only district staff (and superusers) may open at all: the
    row `action` of the roles table says who."""

    action = roles.Action.MANAGE_VILLAGES

    def _district(self, request):
        return roles.may(request.user, self.action)

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
        return roles.may(request.user, roles.Action.MANAGE_MEMBERS)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Village)
class VillageAdmin(DistrictOnlyAdmin):
    list_display = ["name", "kim_name", "slug", "kecamatan", "is_active", "created"]
    list_filter = ["is_active", "kecamatan"]
    search_fields = ["name", "kim_name", "slug"]
    inlines = [MembershipInline]
    # The look and contact a KIM edits itself, in the newsroom's identity
    # screen (which also makes its icons); district staff may use it too.
    exclude = ["accent", "address", "opening_hours", "email", "facebook", "instagram", "youtube", "tiktok"]
    # Set and checked at the desk (/admin/meja/domain/), where its DNS is checked.
    readonly_fields = ["own_domain_state"]

    def view_on_site(self, obj):
        return obj.url()

    @admin.display(description="domain sendiri")
    def own_domain_state(self, obj):
        if obj is None or obj.pk is None:
            return "Pasang setelah desa dibuat."
        state = "aktif" if obj.own_domain else "belum menunjuk ke portal" if obj.domain else "pasang domain sendiri"
        return format_html('<a href="{}">{}</a> ({})', reverse("desk:own_domain", args=[obj.slug]),
                           obj.domain_readable or "–", state)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data:
            action = AuditEntry.Action.VILLAGE_ACTIVATED if obj.is_active else AuditEntry.Action.VILLAGE_DEACTIVATED
            AuditEntry.record(request.user, action, obj, subject=obj)


@admin.register(Kecamatan)
class KecamatanAdmin(DistrictOnlyAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(DistrictOnlyAdmin):
    action = roles.Action.MANAGE_MEMBERS
    list_display = ["user", "village", "role", "created"]
    list_filter = ["role", "village__kecamatan", "village"]
    search_fields = ["user__username", "user__first_name", "village__name"]
    autocomplete_fields = ["user", "village"]


@admin.register(User)
class UserAdmin(DistrictOnlyAdmin, BaseUserAdmin):
    """Accounts. District staff help village members with theirs (names,
    contact, password, active); who is staff, district staff or superuser,
    and any group or permission, is the superuser's alone (roles table:
    GRANT_STAFF_ROLES), and staff accounts are out of district staff's reach."""

    action = roles.Action.MANAGE_ACCOUNTS
    fieldsets = (
        (None, {"fields": ["username", "password"]}),
        ("Data pribadi", {"fields": ["first_name", "last_name", "email", "whatsapp", "email_notifications"]}),
        ("Status", {"fields": ["is_active", "last_login", "date_joined"]}),
        ("Peran portal", {"fields": ["is_district_staff", "is_staff", "is_superuser", "groups", "user_permissions"]}),
    )
    STAFF_ROLE_FIELDS = ("is_district_staff", "is_staff", "is_superuser", "groups", "user_permissions")
    list_display = ["username", "first_name", "last_name", "is_district_staff", "is_active"]
    list_filter = ["is_district_staff", "is_active", "memberships__village"]
    inlines = [MembershipInline]

    def _grants_roles(self, request):
        return roles.may(request.user, roles.Action.GRANT_STAFF_ROLES)

    def get_queryset(self, request):
        users = super().get_queryset(request)
        if self._grants_roles(request):
            return users
        return users.filter(is_superuser=False, is_district_staff=False, is_staff=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self._grants_roles(request) or obj is None:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in self.STAFF_ROLE_FIELDS]})
            for name, options in fieldsets
            if any(f not in self.STAFF_ROLE_FIELDS for f in options["fields"])
        ]

    def get_form(self, request, obj=None, **kwargs):
        # The add form's fields stay as they are; a POST cannot add what the fieldsets leave out.
        if not self._grants_roles(request):
            kwargs["exclude"] = [*(kwargs.get("exclude") or []), *self.STAFF_ROLE_FIELDS]
        return super().get_form(request, obj, **kwargs)
