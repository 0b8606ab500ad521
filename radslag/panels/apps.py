from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "radslag.panels"
    label = "panels"
