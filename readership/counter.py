"""Live read counters in the shared cache, and the flush that adds them to
the daily rows (models.py).

A read is one increment of one counter: in Redis, one HINCRBY on the hash
of the village's day (`kim:reads:<day>:<slug>`), whose field names the
source and the page ("whatsapp /berita/panen/"; "bot" for refused bots).
Every application server increments the same hash, so two servers count
into one total. The hash expires KIM_READS_COUNTER_DAYS after its last read.

The flush (`manage.py flush_reads`, every few minutes) claims each live
hash by renaming it (atomic: a read arriving meanwhile starts a new one),
then adds the claimed counts to the rows and records the claim's name
(FlushedBatch) in the same transaction, and only then deletes the claimed
hash. Running it twice, or two at once, adds nothing twice; a flush that
dies halfway leaves claimed hashes the next one finishes.

Other caches (the local-memory cache of development and the tests, files,
memcached) keep each village's day as one dict, changed under a lock of
this process: exact within one process, which is what those caches serve.
With the local-memory cache the counters live in the serving process, so
that process flushes them itself (see middleware.py).

Which pages may be counted is proved by a token: the page carries an HMAC
of its village and path (`page_token`), and a beacon without the right one
is refused. Made-up paths, and another village's pages sent to this
village's host, count nothing, and checking costs no database.
"""

import datetime
import logging
import threading
import uuid
from collections import Counter, namedtuple

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from articles.models import Article
from readership.models import SOURCES, DailyPageReads, DailyReads, FlushedBatch
from villages.models import Village

log = logging.getLogger(__name__)

BOT = "bot"
LIVE = "kim:reads:"
CLAIMED = "kim:reads-claimed:"


def page_token(slug, path):
    return salted_hmac("kim.readership.page", f"{slug}\n{path}").hexdigest()[:24]


def is_countable(slug, path, token):
    return bool(path) and len(path) <= 255 and constant_time_compare(page_token(slug, path), token or "")


def _seconds():
    return settings.KIM_READS_COUNTER_DAYS * 24 * 60 * 60


# A claimed village day: its name (unique per claim), day, village slug,
# {field: count}, and what to call once its counts are in the database.
Batch = namedtuple("Batch", "name day slug counts done")


def _glob(text):
    """`text` as a literal in a Redis MATCH pattern."""
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)


class RedisCounters:
    def __init__(self, backend):
        self.backend = backend

    def _client(self):
        return self.backend._cache.get_client(write=True)

    def add(self, day, slug, field):
        key = self.backend.make_key(f"{LIVE}{day.isoformat()}:{slug}")
        # One round trip: the increment, and the expiry pushed back.
        pipe = self._client().pipeline(transaction=False)
        pipe.hincrby(key, field, 1)
        pipe.expire(key, _seconds())
        pipe.execute()

    def claim(self):
        client = self._client()
        live = self.backend.make_key(LIVE)
        claimed = self.backend.make_key(f"{CLAIMED}{uuid.uuid4().hex[:12]}:")
        for key in client.scan_iter(match=_glob(live) + "*", count=1000):
            try:
                client.rename(key, claimed.encode() + key[len(live):])
            except redis.ResponseError:  # flushed by another flush meanwhile
                continue
        prefix = self.backend.make_key(CLAIMED)
        for key in client.scan_iter(match=_glob(prefix) + "*", count=1000):
            name = key[len(prefix):].decode()
            _, day, slug = name.split(":")
            counts = {field.decode(): int(n) for field, n in client.hgetall(key).items()}
            yield Batch(name, day, slug, counts, lambda key=key: client.delete(key))


class LocalCounters:
    """For caches without atomic counters of their own; see the module docstring."""

    INDEX = "kim:reads-index"
    lock = threading.Lock()

    def __init__(self, backend):
        self.backend = backend

    def add(self, day, slug, field):
        key = f"{LIVE}{day.isoformat()}:{slug}"
        with self.lock:
            counts = self.backend.get(key) or {}
            counts[field] = counts.get(field, 0) + 1
            index = self.backend.get(self.INDEX) or set()
            if key not in index:
                index.add(key)
                self.backend.set(self.INDEX, index, _seconds())
            self.backend.set(key, counts, _seconds())

    def claim(self):
        with self.lock:
            index = self.backend.get(self.INDEX) or set()
            found = self.backend.get_many(list(index))
            self.backend.delete_many([*index, self.INDEX])
        token = uuid.uuid4().hex[:12]
        for key, counts in found.items():
            day, slug = key[len(LIVE):].split(":")
            yield Batch(f"{token}:{day}:{slug}", day, slug, counts, lambda: None)


def counters():
    backend = caches["default"]
    return RedisCounters(backend) if isinstance(backend, RedisCache) else LocalCounters(backend)


def count_read(slug, path, source, day=None):
    """One read of `path` on the village `slug`'s site; `source` is one of
    models.SOURCES, or sources.INTERNAL."""
    counters().add(day or timezone.localdate(), slug, f"{source} {path}")


def count_bot(slug, day=None):
    counters().add(day or timezone.localdate(), slug, BOT)


def flush():
    """Adds every live counter to the daily rows; (reads, bots) added."""
    reads = bots = 0
    for batch in counters().claim():
        added = add_batch(batch)
        reads, bots = reads + added[0], bots + added[1]
        batch.done()
    # Claimed hashes expire with the counters; their names are needed no longer.
    FlushedBatch.objects.filter(flushed_at__lt=timezone.now() - datetime.timedelta(days=settings.KIM_READS_COUNTER_DAYS + 1)).delete()
    return reads, bots


def add_batch(batch):
    """Adds a claimed batch to the rows, unless it was added before; (reads, bots) added."""
    with transaction.atomic():
        _, new = FlushedBatch.objects.get_or_create(name=batch.name)
        if not new:
            return 0, 0
        return _apply(datetime.date.fromisoformat(batch.day), batch.slug, batch.counts)


def _apply(day, slug, counts):
    village = Village.objects.filter(slug=slug).first()
    if village is None:  # renamed or removed since: its counts name no one
        log.warning("Reads for an unknown village %r dropped", slug)
        return 0, 0
    totals, pages = Counter(), Counter()
    for field, n in counts.items():
        if field == BOT:
            totals["bots"] += n
            continue
        source, _, path = field.partition(" ")
        totals["reads"] += n
        if source in SOURCES:
            totals[source] += n
        pages[path] += n
    row, _ = DailyReads.objects.get_or_create(village=village, day=day)
    DailyReads.objects.filter(pk=row.pk).update(**{name: F(name) + n for name, n in totals.items()})
    articles = _articles_by_path(village, pages)
    for path, n in pages.items():
        page, _ = DailyPageReads.objects.get_or_create(
            village=village, day=day, path=path, defaults={"article_id": articles.get(path)}
        )
        DailyPageReads.objects.filter(pk=page.pk).update(reads=F("reads") + n)
    return totals["reads"], totals["bots"]


def _articles_by_path(village, paths):
    """{path: article id} for the article pages among `paths`."""
    slugs = {path.split("/")[2] for path in paths if path.count("/") == 3 and path.startswith("/berita/")}
    if not slugs:
        return {}
    articles = Article.objects.for_village(village).filter(slug__in=slugs).only("slug", "village")
    return {article.get_absolute_url(): article.pk for article in articles}
