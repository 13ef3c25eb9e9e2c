from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = "Desa dan pengguna"

    def ready(self):
        from villages import checks, signals  # noqa: F401
