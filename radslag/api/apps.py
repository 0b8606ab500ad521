from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "radslag.api"
    label = "api"
