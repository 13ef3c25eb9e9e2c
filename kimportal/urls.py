"""URLs of the district portal, served on the base domain only."""

from django.contrib import admin
from django.http import Http404
from django.urls import include, path

from accounts import signin
from articles.sitemaps import sitemap
from kimportal.health import healthz
from kimportal.media import media_urlpatterns
from pages.views import robots_txt

admin.site.site_header = "KIM Portal – Ruang Redaksi"
admin.site.site_title = "KIM Portal"
admin.site.index_title = "Ruang redaksi"
# Signing in and out is ours (/masuk/, /keluar/, accounts/signin.py): the
# admin's login URL leads there, with its `next`, and its logout button posts there.
admin.site.login = signin.admin_login
admin.site.logout = signin.admin_logout



def no_generic_view_on_site(request, *args, **kwargs):
    """The admin's /admin/r/<type>/<id>/ resolves any object without a
    scoped queryset and answers with its public URL (whose slug is the
    title). Our admins link to pages directly (view_on_site methods)."""
    raise Http404("Tidak ditemukan.")


urlpatterns = [
    path("admin/r/<int:content_type_id>/<path:object_id>/", no_generic_view_on_site),
    # The district desk lives in the admin's space: same login, same look.
    path("admin/meja/", include("desk.urls")),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("redaksi/", include("newsroom.urls")),
    path("", include("articles.urls_district")),
    path("", include("pages.urls_district")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    *media_urlpatterns(),
]
