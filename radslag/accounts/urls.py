from django.urls import path

from radslag.accounts import views, views_records

app_name = "accounts"
urlpatterns = [
    path("mina-uppgifter/", views.my_data, name="my_data"),
    path("mina-uppgifter/ladda-ner/", views.my_data_download, name="my_data_download"),
    path("mina-uppgifter/radering/", views_records.erasure_request_file, name="erasure_request_file"),
    path("personal/roller/", views.roles, name="roles"),
    path("personal/radering/", views_records.erasure_requests, name="erasure_requests"),
    path("personal/radering/<int:pk>/", views_records.erasure_request_detail, name="erasure_request"),
    path("personal/gallring/", views_records.retention, name="retention"),
    path("personal/roller/<int:pk>/ta-bort/", views.role_remove, name="role_remove"),
]
