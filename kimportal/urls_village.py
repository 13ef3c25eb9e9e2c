"""URLs of a village site (<slug>.<base domain>): public pages only, no admin."""

from django.urls import include, path

from kimportal.media import media_urlpatterns

urlpatterns = [
    path("", include("articles.urls_village")),
    path("tentang/", include("villages.urls_village")),
    *media_urlpatterns(),
]
