from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "radslag.opinions"
    label = "opinions"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.opinions.personal_data import OPINION_PARTICIPATION

        register(OPINION_PARTICIPATION)
