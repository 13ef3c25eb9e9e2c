import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from tests.factories import KecamatanFactory, MembershipFactory, UserFactory
from villages import roles
from villages.models import Village

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("slug", ["taan", "beru-beru", "desa2", "a"])
def test_good_subdomains_are_accepted(db, slug):
    Village(name="Desa", kim_name="KIM", slug=slug, kecamatan=KecamatanFactory()).full_clean()


@pytest.mark.parametrize(
    "slug", ["Taan", "desa_taan", "-taan", "taan-", "taan.bela", "www", "admin", "static", "media", "api", "mail", "a" * 64, ""]
)
def test_bad_or_reserved_subdomains_are_refused(db, slug):
    with pytest.raises(ValidationError) as error:
        Village(name="Desa", kim_name="KIM", slug=slug, kecamatan=KecamatanFactory()).full_clean()
    assert "slug" in error.value.message_dict


def test_a_membership_opens_the_newsroom_not_the_admin(taan):
    user = UserFactory(is_staff=False)
    MembershipFactory(user=user, village=taan)
    user.refresh_from_db()
    assert not user.is_staff
    assert roles.is_newsroom_user(user) and not roles.may(user, roles.Action.USE_ADMIN)


def test_whatsapp_numbers_become_wa_me_links(taan):
    taan.whatsapp = "0812345678"
    assert taan.whatsapp_link == "https://wa.me/62812345678"


def _settings_import(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, "-c", "import kimportal.settings"],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True,
    )


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    result = _settings_import(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_settings_have_a_development_key_only_in_debug():
    assert _settings_import(DEBUG="1").returncode == 0


def test_settings_refuse_a_misspelt_boolean():
    result = _settings_import(DEBUG="maybe", SECRET_KEY="x")
    assert "DEBUG must be true or false" in result.stderr
