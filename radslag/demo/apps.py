from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "radslag.demo"
    label = "demo"
