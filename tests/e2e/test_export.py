"""The KIM lead takes the village's site out, in Chromium: from the
identity screen to the export screen (phone and desktop, axe and 44 px
targets), a ZIP asked for, written by the task queue, and downloaded."""

import zipfile

import pytest

from tests.e2e.audit import audit

pytestmark = pytest.mark.xdist_group("browser")


def test_the_kim_lead_asks_for_the_sites_zip_and_downloads_it(portal, page, browser, screenshot):
    portal.sign_in(page, "penerbit-taan")
    page.goto(portal.url(path="/redaksi/taan/identitas/"))
    link = page.locator(".export-link a")
    link.scroll_into_view_if_needed()
    screenshot("identity-export-link")
    with page.expect_navigation():
        link.click()
    assert page.locator("h1").inner_text() == "Ekspor situs"
    with page.expect_navigation():
        page.click("button[value=zip]")
    assert "sedang dibuat" in page.content() and page.locator(".row-meta", has_text="Dalam antrean").is_visible()
    screenshot("export-queued")
    portal.manage("db_worker", "--batch", "--no-startup-delay")  # the task queue's worker, once through
    page.reload()
    download = page.locator(".row-actions a", has_text="Unduh").first
    assert download.is_visible()
    audit(page, browser)
    screenshot("export")
    with page.expect_download() as started:
        download.click()
    path = started.value.path()
    names = zipfile.ZipFile(path).namelist()
    assert {"desa.json", "berita.json", "wordpress.xml"} <= set(names)
    assert any(name.startswith("media/villages/taan/photos/") for name in names)
