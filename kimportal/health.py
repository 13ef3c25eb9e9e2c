"""/healthz: 200 only when the database, the cache and media storage all work.
The body says only "ok" or "gagal" (failed): details go to the log, not to
whoever asks."""

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def _media():
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as f:
            return f.read() == b"ok"
    finally:
        default_storage.delete(name)


CHECKS = {"database": _database, "cache": _cache, "media": _media}


@never_cache
def healthz(request):
    failed = []
    for name, check in CHECKS.items():
        try:
            if not check():
                failed.append(name)
        except Exception:
            log.exception("healthz: %s check failed", name)
            failed.append(name)
    if failed:
        log.error("healthz: failing %s", ", ".join(failed))
        return HttpResponse("gagal\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
