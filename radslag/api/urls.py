from django.urls import path

urlpatterns: list = []

__all__ = ["path"]
