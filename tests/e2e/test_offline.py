"""With no connection, the village home and the last articles read stay readable."""

import pytest
from tests.e2e.steps import follow

pytestmark = pytest.mark.xdist_group("browser")


def test_home_and_last_read_article_are_readable_offline(portal, browser, screenshot_dir):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(portal.url("taan"))
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the service worker
    link = page.locator("article.card h2 a").first
    title = link.inner_text()
    follow(link)
    article_url = page.url
    assert page.locator("#offline-banner").is_hidden()

    context.set_offline(True)
    page.goto(portal.url("taan"))
    assert page.locator(".brand-name").inner_text() == "Desa Taan"
    assert page.locator("#offline-banner").is_visible()
    page.goto(article_url)
    assert page.locator("article.story h1").inner_text() == title
    assert page.locator("#offline-banner").is_visible()
    page.screenshot(path=str(screenshot_dir / "offline-article-phone.png"))
    context.close()


def test_service_worker_is_served_from_the_village_root(portal, page):
    response = page.goto(portal.url("taan", "/sw.js"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/javascript")
    assert response.headers["cache-control"] == "no-cache"


def test_a_page_never_read_says_it_is_not_kept_instead_of_showing_the_home_page(portal, browser, screenshot_dir):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(portal.url("taan"))
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    links = page.locator("article.card h2 a")
    never_read = links.nth(1).get_attribute("href")
    follow(links.first)

    context.set_offline(True)
    page.goto(never_read)
    assert page.locator("h1").inner_text() == "Halaman ini belum tersimpan di ponsel Anda"
    assert page.locator(".brand-name").inner_text() == "Desa Taan"
    assert page.locator("#offline-banner").count() == 0  # it would say the page was kept
    assert page.url == never_read
    page.screenshot(path=str(screenshot_dir / "offline-not-kept-phone.png"))
    context.close()
