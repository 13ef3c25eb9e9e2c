"""Two-factor login screens, under /admin/ on the base domain (see accounts/twofactor.py)."""

from django.contrib import admin
from django.urls import path

from accounts import twofactor

app_name = "twofactor"
urlpatterns = [
    path("", admin.site.admin_view(twofactor.setup), name="setup"),
    path("matikan/", admin.site.admin_view(twofactor.disable), name="disable"),
]
