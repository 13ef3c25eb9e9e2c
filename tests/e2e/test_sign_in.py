"""Volunteers sign in on a phone and on a desktop, as people do: with a
password; with a password and the code from their authenticator app (after
turning it on); through the one-time link from onboarding; and sign out,
which empties the browser's storage for the next person on a shared phone.
Every sign-in page keeps its targets at least 44 px tall, runs under our
CSP without complaint, and passes axe-core."""

import base64
import subprocess
import sys
import time

import pytest
from django_otp.oath import TOTP

from demo.stories import KECAMATAN
from harness.servers import DEMO_PASSWORD, ROOT
from tests.e2e.audit import audit

pytestmark = pytest.mark.xdist_group("browser")

# Villages of the demo no other browser test signs in to (seed_demo takes
# the first village of each kecamatan; Taan's people write the news).
SECOND, THIRD = (seeds[0].slug for _, seeds in KECAMATAN[1:3])
@pytest.fixture
def csp_reports(page):
    """What the browser refused under our Content-Security-Policy."""
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    return refused


def _code(secret, steps_ahead=0):
    """What the authenticator app shows for a secret typed in as text, read
    early in its 30-second step: a code the server receives in the next
    step is taken with one step of drift, which django-otp then keeps for
    the device, and the test's later codes would be a step off."""
    while 30 - time.time() % 30 < 5:
        time.sleep(0.25)
    return f"{TOTP(base64.b32decode(secret), drift=steps_ahead).token():06d}"


def _submit(page, name):
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.get_by_role("button", name=name, exact=True).click()


def test_a_member_signs_in_with_a_password_and_out_on_a_shared_phone(portal, page, browser, screenshot, csp_reports):
    page.goto(portal.url(path="/masuk/"))
    assert page.locator("h1").inner_text() == "Masuk ke Ruang Redaksi"
    assert page.locator("input[name=code]").count() == 0
    button = page.get_by_role("button", name="Masuk", exact=True).bounding_box()
    form = page.locator("main form").bounding_box()
    assert button["height"] >= 48 and button["width"] == form["width"]
    page.get_by_text("Lupa kata sandi?").click()
    assert page.get_by_text("Hubungi ketua KIM atau staf distrik.").is_visible()
    screenshot("signin")
    audit(page, browser)

    page.fill("#id_username", "penerbit-taan")
    page.fill("#id_password", "salah-ketik")
    _submit(page, "Masuk")
    assert "Nama pengguna atau kata sandi salah" in page.locator("[role=alert]").inner_text()
    assert page.input_value("#id_username") == "penerbit-taan"
    screenshot("signin-refused")
    audit(page, browser)

    page.fill("#id_password", DEMO_PASSWORD)
    toggle = page.get_by_role("button", name="Tampilkan kata sandi")
    toggle.click()
    assert page.get_attribute("#id_password", "type") == "text" and toggle.get_attribute("aria-pressed") == "true"
    _submit(page, "Masuk")
    assert page.url == portal.url(path="/redaksi/taan/")  # /redaksi/, then the one village

    # What the newsroom keeps on the phone: a draft, a resumable upload.
    page.evaluate("localStorage.setItem('draf-1', 'Panen kakao...'); localStorage.setItem('tus::foto', '{}')")
    page.goto(portal.url(path="/keluar/"))
    screenshot("signout")
    audit(page, browser)
    _submit(page, "Keluar")
    assert page.url == portal.url(path="/masuk/")
    assert "Anda sudah keluar" in page.locator(".messages").inner_text()
    assert page.evaluate("localStorage.length") == 0
    assert not [c for c in page.context.cookies() if c["name"] == "sessionid"]
    assert csp_reports == []


def test_a_user_turns_two_factor_on_and_signs_in_with_the_code(portal, page, browser, screenshot, csp_reports):
    username = f"editor-{SECOND}" if page.width_name == "phone" else f"penerbit-{SECOND}"
    assert portal.sign_in(page, username) == f"/redaksi/{SECOND}/"
    page.goto(portal.url(path="/akun/dua-langkah/"))
    screenshot("twofactor-setup")
    audit(page, browser)
    secret = page.locator(".secret").inner_text().replace(" ", "")
    page.fill("#id_code", _code(secret))
    _submit(page, "Aktifkan verifikasi dua langkah")
    assert "Verifikasi dua langkah aktif" in page.content()
    screenshot("twofactor-on")
    audit(page, browser)
    _submit(page, "Keluar")

    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    _submit(page, "Masuk")
    assert page.url == portal.url(path="/masuk/kode/")
    assert page.locator("input[name=password]").count() == 0
    screenshot("signin-code")
    audit(page, browser)
    page.fill("#id_code", "000000" if _code(secret) != "000000" else "111111")
    _submit(page, "Masuk")
    assert "Kode verifikasi salah" in page.content()
    screenshot("signin-code-refused")
    page.wait_for_timeout(1100)  # django-otp's pause after one wrong code
    page.fill("#id_code", _code(secret, steps_ahead=1))  # enrolment used this step's code
    _submit(page, "Masuk")
    assert page.url == portal.url(path=f"/redaksi/{SECOND}/")
    page.goto(portal.url(path="/akun/dua-langkah/"))
    assert "Verifikasi dua langkah aktif" in page.content()
    assert csp_reports == []


def test_a_new_volunteer_sets_a_password_from_the_link(portal, page, browser, screenshot, csp_reports):
    username = f"editor-{THIRD}" if page.width_name == "phone" else f"penerbit-{THIRD}"
    path = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.contrib.auth.tokens import default_token_generator as g\n"
         "from django.urls import reverse\nfrom django.utils.http import urlsafe_base64_encode\n"
         f"from villages.models import User\nu = User.objects.get(username='{username}')\n"
         "print(reverse('accounts:password_set', args=[urlsafe_base64_encode(str(u.pk).encode()), g.make_token(u)]))"],
        cwd=ROOT, env=portal.env, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]
    page.context.clear_cookies()
    page.goto(portal.url(path=path))
    assert "/set-password/" in page.url  # the token left the address bar
    assert username in page.locator("main").inner_text()
    screenshot("password-set")
    audit(page, browser)
    page.fill("#id_new_password1", "Kakao-Mamuju-2026")
    page.fill("#id_new_password2", "Kakao-Mamuju-2026")
    page.get_by_role("button", name="Tampilkan kata sandi").first.click()
    _submit(page, "Simpan kata sandi")
    screenshot("password-set-done")
    audit(page, browser)
    page.get_by_role("link", name="Masuk ke Ruang Redaksi").click()
    page.wait_for_url(portal.url(path="/masuk/"))
    assert portal.sign_in(page, username, "Kakao-Mamuju-2026") == f"/redaksi/{THIRD}/"

    page.goto(portal.url(path=path))
    assert "Tautan ini tidak berlaku lagi" in page.content()
    screenshot("password-set-used-link")
    audit(page, browser)
    assert csp_reports == []
