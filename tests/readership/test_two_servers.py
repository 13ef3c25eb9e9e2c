"""Two application servers (two Gunicorns, one database, one Redis) count
into one total: reads sent through either, then one flush, give exactly the
number sent; the bots among them are counted apart; a second flush adds
nothing. Over real HTTP, read back through the desk's CSV."""

import csv
import io
import os
import re
import subprocess
import sys
import time

import pytest
import redis

from harness.servers import ROOT, Browser, PortalServer, free_port
from tests.readership.conftest import PHONE

pytestmark = pytest.mark.xdist_group("two-instances")

BEACON = re.compile(rb'name="kim-baca" content="([^"]*)" data-tanda="([^"]*)"')
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(scope="module")
def redis_url():
    """The suite's Redis when it runs with one, else one of this module's own."""
    if os.environ.get("CACHE_URL", "").startswith("redis://"):
        yield os.environ["CACHE_URL"]
        return
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
                              stdout=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                redis.Redis(port=port).ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait()


@pytest.fixture(scope="module")
def servers(tmp_path_factory, redis_url):
    server = PortalServer(tmp_path_factory.mktemp("reads"), seed_args=("--villages", "2", "--articles", "3"))
    server.env["CACHE_URL"] = redis_url
    server.start()
    second = server.another_instance()
    yield server, second
    server.stop()


def _flush(server):
    return subprocess.run([sys.executable, "manage.py", "flush_reads", "-v", "2"], cwd=ROOT, env=server.env,
                          check=True, capture_output=True, text=True).stdout.strip()


def _beacon(port, path, token, user_agent):
    body = f"p={path}&t={token}&r=&s=wa"
    response, _ = Browser().request(port, "POST", "/_baca", site="taan", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": user_agent,
    })
    return response.status


def test_reads_through_two_servers_add_up_to_one_total(servers):
    server, second = servers
    ports = (server.port, second)
    _, home = Browser().request(server.port, "GET", "/", site="taan")
    article = re.search(rb'href="[^"]*?(/berita/[^"]+/)"', home).group(1).decode()
    _, page = Browser().request(second, "GET", article, site="taan")
    pages = [BEACON.search(home).groups(), BEACON.search(page).groups()]
    for n in range(20):
        path, token = pages[n % 2]
        assert _beacon(ports[n % 2 if n < 10 else (n + 1) % 2], path.decode(), token.decode(), PHONE) == 204
    for n in range(3):
        assert _beacon(ports[n % 2], *[x.decode() for x in pages[0]], GOOGLEBOT) == 204

    assert _flush(server) == "20 bacaan dan 3 bot disimpan."
    assert _flush(server) == "0 bacaan dan 0 bot disimpan."

    staff = Browser()
    assert staff.sign_in(second, "distrik").status == 302
    _, body = staff.request(second, "GET", "/admin/meja/pembaca.csv")
    rows = {row["subdomain"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    assert (rows["taan"]["dibaca"], rows["taan"]["dari_whatsapp"], rows["taan"]["bot_diabaikan"]) == ("20", "20", "3")
