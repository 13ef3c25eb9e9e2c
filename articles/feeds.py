"""RSS and Atom feeds: thin classes over the published QuerySets, with links
on each article's own village host."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article, Topic
from villages import hosts

FEED_SIZE = 20


class ArticleFeed(Feed):
    """The district's feed, or a village's when the request has one;
    narrowed to a topic when the URL names one.

    Built afresh for every request (see `rss` and `atom` below): item links
    need the request's host, and a Feed instance shared between threads
    must never hold one."""

    def __init__(self, request):
        super().__init__()
        self.request = request

    def get_object(self, request, slug=None):
        topic = get_object_or_404(Topic, slug=slug) if slug else None
        return request.village, topic

    def _articles(self, obj):
        village, topic = obj
        articles = Article.objects.on_site(village).select_related("village", "author", "topic", "photo")
        return articles.for_topic(topic) if topic else articles

    def title(self, obj):
        village, topic = obj
        name = f"{village.kim_name} – {village.name}" if village else f"Portal KIM {self.district_name()}"
        return f"{name}: {topic.name}" if topic else name

    def description(self, obj):
        village, _ = obj
        return village.tagline if village and village.tagline else "Berita desa dari Komunitas Informasi Masyarakat."

    def district_name(self):
        return settings.KIM_DISTRICT_NAME

    def link(self, obj):
        village, topic = obj
        path = f"/topik/{topic.slug}/" if topic else "/"
        return village.url(path, self.request) if village else hosts.build_url("", path, self.request)

    def items(self, obj):
        return self._articles(obj).newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title if self.request.village else f"[{item.village.name}] {item.title}"

    def item_description(self, item):
        return item.excerpt

    def item_link(self, item):
        return item.url(self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.author.public_name if item.author else None

    def item_categories(self, item):
        return [item.topic.name] if item.topic else []

    def item_enclosure_url(self, item):
        return self.request.build_absolute_uri(item.photo.url(800)) if item.photo else None

    item_enclosure_mime_type = "image/jpeg"

    def item_enclosure_length(self, item):
        return 0  # unknown without a storage round trip; readers accept 0


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


def rss(request, slug=None):
    return ArticleFeed(request)(request, slug=slug)


def atom(request, slug=None):
    return AtomArticleFeed(request)(request, slug=slug)
