"""On a village host: the residents' form."""

from django.urls import path

from tips import views

app_name = "tips"
urlpatterns = [
    path("kirim-kabar/", views.tip_form, name="form"),
    path("kirim-kabar/token/", views.token, name="token"),
    path("kirim-kabar/terkirim/", views.sent, name="sent"),
]
