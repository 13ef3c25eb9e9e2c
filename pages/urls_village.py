from django.urls import path

from pages import views

app_name = "pages"
urlpatterns = [
    path("tentang/", views.about, name="about"),
    path("luring/", views.offline, name="offline"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
