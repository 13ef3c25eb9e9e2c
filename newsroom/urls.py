"""The newsroom, on the base domain: /redaksi/<village>/..."""

from django.urls import path

from newsroom import identity, inbox, site_pages, team, uploads, views

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
    path("<slug:slug>/identitas/", identity.edit, name="identity"),
    path("<slug:slug>/sampah/<int:pk>/pulihkan/", views.restore, name="restore"),
    path("<slug:slug>/kotak-masuk/", inbox.inbox, name="inbox"),
    path("<slug:slug>/kotak-masuk/<int:pk>/", inbox.tip_detail, name="tip"),
    path("<slug:slug>/kotak-masuk/<int:pk>/teruskan/", inbox.pass_tip, name="pass_tip"),
    path("<slug:slug>/halaman/", site_pages.page_list, name="pages"),
    path("<slug:slug>/halaman/baru/", site_pages.page_new, name="page_new"),
    path("<slug:slug>/halaman/<int:page_pk>/", site_pages.page_edit, name="page"),
    path("<slug:slug>/halaman/<int:page_pk>/pratinjau/", site_pages.page_preview, name="page_preview"),
    path("<slug:slug>/halaman/<int:page_pk>/urutan/", site_pages.page_move, name="page_move"),
    path("<slug:slug>/halaman/<int:page_pk>/tampil/", site_pages.page_visibility, name="page_visibility"),
    path("<slug:slug>/halaman/<int:page_pk>/riwayat/", site_pages.page_revisions, name="page_revisions"),
    path("<slug:slug>/halaman/<int:page_pk>/riwayat/<int:page_revision_pk>/pulihkan/", site_pages.page_restore_revision,
         name="page_restore_revision"),
    path("<slug:slug>/tim/", team.team, name="team"),
    path("<slug:slug>/tim/undang/", team.invite, name="invite"),
    path("<slug:slug>/tim/<int:pk>/", team.member, name="member"),
    path("<slug:slug>/tim/<int:pk>/keluarkan/", team.remove, name="remove_member"),
    path("<slug:slug>/unggah/", uploads.create, name="upload"),
    path("<slug:slug>/unggah/<uuid:upload_id>/", uploads.resource, name="upload_resource"),
    path("<slug:slug>/unggah/<uuid:upload_id>/foto/", uploads.finish, name="upload_photo"),
    path("<slug:slug>/unggah/<uuid:upload_id>/logo/", uploads.finish_image, {"purpose": "logo"}, name="upload_logo"),
    path("<slug:slug>/unggah/<uuid:upload_id>/sampul/", uploads.finish_image, {"purpose": "cover"}, name="upload_cover"),
]
