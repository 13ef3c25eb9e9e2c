"""Version stamps: one per site scope and one global, bumped by changes.

A cached value is valid only while the stamps it was built under are the
current ones; a change bumps the stamps it touches, so the next request
finds its entry out of date and builds afresh. Stamps live in the same cache
as the pages, which is why production needs a shared cache (Redis or
Memcached) as soon as more than one process serves: a local-memory cache
bumped in one Gunicorn worker is not seen by the others.

Every key built from stamps is made here: stamp keys, `versioned_key`
for values that hold while a site's stamps stand (the village lookup), and
`scoped_key` for values that hold while one named stamp stands (which
village an own domain names).

A stamp is a random positive integer: Redis keeps it as its digits, which
nginx reads without Python (pagecache/entries.py). Random, not counted up,
so a stamp evicted and made again never repeats one an old entry holds.
A value of any other kind (a stamp from before they were integers) counts
as missing and is replaced.
"""

import hashlib
import logging
import secrets
import time

from django.core.cache import cache
from django.db import transaction

from pagecache import edge

log = logging.getLogger(__name__)

# Topics, kecamatan names, author names, district announcements: shown on
# many sites at once.
GLOBAL = "global"
# Far longer than any page lives; a stamp that expires only costs a rebuild.
STAMP_SECONDS = 30 * 24 * 60 * 60
# Where a request's stamps are remembered once read (see for_request).
_MEMO = "_page_cache_stamps"


def stamp_key(scope):
    return f"kim:stamp:{scope}"


def scopes_of(request):
    """The stamps a request's pages depend on: the global one and the site's."""
    return (GLOBAL, request.site.cache_scope)


def keys_of(request):
    return [stamp_key(scope) for scope in scopes_of(request)]


def new_stamp():
    return secrets.randbits(52) + 1


def is_stamp(value):
    return type(value) is int


def remember(request, stamps):
    setattr(request, _MEMO, tuple(stamps) if stamps is not None else None)


def for_request(request, create=True):
    """The current stamps of the request's site, read once per request (the
    page cache's lookup may already have read them with the page).

    Missing stamps are created (a stamp evicted from the cache simply starts
    a new generation), unless `create` is false: then the answer is None, so
    a flood of made-up subdomains leaves nothing behind in the cache."""
    known = getattr(request, _MEMO, None)
    if known is not None:
        return known
    keys = keys_of(request)
    try:
        found = {key: value for key, value in cache.get_many(keys).items() if is_stamp(value)}
        if len(found) < len(keys):
            if not create:
                return None
            missing = {key: new_stamp() for key in keys if key not in found}
            cache.set_many(missing, STAMP_SECONDS)
            found.update(missing)
    except Exception:
        # Readers still get pages, built fresh, while the cache is down
        # (/healthz reports it). Saves, which must bump stamps, fail instead:
        # better an editor retrying than a reader shown a stale page later.
        log.exception("Page cache unavailable")
        return None
    stamps = tuple(found[key] for key in keys)
    remember(request, stamps)
    return stamps


def versioned_key(request, name):
    """The key of a value that holds while the request's site stamps stand,
    or None while the site has no stamps."""
    stamps = for_request(request, create=False)
    if stamps is None:
        return None
    return f"kim:{name}:{request.site.cache_scope}:{'.'.join(map(str, stamps))}"


def scoped_key(scope, name, create=False):
    """The key of `name`'s value while the stamp of `scope` stands, or None.

    Without `create`, a missing stamp is not made and the answer is None:
    a lookup that finds nothing asks with create=False and writes nothing,
    so a flood of made-up names leaves nothing behind in the cache; one that
    finds something asks with create=True before keeping it. `name` may be
    anything (a host name of 253 characters): the key holds its digest."""
    key = stamp_key(scope)
    try:
        stamp = cache.get(key)
        if not is_stamp(stamp):
            if not create:
                return None
            if stamp is None:
                # add, not set: two workers making it at once agree on one.
                cache.add(key, new_stamp(), STAMP_SECONDS)
            else:  # a stamp from before stamps were integers
                cache.set(key, new_stamp(), STAMP_SECONDS)
            stamp = cache.get(key)
    except Exception:
        log.exception("Page cache unavailable")
        return None
    if not is_stamp(stamp):
        return None
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return f"kim:{scope}:{digest}:{stamp}"


def _write(scopes):
    cache.set_many({stamp_key(scope): new_stamp() for scope in scopes}, STAMP_SECONDS)


def _bump(*scopes):
    # At once, so a save fails while the cache is down (see for_request)...
    written_at = time.monotonic()
    _write(scopes)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        edge.stamps_changed(written_at)
        return
    # ...and again after the commit: a reader may build a page in between,
    # from what is still committed, under the new stamps. Written and told
    # once per transaction, whatever number of saves it holds (a bulk
    # delete): the first of its callbacks takes every scope, the rest find
    # none. (Scopes of a rolled-back transaction are bumped with the next
    # one's: a needless rebuild, never a stale page.)
    connection.__dict__.setdefault(_PENDING, set()).update(scopes)
    transaction.on_commit(lambda: _after_commit(connection))


# The scopes bumped in a transaction, kept on its connection until it commits.
_PENDING = "_page_cache_pending_scopes"


def _after_commit(connection):
    scopes = connection.__dict__.pop(_PENDING, None)
    if not scopes:
        return
    written_at = time.monotonic()
    try:
        _write(scopes)
    except Exception:
        # Committed already: the editor's work is saved, and the stamps
        # written before the commit stand (only a page built in between,
        # in this same moment, could be out of date).
        log.exception("Page cache unavailable at commit")
    edge.stamps_changed(written_at)


def site_changed(*scopes):
    """The pages of these sites must be rebuilt."""
    if scopes:
        _bump(*scopes)


def everything_changed():
    _bump(GLOBAL)
