"""RSS, Atom, sitemap.xml and robots.txt for each host."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.conftest import host
from tests.factories import ArticleFactory, TopicFactory

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _xml(client, path, site=""):
    response = client.get(path, HTTP_HOST=host(site))
    assert response.status_code == 200, path
    assert not response.cookies
    return ET.fromstring(response.content)


@pytest.fixture
def news(taan, bela):
    pertanian = TopicFactory(name="Pertanian", slug="pertanian")
    return {
        "taan": ArticleFactory(village=taan, slug="kakao", title="Kakao Taan", topic=pertanian),
        "taan_other": ArticleFactory(village=taan, slug="pantai", title="Pantai Taan"),
        "bela": ArticleFactory(village=bela, slug="sawah", title="Sawah Bela", topic=pertanian),
        "draft": ArticleFactory(village=taan, slug="draf", title="Draf Taan", status="draft"),
        "scheduled": ArticleFactory(
            village=taan, slug="nanti", title="Nanti Taan", status="scheduled",
            published_at=timezone.now() + datetime.timedelta(days=1),
        ),
    }


def _rss_items(root):
    return {(item.findtext("title"), item.findtext("link")) for item in root.iter("item")}


def test_village_rss_lists_only_its_published_news_with_village_links(client, news):
    items = _rss_items(_xml(client, "/rss/", "taan"))
    assert items == {
        ("Kakao Taan", "http://taan.localhost/berita/kakao/"),
        ("Pantai Taan", "http://taan.localhost/berita/pantai/"),
    }


def test_village_topic_feed_narrows_to_the_topic(client, news):
    assert _rss_items(_xml(client, "/topik/pertanian/rss/", "taan")) == {("Kakao Taan", "http://taan.localhost/berita/kakao/")}


def test_district_feed_covers_every_village_and_names_it(client, news):
    items = _rss_items(_xml(client, "/rss/"))
    assert ("[Desa Bela] Sawah Bela", "http://bela.localhost/berita/sawah/") in items
    assert ("[Desa Taan] Kakao Taan", "http://taan.localhost/berita/kakao/") in items
    assert not any("Draf" in title or "Nanti" in title for title, _ in items)


def test_district_topic_feed(client, news):
    titles = {t for t, _ in _rss_items(_xml(client, "/topik/pertanian/rss/"))}
    assert titles == {"[Desa Taan] Kakao Taan", "[Desa Bela] Sawah Bela"}


def test_atom_feeds_exist_for_village_and_district(client, news):
    village = _xml(client, "/atom/", "taan")
    links = {e.find(f"{ATOM}link").get("href") for e in village.iter(f"{ATOM}entry")}
    assert links == {"http://taan.localhost/berita/kakao/", "http://taan.localhost/berita/pantai/"}
    assert len(list(_xml(client, "/atom/").iter(f"{ATOM}entry"))) == 3


def test_feed_for_an_unknown_topic_is_a_404(client, news):
    assert client.get("/topik/tidak-ada/rss/", HTTP_HOST=host("taan")).status_code == 404


def test_village_sitemap_lists_its_own_pages_and_published_news(client, news):
    urls = {u.findtext(f"{SITEMAP}loc") for u in _xml(client, "/sitemap.xml", "taan").iter(f"{SITEMAP}url")}
    assert "http://taan.localhost/berita/kakao/" in urls
    assert "http://taan.localhost/tentang/" in urls
    assert "http://taan.localhost/topik/pertanian/" in urls
    assert all(u.startswith("http://taan.localhost/") for u in urls)
    assert not any("draf" in u or "nanti" in u or "sawah" in u for u in urls)


def test_district_sitemap_lists_the_portal_pages(client, news):
    urls = {u.findtext(f"{SITEMAP}loc") for u in _xml(client, "/sitemap.xml").iter(f"{SITEMAP}url")}
    assert {"http://localhost/", "http://localhost/desa/", "http://localhost/topik/pertanian/"} <= urls


@pytest.mark.parametrize("site,sitemap", [("taan", "http://taan.localhost/sitemap.xml"), ("", "http://localhost/sitemap.xml")])
def test_robots_txt_points_at_the_hosts_own_sitemap(client, taan, site, sitemap):
    response = client.get("/robots.txt", HTTP_HOST=host(site))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {sitemap}" in text
    assert ("Disallow: /admin/" in text) == (site == "")
