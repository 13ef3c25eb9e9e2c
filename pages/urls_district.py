from django.urls import path

from pages import views

app_name = "pages"
urlpatterns = [
    path("desa/", views.directory, name="directory"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
