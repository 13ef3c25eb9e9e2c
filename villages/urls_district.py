from django.urls import path

from villages import views

app_name = "directory"
urlpatterns = [
    path("", views.directory, name="list"),
]
