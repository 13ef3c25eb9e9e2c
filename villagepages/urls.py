from django.urls import path

from villagepages import views

app_name = "villagepages"
urlpatterns = [
    path("halaman/<slug:slug>/", views.page, name="page"),
]
