"""New editors set their first password here (one-time link from onboarding)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

urlpatterns = [
    path(
        "sandi/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_set_done")),
        name="password_set",
    ),
    path("sandi/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_set_done"),
]
