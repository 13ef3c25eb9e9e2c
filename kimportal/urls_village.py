"""URLs of a village site (<slug>.<base domain>): public pages only, no admin."""

from django.urls import include, path

from articles.sitemaps import sitemap
from kimportal.media import media_urlpatterns
from pages.views import robots_txt, service_worker
from villagepages.sitemaps import VillagePages

urlpatterns = [
    path("", include("articles.urls_village")),
    path("", include("pages.urls_village")),
    path("", include("tips.urls_village")),
    path("", include("villagepages.urls")),
    path("sitemap.xml", sitemap, {"more": {"profil": VillagePages}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("sw.js", service_worker, name="service_worker"),
    *media_urlpatterns(),
]
