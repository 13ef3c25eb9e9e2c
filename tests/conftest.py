import uuid

import pytest

from tests.factories import (
    ArticleFactory,
    MembershipFactory,
    UserFactory,
    VillageFactory,
)
from villages.models import Membership

BASE = "localhost"


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Each test its own cache namespace: pages cached in one test's
    database never answer another's, even on a Redis shared by xdist workers."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}"}}


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploads (and photos on their way up) land in a per-test directory;
    static files need no manifest; passwords hash fast (test_passwords.py
    checks the real hasher)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KIM_PARTIAL_UPLOADS_DIR = tmp_path / "partial-uploads"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def host(slug=""):
    return f"{slug}.{BASE}" if slug else BASE


@pytest.fixture
def taan(db):
    return VillageFactory(slug="taan", name="Desa Taan", kim_name="KIM Taan Bersatu")


@pytest.fixture
def bela(db):
    return VillageFactory(slug="bela", name="Desa Bela", kim_name="KIM Bela Maju")


def _member(village, role, username):
    user = UserFactory(username=username)
    MembershipFactory(user=user, village=village, role=role)
    user.refresh_from_db()
    return user


@pytest.fixture
def taan_editor(taan):
    return _member(taan, Membership.Role.EDITOR, "editor-taan")


@pytest.fixture
def taan_publisher(taan):
    return _member(taan, Membership.Role.PUBLISHER, "penerbit-taan")


@pytest.fixture
def bela_editor(bela):
    return _member(bela, Membership.Role.EDITOR, "editor-bela")


@pytest.fixture
def bela_publisher(bela):
    return _member(bela, Membership.Role.PUBLISHER, "penerbit-bela")


@pytest.fixture
def district_staff(db):
    return UserFactory(username="distrik", is_district_staff=True)


@pytest.fixture
def taan_article(taan):
    return ArticleFactory(village=taan, title="Panen kakao di Taan", slug="panen-kakao")


@pytest.fixture
def bela_article(bela):
    return ArticleFactory(village=bela, title="Rahasia dapur Bela", slug="rahasia-bela")
