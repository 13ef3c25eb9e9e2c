"""URLs of a village site (<slug>.<base domain>): public pages only, no admin."""

from django.urls import include, path

from articles.sitemaps import sitemap
from kimportal.media import media_urlpatterns
from villages.views import robots_txt

urlpatterns = [
    path("", include("articles.urls_village")),
    path("tentang/", include("villages.urls_village")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    *media_urlpatterns(),
]
