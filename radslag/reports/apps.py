from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "radslag.reports"
    label = "reports"

    def ready(self) -> None:
        from radslag.reports import links

        links.register()
