import json
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from harness.chromium import CHROMIUM, CHROMIUM_ARGS
from harness.servers import PortalServer

SCREENSHOTS = Path(__file__).parent / "output"

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    server = PortalServer(tmp_path_factory.mktemp("portal")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=["phone", "desktop"])
def page(request, browser):
    context = browser.new_context(**(PHONE if request.param == "phone" else DESKTOP), locale="id-ID")
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def screenshot(page, screenshot_dir):

    def take(name):
        path = SCREENSHOTS / f"{name}-{page.width_name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take


@pytest.fixture(scope="session")
def article_url(portal, browser):
    """The newest article on Desa Taan's site, as a reader would reach it."""
    page = browser.new_page()
    page.goto(portal.url("taan"))
    href = page.locator("article.card h2 a").first.get_attribute("href")
    page.close()
    return href


def static_url(portal, path):
    """A static file's URL as the portal's pages name it (hashed by collectstatic)."""
    manifest = json.loads((Path(portal.env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][path]


@pytest.fixture(scope="session")
def photo_article(portal):
    """A story with four photos in its text, on Desa Taan's site (harness/photo_story.py)."""
    from harness.photo_story import photo_story

    story = photo_story(portal, "empat-foto")
    return {"url": portal.url("taan", story["path"]), "author": story["author"], "story": story}
