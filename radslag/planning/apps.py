from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "radslag.planning"
    label = "planning"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.planning.personal_data import PROJECT_ROLES

        register(PROJECT_ROLES)
