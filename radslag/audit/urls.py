from django.urls import path

from radslag.audit import views

app_name = "audit"
urlpatterns = [
    path("personal/logg/", views.log, name="log"),
    path("personal/logg/export.csv", views.log_export, name="log_export"),
]
