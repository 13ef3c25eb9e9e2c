from django.urls import path

from articles import views

app_name = "articles"
urlpatterns = [
    path("", views.village_home, name="village_home"),
    path("berita/<slug:slug>/", views.article_detail, name="detail"),
    path("topik/<slug:slug>/", views.village_topic, name="village_topic"),
]
