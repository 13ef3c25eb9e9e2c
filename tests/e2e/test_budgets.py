"""Byte budgets for the first view on a phone, measured in Chromium.
Budgets from the readers' issue; bench/first_view.py prints the table."""

import pytest

from harness.page_weight import first_view, whole_read
from harness.photo_story import full_size_bytes

pytestmark = pytest.mark.xdist_group("browser")

KB = 1024
BUDGETS = {"village home": 150 * KB, "article": 120 * KB, "article with four photos": 120 * KB, "district home": 150 * KB}


@pytest.mark.parametrize("name", BUDGETS)
def test_first_view_stays_within_its_byte_budget(portal, browser, article_url, name, request):
    if name == "article with four photos":
        url = request.getfixturevalue("photo_article")["url"]
    else:
        url = {"village home": portal.url("taan"), "district home": portal.url(), "article": article_url}[name]
    weight = first_view(browser, url)
    assert weight["total"] <= BUDGETS[name], weight


def test_stylesheet_is_small_and_there_are_no_fonts_or_required_scripts(portal, browser):
    weight = first_view(browser, portal.url("taan"))
    assert weight.get("Stylesheet", 0) <= 15 * KB
    assert weight.get("Font", 0) == 0
    assert weight.get("Script", 0) <= 2 * KB  # only the offline helper, never needed to read


def test_the_measured_village_shows_a_logo_and_a_cover_photo(portal, browser, article_url):
    """The budgets above hold with a KIM's own look: the demo gives Taan a
    logo and a cover photo (demo/seeding.py), and the first view loads both."""
    page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page.goto(portal.url("taan"))
    for image in (".brand-logo img", ".cover img"):
        assert page.locator(image).evaluate("img => img.complete && img.naturalWidth > 0"), image
    page.goto(article_url)
    assert page.locator(".brand-logo img").evaluate("img => img.complete && img.naturalWidth > 0")
    page.close()


def test_a_phone_reader_of_four_body_photos_downloads_a_fraction_of_the_full_size_jpegs(portal, browser, photo_article):
    """Before, each body photo was an eager <img> of its 1200 px JPEG."""
    read = whole_read(browser, photo_article["url"])
    assert read["Image"] * 5 < full_size_bytes(portal, photo_article["story"]), read
