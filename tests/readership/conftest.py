"""Reading as a browser does: fetch a page, then send the beacon its script
would send (static/js/offline.js), with what it reads off
the page."""

import re
import subprocess
import time

import pytest
import redis

from harness.servers import free_port
from readership.counter import flush
from readership.models import DailyPageReads, DailyReads
from tests.conftest import host

PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
BEACON = re.compile(r'<meta name="kim-baca" content="([^"]*)" data-tanda="([^"]*)">')


def beacon_of(response):
    """(path, token) the page's counting script carries, or None."""
    found = BEACON.search(response.content.decode())
    return found.groups() if found else None


def send_beacon(client, site, path, token, referrer="", marker="", user_agent=PHONE):
    return client.post(
        "/_baca", {"p": path, "t": token, "r": referrer, "s": marker},
        HTTP_HOST=host(site), HTTP_USER_AGENT=user_agent,
    )


def read(client, path, site="taan", referrer="", user_agent=PHONE):
    """Opens the page and sends its beacon; the page's response."""
    query = path.partition("?")[2]
    marker = dict(p.split("=") for p in query.split("&") if "=" in p).get("s", "")
    page = client.get(path, HTTP_HOST=host(site), HTTP_USER_AGENT=user_agent)
    assert page.status_code == 200, path
    counted_path, token = beacon_of(page)
    answer = send_beacon(client, site, counted_path, token, referrer, marker, user_agent)
    assert answer.status_code == 204, answer.content
    return page


def reads_of(village):
    """{path: reads} and the day row, after a flush."""
    flush()
    pages = dict(DailyPageReads.objects.filter(village=village).values_list("path", "reads"))
    return pages, DailyReads.objects.filter(village=village).first()


@pytest.fixture
def own_redis(settings):
    """A real Redis of the test's own, as the cache."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    try:
        for _ in range(50):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        settings.CACHES = {"default": {"BACKEND": "kimportal.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0",
                                       "KEY_PREFIX": "uji"}}
        yield client
    finally:
        server.terminate()
        server.wait()
