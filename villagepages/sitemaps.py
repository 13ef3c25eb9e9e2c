from django.contrib.sitemaps import Sitemap

from villagepages.models import Page


class VillagePages(Sitemap):
    """A village's public pages, in its sitemap.xml beside its news."""

    changefreq = "monthly"

    def __init__(self, village):
        self.village = village

    def items(self):
        return Page.objects.on_site(self.village).in_menu_order().only("slug", "updated")

    def lastmod(self, page):
        return page.updated
