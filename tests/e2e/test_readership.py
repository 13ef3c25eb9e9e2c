"""Readership in a real browser: the beacon fires from a village page
(served from the page cache or not) and sets no cookie; the desk's
"Pembaca" and the newsroom's readers at 360 px and on a desktop, axe clean."""

import pytest

from tests.e2e.audit import audit
from tests.e2e.conftest import PHONE
from tests.e2e.steps import follow

pytestmark = pytest.mark.xdist_group("browser")

# A phone's Chromium as readers have it: the headless browser's own user
# agent says HeadlessChrome, which the crawler list rightly refuses.
READER = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36"


def _read(browser, url):
    """Opens `url` as a reader; the beacon's response."""
    context = browser.new_context(**PHONE, user_agent=READER, locale="id-ID")
    page = context.new_page()
    try:
        with page.expect_response(lambda r: r.url.endswith("/_baca")) as beacon:
            page.goto(url)
        assert context.cookies() == []
        return beacon.value
    finally:
        context.close()


def test_the_beacon_fires_from_a_village_page_served_from_the_cache(portal, browser, article_url):
    first = _read(browser, article_url + "?s=wa")
    second = _read(browser, article_url + "?s=wa")
    assert (first.status, second.status) == (204, 204)
    assert "p=%2Fberita%2F" in second.request.post_data and "s=wa" in second.request.post_data
    assert "cookie" not in second.request.headers
    portal.manage("flush_reads")


def _with_reads(portal, browser, article_url):
    _read(browser, article_url + "?s=wa")
    _read(browser, portal.url("taan"))
    portal.manage("flush_reads")


def test_the_desks_readership_page(portal, browser, article_url, page, screenshot):
    _with_reads(portal, browser, article_url)
    assert portal.sign_in(page, "distrik") == "/admin/"
    page.goto(portal.url(path="/admin/meja/"))
    follow(page.get_by_role("link", name="Pembaca"))
    taan = page.locator(".desk-table tbody tr", has_text="Desa Taan").first
    assert int(taan.locator("td[data-label=Dibaca]").inner_text()) >= 2
    assert page.locator("figure.desk-chart svg rect").count() == 52
    screenshot("desk-readership")
    page.locator("#sumber").scroll_into_view_if_needed()
    screenshot("desk-readership-sources")
    page.locator("#desa").scroll_into_view_if_needed()
    screenshot("desk-readership-villages")
    page.locator("#teratas").scroll_into_view_if_needed()
    screenshot("desk-readership-top")
    audit(page, browser, ".desk-readership")  # the admin's own header and the desk's menu are not this page's


def test_the_newsrooms_readers(portal, browser, article_url, page, screenshot):
    _with_reads(portal, browser, article_url)
    assert portal.sign_in(page, "editor-taan").startswith("/redaksi/taan/")
    readers = page.locator("section.readers")
    assert int(readers.locator("h2 .count").inner_text()) >= 2
    assert readers.locator(".reader-sources li", has_text="WhatsApp").locator("strong").inner_text() != "0"
    readers.scroll_into_view_if_needed()
    screenshot("newsroom-readers")
    audit(page, browser)
