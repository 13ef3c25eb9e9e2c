"""Each village site installs as its own app: a web app manifest with its
name, colour and icons, linked from every page, and nothing of another
village's in it."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import identity, photos
from harness import images
from tests.conftest import host


def _manifest(client, slug):
    response = client.get("/manifest.webmanifest", HTTP_HOST=host(slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert not response.cookies
    return json.loads(response.content)


@pytest.fixture
def taan_with_logo(taan):
    logo = photos.process(SimpleUploadedFile("logo.png", images.png(400, 400)))
    identity.save(taan, {"accent": "#6b3fa0", "tagline": "Dari desa untuk desa"}, logo=logo)
    return taan


def test_a_village_manifest_makes_an_installable_app(client, taan_with_logo):
    data = _manifest(client, "taan")
    assert data["name"] == "KIM Taan Bersatu – Desa Taan"
    assert data["short_name"] == "Taan"
    assert (data["start_url"], data["scope"], data["display"]) == ("/", "/", "standalone")
    assert data["theme_color"] == "#6b3fa0"
    assert data["description"] == "Dari desa untuk desa"
    sizes = {icon["sizes"]: icon["src"] for icon in data["icons"]}
    assert set(sizes) == {"192x192", "512x512"}
    assert all(src.startswith(f"/media/{taan_with_logo.icons}/") for src in sizes.values())


def test_the_manifests_icons_are_served_on_the_villages_own_host(client, taan_with_logo):
    for icon in _manifest(client, "taan")["icons"]:
        response = client.get(icon["src"], HTTP_HOST=host("taan"))
        assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_a_manifest_names_nothing_of_another_village(client, taan_with_logo, bela):
    data = _manifest(client, "bela")
    text = json.dumps(data)
    assert data["name"] == "KIM Bela Maju – Desa Bela"
    assert "taan" not in text.lower() and "#6b3fa0" not in text


def test_a_village_that_chose_nothing_installs_with_the_portals_icons(client, bela):
    data = _manifest(client, "bela")
    assert data["theme_color"] == "#0b6e4f"
    assert all(icon["src"].startswith("/static/img/kim-icon-") for icon in data["icons"])


def test_the_district_portals_manifest_is_its_own_and_names_no_village(client, taan_with_logo):
    data = _manifest(client, "")
    assert data["name"] == "Portal KIM Kabupaten Mamuju"
    assert "taan" not in json.dumps(data).lower() and "#6b3fa0" not in json.dumps(data)


@pytest.mark.parametrize("path", ["/", "/berita/panen-kakao/", "/tentang/", "/arsip/", "/cari/"])
def test_every_village_page_links_manifest_icons_and_colour(client, taan_with_logo, taan_article, path):
    page = client.get(path, HTTP_HOST=host("taan")).content.decode()
    icons = taan_with_logo.icon_urls
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert f'<link rel="icon" type="image/png" sizes="32x32" href="{icons["32"]}">' in page
    assert f'<link rel="apple-touch-icon" href="{icons["180"]}">' in page
    assert '<meta name="theme-color" content="#6b3fa0">' in page
    assert "--brand: #6b3fa0" in page


def test_the_home_page_shows_logo_and_cover_and_the_footer_the_district(client, taan_with_logo, taan_article):
    cover = photos.process(SimpleUploadedFile("c.jpg", images.phone_jpeg(1200, 800, orientation=1)), aspect=3)
    identity.save(taan_with_logo, {"address": "Jl. Poros Taan", "whatsapp": "6281244556677"}, cover=cover)
    page = client.get("/", HTTP_HOST=host("taan")).content.decode()
    assert f"/media/{taan_with_logo.logo['folder']}/" in page
    assert f"/media/{taan_with_logo.cover['folder']}/" in page
    assert "Sekretariat: Jl. Poros Taan" in page
    assert 'href="https://wa.me/6281244556677"' in page and "0812-4455-6677" in page
    assert 'alt="Lambang Kabupaten Mamuju"' in page


def test_only_the_first_page_of_news_shows_the_cover(client, taan_with_logo):
    cover = photos.process(SimpleUploadedFile("c.jpg", images.phone_jpeg(1200, 800, orientation=1)), aspect=3)
    identity.save(taan_with_logo, {}, cover=cover)
    assert 'class="cover"' not in client.get("/?page=2", HTTP_HOST=host("taan")).content.decode()
