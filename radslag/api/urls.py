from django.urls import path

from radslag.api.api import api

urlpatterns = [path("", api.urls)]
