"""Two-factor login (TOTP) for the newsroom: enrolment at /akun/dua-langkah/,
the code step of the sign-in, the district's requirement for staff, and
throttling of wrong codes."""

from base64 import b32encode

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.signin import PENDING
from accounts.twofactor import PENDING_KEY
from tests.accounts.conftest import code, sign_in, signed_in, wrong_code
from tests.conftest import host
from tests.factories import UserFactory

SETUP = "/akun/dua-langkah/"
DISABLE = "/akun/dua-langkah/matikan/"


def _get(client, path):
    return client.get(path, HTTP_HOST=host())


def _post(client, path, data):
    return client.post(path, data, HTTP_HOST=host())


def _enrol(client):
    """Goes through the enrolment page as the signed-in user, like a person with a phone."""
    _get(client, SETUP)
    key = client.session[PENDING_KEY]
    return _post(client, SETUP, {"code": code(key)})


# Enrolment


def test_the_enrolment_page_shows_a_qr_code_and_the_secret_as_text(client, district_staff):
    client.force_login(district_staff)
    response = _get(client, SETUP)
    secret = b32encode(bytes.fromhex(client.session[PENDING_KEY])).decode()
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    assert secret[:4] + " " + secret[4:8] in page


def test_the_enrolment_page_is_in_the_newsroom_layout_not_the_admins(client, taan_editor):
    client.force_login(taan_editor)
    page = _get(client, SETUP).content.decode()
    assert 'class="bar"' in page and "Verifikasi dua langkah" in page
    assert "Django" not in page and "admin/css" not in page


def test_a_code_from_the_app_turns_two_factor_on(client, district_staff):
    client.force_login(district_staff)
    response = _enrol(client)
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=district_staff, confirmed=True).count() == 1


def test_the_session_that_enrolled_stays_in_the_newsroom(client, district_staff):
    client.force_login(district_staff)
    _enrol(client)
    assert _get(client, "/admin/").status_code == 200
    assert _get(client, SETUP).status_code == 200


def test_a_wrong_code_does_not_turn_two_factor_on(client, district_staff):
    client.force_login(district_staff)
    _get(client, SETUP)
    response = _post(client, SETUP, {"code": wrong_code(client.session[PENDING_KEY])})
    assert response.status_code == 400
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


def test_anonymous_visitors_are_sent_to_sign_in_from_the_enrolment_page(client, db):
    response = _get(client, SETUP)
    assert response.status_code == 302
    assert response["Location"] == "/masuk/?next=/akun/dua-langkah/"


def test_the_admin_links_to_two_factor_settings(client, district_staff):
    client.force_login(district_staff)
    assert f'href="{SETUP}"' in _get(client, "/admin/").content.decode()


# Signing in


def test_users_without_an_authenticator_never_see_a_code_field(client, district_staff):
    assert 'name="code"' not in _get(client, "/masuk/").content.decode()
    response = sign_in(client, "distrik")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert signed_in(client) == str(district_staff.pk)


def test_the_sign_in_page_asks_everyone_for_username_and_password_only(client, device):
    page = _get(client, "/masuk/").content.decode()
    assert 'name="username"' in page and 'name="password"' in page
    assert 'name="code"' not in page and "otp" not in page


def test_the_right_password_of_an_enrolled_user_leads_to_the_code_step_only(client, device):
    response = sign_in(client, "distrik")
    assert (response.status_code, response["Location"]) == (302, "/masuk/kode/")
    assert signed_in(client) is None
    page = _get(client, "/masuk/kode/").content.decode()
    assert 'name="code"' in page and 'name="password"' not in page


def test_until_the_code_is_right_the_user_is_not_signed_in(client, device):
    sign_in(client, "distrik")
    assert _get(client, "/admin/")["Location"].startswith("/admin/login/")
    assert signed_in(client) is None


def test_a_wrong_password_never_reaches_the_code_step(client, device):
    response = sign_in(client, "distrik", password="salah")
    assert response.status_code == 400
    assert PENDING not in client.session
    assert _get(client, "/masuk/kode/")["Location"] == "/masuk/"


def test_a_wrong_code_fails_the_sign_in(client, device):
    response = sign_in(client, "distrik", wrong_code(device.key))
    assert response.status_code == 400
    assert "Kode verifikasi salah" in response.content.decode()
    assert signed_in(client) is None


def test_an_enrolled_user_signs_in_with_password_and_code(client, device):
    response = sign_in(client, "distrik", code(device.key))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert PENDING not in client.session
    assert _get(client, "/admin/").status_code == 200


def test_the_code_may_be_typed_with_a_space_as_the_app_shows_it(client, device):
    otp = code(device.key)
    assert sign_in(client, "distrik", f"{otp[:3]} {otp[3:]}").status_code == 302
    assert signed_in(client)


def test_a_code_that_is_not_six_digits_is_refused_without_counting(client, device):
    sign_in(client, "distrik")
    for typo in ("12345", "abcdef", "１２３４５６"):
        response = _post(client, "/masuk/kode/", {"code": typo})
        assert "terdiri dari 6 angka" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_replayed_code_is_refused(client, device):
    otp = code(device.key)
    sign_in(client, "distrik", otp)
    client.post("/keluar/", HTTP_HOST=host())
    response = sign_in(client, "distrik", otp)
    assert "Kode verifikasi salah" in response.content.decode()
    assert signed_in(client) is None


def test_repeated_wrong_codes_are_slowed_down_by_django_otp(client, device):
    sign_in(client, "distrik", wrong_code(device.key))
    response = _post(client, "/masuk/kode/", {"code": code(device.key)})  # at once, even the right one
    assert "Tunggu beberapa detik" in response.content.decode()
    assert signed_in(client) is None


def test_the_code_step_expires_after_a_few_minutes(client, device):
    sign_in(client, "distrik")
    session = client.session
    session[PENDING] = {**session[PENDING], "until": 0}
    session.save()
    response = _post(client, "/masuk/kode/", {"code": code(device.key)})
    assert response["Location"] == "/masuk/"
    assert "Waktu memasukkan kode sudah habis" in _get(client, "/masuk/").content.decode()
    assert signed_in(client) is None


def test_the_code_step_without_a_password_first_goes_back_to_the_sign_in(client, db):
    assert _get(client, "/masuk/kode/")["Location"] == "/masuk/"
    assert _post(client, "/masuk/kode/", {"code": "123456"})["Location"] == "/masuk/"


def test_a_user_deactivated_between_the_steps_is_not_signed_in(client, device, district_staff):
    sign_in(client, "distrik")
    district_staff.is_active = False
    district_staff.save()
    assert _post(client, "/masuk/kode/", {"code": code(device.key)})["Location"] == "/masuk/"
    assert signed_in(client) is None


def test_a_safe_next_is_honoured_after_the_code(client, device):
    response = sign_in(client, "distrik", code(device.key), next="/admin/meja/")
    assert response["Location"] == "/admin/meja/"


def test_wrong_codes_lock_the_username_from_that_address(client, device):
    for _ in range(5):
        sign_in(client, "distrik", wrong_code(device.key))
    locked = sign_in(client, "distrik")  # even the right password
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    assert signed_in(client) is None


def test_the_fifth_wrong_code_answers_with_the_lockout_page(client, device):
    sign_in(client, "distrik")
    for _ in range(4):
        _post(client, "/masuk/kode/", {"code": wrong_code(device.key)})
    locked = _post(client, "/masuk/kode/", {"code": wrong_code(device.key)})
    assert locked.status_code == 429
    assert PENDING not in client.session


def test_wrong_passwords_and_wrong_codes_add_up_to_the_limit(client, device):
    for _ in range(3):
        sign_in(client, "distrik", password="salah")
    sign_in(client, "distrik", wrong_code(device.key))
    locked = sign_in(client, "distrik", wrong_code(device.key))
    assert locked.status_code == 429


def test_a_locked_pair_cannot_finish_a_code_step_begun_before(client, device):
    sign_in(client, "distrik")  # right password: the code step is open
    other = client.__class__()
    for _ in range(5):
        sign_in(other, "distrik", password="salah")  # same address, same username
    response = _post(client, "/masuk/kode/", {"code": code(device.key)})
    assert response.status_code == 429
    assert signed_in(client) is None


# A session without a code


@pytest.mark.parametrize("path", ["/admin/", "/redaksi/", "/akun/dua-langkah/", "/admin/meja/"])
def test_a_password_only_session_of_someone_with_an_authenticator_counts_for_nothing(client, device, district_staff, path):
    client.force_login(district_staff)  # password only, e.g. opened before enrolling
    response = _get(client, path)
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/?next=")
    assert signed_in(client) is None


def test_a_village_members_password_only_session_counts_for_nothing_in_the_newsroom(client, editor_device, taan_editor):
    client.force_login(taan_editor)
    response = _get(client, "/redaksi/taan/")
    assert response["Location"] == "/masuk/?next=/redaksi/taan/"
    assert signed_in(client) is None


def test_a_password_only_session_may_still_read_the_public_portal(client, device, district_staff):
    client.force_login(district_staff)
    assert _get(client, "/").status_code == 200
    assert signed_in(client)


# Turning it off


def test_two_factor_is_turned_off_with_a_current_code(client, device):
    sign_in(client, "distrik", code(device.key))
    _post(client, DISABLE, {"code": code(device.key, steps_ahead=1)})  # the sign-in used this step's code
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_wrong_code_does_not_turn_two_factor_off(client, device):
    sign_in(client, "distrik", code(device.key))
    response = _post(client, DISABLE, {"code": wrong_code(device.key)})
    assert "Kode verifikasi salah" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_turning_off_is_a_post(client, device):
    sign_in(client, "distrik", code(device.key))
    assert _get(client, DISABLE).status_code == 405
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


# The district's requirement


def test_the_requirement_sends_staff_without_an_authenticator_to_enrolment(client, district_staff, require_2fa):
    client.force_login(district_staff)
    for path in ("/admin/", "/admin/articles/article/", "/admin/villages/village/", "/redaksi/"):
        response = _get(client, path)
        assert (response.status_code, response["Location"]) == (302, SETUP), path


def test_under_the_requirement_signing_in_leads_staff_to_enrolment(client, district_staff, require_2fa):
    response = sign_in(client, "distrik", next="/admin/meja/")
    assert response["Location"] == SETUP
    assert signed_in(client) == str(district_staff.pk)


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
    assert sign_in(client, "editor-taan")["Location"] == "/redaksi/"
    assert _get(client, "/redaksi/taan/").status_code == 200


def test_two_factor_cannot_be_turned_off_while_the_district_requires_it(client, device, require_2fa):
    sign_in(client, "distrik", code(device.key))
    _post(client, DISABLE, {"code": code(device.key, steps_ahead=1)})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
