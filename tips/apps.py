from django.apps import AppConfig


class TipsConfig(AppConfig):
    name = "tips"
    verbose_name = "Kabar dari warga"
