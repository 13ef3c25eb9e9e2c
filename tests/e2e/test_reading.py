"""Reading on: body photos, the stories around an article, the author's
page, in Chromium at 360 px and on a desktop."""

import pytest

from tests.e2e.audit import audit
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.steps import follow

pytestmark = pytest.mark.xdist_group("browser")

# The sum of layout-shift scores so far (what Core Web Vitals call CLS).
LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(total), 200);
})"""


def _shot(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{page.width_name}.png"), full_page=False)


def test_body_photos_load_as_webp_without_shifting_the_story(portal, page, photo_article, screenshot_dir):
    page.goto(photo_article["url"])
    pictures = page.locator(".story .body picture img")
    assert pictures.count() == 4
    _shot(page, "article-photos-top")
    for n in range(4):
        image = pictures.nth(n)
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert image.evaluate("img => img.currentSrc").endswith(".webp")
        assert image.get_attribute("loading") == "lazy"
        if n == 1:
            _shot(page, "article-photos-body")
    # A phone gets the 400 px rendition (the byte budget), a desktop the 800 px one.
    wanted = "/400.webp" if page.width_name == "phone" else "/800.webp"
    assert pictures.first.evaluate("img => img.currentSrc").endswith(wanted)
    assert page.evaluate(LAYOUT_SHIFT) < 0.01


def test_the_story_links_its_neighbours_and_related_news_and_passes_the_audit(portal, page, browser, photo_article, screenshot_dir):
    page.goto(photo_article["url"])
    nav = page.locator("nav.story-nav")
    assert nav.locator("a.older").count() == 1 and nav.locator("a.newer").count() == 1
    nav.scroll_into_view_if_needed()
    _shot(page, "article-around")
    assert page.locator("section.related li a").count() >= 1
    audit(page, browser, scope=".byline, .story-nav, .related")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    newer_title = nav.locator("a.newer").inner_text().split("\n")[-1].strip()
    follow(nav.locator("a.newer"))
    assert page.locator("article.story h1").inner_text() == newer_title


def test_the_byline_leads_to_the_authors_page_which_passes_the_audit(portal, page, browser, photo_article, screenshot_dir):
    page.goto(photo_article["url"])
    byline = page.locator(".byline a")
    name = byline.inner_text()
    follow(byline)
    assert page.url == portal.url("taan", f"/penulis/{photo_article['author']}/")
    assert page.locator("h1").inner_text() == f"Penulis: {name}"
    assert page.locator("article.card").count() >= 2
    _shot(page, "author")
    audit(page, browser, scope="main")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
