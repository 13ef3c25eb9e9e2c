from django.urls import path

from desk import readership, site_export, views

app_name = "desk"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("berita/<int:pk>/turunkan/", views.moderate, {"action": "take_down"}, name="take_down"),
    path("berita/<int:pk>/pulihkan/", views.moderate, {"action": "restore"}, name="restore"),
    path("aktivitas/", views.activity, name="activity"),
    path("aktivitas.csv", views.activity_csv, name="activity_csv"),
    path("aktivitas/<str:slug>/", views.activity_village, name="activity_village"),
    path("pembaca/", readership.readership, name="readership"),
    path("pembaca.csv", readership.readership_csv, name="readership_csv"),
    path("log/", views.audit_log, name="audit_log"),
    path("cek-fakta/", views.fact_check, name="fact_check"),
    path("desa-baru/", views.add_village, name="add_village"),
    path("impor/", views.import_site, name="import_site"),
    path("impor/<int:pk>/", views.import_run, name="import_run"),
    path("ekspor/", site_export.export, name="export"),
    path("ekspor/<int:run_pk>/unduh/", site_export.download, name="export_download"),
    path("domain/", views.own_domains, name="own_domains"),
    path("domain/<slug:slug>/", views.own_domain, name="own_domain"),
]
