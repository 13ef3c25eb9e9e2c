"""Byte budgets for the first view on a phone, measured in Chromium.
Budgets from the readers' issue; bench/first_view.py prints the table."""

import pytest

from harness.page_weight import first_view

pytestmark = pytest.mark.xdist_group("browser")

KB = 1024
BUDGETS = {"village home": 150 * KB, "article": 120 * KB, "district home": 150 * KB}


@pytest.mark.parametrize("name", BUDGETS)
def test_first_view_stays_within_its_byte_budget(portal, browser, article_url, name):
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
