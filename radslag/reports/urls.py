from django.urls import path

app_name = "reports"
urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
