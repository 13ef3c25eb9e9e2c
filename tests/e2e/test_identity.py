"""A KIM's own site, seen in Chromium: the identity screen (phone and
desktop, axe and 44 px targets), a change of colour, logo and cover seen by
the next reader, and the home and article pages with them."""

import re

import pytest

from demo.drawing import illustration, logo
from harness.servers import DEMO_PASSWORD
from tests.e2e.audit import audit
from tests.e2e.steps import follow
from tests.e2e.test_photo_uploads import VillageLink

pytestmark = pytest.mark.xdist_group("browser")


def _other_village(portal, browser):
    """A demo village other than Taan (whose look the budgets measure), to change."""
    page = browser.new_page()
    page.goto(portal.url(path="/desa/"))
    hosts = page.eval_on_selector_all("a[href*='.localhost']", "links => links.map(a => new URL(a.href).hostname)")
    page.close()
    others = [h.split(".")[0] for h in hosts if not h.startswith("taan.")]
    return others[0]


def test_the_identity_screen_passes_the_audit(portal, page, browser, screenshot):
    portal.sign_in(page, "penerbit-taan")
    page.goto(portal.url(path="/redaksi/taan/identitas/"))
    assert page.locator("h1").inner_text() == "Identitas situs"
    assert page.locator(".current-logo").is_visible()
    audit(page, browser)
    screenshot("identity")
    page.locator(".swatches").scroll_into_view_if_needed()
    screenshot("identity-colours")


def test_the_village_home_and_article_show_logo_cover_and_colour(portal, page, screenshot):
    page.goto(portal.url("taan"))
    assert page.locator(".brand-logo img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".cover img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".footer .district-mark img").count() == 1
    screenshot("village-home-identity")
    page.locator("footer").scroll_into_view_if_needed()
    screenshot("village-footer-identity")
    page.evaluate("window.scrollTo(0, 0)")
    follow(page.locator("article.card h2 a").first)
    assert page.locator(".brand-logo img").is_visible()
    screenshot("article-identity")


def test_the_publisher_changes_the_look_and_the_next_reader_sees_it(portal, browser, page, tmp_path, screenshot):
    slug = _other_village(portal, browser)
    reader = browser.new_page()
    reader.goto(portal.url(slug))  # now in the page cache
    before = reader.locator(".brand-logo img").get_attribute("src")

    (tmp_path / "logo.png").write_bytes(logo("S", "#b0123b"))
    (tmp_path / "sampul.jpg").write_bytes(illustration("", (200, 170, 150), (120, 40, 40), False, "uji"))
    portal.sign_in(page, f"penerbit-{slug}")
    page.goto(portal.url(path=f"/redaksi/{slug}/identitas/"))
    page.locator("label.swatch", has_text="Merah marun").click()
    page.set_input_files("#id_logo_file", str(tmp_path / "logo.png"))
    page.set_input_files("#id_cover_file", str(tmp_path / "sampul.jpg"))
    for kind in ("logo", "cover"):  # sent in pieces before the form (test_identity_uploads.py)
        page.locator(f"input[name={kind}][data-photo-id]:not([value=''])").wait_for(state="attached", timeout=30_000)
    page.fill("#id_whatsapp", "+62 812-4455-6677")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "Identitas situs tersimpan" in page.content()

    reader.goto(portal.url(slug))
    masthead = reader.locator(".masthead").evaluate("el => getComputedStyle(el).backgroundColor")
    assert masthead == "rgb(176, 18, 59)"
    assert reader.locator(".brand-logo img").get_attribute("src") != before
    assert "0812-4455-6677" in reader.locator("footer").inner_text()
    # Fetched by the page itself: Playwright's own requests cannot resolve *.localhost.
    manifest = reader.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
    assert manifest["theme_color"] == "#b0123b"
    for icon in manifest["icons"]:
        assert reader.evaluate("src => fetch(src).then(r => r.status)", icon["src"]) == 200
    reader.close()


def test_a_colour_too_light_is_refused_on_the_screen(portal, page, screenshot):
    portal.sign_in(page, "penerbit-taan")
    page.goto(portal.url(path="/redaksi/taan/identitas/"))
    page.locator("label.swatch", has_text="Warna lain").click()
    page.locator("#id_accent_other").evaluate("el => { el.value = '#ffdd00'; }")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.locator("[role=alert]").is_visible()
    assert re.search(r"terlalu terang.*1,3:1", page.content())
    page.locator(".palette .errorlist").scroll_into_view_if_needed()
    screenshot("identity-refused")


def test_a_double_tap_on_save_sends_the_form_once_and_the_logo_is_kept(portal, browser, page, tmp_path):
    """The second tap would send the form again, naming a logo the first send
    already gave the village: 'Pilih fotonya lagi' after a save that worked."""
    # A village and publisher of this test's own: the demo's are other tests' to change.
    slug = f"dua-ketuk-{page.width_name}"
    portal.manage("shell", "-c", (
        "from villages.models import Kecamatan, Membership, User, Village; "
        f"v = Village.objects.create(slug={slug!r}, name='Desa Dua Ketuk', kim_name='KIM Dua Ketuk', "
        "kecamatan=Kecamatan.objects.first()); "
        f"u = User.objects.create_user({('penerbit-' + slug)!r}, password={DEMO_PASSWORD!r}); "
        "Membership.objects.create(user=u, village=v, role=Membership.Role.PUBLISHER)"
    ))
    (tmp_path / "logo.png").write_bytes(logo("D", "#1d4e89"))
    portal.sign_in(page, f"penerbit-{slug}")
    page.goto(portal.url(path=f"/redaksi/{slug}/identitas/"))
    page.set_input_files("#id_logo_file", str(tmp_path / "logo.png"))
    page.locator("input[name=logo][data-photo-id]:not([value=''])").wait_for(state="attached", timeout=30_000)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" and r.url.endswith("/identitas/") else None)
    VillageLink(page)  # 400 ms each way: the first send is still on its way at the second tap
    save = page.locator(".identity-form .actions button[type=submit]")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    with page.expect_navigation():
        # Taps as a thumb makes them, not as Playwright's click, which waits for the page to settle.
        for _ in range(2):
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(150)
    assert "Identitas situs tersimpan" in page.content() and "Pilih fotonya lagi" not in page.content()
    assert len(sent) == 1
