from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "radslag.messaging"
    label = "messaging"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.messaging.personal_data import RECIPIENTS

        register(RECIPIENTS)
