from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Ruang redaksi"

    def ready(self):
        from newsroom import checks, notifications  # noqa: F401
