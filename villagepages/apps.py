from django.apps import AppConfig


class VillagePagesConfig(AppConfig):
    name = "villagepages"
    verbose_name = "Halaman desa"

    def ready(self):
        from villagepages import signals  # noqa: F401
