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
