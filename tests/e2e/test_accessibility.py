"""axe-core (from npm) finds no serious or critical problem on the main pages."""

from pathlib import Path

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.steps import follow

pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(params=["phone", "desktop"])
def page(request, browser):
    """Like the shared page fixture, but lets the test inject axe-core past
    our Content-Security-Policy (which rightly refuses inline scripts)."""
    context = browser.new_context(**(PHONE if request.param == "phone" else DESKTOP), bypass_csp=True)
    yield context.new_page()
    context.close()

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"

def _serious(result):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[(n['target'], n.get('failureSummary', '')[:120]) for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


PAGES = [
    ("", "/"),
    ("", "/desa/"),
    ("", "/cari/?q=warga"),
    ("taan", "/"),
    ("taan", "/tentang/"),
    ("taan", "/arsip/"),
    ("taan", "/cari/?q=warga"),
    ("tidakada", "/"),
]


@pytest.mark.parametrize("site,path", PAGES)
def test_no_serious_accessibility_violations(portal, page, site, path):
    page.goto(portal.url(site, path))
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert _serious(result) == []


def test_an_article_page_has_no_serious_accessibility_violations(portal, page):
    page.goto(portal.url("taan"))
    follow(page.locator("article.card h2 a").first)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert _serious(result) == []
