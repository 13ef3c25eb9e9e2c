"""A village's own pages in Chromium, at 360 px and on a desktop: the
compact menu (never a sideways scroller), a page as readers see it, and
the newsroom's screens for pages; axe-core and the 44 px audit on each,
screenshots in tests/e2e/output/village-pages-*."""

import re

import pytest

from tests.e2e.audit import audit, serious_violations, small_targets
from tests.e2e.steps import follow

pytestmark = pytest.mark.xdist_group("browser")

# On public pages, the menus and the footer's links are held to 44 px.
ADDED = "nav.topnav, .footer-pages, .footer-more"

TOP_LEVEL = """() => [...document.querySelector('nav.topnav .wrap').children].map(e => {
  const r = e.getBoundingClientRect(); return [Math.round(r.top), Math.round(r.right)]; })"""


def test_a_reader_finds_the_village_pages_in_a_menu_that_fits_the_screen(portal, page, browser, screenshot):
    page.goto(portal.url("taan"))
    wrap = page.locator("nav.topnav .wrap")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")
    entries = page.evaluate(TOP_LEVEL)
    assert len(entries) == 4 and len({top for top, _ in entries}) == 1, entries  # one line
    assert max(right for _, right in entries) <= page.viewport_size["width"]
    screenshot("village-pages-menu")

    page.locator("nav.topnav summary", has_text="Profil").click()
    menu = page.locator("nav.topnav details[open] .menu-list")
    assert menu.is_visible()
    assert small_targets(page, ADDED) == []
    screenshot("village-pages-menu-open")

    menu.get_by_role("link", name="Sejarah").click()
    page.wait_for_url(re.compile(r"/halaman/sejarah/$"))
    assert page.locator("h1").inner_text() == "Sejarah"
    footer = page.locator("nav.footer-pages")
    assert footer.get_by_role("link", name="Tentang KIM").is_visible()
    assert footer.get_by_role("link", name="Kontak").is_visible()
    screenshot("village-pages-page")
    footer.scroll_into_view_if_needed()
    screenshot("village-pages-footer")
    assert small_targets(page, ADDED) == []
    assert serious_violations(page, browser) == []


def test_the_topic_menu_opens_without_a_script(portal, page, screenshot):
    page.goto(portal.url("taan"))
    page.locator("nav.topnav summary", has_text="Topik").click()
    links = page.locator("nav.topnav details[open] .menu-list a")
    assert links.count() >= 5
    box = page.locator("nav.topnav details[open] .menu-list").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    screenshot("village-pages-topics-open")


@pytest.mark.parametrize("who", ["penerbit-taan", "editor-taan"])
def test_every_newsroom_screen_for_pages_passes(portal, page, browser, who, screenshot):
    portal.sign_in(page, who)
    role = who.split("-")[0]
    page.goto(portal.url(path="/redaksi/taan/halaman/"))
    screenshot(f"village-pages-newsroom-{role}-list")
    audit(page, browser)
    rows = {name: page.locator(".page-rows li", has_text=name).locator("a.row-link").get_attribute("href")
            for name in ("Sejarah", "Perangkat desa")}
    screens = [("live", rows["Sejarah"]), ("draft", rows["Perangkat desa"]),
               ("revisions", rows["Sejarah"] + "riwayat/"), ("new", "/redaksi/taan/halaman/baru/")]
    for name, path in screens:
        response = page.goto(portal.url(path=path))
        assert response.status == 200, path
        if page.locator("textarea[data-rich-text]").count():
            page.locator(".ck-editor__editable").wait_for()
        assert "None" not in page.inner_text("body"), path
        screenshot(f"village-pages-newsroom-{role}-{name}")
        audit(page, browser)
    page.goto(portal.url(path=rows["Sejarah"] + "pratinjau/"))
    assert page.locator("h1").inner_text() == "Sejarah"
    assert serious_violations(page, browser) == []


def test_a_publisher_moves_a_page_and_the_site_follows(portal, page):
    portal.sign_in(page, "penerbit-taan")

    def footer_order():
        page.goto(portal.url("taan"))
        return page.locator("nav.footer-pages a").all_inner_texts()

    before = footer_order()
    assert before.index("Sejarah") < before.index("Visi dan misi")
    page.goto(portal.url(path="/redaksi/taan/halaman/"))
    follow(page.get_by_role("button", name="Turun “Sejarah”"))
    after = footer_order()
    assert after.index("Visi dan misi") < after.index("Sejarah")
    page.goto(portal.url(path="/redaksi/taan/halaman/"))
    follow(page.get_by_role("button", name="Naik “Sejarah”"))
    assert footer_order() == before
