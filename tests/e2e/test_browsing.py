"""A reader in Chromium, through Gunicorn, on *.localhost hosts."""

import datetime
import re

import pytest
from tests.e2e.steps import follow

pytestmark = pytest.mark.xdist_group("browser")


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_district_feed_leads_to_the_article_on_its_village_site(portal, page, screenshot):
    page.goto(portal.url())
    assert page.locator("h1").first.inner_text() == "Berita terbaru dari desa-desa"
    assert _no_horizontal_scroll(page)
    screenshot("district-home")

    first = page.locator("article.card h2 a").first
    title = first.inner_text()
    follow(first)

    assert re.fullmatch(rf"http://[a-z0-9-]+\.localhost:{portal.port}/berita/[a-z0-9-]+/", page.url)
    assert page.locator("article.story h1").inner_text() == title
    assert _no_horizontal_scroll(page)
    screenshot("article")


def test_village_home_reads_well_and_links_to_about_page(portal, page, screenshot):
    page.goto(portal.url("taan"))
    assert page.locator(".brand-name").inner_text() == "Desa Taan"
    assert page.locator("article.card").count() > 0
    assert _no_horizontal_scroll(page)
    screenshot("village-home")
    menu = page.get_by_role("navigation", name="Menu utama")
    menu.locator("summary", has_text="Profil").click()
    follow(menu.get_by_role("link", name="Tentang KIM"))
    assert page.url == portal.url("taan", "/tentang/")
    assert "Kecamatan" in page.locator("dl.facts").inner_text()


def test_village_images_load(portal, page):
    page.goto(portal.url("taan"))
    image = page.locator("article.card img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())


def test_directory_links_every_village_to_its_subdomain(portal, page, screenshot):
    page.goto(portal.url(path="/desa/"))
    links = page.locator("ul.directory a")
    assert links.count() >= 1
    href = links.first.get_attribute("href")
    assert re.fullmatch(rf"http://[a-z0-9-]+\.localhost:{portal.port}/", href)
    assert _no_horizontal_scroll(page)
    screenshot("directory")


def test_unknown_village_shows_an_indonesian_404_linking_to_the_portal(portal, page):
    response = page.goto(portal.url("tidakada"))
    assert response.status == 404
    assert "Situs desa tidak ditemukan" in page.content()
    follow(page.get_by_role("link", name=re.compile("Portal KIM")))
    assert page.url == portal.url()


def test_village_site_sets_no_cookies(portal, page):
    page.goto(portal.url("taan"))
    page.goto(portal.url("taan", "/tentang/"))
    assert page.context.cookies() == []


def test_reader_searches_from_the_header(portal, page, screenshot):
    page.goto(portal.url("taan"))
    page.fill("#cari", "warga")
    with page.expect_navigation():
        page.press("#cari", "Enter")
    assert page.url.startswith(portal.url("taan", "/cari/?q=warga"))
    assert page.locator("article.result").count() > 0
    assert page.locator("article.result mark").count() > 0
    assert _no_horizontal_scroll(page)
    screenshot("search")


def test_weekly_bulletin_prints_on_a4(portal, browser, screenshot_dir):
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    page = context.new_page()
    page.goto(portal.url("taan"))
    newest = datetime.datetime.fromisoformat(page.locator("article.card time").first.get_attribute("datetime"))
    year, week, _ = newest.isocalendar()
    page.goto(portal.url("taan", f"/buletin/{year}/{week}/"))
    assert page.locator("h1").inner_text() == "KIM Taan Bersatu"
    assert page.locator(".bulletin-article").count() >= 1
    page.screenshot(path=str(screenshot_dir / "bulletin-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=str(screenshot_dir / "bulletin-phone.png"))
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    (screenshot_dir / "bulletin.pdf").write_bytes(pdf)
    context.close()


def test_static_files_are_compressed_fingerprinted_and_cached_for_a_year(portal, page):
    import urllib.request

    page.goto(portal.url("taan"))
    script = page.locator("script[src^='/static/js/offline.']").get_attribute("src")
    assert re.fullmatch(r"/static/js/offline\.[0-9a-f]{12}\.js", script)
    for encoding in ("br", "gzip"):
        request = urllib.request.Request(
            f"http://127.0.0.1:{portal.port}{script}",
            headers={"Host": f"taan.localhost:{portal.port}", "Accept-Encoding": encoding},
        )
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == encoding
            assert "max-age=315360000" in response.headers["Cache-Control"]
            assert "immutable" in response.headers["Cache-Control"]
