"""A shared link, fetched as WhatsApp's crawler does (no cookies, no
JavaScript), carries the right title, description and image."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import photos
from articles.models import Photo
from harness import images
from tests.conftest import host
from tests.factories import ArticleFactory
from tests.html_safety import active_content


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_ld = {}, {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        if tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))
            self._in_ld = False


def _crawl(client, article):
    response = client.get(article.get_absolute_url(), HTTP_HOST=host(article.village.slug), HTTP_USER_AGENT="WhatsApp/2.23.20.0")
    assert response.status_code == 200 and not response.cookies
    head = _Head()
    head.feed(response.content.decode())
    return head, response.content.decode()


@pytest.fixture
def shared_article(taan):
    processed = photos.process(SimpleUploadedFile("a.jpg", images.phone_jpeg(1600, 900, orientation=1)))
    photo = Photo.from_processed(processed, taan, alt="Nelayan menarik jaring")
    return ArticleFactory(village=taan, slug="panen-ikan", title="Panen ikan di Taan", excerpt="Nelayan Taan panen besar.", photo=photo)


def test_open_graph_and_twitter_tags_name_the_article_on_its_village_host(client, shared_article):
    head, _ = _crawl(client, shared_article)
    url = "http://taan.localhost/berita/panen-ikan/"
    assert head.links["canonical"] == url
    assert head.meta["og:url"] == url
    assert head.meta["og:title"] == "Panen ikan di Taan"
    assert head.meta["og:description"] == "Nelayan Taan panen besar."
    assert re.fullmatch(r"http://taan\.localhost/media/villages/taan/photos/[0-9a-f]{32}/1200\.jpg", head.meta["og:image"])
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "675")
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["og:site_name"] == "KIM Taan Bersatu – Desa Taan"


def test_the_shared_image_is_a_jpeg_whatsapp_accepts(client, shared_article):
    head, _ = _crawl(client, shared_article)
    path = head.meta["og:image"].removeprefix("http://taan.localhost")
    image = client.get(path, HTTP_HOST=host("taan"))
    assert image["Content-Type"] == "image/jpeg"
    assert len(b"".join(image.streaming_content)) < 300_000


def test_json_ld_describes_a_news_article(client, shared_article):
    head, _ = _crawl(client, shared_article)
    (data,) = head.json_ld
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Panen ikan di Taan"
    assert data["url"] == "http://taan.localhost/berita/panen-ikan/"
    assert data["image"] == [head.meta["og:image"]]
    assert data["datePublished"]


HOSTILE_TITLES = [
    'Judul "berkutip" & <b>tebal</b>',
    "</script><script>alert(1)</script>",
    "' onmouseover='alert(1)",
    "Panen 🌾 di Desa Taan – “luar biasa”",
    "</title><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_and_excerpts_are_escaped_in_every_tag(client, taan, title):
    article = ArticleFactory(village=taan, slug="uji", title=title, excerpt=title)
    head, page = _crawl(client, article)
    assert active_content(page) == []
    assert head.meta["og:title"] == title
    assert head.meta["og:description"] == title
    assert head.json_ld[0]["headline"] == title
    assert "</script><script>" not in page


def test_whatsapp_button_shares_title_and_link_without_a_script(client, shared_article):
    _, page = _crawl(client, shared_article)
    # The links carry the readership's source marker (tests/readership/test_sources.py).
    assert 'href="https://wa.me/?text=Panen%20ikan%20di%20Taan%0Ahttp%3A%2F%2Ftaan.localhost%2Fberita%2Fpanen-ikan%2F%3Fs%3Dwa"' in page
    assert 'class="button share-copy" data-url="http://taan.localhost/berita/panen-ikan/?s=salin" hidden' in page
