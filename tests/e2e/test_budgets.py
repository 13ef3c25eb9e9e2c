"""Byte budgets for the first view on a phone, measured in Chromium.
Budgets from the readers' issue; bench/page_weight.py prints the table."""

import pytest

from tests.e2e.weight import first_view

pytestmark = pytest.mark.xdist_group("browser")

KB = 1024
BUDGETS = {"village home": 150 * KB, "article": 120 * KB, "district home": 150 * KB}


def _article_url(portal, browser):
    page = browser.new_page()
    page.goto(portal.url("taan"))
    href = page.locator("article.card h2 a").first.get_attribute("href")
    page.close()
    return href


@pytest.mark.parametrize("name", BUDGETS)
def test_first_view_stays_within_its_byte_budget(portal, browser, name):
    url = {"village home": portal.url("taan"), "district home": portal.url(), "article": None}[name]
    weight = first_view(browser, url or _article_url(portal, browser))
    assert weight["total"] <= BUDGETS[name], weight


def test_stylesheet_is_small_and_there_are_no_fonts_or_required_scripts(portal, browser):
    weight = first_view(browser, portal.url("taan"))
    assert weight.get("Stylesheet", 0) <= 15 * KB
    assert weight.get("Font", 0) == 0
    assert weight.get("Script", 0) <= 2 * KB  # only the offline helper, never needed to read
