"""Whatever arrives – odd query strings, paths, hosts, bytes – the answer is
a page or a 4xx, never a 500, and nothing saved changes."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.conftest import host

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PATHS = ["/", "/cari/", "/arsip/", "/topik/x/", "/berita/x/", "/rss/", "/sitemap.xml", "/tentang/", "/desa/"]
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)


def _ok(response):
    assert response.status_code < 500, response.status_code


@FUZZ
@given(path=st.sampled_from(PATHS), name=st.sampled_from(["page", "q", "topik", "x"]), value=text)
def test_any_query_string_is_answered_without_a_server_error(client, taan_article, path, name, value):
    for h in (host("taan"), host()):
        _ok(client.get(path, {name: value}, HTTP_HOST=h))


@FUZZ
@given(segment=text)
def test_any_path_is_answered_without_a_server_error(client, taan_article, segment):
    for prefix in ("/berita/", "/topik/", "/arsip/2026/", "/media/villages/taan/", "/"):
        _ok(client.get(prefix + quote(segment, safe="/"), HTTP_HOST=host("taan")))


@FUZZ
@given(value=st.text(max_size=100))
def test_any_host_header_is_answered_without_a_server_error(client, taan_article, value):
    _ok(client.get("/", HTTP_HOST=value))


@pytest.mark.parametrize("raw", [b"page=%ff%fe", b"q=%c3%28", b"q=\xff\xfe", b"page=" + b"9" * 5000])
def test_non_utf8_and_huge_query_strings(client, taan_article, raw):
    for h in (host("taan"), host()):
        _ok(client.generic("GET", "/cari/?" + raw.decode("latin-1"), HTTP_HOST=h))
        _ok(client.generic("GET", "/?" + raw.decode("latin-1"), HTTP_HOST=h))


def test_a_very_long_slug_is_a_404(client, taan_article):
    assert client.get("/berita/" + "a" * 5000 + "/", HTTP_HOST=host("taan")).status_code == 404


def test_broken_multipart_and_huge_bodies_leave_data_untouched(client, taan_publisher, taan_article):
    client.force_login(taan_publisher)
    client.raise_request_exception = False
    broken = client.generic(
        "POST", f"/redaksi/taan/berita/{taan_article.pk}/",
        b"--xx\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nDIBAJAK",  # no closing boundary
        content_type="multipart/form-data; boundary=xx", HTTP_HOST=host(),
    )
    _ok(broken)
    huge = client.post("/redaksi/taan/tulis/", {"title": "x", "body": "a" * (6 * 1024 * 1024)}, HTTP_HOST=host())
    assert huge.status_code == 400
    taan_article.refresh_from_db()
    assert taan_article.title == "Panen kakao di Taan"
    assert Article.objects.count() == 1
