from django.urls import path

app_name = "contributions"
urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
