from django.apps import AppConfig


class KimPortalConfig(AppConfig):
    """The project as an app, for its whole-portal commands (backup, restore)."""

    name = "kimportal"
    verbose_name = "KIM Portal"
