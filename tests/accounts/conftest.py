"""What the sign-in tests share: a phone's authenticator app, and signing
in the way a person does, through /masuk/ and, with an authenticator,
/masuk/kode/."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import host

PASSWORD = "rahasia-uji-123"


def code(key, steps_ahead=0):
    """What the phone's authenticator app shows now (or that many steps on)."""
    return f"{TOTP(bytes.fromhex(key), drift=steps_ahead).token():06d}"


def wrong_code(key):
    near = {code(key, steps) for steps in range(-3, 4)}
    return next(c for c in (f"{n:06d}" for n in range(0, 10**6, 111111)) if c not in near)


def sign_in(client, username, otp=None, next=None, password=PASSWORD):
    """Step one, then step two when a code is given; the last response."""
    query = f"?next={next}" if next is not None else ""
    response = client.post(f"/masuk/{query}", {"username": username, "password": password}, HTTP_HOST=host())
    if otp is None:
        return response
    return client.post("/masuk/kode/", {"code": otp}, HTTP_HOST=host())


def signed_in(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def device(district_staff):
    return TOTPDevice.objects.create(user=district_staff, name="Aplikasi autentikator", confirmed=True)


@pytest.fixture
def editor_device(taan_editor):
    return TOTPDevice.objects.create(user=taan_editor, name="Aplikasi autentikator", confirmed=True)


@pytest.fixture
def require_2fa(settings):
    settings.KIM_REQUIRE_2FA_FOR_STAFF = True
