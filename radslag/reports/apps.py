from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "radslag.reports"
    label = "reports"
