"""The district portal's header on a phone: its menu fits one line at
360 px (topics folded into a list, as on village sites), no sideways
scrolling, targets of 44 px, axe clean; the tab shows the district's
emblem and the portal installs with its own manifest."""

import pytest

from tests.e2e.audit import audit
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.xdist_group("browser")

ONE_LINE = """nav => {
  const bar = nav.querySelector('.wrap');
  const items = [...bar.children].map(e => e.getBoundingClientRect());
  return {scrolls: bar.scrollWidth > bar.clientWidth || document.documentElement.scrollWidth > innerWidth,
          lines: new Set(items.map(r => Math.round(r.top))).size,
          right: Math.max(...items.map(r => r.right))};
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def test_the_district_menu_fits_one_line_at_360_px_and_opens_its_topics(portal, browser, phone, screenshot_dir):
    phone.goto(portal.url())
    nav = phone.locator("nav.topnav")
    fit = nav.evaluate(ONE_LINE)
    assert not fit["scrolls"] and fit["lines"] == 1 and fit["right"] <= 360, fit
    phone.screenshot(path=str(screenshot_dir / "district-header-phone.png"), clip={"x": 0, "y": 0, "width": 360, "height": 300})
    audit(phone, browser, "header")
    phone.locator("summary", has_text="Topik").click()
    topics = phone.locator(".menu-list a")
    assert topics.count() >= 3 and topics.first.is_visible()
    phone.screenshot(path=str(screenshot_dir / "district-menu-open-phone.png"))
    audit(phone, browser, "header")
    with phone.expect_navigation():
        topics.first.click()
    assert "/topik/" in phone.url


def test_the_district_tab_shows_its_emblem_and_the_portal_installs(portal, phone):
    phone.goto(portal.url())
    icon = phone.locator("link[rel=icon]").get_attribute("href")
    assert "district-emblem" in icon
    assert phone.evaluate("src => fetch(src).then(r => r.status)", icon) == 200
    manifest = phone.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
    assert manifest["name"].startswith("Portal KIM")
    for each in manifest["icons"]:
        assert phone.evaluate("src => fetch(src).then(r => r.status)", each["src"]) == 200
