"""Every newsroom screen at 360 px and on a desktop: Indonesian, targets at
least 44 px tall, no serious or critical axe-core violation, a screenshot
to look at (tests/e2e/output/newsroom-screen-*)."""

import pytest

from tests.e2e.audit import audit

pytestmark = pytest.mark.xdist_group("browser")

# Newsroom pages in our own layout: every target on them counts. The
# article as readers see it (preview, review) is the public page: there
# only what the newsroom adds counts.
OWN = "html"
ADDED = ".newsroom-strip, .panel-review, .review-bar"


def _first_href(page, selector):
    return page.locator(selector).first.get_attribute("href")


@pytest.mark.parametrize("who", ["penerbit-taan", "editor-taan"])
def test_every_newsroom_screen_passes(portal, page, browser, who, screenshot):
    portal.sign_in(page, who)
    screens = [("home", "/redaksi/taan/", OWN), ("write", "/redaksi/taan/tulis/", OWN), ("guide", "/redaksi/panduan/", OWN),
               ("notifications", "/redaksi/kabar/", OWN), ("settings", "/redaksi/pengaturan/", OWN),
               ("trash", "/redaksi/taan/sampah/", OWN), ("published-list", "/redaksi/taan/?daftar=terbit", OWN)]
    page.goto(portal.url(path="/redaksi/taan/?daftar=terbit"))
    published = _first_href(page, "a.row")
    screens += [("published-article", published, ADDED), ("revisions", published + "riwayat/", OWN)]
    page.goto(portal.url(path="/redaksi/taan/"))
    waiting = page.locator(".bucket-tinjauan a.row")
    if who == "penerbit-taan" and waiting.count():
        screens.append(("review", waiting.first.get_attribute("href"), ADDED))
    drafts = page.locator(".bucket-draf a.row")
    if drafts.count():
        screens.append(("draft", drafts.first.get_attribute("href"), OWN))
    for name, path, scope in screens:
        response = page.goto(portal.url(path=path))
        assert response.status == 200, path
        assert "Django" not in page.title() and "None" not in page.inner_text("body"), path
        screenshot(f"newsroom-screen-{who.split('-')[0]}-{name}")
        audit(page, browser, scope)


@pytest.mark.parametrize("path", ["/redaksi/taan/tim/", "/redaksi/taan/halaman/"])
def test_the_menu_shows_the_screen_it_is_on_and_its_neighbours(portal, page, path):
    portal.sign_in(page, "penerbit-taan")
    page.goto(portal.url(path=path))
    width = page.viewport_size["width"]
    tabs = page.locator("nav.tabs a")
    current = page.locator("nav.tabs a[aria-current=page]").bounding_box()
    assert current["x"] >= 0 and current["x"] + current["width"] <= width
    boxes = [tabs.nth(n).bounding_box() for n in range(tabs.count())]
    if page.width_name == "phone":
        # Wider than the screen: a tab cut at each side shows there is more.
        assert any(b["x"] < 0 < b["x"] + b["width"] for b in boxes)
        assert any(b["x"] < width < b["x"] + b["width"] for b in boxes)
    else:
        # Room for every tab, in rows.
        assert all(b["x"] >= 0 and b["x"] + b["width"] <= width for b in boxes)
