"""The edge in front of a Redis with a password (CACHE_URL
redis://:password@...): nginx signs in as Django does, from the file
docs/operations.md says to write, and serves warm pages; with a wrong
password it never fails a reader, Django answers instead."""

import uuid

import pytest

from harness.nginx import Nginx, RedisServer, nginx_binary
from harness.servers import PortalServer

VILLAGE = "taan.localhost"
PASSWORD = "sandi-redis-" + uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def portal_with_locked_redis(tmp_path_factory):
    nginx_binary()
    cache = RedisServer(tmp_path_factory.mktemp("redis"), password=PASSWORD).start()
    portal = PortalServer(tmp_path_factory.mktemp("portal"), seed_args=("--villages", "1", "--articles", "1"))
    portal.env.update(KIM_URL_SCHEME="https", SECURE_SSL_REDIRECT="0", CACHE_URL=cache.url)
    try:
        portal.start()
        yield portal, cache
    finally:
        portal.stop()
        cache.stop()


def _nginx(tmp_path, portal, cache, password):
    return Nginx(
        tmp_path / "nginx", upstream=f"127.0.0.1:{portal.port}", static_root=portal.env["STATIC_ROOT"],
        media_root=portal.env["MEDIA_ROOT"], redis=cache.address, key_prefix=portal.env["CACHE_KEY_PREFIX"],
        redis_password=password,
    )


def _shared(path):
    marker = uuid.uuid4().hex
    return f"{path}?utm_source={marker}", marker


def test_with_the_password_nginx_serves_warm_pages_from_redis(portal_with_locked_redis, tmp_path):
    portal, cache = portal_with_locked_redis
    nginx = _nginx(tmp_path, portal, cache, PASSWORD)
    nginx.start()
    try:
        nginx.request(VILLAGE)
        path, marker = _shared("/")
        status, headers, body = nginx.request(VILLAGE, path)
        assert status == 200 and headers["X-Cache"] == "edge" and "Desa Taan" in body.decode()
        assert nginx.upstream_of(marker) == "-"
    finally:
        nginx.stop()


def test_with_a_wrong_password_django_answers_and_no_reader_sees_an_error(portal_with_locked_redis, tmp_path):
    portal, cache = portal_with_locked_redis
    nginx = _nginx(tmp_path, portal, cache, "bukan-sandinya")
    nginx.start()
    try:
        nginx.request(VILLAGE)  # in Django's cache now, as a warm page is
        for _ in range(2):
            path, marker = _shared("/")
            status, headers, body = nginx.request(VILLAGE, path)
            assert status == 200 and headers["X-Cache"] == "hit" and "Desa Taan" in body.decode()
            assert nginx.upstream_of(marker) == f"127.0.0.1:{portal.port}"
    finally:
        nginx.stop()
