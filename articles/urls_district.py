from django.urls import path

from articles import views

app_name = "district"
urlpatterns = [
    path("", views.district_home, name="home"),
    path("topik/<slug:slug>/", views.district_topic, name="topic"),
]
