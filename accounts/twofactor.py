"""Two-factor login for the newsroom: a TOTP authenticator app, via django-otp.

- `confirmed_device` and `verify` are what the sign-in's second step
  (accounts/signin.py) asks: whether a user has an authenticator, and whether
  a code is right (once: django-otp refuses a time step already used and
  slows down repeated failures).
- `setup` and `disable` (/akun/dua-langkah/) let anyone signed in turn it on
  (QR code as inline SVG and the secret as text, confirmed with a code) and
  off (with a current code).
- `TwoFactorMiddleware` guards every signed-in area (the admin, the
  newsroom, /akun/): a session of a user who has an authenticator counts
  only if a code verified it, and with `KIM_REQUIRE_2FA_FOR_STAFF` district
  staff without one may open nothing there but the enrolment page until they
  have enrolled.
"""

import time
import xml.etree.ElementTree as ET
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from accounts.landing import home_url
from villages.roles import works_across_villages

DEVICE_NAME = "Aplikasi autentikator"
# The secret being enrolled lives in the session until a code confirms it,
# so an abandoned enrolment leaves nothing behind in the database.
PENDING_KEY = "twofactor_pending_key"

CODE_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "size": 8}
)
NOT_A_CODE = "Kode verifikasi terdiri dari 6 angka, misalnya 123 456."
WRONG_CODE = "Kode verifikasi salah atau sudah pernah dipakai. Masukkan kode terbaru dari aplikasi autentikator Anda."
SLOW_DOWN = "Terlalu banyak kode salah. Tunggu beberapa detik, lalu masukkan kode terbaru."


def confirmed_device(user):
    """The user's authenticator once a code has confirmed it, else None."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def two_factor_required(user):
    """Whether the district requires this user to log in with a code."""
    return settings.KIM_REQUIRE_2FA_FOR_STAFF and works_across_villages(user)


def _digits(value):
    # Authenticator apps show "123 456"; people type it that way.
    return "".join((value or "").split())


def verify(user, device, code):
    """Checks a code against the device, once: django-otp remembers the last
    accepted time step (no replay) and slows down repeated failures. The
    device that accepted it, else None."""
    return django_otp.verify_token(user, device.persistent_id, _digits(code))


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Kode verifikasi",
        max_length=12,
        widget=CODE_WIDGET,
        help_text="6 angka dari aplikasi autentikator di ponsel Anda; kode berganti setiap 30 detik.",
        error_messages={
            "required": "Masukkan kode 6 angka dari aplikasi autentikator.",
            "max_length": NOT_A_CODE,
        },
    )

    def clean_code(self):
        # A mistyped length is not a guess: refused here, it counts for nothing.
        code = _digits(self.cleaned_data["code"])
        if not (code.isascii() and code.isdigit() and 6 <= len(code) <= 8):
            raise ValidationError(NOT_A_CODE, code="not_a_code")
        return code


def _confirm(device, code):
    """Checks a code against a device not yet saved; on a match, remembers its
    time step (so it cannot be used again) and the phone's clock drift."""
    code = _digits(code)
    if not code.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance):
        return False
    device.last_t, device.drift = totp.t(), totp.drift
    return True


def _qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.get_image()
    svg.set("width", "220")
    svg.set("height", "220")
    svg.set("role", "img")
    svg.set("aria-label", "Kode QR untuk aplikasi autentikator")
    # Built by qrcode from our own URL: numbers and a path, nothing a user typed.
    return mark_safe(ET.tostring(svg, encoding="unicode"))


def _grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _context(request, **extra):
    return {"home_url": home_url(request.user), **extra}


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request):
    """Turn on two-factor login: scan the QR code (or type the secret), then
    confirm with a code. Shows the state and the off switch once it is on."""
    user = request.user
    device = confirmed_device(user)
    if device is not None:
        return _status(request, device, CodeForm())

    key = request.session.get(PENDING_KEY)
    if not key:
        key = request.session[PENDING_KEY] = random_hex(20)
    pending = TOTPDevice(user=user, key=key, name=DEVICE_NAME)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _confirm(pending, form.cleaned_data["code"]):
            form.add_error("code", "Kode salah. Periksa jam ponsel Anda, lalu masukkan kode terbaru.")
        else:
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).delete()
                pending.confirmed = True
                pending.save()
            del request.session[PENDING_KEY]
            django_otp.login(request, pending)  # this session is verified by that code
            messages.success(request, "Verifikasi dua langkah aktif. Mulai sekarang, masuk dengan kata sandi dan kode.")
            return redirect("accounts:twofactor")
    return TemplateResponse(
        request,
        "accounts/twofactor_setup.html",
        _context(
            request,
            form=form,
            qr_svg=_qr_svg(pending.config_url),
            secret=_grouped(b32encode(pending.bin_key).decode()),
            required=two_factor_required(user),
        ),
        status=400 if form.errors else 200,
    )


def _status(request, device, form):
    return TemplateResponse(
        request,
        "accounts/twofactor_status.html",
        _context(request, device=device, form=form, may_disable=not two_factor_required(request.user)),
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_POST
def disable(request):
    """Turn two-factor login off; needs a current code, and is refused while
    the district requires it for this user."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect("accounts:twofactor")
    if two_factor_required(request.user):
        messages.error(request, "Distrik mewajibkan verifikasi dua langkah untuk staf; fitur ini tidak dapat dimatikan.")
        return redirect("accounts:twofactor")
    form = CodeForm(request.POST)
    if form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", SLOW_DOWN)
        elif verify(request.user, device, form.cleaned_data["code"]) is None:
            form.add_error("code", WRONG_CODE)
        else:
            TOTPDevice.objects.filter(user=request.user).delete()
            request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
            messages.success(request, "Verifikasi dua langkah dimatikan. Anda masuk dengan kata sandi saja.")
            return redirect("accounts:twofactor")
    return _status(request, device, form)


class TwoFactorMiddleware:
    """Guards the signed-in areas of the base domain: the admin, the newsroom
    and /akun/. Must follow django-otp's OTPMiddleware (which tells whether a
    code verified the session) and the messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "village", None) is None and request.path.startswith(self._signed_in_areas()):
            response = self._guard(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _guard(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if confirmed_device(user) is not None:
            # A password-only session of someone who has an authenticator (one
            # opened before they enrolled, or elsewhere) counts for nothing.
            logout(request)
            messages.info(request, "Masuk lagi dengan kata sandi dan kode verifikasi.")
            if request.method in ("GET", "HEAD"):
                return redirect_to_login(request.get_full_path())
            return redirect("accounts:login")
        if two_factor_required(user) and request.path not in self._open_paths():
            messages.warning(
                request,
                "Distrik mewajibkan verifikasi dua langkah untuk staf. Aktifkan dulu sebelum melanjutkan.",
            )
            return redirect("accounts:twofactor")
        return None

    @staticmethod
    def _signed_in_areas():
        return (reverse("admin:index"), reverse("newsroom:choose"), reverse("accounts:account"))

    @staticmethod
    def _open_paths():
        return {reverse("accounts:twofactor"), reverse("admin:logout")}
