"""An export must not make the server fetch its own network: every address
a host resolves to is checked, on the first request and on each redirect.

The tests' own server runs on loopback, which the guard refuses; the
setting KIM_IMPORT_FETCH_UNGUARDED lets exactly its address and port
through (never anything else), so a redirect from it to any other loopback
or private address is still refused."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Photo
from imports.fetch import FetchError, fetch
from tests.imports.conftest import image_bytes, import_feed

PHOTO = image_bytes()
LIMIT = 2 * 1024 * 1024


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/foto.jpg",
    "http://10.0.0.1/foto.jpg",
    "http://169.254.169.254/latest/meta-data/",
    "http://localhost/foto.jpg",
    "http://[::1]/foto.jpg",
    "http://[::ffff:127.0.0.1]/foto.jpg",
    "http://2130706433/foto.jpg",  # 127.0.0.1 written as one number
    "http://0.0.0.0/foto.jpg",
    "http://192.168.1.1/foto.jpg",
    "http://100.64.0.1/foto.jpg",  # shared address space (carrier NAT)
])
def test_loopback_private_and_link_local_addresses_are_refused(url):
    with pytest.raises(FetchError, match="jaringan lokal"):
        fetch(url, LIMIT)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://desalama.example/foto.jpg", "gopher://127.0.0.1:6379/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="hanya alamat http"):
        fetch(url, LIMIT)


def test_an_address_with_a_password_is_refused():
    with pytest.raises(FetchError, match="kata sandi"):
        fetch("http://admin:rahasia@desalama.example/foto.jpg", LIMIT)


class OldSite(BaseHTTPRequestHandler):
    """A pretend old site on loopback: a photo, redirects, a huge file."""

    def do_GET(self):
        port = self.server.server_port
        routes = {
            "/foto.jpg": (200, {"Content-Type": "image/jpeg"}, PHOTO),
            "/pindah": (302, {"Location": "/foto.jpg"}, b""),
            "/ke-localhost": (302, {"Location": f"http://localhost:{port + 1}/foto.jpg"}, b""),
            "/ke-loopback-lain": (302, {"Location": f"http://127.0.0.2:{port}/foto.jpg"}, b""),
            "/ke-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
            "/besar": (200, {"Content-Length": str(100 * 1024 * 1024)}, b""),
            "/hilang.jpg": (404, {}, b"tidak ada"),
        }
        if self.path.startswith("/putar/"):
            n = int(self.path.rsplit("/", 1)[1])
            status, headers, body = 302, {"Location": f"/putar/{n + 1}"}, b""
        elif self.path == "/besar-tanpa-panjang":
            self.send_response(200)
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x" * 65536)
            return
        else:
            status, headers, body = routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if "Content-Length" not in headers or status != 200 or body:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def old_site(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), OldSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.KIM_IMPORT_FETCH_UNGUARDED = (f"127.0.0.1:{server.server_port}",)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_tests_own_server_is_reached_and_a_redirect_within_it_followed(old_site):
    assert fetch(f"{old_site}/pindah", LIMIT) == PHOTO


def test_the_unguarded_address_is_refused_without_the_setting(old_site, settings):
    settings.KIM_IMPORT_FETCH_UNGUARDED = ()
    with pytest.raises(FetchError, match="jaringan lokal"):
        fetch(f"{old_site}/foto.jpg", LIMIT)


@pytest.mark.parametrize("path", ["/ke-localhost", "/ke-loopback-lain", "/ke-metadata"])
def test_a_redirect_to_loopback_or_link_local_is_refused(old_site, path):
    with pytest.raises(FetchError, match="jaringan lokal"):
        fetch(f"{old_site}{path}", LIMIT)


def test_more_than_three_redirects_are_refused(old_site):
    with pytest.raises(FetchError, match="terlalu banyak pengalihan"):
        fetch(f"{old_site}/putar/1", LIMIT)


@pytest.mark.parametrize("path", ["/besar", "/besar-tanpa-panjang"])
def test_a_body_over_the_limit_is_refused(old_site, path):
    with pytest.raises(FetchError, match="lebih besar dari 2 MB"):
        fetch(f"{old_site}{path}", LIMIT)


def test_an_import_fetches_images_through_the_guard_and_reports_the_refused(old_site, taan, tmp_path):
    feed = (tmp_path / "umpan.xml")
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Lama</title><link>https://lama.example/</link>
<item><title>Foto dari situs lama</title><link>https://lama.example/a.html</link><guid>a</guid>
<enclosure url="{old_site}/foto.jpg" type="image/jpeg" length="1"/>
<description>&lt;p&gt;Isi.&lt;/p&gt;&lt;img src="{old_site}/ke-metadata" alt="x"&gt;&lt;img src="{old_site}/hilang.jpg" alt="y"&gt;</description></item>
</channel></rss>""")
    from imports import sources
    from imports.importer import Options, import_export

    report = import_export(sources.read(feed.read_bytes()), Options(village=taan))
    article = Article.objects.get(village=taan)
    assert article.photo is not None and Photo.objects.count() == 1
    assert {url.rsplit("/", 1)[1]: why for _, url, why in report.missing} == {
        "ke-metadata": "alamat 169.254.169.254 ada di jaringan lokal atau khusus: tidak diambil",
        "hilang.jpg": "server menjawab 404",
    }


def test_import_feed_fetches_the_feed_through_the_guard(taan):
    with pytest.raises(CommandError, match="jaringan lokal"):
        call_command("import_feed", "http://10.0.0.1/feed/", village="taan")


def test_a_feed_image_on_loopback_is_reported_not_fetched(taan):
    report = import_feed(taan, "atom.xml")
    assert [url for _, url, _ in report.missing] == ["http://127.0.0.1/foto-jaring.jpg"]
    assert report.created == 2
