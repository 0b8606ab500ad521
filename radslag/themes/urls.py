from django.urls import path

app_name = "themes"
urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
