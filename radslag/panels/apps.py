from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "radslag.panels"
    label = "panels"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.panels.personal_data import PANEL_MEMBERSHIPS

        register(PANEL_MEMBERSHIPS)
