"""deploy/nginx/kimportal.conf in front of a real portal, on loopback.

The production file is rendered for the test (harness/nginx.py: base domain
-> localhost, ports 80/443 -> free ports, a certificate made here with
openssl, tmp directories for STATIC_ROOT and MEDIA_ROOT, Gunicorn's port for
the upstream, a Redis of the test's own as the page cache) and run by the
real nginx binary with Debian's Lua module; every request goes over real
HTTP(S) to 127.0.0.1 with the village's host in SNI and in the Host header.

The page cache's changes seen through nginx (a publish, an edit, a
take-down...) are the tests in tests/pagecache marked `through_nginx`, run
once more through nginx in front of the test's own live server.
"""

import gzip
import http.client
import json
import os
import re
import ssl
import subprocess
import sys
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis
from django.conf import settings

from harness.nginx import Nginx, RedisServer, LoopbackTLS, nginx_binary
from harness.servers import DEMO_PASSWORD, ROOT, PortalServer, free_port
from pagecache import edge

pytestmark = pytest.mark.xdist_group("nginx")

SHARED_CONF = ROOT / "deploy" / "nginx" / "kimportal-site.conf"
OWN_DOMAIN_SCRIPT = ROOT / "deploy" / "own-domain.sh"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
# Villages' own domains, each with a block of its own in nginx (as
# deploy/own-domain.sh writes them): the first is the other seeded village's,
# verified in the portal (Taan stays on its subdomain for the tests above);
# the second is Taan's, only added (not verified yet); the third is in nginx
# but in no village of the portal.
OWN = "sendiri-desa.test"


class Stack:
    """The portal under Gunicorn, its Redis, and nginx in front."""

    def __init__(self, portal, redis, nginx):
        self.portal = portal
        self.redis = redis
        self.nginx = nginx
        self.workdir = nginx.workdir
        self.https_port = nginx.https_port
        self.static_root = Path(portal.env["STATIC_ROOT"])
        self.media_root = Path(portal.env["MEDIA_ROOT"])
        self.key_prefix = portal.env["CACHE_KEY_PREFIX"]

    def tls_context(self):
        return self.nginx.tls_context()

    def upstream_of(self, marker, timeout=5):
        return self.nginx.upstream_of(marker, timeout)

    def gunicorn(self):
        return f"127.0.0.1:{self.portal.port}"

    def redis_client(self):
        return redis.Redis(port=self.redis.port)


def request(stack, host, path="/", **options):
    return stack.nginx.request(host, path, **options)


def marked(path):
    """path with a unique query string, to find the request in nginx's log."""
    marker = uuid.uuid4().hex
    return f"{path}{'&' if '?' in path else '?'}m={marker}", marker


def shared(path):
    """path as a shared link carries it (a tracking parameter the page cache
    drops), unique, to find the request in nginx's log."""
    marker = uuid.uuid4().hex
    return f"{path}{'&' if '?' in path else '?'}utm_source={marker}", marker


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    nginx_binary()
    # Two villages with photos are all the media rule needs.
    portal = PortalServer(tmp_path_factory.mktemp("portal"), seed_args=("--villages", "2", "--articles", "2"))
    cache = RedisServer(tmp_path_factory.mktemp("redis")).start()
    notify_port = free_port()
    portal.env.update(
        # As in deploy/kimportal.env.example: Django trusts X-Forwarded-Proto
        # and nginx serves the uploads.
        KIM_URL_SCHEME="https",
        KIM_SERVE_MEDIA="0",
        # PortalServer checks readiness over plain HTTP straight to Gunicorn;
        # nginx does the redirecting in production anyway.
        SECURE_SSL_REDIRECT="0",
        # nginx sends finished site exports (exports/runs.py).
        KIM_EXPORT_X_ACCEL="1",
        # The Redis nginx reads the page cache from.
        CACHE_URL=cache.url,
        # Where nginx hears of changes (deploy/kimportal.env.example).
        KIM_EDGE_NOTIFY=f"http://127.0.0.1:{notify_port}/stamps-changed",
    )
    nginx = None
    try:
        portal.start()
        # The other village's own domain, checked and verified at the desk; Taan's only added.
        own_slug, own_name = portal.manage("shell", "-c", (
            "from django.utils import timezone; from villages.models import Village; "
            "own = Village.objects.exclude(slug='taan').order_by('pk').first(); own.domain = 'sendiri-desa.test'; "
            "own.domain_verified = timezone.now(); own.save(); "
            "taan = Village.objects.get(slug='taan'); taan.domain = 'belum-desa.test'; taan.save(); "
            "print(own.slug, own.name, sep='|')"
        )).stdout.decode().strip().splitlines()[-1].split("|")
        nginx = Nginx(
            tmp_path_factory.mktemp("nginx"), upstream=f"127.0.0.1:{portal.port}",
            static_root=portal.env["STATIC_ROOT"], media_root=portal.env["MEDIA_ROOT"],
            redis=cache.address, key_prefix=portal.env["CACHE_KEY_PREFIX"],
            own_domains={OWN: own_slug, "belum-desa.test": "taan", "hantu-desa.test": "taan"},
            notify_port=notify_port,
        )
        (nginx.acme_challenges / "token-uji").write_text("token-uji.kunci")
        nginx.start()
        stack = Stack(portal, cache, nginx)
        stack.own_slug, stack.own_name = own_slug, own_name
        yield stack
    finally:
        if nginx is not None:
            nginx.stop()
        portal.stop()
        cache.stop()


def media_files(stack, slug):
    return sorted(p for p in (stack.media_root / "villages" / slug).rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def other_slug(stack):
    """A seeded village other than Taan that has photos of its own."""
    return next(
        p.name for p in sorted((stack.media_root / "villages").iterdir()) if p.name != "taan" and media_files(stack, p.name)
    )


def test_village_home_is_proxied_with_the_village_name(stack):
    status, _, body = request(stack, "taan.localhost")
    assert status == 200
    assert "Desa Taan" in body.decode()


def test_district_home_is_proxied(stack):
    status, _, body = request(stack, "localhost")
    assert status == 200
    assert "Kabupaten Mamuju" in body.decode()


def test_django_knows_the_reader_came_over_https(stack):
    # SecurityMiddleware sends HSTS only on requests it sees as secure, that
    # is when nginx passed X-Forwarded-Proto: https.
    _, headers, _ = request(stack, "taan.localhost")
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")


def test_plain_http_redirects_to_the_same_address_on_https(stack):
    status, headers, _ = request(stack, "taan.localhost", "/cari/?q=kakao", tls=False)
    assert status == 301
    assert headers["Location"] == "https://taan.localhost/cari/?q=kakao"


def test_hashed_static_file_is_served_by_nginx_for_a_year_and_more(stack):
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["js/offline.js"]
    path, marker = marked(f"/static/{hashed}")
    status, headers, body = request(stack, "taan.localhost", path)
    assert status == 200
    assert body == (stack.static_root / hashed).read_bytes()
    assert headers["Cache-Control"] == "public, max-age=315360000, immutable"
    assert stack.upstream_of(marker) == "-"


def test_unhashed_static_file_is_cached_briefly(stack):
    status, headers, _ = request(stack, "taan.localhost", "/static/js/offline.js")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=3600"


def test_static_file_goes_out_gzipped_to_a_reader_who_accepts_it(stack):
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    status, headers, body = request(stack, "taan.localhost", f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (stack.static_root / hashed).read_bytes()


def test_village_media_is_served_by_nginx_on_its_own_host(stack):
    photo = media_files(stack, "taan")[0]
    path, marker = marked(f"/media/{photo.relative_to(stack.media_root)}")
    status, headers, body = request(stack, "taan.localhost", path)
    assert status == 200
    assert body == photo.read_bytes()
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert stack.upstream_of(marker) == "-"


def test_another_villages_media_is_not_found_on_a_village_host(stack, other_slug):
    photo = media_files(stack, other_slug)[0]
    status, _, _ = request(stack, "taan.localhost", f"/media/{photo.relative_to(stack.media_root)}")
    assert status == 404


@pytest.mark.parametrize("dots", ["..", "%2e%2e", "%2E%2E"])
def test_dot_segments_cannot_reach_another_villages_media(stack, other_slug, dots):
    photo = media_files(stack, other_slug)[0]
    inside = photo.relative_to(stack.media_root / "villages" / other_slug)
    status, _, _ = request(stack, "taan.localhost", f"/media/villages/taan/{dots}/{other_slug}/{inside}")
    assert status == 404


def test_media_outside_the_village_folders_is_not_found_on_a_village_host(stack):
    notice = stack.media_root / "district" / "announcements" / uuid.uuid4().hex / "pengumuman.pdf"
    notice.parent.mkdir(parents=True)
    notice.write_bytes(b"%PDF-1.4\n")
    path = f"/media/{notice.relative_to(stack.media_root)}"
    status, headers, _ = request(stack, "localhost", path)
    assert status == 200
    # The base domain is the admin's origin: an attachment only ever downloads.
    assert headers["Content-Disposition"] == "attachment"
    assert headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert request(stack, "taan.localhost", path)[0] == 404


def test_district_host_serves_every_villages_media(stack, other_slug):
    photo = media_files(stack, other_slug)[0]
    status, _, body = request(stack, "localhost", f"/media/{photo.relative_to(stack.media_root)}")
    assert status == 200
    assert body == photo.read_bytes()


def test_unknown_host_gets_no_certificate(stack):
    with pytest.raises(ssl.SSLError, match="UNRECOGNIZED_NAME"):
        request(stack, "portal.example.com")


@pytest.mark.parametrize("host", ["portal.example.com", "a.taan.localhost", "127.0.0.1"])
def test_unknown_host_gets_no_answer_over_http(stack, host):
    with pytest.raises(http.client.RemoteDisconnected):
        request(stack, host, tls=False)


def test_unknown_host_header_behind_a_known_name_gets_no_answer(stack):
    path, marker = marked("/")
    with pytest.raises(http.client.RemoteDisconnected):
        request(stack, "taan.localhost", path, headers={"Host": "portal.example.com"})
    assert stack.upstream_of(marker) == "-"


def _body_limit_mb():
    return int(re.search(r"client_max_body_size (\d+)m;", SHARED_CONF.read_text()).group(1))


def test_body_over_the_limit_is_refused_with_413_before_django(stack):
    path, marker = marked("/admin/login/")
    conn = LoopbackTLS("localhost", stack.https_port, context=stack.tls_context(), timeout=30)
    try:
        # Only the headers: nginx answers from Content-Length alone.
        conn.putrequest("POST", path)
        conn.putheader("Content-Type", "application/octet-stream")
        conn.putheader("Content-Length", str(_body_limit_mb() * 2**20 + 1))
        conn.endheaders()
        assert conn.getresponse().status == 413
    finally:
        conn.close()
    assert stack.upstream_of(marker) == "-"


def test_the_access_log_never_holds_a_password_links_token(stack):
    token = "c9x-" + uuid.uuid4().hex
    request(stack, "localhost", f"/akun/sandi/MQ/{token}/")
    request(stack, "localhost", "/")
    log = stack.workdir / "kimportal.access.log"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and '"GET / ' not in (log.read_text() if log.exists() else ""):
        time.sleep(0.05)
    text = log.read_text()
    assert "/akun/sandi/<uidb64>/<token>/" in text
    assert token not in text


def test_a_full_size_photo_and_its_form_fit_under_the_limit(stack):
    path, marker = marked("/masuk/")
    body = b"\0" * ((settings.KIM_PHOTO_MAX_MB + 1) * 2**20)
    status, _, _ = request(
        stack, "localhost", path, method="POST", body=body, headers={"Content-Type": "application/octet-stream"}
    )
    # nginx let the body through to the portal (Django refuses it at its CSRF
    # check: 403; when Gunicorn closes before nginx has sent all of it, nginx
    # says 502, which happened once on a busy machine). Never nginx's 413.
    assert status in (403, 502)
    assert stack.upstream_of(marker) == f"127.0.0.1:{stack.portal.port}"


class _Session:
    """Cookies kept across requests through nginx, as a browser keeps them."""

    def __init__(self, stack):
        self.stack, self.cookies = stack, {}

    def send(self, path, method="GET", fields=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if fields is not None:
            body = urlencode({"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields})
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Referer": f"https://localhost{path}"})
        status, answer, content = request(self.stack, "localhost", path, method=method, headers=headers, body=body)
        for header in answer.get_all("Set-Cookie") or []:
            self.cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        return status, answer, content


def test_a_finished_export_is_sent_by_nginx_only_after_the_portal_checked_who_asks(stack):
    lead = _Session(stack)
    lead.send("/masuk/")
    status, _, _ = lead.send("/masuk/", "POST", {"username": "penerbit-taan", "password": DEMO_PASSWORD})
    assert status == 302
    assert lead.send("/redaksi/taan/ekspor/", "POST", {"format": "wxr"})[0] == 302
    stack.portal.manage("db_worker", "--batch", "--no-startup-delay")
    page = lead.send("/redaksi/taan/ekspor/")[2].decode()
    download = re.search(r'href="(/redaksi/taan/ekspor/\d+/unduh/)"', page).group(1)
    path, marker = marked(download)
    status, headers, body = lead.send(path)
    assert status == 200 and body.startswith(b'<?xml version="1.0" encoding="UTF-8" ?>') and b"<wp:wxr_version>1.2" in body
    assert headers["Content-Disposition"].startswith('attachment; filename="kim-taan-wordpress-')
    assert stack.upstream_of(marker) == f"127.0.0.1:{stack.portal.port}"  # the portal answered, nginx sent the file
    # The file itself is never reachable by its address, nor for anyone else.
    stored = next((stack.media_root.parent / "partial-uploads" / "exports").glob("*.xml")).name
    assert request(stack, "localhost", f"/_ekspor/{stored}")[0] == 404
    assert request(stack, "localhost", download)[0] == 302  # anonymous: to the sign-in page


# The edge: pages Django would answer from its page cache, answered by nginx
# from the same entries in Redis (deploy/nginx/lua/kimportal/edge.lua).

VILLAGE = "taan.localhost"
BROWSER = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"


@pytest.fixture(scope="module")
def village_paths(stack):
    """The village home, its newest article, a topic page and the feed."""
    home = request(stack, VILLAGE)[2].decode()
    article = re.search(r'href="(?:https://taan\.localhost)?(/berita/[^"/]+/)"', home).group(1)
    topic = re.search(r'href="(?:https://taan\.localhost)?(/topik/[^"/]+/)"', home).group(1)
    return {"home": "/", "article": article, "topic": topic, "feed": "/rss/"}


def from_gunicorn(stack, host, path):
    """What Django itself answers, as nginx would ask it."""
    conn = http.client.HTTPConnection("127.0.0.1", stack.portal.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize("page", ["home", "article", "topic", "feed"])
def test_a_warm_village_page_is_served_by_nginx_without_gunicorn(stack, village_paths, page):
    path = village_paths[page]
    request(stack, VILLAGE, path)
    shared_path, marker = shared(path)
    status, headers, body = request(stack, VILLAGE, shared_path)
    assert status == 200
    assert headers["X-Cache"] == "edge"
    assert stack.upstream_of(marker) == "-"
    # What Django sends from its own cache, byte for byte, but for X-Cache.
    _, django_headers, django_body = from_gunicorn(stack, VILLAGE, path)
    assert django_headers["X-Cache"] == "hit"
    assert body == django_body
    for header in ("Content-Type", "Content-Security-Policy", "Strict-Transport-Security", "X-Frame-Options",
                   "Referrer-Policy", "Cache-Control", "ETag", "Last-Modified"):
        assert headers[header] == django_headers[header], header
    assert "Save-Data" in ", ".join(headers.get_all("Vary"))


def test_the_district_portal_is_served_by_nginx_to_readers_without_a_cookie(stack):
    request(stack, "localhost")
    path, marker = shared("/")
    status, headers, body = request(stack, "localhost", path)
    assert status == 200 and headers["X-Cache"] == "edge" and "Kabupaten Mamuju" in body.decode()
    assert stack.upstream_of(marker) == "-"


def test_a_shares_marker_is_served_from_the_plain_addresses_entry(stack, village_paths):
    request(stack, VILLAGE, village_paths["article"])
    status, headers, _ = request(stack, VILLAGE, village_paths["article"] + "?s=wa")
    assert status == 200 and headers["X-Cache"] == "edge"


def test_a_compressed_page_is_served_compressed_by_nginx(stack, village_paths):
    plain = request(stack, VILLAGE, village_paths["article"])[2]
    request(stack, VILLAGE, village_paths["article"], headers={"Accept-Encoding": "gzip"})
    status, headers, body = request(stack, VILLAGE, village_paths["article"], headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["X-Cache"] == "edge" and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == plain


def test_a_lists_page_is_served_by_nginx_from_its_own_entry(stack):
    request(stack, VILLAGE, "/?page=1")
    path, marker = shared("/?page=1")
    status, headers, body = request(stack, VILLAGE, path)
    assert status == 200 and headers["X-Cache"] == "edge"
    assert stack.upstream_of(marker) == "-"
    assert body == from_gunicorn(stack, VILLAGE, "/?page=1")[2]


@pytest.mark.parametrize("query", ["page=1&page=1", "page=01", "pa%67e=1", "page=1&q=sawah"])
def test_a_page_parameter_django_would_not_store_goes_to_gunicorn(stack, query):
    request(stack, VILLAGE, "/?page=1")
    path, marker = shared(f"/?{query}")
    status, headers, _ = request(stack, VILLAGE, path)
    assert headers["X-Cache"] != "edge"
    assert stack.upstream_of(marker) == stack.gunicorn()


def test_a_path_with_an_escape_goes_to_gunicorn_which_decodes_it(stack, village_paths):
    path = village_paths["article"]
    request(stack, VILLAGE, path)
    escaped, marker = shared(path.replace("/berita/", "/%62erita/"))
    status, headers, body = request(stack, VILLAGE, escaped)
    assert status == 200 and headers["X-Cache"] != "edge"
    assert stack.upstream_of(marker) == stack.gunicorn()


@pytest.mark.parametrize("encoding, compressed", [("x-gzip", True), ("gzipped", False), ("deflate, gzip;q=0.5", True)])
def test_gzip_is_read_from_accept_encoding_as_a_word_as_django_reads_it(stack, village_paths, encoding, compressed):
    path = village_paths["article"]
    request(stack, VILLAGE, path, headers={"Accept-Encoding": encoding})
    status, headers, _ = request(stack, VILLAGE, path, headers={"Accept-Encoding": encoding})
    assert status == 200 and headers["X-Cache"] == "edge"
    assert (headers["Content-Encoding"] == "gzip") is compressed


def test_an_accept_encoding_with_other_than_ascii_goes_to_gunicorn(stack, village_paths):
    path = village_paths["article"]
    request(stack, VILLAGE, path, headers={"Accept-Encoding": "gzip"})
    shared_path, marker = shared(path)
    status, headers, _ = request(stack, VILLAGE, shared_path, headers={"Accept-Encoding": "gzip, \xe9"})
    assert status == 200 and headers["X-Cache"] != "edge"
    assert stack.upstream_of(marker) == stack.gunicorn()


def test_an_unchanged_page_answers_304_from_nginx(stack, village_paths):
    etag = request(stack, VILLAGE)[1]["ETag"]
    path, marker = shared("/")
    status, headers, body = request(stack, VILLAGE, path, headers={"If-None-Match": etag})
    assert status == 304 and headers["X-Cache"] == "edge" and body == b""
    assert headers["ETag"] == etag
    assert stack.upstream_of(marker) == "-"


def _mget_calls(stack):
    return stack.redis_client().info("commandstats").get("cmdstat_mget", {}).get("calls", 0)


def test_a_hot_page_is_served_again_without_a_round_trip_to_redis(stack, village_paths):
    path = village_paths["article"]
    request(stack, VILLAGE, path)
    assert request(stack, VILLAGE, path)[1]["X-Cache"] == "edge"
    before = _mget_calls(stack)
    for _ in range(5):
        assert request(stack, VILLAGE, path)[1]["X-Cache"] == "edge"
    # Five pages in well under the second nginx trusts the stamps it read:
    # one read of Redis at most, when the lease ran out in between.
    assert _mget_calls(stack) - before <= 1


def test_the_lease_nginx_trusts_stamps_for_is_the_one_django_waits_out():
    lua = (ROOT / "deploy" / "nginx" / "lua" / "kimportal" / "edge.lua").read_text()
    assert float(re.search(r"^_M\.lease_s = ([0-9.]+)$", lua, re.M).group(1)) == edge.LEASE_SECONDS


def test_being_told_of_a_change_takes_a_post_only(stack):
    conn = http.client.HTTPConnection("127.0.0.1", stack.nginx.notify_port, timeout=5)
    try:
        for method, expected in (("GET", 405), ("POST", 204)):
            conn.request(method, "/stamps-changed", headers={"Content-Length": "0"})
            response = conn.getresponse()
            response.read()
            assert response.status == expected, method
        conn.request("GET", "/")
        assert conn.getresponse().status == 404
    finally:
        conn.close()


def _page_keys(stack):
    return set(stack.redis_client().scan_iter(f"{stack.key_prefix}:1:kim:page:*"))


def test_a_made_up_parameter_goes_to_gunicorn_and_is_never_stored(stack):
    request(stack, VILLAGE)
    before = _page_keys(stack)
    for _ in range(2):
        path, marker = marked("/?acak=1")
        status, headers, _ = request(stack, VILLAGE, path)
        assert status == 200 and headers["X-Cache"] == "bypass"
        assert stack.upstream_of(marker) == stack.gunicorn()
    assert _page_keys(stack) == before


def _sign_in(stack, username="distrik"):
    """The session cookie of a district staff member signed in through /masuk/."""
    _, headers, _ = request(stack, "localhost", "/masuk/")
    csrf = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "username": username, "password": DEMO_PASSWORD})
    status, headers, _ = request(stack, "localhost", "/masuk/", method="POST", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}",
        "Referer": "https://localhost/masuk/",
    })
    assert status == 302, "signing in failed"
    session = re.search(r"sessionid=([^;]+)", ", ".join(headers.get_all("Set-Cookie"))).group(1)
    return f"csrftoken={csrf}; sessionid={session}"


def test_signed_in_staff_are_never_served_from_nginx(stack):
    request(stack, "localhost")
    assert request(stack, "localhost")[1]["X-Cache"] == "edge"
    cookie = _sign_in(stack)
    path, marker = shared("/")
    status, headers, _ = request(stack, "localhost", path, headers={"Cookie": cookie})
    assert status == 200 and headers["X-Cache"] is None
    assert stack.upstream_of(marker) == stack.gunicorn()


def test_the_beacon_counts_a_read_of_a_page_served_by_nginx(stack, village_paths):
    path = village_paths["article"]
    request(stack, VILLAGE, path)
    status, headers, body = request(stack, VILLAGE, path + "?s=wa")
    assert headers["X-Cache"] == "edge"
    meta = re.search(r'<meta name="kim-baca" content="([^"]+)" data-tanda="([^"]+)">', body.decode())
    assert meta.group(1) == path
    beacon = urllib.parse.urlencode({"p": path, "t": meta.group(2), "s": "wa", "r": ""})
    status, _, _ = request(stack, VILLAGE, "/_baca", method="POST", body=beacon, headers={
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": BROWSER,
    })
    assert status == 204
    counted = [stack.redis_client().hget(key, f"whatsapp {path}")
               for key in stack.redis_client().scan_iter(f"{stack.key_prefix}:1:kim:reads:*")]
    assert b"1" in counted


@pytest.fixture
def redis_stopped(stack):
    stack.redis.stop()
    # What nginx read a moment ago holds for its lease (no change can be
    # saved while Redis is down); after it, every page is Django's.
    time.sleep(edge.LEASE_SECONDS + edge.MARGIN_SECONDS)
    try:
        yield
    finally:
        stack.redis.start()


@pytest.mark.parametrize("host", [VILLAGE, "localhost"])
def test_with_redis_stopped_pages_are_built_fresh_not_errors(stack, village_paths, redis_stopped, host):
    for path in ("/", village_paths["article"]) if host == VILLAGE else ("/",):
        path, marker = shared(path)
        status, headers, body = request(stack, host, path)
        assert status == 200 and headers["X-Cache"] != "edge" and b"</html>" in body
        assert stack.upstream_of(marker) == stack.gunicorn()


def test_gunicorn_config_runs_a_worker_per_core_plus_one(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("WEB_CONCURRENCY", "GUNICORN_BIND")}
    out = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF), "--print-config", "kimportal.wsgi"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout
    config = dict(re.findall(r"^(\w+)\s*=\s*(.*)$", out, flags=re.M))
    assert int(config["workers"]) == os.cpu_count() + 1
    assert config["bind"] == "['127.0.0.1:8000']"


@pytest.mark.parametrize("name", ["kimportal.service", "kimportal-worker.service", "kimportal-tips-retention.service", "kimportal-reads.service", "kimportal-reads.timer", "kimportal-domains.service", "kimportal-domains.timer"])
def test_systemd_units_verify_clean(tmp_path, name):
    # The unit's paths, pointed at this checkout and its virtual environment.
    env_file = tmp_path / "kimportal.env"
    env_file.write_text((ROOT / "deploy" / "kimportal.env.example").read_text())
    for directory in ("media", "partial-uploads"):
        (tmp_path / directory).mkdir()
    unit = (
        (ROOT / "deploy" / name).read_text()
        .replace("/srv/kimportal/venv/bin/", str(Path(sys.executable).parent) + "/")
        .replace("/srv/kimportal/app", str(ROOT))
        .replace("/srv/kimportal/media", str(tmp_path / "media"))
        .replace("/srv/kimportal/partial-uploads", str(tmp_path / "partial-uploads"))
        .replace("/etc/kimportal/kimportal.env", str(env_file))
    )
    path = tmp_path / name
    path.write_text(unit)
    if name.endswith(".timer"):  # verified with the service it starts
        service = (ROOT / "deploy" / name.replace(".timer", ".service")).read_text()
        (tmp_path / name.replace(".timer", ".service")).write_text(
            service.replace("/srv/kimportal/venv/bin/", str(Path(sys.executable).parent) + "/")
            .replace("/srv/kimportal/app", str(ROOT)).replace("/etc/kimportal/kimportal.env", str(env_file))
        )
    result = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


# A village's own domain, end to end: nginx's block for it (deploy/nginx/own-domain.conf)
# in front of the portal, which serves it only once verified.


def test_an_own_domain_reaches_its_village_through_nginx(stack):
    status, headers, body = request(stack, OWN)
    assert status == 200
    assert stack.own_name in body.decode() and "Desa Taan" not in body.decode()
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_an_own_domains_links_name_it_over_https(stack):
    _, _, body = request(stack, OWN, "/rss/")
    text = body.decode()
    assert f"https://{OWN}/berita/" in text and f"{stack.own_slug}.localhost" not in text


def test_the_old_subdomain_answers_301_to_the_own_domain(stack):
    status, headers, _ = request(stack, f"{stack.own_slug}.localhost", "/tentang/?s=wa")
    assert status == 301
    assert headers["Location"] == f"https://{OWN}/tentang/?s=wa"


def test_plain_http_on_an_own_domain_redirects_to_https(stack):
    status, headers, _ = request(stack, OWN, "/cari/?q=kakao", tls=False)
    assert status == 301
    assert headers["Location"] == f"https://{OWN}/cari/?q=kakao"


def test_an_own_domain_not_verified_gets_400_from_the_portal(stack):
    path, marker = marked("/")
    status, _, _ = request(stack, "belum-desa.test", path)
    assert status == 400
    assert stack.upstream_of(marker) == f"127.0.0.1:{stack.portal.port}"


def test_a_domain_nginx_knows_but_no_village_has_gets_400(stack):
    assert request(stack, "hantu-desa.test")[0] == 400


def test_an_own_domain_with_no_block_of_its_own_gets_no_certificate(stack):
    with pytest.raises(ssl.SSLError, match="UNRECOGNIZED_NAME"):
        request(stack, "lain-desa.test")


def test_an_own_domain_never_serves_the_admin_or_the_newsroom(stack):
    for path in ("/admin/", "/admin/login/", "/redaksi/", "/masuk/"):
        status, headers, _ = request(stack, OWN, path)
        assert status == 404, path
        assert "Set-Cookie" not in headers, path


def test_an_old_wordpress_link_answers_301_on_the_own_domain(stack):
    stack.portal.manage("shell", "-c", (
        "from articles.models import Article; from imports.models import OldLink; "
        f"a = Article.objects.on_site().filter(village__slug={stack.own_slug!r}).first(); "
        "OldLink.objects.get_or_create(village=a.village, path='/?p=4242', defaults={'article': a})"
    ))
    status, headers, _ = request(stack, OWN, "/?p=4242")
    assert status == 301
    assert headers["Location"].startswith("/berita/")
    assert request(stack, OWN, headers["Location"])[0] == 200
    # Another village's host does not know the old address.
    assert request(stack, "taan.localhost", "/?p=4242")[0] == 200  # Taan's home, no redirect


def test_an_own_domain_serves_its_villages_media_and_no_other(stack):
    own = media_files(stack, stack.own_slug)[0]
    status, _, body = request(stack, OWN, f"/media/{own.relative_to(stack.media_root)}")
    assert status == 200 and body == own.read_bytes()
    taans = media_files(stack, "taan")[0]
    assert request(stack, OWN, f"/media/{taans.relative_to(stack.media_root)}")[0] == 404


def test_certbots_challenge_is_served_for_a_domain_before_its_block_exists(stack):
    status, _, body = request(stack, "baru-desa.test", "/.well-known/acme-challenge/token-uji", tls=False)
    assert status == 200 and body == b"token-uji.kunci"
    with pytest.raises(http.client.RemoteDisconnected):
        request(stack, "baru-desa.test", "/", tls=False)


def test_certbots_challenge_is_served_on_an_own_domain_for_renewals(stack):
    status, _, body = request(stack, OWN, "/.well-known/acme-challenge/token-uji", tls=False)
    assert status == 200 and body == b"token-uji.kunci"


def _own_domain_script(tmp_path, *args):
    env = {**os.environ, "KIM_ACME_WEBROOT": str(tmp_path / "acme"), "KIM_NGINX_DOMAINS": str(tmp_path / "domains"),
           "CERTBOT": "true", "NGINX_RELOAD": "true"}
    return subprocess.run(["sh", str(OWN_DOMAIN_SCRIPT), *args], env=env, capture_output=True, text=True)


def test_the_own_domain_script_writes_the_block_for_the_domain_and_village(tmp_path):
    result = _own_domain_script(tmp_path, "taan.desa.id", "taan")
    assert result.returncode == 0, result.stderr
    block = (tmp_path / "domains" / "taan.desa.id.conf").read_text()
    assert "server_name taan.desa.id;" in block and "set $kimportal_village taan;" in block
    assert "/etc/letsencrypt/live/taan.desa.id/fullchain.pem" in block
    assert "village" + ".example.id" not in block and "village-slug" not in block


@pytest.mark.parametrize("domain, slug", [
    ("taan.desa.id;include /etc/passwd", "taan"), ("TAAN.desa.id", "taan"), ("taan.desa.id", "taan;x"),
    ("../taan", "taan"), ("taan", "taan"),
])
def test_the_own_domain_script_refuses_a_name_that_is_not_one(tmp_path, domain, slug):
    result = _own_domain_script(tmp_path, domain, slug)
    assert result.returncode == 2
    assert not (tmp_path / "domains").exists() or not list((tmp_path / "domains").iterdir())


def test_the_own_domain_script_takes_back_a_block_nginx_refuses(tmp_path):
    env_reload = {"NGINX_RELOAD": "false"}
    result = subprocess.run(
        ["sh", str(OWN_DOMAIN_SCRIPT), "taan.desa.id", "taan"],
        env={**os.environ, "KIM_ACME_WEBROOT": str(tmp_path / "acme"), "KIM_NGINX_DOMAINS": str(tmp_path / "domains"),
             "CERTBOT": "true", **env_reload},
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert not (tmp_path / "domains" / "taan.desa.id.conf").exists()
