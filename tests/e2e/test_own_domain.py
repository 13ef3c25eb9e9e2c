"""A village's own domain, in Chromium: district staff add it at the desk
on a phone and on a desktop, see the DNS records and press "Periksa DNS";
a village whose domain is verified is read on it, and its old subdomain
leads there. Every step at least 44 px per target and axe-clean."""

import pytest

from harness.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.audit import audit
from tests.e2e.conftest import PHONE
from tests.e2e.steps import follow

pytestmark = pytest.mark.xdist_group("browser")

SCOPE = ".desk-nav, #content-main"


def _new_village(portal, slug, name, domain="", verified=False, article=""):
    """A village of this test's own (the portal lives for the session, and
    other tests read Taan's site on its subdomain)."""
    portal.manage("shell", "-c", (
        "from django.utils import timezone; from villages.models import Kecamatan, Village; "
        f"v, _ = Village.objects.get_or_create(slug={slug!r}, defaults=dict(name={name!r}, kim_name='KIM ' + {name!r}, "
        "kecamatan=Kecamatan.objects.first())); "
        f"v.domain = {domain!r} or None; v.domain_verified = timezone.now() if {verified!r} else None; v.save(); "
        + (f"from tests.factories import ArticleFactory; ArticleFactory(village=v, title={article!r}, slug='kabar-domain')"
           if article else "")
    ))


def test_staff_add_a_domain_and_check_its_dns(portal, page, browser, screenshot, screenshot_dir):
    slug, name = f"domain-{page.width_name}", f"Desa Domain {page.width_name.title()}"
    _new_village(portal, slug, name)
    assert portal.sign_in(page, "distrik") == "/admin/"
    page.goto(portal.url(path="/admin/meja/"))
    page.get_by_role("link", name="Domain desa").click()
    page.wait_for_url("**/admin/meja/domain/")
    audit(page, browser, SCOPE)

    page.select_option("#id_village", label=name)
    # Typed as people copy it from a browser; .invalid names never exist in DNS.
    page.fill("#id_domain", f"https://{slug.upper()}.desa.invalid/")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("input[type=submit].default").click()
    assert page.url.endswith(f"/admin/meja/domain/{slug}/")
    text = page.inner_text("#content-main")
    assert f"{slug}.desa.invalid" in text and "Belum diperiksa" in text
    assert f"{slug}.localhost." in text  # the CNAME to set
    screenshot("desk-domain-added")
    audit(page, browser, SCOPE)

    with page.expect_navigation(wait_until="domcontentloaded"):
        page.get_by_role("button", name="Periksa DNS").click()
    text = page.inner_text("#content-main")
    assert f"{slug}.desa.invalid belum ada di DNS" in text and "Belum menunjuk ke portal" in text
    screenshot("desk-domain-checked")
    # The whole screen too: the records to set and the form below the first screen.
    page.screenshot(path=str(screenshot_dir / f"desk-domain-checked-full-{page.width_name}.png"), full_page=True)
    audit(page, browser, SCOPE)


def test_a_village_is_read_on_its_own_domain(portal, browser, screenshot_dir):
    _new_village(portal, "rumah-domain", "Desa Rumah Domain", "desa-rumah.test", True, "Kabar dari domain sendiri")
    # Chromium finds *.localhost by itself; the own domain as DNS would find it, on this machine.
    args = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP desa-rumah.test 127.0.0.1"]
    own_browser = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    try:
        page = own_browser.new_context(**PHONE, locale="id-ID").new_page()
        page.goto(f"http://desa-rumah.test:{portal.port}/")
        assert "Desa Rumah Domain" in page.inner_text("body")
        follow(page.get_by_role("link", name="Kabar dari domain sendiri").first, wait_until="domcontentloaded")
        canonical = page.locator("link[rel=canonical]").get_attribute("href")
        assert canonical == f"http://desa-rumah.test:{portal.port}/berita/kabar-domain/"
        share = page.get_by_role("link", name="Bagikan ke WhatsApp").get_attribute("href")
        assert "desa-rumah.test" in share and "rumah-domain.localhost" not in share
        page.screenshot(path=str(screenshot_dir / "own-domain-article-phone.png"))
        # The old subdomain leads to the same page on the domain.
        page.goto(portal.url("rumah-domain", "/berita/kabar-domain/"))
        assert page.url == f"http://desa-rumah.test:{portal.port}/berita/kabar-domain/"
    finally:
        own_browser.close()
