from django.urls import path

app_name = "voting"
urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
