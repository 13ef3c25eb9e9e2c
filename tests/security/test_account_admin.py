"""Finding 1: district staff could tick is_superuser on their own account,
and set anyone's password, the superuser's included. Granting staff roles
is the superuser's alone; district staff manage village members' accounts."""

import pytest

from tests.conftest import host
from tests.factories import UserFactory

ADMIN = host()


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def _change(user, **fields):
    data = {"username": user.username, "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
            "whatsapp": "", "is_active": "on", "date_joined_0": "01/01/2026", "date_joined_1": "00:00:00",
            "email_notifications": "on", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000"}
    data.update(fields)
    return data


def test_district_staff_cannot_make_themselves_superuser(client, district_staff):
    client.force_login(district_staff)
    client.post(f"/admin/villages/user/{district_staff.pk}/change/",
                _change(district_staff, is_superuser="on", is_staff="on", is_district_staff="on"), HTTP_HOST=ADMIN)
    district_staff.refresh_from_db()
    assert not district_staff.is_superuser
    assert not district_staff.user_permissions.exists() and not district_staff.groups.exists()


def test_district_staff_cannot_open_or_reset_a_superusers_account(client, district_staff, superuser):
    client.force_login(district_staff)
    assert client.get(f"/admin/villages/user/{superuser.pk}/change/", HTTP_HOST=ADMIN).status_code in (302, 403, 404)
    response = client.post(f"/admin/villages/user/{superuser.pk}/password/",
                           {"password1": "Ambil-alih-akun-99", "password2": "Ambil-alih-akun-99", "usable_password": "true"}, HTTP_HOST=ADMIN)
    assert response.status_code in (302, 403, 404)
    superuser.refresh_from_db()
    assert not superuser.check_password("Ambil-alih-akun-99")


def test_district_staff_cannot_change_another_district_staff_account(client, district_staff):
    colleague = UserFactory(username="distrik2", is_district_staff=True)
    client.force_login(district_staff)
    client.post(f"/admin/villages/user/{colleague.pk}/password/",
                {"password1": "Ambil-alih-akun-99", "password2": "Ambil-alih-akun-99", "usable_password": "true"}, HTTP_HOST=ADMIN)
    colleague.refresh_from_db()
    assert not colleague.check_password("Ambil-alih-akun-99")


def test_district_staff_cannot_make_a_village_member_district_staff(client, district_staff, taan_editor):
    client.force_login(district_staff)
    client.post(f"/admin/villages/user/{taan_editor.pk}/change/",
                _change(taan_editor, is_district_staff="on", is_superuser="on", is_staff="on"), HTTP_HOST=ADMIN)
    taan_editor.refresh_from_db()
    assert not (taan_editor.is_district_staff or taan_editor.is_superuser or taan_editor.is_staff)


def test_district_staff_still_help_a_village_member_with_their_account(client, district_staff, taan_editor):
    client.force_login(district_staff)
    response = client.post(f"/admin/villages/user/{taan_editor.pk}/change/", _change(taan_editor, first_name="Sari"), HTTP_HOST=ADMIN)
    assert response.status_code == 302
    taan_editor.refresh_from_db()
    assert taan_editor.first_name == "Sari"


def test_the_superuser_grants_district_staff_roles(client, superuser, taan_editor):
    client.force_login(superuser)
    client.post(f"/admin/villages/user/{taan_editor.pk}/change/", _change(taan_editor, is_district_staff="on"), HTTP_HOST=ADMIN)
    taan_editor.refresh_from_db()
    assert taan_editor.is_district_staff


def test_district_staff_cannot_remove_anyones_two_factor_device(client, district_staff, superuser):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=superuser, name="ponsel", confirmed=True)
    client.force_login(district_staff)
    client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}, HTTP_HOST=ADMIN)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
