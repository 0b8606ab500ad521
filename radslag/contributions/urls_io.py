from django.urls import path

app_name = "contributions_io"
urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
