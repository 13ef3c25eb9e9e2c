from django.urls import path

from articles import desk
from villages import desk as village_desk

app_name = "desk"
urlpatterns = [
    path("", desk.feed, name="feed"),
    path("berita/<int:pk>/turunkan/", desk.moderate, {"action": "take_down"}, name="take_down"),
    path("berita/<int:pk>/pulihkan/", desk.moderate, {"action": "restore"}, name="restore"),
    path("aktivitas/", desk.activity, name="activity"),
    path("aktivitas.csv", desk.activity_csv, name="activity_csv"),
    path("aktivitas/<str:slug>/", desk.activity_village, name="activity_village"),
    path("log/", village_desk.audit_log, name="audit_log"),
    path("desa-baru/", village_desk.add_village, name="add_village"),
]
