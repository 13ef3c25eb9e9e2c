"""The beacon: POST /_baca on a village's host counts one read.

Pages are counted by our own small script (static/js/offline.js)
rather than where they are served, because a page may be served by the
page cache before any view runs, or by a CDN or nginx keeping it for its
s-maxage, where Django never sees it. The beacon reaches Django whichever
answered the page (it is a POST: no cache keeps it), crawlers and link
previews mostly never send it (they run no script), and the page cache's
hit path stays exactly as it was.

The script is the counting part of static/js/offline.js, the village
pages' one script (a second file would cost its own request and headers,
past the first view's 2 KB budget of script). It posts the page's path and
token (readership_beacon), the share marker of the link (?s=wa) and the
host name of document.referrer.

It is answered here, under the page cache and above everything else: no
session, no village lookup, no database; an HMAC check and one increment
in the cache (counter.py). It sets no cookie and keeps nothing about the
reader: the user agent is only asked whether it is a bot, and the referrer
only which of five places it is.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.utils import timezone

from readership import bots, counter
from readership.sources import source_of
from villages.hosts import VILLAGE, split_port

BEACON_PATH = "/_baca"
# What offline.js sends is some 150 bytes; anything much longer is not from it.
MAX_BODY = 2048


def _answer(status, text=""):
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


class BeaconMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.flushed_at = time.monotonic()
        bots.warm_up()

    def __call__(self, request):
        if request.path_info != BEACON_PATH:
            return self.get_response(request)
        if request.site.kind != VILLAGE or not settings.KIM_COUNT_READS:
            return self.get_response(request)  # the ordinary 404
        response = self.beacon(request)
        self.flush_if_local()
        return response

    def beacon(self, request):
        if request.method != "POST":
            response = _answer(405, "Hanya POST.")
            response["Allow"] = "POST"
            return response
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = MAX_BODY + 1
        if length > MAX_BODY:
            return _answer(413, "Terlalu panjang.")
        data = request.POST
        slug, path = request.site.slug, data.get("p", "")
        if not counter.is_countable(slug, path, data.get("t")):
            return _answer(400, "Halaman ini tidak dihitung.")
        day = timezone.localdate()
        if bots.is_bot(request.META.get("HTTP_USER_AGENT", "")):
            counter.count_bot(slug, day)
        else:
            own_host = split_port(request.get_host())[0]
            counter.count_read(slug, path, source_of(data.get("s"), data.get("r"), own_host), day)
        return _answer(204)

    def flush_if_local(self):
        """A local-memory cache lives in this process only: no flush_reads
        process can see its counters, so this one adds them to the rows
        every KIM_READS_FLUSH_SECONDS."""
        if not isinstance(caches["default"], LocMemCache):
            return
        if time.monotonic() - self.flushed_at >= settings.KIM_READS_FLUSH_SECONDS:
            self.flushed_at = time.monotonic()
            counter.flush()
