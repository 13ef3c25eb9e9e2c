"""Signing in and out, and one's own account, on the base domain only
(kimportal/urls.py mounts these at the root; village hosts have no login)."""

from django.urls import include, path
from django.views.generic import RedirectView

from accounts import passwords, signin, twofactor

app_name = "accounts"

account_patterns = [
    path("", RedirectView.as_view(pattern_name="accounts:twofactor", http_method_names=["get", "head"]), name="account"),
    path("dua-langkah/", twofactor.setup, name="twofactor"),
    path("dua-langkah/matikan/", twofactor.disable, name="twofactor_disable"),
    # The new volunteer's one-time link from onboarding (accounts/passwords.py).
    path("sandi/<uidb64>/<token>/", passwords.password_set, name="password_set"),
    path("sandi/selesai/", passwords.password_set_done, name="password_set_done"),
]

urlpatterns = [
    path("masuk/", signin.login, name="login"),
    path("masuk/kode/", signin.login_code, name="login_code"),
    path("keluar/", signin.logout, name="logout"),
    path("akun/", include(account_patterns)),
]
