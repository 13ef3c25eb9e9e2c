from django.urls import path

from articles import feeds, views

app_name = "district"
urlpatterns = [
    path("", views.district_home, name="home"),
    path("topik/<slug:slug>/", views.district_topic, name="topic"),
    path("arsip/", views.archive, name="archive"),
    path("arsip/<int:year>/<int:month>/", views.archive, name="archive_month"),
    path("pengumuman/<int:pk>/", views.announcement_detail, name="announcement"),
    path("cari/", views.search, name="search"),
    path("rss/", feeds.rss, name="rss"),
    path("atom/", feeds.atom, name="atom"),
    path("topik/<slug:slug>/rss/", feeds.rss, name="topic_rss"),
    path("topik/<slug:slug>/atom/", feeds.atom, name="topic_atom"),
]
