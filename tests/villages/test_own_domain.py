"""A village's own domain (taan.desa.id): served only once verified, the
village's one canonical host then, and no door to another village, the
admin, the newsroom or the cache."""

import pytest
from django.core import checks
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pagecache.stamps import scoped_key, stamp_key
from tests.conftest import host
from tests.factories import ArticleFactory
from villages import hosts
from villages.checks import check_hosts_are_checked

OWN = "taan.desa.id"


def _verify(village, name=OWN):
    village.domain, village.domain_verified = name, timezone.now()
    village.save()
    return village


@pytest.fixture
def taan_own(taan):
    return _verify(taan)


def _get(client, path="/", http_host=OWN, **headers):
    return client.get(path, HTTP_HOST=http_host, **headers)


def test_a_verified_own_domain_serves_its_village(client, taan_own, taan_article):
    response = _get(client)
    assert response.status_code == 200
    assert response.wsgi_request.village == taan_own
    assert "Panen kakao di Taan" in response.content.decode()


def test_an_own_domain_never_shows_another_villages_article(client, taan_own, bela_article):
    assert _get(client, bela_article.get_absolute_url()).status_code == 404
    assert "Rahasia dapur Bela" not in _get(client).content.decode()


def test_an_own_domain_serves_no_other_village_media(client, taan_own, bela, settings):
    bela_file = settings.MEDIA_ROOT / "villages" / "bela" / "photos" / "foto.jpg"
    bela_file.parent.mkdir(parents=True)
    bela_file.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert _get(client, "/media/villages/bela/photos/foto.jpg").status_code == 404
    assert _get(client, "/media/villages/taan/../bela/photos/foto.jpg").status_code == 404


def test_an_unverified_domain_is_refused_with_400(client, taan, taan_article):
    taan.domain = OWN
    taan.save()
    assert _get(client).status_code == 400


def test_an_unknown_domain_is_refused_with_400(client, taan_own):
    assert _get(client, http_host="bela.desa.id").status_code == 400


@pytest.mark.parametrize("trick", [
    "TAAN.DESA.ID", "taan.desa.id.", "Taan.Desa.Id.:443", "taan.desa.id:8000",
])
def test_case_port_and_one_trailing_dot_still_name_the_domain(client, taan_own, trick):
    response = _get(client, http_host=trick)
    assert response.status_code == 200
    assert response.wsgi_request.village == taan_own


@pytest.mark.parametrize("trick", [
    "taan.desa.id..", "x.taan.desa.id", "taan.desa.id.evil.example", "evil.example#taan.desa.id",
    "evil@taan.desa.id", "taan.desa.id:80:80", "tààn.desa.id", "taan.desa.id\x00", ".taan.desa.id",
])
def test_host_tricks_around_an_own_domain_are_refused(client, taan_own, trick):
    assert _get(client, http_host=trick).status_code == 400


def test_an_international_domain_is_served_by_its_ascii_name(client, taan):
    name = "tààn.desa.id".encode("idna").decode()
    _verify(taan, name)
    assert _get(client, http_host=name).status_code == 200
    assert _get(client, http_host=name.upper()).status_code == 200


def test_x_forwarded_host_cannot_pick_a_village(client, taan_own):
    response = _get(client, http_host="evil.example", HTTP_X_FORWARDED_HOST=OWN)
    assert response.status_code == 400


def test_an_own_domain_never_serves_the_admin_or_the_newsroom(client, taan_own, district_staff):
    client.force_login(district_staff)
    for path in ("/admin/", "/admin/login/", "/redaksi/", "/redaksi/taan/", "/masuk/", "/admin/meja/domain/"):
        assert _get(client, path).status_code == 404, path


def test_an_own_domain_sets_no_cookie(client, taan_own, taan_article):
    for path in ("/", taan_article.get_absolute_url(), "/kirim-kabar/"):
        response = _get(client, path)
        assert not response.cookies, path
        assert "Cookie" not in response.get("Vary", "")


def test_the_subdomain_answers_301_to_the_same_address_on_the_own_domain(client, taan_own):
    response = client.get("/berita/panen-kakao/?page=2", HTTP_HOST=host("taan"))
    assert response.status_code == 301
    assert response["Location"] == f"http://{OWN}/berita/panen-kakao/?page=2"
    assert "max-age=3600" in response["Cache-Control"]


def test_the_subdomain_is_served_while_the_domain_is_not_verified(client, taan, taan_article):
    taan.domain = OWN
    taan.save()
    assert client.get("/", HTTP_HOST=host("taan")).status_code == 200


def test_links_name_the_own_domain_once_verified(client, taan_own, taan_article):
    page = _get(client, taan_article.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://{OWN}/berita/panen-kakao/">' in page
    assert "taan.localhost" not in page


@pytest.mark.parametrize("path", ["/rss/", "/atom/", "/sitemap.xml"])
def test_feeds_and_sitemap_link_to_the_own_domain(client, taan_own, taan_article, path):
    body = _get(client, path).content.decode()
    assert f"http://{OWN}/berita/panen-kakao/" in body
    assert "taan.localhost" not in body


def test_the_district_feed_links_to_the_own_domain(client, taan_own, taan_article):
    body = client.get("/rss/", HTTP_HOST=host()).content.decode()
    assert f"http://{OWN}/berita/panen-kakao/" in body


def test_removing_the_domain_stops_it_at_the_next_request(client, taan_own, taan_article):
    assert _get(client).status_code == 200
    taan_own.domain = None
    taan_own.save()
    assert _get(client).status_code == 400
    assert client.get("/", HTTP_HOST=host("taan")).status_code == 200


def test_a_domain_moved_to_another_village_serves_that_village_at_once(client, taan_own, bela, bela_article):
    assert _get(client).status_code == 200
    taan_own.domain = None
    taan_own.save()
    _verify(bela)
    response = _get(client, bela_article.get_absolute_url())
    assert response.status_code == 200 and response.wsgi_request.village == bela


def test_the_host_lookup_comes_from_the_cache_afterwards(client, taan_own):
    _get(client, "/tentang/")
    with CaptureQueriesContext(connection) as queries:
        _get(client, "/arsip/")
    assert not [q for q in queries.captured_queries if 'FROM "villages_village"' in q["sql"]]


def test_made_up_hosts_leave_nothing_in_the_cache(client, taan_own):
    _get(client)  # the domains stamp exists now
    backend = caches["default"]
    local = isinstance(backend, LocMemCache)
    before = set(backend._cache) if local else None
    for n in range(20):
        assert _get(client, http_host=f"acak{n}.example").status_code == 400
    if local:
        assert set(backend._cache) == before
    assert all(cache.get(scoped_key(hosts.DOMAINS_SCOPE, f"host:acak{n}.example")) is None for n in range(20))


def test_a_made_up_host_creates_no_domains_stamp(client, db):
    assert _get(client, http_host="acak.example").status_code == 400
    assert cache.get(stamp_key(hosts.DOMAINS_SCOPE)) is None


def test_the_page_cache_keeps_each_host_apart(client, taan, taan_article):
    taan.domain = OWN
    taan.save()
    assert client.get("/", HTTP_HOST=host("taan"))["X-Cache"] == "miss"
    assert client.get("/", HTTP_HOST=host("taan"))["X-Cache"] == "hit"
    _verify(taan)
    # The page built on the subdomain is never the own domain's, nor served any more on the subdomain.
    assert _get(client)["X-Cache"] == "miss"
    assert client.get("/", HTTP_HOST=host("taan")).status_code == 301


def test_case_and_trailing_dot_share_one_cache_entry(client, taan_own, taan_article):
    assert _get(client)["X-Cache"] == "miss"
    assert _get(client, http_host="TAAN.Desa.ID.")["X-Cache"] == "hit"


def test_another_port_is_another_cache_entry(client, taan_own, taan_article):
    assert _get(client)["X-Cache"] == "miss"
    assert _get(client, http_host=f"{OWN}:8000")["X-Cache"] == "miss"


def test_an_inactive_villages_own_domain_shows_no_news(client, taan_own, taan_article):
    taan_own.is_active = False
    taan_own.save()
    assert _get(client).status_code == 404
    assert _get(client, taan_article.get_absolute_url()).status_code == 404


def test_old_wordpress_links_answer_301_on_the_own_domain(client, taan_own, taan_article):
    from imports.models import OldLink

    OldLink.objects.create(village=taan_own, path="/?p=11", article=taan_article)
    response = _get(client, "/?p=11")
    assert response.status_code == 301
    assert response["Location"] == "/berita/panen-kakao/"


def test_the_portal_refuses_to_start_with_every_host_allowed_and_no_host_check(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "villages.middleware.SiteMiddleware"]
    assert [e.id for e in check_hosts_are_checked(None)] == ["kimportal.E010"]


def test_the_portal_refuses_to_start_with_the_host_check_behind_other_middleware(settings):
    settings.ALLOWED_HOSTS = ["*"]
    rest = [m for m in settings.MIDDLEWARE if m != "villages.middleware.SiteMiddleware"]
    settings.MIDDLEWARE = [*rest, "villages.middleware.SiteMiddleware"]
    assert [e.id for e in check_hosts_are_checked(None)] == ["kimportal.E011"]


def test_the_settings_as_shipped_pass_the_host_check():
    assert check_hosts_are_checked(None) == []
    assert not [e for e in checks.run_checks(tags=[checks.Tags.security]) if e.id.startswith("kimportal.E01")]
