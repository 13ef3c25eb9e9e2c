"""URLs of the district portal, served on the base domain only."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from articles.sitemaps import sitemap
from kimportal.health import healthz
from kimportal.media import media_urlpatterns
from villages.twofactor import TwoFactorLoginForm
from villages.views import robots_txt

admin.site.site_header = "KIM Portal – Ruang Redaksi"
admin.site.site_title = "KIM Portal"
admin.site.index_title = "Ruang redaksi"
# Asks for the authenticator code of users who turned two-factor login on.
admin.site.login_form = TwoFactorLoginForm
admin.site.login_template = "villages/twofactor_login.html"

urlpatterns = [
    # The district desk lives in the admin's space: same login, same look.
    path("admin/meja/", include("articles.urls_desk")),
    path("admin/dua-langkah/", include("villages.urls_twofactor")),
    path("admin/", admin.site.urls),
    # New editors set their first password here (one-time link from onboarding).
    path(
        "akun/sandi/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_set_done")),
        name="password_set",
    ),
    path("akun/sandi/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_set_done"),
    path("", include("articles.urls_district")),
    path("desa/", include("villages.urls_district")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    *media_urlpatterns(),
]
