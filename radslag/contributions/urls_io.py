from django.urls import path

from radslag.contributions import views_io

app_name = "contributions_io"
urlpatterns = [
    path("personal/processer/<int:pk>/import/", views_io.import_view, name="import"),
    path("personal/processer/<int:pk>/export/", views_io.export_view, name="export"),
    path("personal/import/mall.<str:fmt>", views_io.template_view, name="template"),
]
