from django.urls import path

from radslag.accounts import views

app_name = "accounts"
urlpatterns = [
    path("mina-uppgifter/", views.my_data, name="my_data"),
    path("mina-uppgifter/ladda-ner/", views.my_data_download, name="my_data_download"),
    path("personal/roller/", views.roles, name="roles"),
    path("personal/roller/<int:pk>/ta-bort/", views.role_remove, name="role_remove"),
]
