"""Whole public pages come from the cache, and no page stays stale: every
change readers could see rebuilds exactly the pages that show it. The suite
runs these with the local-memory cache and (in the PostgreSQL pass) Redis."""

import datetime
import gzip
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from harness.servers import free_port
from pagecache import entries
from pagecache.stamps import stamp_key
from villages import hosts
from tests.conftest import host
from tests.factories import AnnouncementFactory, ArticleFactory, TopicFactory

ADMIN = host()


def _get(client, path="/", site="taan", **headers):
    return client.get(path, HTTP_HOST=host(site), **headers)


def _text(client, path="/", site="taan"):
    return _get(client, path, site).content.decode()


@pytest.mark.through_nginx
def test_a_repeated_page_comes_from_the_cache_without_queries(client, taan_article):
    assert _get(client)["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = _get(client)
    assert response["X-Cache"] == client.cache_hit
    assert len(queries.captured_queries) == 0


@pytest.mark.through_nginx
def test_the_cache_is_keyed_by_host(client, taan_article, bela):
    assert _get(client, "/berita/panen-kakao/").status_code == 200
    assert _get(client, "/berita/panen-kakao/", "bela").status_code == 404


@pytest.mark.through_nginx
def test_query_string_and_save_data_get_their_own_entries(client, taan_article):
    _get(client)
    assert _get(client, "/?page=1")["X-Cache"] == "miss"
    assert _get(client, HTTP_SAVE_DATA="on")["X-Cache"] == "miss"


@pytest.mark.through_nginx
def test_a_shared_links_tracking_parameters_do_not_miss_the_cache(client, taan_article):
    _get(client, "/berita/panen-kakao/")
    for query in ("fbclid=IwAR0abc", "utm_source=whatsapp&utm_medium=share", "gclid=xyz&fbclid=q"):
        assert _get(client, f"/berita/panen-kakao/?{query}")["X-Cache"] == client.cache_hit
    assert _get(client, "/berita/panen-kakao/?fbclid=x&page=2")["X-Cache"] == "miss"


@pytest.mark.through_nginx
def test_a_lists_later_page_is_kept_and_moves_on_with_the_next_article(client, taan, settings):
    settings.ARTICLES_PER_PAGE = 1
    ArticleFactory(village=taan, title="Berita pertama", slug="pertama")
    ArticleFactory(village=taan, title="Berita kedua", slug="kedua")
    assert _get(client, "/?page=2")["X-Cache"] == "miss"
    assert _get(client, "/?page=2")["X-Cache"] == client.cache_hit
    assert "Berita pertama" in _text(client, "/?page=2")
    ArticleFactory(village=taan, title="Berita ketiga", slug="ketiga")
    assert "Berita kedua" in _text(client, "/?page=2")


def test_pagination_links_drop_a_shares_tracking_parameters(client, taan, settings):
    settings.ARTICLES_PER_PAGE = 1
    ArticleFactory.create_batch(2, village=taan)
    page = _text(client, "/?fbclid=IwAR0abc&page=1")
    assert 'href="?page=2"' in page and "IwAR0abc" not in page


def _publish(village):
    ArticleFactory(village=village, title="Berita baru terbit", slug="berita-baru")


def _edit(article):
    article.title = "Judul sudah diperbaiki"
    article.save()


def _take_down(article, staff):
    article.take_down(staff, "Memuat data pribadi warga.")


def _trash(article):
    article.move_to_trash()


# (what changes, where to look, text that must appear or vanish)
@pytest.mark.through_nginx
@pytest.mark.parametrize("site", ["taan", ""], ids=["village", "district"])
def test_a_published_article_shows_at_once(client, taan_article, site):
    _text(client, site=site)
    _publish(taan_article.village)
    assert "Berita baru terbit" in _text(client, site=site)


@pytest.mark.through_nginx
@pytest.mark.parametrize("path,site", [("/", "taan"), ("/berita/panen-kakao/", "taan"), ("/", ""), ("/rss/", "taan"), ("/atom/", "")])
def test_an_edit_shows_at_once(client, taan_article, path, site):
    assert "Panen kakao" in _text(client, path, site)
    _edit(taan_article)
    assert "Judul sudah diperbaiki" in _text(client, path, site)


@pytest.mark.through_nginx
@pytest.mark.parametrize(
    "path,site", [("/", "taan"), ("/berita/panen-kakao/", "taan"), ("/", ""), ("/rss/", "taan"), ("/sitemap.xml", "taan")]
)
def test_a_taken_down_article_is_gone_as_soon_as_the_take_down_returns(client, taan_article, district_staff, path, site):
    assert "panen-kakao" in _text(client, path, site)
    _take_down(taan_article, district_staff)
    assert "panen-kakao" not in _text(client, path, site)


@pytest.mark.through_nginx
def test_a_trashed_article_is_gone_at_once(client, taan_article):
    _text(client)
    _trash(taan_article)
    assert "panen-kakao" not in _text(client)


@pytest.mark.django_db(transaction=True)
def test_a_change_nginx_could_not_be_told_of_is_still_seen_by_the_next_reader(through_nginx, settings, taan_article):
    settings.KIM_EDGE_NOTIFY = [f"http://127.0.0.1:{free_port()}/stamps-changed"]  # nothing listens there
    _get(through_nginx, "/berita/panen-kakao/")
    assert _get(through_nginx, "/berita/panen-kakao/")["X-Cache"] == "edge"
    taan_article.title = "Panen kakao melimpah"
    taan_article.save()
    assert "Panen kakao melimpah" in _text(through_nginx, "/berita/panen-kakao/")


@pytest.mark.django_db(transaction=True)
def test_a_change_bumps_its_stamps_again_when_it_commits(taan_article):
    # A reader may build a page between the save and the commit, from what
    # is still committed, under the stamps the save bumped: the commit's
    # bump leaves that page behind.
    key = stamp_key(hosts.cache_scope(taan_article.village.slug))
    with transaction.atomic():
        taan_article.title = "Panen kakao melimpah"
        taan_article.save()
        during = cache.get(key)
    assert during is not None and cache.get(key) != during


@pytest.mark.through_nginx
def test_a_scheduled_article_appears_at_its_time_without_any_save(client, taan):
    at = timezone.now() + datetime.timedelta(seconds=2)
    ArticleFactory(village=taan, title="Terbit sebentar lagi", status=Article.Status.SCHEDULED, published_at=at)
    assert "Terbit sebentar lagi" not in _text(client)
    assert _get(client)["X-Cache"] == client.cache_hit
    time.sleep(max(0, (at - timezone.now()).total_seconds()) + 0.1)
    assert "Terbit sebentar lagi" in _text(client)


@pytest.mark.through_nginx
def test_a_new_announcement_shows_at_once(client, taan_article):
    _text(client)
    AnnouncementFactory(title="Imunisasi gratis")
    assert "Imunisasi gratis" in _text(client)


@pytest.mark.through_nginx
def test_an_announcement_starts_at_its_time_without_any_save(client, taan_article):
    at = timezone.now() + datetime.timedelta(seconds=2)
    AnnouncementFactory(title="Mulai sebentar lagi", starts_at=at)
    assert "Mulai sebentar lagi" not in _text(client)
    time.sleep(max(0, (at - timezone.now()).total_seconds()) + 0.1)
    assert "Mulai sebentar lagi" in _text(client)


@pytest.mark.through_nginx
def test_a_village_detail_change_shows_at_once(client, taan_article):
    _text(client)
    taan_article.village.tagline = "Desa kakao dan rumput laut"
    taan_article.village.save()
    assert "Desa kakao dan rumput laut" in _text(client)


@pytest.mark.through_nginx
def test_a_renamed_subdomain_stops_answering_on_the_old_host(client, taan):
    assert _get(client).status_code == 200
    taan.slug = "taan-baru"
    taan.save()
    assert _get(client).status_code == 404
    assert _get(client, site="taan-baru").status_code == 200


@pytest.mark.through_nginx
def test_a_deactivated_village_disappears_at_once(client, taan_article):
    _text(client)
    _text(client, site="")
    taan_article.village.is_active = False
    taan_article.village.save()
    assert _get(client).status_code == 404
    assert "panen-kakao" not in _text(client, site="")


@pytest.mark.through_nginx
def test_a_renamed_topic_shows_in_every_menu_at_once(client, taan_article):
    topic = TopicFactory(name="Pertanian", slug="pertanian")
    assert "Pertanian" in _text(client)
    topic.name = "Pertanian dan Perkebunan"
    topic.save()
    assert "Pertanian dan Perkebunan" in _text(client)
    assert "Pertanian dan Perkebunan" in _text(client, site="")


@pytest.mark.through_nginx
def test_another_villages_change_leaves_this_villages_pages_cached(client, taan_article, bela):
    _get(client)
    ArticleFactory(village=bela)
    assert _get(client)["X-Cache"] == client.cache_hit


@pytest.mark.through_nginx
def test_village_pages_carry_no_cookie_and_no_vary_cookie(client, taan_article):
    for _ in range(2):
        response = _get(client)
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.through_nginx
def test_public_pages_may_be_kept_briefly_by_a_cdn(client, taan_article):
    control = {part.strip() for part in _get(client)["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=30"} <= control


@pytest.mark.through_nginx
def test_an_unchanged_page_answers_304_to_its_etag(client, taan_article):
    etag = _get(client)["ETag"]
    response = _get(client, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


@pytest.mark.through_nginx
def test_an_unchanged_page_answers_304_to_if_modified_since(client, taan_article):
    last_modified = _get(client)["Last-Modified"]
    assert _get(client, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


@pytest.mark.through_nginx
def test_a_changed_page_answers_200_to_an_old_etag(client, taan_article):
    etag = _get(client)["ETag"]
    _edit(taan_article)
    assert _get(client, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.through_nginx
def test_a_page_from_the_cache_carries_the_same_headers_as_when_built(client, taan_article):
    built, cached = _get(client), _get(client)
    assert cached["X-Cache"] == client.cache_hit
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
                   "Content-Type", "Cache-Control", "ETag", "Last-Modified", "Vary"):
        assert cached[header] == built[header], header
    assert cached.content == built.content


@pytest.mark.through_nginx
def test_compressed_and_plain_copies_are_kept_apart(client, taan_article):
    plain = _get(client)
    assert _get(client, HTTP_ACCEPT_ENCODING="gzip")["X-Cache"] == "miss"
    compressed = _get(client, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert compressed["X-Cache"] == client.cache_hit and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    again = _get(client)
    assert again["X-Cache"] == client.cache_hit and "Content-Encoding" not in again and again.content == plain.content


@pytest.mark.through_nginx
def test_signed_in_staff_on_the_district_portal_bypass_the_cache(client, district_staff, taan_article):
    _get(client, site="")
    client.force_login(district_staff)
    assert "X-Cache" not in _get(client, site="")


@pytest.mark.through_nginx
def test_admin_pages_are_never_cached(client, district_staff):
    client.force_login(district_staff)
    for _ in range(2):
        response = client.get("/admin/", HTTP_HOST=ADMIN)
        assert "X-Cache" not in response
        assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]


@pytest.mark.through_nginx
def test_made_up_subdomains_leave_nothing_in_the_cache(client, db):
    assert _get(client, site="acak-acakan").status_code == 404
    assert cache.get(stamp_key("village:acak-acakan")) is None


def test_pages_are_still_served_when_the_cache_is_down(client, taan_article, settings):
    settings.CACHES = {
        "default": {"BACKEND": "kimportal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = _get(client)
    assert response.status_code == 200 and "panen-kakao" in response.content.decode()


@pytest.fixture
def own_redis(settings):
    """A real Redis of the test's own, as the cache."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--maxmemory-policy", "noeviction"],
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
        settings.CACHES = {"default": {"BACKEND": "kimportal.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"}}
        yield client
    finally:
        server.terminate()
        server.wait()


def test_a_page_is_served_when_the_cache_refuses_to_store_it(client, taan_article, own_redis):
    _get(client)
    for key in own_redis.scan_iter("*kim:page:*"):
        own_redis.delete(key)
    # Out of memory with nothing it may evict: reads work, writes fail.
    own_redis.config_set("maxmemory", 1)
    with pytest.raises(Exception, match="maxmemory"):
        cache.set("probe", 1)
    response = _get(client)
    assert response.status_code == 200 and response["X-Cache"] == "miss"
    assert "panen-kakao" in response.content.decode()


def test_the_redis_cache_keeps_counters_pages_and_pickled_values_apart(own_redis):
    cache.set("stamp", 7)
    cache.incr("stamp")
    page = entries.pack((("kim:stamp:global", "8"),), 1767225600, 200, [("Content-Type", "text/html")], b"\x80 seperti pickle")
    cache.set("page", page)
    pickled = (8, b"\x80 halaman yang dimulai seperti pickle")
    cache.set("pickled", pickled)
    cache.set("digits", "12345")
    cache.set("bytes of digits", b"12345")
    assert own_redis.get(cache.make_key("stamp")) == b"8"  # stored as a number, so Redis can count it
    assert own_redis.get(cache.make_key("page")) == page  # stored as it is, so nginx can read it
    assert cache.get_many(["stamp", "page", "pickled", "digits", "bytes of digits"]) == {
        "stamp": 8, "page": page, "pickled": pickled, "digits": "12345", "bytes of digits": b"12345"
    }


@pytest.mark.through_nginx
def test_a_bulk_update_that_skips_save_still_rebuilds_the_pages(client, taan_article):
    assert "Panen kakao" in _text(client)
    Article.objects.filter(pk=taan_article.pk).update(title="Judul diganti sekaligus")
    assert "Judul diganti sekaligus" in _text(client)


@pytest.mark.through_nginx
def test_deleting_from_the_admin_list_rebuilds_the_pages(client, taan_article, district_staff):
    _text(client)
    client.force_login(district_staff)
    response = client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [taan_article.pk], "post": "yes"}, HTTP_HOST=ADMIN,
    )
    assert response.status_code == 302
    client.logout()
    assert "panen-kakao" not in _text(client)


# Finding 5: anyone could flood the cache: every made-up query parameter or
# Save-Data value built and stored another full page.


def _page_keys():
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        return [key for key in backend._cache if ":kim:page:" in key]
    client = backend._cache.get_client()
    return list(client.scan_iter(f"*{backend.key_prefix}*kim:page:*"))


@pytest.mark.through_nginx
def test_made_up_query_parameters_are_served_but_never_stored(client, taan_article):
    before = len(_page_keys())
    for n in range(30):
        response = _get(client, f"/?acak{n}=x")
        assert response.status_code == 200 and response["X-Cache"] == "bypass"
        assert "Panen kakao" in response.content.decode()
    assert len(_page_keys()) == before


def test_only_the_normal_form_of_a_parameter_is_stored(client, taan, settings):
    settings.ARTICLES_PER_PAGE = 1
    ArticleFactory.create_batch(3, village=taan)
    assert _get(client, "/?page=2")["X-Cache"] == "miss"
    assert _get(client, "/?page=2")["X-Cache"] == "hit"
    for odd in ("/?page=02", "/?page=2&page=3", "/?page=2x", "/?page=-1", "/?page=99999999"):
        assert _get(client, odd)["X-Cache"] == "bypass", odd
    assert _get(client, "/cari/?q=panen+kakao")["X-Cache"] == "miss"
    assert _get(client, "/cari/?q=panen+kakao")["X-Cache"] == "hit"
    for odd in ("/cari/?q=panen++kakao", "/cari/?q=+panen", "/cari/?q=" + "a" * 300, "/cari/?q=satu+dua+tiga+empat+lima+enam+tujuh+delapan+sembilan"):
        assert _get(client, odd)["X-Cache"] == "bypass", odd


@pytest.mark.through_nginx
def test_save_data_is_on_or_off(client, taan_article):
    _get(client, HTTP_SAVE_DATA="on")
    assert _get(client, HTTP_SAVE_DATA="ON")["X-Cache"] == client.cache_hit
    _get(client)
    for value in ("off", "acak-123", "1"):
        assert _get(client, HTTP_SAVE_DATA=value)["X-Cache"] == client.cache_hit, value


@pytest.mark.through_nginx
def test_every_cached_page_says_it_varies_with_save_data(client, taan_article):
    """Finding 10: /buletin/ changed with Save-Data without saying so, while
    s-maxage let shared caches keep it."""
    for path in ("/", "/buletin/", "/berita/panen-kakao/", "/arsip/", "/rss/"):
        response = _get(client, path)
        assert "save-data" in response["Vary"].lower(), path


def test_pages_still_serve_while_redis_evicts(client, taan, own_redis):
    """With the memory limit the deploy files give Redis (allkeys-lru), a
    flood of distinct pages evicts old entries instead of filling memory."""
    own_redis.config_set("maxmemory", 2 * 1024 * 1024)
    own_redis.config_set("maxmemory-policy", "allkeys-lru")
    ArticleFactory.create_batch(3, village=taan)
    for n in range(300):
        response = _get(client, f"/cari/?q=kata{n}")
        assert response.status_code == 200 and response["X-Cache"] == "miss"
    assert int(own_redis.info("memory")["used_memory"]) <= 2 * 1024 * 1024
    assert int(own_redis.info("stats")["evicted_keys"]) > 0
    assert _get(client)["X-Cache"] in ("miss", "hit")
