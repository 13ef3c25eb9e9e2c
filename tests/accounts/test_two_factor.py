"""Two-factor login (TOTP) for the newsroom: enrolment, login with a code,
the district's requirement for staff, and throttling of wrong codes."""

from base64 import b32encode

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import host
from tests.factories import UserFactory
from accounts.twofactor import PENDING_KEY

SETUP = "/admin/dua-langkah/"
DISABLE = "/admin/dua-langkah/matikan/"


def _code(key, steps_ahead=0):
    """What the phone's authenticator app shows now (or that many steps on)."""
    return f"{TOTP(bytes.fromhex(key), drift=steps_ahead).token():06d}"


def _wrong_code(key):
    near = {_code(key, steps) for steps in range(-3, 4)}
    return next(c for c in (f"{n:06d}" for n in range(0, 10**6, 111111)) if c not in near)


def _login(client, username, code=None):
    data = {"username": username, "password": "rahasia-uji-123"}
    if code is not None:
        data["otp_token"] = code
    return client.post("/admin/login/?next=/admin/", data, HTTP_HOST=host())


def _get(client, path):
    return client.get(path, HTTP_HOST=host())


def _post(client, path, data):
    return client.post(path, data, HTTP_HOST=host())


def _enrol(client):
    """Goes through the enrolment page as the logged-in user, like a person with a phone."""
    _get(client, SETUP)
    key = client.session[PENDING_KEY]
    return _post(client, SETUP, {"code": _code(key)})


@pytest.fixture
def device(district_staff):
    return TOTPDevice.objects.create(user=district_staff, name="Aplikasi autentikator", confirmed=True)


@pytest.fixture
def require_2fa(settings):
    settings.KIM_REQUIRE_2FA_FOR_STAFF = True


# Enrolment


def test_the_enrolment_page_shows_a_qr_code_and_the_secret_as_text(client, district_staff):
    client.force_login(district_staff)
    response = _get(client, SETUP)
    secret = b32encode(bytes.fromhex(client.session[PENDING_KEY])).decode()
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    assert secret[:4] + " " + secret[4:8] in page


def test_a_code_from_the_app_turns_two_factor_on(client, district_staff):
    client.force_login(district_staff)
    response = _enrol(client)
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=district_staff, confirmed=True).count() == 1


def test_the_session_that_enrolled_stays_in_the_newsroom(client, district_staff):
    client.force_login(district_staff)
    _enrol(client)
    assert _get(client, "/admin/").status_code == 200


def test_a_wrong_code_does_not_turn_two_factor_on(client, district_staff):
    client.force_login(district_staff)
    _get(client, SETUP)
    response = _post(client, SETUP, {"code": _wrong_code(client.session[PENDING_KEY])})
    assert response.status_code == 200
    assert "Kode salah" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=district_staff).exists()


def test_opening_the_enrolment_page_stores_no_device(client, district_staff):
    client.force_login(district_staff)
    _get(client, SETUP)
    assert not TOTPDevice.objects.filter(user=district_staff).exists()


def test_village_editors_may_turn_two_factor_on_too(client, taan_editor):
    client.force_login(taan_editor)
    _enrol(client)
    assert TOTPDevice.objects.filter(user=taan_editor, confirmed=True).exists()


def test_anonymous_visitors_are_sent_to_login_from_the_enrolment_page(client, db):
    response = _get(client, SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_newsroom_links_to_two_factor_settings(client, taan_editor):
    client.force_login(taan_editor)
    assert f'href="{SETUP}"' in _get(client, "/admin/").content.decode()


# Login


def test_users_without_an_authenticator_log_in_with_their_password_as_before(client, district_staff):
    assert _login(client, "distrik").status_code == 302
    assert client.session["_auth_user_id"] == str(district_staff.pk)


def test_an_enrolled_user_cannot_log_in_without_a_code(client, device):
    response = _login(client, "distrik")
    assert response.status_code == 200
    assert "Masukkan kode 6 angka" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_fails_the_login(client, device):
    response = _login(client, "distrik", _wrong_code(device.key))
    assert response.status_code == 200
    assert "Kode verifikasi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_enrolled_user_logs_in_with_password_and_code(client, device):
    assert _login(client, "distrik", _code(device.key)).status_code == 302
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert _get(client, "/admin/").status_code == 200


def test_a_code_cannot_be_used_twice(client, device):
    code = _code(device.key)
    _login(client, "distrik", code)
    client.logout()
    response = _login(client, "distrik", code)
    assert "Kode verifikasi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_session_without_a_code_is_logged_out_of_the_newsroom(client, device, district_staff):
    client.force_login(district_staff)  # password only, e.g. opened before enrolling
    response = _get(client, "/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_wrong_codes_lock_the_username_from_that_address(client, device):
    for _ in range(5):
        _login(client, "distrik", _wrong_code(device.key))
    locked = _login(client, "distrik", _code(device.key))  # even the right password and code
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


# Turning it off


def test_two_factor_is_turned_off_with_a_current_code(client, device):
    _login(client, "distrik", _code(device.key))
    _post(client, DISABLE, {"code": _code(device.key, steps_ahead=1)})  # the login used this step's code
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_wrong_code_does_not_turn_two_factor_off(client, device):
    _login(client, "distrik", _code(device.key))
    response = _post(client, DISABLE, {"code": _wrong_code(device.key)})
    assert "Kode verifikasi salah" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


# The district's requirement


def test_the_requirement_sends_staff_without_an_authenticator_to_enrolment(client, district_staff, require_2fa):
    client.force_login(district_staff)
    for path in ("/admin/", "/admin/articles/article/", "/admin/villages/village/"):
        response = _get(client, path)
        assert (response.status_code, response["Location"]) == (302, SETUP), path


def test_the_requirement_leaves_the_enrolment_page_open(client, district_staff, require_2fa):
    client.force_login(district_staff)
    response = _get(client, SETUP)
    assert response.status_code == 200
    assert "Distrik mewajibkan verifikasi dua langkah" in response.content.decode()


def test_the_requirement_applies_to_superusers(client, db, require_2fa):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    assert _get(client, "/admin/")["Location"] == SETUP


def test_staff_reach_the_newsroom_once_enrolled_under_the_requirement(client, district_staff, require_2fa):
    client.force_login(district_staff)
    _enrol(client)
    assert _get(client, "/admin/articles/article/").status_code == 200


def test_the_requirement_does_not_apply_to_village_editors(client, taan_editor, require_2fa):
    client.force_login(taan_editor)
    assert _get(client, "/admin/articles/article/").status_code == 200


def test_two_factor_cannot_be_turned_off_while_the_district_requires_it(client, device, require_2fa):
    _login(client, "distrik", _code(device.key))
    _post(client, DISABLE, {"code": _code(device.key, steps_ahead=1)})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
