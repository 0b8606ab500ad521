from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "radslag.contributions"
    label = "contributions"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.contributions.personal_data import CONTRIBUTIONS

        register(CONTRIBUTIONS)
