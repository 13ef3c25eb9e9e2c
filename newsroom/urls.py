"""The newsroom, on the base domain: /redaksi/<village>/..."""

from django.urls import path

from newsroom import team, uploads, views

app_name = "newsroom"
urlpatterns = [
    path("", views.choose_village, name="choose"),
    path("kabar/", views.notifications, name="notifications"),
    path("pengaturan/", views.preferences, name="preferences"),
    path("panduan/", views.guide, name="guide"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/tulis/", views.write, name="write"),
    path("<slug:slug>/berita/<int:pk>/", views.article, name="article"),
    path("<slug:slug>/berita/<int:pk>/tinjau/", views.review, name="review"),
    path("<slug:slug>/berita/<int:pk>/pratinjau/", views.preview, name="preview"),
    path("<slug:slug>/berita/<int:pk>/minta-perubahan/", views.request_change, name="request_change"),
    path("<slug:slug>/berita/<int:pk>/hapus/", views.delete, name="delete"),
    path("<slug:slug>/berita/<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("<slug:slug>/berita/<int:pk>/riwayat/", views.revisions, name="revisions"),
    path("<slug:slug>/berita/<int:pk>/riwayat/<int:revision_pk>/pulihkan/", views.restore_revision, name="restore_revision"),
    path("<slug:slug>/sampah/", views.trash, name="trash"),
    path("<slug:slug>/sampah/<int:pk>/pulihkan/", views.restore, name="restore"),
    path("<slug:slug>/tim/", team.team, name="team"),
    path("<slug:slug>/tim/undang/", team.invite, name="invite"),
    path("<slug:slug>/tim/<int:pk>/", team.member, name="member"),
    path("<slug:slug>/tim/<int:pk>/keluarkan/", team.remove, name="remove_member"),
    path("<slug:slug>/unggah/", uploads.create, name="upload"),
    path("<slug:slug>/unggah/<uuid:upload_id>/", uploads.resource, name="upload_resource"),
    path("<slug:slug>/unggah/<uuid:upload_id>/foto/", uploads.finish, name="upload_photo"),
]
