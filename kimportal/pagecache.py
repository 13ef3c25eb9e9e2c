"""Whole pages for anonymous readers, served from the cache and never stale.

A cached page is keyed by scheme, host, path, query string (without a
share's tracking parameters), Save-Data and gzip, and is valid only while the
version stamps of what it shows are the ones it was built under:

- one stamp per village (by subdomain): its articles, photos and details;
- one for the district portal, which shows every village;
- one global stamp: topics (in every menu), kecamatan names and district
  announcements, which appear on many sites at once.

A change bumps the stamps it touches (signals in villages/signals.py and
articles/signals.py, and ArticleQuerySet.update() where a change bypasses
signals), so the next request finds its entry out of date, builds a fresh
page and overwrites it. The stamps and the entry come back in one round trip
to the cache, which is all a cached page costs. Stamps live in the same cache
as the pages, which is why production needs a shared cache (Redis or
Memcached) as soon as more than one process serves: a local-memory cache
bumped in one Gunicorn worker is not seen by the others.

Time changes pages too, without any save: a scheduled article going live,
an announcement starting or ending. Every entry lives only until the next
such moment (next_change), so those need no cron job either.
"""

import hashlib
import logging
import re
import uuid
from collections import namedtuple

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip as accepts_gzip
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from villages import hosts

log = logging.getLogger(__name__)

GLOBAL = "kim:stamp:global"
# Far longer than any page lives; a stamp that expires only costs a rebuild.
STAMP_SECONDS = 30 * 24 * 60 * 60
DISTRICT = "kim:stamp:district"


def village_stamp_key(slug):
    return f"kim:stamp:village:{slug}"


def stamps(slug=None, create=True):
    """The current stamps a site's pages depend on. Missing ones are created
    (a stamp evicted from the cache simply starts a new generation), unless
    `create` is false: then the answer is None, so a flood of made-up
    subdomains leaves nothing behind in the cache."""
    keys = [GLOBAL, village_stamp_key(slug) if slug else DISTRICT]
    try:
        found = cache.get_many(keys)
        if len(found) == len(keys):
            return [found[key] for key in keys]
        if not create:
            return None
        missing = {key: uuid.uuid4().hex[:12] for key in keys if key not in found}
        cache.set_many(missing, STAMP_SECONDS)
    except Exception:
        # Readers still get pages, built fresh, while the cache is down
        # (/healthz reports it). Saves, which must bump stamps, fail instead:
        # better an editor retrying than a reader shown a stale page later.
        log.exception("Page cache unavailable")
        return None
    return [found.get(key) or missing[key] for key in keys]


def _bump(*keys):
    cache.set_many({key: uuid.uuid4().hex[:12] for key in keys}, STAMP_SECONDS)


def village_changed(*slugs):
    """A village's own pages and the district portal must be rebuilt."""
    _bump(DISTRICT, *(village_stamp_key(slug) for slug in slugs if slug))


def everything_changed():
    _bump(GLOBAL)


def next_change(village):
    """When, without any save, what this site shows will next change."""
    from articles.models import Announcement, Article

    moments = [Article.objects.next_publication(village), Announcement.objects.next_change()]
    return min((m for m in moments if m is not None), default=None)


def may_use_cache(request, on_village_host):
    """An anonymous GET or HEAD of a public page."""
    if settings.KIM_PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    # On the district portal a signed-in user may see the admin's pages
    # and messages; village hosts never carry a session.
    return on_village_host or settings.SESSION_COOKIE_NAME not in request.COOKIES


# Added to shared links by Facebook (a new fbclid on every click), Google,
# Instagram and newsletters. No page depends on them; kept in the key, every
# reader arriving from a share would miss the cache.
TRACKING_PARAMETER = re.compile(r"(utm_[a-z_]+|fbclid|gclid|igshid|mc_cid|mc_eid)$")


def _query_for_key(request):
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return ""
    return "&".join(part for part in query.split("&") if not TRACKING_PARAMETER.match(part.split("=", 1)[0]))


def page_key(request, host):
    """One entry per representation of a URL: the stamps it was built under
    are kept inside the entry (see Entry), so a change needs no new key and a
    lookup needs no stamps first."""
    meta = request.META
    gzip = "gzip" if accepts_gzip.search(meta.get("HTTP_ACCEPT_ENCODING", "")) else ""
    wanted = f"{request.scheme}://{host}{request.path}?{_query_for_key(request)}|{meta.get('HTTP_SAVE_DATA', '')}|{gzip}"
    digest = hashlib.sha256(wanted.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return f"kim:page:{digest}"


# A stored page: what the reader was sent, exactly, and the stamps current
# when it was built. Plain values, so a hit costs one small unpickle.
Entry = namedtuple("Entry", "stamps status headers content")

# Files never reach the page cache; WhiteNoise (or nginx) serves them.
_SKIPPED_PREFIXES = tuple(
    prefix for prefix in ("/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/")) if prefix != "/"
)


class PageCacheMiddleware:
    """Serves anonymous GET and HEAD requests for public pages from the
    cache, at the top of the stack: a hit costs one round trip to the cache
    (the site's stamps and the page fetched together), no database and none
    of the other middleware. What is stored is the response as the reader
    got it, after compression and the security headers, so a hit only has to
    send it (or a 304).

    A miss goes through the whole stack; VillageMiddleware reuses the stamps
    read here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lookup = self._lookup(request)
        if lookup is None:
            return self.get_response(request)
        key, current, entry = lookup
        if entry is not None and entry.stamps == current:
            return self._answer(request, self._restore(entry, "hit"))
        if current is not None:
            request.site_stamps = current
        response = self.get_response(request)
        # The stamps read before the page was built: if something changed
        # meanwhile, the entry is already out of date and is never served.
        built_under = getattr(request, "site_stamps", None)
        if built_under is None or not self._may_store(response):
            return response
        self._store(request, key, tuple(built_under), response)
        return self._answer(request, response)

    @staticmethod
    def _lookup(request):
        """(key, current stamps or None, entry or None), or None when this
        request cannot be answered from the cache at all."""
        if request.path_info.startswith(_SKIPPED_PREFIXES):
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # VillageMiddleware answers 400
        site = hosts.site_for_host(host)
        if site is None or not may_use_cache(request, site.kind == hosts.VILLAGE):
            return None
        key = page_key(request, host)
        stamp_keys = [GLOBAL, village_stamp_key(site.slug) if site.slug else DISTRICT]
        try:
            found = cache.get_many([*stamp_keys, key])
        except Exception:
            log.exception("Page cache unavailable")
            return None
        if not all(k in found for k in stamp_keys):
            return key, None, None
        return key, tuple(found[k] for k in stamp_keys), found.get(key)

    @staticmethod
    def _may_store(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "")
        if any(word in control for word in ("private", "no-store", "no-cache")):
            return False
        return "cookie" not in response.get("Vary", "").lower()

    @staticmethod
    def _restore(entry, how):
        response = HttpResponse(entry.content, status=entry.status)
        for header, value in entry.headers:
            response.headers[header] = value
        response["X-Cache"] = how
        return response

    def _store(self, request, key, built_under, response):
        timeout = settings.KIM_PAGE_CACHE_SECONDS
        upcoming = next_change(getattr(request, "village", None))
        if upcoming is not None:
            timeout = max(0, min(timeout, int((upcoming - timezone.now()).total_seconds())))
        # Readers' browsers check back every time (and get a 304 while the
        # page is unchanged); a CDN or proxy in front may keep it briefly.
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.KIM_SHARED_CACHE_SECONDS)
        response["Last-Modified"] = http_date()
        set_response_etag(response)
        response["X-Cache"] = "miss"
        if timeout > 0:
            headers = [(h, v) for h, v in response.items() if h != "X-Cache"]
            try:
                cache.set(key, Entry(built_under, response.status_code, headers, response.content), timeout)
            except Exception:
                # The page is built; the reader gets it even if the cache
                # went away since the lookup.
                log.exception("Page cache unavailable")

    @staticmethod
    def _answer(request, response):
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            last_modified = parse_http_date_safe(response["Last-Modified"])
            return get_conditional_response(request, response.get("ETag"), last_modified, response)
        return response


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.KIM_PAGE_CACHE_SECONDS > 0 and backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "CACHE_URL is local memory: each Gunicorn worker keeps its own pages and stamps, "
                "so a page changed through one worker can stay stale in another.",
                hint="Set CACHE_URL=redis://127.0.0.1:6379/0 (or memcached://), or KIM_PAGE_CACHE_SECONDS=0.",
                id="kimportal.W001",
            )
        ]
    return []
