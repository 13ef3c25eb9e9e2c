from django.conf import settings as project_settings
from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings


def test_passwords_are_hashed_with_argon2():
    # The project's own setting, not the fast one the other tests use.
    from kimportal import settings as configured

    with override_settings(PASSWORD_HASHERS=configured.PASSWORD_HASHERS):
        hashed = make_password("kata-sandi-yang-kuat-123")
        assert hashed.startswith("argon2$")
        assert check_password("kata-sandi-yang-kuat-123", hashed)
    assert project_settings.AUTH_PASSWORD_VALIDATORS
