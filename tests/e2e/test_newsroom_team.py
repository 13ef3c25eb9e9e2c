"""The KIM lead runs the team from a phone: sees who is in it, invites a
new volunteer (WhatsApp number written as people write it), sends the
one-time link by WhatsApp, changes the newcomer's role, removes them.
Every screen passes the audit (targets at least 44 px, axe clean) at 360 px
and on a desktop; screenshots in tests/e2e/output/newsroom-team-*."""

import re

import pytest

from tests.e2e.audit import audit
from tests.e2e.steps import follow

pytestmark = pytest.mark.xdist_group("browser")


def _submit(page, selector="button[type=submit].primary"):
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator(selector).first.click()


def test_the_kim_lead_invites_changes_and_removes_a_member(portal, page, browser, screenshot):
    name = f"Nur Aisyah {page.width_name}"
    portal.sign_in(page, "penerbit-taan")
    page.goto(portal.url(path="/redaksi/taan/"))
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.get_by_role("link", name="Tim", exact=True).click()
    assert page.url == portal.url(path="/redaksi/taan/tim/")
    members = page.locator(".rows .row-title").all_inner_texts()
    assert any("(Anda)" in m for m in members) and len(members) >= 2
    screenshot("newsroom-team")
    audit(page, browser)

    follow(page.get_by_role("link", name="+ Undang anggota"))
    page.fill("#id_name", name)
    page.fill("#id_whatsapp", "0812 4455 6677")
    page.get_by_label("Editor (menulis, mengajukan)").check()
    screenshot("newsroom-team-invite")
    audit(page, browser)
    _submit(page)
    assert page.locator("h1").inner_text().startswith(name)
    link = page.locator("#password-link").input_value()
    assert re.fullmatch(rf"http://localhost:{portal.port}/akun/sandi/[^/]+/[^/]+/", link)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Salin tautan").click()
    page.get_by_text("Tautan disalin.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == link
    whatsapp = page.get_by_role("link", name="Kirim lewat WhatsApp").get_attribute("href")
    assert whatsapp.startswith("https://wa.me/6281244556677?text=")
    screenshot("newsroom-team-invited")
    audit(page, browser)

    follow(page.get_by_role("link", name="Kembali ke tim"))
    follow(page.get_by_role("link", name=re.compile(name)))
    screenshot("newsroom-team-member")
    audit(page, browser)
    page.get_by_label("Penerbit (ketua KIM: menyetujui, menerbitkan)").check()
    _submit(page)
    assert f"{name} sekarang penerbit." in page.locator(".messages").inner_text()

    follow(page.get_by_role("link", name=re.compile(name)))
    follow(page.get_by_role("link", name="Keluarkan dari tim"))
    screenshot("newsroom-team-remove")
    audit(page, browser)
    _submit(page, "button[type=submit].danger")
    assert "dikeluarkan dari tim" in page.locator(".messages").inner_text()
    assert name not in page.locator(".rows").first.inner_text()
    assert "Mengeluarkan anggota tim" in page.inner_text("body")


def test_an_editor_has_no_team_tab_and_no_way_in(portal, page):
    portal.sign_in(page, "editor-taan")
    page.goto(portal.url(path="/redaksi/taan/"))
    assert page.get_by_role("link", name="Tim", exact=True).count() == 0
    assert page.goto(portal.url(path="/redaksi/taan/tim/")).status == 403
