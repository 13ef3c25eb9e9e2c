"""sitemap.xml per host: a village lists its own pages, the district its own.
A sitemap may only name URLs on its own host, so the district's does not
list village articles; each village host has its own."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import reverse

from articles.models import Article, Topic


class VillageArticles(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def __init__(self, village):
        self.village = village

    def items(self):
        return Article.objects.on_site(self.village).newest_first().only("slug", "updated")

    def lastmod(self, article):
        return article.updated


class Pages(Sitemap):
    changefreq = "daily"

    def __init__(self, names, topic_route):
        self.names, self.topic_route = names, topic_route

    def items(self):
        return [*self.names, *Topic.objects.values_list("slug", flat=True)]

    def location(self, item):
        if item in self.names:
            return reverse(item)
        return reverse(self.topic_route, args=[item])


def sitemap(request, more=None):
    """`more`: {section: Sitemap class taking the village}, for what the
    layers above add to a village's sitemap (its own pages)."""
    if request.village is None:
        sitemaps = {"halaman": Pages(["district:home", "pages:directory"], "district:topic")}
    else:
        sitemaps = {
            "halaman": Pages(["articles:village_home", "pages:about"], "articles:village_topic"),
            "berita": VillageArticles(request.village),
            **{name: make(request.village) for name, make in (more or {}).items()},
        }
    return sitemap_view(request, sitemaps)
