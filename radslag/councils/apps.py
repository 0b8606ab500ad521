from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "radslag.councils"
    label = "councils"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.councils.personal_data import COUNCIL_SEATS

        register(COUNCIL_SEATS)
