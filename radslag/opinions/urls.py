from django.urls import path

app_name = "opinions"
urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
