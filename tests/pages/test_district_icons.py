"""The district portal has a face of its own on a phone, as every village
site has: the district's emblem in the browser tab, icons made from it for
the home screen, a manifest with the portal's name and colour, and a menu
that fits one line at 360 px, topics folded into a list."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from tests.conftest import host
from tests.factories import TopicFactory

SIZES = (32, 180, 192, 512)


def _home(client):
    response = client.get("/", HTTP_HOST=host())
    assert response.status_code == 200
    return response


def test_the_district_portal_shows_the_districts_emblem_in_the_browser_tab(client, db):
    page = _home(client).content.decode()
    assert re.search(r'<link rel="icon" href="/static/img/district-emblem(\.[0-9a-f]+)?\.svg" type="image/svg\+xml">', page)


def test_without_an_emblem_the_tab_shows_the_portals_own_icon(client, db, settings):
    settings.KIM_DISTRICT_EMBLEM = ""
    page = _home(client).content.decode()
    assert '<link rel="icon" type="image/png" sizes="32x32" href="/static/img/district-icon-32' in page


def test_the_district_portal_links_a_home_screen_icon_its_manifest_and_colour(client, db):
    page = _home(client).content.decode()
    assert '<link rel="apple-touch-icon" href="/static/img/district-icon-180' in page
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert '<meta name="theme-color" content="#1d4e89">' in page


def test_the_district_manifest_makes_an_installable_app_with_its_icons(client, db):
    response = client.get("/manifest.webmanifest", HTTP_HOST=host())
    assert response["Content-Type"] == "application/manifest+json"
    assert not response.cookies
    data = json.loads(response.content)
    assert (data["short_name"], data["theme_color"], data["display"]) == ("Portal KIM", "#1d4e89", "standalone")
    assert [icon["sizes"] for icon in data["icons"]] == ["192x192", "512x512"]
    assert all(icon["src"].startswith("/static/img/district-icon-") for icon in data["icons"])


@pytest.mark.parametrize("size", SIZES)
def test_each_district_icon_is_a_square_png_of_its_size(size):
    image = Image.open(finders.find(f"img/district-icon-{size}.png"))
    assert (image.format, image.size) == ("PNG", (size, size))


def test_the_district_menu_folds_its_topics_into_a_list(client, db):
    for name in ["Pemerintahan", "Pertanian", "Kesehatan", "Pendidikan", "Budaya", "Ekonomi", "Olahraga", "Bencana"]:
        TopicFactory(name=name)
    page = _home(client).content.decode()
    nav = re.search(r'<nav class="topnav compact" aria-label="Menu utama">(.*?)</nav>', page, re.S).group(1)
    on_the_bar = re.sub(r"<details.*?</details>", "", nav, flags=re.S)
    assert re.findall(r">([^<]+)</a>", on_the_bar) == ["Semua berita", "Direktori desa"]
    folded = re.search(r'<details class="menu" name="menu"><summary>Topik</summary>(.*?)</details>', nav, re.S).group(1)
    assert "Pertanian" in folded and "Bencana" in folded


def test_the_district_home_stays_cookieless_and_cached(client, db):
    _home(client)
    again = _home(client)
    assert again["X-Cache"] == "hit" and not again.cookies
