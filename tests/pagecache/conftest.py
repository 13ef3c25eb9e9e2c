"""The page cache's tests, and the ones marked `through_nginx` once more
through the real nginx in front (deploy/nginx/kimportal.conf), whose edge
serves pages from Redis without Django (deploy/nginx/lua/kimportal/edge.lua).

In the nginx run `client` reads over HTTPS through nginx, in front of the
test's own live server and a Redis both share; the test changes things as
before (the ORM, or the test client for signing in and posting), so "the
next reader after a change sees it" is proved of nginx too. A cached answer
says `client.cache_hit`: "hit" from Django, "edge" from nginx.
"""

import time
from http.cookies import SimpleCookie

import pytest
import redis
from django.test import Client

from harness.nginx import Nginx, RedisServer
from pagecache import edge

KEY_PREFIX = "edge-tests"


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("through_nginx"):
        metafunc.parametrize(
            "client",
            ["django", pytest.param("nginx", marks=pytest.mark.django_db(transaction=True))],
            indirect=True,
        )


class PageClient(Client):
    cache_hit = "hit"


@pytest.fixture
def client(request):
    if getattr(request, "param", "django") == "django":
        return PageClient()
    return request.getfixturevalue("through_nginx")


@pytest.fixture(scope="session")
def edge_stack(tmp_path_factory, live_server):
    host, port = live_server.thread.host, live_server.thread.port
    cache = RedisServer(tmp_path_factory.mktemp("edge-redis")).start()
    nginx = None
    try:
        files = tmp_path_factory.mktemp("edge-files")
        for folder in ("static", "media"):
            (files / folder).mkdir()
        nginx = Nginx(
            tmp_path_factory.mktemp("edge-nginx"),
            upstream=f"{'127.0.0.1' if host == 'localhost' else host}:{port}",
            static_root=files / "static", media_root=files / "media", redis=cache.address, key_prefix=KEY_PREFIX,
            # Two workers, as on a 2-core server: the word of a change reaches
            # one of them, and the next reader may be served by the other.
            workers=2,
        ).start()
        yield nginx, cache
    finally:
        if nginx is not None:
            nginx.stop()
        cache.stop()


@pytest.fixture
def through_nginx(edge_stack, settings):
    nginx, cache = edge_stack
    redis.Redis(port=cache.port).flushdb()
    # The live server runs in this process: it, the test and nginx share one Redis.
    settings.CACHES = {
        "default": {"BACKEND": "kimportal.cache.RedisCache", "LOCATION": cache.url, "KEY_PREFIX": KEY_PREFIX}
    }
    # nginx says X-Forwarded-Proto: https, as in production (KIM_URL_SCHEME=https).
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Every change is told to nginx, as in production (KIM_EDGE_NOTIFY)...
    settings.KIM_EDGE_NOTIFY = [nginx.notify_url]
    # ...and so is this test's fresh start: the database and Redis are new,
    # while nginx still holds the last test's stamps and pages, which a
    # running portal never sees replaced without a change.
    edge.stamps_changed(time.monotonic())
    return ThroughNginx(nginx)


class ThroughNginx:
    """The test client's reading side over HTTPS through nginx. Signing in
    and posting go through Django's test client as before; its cookies (the
    district portal's session) go along to the base domain, as a browser's
    would, and never to a village host."""

    cache_hit = "edge"

    def __init__(self, nginx):
        self.nginx = nginx
        self.django = Client()

    def get(self, path, HTTP_HOST, **extra):
        headers = {name[5:].replace("_", "-").title(): value for name, value in extra.items() if name.startswith("HTTP_")}
        if "." not in HTTP_HOST and self.django.cookies:
            headers["Cookie"] = "; ".join(f"{name}={morsel.value}" for name, morsel in self.django.cookies.items())
        return Answer(*self.nginx.request(HTTP_HOST, path, headers=headers))

    def force_login(self, user):
        self.django.force_login(user)

    def logout(self):
        self.django.logout()

    def post(self, *args, **kwargs):
        return self.django.post(*args, **kwargs)


class Answer:
    """What the tests read of a response: status, body, headers (a header
    sent twice, as nginx's gzip_vary adds a Vary of its own, is read as
    one list), cookies."""

    def __init__(self, status, headers, body):
        self.status_code = status
        self.headers = headers
        self.content = body
        self.cookies = SimpleCookie()
        for header in headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)

    def __getitem__(self, name):
        values = self.headers.get_all(name)
        if not values:
            raise KeyError(name)
        return ", ".join(values)

    def __contains__(self, name):
        return name in self.headers

    def get(self, name, default=None):
        return self[name] if name in self else default
