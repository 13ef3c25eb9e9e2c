"""Serving anonymous readers whole pages from the cache (see stamps.py).

A cached page is keyed by scheme, host (as the site knows it), port, path, query string (without a
share's tracking parameters), Save-Data and gzip, and remembers the stamps
it was built under: it is served only while they are the current ones. The
stamps and the entry come back in one round trip to the cache, which is all
a cached page costs.

The entry is stored in a form nginx reads too (entries.py): in front of
Gunicorn, nginx serves the hot pages itself from Redis under the same rule
(deploy/nginx/lua/kimportal/edge.lua), with the same key, computed the same
way; whatever it is unsure of, it passes here.
"""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip as accepts_gzip
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date, parse_http_date_safe, urlencode

from pagecache import entries, stamps
from pagecache.signals import next_change

log = logging.getLogger(__name__)


def expires_at(request):
    """When, without any save, what this site shows will next change."""
    moments = [moment for _, moment in next_change.send(sender=None, request=request) if moment is not None]
    return min(moments, default=None)


def may_use_cache(request):
    """An anonymous GET or HEAD of a public page."""
    if settings.KIM_PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    # Where there are sessions, a signed-in user may see pages of their own
    # (the admin's, its messages); elsewhere a session cookie means nothing.
    return not request.site.has_sessions or settings.SESSION_COOKIE_NAME not in request.COOKIES


# Added to shared links by Facebook (a new fbclid on every click), Google,
# Instagram and newsletters, and our own share marker (?s=wa, read only by
# the readership beacon's script in the browser). No page depends on them;
# kept in the key, every reader arriving from a share would miss the cache.
TRACKING_PARAMETER = re.compile(r"(utm_[a-z_]+|fbclid|gclid|igshid|mc_cid|mc_eid|s)$")


def _query_for_key(request):
    """The query string as a key holds it: only the parameters pages read
    (KIM_PAGE_CACHE_PARAMETERS), each once and in its one normal form, in a
    fixed order, without a share's tracking parameters. None when the query
    holds anything else: that page is built and sent, never stored, so made-up
    parameters cannot fill the cache."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return ""
    wanted = settings.KIM_PAGE_CACHE_PARAMETERS
    kept = {}
    for name, values in request.GET.lists():
        if TRACKING_PARAMETER.match(name):
            continue
        pattern = wanted.get(name)
        if pattern is None or len(values) != 1 or not re.fullmatch(pattern, values[0]):
            return None
        kept[name] = values[0]
    return urlencode(sorted(kept.items()))


def page_key(request):
    """One entry per representation of a URL, or None for a request whose
    page must not be stored. The stamps an entry was built under are kept
    inside it (see Entry), so a change needs no new key and a lookup needs
    no stamps first."""
    query = _query_for_key(request)
    if query is None:
        return None
    meta = request.META
    gzip = "gzip" if accepts_gzip.search(meta.get("HTTP_ACCEPT_ENCODING", "")) else ""
    save_data = "on" if meta.get("HTTP_SAVE_DATA", "").strip().lower() == "on" else ""
    # The host as the site knows it (request.site.host: lower case, no
    # trailing dot), so TAAN.desa.id. and taan.desa.id share one entry, with
    # the port the reader came in on, if any: one entry per host, never
    # shared. Behind nginx the Host header is nginx's $host (no port), the
    # very name its Lua puts in this key.
    port = request.get_host().rpartition("]")[2].partition(":")[2]
    host = f"{request.site.host}:{port}" if port else request.site.host
    wanted = f"{request.scheme}://{host}{request.path}?{query}|{save_data}|{gzip}"
    # SHA-1 because nginx's Lua has it built in (ngx.sha1_bin), and it
    # computes this same key; only pages Django built as 200 are stored.
    digest = hashlib.sha1(wanted.encode("utf-8", "surrogateescape")).hexdigest()
    return f"kim:page:{digest}"

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

    A miss goes through the whole stack; the stamps read here are kept on
    the request (stamps.for_request) for whatever else the build needs them for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lookup = self._lookup(request)
        if lookup is None:
            return self.get_response(request)
        key, current, entry = lookup
        if key is None:
            response = self.get_response(request)
            response["X-Cache"] = "bypass"
            return response
        if entry is not None and entry.stamps == self._named(request, current):
            return self._answer(request, self._restore(entry, "hit"))
        stamps.remember(request, current)
        response = self.get_response(request)
        # The stamps read before the page was built (or, for a site that had
        # none, made before it was): if something changed meanwhile, the
        # entry is already out of date and is never served.
        built_under = stamps.for_request(request, create=False)
        if built_under is None or not self._may_store(response):
            return response
        self._store(request, key, built_under, response)
        return self._answer(request, response)

    @staticmethod
    def _lookup(request):
        """(key, current stamps or None, entry or None), or None when this
        request cannot be answered from the cache at all."""
        if request.path_info.startswith(_SKIPPED_PREFIXES) or not may_use_cache(request):
            return None
        key = page_key(request)
        if key is None:
            return None, None, None
        stamp_keys = stamps.keys_of(request)
        try:
            found = cache.get_many([*stamp_keys, key])
        except Exception:
            log.exception("Page cache unavailable")
            return None
        if not all(stamps.is_stamp(found.get(k)) for k in stamp_keys):
            return key, None, None
        return key, tuple(found[k] for k in stamp_keys), entries.unpack(found.get(key))

    @staticmethod
    def _named(request, values):
        """Stamps as an entry names them: (key, value as text) pairs."""
        if values is None:
            return None
        return tuple((key, str(value)) for key, value in zip(stamps.keys_of(request), values))

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
        upcoming = expires_at(request)
        if upcoming is not None:
            timeout = max(0, min(timeout, int((upcoming - timezone.now()).total_seconds())))
        # Readers' browsers check back every time (and get a 304 while the
        # page is unchanged); a CDN or proxy in front may keep it briefly.
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.KIM_SHARED_CACHE_SECONDS)
        # The key tells Save-Data on from off; so must every cache after us.
        patch_vary_headers(response, ("Save-Data",))
        response["Last-Modified"] = http_date()
        set_response_etag(response)
        response["X-Cache"] = "miss"
        if timeout > 0:
            headers = [(h, v) for h, v in response.items() if h != "X-Cache"]
            # Whole seconds, rounded down: never after the cache drops it.
            until = int(time.time()) + timeout
            try:
                entry = entries.pack(
                    self._named(request, built_under), until, response.status_code, headers, response.content
                )
                cache.set(key, entry, timeout)
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

