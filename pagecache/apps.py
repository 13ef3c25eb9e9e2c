from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Cache halaman"

    def ready(self):
        from pagecache import checks  # noqa: F401
