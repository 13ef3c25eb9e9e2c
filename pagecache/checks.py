from django.conf import settings
from django.core import checks


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


@checks.register(checks.Tags.caches, deploy=True)
def check_edge_notified(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.KIM_BEHIND_PROXY and "Redis" in backend and not settings.KIM_EDGE_NOTIFY:
        return [
            checks.Warning(
                "Behind nginx with a Redis page cache, but KIM_EDGE_NOTIFY is set empty: if nginx's edge is in "
                "front, it trusts the stamps it read for a second, so a change can take that long to show.",
                hint="Unset it, or set KIM_EDGE_NOTIFY=http://127.0.0.1:8089/stamps-changed "
                "(deploy/nginx/kimportal.conf); empty only for an nginx without the edge.",
                id="kimportal.W002",
            )
        ]
    return []
