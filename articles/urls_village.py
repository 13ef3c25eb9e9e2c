from django.urls import path

from articles import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.village_home, name="village_home"),
    path("berita/<slug:slug>/", views.article_detail, name="detail"),
    path("berita/<slug:slug>/kartu/<str:version>.jpg", views.share_card, name="share_card"),
    path("topik/<slug:slug>/", views.village_topic, name="village_topic"),
    path("penulis/<int:pk>/", views.author_articles, name="author"),
    path("arsip/", views.archive, name="archive"),
    path("arsip/<int:year>/<int:month>/", views.archive, name="archive_month"),
    path("buletin/", views.bulletin, name="bulletin"),
    path("buletin/<int:year>/<int:week>/", views.bulletin, name="bulletin_week"),
    path("pengumuman/<int:pk>/", views.announcement_detail, name="announcement"),
    path("cari/", views.search, name="search"),
    path("rss/", feeds.rss, name="rss"),
    path("atom/", feeds.atom, name="atom"),
    path("topik/<slug:slug>/rss/", feeds.rss, name="topic_rss"),
    path("topik/<slug:slug>/atom/", feeds.atom, name="topic_atom"),
]
